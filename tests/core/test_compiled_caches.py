"""What a new process needs not compute again (issue #14): compiled regular expressions and
compiled rule lists in the user's cache folder, rebuilt when their sources change, never stale,
and never trusted when damaged or foreign."""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import regex

from sumbar_studio.core import diskcache, regexcache
from sumbar_studio.core.checks import rulesdata
from sumbar_studio.core.resources import asset_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(diskcache.ENV_CACHE_DIR, str(folder))
    regexcache.clear_memory()
    rulesdata.clear_cache()
    yield folder
    regexcache.clear_memory()
    rulesdata.clear_cache()


def _child(code: str, cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env[diskcache.ENV_CACHE_DIR] = str(cache)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


# -- compiled regular expressions -------------------------------------------------------------

_PATTERN = r"(?<![\w])(?:(?i:rapat\s+paripurna|sidang)|(?-i:DPRD))(?![\w])"


def test_a_pattern_compiled_once_is_loaded_by_the_next_process(cache_dir):
    first = _child(
        "from sumbar_studio.core import regexcache\n"
        f"print(regexcache.compile({_PATTERN!r}).findall('Rapat  Paripurna DPRD, dprd'))",
        cache_dir,
    )
    assert first.returncode == 0, first.stderr
    # the second process must not parse the pattern: regex.compile refuses to run there
    second = _child(
        "import regex\n"
        "def refuse(*a, **k):\n    raise AssertionError('parsed again')\n"
        "regex.compile = refuse\n"
        "from sumbar_studio.core import regexcache\n"
        f"print(regexcache.compile({_PATTERN!r}).findall('Rapat  Paripurna DPRD, dprd'))",
        cache_dir,
    )
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout == "['Rapat  Paripurna', 'DPRD']\n"


def test_an_edited_pattern_is_a_new_entry_never_a_stale_one(cache_dir):
    assert regexcache.compile(r"\bsidang\b").search("sidang") is not None
    regexcache.save()
    regexcache.clear_memory()
    assert regexcache.compile(r"\brapat\b").search("sidang") is None
    assert regexcache.compile(r"\brapat\b", regex.IGNORECASE).search("RAPAT") is not None


@pytest.mark.parametrize(
    "payload",
    [
        b"garbage",
        pickle.dumps([((r"x", 0), "not a pattern")]),
        # a file someone else wrote, that would run code when unpickled
        pickle.dumps([((r"x", 0), os.system)]),
    ],
)
def test_a_damaged_or_foreign_regex_cache_reads_as_empty(cache_dir, payload):
    diskcache.write(regexcache.cache_path(), payload)
    regexcache.clear_memory()
    assert regexcache.compile(r"x+").fullmatch("xxx")
    assert all(isinstance(p, regex.Pattern) for p in regexcache._patterns.values())


def test_regex_cache_refuses_anything_but_compiled_patterns():
    class Evil:
        def __reduce__(self):
            return (os.system, ("true",))

    with pytest.raises(pickle.UnpicklingError):
        regexcache._Unpickler(__import__("io").BytesIO(pickle.dumps(Evil()))).load()


def test_the_flags_are_regex_own():
    assert (regexcache.IGNORECASE, regexcache.MULTILINE, regexcache.DOTALL, regexcache.V1) == (
        regex.IGNORECASE,
        regex.MULTILINE,
        regex.DOTALL,
        regex.V1,
    )


@pytest.mark.parametrize(
    "text",
    [
        "a.b",
        "DPRD (Sumbar)",
        "x*y+z?",
        "[1-2]{3}",
        "a|b^c$d",
        "a\\b",
        "a#b&c~d",
        "a b\u00a0c\tz",
        "é-ü",
    ],
)
def test_escape_makes_a_literal_regex_reads_as_typed(text):
    assert regexcache.compile(regexcache.escape(text)).fullmatch(text)
    assert regexcache.compile(regexcache.escape(text), regexcache.V1).fullmatch(text)
    assert regex.compile(regex.escape(text)).pattern != "" and regexcache.escape(text) != ""


def test_a_process_with_every_pattern_cached_never_loads_regex_python_half(cache_dir):
    code = (
        "import sys\n"
        "from sumbar_studio.core import regexcache\n"
        f"p = regexcache.compile({_PATTERN!r})\n"
        "print(p.findall('Rapat Paripurna DPRD'), 'regex._regex_core' in sys.modules)\n"
        "import regex\n"  # a later import of the package shares the engine and its patterns
        "print(isinstance(p, regex.Pattern), regex.compile('a+').fullmatch('aa') is not None)\n"
    )
    first = _child(code, cache_dir)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == "['Rapat Paripurna', 'DPRD'] True"  # parsed once
    second = _child(code, cache_dir)
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines() == ["['Rapat Paripurna', 'DPRD'] False", "True True"]


# -- compiled rule lists ----------------------------------------------------------------------


def _rules_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    shipped = asset_path("rules", "lexicon.txt").read_text(encoding="utf-8")
    (folder / "lexicon.txt").write_text(shipped + "\nsipadek\n", encoding="utf-8")
    return folder


def _same_rules(a: rulesdata.Rules, b: rulesdata.Rules) -> None:
    assert a.items == b.items and a.specs == b.specs
    assert a.lexicon_exact == b.lexicon_exact and a.lexicon_lower == b.lexicon_lower
    assert a.baku == b.baku and a.roster == b.roster and a.thresholds == b.thresholds
    for name in ("baku_phrases", "clickbait", "sara", "secrets"):
        assert getattr(a, name).pattern == getattr(b, name).pattern
    assert [getattr(p, "pattern", None) for p in a.campaign] == [
        getattr(p, "pattern", None) for p in b.campaign
    ]
    assert a.known_index.closest("Forkompinda") == b.known_index.closest("Forkompinda")


def test_rules_come_from_the_compiled_cache_and_equal_a_fresh_build(cache_dir, tmp_path):
    folder = _rules_folder(tmp_path).resolve()
    built = rulesdata.load_rules(folder, people=("Rina Marlina",))
    assert list((cache_dir / "rules").glob("*.bin"))
    rulesdata.clear_cache()  # a new process: only the disk cache is left
    calls = []
    real = rulesdata._build
    try:
        rulesdata._build = lambda *a, **k: calls.append(a) or real(*a, **k)
        cached = rulesdata.load_rules(folder, people=("Rina Marlina",))
    finally:
        rulesdata._build = real
    assert calls == []  # nothing parsed or compiled again
    assert cached is not built
    _same_rules(cached, built)
    _same_rules(cached, rulesdata._build(folder, ("Rina Marlina",)))
    assert cached.known_word("sipadek") and cached.known_word("Marlina")


def test_rules_cache_is_rebuilt_when_a_rule_file_changes(cache_dir, tmp_path):
    folder = _rules_folder(tmp_path).resolve()
    assert not rulesdata.load_rules(folder).known_word("pokdarwis")
    with (folder / "lexicon.txt").open("a", encoding="utf-8") as fh:
        fh.write("pokdarwis\n")
    rulesdata.clear_cache()
    assert rulesdata.load_rules(folder).known_word("pokdarwis")
    # the people are part of the key too
    rulesdata.clear_cache()
    assert rulesdata.load_rules(folder, people=("Zulkaranain",)).known_word("Zulkaranain")
    assert len(list((cache_dir / "rules").glob("*.bin"))) == 1  # older entries are removed


def test_rules_cache_is_rebuilt_when_the_builder_code_changes(cache_dir, tmp_path, monkeypatch):
    folder = _rules_folder(tmp_path).resolve()
    key = rulesdata.rules_cache_key(folder)
    monkeypatch.setattr(rulesdata, "RULES_FORMAT", rulesdata.RULES_FORMAT + 1)
    assert rulesdata.rules_cache_key(folder) != key


def test_a_team_pattern_refused_when_loaded_is_not_kept(cache_dir, tmp_path):
    folder = _rules_folder(tmp_path).resolve()
    (folder / "campaign.txt").write_text("re:(?:kata|kata)+x\n", encoding="utf-8")
    rules = rulesdata.load_rules(folder)
    assert any(getattr(p, "refused", "") for p in rules.campaign)
    assert not list((cache_dir / "rules").glob("*.bin"))  # tried again by the next process


@pytest.mark.parametrize("damage", ["truncate", "foreign", "other_key"])
def test_a_damaged_or_foreign_rules_cache_is_rebuilt(cache_dir, tmp_path, damage):
    folder = _rules_folder(tmp_path).resolve()
    rulesdata.load_rules(folder)
    (path,) = (cache_dir / "rules").glob("*.bin")
    key = rulesdata.rules_cache_key(folder)
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "foreign":  # code that would run when unpickled
        diskcache.write(path, pickle.dumps((key, os.system)))
    else:  # a file for other sources under this name
        rules = rulesdata._build(folder)
        diskcache.write(path, pickle.dumps(("another key", rules)))
    rulesdata.clear_cache()
    assert rulesdata.load_rules(folder).known_word("sipadek")


# -- counting: the fast UTF-8 emoji length equals the character-by-character one ---------------


def _reference_utf8_emoji_length(text: str) -> int:
    """The previous implementation, one character at a time."""
    from sumbar_studio.core.text.counting import _EMOJI_START, emoji_clusters

    normalized = unicodedata.normalize("NFC", text)
    clusters = emoji_clusters(normalized)
    length = 0
    i = 0
    while i < len(normalized):
        end = clusters.get(i)
        if end is None and _EMOJI_START.match(normalized[i]) and ord(normalized[i]) > 0x2000:
            end = i + 1
        if end is not None:
            length += len(normalized[i:end].encode("utf-8"))
            i = end
        else:
            length += 1
            i += 1
    return length


def test_utf8_emoji_length_matches_the_character_by_character_count():
    from sumbar_studio.core.text.counting import utf8_emoji_length

    pool = ["a", " ", "é", "e\u0301", "😀", "👍🏽", "👨‍👩‍👧", "🇮🇩", "1\ufe0f\u20e3", "#\u20e3"]
    pool += ["©", "®", "™", "\u200d", "\ufe0f", "€", "字", "🧑\u200d💻", "❤", "❤\ufe0f", "☀"]
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 14)))
        assert utf8_emoji_length(text) == _reference_utf8_emoji_length(text), text


# -- where the caches live ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "xdg, home",
    [
        (None, "/home/rina"),
        ("/var/tmp/cache-rina", "/home/rina"),
        ("relative/cache", "/home/rina"),  # not absolute: ignored, as XDG says
        ("", "/home/rina"),
        ("/srv/cache/", "/root"),
    ],
)
def test_the_cache_folder_is_platformdirs_own_answer(monkeypatch, xdg, home):
    from platformdirs import user_cache_dir

    monkeypatch.delenv(diskcache.ENV_CACHE_DIR, raising=False)
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert diskcache.cache_folder() == user_cache_dir("SumbarStudio", appauthor=False)
    assert diskcache.cache_dir() == Path(user_cache_dir("SumbarStudio", appauthor=False))

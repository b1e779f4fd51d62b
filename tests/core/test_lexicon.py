"""The compiled spelling dictionary: same answers as spylls, a cache that is built once, reused,
rebuilt when the dictionary changes and survives damage, and suggestions with bounded work."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from sumbar_studio.core.checks import lexicon
from sumbar_studio.core.resources import asset_path

ID_ID = asset_path("dictionaries", "id_ID")
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"

TINY_AFF = """SET UTF-8
TRY aeinrstkumlgopbdhjcy
FLAG long
CIRCUMFIX A1
NEEDAFFIX A2
REP 1
REP kna kan

PFX B0 Y 1
PFX B0 0 ber .

PFX K1 Y 1
PFX K1 0 ke/A1 .

SFX a1 Y 1
SFX a1 0 an/A1 .

SFX k0 Y 2
SFX k0 0 kan .
SFX k0 0 kan/n0 .

SFX n0 Y 1
SFX n0 0 nya .
"""
TINY_DIC = """4
rapat/B0k0
sehat/K1a1
lapor/k0
tua/A2B0
"""


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """A small dictionary of our own in a folder we can change, with its own cache folder."""
    monkeypatch.setenv(lexicon.ENV_CACHE_DIR, str(tmp_path / "cache"))
    folder = tmp_path / "dict"
    folder.mkdir()
    (folder / "tiny.aff").write_text(TINY_AFF, encoding="utf-8")
    (folder / "tiny.dic").write_text(TINY_DIC, encoding="utf-8")
    return folder / "tiny"


@pytest.fixture(scope="module")
def id_lexicon():
    return lexicon.load(ID_ID)


@pytest.fixture(scope="module")
def id_spylls():
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(str(ID_ID))


# -- the same answers as spylls --------------------------------------------------------------


def test_tiny_dictionary_forms_follow_the_affix_rules(tiny):
    lx = lexicon.load(tiny)
    assert lx.forms is not None
    for word in (
        "rapat",
        "berrapat",
        "rapatkan",
        "rapatkannya",
        "berrapatkan",
        "lapor",
        "laporkannya",
        "sehat",
        "kesehatan",
        "bertua",
        "Rapat",
        "RAPAT",
        "rapat-rapat",
    ):
        assert lx.lookup(word), word
    # circumfix halves alone, a NEEDAFFIX stem alone, unknown words
    for word in ("kesehat", "sehatan", "tua", "rapatnya", "lapork", "xyz", "rapat-xyz"):
        assert not lx.lookup(word), word


def test_lookup_matches_spylls_on_thousands_of_words(id_lexicon, id_spylls):
    rng = random.Random(14)
    words: set[str] = set()
    for path in CORPUS.glob("*.txt"):
        words.update(re.findall(r"[\w'-]+", path.read_text(encoding="utf-8")))
    forms = list(id_lexicon.forms.iterkeys())
    words.update(rng.sample(forms, 600))
    for word in list(words):
        if len(word) > 3:
            i = rng.randrange(len(word))
            words.update({word[:i] + word[i + 1 :], word[:i] + word[i] + word[i:]})
        words.update({word.capitalize(), word.upper()})
    for _ in range(150):
        a, b = rng.sample(forms, 2)
        words.update({f"{a}-{b}", f"{a}-{a}", f"{a}-xq"})
    words.update({"-rapat", "rapat-", "-", "--", "12", "3.5", "DPRD", "Dprd"})
    words = sorted(words)
    assert len(words) > 2500
    mismatches = [w for w in words if id_lexicon.lookup(w) != id_spylls.lookup(w)]
    assert mismatches == []


def test_spylls_attributes_still_reachable(id_lexicon):
    assert id_lexicon.aff.TRY.startswith("aeinrst")
    assert id_lexicon.dic.homonyms("rapat")


# -- the cache ---------------------------------------------------------------------------------


def _cache_files(tmp_path):
    return sorted((tmp_path / "cache" / "spelling").glob("*.lex"))


def test_cache_is_built_once_and_reused(tiny, tmp_path, monkeypatch):
    lexicon.load(tiny)
    files = _cache_files(tmp_path)
    assert len(files) == 1
    assert files[0].read_bytes().startswith(lexicon.MAGIC)

    def must_not_compile(*_args):
        raise AssertionError("the cache should have been reused")

    monkeypatch.setattr(lexicon, "compile_payload", must_not_compile)
    assert lexicon.load(tiny).lookup("berrapat")
    assert _cache_files(tmp_path) == files


def test_cache_rebuilt_when_the_dictionary_changes(tiny, tmp_path):
    assert not lexicon.load(tiny).lookup("sidang")
    old = _cache_files(tmp_path)
    tiny.with_suffix(".dic").write_text(
        TINY_DIC.replace("4\n", "5\n") + "sidang/B0\n", encoding="utf-8"
    )
    lx = lexicon.load(tiny)
    assert lx.lookup("sidang") and lx.lookup("bersidang")
    new = _cache_files(tmp_path)
    assert len(new) == 1 and new != old  # the stale version is gone


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"garbage",
        lambda raw: raw[:-10] + bytes(10),  # bytes changed: the checksum catches it
        lambda raw: b"",
    ],
)
def test_damaged_cache_is_rebuilt_silently(tiny, tmp_path, damage):
    lexicon.load(tiny)
    (path,) = _cache_files(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    lx = lexicon.load(tiny)
    assert lx.lookup("rapatkannya") and not lx.lookup("rapatnya")
    (rebuilt,) = _cache_files(tmp_path)
    lexicon._read_payload(rebuilt, lexicon.source_key(tiny))  # whole again


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated: marisa must never map it
        lambda raw: raw[:-10] + bytes(10),
        lambda raw: b"",
        None,  # gone
    ],
)
def test_a_damaged_or_missing_trie_is_rebuilt_silently(tiny, tmp_path, damage):
    lexicon.load(tiny)
    (trie,) = sorted((tmp_path / "cache" / "spelling").glob("*.trie"))
    if damage is None:
        trie.unlink()
    else:
        trie.write_bytes(damage(trie.read_bytes()))
    lx = lexicon.load(tiny)
    assert lx.lookup("rapatkannya") and not lx.lookup("rapatnya")
    # the rebuilt trie is whole and mapped by the next load
    assert lexicon.load(tiny).lookup("berrapat")
    assert len(list((tmp_path / "cache" / "spelling").glob("*.trie"))) == 1


def test_unwritable_cache_folder_still_answers(tiny, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(lexicon.ENV_CACHE_DIR, str(blocker))
    assert lexicon.load(tiny).lookup("berrapat")


def test_cache_goes_to_the_user_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(lexicon.ENV_CACHE_DIR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert lexicon.cache_dir() == tmp_path / "xdg" / "SumbarStudio"


def test_code_version_is_part_of_the_key(tiny, monkeypatch):
    key = lexicon.source_key(tiny)
    monkeypatch.setattr(lexicon, "FORMAT", lexicon.FORMAT + 1)
    assert lexicon.source_key(tiny) != key


# -- suggestions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, expected",
    [
        ("pengunaannya", "penggunaannya"),
        ("kesejahteraanya", "kesejahteraannya"),
        ("mempertanggungjawabkanya", "mempertanggungjawabkannya"),
        ("Jakrta", "Jakarta"),
        ("PENGUMUMN", "PENGUMUMAN"),
        ("rapaṭ", "rapat"),
        ("anggran", "anggaran"),
    ],
)
def test_suggestions_put_the_likely_word_first(id_lexicon, word, expected):
    assert id_lexicon.suggest(word)[0] == expected


def test_suggestions_prefer_plain_forms(id_lexicon):
    out = id_lexicon.suggest("kesejahteraanya", limit=20)
    plain = [not any(c.isupper() for c in s) for s in out]
    assert out[0] == "kesejahteraannya"
    assert plain == sorted(plain, reverse=True)  # "kesejahteraanNya" never before a plain form


class _CountingTrie:
    """Wraps the trie to count membership tests: the measure of a suggestion's work."""

    def __init__(self, trie):
        self.trie, self.tests, self.iterated = trie, 0, 0

    def __contains__(self, word):
        self.tests += 1
        return word in self.trie

    def iterkeys(self, prefix):
        for key in self.trie.iterkeys(prefix):
            self.iterated += 1
            yield key


@pytest.mark.parametrize(
    "word",
    [
        "a" + "\u0301" * 100_000,  # a combining-mark bomb
        "x" * 100_000,
        "pertanggungjawaban" * 50,
    ],
)
def test_hostile_words_get_no_suggestions_and_no_work(id_lexicon, monkeypatch, word):
    counter = _CountingTrie(id_lexicon.forms)
    monkeypatch.setattr(id_lexicon, "forms", counter)
    assert id_lexicon.suggest(word) == []
    assert counter.tests == 0 and counter.iterated == 0
    assert id_lexicon.lookup(word) is False


def test_suggestion_work_is_bounded_by_the_length_cap(id_lexicon, monkeypatch):
    counter = _CountingTrie(id_lexicon.forms)
    monkeypatch.setattr(id_lexicon, "forms", counter)
    word = "mempertanggungjawabkanyaberkesinambungan"[: lexicon.MAX_SUGGEST_LENGTH]
    id_lexicon.suggest(word)
    letters = len(set(id_lexicon.aff.TRY.lower()) | set(word))
    # single edits: about (2 x letters + 3) per position, twice for the capitalised variant
    assert counter.tests <= 2 * (2 * letters + 4) * (len(word) + 1) + 200
    assert counter.iterated <= lexicon.MAX_FUZZY_POOL


def test_suggestions_stop_at_the_time_budget(id_lexicon, monkeypatch):
    full = _CountingTrie(id_lexicon.forms)
    monkeypatch.setattr(id_lexicon, "forms", full)
    id_lexicon.suggest("mempertanggungjawabkanyx")
    monkeypatch.setattr(lexicon, "SUGGEST_BUDGET", 0.0)
    cut = _CountingTrie(full.trie)
    monkeypatch.setattr(id_lexicon, "forms", cut)
    id_lexicon.suggest("mempertanggungjawabkanyx")
    assert full.iterated > 0 and cut.iterated == 0  # the fuzzy stage never started
    assert cut.tests < full.tests / 4  # the edit stage stopped after its first position


def test_hostile_hyphenated_word_is_decided_without_enumerating_splits(id_lexicon, monkeypatch):
    word = "-".join(["rapat"] * 11)  # 2^10 ways to split at the hyphens
    calls = []
    good = id_lexicon._good
    monkeypatch.setattr(id_lexicon, "_good", lambda w: calls.append(w) or good(w))
    assert id_lexicon.lookup(word)
    assert not id_lexicon.lookup(word + "-xq")
    assert len(calls) < 200


def test_frozen_build_without_module_source_still_loads(tiny, monkeypatch, tmp_path):
    monkeypatch.setattr(lexicon, "__file__", str(tmp_path / "frozen" / "lexicon.pyc"))
    assert lexicon.load(tiny).lookup("rapatkannya")
    assert lexicon.load(tiny).lookup("berrapat")  # and the cache is reused
    assert len(_cache_files(tmp_path)) == 1


def test_cache_with_a_valid_checksum_but_an_unreadable_trie_is_rebuilt(tiny, tmp_path):
    import marshal

    lexicon.load(tiny)
    (path,) = _cache_files(tmp_path)
    raw = path.read_bytes()
    data = marshal.loads(raw[lexicon._HEAD :])
    data["forms"] = b"not a trie"  # e.g. a marisa-trie upgrade that changed its format
    payload = marshal.dumps(data)
    path.write_bytes(lexicon.MAGIC + lexicon._checksum(payload) + payload)
    assert lexicon.load(tiny).lookup("rapatkannya")

"""Rule data the team edits (``assets/rules/``): word lists, thresholds, hashtags, checklist.

``load_rules()`` reads the shipped folder; ``load_rules(path)`` reads another folder (a
workspace's override) where any file it lacks falls back to the shipped one. Results are cached
per folder; :func:`clear_cache` drops them after an edit.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from ..resources import asset_path
from .items import ChecklistItem, RuleSpec, parse_items, parse_rule_specs
from .userpatterns import TeamPattern, team_pattern

RULE_FILES = (
    "checklist.json",
    "lexicon.txt",
    "roster.tsv",
    "baku.tsv",
    "prefixes.tsv",
    "clickbait.txt",
    "campaign.txt",
    "sara.txt",
    "secrets.txt",
    "thresholds.json",
    "hashtags.json",
)


@dataclass(frozen=True)
class RosterEntry:
    name: str
    role: str
    unit: str
    kind: str


@dataclass(frozen=True)
class BakuEntry:
    wrong: str
    right: str
    note: str


@dataclass(frozen=True)
class Rules:
    folder: Path
    items: tuple[ChecklistItem, ...]
    specs: dict[str, RuleSpec]
    lexicon_exact: frozenset[str]  # abbreviations, matched with their capitals
    lexicon_lower: frozenset[str]  # everything else, lower-cased
    roster: tuple[RosterEntry, ...]
    parties: tuple[str, ...]
    baku: dict[str, BakuEntry]  # lower-cased wrong word -> entry
    baku_phrases: regex.Pattern | None  # multi-word entries
    split_words: dict[str, str]  # dimana -> di mana
    join_phrases: dict[str, str]  # "di laksanakan" -> dilaksanakan
    place_words: frozenset[str]
    clickbait: regex.Pattern | None
    campaign: tuple[regex.Pattern | TeamPattern, ...]
    sara: regex.Pattern | None
    secrets: regex.Pattern | None
    thresholds: dict
    hashtags: dict

    def item(self, item_id: str) -> ChecklistItem:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def spec(self, rule_id: str) -> RuleSpec:
        return self.specs[rule_id]

    def known_word(self, word: str) -> bool:
        return word in self.lexicon_exact or word.lower() in self.lexicon_lower


def _lines(path: Path) -> list[str]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip() if not raw.startswith("#") else ""
        if line:
            out.append(line)
    return out


def _tsv(path: Path) -> list[list[str]]:
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        rows.append([c.strip() for c in raw.split("\t")])
    return rows


def _is_caps(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _phrase_body(phrase: str) -> str:
    return r"\s+".join(regex.escape(part) for part in phrase.split())


def phrase_pattern(phrases: list[str]) -> regex.Pattern | None:
    """One pattern for whole-word phrases; ALL-CAPS phrases match case-sensitively."""
    if not phrases:
        return None
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    caps = [_phrase_body(p) for p in ordered if _is_caps(p)]
    other = [_phrase_body(p) for p in ordered if not _is_caps(p)]
    parts = []
    if caps:
        parts.append("(?-i:" + "|".join(caps) + ")")
    if other:
        parts.append("(?i:" + "|".join(other) + ")")
    return regex.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")


_skipping = threading.local()  # team files set aside while a broken one is looked for


def _file(folder: Path, name: str) -> Path:
    candidate = folder / name
    if name in getattr(_skipping, "names", ()):
        return asset_path("rules", name)
    return candidate if candidate.is_file() else asset_path("rules", name)


@lru_cache(maxsize=8)
def _load(folder: Path, signature: tuple = (), skip: frozenset = frozenset()  # noqa: ARG001
          ) -> Rules:  # signature and skip: cache keys only (skip is read through _skipping)
    checklist = json.loads(_file(folder, "checklist.json").read_text(encoding="utf-8"))
    items = parse_items(checklist)
    specs = parse_rule_specs(checklist, {i.id for i in items})

    lexicon_exact: set[str] = set()
    lexicon_lower: set[str] = set()
    # the team's extra words (Settings > rule lists) add to the lexicon, never replace it
    extra = folder / "extra_words.txt"
    entries = _lines(_file(folder, "lexicon.txt")) + (_lines(extra) if extra.is_file() else [])
    for entry in entries:
        for word in entry.split():
            if _is_caps(word) and len(word) > 1:
                lexicon_exact.add(word)
            else:
                lexicon_lower.add(word.lower())

    roster: list[RosterEntry] = []
    parties: list[str] = []
    for row in _tsv(_file(folder, "roster.tsv")):
        row += [""] * (4 - len(row))
        person = RosterEntry(*row[:4])
        roster.append(person)
        if person.kind == "partai":
            parties.append(person.name)
        for word in regex.findall(r"[\w'-]+", person.name):
            (lexicon_exact if _is_caps(word) and len(word) > 1 else lexicon_lower).add(
                word if _is_caps(word) and len(word) > 1 else word.lower()
            )

    baku: dict[str, BakuEntry] = {}
    baku_multi: list[str] = []
    for row in _tsv(_file(folder, "baku.tsv")):
        if len(row) < 2:
            continue
        baku[row[0].lower()] = BakuEntry(row[0], row[1], row[2] if len(row) > 2 else "")
        if " " in row[0]:
            baku_multi.append(row[0])

    split_words: dict[str, str] = {}
    join_phrases: dict[str, str] = {}
    place_words: set[str] = set()
    for row in _tsv(_file(folder, "prefixes.tsv")):
        kind = row[0]
        if kind == "pisah" and len(row) >= 3:
            split_words[row[1].lower()] = row[2]
        elif kind == "gabung" and len(row) >= 3:
            join_phrases[" ".join(row[1].lower().split())] = row[2]
        elif kind == "tempat" and len(row) >= 2:
            place_words.add(row[1].lower())

    party_alt = "|".join(regex.escape(p) for p in sorted(set(parties), key=len, reverse=True))
    campaign_plain = []
    campaign_res = []
    campaign_file = _file(folder, "campaign.txt")
    for line in _lines(campaign_file):
        if line.startswith("re:"):
            body = line[3:].strip().replace("{partai}", party_alt or "(?!)")
            # bounded: refused when invalid or catastrophic, time-limited when run
            campaign_res.append(team_pattern(body, line=line, origin=campaign_file.name))
        else:
            campaign_plain.append(line)
    plain = phrase_pattern(campaign_plain)
    campaign = ((plain,) if plain else ()) + tuple(campaign_res)

    thresholds = json.loads(_file(folder, "thresholds.json").read_text(encoding="utf-8"))
    hashtags = json.loads(_file(folder, "hashtags.json").read_text(encoding="utf-8"))
    return Rules(
        folder=folder,
        items=tuple(items),
        specs=specs,
        lexicon_exact=frozenset(lexicon_exact),
        lexicon_lower=frozenset(lexicon_lower),
        roster=tuple(roster),
        parties=tuple(parties),
        baku=baku,
        baku_phrases=phrase_pattern(baku_multi),
        split_words=split_words,
        join_phrases=join_phrases,
        place_words=frozenset(place_words),
        clickbait=phrase_pattern(_lines(_file(folder, "clickbait.txt"))),
        campaign=campaign,
        sara=phrase_pattern(_lines(_file(folder, "sara.txt"))),
        secrets=phrase_pattern(_lines(_file(folder, "secrets.txt"))),
        thresholds=thresholds,
        hashtags=hashtags,
    )


def _signature(folder: Path) -> tuple:
    """Names, sizes and times of the folder's files: an edited list is loaded afresh."""
    if not folder.is_dir():
        return ()
    return tuple(
        (p.name, st.st_size, st.st_mtime_ns)
        for p in sorted(folder.iterdir())
        if p.is_file() and (st := p.stat())
    )


def load_rules(rules_dir: str | Path | None = None) -> Rules:
    """The rules from ``rules_dir`` (a workspace's rules/ folder), each file falling back to the
    shipped one in assets/rules. Cached until a file in the folder changes."""
    folder = Path(rules_dir).resolve() if rules_dir else asset_path("rules").resolve()
    signature = _signature(folder)
    known = _fallback.get(folder)
    if known is not None and known[0] == signature:
        return _load_skipping(folder, signature, known[1])
    try:
        rules = _load(folder, signature)
    except Exception as error:  # noqa: BLE001 - a team file with a typo must not stop checks
        return _load_without_broken(folder, signature, error)
    _fallback.pop(folder, None)
    return rules


#: folder -> (signature, team files set aside, reason) for a folder with a broken team file
_fallback: dict[Path, tuple[tuple, frozenset, str]] = {}


def _load_skipping(folder: Path, signature: tuple, names: frozenset) -> Rules:
    _skipping.names = names
    try:
        return _load(folder, signature, names)
    finally:
        _skipping.names = ()


def _load_without_broken(folder: Path, signature: tuple, error: Exception) -> Rules:
    """One broken team file (a typo in a list, a bad regex, broken JSON) falls back to the
    shipped file of that name with a warning (:func:`rules_warning`), so one typo never blocks
    every check and export of the team."""
    own = [name for name, _size, _mtime in signature]
    for names in [frozenset({n}) for n in own] + [frozenset(own)]:
        try:
            rules = _load_skipping(folder, signature, names)
        except Exception:  # noqa: BLE001 - try the next file
            continue
        _fallback[folder] = (signature, names, str(error)[:200] or type(error).__name__)
        return rules
    raise error


def rules_warning(rules_dir: str | Path | None) -> str | None:
    """The translated warning about a broken team rule file in ``rules_dir``, if any."""
    from ..i18n import t

    if not rules_dir:
        return None
    folder = Path(rules_dir).resolve()
    load_rules(folder)
    known = _fallback.get(folder)
    if known is None or known[0] != _signature(folder):
        return None
    return t("files.rules_broken", names=", ".join(sorted(known[1])), reason=known[2])


def rule_file_problem(name: str, text: str) -> str | None:
    """Why a rule file with this content would not load (for the Settings editor, checked before
    saving), or None when it is fine."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / name).write_text(text, encoding="utf-8")
        try:
            rules = _load.__wrapped__(Path(tmp).resolve())
        except Exception as exc:  # noqa: BLE001 - any failure is a problem to show
            return str(exc)[:300] or type(exc).__name__
    # a team pattern that loads but is refused (invalid or catastrophic) is a problem too
    refused = [p for p in rules.campaign if isinstance(p, TeamPattern) and p.refused]
    if refused:
        return f"{refused[0].line}: {refused[0].refused}"[:300]
    return None


def clear_cache() -> None:
    _load.cache_clear()
    _fallback.clear()

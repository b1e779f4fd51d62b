"""Rule data the team edits (``assets/rules/``): word lists, thresholds, hashtags, checklist.

``load_rules()`` reads the shipped folder; ``load_rules(path)`` reads another folder (a
workspace's override) where any file it lacks falls back to the shipped one. Results are cached
per folder; :func:`clear_cache` drops them after an edit.
"""

from __future__ import annotations

import io
import json
import os
import zlib
from _thread import allocate_lock as Lock  # threading.Lock itself (threading: 1 ms)
from contextvars import ContextVar
from functools import lru_cache

from .. import diskcache, regexcache
from ..daynames import DAY_NAMES, MONTH_NAMES
from ..records import field, record
from ..resources import asset_file
from .items import ChecklistItem, RuleSpec, parse_items, parse_rule_specs
from .userpatterns import TeamPattern, team_pattern

TYPE_CHECKING = False
if TYPE_CHECKING:  # (folders are strings here: a check of a text needs no pathlib, 2.5 ms)
    from pathlib import Path

    import regex

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
    "editorial.tsv",
    "terikat.tsv",
)


@record(frozen=True)
class RosterEntry:
    name: str
    role: str
    unit: str
    kind: str
    komisi: str = ""

    @property
    def is_person(self) -> bool:
        return self.kind != "partai"


@record(frozen=True)
class BakuEntry:
    wrong: str
    right: str
    note: str


@record(frozen=True)
class Rules:
    folder: str  # the rule folder, resolved
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
    # editorial lists (editorial.tsv, terikat.tsv) and the names of people
    titles: tuple[str, ...] = ()  # lower-case, longest first (offices and name heads)
    offices: frozenset[str] = frozenset()  # the words of offices (jabatan), lower-case
    common_nouns: frozenset[str] = frozenset()  # lower case even before a name (anggota)
    address_terms: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    name_intros: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    bound_forms: dict[str, frozenset[str]] = field(default_factory=dict)
    person_names: tuple[str, ...] = ()  # roster and the team's people, as spelled
    name_parts: frozenset[str] = frozenset()  # their words, lower-cased
    lexicon_lower_files: frozenset[str] = frozenset()  # lexicon + team words, without names
    proper_spellings: dict[str, str] = field(default_factory=dict)  # bukittinggi -> Bukittinggi
    always_capital: frozenset[str] = frozenset()  # lower-case homographs to flag anyway
    connectives: tuple[str, ...] = ()  # sentence connectives that take a comma, longest first
    known_index: KnownIndex | None = None

    def item(self, item_id: str) -> ChecklistItem:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def spec(self, rule_id: str) -> RuleSpec:
        return self.specs[rule_id]

    def known_word(self, word: str) -> bool:
        return word in self.lexicon_exact or word.lower() in self.lexicon_lower


class KnownIndex:
    """The institution's own words (lexicon, team words), for "did you mean" on a misspelled
    capitalised word or abbreviation (Forkompinda -> Forkopimda, DPDR -> DPRD).

    A symmetric-delete index: every word's forms with up to two letters deleted, so a query
    costs a few dictionary look-ups, never a scan of the lexicon."""

    def __init__(self, words: set[str]):
        self.words: dict[str, str] = {}
        for w in sorted(words):  # a capitalised spelling wins over a lower-case one
            if len(w) >= 3 and (w.lower() not in self.words or w != w.lower()):
                self.words[w.lower()] = w
        # a form with letters deleted -> the words (newline-joined) it comes from; built on the
        # first query, kept in the compiled rules cache (strings unpickle 5x faster than sets)
        self._deletes_index: dict[str, str] | None = None
        self._cache: dict[tuple[str, int], str | None] = {}
        self._lock = Lock()

    def __getstate__(self) -> dict:
        """Pickled (the compiled rules cache) with its index, without the answers cache."""
        return {"words": self.words, "index": self._index}

    def __setstate__(self, state: dict) -> None:
        self.words = state["words"]
        self._deletes_index = state["index"]
        self._cache = {}
        self._lock = Lock()

    @property
    def _index(self) -> dict[str, str]:
        index = self._deletes_index
        if index is None:
            with self._lock:
                if self._deletes_index is None:
                    built: dict[str, set[str]] = {}
                    for low in self.words:
                        for d in _deletes(low, 2 if len(low) >= 9 else 1):
                            built.setdefault(d, set()).add(low)
                    self._deletes_index = {d: "\n".join(sorted(w)) for d, w in built.items()}
                index = self._deletes_index
        return index

    def closest(self, word: str, min_length: int = 4) -> str | None:
        """The known word (as written in the lexicon) closest to ``word``, or None. Targets
        shorter than ``min_length`` are not offered (for a capitalised word, which may be a
        name, the callers ask for 6: Ahmad is not a misspelled Ahad)."""
        key = (word, min_length)
        if key not in self._cache:
            if len(self._cache) > 20000:
                self._cache.clear()
            self._cache[key] = self._closest(word, min_length)
        return self._cache[key]

    def _closest(self, word: str, min_length: int) -> str | None:
        low = word.lower()
        if low in self.words or len(low) < 4:
            return None
        caps = word.isupper()
        if caps:
            limit = 1
        elif len(low) < 5:
            return None
        else:
            limit = 2 if len(low) >= 10 else 1
        candidates: set[str] = set()
        index = self._index
        for d in _deletes(low, limit):
            found = index.get(d)
            if found is not None:
                candidates.update(found.split("\n"))
        best: tuple[int, int, str] | None = None
        for cand in candidates:
            if cand[0] != low[0] or (len(cand) < min_length and not caps):
                continue
            dist = osa_distance(low, cand)
            if dist > limit:
                continue
            if caps and (sorted(cand) != sorted(low) and cand not in _doublings(low)):
                continue  # an abbreviation: only swapped or doubled letters, else another one
            key = (dist, abs(len(cand) - len(low)), cand)
            if best is None or key < best:
                best = key
        return self.words[best[2]] if best else None


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def _doublings(word: str) -> set[str]:
    out = set()
    for i in range(len(word)):
        out.add(word[: i + 1] + word[i] + word[i + 1 :])
        if i + 1 < len(word) and word[i + 1] == word[i]:
            out.add(word[:i] + word[i + 1 :])
    return out


def osa_distance(a: str, b: str) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _read(path: str | Path) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def _lines(path: str | Path) -> list[str]:
    out = []
    for raw in _read(path).splitlines():
        line = raw.strip() if not raw.startswith("#") else ""
        if line:
            out.append(line)
    return out


def _tsv(path: str | Path) -> list[list[str]]:
    rows = []
    for raw in _read(path).splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        rows.append([c.strip() for c in raw.split("\t")])
    return rows


def _is_caps(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _phrase_body(phrase: str) -> str:
    return r"\s+".join(regexcache.escape(part) for part in phrase.split())


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
    return regexcache.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")


#: team files set aside while a broken one is looked for (per thread and task)
_skipping: ContextVar[frozenset[str]] = ContextVar("sumbar_rules_skipping", default=frozenset())


def _file(folder: str | Path, name: str) -> str:
    """The folder's own file ``name``, else the shipped one."""
    candidate = os.path.join(folder, name)
    if name in _skipping.get():
        return asset_file("rules", name)
    return candidate if os.path.isfile(candidate) else asset_file("rules", name)


@lru_cache(maxsize=8)
def _load(
    folder: str,
    signature: tuple = (),  # noqa: ARG001
    skip: frozenset = frozenset(),
    people: tuple[str, ...] = (),
) -> Rules:
    # signature: a cache key only; skip: the team files set aside (_file reads _skipping)
    if skip:  # a broken team file set aside: rare, never kept on disk
        return _build(folder, people)
    return _compiled(folder, people)


# -- the compiled rules, kept in the user's cache folder ---------------------------------------

#: Bump when the pickled layout of :class:`Rules` changes (the code's source is in the key too).
RULES_FORMAT = 2  # 2: the folder as a string (no pathlib when unpickled)
#: The modules whose code builds :class:`Rules` (their source is part of the cache key).
_BUILDER_MODULES = ("rulesdata.py", "items.py", "userpatterns.py")
#: What the compiled rules file may contain (module, name); anything else refuses the file.
_PICKLE_ALLOWED = {
    (__name__, "Rules"),
    (__name__, "RosterEntry"),
    (__name__, "BakuEntry"),
    (__name__, "KnownIndex"),
    (f"{__package__}.items", "ChecklistItem"),
    (f"{__package__}.items", "RuleSpec"),
    (f"{__package__}.items", "ItemKind"),
    (f"{__package__}.userpatterns", "TeamPattern"),
    ("regex._regex", "compile"),
}


class _RulesUnpickler(diskcache.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _PICKLE_ALLOWED:
            raise diskcache.UnpicklingError(f"{module}.{name} is not part of the rules")
        if module == "regex._regex":  # the engine alone, not the whole regex package
            return regexcache.engine().compile
        return super().find_class(module, name)


def rules_cache_key(folder: str | Path, people: tuple[str, ...] = ()) -> str:
    """A key over everything :func:`_build` reads: each rule file's path and bytes (the team's
    own or the shipped one), the team's extra words and people, and the builder's source code
    (the app's version where the source is not on disk, as in a frozen build)."""
    from ... import __version__

    parts: list[bytes | str] = [f"sumbar-rules/{RULES_FORMAT}/{__version__}", str(folder)]
    parts.append("\n".join(people))
    extra = os.path.join(folder, "extra_words.txt")
    for path in [_file(folder, name) for name in RULE_FILES] + [extra]:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            data = b"\0missing"
        parts += [path, data]
    here = os.path.dirname(os.path.abspath(__file__))
    for name in _BUILDER_MODULES:
        try:
            with open(os.path.join(here, name), "rb") as fh:
                parts.append(fh.read())
        except OSError:
            parts.append(name)
    return diskcache.content_key(*parts)


def rules_cache_path(folder: str | Path, key: str) -> str:
    """The compiled rules of ``folder`` (one file per folder: an older one is replaced). The
    name carries a digest of the key; the file carries the whole key, checked when read."""
    name = f"rules-{zlib.crc32(str(folder).encode()):08x}"
    return diskcache.entry_path("rules", name, f"{zlib.crc32(key.encode()):08x}{len(key):x}")


def _compiled(folder: str, people: tuple[str, ...]) -> Rules:
    """The rules of ``folder`` from the compiled cache when it matches every source file, else
    built and stored. A team pattern refused when loaded (possibly only because the machine was
    busy) is never stored: the next process tries it again."""
    key = rules_cache_key(folder, people)
    path = rules_cache_path(folder, key)
    payload = diskcache.read(path)
    if payload is not None:
        try:
            stored_key, rules = _RulesUnpickler(io.BytesIO(payload)).load()
        except Exception:  # noqa: BLE001 - a damaged or foreign file is rebuilt
            stored_key = rules = None
        if stored_key == key and isinstance(rules, Rules) and rules.folder == folder:
            return rules
    rules = _build(folder, people)
    if not any(isinstance(p, TeamPattern) and p.refused for p in rules.campaign):
        import pickle

        payload = pickle.dumps((key, rules), protocol=pickle.HIGHEST_PROTOCOL)
        diskcache.write(path, payload)
    return rules


def _build(folder: str | Path, people: tuple[str, ...] = ()) -> Rules:
    """Read and compile the rule files of ``folder`` (each falling back to the shipped one)."""
    folder = os.fspath(folder)
    checklist = json.loads(_read(_file(folder, "checklist.json")))
    items = parse_items(checklist)
    specs = parse_rule_specs(checklist, {i.id for i in items})

    lexicon_exact: set[str] = set()
    lexicon_lower: set[str] = set()
    # the team's extra words (Settings > rule lists) add to the lexicon, never replace it
    extra = os.path.join(folder, "extra_words.txt")
    team_words = _lines(extra) if os.path.isfile(extra) else []
    entries = _lines(_file(folder, "lexicon.txt")) + team_words
    for entry in entries:
        for word in entry.split():
            if _is_caps(word) and len(word) > 1:
                lexicon_exact.add(word)
            else:
                lexicon_lower.add(word.lower())

    editorial: dict[str, list[str]] = {}
    for row in _tsv(_file(folder, "editorial.tsv")):
        if len(row) >= 2 and row[1]:
            editorial.setdefault(row[0], []).append(row[1])
    for word in editorial.get("bagian_nama", []):
        lexicon_lower.add(word.lower())
    lexicon_files = frozenset(lexicon_lower)
    # proper nouns the lexicon writes only with a capital (Sumbar, Bukittinggi, Pemprov): in
    # lower case they are a capitalisation error, not an unknown word
    spelled_lower = {w for e in entries for w in e.split() if w == w.lower()}
    proper_spellings = {
        w.lower(): w
        for e in entries
        for w in e.split()
        if w[:1].isupper() and not _is_caps(w) and w.lower() not in spelled_lower
    }
    roster: list[RosterEntry] = []
    parties: list[str] = []
    for row in _tsv(_file(folder, "roster.tsv")):
        row += [""] * (5 - len(row))
        member = RosterEntry(*row[:5])
        roster.append(member)
        if member.kind == "partai":
            parties.append(member.name)
        for word in regexcache.compile(r"[\w'-]+").findall(member.name):
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

    person_names = [e.name for e in roster if e.is_person] + [p for p in people if p.strip()]
    for name in people:
        for word in regexcache.compile(r"[\w'-]+").findall(name):
            if _is_caps(word) and len(word) > 1:
                lexicon_exact.add(word)
            else:
                lexicon_lower.add(word.lower())
    # "did you mean" targets: the institution's words, not days, months or name parts (a
    # name like Ahmad or Malik is not a misspelled Ahad or Malin)
    calendar = {n.lower() for n in DAY_NAMES["id"] + MONTH_NAMES["id"]} | {"ahad"}
    index_words = {
        w
        for e in entries
        for w in e.split()
        if (_is_caps(w) and len(w) > 2) or (len(w) >= 4 and w.lower() not in calendar)
    }

    bound: dict[str, frozenset[str]] = {}
    for row in _tsv(_file(folder, "terikat.tsv")):
        if row and row[0]:
            extra_ok = row[1].split(",") if len(row) > 1 else []
            bound[row[0].lower()] = frozenset(w.strip().lower() for w in extra_ok if w.strip())

    party_alt = "|".join(regexcache.escape(p) for p in sorted(set(parties), key=len, reverse=True))
    campaign_plain = []
    campaign_res = []
    campaign_file = _file(folder, "campaign.txt")
    for line in _lines(campaign_file):
        if line.startswith("re:"):
            body = line[3:].strip().replace("{partai}", party_alt or "(?!)")
            # bounded: refused when invalid or catastrophic, time-limited when run
            campaign_res.append(
                team_pattern(body, line=line, origin=os.path.basename(campaign_file))
            )
        else:
            campaign_plain.append(line)
    plain = phrase_pattern(campaign_plain)
    campaign = ((plain,) if plain else ()) + tuple(campaign_res)

    thresholds = json.loads(_read(_file(folder, "thresholds.json")))
    hashtags = json.loads(_read(_file(folder, "hashtags.json")))
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
        titles=tuple(
            sorted(
                {
                    t.lower()
                    for t in (*editorial.get("jabatan", []), *editorial.get("nama_lembaga", []))
                },
                key=lambda t: (-len(t), t),
            )
        ),
        offices=frozenset(w.lower() for t in editorial.get("jabatan", []) for w in t.split()),
        common_nouns=frozenset(w.lower() for w in editorial.get("umum", [])),
        address_terms=frozenset(editorial.get("sapaan", [])),
        abbreviations=frozenset(editorial.get("singkatan", [])),
        name_intros=frozenset(w.lower() for w in editorial.get("pengantar", [])),
        function_words=frozenset(w.lower() for w in editorial.get("tugas", [])),
        bound_forms=bound,
        person_names=tuple(dict.fromkeys(person_names)),
        name_parts=frozenset(w.lower() for n in person_names for w in n.split()),
        lexicon_lower_files=lexicon_files,
        proper_spellings={
            **proper_spellings,
            **{w.lower(): w for w in editorial.get("selalu_kapital", [])},
        },
        always_capital=frozenset(w.lower() for w in editorial.get("selalu_kapital", [])),
        connectives=tuple(sorted(editorial.get("penghubung", []), key=len, reverse=True)),
        known_index=KnownIndex(index_words),
    )


def _signature(folder: str) -> tuple:
    """Names, sizes and times of the folder's files: an edited list is loaded afresh."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:  # no such folder (or not one)
        return ()
    return tuple(
        (e.name, st.st_size, st.st_mtime_ns) for e in entries if e.is_file() and (st := e.stat())
    )


def load_rules(rules_dir: str | Path | None = None, people: tuple[str, ...] = ()) -> Rules:
    """The rules from ``rules_dir`` (a workspace's rules/ folder), each file falling back to the
    shipped one in assets/rules. ``people`` are the team's people (names never flagged).
    Cached until a file in the folder changes."""
    folder = os.path.realpath(rules_dir if rules_dir else asset_file("rules"))
    signature = _signature(folder)
    people = tuple(people)
    known = _fallback.get(folder)
    if known is not None and known[0] == signature:
        return _load_skipping(folder, signature, known[1], people)
    try:
        rules = _load(folder, signature, frozenset(), people)
    except Exception as error:  # noqa: BLE001 - a team file with a typo must not stop checks
        return _load_without_broken(folder, signature, error, people)
    _fallback.pop(folder, None)
    return rules


#: folder -> (signature, team files set aside, reason) for a folder with a broken team file
_fallback: dict[str, tuple[tuple, frozenset, str]] = {}


def _load_skipping(
    folder: str, signature: tuple, names: frozenset, people: tuple[str, ...] = ()
) -> Rules:
    token = _skipping.set(names)
    try:
        return _load(folder, signature, names, people)
    finally:
        _skipping.reset(token)


def _load_without_broken(
    folder: str, signature: tuple, error: Exception, people: tuple[str, ...] = ()
) -> Rules:
    """One broken team file (a typo in a list, a bad regex, broken JSON) falls back to the
    shipped file of that name with a warning (:func:`rules_warning`), so one typo never blocks
    every check and export of the team."""
    own = [name for name, _size, _mtime in signature]
    for names in [frozenset({n}) for n in own] + [frozenset(own)]:
        try:
            rules = _load_skipping(folder, signature, names, people)
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
    folder = os.path.realpath(rules_dir)
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
        with open(os.path.join(tmp, name), "w", encoding="utf-8") as fh:
            fh.write(text)
        try:
            rules = _build(os.path.realpath(tmp))
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

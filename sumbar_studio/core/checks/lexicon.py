"""The hunspell dictionary compiled once into a cache that loads in about a millisecond.

spylls reads ``id_ID.aff``/``.dic`` with pure-Python code (0.2-0.4 s on every start) and checks a
long word by trying every affix split (2-5 ms for "mempertanggungjawabkannya"). Instead, the first
use expands every dictionary stem with the affix rules into the set of word forms hunspell
accepts (about 300,000) and stores them as a marisa trie in the user's cache folder, beside a
small file with the rest (REP, TRY, BREAK and prefix rules, and the trie's checksum). Later
starts check the trie's checksum and map it into memory (about half a millisecond for 800 kB,
where copying it into a new trie took three) and a lookup is a trie membership test.

The cache is versioned by a hash (CRC-32 and length, :func:`..diskcache.content_key`) of the .aff
and .dic files and of this module's source, so a changed dictionary or expansion code builds a new
one; older files are removed. It is written atomically and carries a checksum (CRC-32 and length)
of its content: a damaged file is rebuilt silently. (zlib rather than hashlib: importing OpenSSL
and hashing a megabyte cost every ``check`` process 4 ms.)

``Lexicon.lookup`` answers exactly as spylls' ``Dictionary.lookup`` does for the features the
Indonesian .aff uses (affixes with continuation classes, cross products, NEEDAFFIX, CIRCUMFIX,
BREAK); an .aff using anything else (compounds, FORBIDDENWORD, ICONV ...) is left to spylls whole.
A test compares both on thousands of words. Words in all capitals that are not found fall back to
spylls too (its case-insensitive stem index has quirks not worth copying).

``Lexicon.suggest`` is bounded: words longer than :data:`MAX_SUGGEST_LENGTH` get no suggestions,
and candidates come from single edits (membership tests), the .aff's REP table, then a fuzzy
search over a bounded pool of forms (rapidfuzz), all within a time budget.
"""

from __future__ import annotations

import marshal
import os
import re
import time
import unicodedata
from _thread import allocate_lock as Lock  # threading.Lock itself (threading: 1 ms)

from ..diskcache import (  # noqa: F401
    ENV_CACHE_DIR,
    cache_dir,
    cache_folder,
    content_key,
    frame,
    remove_older,
    unframe,
)
from ..diskcache import checksum as _checksum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

#: Bump when the layout of the compiled file changes (the source hash covers code changes too).
FORMAT = 4  # 2: prefix rules (pfx) for the morphology fallback; 3: CRC-32 keys and checksum;
# 4: the trie in its own file (.trie), mapped rather than copied
MAGIC = b"SSLEX\x00\x02\n"
_HEAD = len(MAGIC) + 12  # CRC-32 (4 bytes) and length (8 bytes) of the payload

#: Longer words are never looked up form by form nor given suggestions (hostile input).
MAX_WORD_LENGTH = 100
MAX_SUGGEST_LENGTH = 40
#: Seconds one ``suggest`` call may spend at most (checked between stages).
SUGGEST_BUDGET = 0.035
#: The fuzzy stage looks at no more forms than this.
MAX_FUZZY_POOL = 30_000

_NUMBER = re.compile(r"^\d+(\.\d+)?$")  # spylls' NUMBER_REGEXP


def _sibling(path: str | Path, suffix: str) -> str:
    """``path`` with another suffix (``Path.with_suffix``, on a string)."""
    return os.path.splitext(os.fspath(path))[0] + suffix


def source_key(base: str | Path) -> str:
    """A key (CRC-32 and length of each part) over the .aff and .dic files, this module's
    source (the app's version where the source is not on disk, as in a frozen build) and
    :data:`FORMAT`."""
    from ... import __version__

    parts: list[bytes | str] = [f"sumbar-lexicon/{FORMAT}/{__version__}\n"]
    for path in (_sibling(base, ".aff"), _sibling(base, ".dic")):
        with open(path, "rb") as fh:
            parts.append(fh.read())
    try:
        with open(__file__, "rb") as fh:
            parts.append(fh.read())
    except OSError:
        pass
    return content_key(*parts)


def cache_file(base: str | Path, key: str) -> str:
    name = os.path.basename(os.fspath(base))
    return os.path.join(cache_folder(), "spelling", f"{name}-{key[:64]}.lex")


# -- casing, as spylls' Casing does it ------------------------------------------------------


def _lower(word: str) -> list[str]:
    if not word or word[0] == "İ":
        return []
    return [word.lower().replace("i̇", "i")]


def _variants(word: str) -> tuple[str, list[str]]:
    """(captype, the casings a correct word may have in the dictionary)."""
    if word.islower():
        return "no", [word]
    if word.isupper():
        cap = [word[0].upper() + rest for rest in _lower(word[1:])] if len(word) > 1 else [word]
        return "all", [word, *_lower(word), *cap]
    if word[:1].isupper():
        if word[1:].islower():
            return "init", [word, *_lower(word)]
        return "huhinit", [word, *(first + word[1:] for first in _lower(word[0]))]
    return "huh", [word]


# -- compiling -------------------------------------------------------------------------------


class Unsupported(Exception):
    """The .aff uses a feature the expansion does not reproduce; spylls answers instead."""


def _check_supported(aff) -> None:
    if aff.COMPLEXPREFIXES or aff.FULLSTRIP or aff.CHECKSHARPS:
        raise Unsupported("prefix/strip options")
    for name in (
        "FORBIDDENWORD",
        "KEEPCASE",
        "NOSUGGEST",
        "ONLYINCOMPOUND",
        "COMPOUNDFLAG",
        "COMPOUNDBEGIN",
        "COMPOUNDMIDDLE",
        "COMPOUNDEND",
        "ICONV",
        "IGNORE",
        "FORCEUCASE",
        "SUBSTANDARD",
        "WARN",
    ):
        if getattr(aff, name, None):
            raise Unsupported(name)
    if aff.COMPOUNDRULE:
        raise Unsupported("COMPOUNDRULE")
    if type(aff.casing).__name__ != "Casing":
        raise Unsupported("language-specific casing")


def expand(dictionary) -> set[str]:
    """Every word form spylls accepts (exact case), from each stem and the affix rules."""
    aff = dictionary.aff
    _check_supported(aff)
    needaffix, circumfix = aff.NEEDAFFIX, aff.CIRCUMFIX
    sfx, pfx = aff.SFX, aff.PFX

    def trivial(affix) -> bool:  # a condition any non-empty word meets
        return affix.condition in ("", ".")

    def add_suffix(s, word):
        if s.strip and not word.endswith(s.strip):
            return None
        if not (trivial(s) and word) and not s.cond_regexp.search(word):
            return None
        return word[: len(word) - len(s.strip)] + s.add

    prefix_checks = {}  # id(prefix) -> (strip, add, condition regexp or None)
    for rules in pfx.values():
        for p in rules:
            prefix_checks[id(p)] = (p.strip, p.add, None if trivial(p) else p.cond_regexp)

    def add_prefix(p, word):
        strip, add, cond = prefix_checks[id(p)]
        if strip and not word.startswith(strip):
            return None
        if cond is None:
            if not word:
                return None
        elif not cond.search(word):
            return None
        return add + word[len(strip) :]

    # flags an affix might carry for itself (then it licenses itself)
    self_sfx = {f for f, rules in sfx.items() if any(f in s.flags for s in rules)}
    self_pfx = {f for f, rules in pfx.items() if any(f in p.flags for p in rules)}
    prefix_cont = {f: set().union(*(p.flags for p in rules)) for f, rules in pfx.items()}
    forms: set[str] = set()
    for entry in dictionary.dic.words:
        root, stem = entry.flags, entry.stem
        if needaffix not in root:
            forms.add(stem)
        # suffix chains (text, inner suffix, outer suffix or None); the inner one's flag may
        # come from the root, a prefix or itself; the outer one's from the inner's flags
        licensing = set(root) | self_sfx
        for f in root:
            licensing |= prefix_cont.get(f, set())
        for f in self_pfx:
            licensing |= prefix_cont.get(f, set())
        chains = []
        for f in licensing & sfx.keys():
            for s in sfx[f]:
                t1 = add_suffix(s, stem)
                if t1 is None:
                    continue
                chains.append((t1, s, None))
                for g in s.flags & sfx.keys():
                    for o in sfx[g]:
                        t2 = add_suffix(o, t1)
                        if t2 is not None:
                            chains.append((t2, s, o))
        for text, s, o in chains:
            if (
                (s.flag in root or s.flag in s.flags)
                and circumfix not in s.flags
                and not (needaffix in s.flags and (o is None or needaffix in o.flags))
            ):
                forms.add(text)
        prefix_flags = set(root) | self_pfx
        for _text, s, _o in chains:
            prefix_flags |= s.flags
        # chains a prefix may join: every suffix cross-product (circumfix, needaffix precomputed)
        crossable = [
            (
                t1,
                s,
                circumfix in s.flags,
                needaffix in s.flags and (o is None or needaffix in o.flags),
            )
            for t1, s, o in chains
            if s.crossproduct and (o is None or o.crossproduct)
        ]
        for f in prefix_flags & pfx.keys():
            for p in pfx[f]:
                p_flags = p.flags
                if (
                    (f in root or f in p_flags)
                    and circumfix not in p_flags
                    and needaffix not in p_flags
                ):
                    text = add_prefix(p, stem)
                    if text is not None:
                        forms.add(text)
                if not p.crossproduct:
                    continue
                p_circumfix, p_needaffix = circumfix in p_flags, needaffix in p_flags
                p_licensed = f in root or f in p_flags
                for t1, s, s_circumfix, s_needaffix in crossable:
                    if s_circumfix != p_circumfix or (p_needaffix and s_needaffix):
                        continue
                    s_flags = s.flags
                    if not (p_licensed or f in s_flags):
                        continue
                    if not (s.flag in root or s.flag in p_flags or s.flag in s_flags):
                        continue
                    text = add_prefix(p, t1)
                    if text is not None:
                        forms.add(text)
    return forms


def compile_payload(base: str | Path, key: str) -> tuple[bytes, bytes | None]:
    """Parse the dictionary with spylls and produce the compiled files' bytes: the small file
    and the trie of word forms (None when the .aff uses features the expansion lacks)."""
    import marisa_trie
    from spylls.hunspell import Dictionary

    dictionary = Dictionary.from_files(str(base))
    aff = dictionary.aff
    data: dict[str, object] = {
        "format": FORMAT,
        "key": key,
        "rep": [(r.pattern, r.replacement) for r in aff.REP],
        "try": aff.TRY or "",
        "breaks": [b.regexp.pattern for b in aff.BREAK],
        # prefix rules (add, strip, condition) for the morphology fallback, so it never has to
        # parse the .aff with spylls at run time
        "pfx": sorted(
            {(p.add, p.strip, p.condition) for entries in aff.PFX.values() for p in entries}
        ),
    }
    trie: bytes | None = None
    try:
        trie = marisa_trie.Trie(sorted(expand(dictionary))).tobytes()
    except Unsupported as exc:
        data["unsupported"] = str(exc)
    data["trie"] = None if trie is None else _checksum(trie)
    payload = marshal.dumps(data)
    return frame(payload, MAGIC), trie


def _read_payload(path: str | Path, key: str) -> dict:
    """The compiled data in ``path``; ValueError when it is damaged or of another version."""
    with open(path, "rb") as fh:
        raw = fh.read()
    payload = unframe(raw, MAGIC)
    if payload is None:
        raise ValueError("not a compiled lexicon, or damaged")
    data = marshal.loads(payload)
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        raise ValueError("another version")
    return data


def _mapped_trie(path: str | Path, data: dict):
    """The trie beside ``path``, mapped into memory once its checksum matches the one the small
    file recorded (a damaged trie must never reach marisa); None when there is none."""
    expected = data.get("trie")
    if expected is None:
        return None
    import marisa_trie

    trie_path = _sibling(path, ".trie")
    with open(trie_path, "rb") as fh:
        if _checksum(fh.read()) != expected:
            raise ValueError("trie checksum mismatch")
    return marisa_trie.Trie().mmap(trie_path)


def load(base: str | Path) -> Lexicon:
    """The compiled lexicon for ``base`` (``.../id_ID``), built and cached on first use."""
    key = source_key(base)
    path = cache_file(base, key)
    try:
        data = _read_payload(path, key)
        return Lexicon(base, data, _mapped_trie(path, data))
    except Exception:  # missing, damaged, another version or trie format: the cache is disposable
        raw, trie = compile_payload(base, key)
        _store(path, raw, trie)
        forms = None
        if trie is not None:
            import marisa_trie

            forms = marisa_trie.Trie().frombytes(trie)
        return Lexicon(base, _read_payload_bytes(raw), forms)


def _read_payload_bytes(raw: bytes) -> dict:
    return marshal.loads(raw[_HEAD:])


def _store(where: str | Path, raw: bytes, trie: bytes | None) -> None:
    """Write atomically (the trie first: the small file names its checksum) and remove older
    compiled versions of the same dictionary; a cache folder that cannot be written only costs
    the next start a rebuild."""
    from ..fileutil import WriteFailed, write_bytes_atomic

    try:
        if trie is not None:
            write_bytes_atomic(_sibling(where, ".trie"), trie)
        write_bytes_atomic(where, raw)
    except (OSError, WriteFailed):  # the checked writer reports a failed write as WriteFailed
        return
    remove_older(where, (".lex", ".trie"))


# -- the compiled lexicon --------------------------------------------------------------------


class Lexicon:
    """Fast, exact lookups and bounded suggestions; anything else is the spylls Dictionary's
    (``.aff``, ``.dic``, ``.lookuper`` ... parse the files on first access)."""

    def __init__(self, base: str | Path, data: dict, forms: Any = None):
        self._base = base
        self._spylls = None
        self._lock = Lock()
        self.forms: Any = forms  # a marisa_trie.Trie (None: spylls answers everything)
        self._rep = [tuple(r) for r in data.get("rep", [])]
        self._try = data.get("try", "")
        self._break_patterns = list(data.get("breaks", []))
        self._breaks = None
        self._pfx = [tuple(p) for p in data.get("pfx", [])]

    def prefix_rules(self) -> list[tuple[str, str, str]]:
        """(add, strip, condition) of every prefix rule (PFX) of the .aff file."""
        return self._pfx

    # spylls for everything else
    def spylls(self):
        if self._spylls is None:
            with self._lock:
                if self._spylls is None:
                    from spylls.hunspell import Dictionary

                    self._spylls = Dictionary.from_files(str(self._base))
        return self._spylls

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.spylls(), name)

    # lookup
    def lookup(self, word: str) -> bool:
        """Whether hunspell (spylls) accepts ``word``."""
        if self.forms is None:
            return self.spylls().lookup(word)
        if len(word) > MAX_WORD_LENGTH:
            return False
        if _NUMBER.fullmatch(word):
            return True
        return self._broken_good(word, 0, {})

    def _good(self, word: str) -> bool:
        captype, variants = _variants(word)
        forms = self.forms
        if any(v in forms for v in variants):
            return True
        if captype == "all":  # spylls' case-insensitive stem index decides these
            return any(self.spylls().lookuper.good_forms(word))
        return False

    def _broken_good(self, text: str, depth: int, memo: dict) -> bool:
        """spylls' ``break_word`` (all ways to split at BREAK points, depth <= 10), decided
        without enumerating every split."""
        if depth > 10:
            return False
        if not text or self._good(text):
            return True
        memo_key = (text, depth)
        if memo_key in memo:
            return memo[memo_key]
        memo[memo_key] = False
        result = False
        for pattern in self._compiled_breaks():
            for m in pattern.finditer(text):
                start, rest = text[: m.start(1)], text[m.end(1) :]
                if (not start or self._good(start)) and self._broken_good(rest, depth + 1, memo):
                    result = True
                    break
            if result:
                break
        memo[memo_key] = result
        return result

    def _compiled_breaks(self):
        if self._breaks is None:
            self._breaks = [re.compile(p) for p in self._break_patterns]
        return self._breaks

    # suggestions
    def suggest(self, word: str, limit: int = 5) -> list[str]:
        """Up to ``limit`` corrections, best first, computed within :data:`SUGGEST_BUDGET`."""
        if self.forms is None:
            return _bounded_spylls_suggest(self.spylls(), word, limit)
        return _Suggester(self, word).run(limit)


def _bounded_spylls_suggest(dictionary, word: str, limit: int) -> list[str]:
    if not word or len(word) > MAX_SUGGEST_LENGTH:
        return []
    deadline = time.perf_counter() + SUGGEST_BUDGET
    out: list[str] = []
    for s in dictionary.suggest(word):
        if s not in out:
            out.append(s)
        if len(out) >= limit or time.perf_counter() > deadline:
            break
    return out


class _Suggester:
    """One suggestion request: single edits and REP first, then a bounded fuzzy search."""

    def __init__(self, lexicon: Lexicon, word: str):
        self.lexicon = lexicon
        self.forms = lexicon.forms
        # a bound before any work: NFC of a 100,000-mark "word" alone takes milliseconds
        self.word = (
            unicodedata.normalize("NFC", word) if len(word) <= 4 * MAX_SUGGEST_LENGTH else word
        )
        self.deadline = time.perf_counter() + SUGGEST_BUDGET
        self.found: dict[str, tuple] = {}

    def run(self, limit: int) -> list[str]:
        word = self.word
        if not word or len(word) > MAX_SUGGEST_LENGTH or limit <= 0:
            return []
        captype = (
            "no"
            if word.islower()
            else "all"
            if word.isupper()
            else ("init" if word[:1].isupper() else "huh")
        )
        base = word.lower() if captype in ("all", "init") else word
        self.base = base
        plain = _strip_marks(base)
        if plain != base:  # accents and stray combining marks ("rapaṭ")
            self._offer(plain, 1, 0)
        self._rep(base)
        self._edits(base)
        if not self.found and time.perf_counter() < self.deadline:  # no single-edit fix
            self._fuzzy(base, limit)
        if not self.found and time.perf_counter() < self.deadline:
            self._two_words(base)
        ranked = sorted(self.found, key=lambda c: (self.found[c], c))
        out: list[str] = []
        for candidate in ranked:
            cased = _recase(candidate, captype)
            if cased != word and cased not in out:
                out.append(cased)
            if len(out) >= limit:
                break
        return out

    def _known(self, candidate: str) -> str | None:
        forms = self.forms
        if candidate in forms:
            return candidate
        capital = candidate[:1].upper() + candidate[1:]
        if capital != candidate and capital in forms:
            return capital
        return None

    def _offer(self, candidate: str, distance: int, kind: int) -> None:
        known = self._known(candidate)
        if known is None:
            return
        base = self.base
        score = (
            # a form with capitals or a hyphen the word did not have ("kesejahteraanNya") last
            int(any(c.isupper() for c in known[1:]) and not any(c.isupper() for c in base)),
            int("-" in known and "-" not in base),
            distance,
            kind,
            int(len(known) < len(base)),  # a letter left out is a likelier slip than one too many
        )
        if known not in self.found or score < self.found[known]:
            self.found[known] = score

    def _rep(self, base: str) -> None:
        for pattern, replacement in self.lexicon._rep:
            start = base.find(pattern)
            while start != -1:
                self._offer(base[:start] + replacement + base[start + len(pattern) :], 1, 0)
                start = base.find(pattern, start + 1)

    def _edits(self, base: str) -> None:
        letters = "".join(
            dict.fromkeys(
                [c for c in self.lexicon._try if c.islower()] + [c for c in base if c.isalpha()]
            )
        )
        n = len(base)
        offer = self._offer
        for i in range(n):
            # doubled letter written once / single letter written twice, swapped neighbours
            offer(base[:i] + base[i] + base[i:], 1, 0)
            if i + 1 < n:
                offer(
                    base[:i] + base[i + 1] + base[i] + base[i + 2 :],
                    1,
                    0 if base[i] != base[i + 1] else 2,
                )
            offer(base[:i] + base[i + 1 :], 1, 0 if i and base[i - 1] == base[i] else 1)
        for i in range(n + 1):
            head, tail = base[:i], base[i:]
            for c in letters:
                offer(head + c + tail, 1, 1)
                if tail and c != tail[0]:
                    offer(head + c + tail[1:], 1, 2)
            if time.perf_counter() > self.deadline:
                return

    def _fuzzy(self, base: str, limit: int) -> None:
        """Forms within two edits among those sharing the word's first letters (three, four for
        words of ten letters or more: Indonesian prefixes make two-letter pools huge)."""
        if len(base) < 5:
            return
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        n = len(base)
        pool = []
        for visited, key in enumerate(self.forms.iterkeys(base[: 3 if n < 10 else 4])):
            if visited >= MAX_FUZZY_POOL:
                break
            if abs(len(key) - n) <= 2:
                pool.append(key)
        if not pool or time.perf_counter() > self.deadline:
            return
        hits = process.extract(
            base, pool, scorer=Levenshtein.distance, score_cutoff=2, limit=limit * 4
        )
        for candidate, distance, _index in hits:
            if distance:
                self._offer(candidate, distance, 3)

    def _two_words(self, base: str) -> None:
        for i in range(3, len(base) - 2):
            left, right = base[:i], base[i:]
            if left in self.forms and right in self.forms:
                self.found[f"{left} {right}"] = (0, 0, 2, 4, 0)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _recase(candidate: str, captype: str) -> str:
    if captype == "all":
        return candidate.upper()
    if captype == "init":
        return candidate[:1].upper() + candidate[1:]
    return candidate

"""Indonesian morphology for the spelling fallback: accept an affixed form only when it is real.

The hunspell id_ID dictionary gives each root the affix flags it may take, and misses many
regular derivations (diprioritaskan, terdampak, berkomitmen). The fallback here applies the
dictionary's own prefix rules (``PFX`` entries of id_ID.aff: strip, add, condition) to *any*
root, so the nasal assimilation of meN-/peN- is exactly the aff file's: ``peng`` only before
a vowel, g, h or kh (or k dropped), ``pen`` before c, d, j, z (or t dropped), ``peny`` with s
dropped, and so on. The catch-all entries the aff file attaches to single roots (``pen`` + any
letter, ``mem`` + any letter) are not used: they would make "pengunaan" pen + gunaan.

A form is accepted when prefix + root + suffixes analyse to a dictionary root, and no
one-letter doubling or undoubling of it is itself a dictionary word (pengunaan -> penggunaan,
pemberdayaaan -> pemberdayaan): those are typos of a real word, not new words.
"""

from __future__ import annotations

import re
from _thread import allocate_lock as Lock  # threading.Lock itself (threading: 1 ms)
from functools import lru_cache

from .. import regexcache
from ..resources import asset_file
from . import spelling

TYPE_CHECKING = False
if TYPE_CHECKING:
    import regex

_NASAL_ENDINGS = ("me", "mem", "men", "meng", "meny", "pe", "pem", "pen", "peng", "peny")
_ODD = {"re", "te", "we", "si", "ku", "kau", "kaupe", "kauper", "kupe", "kuper", "be"}
#: derivational suffixes, then particles and possessives (the lower-case SFX adds of id_ID.aff)
_DERIVATIONAL = ("kan", "an", "i")
_PARTICLES = ("nya", "lah", "kah", "ku", "mu", "pun")
_VOWELS = re.compile(r"[aeiou]+")

_lock = Lock()
_prefixes: tuple[tuple[str, str, regex.Pattern], ...] | None = None


def _monosyllable(word: str) -> bool:
    return len(_VOWELS.findall(word)) == 1


def bound_forms() -> tuple[str, ...]:
    """Bound forms written together with the next word (antar, pasca, non ...), shipped data."""
    return _bound_forms()


@lru_cache(maxsize=1)
def _bound_forms() -> tuple[str, ...]:
    out = []
    with open(asset_file("rules", "terikat.tsv"), encoding="utf-8") as fh:
        text = fh.read()
    for raw in text.splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            out.append(raw.split("\t")[0].strip().lower())
    return tuple(out)


def prefixes() -> tuple[tuple[str, str, regex.Pattern], ...]:
    """(add, strip, condition) for every usable prefix rule of the aff file, longest first."""
    global _prefixes
    if _prefixes is None:
        with _lock:
            if _prefixes is None:
                seen: set[tuple[str, str, str]] = set()
                # the compiled lexicon carries the .aff's prefix rules (no spylls parse)
                for add, strip, condition in spelling.dictionary().prefix_rules():
                    if add in _ODD or not add.islower():
                        continue
                    if condition == "." and add.endswith(_NASAL_ENDINGS):
                        continue  # catch-alls for single roots, not morphology
                    seen.add((add, strip, condition))
                for form in _bound_forms():
                    seen.add((form, "", "."))
                table = [(add, strip, _condition(cond)) for add, strip, cond in seen]
                table.sort(key=lambda e: (-len(e[0]), e[0], e[1]))
                _prefixes = tuple(table)
    return _prefixes


def _condition(cond: str) -> regex.Pattern:
    """The condition as a pattern (from the compiled-pattern cache: a new process need not
    parse the aff file's conditions again)."""
    if cond in (".", ""):
        return regexcache.compile(r"^.")
    # hunspell writes "not h, l or r" as [^h^l^r]
    return regexcache.compile(
        "^" + re.sub(r"\[\^([^\]]*)\]", lambda m: "[^" + m.group(1).replace("^", "") + "]", cond)
    )


def _root_ok(root: str) -> bool:
    return len(root) >= 3 and spelling.is_correct(root)


def _suffix_stems(word: str) -> list[str]:
    """``word`` and what remains after removing a particle and/or a derivational suffix."""
    out = [word]
    stems = [word]
    for particle in _PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 3:
            stems.append(word[: -len(particle)])
    for stem in list(stems):
        for suffix in _DERIVATIONAL:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                out.append(stem[: -len(suffix)])
    out.extend(stems[1:])
    return list(dict.fromkeys(out))


#: negated abstract nouns ke-tidak-...-an (ketidakhadiran), which the aff file lacks
_NEGATED = ("ketidak", "ketak")


@lru_cache(maxsize=65536)
def analyse(word: str) -> str | None:
    """The dictionary root ``word`` is a regular derivation of, or None."""
    lower = word.lower()
    for negation in _NEGATED:
        if lower.startswith(negation):
            rest = lower[len(negation) :]
            for particle in ("", *_PARTICLES):
                body = rest[: len(rest) - len(particle)] if particle else rest
                if rest.endswith(particle) and body.endswith("an") and _root_ok(body[:-2]):
                    return body[:-2]
    for stem in _suffix_stems(lower):
        if stem != lower and _root_ok(stem):
            return stem
        for add, strip, cond in prefixes():
            if not stem.startswith(add):
                continue
            root = strip + stem[len(add) :]
            if not cond.match(root):
                continue
            if add.endswith(("menge", "penge")) and not _monosyllable(root):
                continue
            if _root_ok(root) or (root != stem and analyse_prefixless(root)):
                return root
    return None


@lru_cache(maxsize=65536)
def analyse_prefixless(word: str) -> bool:
    """A root with suffixes only (for a second prefix layer: di + per + ...)."""
    return any(_root_ok(stem) for stem in _suffix_stems(word) if stem != word)


_ME = ("me", "mem", "men", "meng", "meny", "menge")


@lru_cache(maxsize=65536)
def has_verb_form(base: str) -> bool:
    """True when the dictionary has the meN- verb of ``base`` (terjang -> menerjang), built
    with the aff file's nasal rules: "di terjang" is then a verb written apart. A per- verb
    takes mem- whole (perkuat -> memperkuat)."""
    if base.startswith("per") and spelling.is_correct("mem" + base):
        return True
    for add, strip, cond in prefixes():
        if add in _ME and base.startswith(strip) and cond.match(base):
            if add == "menge" and not _monosyllable(base):
                continue
            if spelling.is_correct(add + base[len(strip) :]):
                return True
    return False


def doubling_variants(word: str) -> list[str]:
    """``word`` with one letter doubled or one doubled letter written once, or with the n or
    g of a nasal left out put back (penaganan -> penanganan, pengunaan -> penggunaan)."""
    out = []
    for i, ch in enumerate(word):
        if not ch.isalpha():
            continue
        if i + 1 < len(word) and word[i + 1] == ch:
            out.append(word[:i] + word[i + 1 :])
        else:
            out.append(word[: i + 1] + ch + word[i + 1 :])
    for i in range(1, min(len(word), 6)):  # the prefix, where the nasal of meN-/peN- is
        if word[i - 1] in "aeiou" and word[i] != "n":
            out.append(word[:i] + "n" + word[i:])  # a dropped n: pena(n)ganan
        if word[i - 1] == "n" and word[i] != "g":
            out.append(word[:i] + "g" + word[i:])  # a dropped g: pen(g)elolaan
    return list(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def near_miss(word: str) -> str | None:
    """A dictionary word one doubled/undoubled letter away (pengunaan -> penggunaan)."""
    lower = word.lower()
    for variant in doubling_variants(lower):
        if len(variant) >= 4 and spelling.is_correct(variant):
            return variant
    return None


@lru_cache(maxsize=65536)
def is_correct_affixed(word: str) -> bool:
    """A dictionary word, or a real derivation of one that is not a typo of another word."""
    if spelling.is_correct(word):
        return True
    if not word.isalpha():
        return False
    if analyse(word) is None:
        return False
    return near_miss(word) is None

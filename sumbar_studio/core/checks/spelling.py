"""Indonesian spelling with the bundled hunspell id_ID dictionary (LGPL-3), read by spylls.

The dictionary loads once, on first use, from its compiled cache (``lexicon``: a trie of every
word form, a millisecond to load; built from the .aff/.dic on the first start after they change).
Lookups are cached per word; suggestions are bounded in length and time and computed only for
flagged words and only when asked for (``Finding.fill_suggestions``).
"""

from __future__ import annotations

from _thread import allocate_lock as Lock  # threading.Lock itself (threading: 1 ms)
from functools import lru_cache

from ..resources import asset_file

_lock = Lock()
_dictionary = None


def dictionary():
    """The id_ID dictionary (loaded once): ``lookup`` and ``suggest`` from the compiled cache;
    every other attribute of spylls' Dictionary (``aff``, ``dic``, ``lookuper`` ...) works too and
    parses the files on first access."""
    global _dictionary
    if _dictionary is None:
        with _lock:
            if _dictionary is None:
                from .lexicon import load

                _dictionary = load(asset_file("dictionaries", "id_ID"))
    return _dictionary


@lru_cache(maxsize=65536)
def is_correct(word: str) -> bool:
    """True when the dictionary accepts ``word`` (its case variants included)."""
    try:
        return bool(dictionary().lookup(word))
    except Exception:  # a malformed token must never break checking
        return True


@lru_cache(maxsize=4096)
def suggest(word: str, limit: int = 5) -> tuple[str, ...]:
    out: list[str] = []
    try:
        for s in dictionary().suggest(word, limit):
            if s not in out:
                out.append(s)
            if len(out) >= limit:
                break
    except Exception:
        return ()
    return tuple(out)


def is_correct_affixed(word: str) -> bool:
    """Dictionary word, or a real affixed form of one (see :mod:`.morphology`: the aff file's
    prefix rules with their nasal assimilation, never plain string splitting)."""
    from .morphology import is_correct_affixed as accepted

    return accepted(word)

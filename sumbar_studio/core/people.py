"""Matching a typed name to one of the team's people ("Rina" -> "Rina Marlina, S.I.Kom.")."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def match_person(typed: str, names: Iterable[str]) -> str | None:
    """The one team name ``typed`` means: the same name, else the only name starting with it,
    else the only name containing it (word by word, case and accents ignored). None when
    nothing or several names match, so a guess never replaces what the officer wrote."""
    wanted = _fold(typed)
    if not wanted:
        return None
    names = [n for n in names if n.strip()]
    for rule in (
        lambda n: _fold(n) == wanted,
        lambda n: _fold(n).startswith(wanted),
        lambda n: all(
            w in _fold(n).replace(",", " ").split() or w in _fold(n) for w in wanted.split()
        ),
    ):
        found = [n for n in names if rule(n)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return None
    return None

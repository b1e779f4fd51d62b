"""Text as a reader sees it: what the blocking rules read besides the text as typed.

A zero-width space, a soft hyphen or a joiner inside "RAHASIA", or a Cyrillic "а" in a SARA
word, leaves the word looking the same on screen and in the published post but hides it from a
pattern. :func:`unmask` turns the text into what it looks like:

1. invisible characters (Unicode's default-ignorable code points: ZWSP, ZWNJ, ZWJ, word
   joiner, soft hyphen, BOM, bidirectional controls, the combining grapheme joiner, Hangul
   fillers, variation selectors, ...) are dropped;
2. each character (with its combining marks) is NFKC-normalised: full-width and styled letters
   and digits (``ＲＡＨＡＳＩＡ``, ``𝐑𝐀𝐇𝐀𝐒𝐈𝐀``, ``１２３``) become plain ones;
3. letters of other scripts that look like Latin letters (Cyrillic ``а`` ``е`` ``о`` ``Р``,
   Greek ``ο`` ``Α``, ...) become those Latin letters, from Unicode's confusables data as shipped
   by the maintained ``confusable-homoglyphs`` package (UTS #39); other decimal digits become
   ASCII digits, and such a look-alike of O or l among digits becomes 0 or 1.

Every character of the result remembers which characters of the original it came from, so a
finding on the unmasked text is reported on the original text's span.

:func:`invisible_runs` finds the invisible characters themselves (flagged with a fix: remove),
leaving alone the ones that belong to emoji: the joiner inside 👨‍👩‍👧 and the tag characters
of a subdivision flag.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from .. import regexcache
from ..records import record

#: a joiner between two emoji, or emoji tag characters after a flag, belong to the emoji
_EMOJI_JOINER = regexcache.compile(
    r"(?<=\p{Extended_Pictographic}\p{M}*)\u200d(?=\p{Extended_Pictographic})"
)
_EMOJI_TAGS = regexcache.compile(r"(?<=\U0001F3F4)[\U000E0020-\U000E007F]+")
#: invisible characters: Unicode's default-ignorable code points (format characters such as
#: ZWSP, joiners, soft hyphen, BOM and bidi controls, but also the combining grapheme joiner and
#: the Hangul fillers), except variation selectors, which choose how an emoji or ideograph looks
_FORMAT = regexcache.compile(r"[\p{DI}--[\ufe00-\ufe0f\U000E0100-\U000E01EF]]+", regexcache.V1)
_IGNORABLE = regexcache.compile(r"\p{DI}")
_SPECIAL = regexcache.compile(r"\p{DI}|[^\P{Nd}0-9]")
_SEGMENT = regexcache.compile(r"\P{M}\p{M}*|\p{M}+", regexcache.DOTALL)
_UPPER_FIX = {"l": "I"}  # Greek capital iota and Cyrillic capital i are listed as "l"


@cache
def _fold_table() -> dict[int, str]:
    """Look-alike letter -> the Latin letter it is confused with (scripts other than Latin)."""
    from confusable_homoglyphs import categories, confusables

    table: dict[int, str] = {}
    for char, glyphs in confusables.confusables_data.items():
        if len(char) != 1 or not char.isalpha():
            continue
        if categories.alias(char) in ("LATIN", "COMMON"):
            continue
        latin = [
            g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalpha()
        ]
        if not latin:
            continue
        target = latin[0]
        if char.isupper() and target.islower():
            target = _UPPER_FIX.get(target, target.upper())
        table[ord(char)] = target
    return table


@record(frozen=True)
class Unmasked:
    """The unmasked text and, per character, the original span it came from."""

    original: str
    text: str
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for the unmasked span ``[start, end)``."""
        if not self.changed:
            return start, end
        if not self.text:
            return 0, 0
        start = min(max(start, 0), len(self.text) - 1)
        last = min(max(end - 1, start), len(self.text) - 1)
        return self.starts[start], self.ends[last]


def unmask(text: str) -> Unmasked:
    """``text`` without format characters, NFKC-normalised and with look-alikes folded."""
    if text.isascii():
        return Unmasked(text, text)  # nothing to unmask (the common case, at C speed)
    # the look-alike table (about 30 ms to build from the confusables data) is needed only when
    # a letter outside ASCII is left once NFKC-normalised (the letters are folded after NFKC; a
    # test checks that only such letters are in the table); "ＲＡＨＡＳＩＡ" needs none
    table = _fold_table() if _foreign_letters(unicodedata.normalize("NFKC", text)) else {}
    if (
        unicodedata.is_normalized("NFKC", text)
        and not _SPECIAL.search(text)
        and text.translate(table) == text
    ):
        return Unmasked(text, text)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _SEGMENT.finditer(text):
        segment = m.group()
        if segment.isascii():
            plain = segment
        else:
            plain = unicodedata.normalize("NFKC", _IGNORABLE.sub("", segment))
            plain = "".join(_fold_char(c, table) for c in plain)
        for ch in plain:
            out.append(ch)
            starts.append(m.start())
            ends.append(m.end())
    _digit_lookalikes(out, starts, text)
    return Unmasked(text, "".join(out), tuple(starts), tuple(ends))


def _foreign_letters(text: str) -> bool:
    """Whether ``text`` has a letter outside ASCII (only those can be look-alikes)."""
    return any(c.isalpha() for c in text if not c.isascii())


_AS_DIGIT = {"O": "0", "o": "0", "l": "1", "I": "1"}


def _digit_lookalikes(out: list[str], starts: list[int], text: str) -> None:
    """A look-alike letter from another script among digits is the digit it imitates
    (a Cyrillic "О" for zero inside a NIK). Latin letters typed as such are left alone."""
    for i, ch in enumerate(out):
        if ch not in _AS_DIGIT or text[starts[i]].isascii():
            continue
        before = out[i - 1] if i else ""
        after = out[i + 1] if i + 1 < len(out) else ""
        if (
            (before.isdigit() or before in _AS_DIGIT)
            and (after.isdigit() or after in _AS_DIGIT)
            and (before.isdigit() or after.isdigit())
        ):
            out[i] = _AS_DIGIT[ch]


def _fold_char(ch: str, table: dict[int, str]) -> str:
    mapped = table.get(ord(ch))
    if mapped is not None:
        return mapped
    if not ch.isascii() and unicodedata.category(ch) == "Nd":
        return str(unicodedata.decimal(ch))
    return "" if _IGNORABLE.match(ch) else ch


def invisible_runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, names) of each run of invisible format characters that is not part of an
    emoji; ``names`` lists the characters (``ZERO WIDTH SPACE, SOFT HYPHEN``)."""
    if text.isascii():
        return []
    allowed = {m.start() for m in _EMOJI_JOINER.finditer(text)}
    for m in _EMOJI_TAGS.finditer(text):
        allowed.update(range(m.start(), m.end()))
    runs = []
    for m in _FORMAT.finditer(text):
        positions = [i for i in range(m.start(), m.end()) if i not in allowed]
        if not positions:
            continue
        # split where an allowed character interrupts the run
        group = [positions[0]]
        for i in positions[1:]:
            if i == group[-1] + 1:
                group.append(i)
            else:
                runs.append(_run(text, group))
                group = [i]
        runs.append(_run(text, group))
    return runs


def _run(text: str, positions: list[int]) -> tuple[int, int, str]:
    names = dict.fromkeys(unicodedata.name(text[i], f"U+{ord(text[i]):04X}") for i in positions)
    return positions[0], positions[-1] + 1, ", ".join(names)

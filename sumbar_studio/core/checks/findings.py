"""A finding: one thing the checklist noticed, where, why, and how to fix it."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from enum import StrEnum

from ..i18n import t
from ..records import field, record


class Severity(StrEnum):
    BLOCKING = "blocking"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"blocking": 0, "warning": 1, "info": 2}[self.value]

    def label(self, lang: str | None = None) -> str:
        return t(f"checks.severity_{self.value}", lang=lang)


@record
class Finding:
    """One finding.

    ``platform`` is ``""`` for the master caption, a platform id for that platform's text (its
    override, or the caption exactly as pasted there), ``None`` for the post as a whole (media,
    card, schedule). ``start``/``end`` are Python string offsets into that text; ``line`` and
    ``column`` are 1-based. The message is translated when read (``message`` or
    ``message_in(lang)``), so switching language needs no re-check. Spelling suggestions are
    expensive: they are computed only when :meth:`fill_suggestions` is called.
    """

    item: str
    rule: str
    severity: Severity
    message_id: str
    params: dict[str, object] = field(default_factory=dict)
    platform: str | None = ""
    start: int | None = None
    end: int | None = None
    replacement: str | None = None
    suggestions: list[str] = field(default_factory=list)
    line: int | None = None
    column: int | None = None
    suggester: Callable[[], list[str]] | None = field(default=None, repr=False, compare=False)

    @property
    def message(self) -> str:
        return self.message_in()

    def message_in(self, lang: str | None = None) -> str:
        return t(self.message_id, lang=lang, **self.params)

    @property
    def blocking(self) -> bool:
        return self.severity == Severity.BLOCKING

    def fill_suggestions(self, limit: int = 5) -> list[str]:
        if not self.suggestions and self.suggester is not None:
            self.suggestions = list(self.suggester())[:limit]
            self.suggester = None
        return self.suggestions

    def to_dict(self, lang: str | None = None) -> dict[str, object]:
        return {
            "item": self.item,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message_in(lang),
            "message_id": self.message_id,
            "platform": self.platform,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "replacement": self.replacement,
            "suggestions": self.fill_suggestions(),
        }


class LineIndex:
    """Offset -> (line, column), both 1-based."""

    def __init__(self, text: str):
        starts = [0]
        newline = text.find("\n")
        while newline != -1:  # (str.find, not a loop over every character)
            starts.append(newline + 1)
            newline = text.find("\n", newline + 1)
        self._starts = starts

    def locate(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def locate_all(findings: list[Finding], text: str) -> None:
    """Fill ``line``/``column`` of findings that have a span in ``text``."""
    index: LineIndex | None = None
    for f in findings:
        if f.start is not None and f.line is None:
            index = index or LineIndex(text)
            f.line, f.column = index.locate(f.start)


def sort_key(f: Finding) -> tuple:
    return (f.severity.rank, f.platform or "", f.start if f.start is not None else -1, f.rule)

"""Response-time figures for a period: received, answered, within the service standard, median
time to first answer and to closure (working hours), open and overdue; by channel, kind and
where entries were forwarded. Aggregates only: no handle, contact or text leaves this module.

The queries read the ``inbox_received`` index alone (every column they need is in it), so a
month costs the same in a register of a thousand entries or of fifty thousand.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from statistics import median

from ..i18n import language, t
from ..timeutil import utc_to_db
from .model import Channel, Kind


@dataclass
class Breakdown:
    key: str
    label: str
    received: int = 0
    answered: int = 0
    within_standard: int = 0
    open: int = 0
    overdue: int = 0


@dataclass
class InboxStats:
    start: datetime
    end: datetime
    label: str
    received: int = 0
    answered: int = 0
    within_standard: int = 0
    closed: int = 0
    open: int = 0
    overdue: int = 0
    median_response_minutes: float | None = None
    median_closure_minutes: float | None = None
    by_channel: list[Breakdown] = field(default_factory=list)
    by_kind: list[Breakdown] = field(default_factory=list)
    by_target: list[Breakdown] = field(default_factory=list)

    @property
    def within_percent(self) -> float | None:
        return 100.0 * self.within_standard / self.answered if self.answered else None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["start"], data["end"] = utc_to_db(self.start), utc_to_db(self.end)
        data["within_percent"] = self.within_percent
        return data


def compute_stats(
    repo, start: datetime, end: datetime, now: datetime, *, label: str = ""
) -> InboxStats:
    stats = InboxStats(start, end, label)
    channels = {c.value: Breakdown(c.value, c.label()) for c in Channel}
    kinds = {k.value: Breakdown(k.value, k.label()) for k in Kind}
    targets: dict[str, Breakdown] = {}
    for row in repo.stats_rows(start, end, now):
        values = (
            row["n"],
            row["answered"] or 0,
            row["within"] or 0,
            row["open"] or 0,
            row["overdue"] or 0,
        )
        target = row["forwarded_to"] or ""
        if target not in targets:
            targets[target] = Breakdown(target, target or t("inbox.not_forwarded"))
        for bucket in (
            stats,
            channels.setdefault(row["channel"], Breakdown(row["channel"], row["channel"])),
            kinds.setdefault(row["kind"], Breakdown(row["kind"], row["kind"])),
            targets[target],
        ):
            bucket.received += values[0]
            bucket.answered += values[1]
            bucket.within_standard += values[2]
            bucket.open += values[3]
            bucket.overdue += values[4]
        stats.closed += row["closed"] or 0
    response = repo.minutes("response", start, end)
    closure = repo.minutes("closure", start, end)
    stats.median_response_minutes = float(median(response)) if response else None
    stats.median_closure_minutes = float(median(closure)) if closure else None
    stats.by_channel = [b for b in channels.values() if b.received]
    stats.by_kind = [b for b in kinds.values() if b.received]
    stats.by_target = sorted(
        (b for b in targets.values() if b.received), key=lambda b: (b.key == "", -b.received, b.key)
    )
    return stats


def format_work_hours(minutes: float | None, lang: str | None = None) -> str:
    """``3,5 jam kerja`` (a dash when there is nothing to measure)."""
    if minutes is None:
        return "–"
    return t("inbox.work_hours", lang=lang, hours=format_hours_number(minutes, lang))


def format_hours_number(minutes: float | None, lang: str | None = None) -> str:
    """``3,5`` (hours, one decimal; a dash when there is nothing to measure)."""
    if minutes is None:
        return "–"
    text = f"{minutes / 60:.1f}"
    return text.replace(".", ",") if (lang or language()) == "id" else text


def format_percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"

"""Reminders as pure logic: which scheduled posts are due or overdue at a given clock.

The UI (ui/queue/reminders.py) owns the timers; this module only answers questions about time
so it can be tested with any clock. Times are aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .model import Status
from .store.protocol import PostQuery

#: A post counts as "overdue" (rather than "due now") once this much time has passed.
OVERDUE_AFTER = timedelta(minutes=5)
#: How far ahead the UI arms one timer per post; further posts are re-read later.
DEFAULT_HORIZON = timedelta(hours=24)
#: A difference between wall-clock and monotonic elapsed time larger than this is a jump
#: (sleep, hibernation, a manual or NTP clock change).
JUMP_TOLERANCE = timedelta(seconds=90)


@dataclass(frozen=True)
class Reminder:
    post_id: int
    title: str
    scheduled_at: datetime
    overdue: bool

    @property
    def key(self) -> tuple[int, datetime]:
        """Identity of one reminder: the same post moved to another time reminds again."""
        return self.post_id, self.scheduled_at


def due(service, now: datetime, *, overdue_after: timedelta = OVERDUE_AFTER) -> list[Reminder]:
    """Scheduled posts whose time is at or before ``now`` (oldest first)."""
    ids = service.ids(
        PostQuery(statuses=[Status.SCHEDULED], end=now + timedelta(seconds=1), order="scheduled")
    )
    return [
        Reminder(s.id, s.title, s.scheduled_at, now - s.scheduled_at > overdue_after)
        for s in service.summaries(ids)
        if s.scheduled_at is not None and s.scheduled_at <= now
    ]


def upcoming(
    service, now: datetime, horizon: timedelta = DEFAULT_HORIZON
) -> list[tuple[int, datetime]]:
    """(post id, time) of scheduled posts due after ``now`` and within ``horizon``."""
    ids = service.ids(
        PostQuery(statuses=[Status.SCHEDULED], start=now, end=now + horizon, order="scheduled")
    )
    return [(s.id, s.scheduled_at) for s in service.summaries(ids) if s.scheduled_at > now]


def clock_jumped(
    wall_elapsed: timedelta, monotonic_elapsed: timedelta, tolerance: timedelta = JUMP_TOLERANCE
) -> bool:
    """True when the wall clock moved differently from the monotonic clock (sleep or a change).

    While a PC sleeps the monotonic clock (on most systems) stands still and the wall clock
    keeps going; a manual clock change moves only the wall clock. Either way, timers armed in
    monotonic milliseconds now point at the wrong moment and must be re-armed.
    """
    return abs(wall_elapsed - monotonic_elapsed) > tolerance


def delay_ms(now: datetime, when: datetime) -> int:
    """Milliseconds from ``now`` until ``when`` (0 when already past), for a single-shot timer."""
    return max(0, int((when - now).total_seconds() * 1000))

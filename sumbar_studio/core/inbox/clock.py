"""The working-hours clock: service-standard due times counted in office hours (WIB).

Working time runs only inside the office window of a working day: Monday to Friday (the
team's ``office_hours``), not on a national holiday or *cuti bersama* (the ``holidays``
library's Indonesian public and government calendars), not on a day the team added
(``cuti_bersama``, ``days_off``); a date in ``working_days`` works whatever the library says.
An entry received outside office hours starts its clock at the next working minute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from ..timeutil import WIB
from .config import DEFAULT_OFFICE_HOURS, InboxSettings, parse_clock

#: the farthest a due time is searched for (a year of closed days would be a settings error)
_MAX_DAYS = 400


@lru_cache(maxsize=64)
def library_holidays(year: int) -> dict[date, str]:
    """Indonesian public holidays and cuti bersama of ``year`` (names in Indonesian)."""
    import holidays

    found = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    return dict(found.items())


@dataclass
class WorkingClock:
    office_hours: dict[int, tuple[time, time]] = field(default_factory=dict)
    days_off: dict[date, str] = field(default_factory=dict)
    working_days: frozenset[date] = frozenset()
    use_library: bool = True

    @classmethod
    def from_settings(cls, settings: InboxSettings | None = None) -> WorkingClock:
        settings = settings or InboxSettings()
        hours = {
            int(d): (parse_clock(a), parse_clock(b))
            for d, (a, b) in (settings.office_hours or DEFAULT_OFFICE_HOURS).items()
        }
        off = {date.fromisoformat(d): "Cuti bersama" for d in settings.cuti_bersama}
        off.update({date.fromisoformat(d): name for d, name in settings.days_off.items()})
        return cls(
            hours,
            off,
            frozenset(date.fromisoformat(d) for d in settings.working_days),
            settings.use_holiday_library,
        )

    # -- days -------------------------------------------------------------------------------
    def holiday_name(self, day: date) -> str | None:
        """Why ``day`` has no service (a holiday, cuti bersama, a team day off), else None."""
        if day in self.working_days:
            return None
        if day in self.days_off:
            return self.days_off[day]
        if self.use_library:
            return library_holidays(day.year).get(day)
        return None

    def window(self, day: date) -> tuple[datetime, datetime] | None:
        """The office window of ``day`` as aware WIB datetimes, or None on a closed day."""
        hours = self.office_hours.get(day.isoweekday())
        if hours is None and day not in self.working_days:
            return None
        if hours is None:
            hours = self.office_hours.get(1) or (time(7, 30), time(16, 0))
        if self.holiday_name(day) is not None:
            return None
        return (
            datetime.combine(day, hours[0], tzinfo=WIB),
            datetime.combine(day, hours[1], tzinfo=WIB),
        )

    def is_working_day(self, day: date) -> bool:
        return self.window(day) is not None

    # -- moments ----------------------------------------------------------------------------
    def clock_start(self, moment: datetime) -> datetime:
        """The first working moment at or after ``moment`` (aware UTC in, aware UTC out)."""
        local = moment.astimezone(WIB)
        day = local.date()
        for _ in range(_MAX_DAYS):
            win = self.window(day)
            if win is not None and local < win[1]:
                return max(local, win[0]).astimezone(UTC)
            day += timedelta(days=1)
            local = datetime.combine(day, time(0), tzinfo=WIB)
        raise ValueError("no working day within a year")

    def add_working(self, moment: datetime, duration: timedelta) -> datetime:
        """The moment ``duration`` of working time after ``moment``."""
        remaining = duration
        local = self.clock_start(moment).astimezone(WIB)
        for _ in range(_MAX_DAYS * 2):
            win = self.window(local.date())
            if win is not None and local < win[1]:
                start = max(local, win[0])
                available = win[1] - start
                if remaining <= available:
                    return (start + remaining).astimezone(UTC)
                remaining -= available
            local = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=WIB)
        raise ValueError("no working day within a year")

    def due(self, received: datetime, hours: float) -> datetime:
        return self.add_working(received, timedelta(hours=hours))

    def working_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from ``start`` to ``end`` (zero when ``end`` is not later)."""
        if end <= start:
            return timedelta(0)
        a, b = start.astimezone(WIB), end.astimezone(WIB)
        total = timedelta(0)
        day = a.date()
        while day <= b.date():
            win = self.window(day)
            if win is not None:
                lo, hi = max(a, win[0]), min(b, win[1])
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return total

    def working_minutes(self, start: datetime, end: datetime) -> int:
        return int(self.working_between(start, end).total_seconds() // 60)

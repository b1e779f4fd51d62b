"""Time in Sumbar Studio: stored in UTC, shown and printed in WIB (Asia/Jakarta, UTC+7).

Indonesian date and time formatting follows EYD V ("Senin, 7 Desember 2026", "pukul 09.00 WIB")
and is done by Babel's CLDR data rather than hand-written month tables.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import overload
from zoneinfo import ZoneInfo

from .daynames import DAY_ABBREVIATIONS as _DAY_ABBREVIATIONS
from .daynames import DAY_NAMES as _DAY_NAMES
from .daynames import MONTH_NAMES as _MONTH_NAMES
from .errors import InvalidInput
from .i18n import language

WIB = ZoneInfo("Asia/Jakarta")


def now_utc() -> datetime:
    return datetime.now(UTC)


def to_utc(moment: datetime) -> datetime:
    """Aware UTC datetime. A naive value is taken as WIB wall time (what an officer types)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=WIB)
    return moment.astimezone(UTC)


def to_wib(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(WIB)


def utc_to_db(moment: datetime | None) -> str | None:
    """Canonical, sortable text form for the database: ``2026-12-07T02:00:00Z``."""
    if moment is None:
        return None
    return to_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


@overload
def utc_from_db(text: str) -> datetime: ...
@overload
def utc_from_db(text: None) -> None: ...
@overload
def utc_from_db(text: str | None) -> datetime | None: ...


def utc_from_db(text: str | None) -> datetime | None:
    """A stored UTC timestamp (an empty column is None); a column the schema keeps NOT NULL
    reads as a datetime for the type checker."""
    if not text:
        return None
    # fromisoformat reads the trailing "Z" (3.11+) and is ~30x faster than strptime, which
    # matters when a calendar decodes hundreds of rows per repaint
    return datetime.fromisoformat(text)


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), ("d", "m", "y")),
)
_TIME_PATTERN = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def parse_date(text: str) -> date:
    """Parse ``2026-12-07`` or ``07/12/2026`` (day first, as written in Indonesia)."""
    value = text.strip()
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(value)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                break
    raise InvalidInput("errors.date_invalid", value=text)


def parse_time(text: str) -> time:
    match = _TIME_PATTERN.match(text.strip())
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise InvalidInput("errors.datetime_invalid", value=text)


def parse_wib_datetime(text: str) -> datetime:
    """Parse a WIB wall-clock date and time typed by an officer; returns aware UTC."""
    value = text.strip().replace("T", " ")
    value = re.sub(r"\s*WIB$", "", value, flags=re.IGNORECASE)
    pieces = value.split()
    if len(pieces) != 2:
        raise InvalidInput("errors.datetime_invalid", value=text)
    try:
        day = parse_date(pieces[0])
        clock = parse_time(pieces[1])
    except InvalidInput:
        raise InvalidInput("errors.datetime_invalid", value=text) from None
    return to_utc(datetime.combine(day, clock))


def parse_iso_week(text: str) -> tuple[int, int]:
    match = re.match(r"^(\d{4})-?W(\d{1,2})$", text.strip(), flags=re.IGNORECASE)
    if match:
        year, week = int(match.group(1)), int(match.group(2))
        try:
            date.fromisocalendar(year, week, 1)
            return year, week
        except ValueError:
            pass
    raise InvalidInput("errors.week_invalid", value=text)


def week_days(year: int, week: int) -> list[date]:
    monday = date.fromisocalendar(year, week, 1)
    return [monday + timedelta(days=i) for i in range(7)]


def week_bounds_utc(year: int, week: int) -> tuple[datetime, datetime]:
    """[start, end) of an ISO week in WIB, as UTC instants."""
    monday = date.fromisocalendar(year, week, 1)
    start = datetime.combine(monday, time(0), tzinfo=WIB)
    return start.astimezone(UTC), (start + timedelta(days=7)).astimezone(UTC)


def day_bounds_utc(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=WIB)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def iso_week_of(moment: datetime | date) -> tuple[int, int]:
    day = to_wib(moment).date() if isinstance(moment, datetime) else moment
    iso = day.isocalendar()
    return iso.year, iso.week


_SIMPLE_PATTERN = re.compile(r"(?:EEEE|EEE|MMMM|MM|dd|d|y|[ ,/])+")
_PATTERN_TOKEN = re.compile(r"EEEE|EEE|MMMM|MM|dd|d|y|[ ,/]")


def format_date(day: date, pattern: str, locale: str) -> str:
    """Babel's ``format_date``; the day/month/year patterns the app uses in Indonesian and
    English are formatted from CLDR's names directly, anything else by Babel (imported then)."""
    if locale in _DAY_NAMES and _SIMPLE_PATTERN.fullmatch(pattern):
        parts = {
            "EEEE": _DAY_NAMES[locale][day.weekday()],
            "EEE": _DAY_ABBREVIATIONS[locale][day.weekday()],
            "MMMM": _MONTH_NAMES[locale][day.month - 1],
            "MM": f"{day.month:02d}",
            "dd": f"{day.day:02d}",
            "d": str(day.day),
            "y": str(day.year),
        }
        return "".join(parts.get(tok, tok) for tok in _PATTERN_TOKEN.findall(pattern))
    from babel.dates import format_date as babel_format_date

    return babel_format_date(day, pattern, locale=locale)


def _locale(lang: str | None) -> str:
    return lang or language()


def format_long_date(day: date | datetime, lang: str | None = None) -> str:
    """``Senin, 7 Desember 2026`` (EYD V) or ``Monday, 7 December 2026``."""
    if isinstance(day, datetime):
        day = to_wib(day).date()
    return format_date(day, "EEEE, d MMMM y", locale=_locale(lang))


def format_day_month(day: date, lang: str | None = None) -> str:
    """``Senin, 7 Desember`` (used in week ranges)."""
    return format_date(day, "EEEE, d MMMM", locale=_locale(lang))


def format_plain_date(day: date | datetime, lang: str | None = None) -> str:
    """``7 Desember 2026``."""
    if isinstance(day, datetime):
        day = to_wib(day).date()
    return format_date(day, "d MMMM y", locale=_locale(lang))


def format_news_date(day: date) -> str:
    """News style ``Senin (7/12/2026)``."""
    return f"{format_date(day, 'EEEE', locale='id')} ({day.day}/{day.month}/{day.year})"


def format_clock(moment: datetime | time) -> str:
    """``09.00`` (EYD: a dot between hours and minutes; the same in both languages)."""
    if isinstance(moment, datetime):
        moment = to_wib(moment).time()
    return f"{moment.hour:02d}.{moment.minute:02d}"


def format_wib_time(moment: datetime | time, lang: str | None = None) -> str:
    """``pukul 09.00 WIB`` (Indonesian) or ``09.00 WIB`` (English)."""
    clock = f"{format_clock(moment)} WIB"
    return f"pukul {clock}" if _locale(lang) == "id" else clock


def format_wib_datetime(moment: datetime, lang: str | None = None) -> str:
    """``Senin, 7 Desember 2026, pukul 09.00 WIB``."""
    return f"{format_long_date(moment, lang)}, {format_wib_time(moment, lang)}"


def format_week_range(year: int, week: int, lang: str | None = None) -> str:
    """``Senin, 7 Desember - Minggu, 13 Desember 2026``."""
    days = week_days(year, week)
    first, last = days[0], days[-1]
    head = format_day_month(first, lang)
    if first.year != last.year:
        head = format_long_date(first, lang)
    return f"{head} - {format_long_date(last, lang)}"


# -- schedule entry as an officer types it ---------------------------------------------------

#: common posting times, one click away in the schedule picker
COMMON_TIMES = (time(8, 0), time(9, 0), time(13, 0), time(16, 0), time(19, 0))
DEFAULT_TIME = time(9, 0)

_CLOCK_TAIL = re.compile(
    r"(?:^|[\s,])(?:(?:pukul|pkl\.?|jam|at)\s*(?P<h1>\d{1,2})(?:[.:](?P<m1>\d{2}))?"
    r"|(?P<h2>\d{1,2})[.:](?P<m2>\d{2}))\s*$",
    re.IGNORECASE,
)
_RELATIVE_DAYS = {
    "hari ini": 0,
    "sekarang": 0,
    "today": 0,
    "besok": 1,
    "esok": 1,
    "tomorrow": 1,
    "lusa": 2,
}
_WEEKDAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}


def _split_clock(text: str) -> tuple[str, time | None]:
    match = _CLOCK_TAIL.search(text)
    if not match:
        return text, None
    hour = int(match.group("h1") or match.group("h2"))
    minute = int(match.group("m1") or match.group("m2") or 0)
    if hour > 23 or minute > 59:
        raise ValueError("clock out of range")
    return text[: match.start()].strip(" ,"), time(hour, minute)


def _parse_day(text: str, today: date) -> date | None:
    words = " ".join(text.lower().replace(",", " ").split())
    if words in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[words])
    if words in _WEEKDAYS:  # the next such day, today included
        return today + timedelta(days=(_WEEKDAYS[words] - today.weekday()) % 7)
    try:
        return parse_date(text)
    except InvalidInput:
        pass
    import dateparser  # a maintained parser for "14/12", "14 Des", "Senin, 14 Desember 2026"

    found = dateparser.parse(
        text,
        languages=["id", "en"],
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": datetime.combine(today, time(12, 0)),
            "RETURN_AS_TIMEZONE_AWARE": False,
            "PARSERS": ["absolute-time"],
        },
    )
    if found is None or not today.year - 1 <= found.year <= today.year + 5:
        return None  # "14/13" must not become the year 2113
    return found.date()


def suggest_schedule(now: datetime, event_day: date | None = None) -> datetime:
    """Where a schedule starts when a post has none yet (aware UTC, never 00.00).

    The event date at 09.00 when that is still ahead; else the first common posting time
    today at least an hour from ``now``; else tomorrow at 09.00.
    """
    earliest = to_wib(now) + timedelta(hours=1)
    if event_day is not None:
        on_event = datetime.combine(event_day, DEFAULT_TIME, tzinfo=WIB)
        if on_event >= earliest:
            return on_event.astimezone(UTC)
    for clock in COMMON_TIMES:
        slot = datetime.combine(earliest.date(), clock, tzinfo=WIB)
        if slot >= earliest:
            return slot.astimezone(UTC)
    tomorrow = earliest.date() + timedelta(days=1)
    return datetime.combine(tomorrow, DEFAULT_TIME, tzinfo=WIB).astimezone(UTC)


def parse_schedule(
    text: str,
    *,
    now: datetime | None = None,
    default_day: date | None = None,
    default_time: time | None = None,
) -> datetime:
    """Parse a schedule typed by an officer in WIB; returns aware UTC.

    Understands ``14/12 9.00``, ``14-12-2026 09:00``, ``14 Desember 09.00``, ``besok 9.00``,
    ``senin 13.00``, ``lusa pukul 8``, ``2026-12-14 09:00 WIB``. A missing year means the next
    such date from today; a missing time keeps ``default_time`` (or 09.00, never 00.00); a time
    alone keeps ``default_day`` (or today).
    """
    today = to_wib(now or now_utc()).date()
    value = re.sub(r"\s*WIB\s*$", "", text.strip(), flags=re.IGNORECASE)
    value = re.sub(r"(?<=\d)T(?=\d)", " ", value)  # ISO "2026-12-14T09:00", not "Thu"/"Today"
    if not value:
        raise InvalidInput("dates.schedule_empty")
    try:
        day_text, clock = _split_clock(value)
    except ValueError:
        raise InvalidInput("dates.schedule_invalid", value=text) from None
    day = _parse_day(day_text, today) if day_text else (default_day or today)
    if day is None:
        raise InvalidInput("dates.schedule_invalid", value=text)
    return to_utc(datetime.combine(day, clock or default_time or DEFAULT_TIME))

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from sumbar_studio.core.errors import InvalidInput
from sumbar_studio.core.i18n import set_language
from sumbar_studio.core.timeutil import (
    format_long_date,
    format_news_date,
    format_week_range,
    format_wib_time,
    parse_date,
    parse_iso_week,
    parse_wib_datetime,
    suggest_schedule,
    to_utc,
    to_wib,
    utc_from_db,
    utc_to_db,
    week_bounds_utc,
)


def test_wib_utc_round_trip_across_midnight():
    # 06:30 WIB on 8 December is 23:30 UTC on 7 December: the day differs on each side.
    stored = utc_to_db(parse_wib_datetime("2026-12-08 06:30"))
    assert stored == "2026-12-07T23:30:00Z"
    back = to_wib(utc_from_db(stored))
    assert (back.date(), back.time()) == (date(2026, 12, 8), time(6, 30))
    assert back.utcoffset().total_seconds() == 7 * 3600


def test_week_bounds_are_wib_midnights():
    start, end = week_bounds_utc(2026, 50)
    assert start == datetime(2026, 12, 6, 17, 0, tzinfo=UTC)
    assert end == datetime(2026, 12, 13, 17, 0, tzinfo=UTC)


def test_indonesian_formats():
    assert format_long_date(date(2026, 12, 7)) == "Senin, 7 Desember 2026"
    assert format_wib_time(time(9, 0)) == "pukul 09.00 WIB"
    assert format_news_date(date(2026, 12, 7)) == "Senin (7/12/2026)"
    assert format_week_range(2026, 50) == "Senin, 7 Desember - Minggu, 13 Desember 2026"
    set_language("en")
    assert format_long_date(date(2026, 12, 7)) == "Monday, 7 December 2026"


@pytest.mark.parametrize("text", ["2026-13-01", "31/02/2026", "besok", "", "2026/12/07"])
def test_malformed_dates_are_user_errors(text):
    with pytest.raises(InvalidInput) as err:
        parse_date(text)
    assert "tidak dikenali" in str(err.value)


def test_day_first_dates_and_dotted_times():
    assert parse_date("07/12/2026") == date(2026, 12, 7)
    assert parse_wib_datetime("7/12/2026 09.00 WIB") == datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
    with pytest.raises(InvalidInput):
        parse_wib_datetime("2026-12-07 25:00")
    assert parse_iso_week("2026-W50") == (2026, 50)
    with pytest.raises(InvalidInput):
        parse_iso_week("2026-W54")


# -- schedule entry as typed by an officer ---------------------------------------------------

_NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wednesday 2 December 2026, 10.00 WIB


@pytest.mark.parametrize(
    ("typed", "wib"),
    [
        ("14/12 9.00", datetime(2026, 12, 14, 9, 0)),
        ("14-12-2026 09:00", datetime(2026, 12, 14, 9, 0)),
        ("2026-12-14 09:00 WIB", datetime(2026, 12, 14, 9, 0)),
        ("14 Desember 13.30", datetime(2026, 12, 14, 13, 30)),
        ("Senin, 14 Desember 2026 pukul 09.00 WIB", datetime(2026, 12, 14, 9, 0)),
        ("besok 9.00", datetime(2026, 12, 3, 9, 0)),
        ("lusa pukul 8", datetime(2026, 12, 4, 8, 0)),
        ("senin 13.00", datetime(2026, 12, 7, 13, 0)),
        ("rabu 19.00", datetime(2026, 12, 2, 19, 0)),  # today is a Wednesday
        ("1/1 8.00", datetime(2027, 1, 1, 8, 0)),  # no year: the next 1 January
        ("14/12", datetime(2026, 12, 14, 9, 0)),  # no time: 09.00, never 00.00
        ("2026-12-14T09:00", datetime(2026, 12, 14, 9, 0)),
        # a capital T is not ISO's separator: English words and the value the field shows
        ("Tomorrow 9.00", datetime(2026, 12, 3, 9, 0)),
        ("Thu, 10/12/2026 10.00 WIB", datetime(2026, 12, 10, 10, 0)),
        ("Kam, 10/12/2026 10.00 WIB", datetime(2026, 12, 10, 10, 0)),
    ],
)
def test_parse_schedule_understands_typed_forms(typed, wib):
    from sumbar_studio.core.timeutil import WIB, parse_schedule

    got = parse_schedule(typed, now=_NOW)
    assert got.tzinfo is not None
    assert to_wib(got).replace(tzinfo=None) == wib
    assert got == wib.replace(tzinfo=WIB).astimezone(UTC)


def test_parse_schedule_keeps_given_time_and_day():
    from sumbar_studio.core.timeutil import parse_schedule

    kept = parse_schedule("15/12", now=_NOW, default_time=time(16, 0))
    assert to_wib(kept).time() == time(16, 0)
    clock_only = parse_schedule("13.00", now=_NOW, default_day=date(2026, 12, 9))
    assert to_wib(clock_only).replace(tzinfo=None) == datetime(2026, 12, 9, 13, 0)


@pytest.mark.parametrize(
    "typed", ["", "abc 9.00", "25.00", "14/13 9.00", "Belum dijadwalkan14122026"]
)
def test_parse_schedule_refuses_nonsense_in_indonesian(typed):
    from sumbar_studio.core.timeutil import parse_schedule

    set_language("id")
    with pytest.raises(InvalidInput) as err:
        parse_schedule(typed, now=_NOW)
    assert "dikenali" in err.value.user_message() or "belum diisi" in err.value.user_message()


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(
    "pattern", ["EEEE, d MMMM y", "EEEE, d MMMM", "d MMMM y", "EEEE", "EEE, dd/MM/y"]
)
def test_date_names_without_babel_match_babel(lang, pattern):
    from datetime import date, timedelta

    from babel.dates import format_date as babel_format_date

    from sumbar_studio.core.timeutil import format_date

    day = date(2027, 1, 1)
    for _ in range(400):
        assert format_date(day, pattern, lang) == babel_format_date(day, pattern, locale=lang)
        day += timedelta(days=1)


def test_other_date_patterns_still_go_to_babel():
    from datetime import date

    from sumbar_studio.core.timeutil import format_date

    assert format_date(date(2026, 12, 7), "MMM d", "en") == "Dec 7"


@pytest.mark.parametrize(
    ("now_wib", "event_day", "expected_wib"),
    [
        # the next common posting time at least an hour ahead, today
        (datetime(2026, 12, 10, 8, 0), None, datetime(2026, 12, 10, 9, 0)),
        (datetime(2026, 12, 10, 8, 1), None, datetime(2026, 12, 10, 13, 0)),
        (datetime(2026, 12, 10, 17, 30), None, datetime(2026, 12, 10, 19, 0)),
        # late in the evening: tomorrow 09.00, never 00.00
        (datetime(2026, 12, 10, 20, 30), None, datetime(2026, 12, 11, 9, 0)),
        (datetime(2026, 12, 10, 23, 30), None, datetime(2026, 12, 11, 8, 0)),
        # the event date at 09.00 when it is still ahead
        (datetime(2026, 12, 10, 8, 0), date(2026, 12, 15), datetime(2026, 12, 15, 9, 0)),
        # an event that is over (or already past 09.00 today): the next time from now
        (datetime(2026, 12, 10, 8, 0), date(2026, 12, 1), datetime(2026, 12, 10, 9, 0)),
        (datetime(2026, 12, 10, 11, 0), date(2026, 12, 10), datetime(2026, 12, 10, 13, 0)),
    ],
)
def test_suggest_schedule_starts_at_a_sensible_time(now_wib, event_day, expected_wib):
    suggested = suggest_schedule(to_utc(now_wib), event_day)
    assert suggested.tzinfo is not None
    assert suggested == to_utc(expected_wib)

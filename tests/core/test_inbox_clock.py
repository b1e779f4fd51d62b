"""The working-hours clock: office hours (WIB), weekends, national holidays, cuti bersama, the
team's own days, and entries received out of hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from sumbar_studio.core.errors import InvalidInput
from sumbar_studio.core.inbox.clock import WorkingClock, library_holidays
from sumbar_studio.core.inbox.config import InboxSettings
from sumbar_studio.core.timeutil import WIB


def wib(y, m, d, hh=0, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=WIB).astimezone(UTC)


def as_wib(moment: datetime) -> tuple:
    local = moment.astimezone(WIB)
    return (local.year, local.month, local.day, local.hour, local.minute)


CLOCK = WorkingClock.from_settings(InboxSettings())  # Mon-Thu 07.30-16.00, Fri 07.30-16.30


def test_inside_office_hours_the_clock_runs_at_once():
    # Wednesday 2 December 2026, 10.00 WIB + 4 working hours = 14.00 the same day
    assert as_wib(CLOCK.due(wib(2026, 12, 2, 10), 4)) == (2026, 12, 2, 14, 0)


def test_a_day_ends_at_office_closing_and_continues_next_morning():
    # Wednesday 15.00 + 3 h: one hour that day, two more from 07.30 Thursday
    assert as_wib(CLOCK.due(wib(2026, 12, 2, 15), 3)) == (2026, 12, 3, 9, 30)


def test_weekend_is_skipped_and_friday_closes_later():
    # Friday 4 December 15.00: 1.5 h until 16.30, then Monday 07.30 + 2.5 h
    assert as_wib(CLOCK.due(wib(2026, 12, 4, 15), 4)) == (2026, 12, 7, 10, 0)


def test_received_on_saturday_night_starts_on_monday_morning():
    start = CLOCK.clock_start(wib(2026, 12, 5, 22, 40))
    assert as_wib(start) == (2026, 12, 7, 7, 30)
    # and 1x24 working hours later (8.5 h a day Mon-Thu, 9 h Friday) is Wednesday 14.30
    assert as_wib(CLOCK.due(wib(2026, 12, 5, 22, 40), 24)) == (2026, 12, 9, 14, 30)


def test_received_before_office_opens_and_after_it_closes():
    assert as_wib(CLOCK.clock_start(wib(2026, 12, 2, 6, 59))) == (2026, 12, 2, 7, 30)
    assert as_wib(CLOCK.clock_start(wib(2026, 12, 2, 16, 0))) == (2026, 12, 3, 7, 30)
    assert as_wib(CLOCK.clock_start(wib(2026, 12, 2, 12, 5))) == (2026, 12, 2, 12, 5)


def test_national_holiday_has_no_service():
    # Christmas 2026 is Friday 25 December; Thursday 24 December is cuti bersama
    assert CLOCK.holiday_name(date(2026, 12, 25)) is not None
    # received Wednesday 23 December 15.00: 1 h left that day, then Monday 28 December
    assert as_wib(CLOCK.due(wib(2026, 12, 23, 15), 3)) == (2026, 12, 28, 9, 30)


def test_cuti_bersama_from_the_library():
    holidays_2026 = library_holidays(2026)
    assert "Cuti Bersama" in holidays_2026[date(2026, 12, 24)]
    # Idul Fitri 2026: Thursday 19 March is Nyepi, 20 and 23-24 March cuti bersama,
    # 21-22 the holiday itself (a weekend): Wednesday 18 March is cuti bersama Nyepi too
    for day in (18, 19, 20, 23, 24):
        assert not CLOCK.is_working_day(date(2026, 3, day)), day
    assert CLOCK.is_working_day(date(2026, 3, 25))
    assert as_wib(CLOCK.due(wib(2026, 3, 17, 15), 2)) == (2026, 3, 25, 8, 30)


def test_the_team_adds_cuti_bersama_and_days_off():
    settings = InboxSettings(
        cuti_bersama=["2026-12-02"], days_off={"2026-12-03": "Hari jadi (libur daerah)"}
    )
    clock = WorkingClock.from_settings(settings)
    assert not clock.is_working_day(date(2026, 12, 2))
    assert clock.holiday_name(date(2026, 12, 3)) == "Hari jadi (libur daerah)"
    # Tuesday 1 December 15.00 + 2 h: one hour Tuesday, then Friday
    assert as_wib(clock.due(wib(2026, 12, 1, 15), 2)) == (2026, 12, 4, 8, 30)


def test_a_working_day_overrides_the_library():
    settings = InboxSettings(working_days=["2026-12-24"])
    clock = WorkingClock.from_settings(settings)
    assert clock.is_working_day(date(2026, 12, 24))
    assert not CLOCK.is_working_day(date(2026, 12, 24))


def test_working_time_between_two_moments_skips_nights_weekends_and_holidays():
    # Friday 16.00 -> Monday 08.00: half an hour on Friday, half an hour on Monday
    assert CLOCK.working_between(wib(2026, 12, 4, 16), wib(2026, 12, 7, 8)) == timedelta(hours=1)
    assert CLOCK.working_minutes(wib(2026, 12, 23, 15), wib(2026, 12, 28, 9, 30)) == 180
    assert CLOCK.working_minutes(wib(2026, 12, 7, 9), wib(2026, 12, 7, 8)) == 0


def test_settings_round_trip_and_validation():
    settings = InboxSettings(service_hours=16, cuti_bersama=["2027-01-02"])
    again = InboxSettings.from_dict(settings.to_dict())
    assert again.service_hours == 16 and again.cuti_bersama == ["2027-01-02"]
    assert again.office_hours[5] == ("07:30", "16:30")
    with pytest.raises(InvalidInput):
        InboxSettings.from_dict({"office_hours": {"1": ["16:00", "07:30"]}})
    with pytest.raises(InvalidInput):
        InboxSettings.from_dict({"cuti_bersama": ["24/12/2026"]})
    with pytest.raises(InvalidInput):
        InboxSettings.from_dict({"service_hours": 0})

"""The attendance year follows the body's setting (DOMAIN.md §7): April to March unless
the body says its year starts in another month, e.g. a schools board's September."""

from __future__ import annotations

from datetime import date, time

import pytest

from clerk_app.rules.attendance import (
    deputy_limit_warning,
    year_bounds,
    year_label,
    year_span,
    year_start,
)
from clerk_app.rules.vocabulary import SettingKey
from clerk_app.services import constitution, schedule
from clerk_app.services.attendance import attendance_years, year_report
from tests.gui.year_record import held


def test_the_year_may_start_in_any_month():
    assert year_start(date(2027, 8, 31), 9) == 2026
    assert year_start(date(2027, 9, 1), 9) == 2027
    assert year_bounds(2026, 9) == (date(2026, 9, 1), date(2027, 8, 31))
    assert year_bounds(2027, 3) == (date(2027, 3, 1), date(2028, 2, 29))  # a leap year
    assert year_span(2026, 9) == "1 September 2026 to 31 August 2027"
    assert year_span(2026) == "1 April 2026 to 31 March 2027"  # April is the default
    assert (year_label(2026, 9), year_label(2026, 1)) == ("2026-27", "2026")
    assert year_bounds(2026, 1) == (date(2026, 1, 1), date(2026, 12, 31))


def test_a_deputy_limit_counts_within_the_bodys_year():
    # 1 August and 1 October are in one April year but in two September years.
    assert deputy_limit_warning([date(2026, 8, 1)], date(2026, 10, 1), 1) is not None
    assert deputy_limit_warning([date(2026, 8, 1)], date(2026, 10, 1), 1, 9) is None


@pytest.fixture
def september(kent):
    constitution.change_setting(kent.engine, kent.body_id,
                                SettingKey.ATTENDANCE_YEAR_START_MONTH, 9, "Terms, §5")
    return kent


def test_the_report_and_the_schedule_follow_a_september_year(september):
    kent = september
    held(kent, date(2026, 8, 25), present=["police"])  # the end of 2025-26
    held(kent, date(2026, 9, 15), present=["police"])  # the start of 2026-27
    held(kent, date(2027, 8, 31), apologies=["police"])  # its last day
    report = year_report(kent.engine, kent.body_id, 2026, today=date(2027, 9, 5))
    assert [m.date for m in report.meetings] == [date(2026, 9, 15), date(2027, 8, 31)]
    assert report.span == "1 September 2026 to 31 August 2027"
    assert attendance_years(kent.engine, kent.body_id, date(2027, 9, 5)) == [2027, 2026, 2025]
    listed = schedule.year_meetings(kent.engine, kent.body_id, 2026)
    assert [m.date for m in listed] == [date(2026, 9, 15), date(2027, 8, 31)]


def test_a_plan_runs_through_the_bodys_year(september):
    kent = september
    pattern = schedule.Pattern(every_months=3, first_month=9, week=2, weekday=1,
                               start_time=time(10))
    plan = schedule.plan_year(kent.engine, kent.body_id, 2026, pattern, today=date(2026, 8, 1))
    assert [(p.date.year, p.date.month) for p in plan] == [
        (2026, 9), (2026, 12), (2027, 3), (2027, 6)]

"""DOMAIN.md §7 Attendance over the year: April-March years, thresholds, deputies."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from clerk_app.rules.attendance import (
    Mark,
    MeetingMark,
    Status,
    Threshold,
    deputy_limit_warning,
    year_bounds,
    year_label,
    year_start,
    year_stats,
)

KENT = Threshold(Fraction(3, 4))  # "a minimum of 3 out of 4 meetings" (000 §9.2)
LINCOLNSHIRE = Threshold(Fraction(7, 10))  # "no less than 70%" (002 §5.1, §6.5)
KENT_DEPUTY_LIMIT = 1  # "up to one meeting a year" (000, Partner Agency Agreement item 10)


def test_year_start_label_and_bounds():
    assert year_start(date(2026, 3, 31)) == 2025
    assert year_start(date(2026, 4, 1)) == 2026
    assert year_start(date(2026, 12, 31)) == 2026
    assert year_start(date(2027, 1, 1)) == 2026
    assert year_label(2026) == "2026-27"
    assert year_label(2099) == "2099-00"
    assert year_bounds(2026) == (date(2026, 4, 1), date(2027, 3, 31))
    assert year_bounds(2027) == (date(2027, 4, 1), date(2028, 3, 31))  # 2028 is a leap year


# A Kent member's marks over two years. 31 March 2026 closes 2025-26; 1 April 2026 opens
# 2026-27.
MARKS = [
    MeetingMark(date(2025, 5, 20), Mark.PRESENT),
    MeetingMark(date(2025, 7, 15), Mark.APOLOGIES),
    MeetingMark(date(2025, 9, 16), Mark.PRESENT, cancelled=True),
    MeetingMark(date(2025, 11, 18), Mark.SUBSTITUTE),
    MeetingMark(date(2026, 1, 20), Mark.PRESENT),
    MeetingMark(date(2026, 3, 31), Mark.PRESENT),
    MeetingMark(date(2026, 4, 1), Mark.ABSENT),
    MeetingMark(date(2026, 6, 2), Mark.PRESENT),
]


def marks_in(start: int) -> list[MeetingMark]:
    return [m for m in MARKS if year_start(m.meeting_date) == start]


def test_constructed_year_2025_26():
    stats = year_stats(marks_in(2025), KENT)
    # Five meetings held (the cancelled September one left out): 3 present, 1 substitute,
    # 1 apologies. 4 of 5 attended counting the substitute = 80% >= 75%.
    assert stats.held == 5
    assert (stats.present, stats.substitute, stats.apologies, stats.absent) == (3, 1, 1, 0)
    assert stats.attended == 4
    assert stats.rate == Fraction(4, 5)
    assert stats.status is Status.MET
    assert stats.needed == 0


def test_substitute_not_counted_when_the_body_says_so():
    stats = year_stats(marks_in(2025), Threshold(Fraction(3, 4), substitute_counts=False))
    # 3 of 5 = 60% < 75%, no meetings left: needs ceil(3/4 * 5) = 4, has 3.
    assert stats.attended == 3
    assert stats.rate == Fraction(3, 5)
    assert stats.status is Status.MISSED
    assert stats.needed == 1


def test_constructed_year_2026_27_so_far():
    # 1 April 2026 (absent) and 2 June (present): 1 of 2. With 4 meetings left, the year
    # ends with 6 held; 3/4 of 6 = 4.5, so 5 attendances are needed: 4 more. Reachable.
    stats = year_stats(marks_in(2026), KENT, remaining=4)
    assert stats.held == 2 and stats.absent == 1 and stats.present == 1
    assert stats.status is Status.AT_RISK
    assert stats.needed == 4


def test_cancelled_meeting_counts_for_nobody():
    marks = [
        MeetingMark(date(2026, 5, 1), Mark.PRESENT),
        MeetingMark(date(2026, 7, 1), Mark.ABSENT, cancelled=True),
    ]
    stats = year_stats(marks, KENT)
    assert stats.held == 1 and stats.absent == 0
    assert stats.status is Status.MET


def test_kent_member_at_three_of_four_is_met():
    marks = [
        MeetingMark(date(2026, 4, 21), Mark.PRESENT),
        MeetingMark(date(2026, 6, 16), Mark.PRESENT),
        MeetingMark(date(2026, 9, 15), Mark.APOLOGIES),
        MeetingMark(date(2027, 1, 19), Mark.PRESENT),
    ]
    stats = year_stats(marks, KENT)
    assert stats.rate == Fraction(3, 4)
    assert stats.status is Status.MET


def test_kent_member_at_two_of_four_missed():
    marks = [
        MeetingMark(date(2026, 4, 21), Mark.PRESENT),
        MeetingMark(date(2026, 6, 16), Mark.ABSENT),
        MeetingMark(date(2026, 9, 15), Mark.APOLOGIES),
        MeetingMark(date(2027, 1, 19), Mark.PRESENT),
    ]
    stats = year_stats(marks, KENT)
    assert stats.status is Status.MISSED
    assert stats.needed == 1  # needs 3 of 4, has 2


def test_lincolnshire_member_exactly_at_seventy_percent_is_met():
    # Ten meetings and development days (002 §6.5 "including development days"): 7 attended.
    marks = [MeetingMark(date(2026, 4 + i, 10), Mark.PRESENT) for i in range(6)]
    marks.append(MeetingMark(date(2026, 10, 10), Mark.SUBSTITUTE))
    marks += [MeetingMark(date(2026, 11, 10), Mark.APOLOGIES)]
    marks += [
        MeetingMark(date(2027, 1, 10), Mark.ABSENT),
        MeetingMark(date(2027, 2, 10), Mark.ABSENT),
    ]
    stats = year_stats(marks, LINCOLNSHIRE)
    assert stats.held == 10 and stats.attended == 7
    assert stats.rate == Fraction(7, 10)
    assert stats.status is Status.MET


def test_lincolnshire_just_under_seventy_percent():
    # 2 of 3 = 66.7% < 70%.
    marks = [
        MeetingMark(date(2026, 5, 1), Mark.PRESENT),
        MeetingMark(date(2026, 6, 1), Mark.PRESENT),
        MeetingMark(date(2026, 7, 1), Mark.APOLOGIES),
    ]
    assert year_stats(marks, LINCOLNSHIRE).status is Status.MISSED
    # With 2 meetings left: 5 held, 0.7 * 5 = 3.5, so 4 needed: 2 more, both. Reachable.
    at_risk = year_stats(marks, LINCOLNSHIRE, remaining=2)
    assert at_risk.status is Status.AT_RISK
    assert at_risk.needed == 2


def test_at_risk_versus_missed_with_remaining_meetings():
    # Kent, 6 meetings a year (every two months, 000 §10.1); 1 of 3 attended so far.
    marks = [
        MeetingMark(date(2026, 4, 21), Mark.PRESENT),
        MeetingMark(date(2026, 6, 16), Mark.APOLOGIES),
        MeetingMark(date(2026, 8, 18), Mark.ABSENT),
    ]
    # 3 left: 6 held, 3/4 of 6 = 4.5 -> 5 needed, 4 more, only 3 left: missed.
    missed = year_stats(marks, KENT, remaining=3)
    assert missed.status is Status.MISSED
    assert missed.needed == 4
    # 5 left: 8 held, 3/4 of 8 = 6, 5 more needed, 5 left: still reachable.
    at_risk = year_stats(marks, KENT, remaining=5)
    assert at_risk.status is Status.AT_RISK
    assert at_risk.needed == 5


def test_float_threshold_setting_means_the_decimal():
    stats = year_stats(
        [MeetingMark(date(2026, 5, d), Mark.PRESENT) for d in range(1, 8)]
        + [MeetingMark(date(2026, 6, d), Mark.ABSENT) for d in range(1, 4)],
        Threshold(0.7),  # type: ignore[arg-type]
    )
    assert stats.status is Status.MET


def test_no_meetings():
    assert year_stats([], KENT).status is Status.NO_MEETINGS
    only_cancelled = [MeetingMark(date(2026, 5, 1), Mark.PRESENT, cancelled=True)]
    stats = year_stats(only_cancelled, KENT)
    assert stats.status is Status.NO_MEETINGS and stats.held == 0 and stats.rate is None


def test_no_meetings_yet_but_some_to_come():
    # Nothing held yet on 1 April: not "at risk"; 6 to come under 3/4 needs 5 (4.5 -> 5).
    stats = year_stats([], KENT, remaining=6)
    assert stats.status is Status.NO_MEETINGS
    assert stats.needed == 5


@pytest.mark.parametrize(
    ("earlier", "on", "warned"),
    [
        ([], date(2026, 6, 2), False),  # first deputy attendance of 2026-27
        ([date(2026, 6, 2)], date(2026, 10, 6), True),  # second in 2026-27
        ([date(2026, 3, 31)], date(2026, 4, 1), False),  # 31 March was 2025-26
        ([date(2026, 6, 2)], date(2027, 4, 6), False),  # next year, fine
        ([date(2026, 6, 2)], date(2026, 6, 2), False),  # the same meeting, already recorded
    ],
)
def test_kent_deputy_limit(earlier, on, warned):
    message = deputy_limit_warning(earlier, on, KENT_DEPUTY_LIMIT)
    assert (message is not None) is warned


def test_deputy_warning_names_year_and_count():
    message = deputy_limit_warning(
        [date(2026, 6, 2), date(2025, 12, 1)], date(2027, 3, 31), KENT_DEPUTY_LIMIT
    )
    assert message == (
        "A deputy has already attended 1 meeting for this member in 2026-27; "
        "the limit is 1 meeting a year, so this would be 2."
    )


def test_deputy_without_limit():
    dates = [date(2026, 5, 1), date(2026, 6, 1), date(2026, 7, 1)]
    assert deputy_limit_warning(dates, date(2026, 8, 1), None) is None
    assert "already attended 3 meetings" in deputy_limit_warning(dates, date(2026, 8, 1), 2)

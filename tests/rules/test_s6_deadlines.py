"""DOMAIN.md §6 Minutes and deadlines: agenda dispatch (002 §6.2) and minutes due (002 §6.3).

Expected dates are worked out by hand in the comments, so a wrong holiday calendar or an
off-by-one in the counting shows up as a disagreement with the arithmetic written here.
"""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.rules.deadlines import (
    DispatchCounting,
    dispatch_deadline,
    is_working_day,
    minutes_due,
)

WORKING = DispatchCounting.WORKING_DAYS
CLEAR = DispatchCounting.CLEAR_DAYS


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 5, 4), False),  # Mon, Early May bank holiday
        (date(2026, 5, 5), True),  # Tue
        (date(2026, 4, 3), False),  # Good Friday
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2026, 5, 25), False),  # Mon, Spring bank holiday
        (date(2026, 8, 31), False),  # Mon, Summer bank holiday
        (date(2026, 12, 24), True),  # Thu, Christmas Eve is a working day
        (date(2026, 12, 25), False),  # Fri, Christmas Day
        (date(2026, 12, 26), False),  # Sat, Boxing Day
        (date(2026, 12, 28), False),  # Mon, Boxing Day substitute
        (date(2027, 1, 1), False),  # Fri, New Year's Day
        (date(2026, 4, 25), False),  # a Saturday
        (date(2026, 4, 26), False),  # a Sunday
        (date(2026, 4, 27), True),  # a Monday
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_domain_example_working_days():
    # Meeting Tue 5 May 2026. Counting back, meeting day not counted: Mon 4 May (bank
    # holiday, skip), Fri 1 May (1), Thu 30 Apr (2), Wed 29 (3), Tue 28 (4), Mon 27 (5),
    # [Sun 26, Sat 25 skip], Fri 24 (6), Thu 23 (7).
    assert dispatch_deadline(date(2026, 5, 5)) == date(2026, 4, 23)
    assert dispatch_deadline(date(2026, 5, 5), 7, WORKING) == date(2026, 4, 23)


def test_domain_example_clear_days():
    # Clear days: the dispatch day is not counted either, so one working day earlier.
    assert dispatch_deadline(date(2026, 5, 5), counting=CLEAR) == date(2026, 4, 22)


def test_domain_example_minutes_due():
    # Ten calendar days after Tue 5 May 2026 (002 §6.3).
    assert minutes_due(date(2026, 5, 5)) == date(2026, 5, 15)


def test_easter_2026():
    # Meeting Tue 14 Apr 2026. Mon 13 (1), Fri 10 (2), Thu 9 (3), Wed 8 (4), Tue 7 (5),
    # Mon 6 Easter Monday skip, Sun 5, Sat 4 skip, Fri 3 Good Friday skip, Thu 2 Apr (6),
    # Wed 1 Apr (7). Clear days: one more working day back, Tue 31 Mar.
    assert dispatch_deadline(date(2026, 4, 14), counting=WORKING) == date(2026, 4, 1)
    assert dispatch_deadline(date(2026, 4, 14), counting=CLEAR) == date(2026, 3, 31)


def test_meeting_just_after_easter_monday():
    # Meeting Tue 7 Apr 2026. Mon 6 skip, Sun 5, Sat 4 skip, Fri 3 skip, Thu 2 (1),
    # Wed 1 (2), Tue 31 Mar (3), Mon 30 (4), Fri 27 (5), Thu 26 (6), Wed 25 Mar (7).
    # Clear days: Tue 24 Mar.
    assert dispatch_deadline(date(2026, 4, 7), counting=WORKING) == date(2026, 3, 25)
    assert dispatch_deadline(date(2026, 4, 7), counting=CLEAR) == date(2026, 3, 24)
    assert minutes_due(date(2026, 4, 7)) == date(2026, 4, 17)


def test_late_may_bank_holiday_2026():
    # Meeting Wed 3 Jun 2026. Tue 2 Jun (1), Mon 1 (2), Fri 29 May (3), Thu 28 (4),
    # Wed 27 (5), Tue 26 (6), Mon 25 Spring bank holiday skip, Fri 22 May (7).
    # Clear days: Thu 21 May.
    assert dispatch_deadline(date(2026, 6, 3), counting=WORKING) == date(2026, 5, 22)
    assert dispatch_deadline(date(2026, 6, 3), counting=CLEAR) == date(2026, 5, 21)


def test_christmas_2026():
    # Meeting Tue 5 Jan 2027. Mon 4 Jan (1), Fri 1 Jan New Year's Day skip, Thu 31 Dec (2),
    # Wed 30 (3), Tue 29 (4), Mon 28 Boxing Day substitute skip, Sun 27, Sat 26 skip,
    # Fri 25 Christmas Day skip, Thu 24 (5), Wed 23 (6), Tue 22 Dec (7).
    # Clear days: Mon 21 Dec 2026.
    assert dispatch_deadline(date(2027, 1, 5), counting=WORKING) == date(2026, 12, 22)
    assert dispatch_deadline(date(2027, 1, 5), counting=CLEAR) == date(2026, 12, 21)


def test_minutes_due_is_calendar_days_even_over_christmas():
    # Meeting Tue 22 Dec 2026: ten calendar days is Fri 1 Jan 2027, a bank holiday; the
    # seed's "where practicably possible" leaves that to the clerk.
    assert minutes_due(date(2026, 12, 22)) == date(2027, 1, 1)


def test_other_notice_periods():
    # Five working days before Mon 11 May 2026: Fri 8 (1), Thu 7 (2), Wed 6 (3), Tue 5 (4),
    # Mon 4 bank holiday skip, Fri 1 May (5). Clear: Thu 30 Apr.
    assert dispatch_deadline(date(2026, 5, 11), 5) == date(2026, 5, 1)
    assert dispatch_deadline(date(2026, 5, 11), 5, CLEAR) == date(2026, 4, 30)
    assert minutes_due(date(2026, 5, 11), days=14) == date(2026, 5, 25)


def test_dispatch_needs_at_least_one_day():
    with pytest.raises(ValueError, match="at least 1"):
        dispatch_deadline(date(2026, 5, 5), 0)

"""When the agenda must go out and when the minutes are due.

DOMAIN.md §6. "Agenda papers will be sent out at least seven working days before each
meeting" (002 §6.2); minutes are "distributed within ten days of the meeting where
practicably possible" (002 §6.3). Working days leave out weekends and bank holidays in
England and Wales.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

from clerk_app.rules.vocabulary import DispatchCounting

if TYPE_CHECKING:
    import holidays


@cache
def _bank_holidays() -> holidays.HolidayBase:
    # England's list is also Wales's: the two share their bank holidays. The object fills
    # in each year on first use, so one cached instance serves every year. Imported here:
    # the package takes a tenth of a second to load, which start-up need not wait for.
    import holidays

    return holidays.country_holidays("GB", subdiv="ENG")


def is_working_day(d: date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales (§6)."""
    return d.weekday() < 5 and d not in _bank_holidays()


def dispatch_deadline(
    meeting: date,
    working_days: int = 7,
    counting: DispatchCounting = DispatchCounting.WORKING_DAYS,
) -> date:
    """The last day the agenda papers can go out for a meeting (002 §6.2).

    WORKING_DAYS: the seventh working day counted back from the meeting, the meeting day
    not counted (meeting Tue 5 May 2026, Mon 4 May a bank holiday: Thu 23 April 2026).
    CLEAR_DAYS: seven whole working days must lie between dispatch and meeting, so the
    dispatch day is one working day earlier (Wed 22 April 2026). The result is always a
    working day.

    Raises:
        ValueError: working_days is less than 1.
    """
    if working_days < 1:
        raise ValueError(f"working_days must be at least 1, not {working_days}")
    wanted = working_days + (1 if counting == DispatchCounting.CLEAR_DAYS else 0)
    day = meeting
    counted = 0
    while counted < wanted:
        day -= timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def minutes_due(meeting: date, days: int = 10) -> date:
    """When the minutes should be distributed: ten calendar days after the meeting (002 §6.3).

    Calendar days, not working days: the seed says "ten days", and "where practicably
    possible" leaves a weekend or holiday to the clerk's judgement.
    """
    return meeting + timedelta(days=days)

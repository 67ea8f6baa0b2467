"""A member's attendance over the body's year, against the body's threshold.

DOMAIN.md §7. Kent members commit to "a minimum of 3 out of 4 meetings ... in a year
(April to March)" (000 §9.2, agreement item 9); Lincolnshire expects "no less than 70%
over the course of the financial year", development days included (002 §5.1, §6.5).
Cancelled meetings count for nobody. The year runs April to March unless the body's
setting says it starts in another month (a school board's September to August).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from clerk_app.rules.vocabulary import AttendanceStatus as Status
from clerk_app.rules.vocabulary import Mark

APRIL = 4  # the financial year, April to March, unless the body says otherwise (000 §9.2)


def year_months(first_month: int = APRIL) -> tuple[int, ...]:
    """The year's months in order from its first: (4, 5, … 12, 1, 2, 3) from April."""
    return tuple((first_month - 1 + n) % 12 + 1 for n in range(12))


def year_start(d: date, first_month: int = APRIL) -> int:
    """The calendar year in which d's year starts: 31 Mar 2026 -> 2025 (from April)."""
    return d.year if d.month >= first_month else d.year - 1


def year_label(start: int, first_month: int = APRIL) -> str:
    """The year as people write it: 2026 -> "2026-27"; a calendar year is just "2026"."""
    if first_month == 1:
        return str(start)
    return f"{start}-{(start + 1) % 100:02d}"


def year_bounds(start: int, first_month: int = APRIL) -> tuple[date, date]:
    """First and last day of the year, both inclusive: (1 Apr start, 31 Mar start + 1)."""
    first = date(start, first_month, 1)
    return first, date(start + 1, first_month, 1) - timedelta(days=1)


def year_span(start: int, first_month: int = APRIL) -> str:
    """The year's first and last days in words: "1 April 2026 to 31 March 2027"."""
    first, last = year_bounds(start, first_month)
    return f"1 {first:%B %Y} to {last.day} {last:%B %Y}"


def year_months_words(first_month: int = APRIL) -> str:
    """"April to March": the months the year runs between."""
    last = year_months(first_month)[-1]
    return f"{date(2000, first_month, 1):%B} to {date(2000, last, 1):%B}"


@dataclass(frozen=True)
class MeetingMark:
    """One member's mark for one meeting of the body."""

    meeting_date: date
    mark: Mark
    cancelled: bool = False  # the meeting did not take place: left out entirely (§7)


@dataclass(frozen=True)
class Threshold:
    """A body's attendance expectation.

    Attributes:
        fraction: the share of meetings held that must be attended: Kent 3/4 (000 §9.2),
            Lincolnshire 7/10 (002 §6.5).
        substitute_counts: a meeting where the member was represented by a substitute
            counts as attended (a setting: the seeds do not say).
        remote_counts: a meeting the member attended by video link counts as attended.
            It does only where the body counts remote attendance for quorum and votes
            (DOMAIN.md §9): a member the meeting did not count as present did not meet
            the commitment to attend either. Otherwise (recorded but not counted, or
            remote attendance marked before the body stopped recording it) the meeting
            is shown as attended remotely and left out of the attended figure.
    """

    fraction: Fraction
    substitute_counts: bool = True
    remote_counts: bool = False


@dataclass(frozen=True)
class YearStats:
    """One member's year, as the attendance report shows it (§7).

    Attributes:
        held: meetings held (cancelled ones left out).
        present, substitute, apologies, absent, remote: meetings under each mark.
        attended: present, plus substitute and remote when the threshold counts them.
        rate: attended / held, or None when nothing has been held.
        status: met, at risk, missed, or no meetings.
        needed: how many of the remaining meetings the member must attend for the year
            to end at or above the threshold; 0 when met. When missed it is more than the
            meetings remaining.
    """

    held: int
    present: int
    substitute: int
    apologies: int
    absent: int
    attended: int
    rate: Fraction | None
    status: Status
    needed: int
    remote: int = 0


def year_stats(marks: Iterable[MeetingMark], threshold: Threshold, remaining: int = 0) -> YearStats:
    """Count one member's year and judge it against the threshold (§7).

    The caller passes the marks of one of the body's years (see year_start) and the number
    of meetings still to be held in it. Exactly at the threshold is met (3 of 4 in Kent,
    7 of 10 in Lincolnshire).

    With no meeting held yet the status is NO_MEETINGS even when meetings remain: calling
    everyone "at risk" on the year's first day would be noise. `needed` still says how
    many of the coming meetings they must attend.
    """
    held_marks = [m.mark for m in marks if not m.cancelled]
    present = held_marks.count(Mark.PRESENT)
    substitute = held_marks.count(Mark.SUBSTITUTE)
    apologies = held_marks.count(Mark.APOLOGIES)
    absent = held_marks.count(Mark.ABSENT)
    remote = held_marks.count(Mark.REMOTE)
    held = len(held_marks)
    attended = present + (substitute if threshold.substitute_counts else 0) \
        + (remote if threshold.remote_counts else 0)
    rate = Fraction(attended, held) if held else None
    # Through str() so that a float setting such as 0.7 means exactly 7/10.
    fraction = Fraction(str(threshold.fraction))
    # Attendances needed by the year's end, over everything held and still to be held.
    needed = max(0, math.ceil(fraction * (held + remaining)) - attended)

    if held == 0:
        status = Status.NO_MEETINGS
    elif rate is not None and rate >= fraction:
        status, needed = Status.MET, 0
    elif needed <= remaining:
        # Same as (attended + remaining) / (held + remaining) >= fraction.
        status = Status.AT_RISK
    else:
        status = Status.MISSED
    return YearStats(
        held=held,
        present=present,
        substitute=substitute,
        apologies=apologies,
        absent=absent,
        attended=attended,
        rate=rate,
        status=status,
        needed=needed,
        remote=remote,
    )


def deputy_limit_warning(
    substitute_dates: Iterable[date], on: date, limit: int | None, first_month: int = APRIL
) -> str | None:
    """Warn when a deputy attending on `on` would go over the yearly limit (§1, §7).

    Kent: each member nominates "a named deputy ... to attend up to one meeting a year on
    the member's behalf" (000, Partner Agency Agreement item 10). The count is per
    year of the body (April to March unless it says otherwise); a date equal to `on` is
    not counted twice.

    Args:
        substitute_dates: the meetings a deputy has already attended for this member.
        on: the meeting the deputy is being registered for.
        limit: meetings a year a deputy may attend; None for no limit.
        first_month: the month the body's year starts in.

    Returns:
        A warning for the clerk, or None when within the limit.
    """
    if limit is None:
        return None
    start = year_start(on, first_month)
    earlier = {d for d in substitute_dates if year_start(d, first_month) == start and d != on}
    if len(earlier) + 1 <= limit:
        return None
    done = f"{len(earlier)} meeting" + ("" if len(earlier) == 1 else "s")
    allowed = f"{limit} meeting" + ("" if limit == 1 else "s")
    return (
        f"A deputy has already attended {done} for this member in "
        f"{year_label(start, first_month)}; "
        f"the limit is {allowed} a year, so this would be {len(earlier) + 1}."
    )

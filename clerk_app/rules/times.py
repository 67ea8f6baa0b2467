"""Times that cannot be (DOMAIN.md §9): the one rule every recorded time passes.

Every recorded time lies on the meeting's date, no earlier than the time the meeting
was opened (an earlier arrival is "present at the opening") and no later than its close
or the present moment. Plain datetimes in, a verdict with the clerk's words out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class MeetingTimes:
    """What bounds a meeting's times: its date, its opening and close, and now."""

    day: date
    now: datetime
    opened_at: datetime | None = None
    closed_at: datetime | None = None


@dataclass(frozen=True)
class TimeVerdict:
    """Attributes:
        at: the time to record (an arrival before the opening becomes the opening).
        problem: why the time cannot be, and what to do; None when it can.
        note: what the clerk is told about a time recorded other than as typed.
    """

    at: datetime
    problem: str | None = None
    note: str | None = None


def _hhmm(instant: datetime) -> str:
    return instant.astimezone().strftime("%H:%M")


def check_time(when: datetime, bounds: MeetingTimes, what: str = "That time",
               arrival: bool = False) -> TimeVerdict:
    """Whether `when` can be recorded for the meeting, and as what.

    Args:
        what: the event, as the message names it ("The arrival", "Item 4 started").
        arrival: an arrival before the opening is recorded as present at the opening.
    """
    local = when.astimezone()
    if local.date() != bounds.day:
        return TimeVerdict(when, f"{what} at {local:%H:%M on %d %B %Y} is not on the day of "
                                 f"the meeting ({bounds.day:%d %B %Y}): check the time.")
    if when > bounds.now:
        return TimeVerdict(when, f"{what} at {_hhmm(when)} is later than now "
                                 f"({_hhmm(bounds.now)}): a time cannot be in the future. "
                                 "Check the time.")
    if bounds.closed_at is not None and when > bounds.closed_at:
        return TimeVerdict(when, f"{what} at {_hhmm(when)} is after the meeting closed at "
                                 f"{_hhmm(bounds.closed_at)}: check the time, or correct "
                                 "the closing time first.")
    if bounds.opened_at is not None and when < bounds.opened_at:
        opened = _hhmm(bounds.opened_at)
        if arrival:
            return TimeVerdict(bounds.opened_at, note=early_arrival(when, bounds.opened_at))
        return TimeVerdict(when, f"{what} at {_hhmm(when)} is before the meeting opened at "
                                 f"{opened}: check the time, or correct the opening time "
                                 "first.")
    return TimeVerdict(when)


def early_arrival(when: datetime, opened_at: datetime) -> str:
    """What the clerk is told when an arrival before the opening is recorded (§9)."""
    return (f"an arrival at {_hhmm(when)} is before the meeting opened at "
            f"{_hhmm(opened_at)}, so it is recorded as present at the opening "
            f"({_hhmm(opened_at)}).")


def opening_problem(when: datetime, later_times: list[datetime]) -> str | None:
    """A corrected opening must come before everything already recorded after it but
    the arrivals (which then count as present at the opening)."""
    first = min(later_times, default=None)
    if first is not None and when > first:
        return (f"An opening at {_hhmm(when)} would be after something recorded at "
                f"{_hhmm(first)}: correct that time first, or check the opening time.")
    return None


def closing_problem(when: datetime, earlier_times: list[datetime]) -> str | None:
    """A corrected close must come after everything already recorded in the meeting."""
    last = max(earlier_times, default=None)
    if last is not None and when < last:
        return (f"A close at {_hhmm(when)} would be before something recorded at "
                f"{_hhmm(last)}: correct that time first, or check the closing time.")
    return None


def dated_another_day(day: date, today: date) -> str | None:
    """Why nothing can be recorded at the clock's time in a meeting dated another day;
    None on its day."""
    if day == today:
        return None
    afterwards = (" or that you are entering it afterwards from the signing-in sheet"
                  if day < today else "")
    return (f"This meeting is dated {day:%A %d %B %Y}, not today. Confirm that it is "
            f"taking place now{afterwards} (Open the meeting asks), then record it.")

"""Wall-clock time as the clerk sees it, as aware datetimes."""

from __future__ import annotations

from datetime import date, datetime, time


def now() -> datetime:
    """The local time now, to the second (minutes are read to the minute, kept to the second)."""
    return datetime.now().astimezone().replace(microsecond=0)


def today() -> date:
    """The laptop's date today (read through `now`, so that tests can fix the clock)."""
    return now().date()


def at(day: date, clock_time: time) -> datetime:
    """The instant of a wall-clock time on a day, in the laptop's time zone."""
    return datetime.combine(day, clock_time).astimezone()


def local(instant: datetime) -> datetime:
    return instant.astimezone()


def hhmm(instant: datetime | None) -> str:
    return local(instant).strftime("%H:%M") if instant else ""

"""Small pieces of wording the minutes and the agenda share: dates, times, sentences,
names with their agency, lists of names, numbers in words."""

from __future__ import annotations

from datetime import date, datetime, time

from clerk_app import clock

# Small numbers in words, as UK minutes write them ("Three members of the public").
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight",
                "nine", "ten")


def long_date(day: date) -> str:
    """Tuesday 15 September 2026."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def hhmm(at: datetime | None) -> str:
    return clock.hhmm(at)


def clock_time(t: time | None) -> str:
    return f"{t:%H:%M}" if t else ""


def sentence(text: str) -> str:
    """Text ending in a full stop (or the question or exclamation mark typed)."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…" else text + "."


def that(text: str) -> str:
    """"that …" once: the clerk may or may not have typed the "that"."""
    stripped = text.strip()
    return stripped if stripped.lower().startswith("that ") else f"that {stripped}"


def with_agency(name: str, agency: str) -> str:
    return f"{name} ({agency})" if agency.strip() else name


def join(names: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def number_words(count: int) -> str:
    """"three" up to ten, then figures ("12")."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def minute_ref(minute: str) -> str:
    """How a minute is referred to from another: "minute 2", "minute 23/26"."""
    return f"minute {minute}"


def item_ref(minute: str) -> str:
    """The business a minute is about: "item 5" by agenda number, "minute 27/26" when
    minutes run through the year."""
    return f"item {minute}" if minute.isdigit() else f"minute {minute}"

"""The register as a timeline: which sequences of events are possible (DOMAIN.md §2).

A person arrives, may leave and come back; while in the room they may withdraw from an
item and return to it. Anything else (leaving before arriving, arriving twice) is a
slip of the clerk's finger, refused with a message that says what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from clerk_app.rules.vocabulary import AttendanceKind, RegisterState

ARRIVE, LEAVE = AttendanceKind.ARRIVE, AttendanceKind.LEAVE
WITHDRAW, RETURN = AttendanceKind.WITHDRAW, AttendanceKind.RETURN
KINDS = tuple(AttendanceKind)


@dataclass(frozen=True)
class Event:
    kind: AttendanceKind
    at: datetime
    item_id: int | None = None
    item_label: str = ""


def timeline_problem(events: Iterable[Event], name: str) -> str | None:
    """The first impossibility in one person's events, or None when they make sense.

    Events are taken in time order (ties keep their given order).
    """
    in_room = False
    withdrawn: set[int | None] = set()
    for event in sorted(events, key=lambda e: e.at):
        when = event.at.astimezone().strftime("%H:%M")
        if event.kind == ARRIVE:
            if in_room:
                return f"{name} is already recorded as present (arrival at {when} is a second " \
                    "arrival). Record a departure first, or correct the earlier time."
            in_room = True
        elif event.kind == LEAVE:
            if not in_room:
                return f"{name} has not arrived by {when}, so cannot leave then. Record the " \
                    "arrival first, or check the time."
            in_room = False
        elif event.kind == WITHDRAW:
            if not in_room:
                return f"{name} is not in the room at {when}, so cannot withdraw from " \
                    f"{event.item_label or 'the item'}."
            if event.item_id in withdrawn:
                return f"{name} has already withdrawn from {event.item_label or 'the item'}."
            withdrawn.add(event.item_id)
        elif event.kind == RETURN:
            if event.item_id not in withdrawn:
                return f"{name} did not withdraw from {event.item_label or 'the item'}, so " \
                    "cannot return to it."
            withdrawn.discard(event.item_id)
        else:
            raise ValueError(f"unknown register event {event.kind!r}")
    return None


def back_in_the_room(withdrawn: bool, state: RegisterState) -> AttendanceKind | None:
    """What "back in the room" records for a person: a return to the item they withdrew
    from, or an arrival after leaving the meeting; None when they have done neither, so
    there is nothing to come back from.

    Args:
        withdrawn: out of the room for the item under discussion.
        state: where the person's line of the register stands.
    """
    if withdrawn:
        return RETURN
    if RegisterState(state) is RegisterState.LEFT:
        return ARRIVE
    return None
# --- Who was in the room, and what was being discussed ------------------------------------


class RoomEvent(Protocol):
    """One event of the register's timeline, as any plain row carries it."""

    person_id: int
    kind: str
    at: datetime
    item_id: int | None


@dataclass(frozen=True)
class Whereabouts:
    """Where one person stands at a moment, from the register's timeline.

    Attributes:
        in_room: arrived and not left since.
        arrived: their first arrival.
        left: their last departure, if they have not come back since.
        withdrawn: out of the room for the item asked about (withdrew, not returned).
    """

    in_room: bool = False
    arrived: datetime | None = None
    left: datetime | None = None
    withdrawn: bool = False


NOWHERE = Whereabouts()


def whereabouts(events: Iterable[RoomEvent], at: datetime | None = None,
                item_id: int | None = None) -> dict[int, Whereabouts]:
    """Who was in the room at `at` (default: after every event), person by person.

    Events are taken in the order given (the timeline's order); withdrawals count only
    for `item_id`.
    """
    state: dict[int, Whereabouts] = {}
    for e in events:
        if at is not None and e.at > at:
            continue
        now = state.get(e.person_id, NOWHERE)
        if e.kind == ARRIVE:
            now = Whereabouts(True, now.arrived or e.at, None, now.withdrawn)
        elif e.kind == LEAVE:
            now = Whereabouts(False, now.arrived, e.at, now.withdrawn)
        elif item_id is not None and e.item_id == item_id:
            now = Whereabouts(now.in_room, now.arrived, now.left, e.kind == WITHDRAW)
        state[e.person_id] = now
    return state


def back_after_leaving(events: Iterable[RoomEvent]) -> tuple[bool, ...]:
    """For each event, in the order given: an arrival of someone who had left the
    meeting earlier, a return rather than a first arrival (DOMAIN.md §9)."""
    left: set[int] = set()
    answers = []
    for e in events:
        answers.append(e.kind == ARRIVE and e.person_id in left)
        if e.kind == LEAVE:
            left.add(e.person_id)
    return tuple(answers)


class StartedItem(Protocol):
    id: int
    position: int
    started_at: datetime | None


def item_under_discussion(items: Iterable[StartedItem], at: datetime | None) -> int | None:
    """The item under discussion at a moment (default: now): the one most recently
    started by then (ties: the later on the agenda)."""
    started = [i for i in items if i.started_at is not None
               and (at is None or i.started_at <= at)]
    return max(started, key=lambda i: (i.started_at, i.position)).id if started else None


def substitution_ended_at(events: Iterable[RoomEvent], member_id: int,
                          at: datetime | None = None) -> datetime | None:
    """When the member's arrival ended their substitute's sitting, if it has (DOMAIN.md
    §1: a substitute counts only while the member is absent). The member's latest
    arrival while they are in the room at `at`; None while they are away, so a member
    who leaves again hands the seat back. For the register and the minutes alike."""
    ended = None
    for e in events:
        if e.person_id != member_id or (at is not None and e.at > at):
            continue
        if e.kind == ARRIVE:
            ended = e.at
        elif e.kind == LEAVE:
            ended = None
    return ended

"""When a meeting happens (DOMAIN.md §9 "Times that cannot be"): live or entered
afterwards, and correcting its opening, closing and item times.

A meeting dated another day is recorded either live, once the clerk confirms that it is
taking place now (its date becomes today), or afterwards from the signing-in sheet,
every time typed in. Every corrected time passes the same rule as a new one
(rules.times), and a refused correction writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app import clock
from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import (
    AgendaItem,
    AttendanceEvent,
    Decision,
    Declaration,
    Meeting,
    standing,
)
from clerk_app.rules.times import (
    MeetingTimes,
    check_time,
    closing_problem,
    dated_another_day,
    opening_problem,
)
from clerk_app.rules.vocabulary import AttendanceKind, MeetingStatus
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.recording import audit, writable_meeting
from clerk_app.services.register import replay_quorum_events


@dataclass(frozen=True)
class Timing:
    """Whether the clerk must first say how a meeting is being recorded.

    Attributes:
        question: why the meeting needs the live-or-afterwards answer; None if not.
        may_be_afterwards: the date has passed, so it may be entered afterwards.
        afterwards: every time is typed in by the clerk.
    """

    question: str | None
    may_be_afterwards: bool
    afterwards: bool


def timing(engine: Engine, meeting_id: int, today: date | None = None) -> Timing:
    with Session(engine) as session:
        meeting = _meeting(session, meeting_id)
        today = today or clock.now().date()
        question = None
        if meeting.status == MeetingStatus.SCHEDULED and not meeting.recorded_afterwards:
            question = dated_another_day(meeting.date, today)
        return Timing(question, meeting.date < today, meeting.recorded_afterwards)


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting is no longer in the record: choose another.")
    return meeting


def _not_started(session: Session, meeting_id: int) -> Meeting:
    meeting = writable_meeting(session, meeting_id)
    if meeting.status != MeetingStatus.SCHEDULED or meeting.recorded_afterwards:
        raise ClerkError("This meeting has already started being recorded, so how it is "
                         "recorded cannot change now.")
    return meeting


def take_place_now(engine: Engine, meeting_id: int) -> None:
    """The clerk confirms that the meeting is taking place now: its date becomes today."""
    with unit_of_work(engine) as session:
        meeting = _not_started(session, meeting_id)
        today = clock.now().date()
        if meeting.date != today:
            audit(session, meeting, "meeting.live", **{"from": meeting.date, "to": today})
            meeting.date = today
            session.add(meeting)


def enter_afterwards(engine: Engine, meeting_id: int) -> None:
    """The meeting was held and is entered from the signing-in sheet: every time typed."""
    with unit_of_work(engine) as session:
        meeting = _not_started(session, meeting_id)
        if meeting.date > clock.now().date():
            raise ClerkError(f"This meeting is dated {meeting.date:%A %d %B %Y}, so it has "
                             "not been held yet and cannot be entered afterwards. Change its "
                             "date, or record it live when it takes place.")
        meeting.recorded_afterwards = True
        session.add(meeting)
        audit(session, meeting, "meeting.afterwards")


def _check(meeting: Meeting, when: datetime, what: str, opened: datetime | None,
           closed: datetime | None) -> datetime:
    if when.tzinfo is None:
        when = when.astimezone()
    verdict = check_time(when, MeetingTimes(meeting.date, clock.now(), opened, closed), what)
    if verdict.problem:
        raise ClerkError(verdict.problem)
    return when


def _recorded_times(session: Session, meeting_id: int,
                    leave_out: set[int]) -> tuple[list, list]:
    """Everything recorded in the meeting but the opening, the close and the starts of
    the items in `leave_out`: (arrivals, the rest)."""
    arrivals, rest = [], []
    for e in session.exec(select(AttendanceEvent).where(
            AttendanceEvent.meeting_id == meeting_id, standing(AttendanceEvent))):
        (arrivals if e.kind == AttendanceKind.ARRIVE else rest).append(e.at)
    rest += [i.started_at for i in session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
        if i.started_at and i.id not in leave_out]
    rest += [d.decided_at for d in session.exec(
        select(Decision).join(AgendaItem, AgendaItem.id == Decision.item_id)
        .where(AgendaItem.meeting_id == meeting_id))]
    rest += [d.declared_at for d in session.exec(
        select(Declaration).where(Declaration.meeting_id == meeting_id,
                                  standing(Declaration)))]
    return arrivals, rest


def _started_items(session: Session, meeting_id: int,
                   starts: Mapping[int, datetime]) -> dict[int, AgendaItem]:
    items = {i.id: i for i in session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))}
    for item_id in starts:
        if item_id not in items:
            raise NotFound("That item is not on this meeting's agenda.")
        if items[item_id].started_at is None:
            raise ClerkError(f"Item {items[item_id].position} has not been taken yet: "
                             "start it first.")
    return {item_id: items[item_id] for item_id in starts}


def correct_times(engine: Engine, meeting_id: int, opened_at: datetime | None = None,
                  closed_at: datetime | None = None,
                  item_starts: Mapping[int, datetime] | None = None) -> None:
    """Correct when the meeting opened and closed and when items were taken, as one
    action. Each time passes rules.times; the opening must come before anything recorded
    after it (arrivals before it are present at the opening), the close after
    everything. Quorum lost and regained is worked out again from the new times."""
    starts = dict(item_starts or {})
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        if meeting.opened_at is None:
            raise ClerkError("The meeting has not been opened yet: open it first.")
        if closed_at is not None and meeting.closed_at is None:
            raise ClerkError("The meeting has not been closed yet: close it first.")
        items = _started_items(session, meeting_id, starts)
        opened, closed = opened_at or meeting.opened_at, closed_at or meeting.closed_at
        opened = _check(meeting, opened, "The opening", None, closed)
        if closed is not None:
            closed = _check(meeting, closed, "The close", opened, None)
        for item_id, at in starts.items():
            starts[item_id] = _check(meeting, at, f"Item {items[item_id].position} taken",
                                     opened, closed)
        arrivals, rest = _recorded_times(session, meeting_id, set(starts))
        rest += starts.values()
        problem = opening_problem(opened, [t for t in rest if t >= meeting.opened_at]) or (
            closed and closing_problem(closed, [t for t in arrivals + rest if t >= opened]))
        if problem:
            raise ClerkError(problem)
        changes = [{"what": what, "from": old, "to": new} for what, old, new in (
            ("opening", meeting.opened_at, opened), ("close", meeting.closed_at, closed),
            *((f"item {items[i].position}", items[i].started_at, at)
              for i, at in starts.items()))
            if new != old]
        if not changes:
            raise ClerkError("No time was changed.")
        meeting.opened_at, meeting.closed_at = opened, closed
        for item_id, at in starts.items():
            items[item_id].started_at = at
        session.add_all([meeting, *items.values()])
        session.flush()
        replay_quorum_events(session, meeting)
        audit(session, meeting, "meeting.times", changes=changes)

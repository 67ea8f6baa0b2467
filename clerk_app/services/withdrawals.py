"""Withdrawals for an interest, stamped when the item concerned is taken (DOMAIN.md §9
"A declaration's timing").

A member who declares under "Declarations of interest" an interest in a later item that
requires withdrawal leaves the room when that item is taken, not when declaring; and is
back in the room when the next item is taken. Both are recorded as register events at
those moments, so quorum, eligibility and the minutes read them like any other.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from clerk_app import clock
from clerk_app.db.tables import AgendaItem, AttendanceEvent, Declaration, Meeting, standing
from clerk_app.rules.declarations import must_withdraw
from clerk_app.rules.register import whereabouts
from clerk_app.rules.vocabulary import AttendanceKind
from clerk_app.services.recording import add_attendance_event, audit
from clerk_app.services.register import replay_quorum_events
from clerk_app.services.snapshot import read_register
from clerk_app.services.state import current_item_id


def withdraws_now(session: Session, item: AgendaItem, when: datetime) -> bool:
    """Whether a withdrawing declaration on the item takes effect at once: only while
    the item is the one under discussion (a later item's withdrawal waits for it)."""
    return current_item_id(session, item.meeting_id, when) == item.id


def on_item_taken(session: Session, meeting: Meeting, item: AgendaItem,
                  when: datetime) -> None:
    """The item has just been taken at `when` (its start flushed): members withdrawn
    from an earlier item come back, then those whose declaration on this item requires
    withdrawal leave. Flushes, never commits."""
    _, events = read_register(session, meeting.id)
    moved = _still_withdrawn(events, item.id, when)
    for person_id, item_id in moved:
        _add(session, meeting, person_id, AttendanceKind.RETURN, item_id, when)
    session.flush()
    _, events = read_register(session, meeting.id)
    room = whereabouts(events, when, item.id)
    for declaration in session.exec(select(Declaration).where(
            Declaration.item_id == item.id, standing(Declaration))
            .order_by(Declaration.declared_at, Declaration.id)):
        where = room.get(declaration.person_id)
        if must_withdraw(declaration.effect, bool(declaration.dispensation_by)) \
                and where is not None and where.in_room and not where.withdrawn:
            _add(session, meeting, declaration.person_id, AttendanceKind.WITHDRAW, item.id,
                 when)
            moved.append((declaration.person_id, item.id))
    if moved:
        # Quorum lost for the item by a withdrawal comes back with the next item, which
        # is no register event of its own: worked out again over the meeting (§3).
        replay_quorum_events(session, meeting)


def _still_withdrawn(events, item_id: int, when: datetime) -> list[tuple[int, int]]:
    """(person, item) of each withdrawal from another item with no return yet, of
    people still in the room."""
    out: dict[tuple[int, int], bool] = {}
    present: dict[int, bool] = {}
    for e in events:
        if e.at > when:
            continue
        if e.kind in (AttendanceKind.ARRIVE, AttendanceKind.LEAVE):
            present[e.person_id] = e.kind is AttendanceKind.ARRIVE
        elif e.item_id is not None and e.item_id != item_id:
            out[(e.person_id, e.item_id)] = e.kind is AttendanceKind.WITHDRAW
    return [key for key, withdrawn in out.items() if withdrawn and present.get(key[0])]


def _add(session: Session, meeting: Meeting, person_id: int, kind: AttendanceKind,
         item_id: int, when: datetime) -> None:
    add_attendance_event(session, meeting, AttendanceEvent(
        meeting_id=meeting.id, person_id=person_id, kind=kind, at=when, item_id=item_id,
        recorded_at=clock.now()))
    session.flush()
    audit(session, meeting, f"register.{kind}", person_id=person_id, at=when, item_id=item_id,
          with_the_item=True)

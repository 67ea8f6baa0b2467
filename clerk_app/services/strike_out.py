"""Striking out an entry made by mistake, with a reason (DOMAIN.md §9 "Mistaken entries").

Undo serves the clerk during the session; after a restart, or for an entry found wrong
later, the entry is struck out instead: never deleted, it keeps its row with the time and
the reason, the audit trail records what was struck and why, and every reading that
counts or words the record (`db.tables.standing`) leaves it out. Nothing can be struck
out once the meeting's minutes are approved (`recording.writable_meeting`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from clerk_app import clock
from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import (
    Action,
    AgendaItem,
    AttendanceEvent,
    Declaration,
    Meeting,
    Person,
    RegisterEntry,
    standing,
)
from clerk_app.rules.declarations import must_withdraw
from clerk_app.rules.limits import TextKind
from clerk_app.rules.register import Event, timeline_problem
from clerk_app.rules.vocabulary import AttendanceKind, Capacity
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.names import check_text
from clerk_app.services.recording import audit, writable_meeting
from clerk_app.services.register import replay_quorum_events


class Entry(Enum):
    """The kinds of entry that can be struck out (the audit trail names them so)."""

    EVENT = "attendance_event"  # an arrival, departure, withdrawal or return
    LINE = "register_line"  # a line added to the register by mistake
    DECLARATION = "declaration"
    ACTION = "action"


_TABLES: dict[Entry, type[SQLModel]] = {
    Entry.EVENT: AttendanceEvent, Entry.LINE: RegisterEntry,
    Entry.DECLARATION: Declaration, Entry.ACTION: Action,
}


@dataclass(frozen=True)
class Strikable:
    """An entry standing in the record, for the clerk to choose what to strike out.

    Attributes:
        entry, row_id: which entry.
        person_id, name: whom it is about (an action's owner as `name`, no person id).
        kind: an event's kind, or a declaration's kind of interest; None otherwise.
        at: when it happened (an event, a declaration).
        item_position, item_title: the item it is under, if any.
        text: a declaration's interest, an action's description, a line's role.
    """

    entry: Entry
    row_id: int
    person_id: int | None
    name: str
    kind: object
    at: datetime | None
    item_position: int | None = None
    item_title: str = ""
    text: str = ""


def _items(session: Session, meeting_id: int) -> dict[int, AgendaItem]:
    return {i.id: i for i in session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))}


def _strikable(entry: Entry, row, name: str, kind, at, item: AgendaItem | None,
               text: str = "") -> Strikable:
    return Strikable(entry, row.id, getattr(row, "person_id", None), name, kind, at,
                     item.position if item else None, item.title if item else "", text)


def person_entries(engine: Engine, meeting_id: int, person_id: int) -> list[Strikable]:
    """What stands in the record for a person at a meeting: their arrivals, departures,
    withdrawals and returns in time order, their declarations, and their line itself
    when it was added (a member's line is the body's, never struck out)."""
    with Session(engine) as session:
        person = session.get(Person, person_id)
        if session.get(Meeting, meeting_id) is None or person is None:
            raise NotFound("That person or meeting is not in the record.")
        items = _items(session, meeting_id)
        found = [_strikable(Entry.EVENT, e, person.name, e.kind, e.at, items.get(e.item_id))
                 for e in session.exec(_person_rows(AttendanceEvent, meeting_id, person_id)
                                       .order_by(AttendanceEvent.at, AttendanceEvent.id))]
        found += [_strikable(Entry.DECLARATION, d, person.name, d.kind, d.declared_at,
                             items.get(d.item_id), d.description)
                  for d in session.exec(_person_rows(Declaration, meeting_id, person_id))]
        line = session.exec(_person_rows(RegisterEntry, meeting_id, person_id)).first()
        if line is not None and line.capacity != Capacity.MEMBER:
            found.append(_strikable(Entry.LINE, line, person.name, line.capacity, None, None,
                                    line.role_note))
        return found


def item_entries(engine: Engine, item_id: int) -> list[Strikable]:
    """The declarations and actions standing under an item, in the order recorded."""
    with Session(engine) as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            raise NotFound("That item is not in the record.")
        names = {p.id: p.name for p in session.exec(select(Person).join(
            Declaration, Declaration.person_id == Person.id).where(
            Declaration.item_id == item_id))}
        found = [_strikable(Entry.DECLARATION, d, names.get(d.person_id, ""), d.kind,
                            d.declared_at, item, d.description)
                 for d in session.exec(select(Declaration).where(
                     Declaration.item_id == item_id, standing(Declaration))
                     .order_by(Declaration.declared_at, Declaration.id))]
        found += [_strikable(Entry.ACTION, a, a.owner, None, None, item, a.description)
                  for a in session.exec(select(Action).where(
                      Action.item_id == item_id, standing(Action)).order_by(Action.id))]
        return found


def _person_rows(table, meeting_id: int, person_id: int):
    return select(table).where(table.meeting_id == meeting_id, table.person_id == person_id,
                               standing(table))


def strike_out(engine: Engine, meeting_id: int, entry: Entry, row_id: int,
               reason: str) -> None:
    """Strike out one entry made by mistake, with the reason, and what went with it: a
    register line takes its person's events and declarations; a declaration that
    withdrew its member takes that withdrawal and return. Quorum lost and regained are
    worked out again without it, so the minutes follow.

    Raises:
        ClerkError: no reason; the minutes are approved (the record is locked); the
            entry is already struck out; a member's own line; an event whose removal
            leaves a timeline that cannot be (strike out the later entry first).
    """
    if not reason.strip():
        raise ClerkError("Say why the entry is struck out: the reason is kept with it in "
                         "the record and the audit trail.")
    check_text(reason, TextKind.TEXT, "reason")
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        row = session.get(_TABLES[entry], row_id)
        if row is None or row.meeting_id != meeting_id:
            raise NotFound("That entry is not in this meeting's record.")
        if row.struck_out_at is not None:
            raise ClerkError("That entry has already been struck out.")
        rows = _WITH[entry](session, row)
        now = clock.now()
        for struck in rows:
            struck.struck_out_at = now
            struck.struck_out_reason = reason.strip()
            session.add(struck)
        session.flush()
        replay_quorum_events(session, meeting)
        audit(session, meeting, "record.strike_out", entry=entry.value, reason=reason.strip(),
              person_id=getattr(row, "person_id", None), item_id=getattr(row, "item_id", None),
              at=getattr(row, "at", None) or getattr(row, "declared_at", None),
              kind=getattr(row, "kind", None),
              rows=[{"table": type(r).__name__, **r.model_dump(warnings=False)} for r in rows])


def _event_with(session: Session, row: AttendanceEvent) -> list[SQLModel]:
    """The event alone, if the person's timeline still makes sense without it."""
    others = session.exec(_person_rows(AttendanceEvent, row.meeting_id, row.person_id)
                          .where(AttendanceEvent.id != row.id)).all()
    items = _items(session, row.meeting_id)
    labels = {i.id: f"item {i.position} ({i.title})" for i in items.values()}
    person = session.get(Person, row.person_id)
    problem = timeline_problem([Event(e.kind, e.at, e.item_id, labels.get(e.item_id, ""))
                                for e in others], person.name if person else "This person")
    if problem:
        raise ClerkError(f"Not struck out: without it, the register would not make sense. "
                         f"{problem} Strike out the later entry first.")
    return [row]


def _line_with(session: Session, row: RegisterEntry) -> list[SQLModel]:
    if row.capacity == Capacity.MEMBER:
        person = session.get(Person, row.person_id)
        raise ClerkError(f"{person.name} is a member of the body, so their line stays on the "
                         "register. Strike out their arrival instead, or record apologies.")
    return [row, *session.exec(_person_rows(AttendanceEvent, row.meeting_id, row.person_id)),
            *session.exec(_person_rows(Declaration, row.meeting_id, row.person_id))]


def _declaration_with(session: Session, row: Declaration) -> list[SQLModel]:
    """The declaration, and the withdrawal from its item (and return) it brought."""
    if not must_withdraw(row.effect, bool(row.dispensation_by)):
        return [row]
    moves = session.exec(_person_rows(AttendanceEvent, row.meeting_id, row.person_id).where(
        AttendanceEvent.item_id == row.item_id,
        AttendanceEvent.kind.in_([AttendanceKind.WITHDRAW, AttendanceKind.RETURN]))).all()
    return [row, *moves]


_WITH: dict[Entry, Callable[[Session, SQLModel], list[SQLModel]]] = {
    Entry.EVENT: _event_with, Entry.LINE: _line_with,
    Entry.DECLARATION: _declaration_with, Entry.ACTION: lambda session, row: [row],
}


__all__ = ["Entry", "Strikable", "item_entries", "person_entries", "strike_out"]

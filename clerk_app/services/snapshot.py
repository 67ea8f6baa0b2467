"""A meeting's snapshot (`rules.snapshot.MeetingSnapshot`) read from the record in one go.

Plain rows, not ORM objects: the snapshot is what crosses to the minutes and to the
screens, and a large meeting has thousands of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from clerk_app.db.tables import (
    Action,
    AgendaItem,
    AttendanceEvent,
    Body,
    Category,
    Decision,
    Declaration,
    Meeting,
    Membership,
    Office,
    OfficeTerm,
    Organisation,
    Person,
    QuorumEvent,
    RegisterEntry,
    Vote,
    VotePosition,
    standing,
)
from clerk_app.rules.quorum_result import stored_quorum
from clerk_app.rules.roster import Term, seat_votes
from clerk_app.rules.snapshot import (
    ActionSnap,
    CategorySnap,
    DecisionSnap,
    DeclarationSnap,
    EntrySnap,
    EventSnap,
    ItemSnap,
    MeetingSnapshot,
    PersonSnap,
    QuorumEventSnap,
    SeatSnap,
    VoteSnap,
)
from clerk_app.rules.vocabulary import QuorumEventKind
from clerk_app.services.errors import NotFound


def aware(value: datetime | None) -> datetime | None:
    """An instant as the clerk's clock reads it (a naive stored value is local time)."""
    return value if value is None or value.tzinfo else value.astimezone()


def _rows(session: Session, table: type, where, *order) -> list[Any]:
    return list(session.execute(sa.select(table.__table__).where(where).order_by(*order)))


def _of(table: type, meeting_id: int):
    """A meeting's rows of a table whose entries may be struck out: the standing ones."""
    return sa.and_(table.meeting_id == meeting_id, standing(table))


def _votes(session: Session, decision_ids: list[int]) -> dict[int, VoteSnap]:
    votes: dict[int, Any] = {}
    for v in _rows(session, Vote, Vote.decision_id.in_(decision_ids), Vote.id):
        votes.setdefault(v.decision_id, v)
    positions: dict[int, list] = {}
    for p in _rows(session, VotePosition,
                   VotePosition.vote_id.in_([v.id for v in votes.values()]), VotePosition.id):
        positions.setdefault(p.vote_id, []).append((p.person_id, p.position))
    return {d: VoteSnap(v.method, v.sentence, v.carried, tuple(positions.get(v.id, ())),
                        v.recount_reason, v.show_of_hands)
            for d, v in votes.items()}


def _decisions(session: Session, item_ids: list[int]) -> tuple[DecisionSnap, ...]:
    rows = _rows(session, Decision, Decision.item_id.in_(item_ids), Decision.decided_at,
                 Decision.id)
    votes = _votes(session, [d.id for d in rows])
    return tuple(
        DecisionSnap(d.item_id, d.kind, d.text, aware(d.decided_at),
                     stored_quorum(d.quorate, d.quorum_summary), d.inquorate_reason,
                     votes.get(d.id), d.referred_to)
        for d in rows)


@dataclass(frozen=True)
class BodyPart:
    """A body's seats, categories and offices, as a meeting's snapshot reads them."""

    office_names: dict[str, str]
    office_terms: tuple[Term, ...]
    categories: dict[int, CategorySnap]
    seats: dict[int, SeatSnap]


def read_body(session: Session, body_id: int) -> BodyPart:
    offices = _rows(session, Office, Office.body_id == body_id, Office.id)
    keys = {o.id: o.key for o in offices}
    categories = {c.id: CategorySnap(c.id, c.key, c.name, c.seats, c.voting)
                  for c in _rows(session, Category, Category.body_id == body_id)}
    seats = {m.id: SeatSnap(m.id, m.person_id, m.category_id,
                            seat_votes(m.voting, categories[m.category_id].votes),
                            m.start_date, m.end_date)
             for m in _rows(session, Membership, Membership.body_id == body_id, Membership.id)}
    terms = tuple(Term(keys[t.office_id], t.person_id, t.start_date, t.end_date)
                  for t in _rows(session, OfficeTerm, OfficeTerm.body_id == body_id,
                                 OfficeTerm.id))
    return BodyPart({o.key: o.name for o in offices}, terms, categories, seats)


def read_register(session: Session, meeting_id: int
                  ) -> tuple[tuple[EntrySnap, ...], tuple[EventSnap, ...]]:
    """The register's lines (in the order they were added) and its timeline (in time
    order)."""
    register = tuple(entry_snap(e) for e in _rows(session, RegisterEntry,
                                                  _of(RegisterEntry, meeting_id), RegisterEntry.id))
    events = tuple(event_snap(e) for e in _rows(session, AttendanceEvent,
                                                _of(AttendanceEvent, meeting_id),
                                                AttendanceEvent.at, AttendanceEvent.id))
    return register, events


def entry_snap(e: Any) -> EntrySnap:
    """A register line from its row as read."""
    return EntrySnap(e.id, e.person_id, e.capacity, e.membership_id,
                     e.substitute_for_membership_id, e.apologies, e.apologies_note,
                     e.for_items, e.role_note, e.remote)


def event_snap(e: Any) -> EventSnap:
    """A timeline event from its row as read."""
    return EventSnap(e.id, e.person_id, e.kind, aware(e.at), e.item_id)


def read_people(session: Session, ids: set[int]) -> dict[int, PersonSnap]:
    """The people with their agency's name, in one query (one per person was most of
    the time a meeting's state took to read)."""
    rows = session.execute(
        sa.select(Person.id, Person.name, Organisation.name.label("agency"))
        .outerjoin(Organisation, Organisation.id == Person.agency_id)
        .where(Person.id.in_(sorted(ids))))
    return {p.id: PersonSnap(p.id, p.name, p.agency or "") for p in rows}


def meeting_snapshot(session: Session, meeting_id: int) -> MeetingSnapshot:
    """The meeting with its whole record, as plain data.

    Raises:
        NotFound: there is no such meeting.
    """
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting is no longer in the record: choose another.")
    body_name = session.get(Body, meeting.body_id).name
    # The state reads the register through this module, so it is imported here.
    from clerk_app.services.state import presiding_over_items

    on_meeting = lambda table: table.meeting_id == meeting_id  # noqa: E731
    opening_chair, presided_by = presiding_over_items(session, meeting_id)
    items = tuple(
        ItemSnap(i.id, i.position, i.title, i.kind, i.description, i.presenter, i.papers,
                 i.exempt, i.exempt_reason, i.public_excluded, i.notes, aware(i.started_at),
                 i.presiding_person_id, presided_by.get(i.id), i.added, i.added_reason)
        for i in _rows(session, AgendaItem, on_meeting(AgendaItem), AgendaItem.position,
                       AgendaItem.id))
    register, events = read_register(session, meeting_id)
    declarations = tuple(
        DeclarationSnap(x.item_id, x.person_id, x.kind, x.effect, x.description,
                        x.dispensation_by, x.dispensation_note, aware(x.declared_at))
        for x in _rows(session, Declaration, _of(Declaration, meeting_id), Declaration.declared_at,
                       Declaration.id))
    decisions = _decisions(session, [i.id for i in items])
    body = read_body(session, meeting.body_id)
    people = read_people(session, {e.person_id for e in register}
                         | {s.person_id for s in body.seats.values()}
                         | {p for p in (opening_chair, *presided_by.values()) if p}
                         | {x.person_id for x in declarations}
                         | {p for d in decisions if d.vote for p, _ in d.vote.positions})
    return MeetingSnapshot(
        id=meeting.id, body_id=meeting.body_id, body_name=body_name, date=meeting.date,
        start_time=meeting.start_time, venue=meeting.venue, status=meeting.status,
        opened_at=aware(meeting.opened_at), closed_at=aware(meeting.closed_at),
        public_count=meeting.public_count, public_names=meeting.public_names,
        minutes_status=meeting.minutes_status, minutes_approved_on=meeting.minutes_approved_on,
        next_meeting_note=meeting.next_meeting_note, people=people, items=items,
        register=register, events=events, declarations=declarations, decisions=decisions,
        quorum_events=tuple(
            QuorumEventSnap(q.kind, aware(q.at), q.item_id,
                            stored_quorum(q.kind is QuorumEventKind.REGAINED, q.summary))
            for q in _rows(session, QuorumEvent, on_meeting(QuorumEvent), QuorumEvent.at,
                           QuorumEvent.id)),
        actions=tuple(ActionSnap(a.item_id, a.description, a.owner, a.due_date, a.done_on)
                      for a in _rows(session, Action, _of(Action, meeting_id), Action.id)),
        office_names=body.office_names, office_terms=body.office_terms,
        categories=body.categories, seats=body.seats, presiding_at_opening=opening_chair,
    )

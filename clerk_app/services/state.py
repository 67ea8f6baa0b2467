"""The state of a meeting at a moment, built from the record for the rules to read.

This is the only place that turns register rows and the attendance timeline into
`Attendee` snapshots; quorum, eligibility and presiding are then the rules' business.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlmodel import Session, select

from clerk_app.db.tables import AgendaItem, Declaration, Meeting, standing
from clerk_app.rules.eligibility import (
    CHAIR,
    VICE_CHAIR,
    Eligibility,
    Presiding,
    carried_choice,
    eligible_voters,
    presiding_member,
)
from clerk_app.rules.quorum import QuorumResult, evaluate_quorum
from clerk_app.rules.register import (
    NOWHERE,
    Whereabouts,
    item_under_discussion,
    substitution_ended_at,
    whereabouts,
)
from clerk_app.rules.roster import Attendee, active_on, offices_of
from clerk_app.rules.snapshot import CategorySnap, EntrySnap, EventSnap, PersonSnap, SeatSnap
from clerk_app.rules.vocabulary import AttendanceKind, Capacity, InterestEffect, RegisterState
from clerk_app.services.constitution import BodyRules, body_rules
from clerk_app.services.errors import NotFound
from clerk_app.services.snapshot import read_body, read_people, read_register


@dataclass(frozen=True)
class RegisterLine:
    """One line of the register as the clerk sees it."""

    person_id: int
    name: str
    agency: str
    capacity: Capacity
    category_name: str
    state: RegisterState
    arrived_at: datetime | None
    left_at: datetime | None
    substitute_for_id: int | None = None
    substitute_for_name: str = ""
    voting: bool = True
    offices: tuple[str, ...] = ()
    withdrawn: bool = False
    apologies_note: str = ""
    role_note: str = ""
    remote: bool = False  # attending by video link (DOMAIN.md §9)
    # A substitute whose member has arrived: when that ended the substitution (§1).
    substitution_ended_at: datetime | None = None


@dataclass(frozen=True)
class MeetingState:
    meeting_id: int
    body_id: int
    at: datetime | None
    item_id: int | None
    attendees: tuple[Attendee, ...]
    register: tuple[RegisterLine, ...]
    quorum: QuorumResult
    eligibility: Eligibility
    presiding: Presiding
    rules: BodyRules = field(repr=False)

    def line(self, person_id: int) -> RegisterLine | None:
        return next((r for r in self.register if r.person_id == person_id), None)


@dataclass(frozen=True)
class Hypothetical:
    """An event that has not been recorded yet, for "what would happen if" warnings."""

    person_id: int
    kind: AttendanceKind
    item_id: int | None = None


@dataclass(frozen=True)
class RecordedEvent:
    """An event of the timeline as the rules read it (`rules.register.RoomEvent`)."""

    person_id: int
    kind: AttendanceKind
    at: datetime | None
    item_id: int | None = None


def current_item_id(session: Session, meeting_id: int, at: datetime | None) -> int | None:
    """The item most recently started at the moment (the one under discussion)."""
    items = session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                 AgendaItem.started_at.is_not(None))
    ).all()
    return item_under_discussion(items, at)


@dataclass(frozen=True)
class MeetingRows:
    """What a snapshot reads that does not depend on the moment asked about. Read once
    with `meeting_rows` to take many snapshots of one meeting (the record file takes one
    at each item). The register, its timeline, the people and the body's seats are the
    parts of the meeting's snapshot (rules/snapshot.py), read by the same readers."""

    meeting: Meeting
    rules: BodyRules
    entries: tuple[EntrySnap, ...]
    events: tuple[EventSnap, ...]
    people: dict[int, PersonSnap]
    memberships: dict[int, SeatSnap]
    categories: dict[int, CategorySnap]
    offices_of: dict[int, set[str]]
    voting_seats: int
    filled: int


def meeting_rows(session: Session, meeting_id: int,
                 same_body_as: MeetingRows | None = None) -> MeetingRows:
    """The meeting's rows; with `same_body_as`, the body's part (rules, seats, offices)
    is taken from an earlier read in the same transaction instead of read again."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting is no longer in the record: choose another.")
    entries, events = read_register(session, meeting_id)
    people = read_people(session, {e.person_id for e in entries})
    if same_body_as is not None:
        return replace(same_body_as, meeting=meeting, entries=entries, events=events,
                       people=people)
    body = read_body(session, meeting.body_id)
    return MeetingRows(
        meeting=meeting, rules=body_rules(session, meeting.body_id), entries=entries,
        events=events, people=people, memberships=body.seats, categories=body.categories,
        offices_of=offices_of(body.office_terms, meeting.date),
        voting_seats=sum(c.seats for c in body.categories.values() if c.votes),
        filled=sum(1 for seat in body.seats.values()
                   if seat.votes and active_on(seat.start, seat.end, meeting.date)),
    )


def meeting_state(
    session: Session,
    meeting_id: int,
    at: datetime | None = None,
    item_id: int | None = None,
    extra: Hypothetical | None = None,
    use_current_item: bool = True,
    rows: MeetingRows | None = None,
) -> MeetingState:
    """Who is in the room and in what capacity at `at` (default: after every event).

    Args:
        item_id: the agenda item the snapshot is for; by default the item under
            discussion at that moment. Withdrawals and silences apply per item.
        extra: an unrecorded event to apply last, to preview its effect.
        rows: the meeting's rows, already read (`meeting_rows`), for many snapshots.
    """
    rows = rows or meeting_rows(session, meeting_id)
    meeting, rules, entries, events = rows.meeting, rows.rules, rows.entries, rows.events
    if item_id is None and use_current_item:
        item_id = current_item_id(session, meeting_id, at)
    if extra is not None:
        events = [*(e for e in events if at is None or e.at <= at),
                  RecordedEvent(extra.person_id, extra.kind, at, extra.item_id)]
    room = whereabouts(events, at, item_id)

    declared = _declared(session, item_id, at)
    attendees: list[Attendee] = []
    lines: list[RegisterLine] = []
    member_in_room = {
        e.membership_id: room.get(e.person_id, NOWHERE).in_room
        for e in entries if e.membership_id
    }
    for entry in sorted(entries, key=lambda e: (e.capacity is not Capacity.MEMBER, e.id)):
        where = room.get(entry.person_id, NOWHERE)
        attendee = _attendee(session, rows, entry, where, declared.get(entry.person_id),
                             member_in_room)
        attendees.append(attendee)
        lines.append(_line(entry, attendee, where.arrived, where.left, where.in_room,
                           events, at))

    substitute_offices = {
        a.person_id: frozenset(rows.offices_of.get(a.substitute_for_id, ()))
        for a in attendees if a.capacity is Capacity.SUBSTITUTE and a.substitute_for_id
    }
    quorum = evaluate_quorum(rules.quorum, attendees, rows.voting_seats, rows.filled,
                             substitute_offices)
    item = session.get(AgendaItem, item_id) if item_id else None
    try:
        presiding = presiding_member(attendees, _chosen(session, item, rows))
    except ValueError:  # the person chosen earlier is no longer able to preside
        presiding = presiding_member(attendees)
    return MeetingState(
        meeting_id=meeting_id, body_id=meeting.body_id, at=at, item_id=item_id,
        attendees=tuple(attendees), register=tuple(lines), quorum=quorum,
        eligibility=eligible_voters(attendees, presiding.person_id,
                                    rules.votes.chair_ordinary_vote),
        presiding=presiding, rules=rules,
    )


def _chosen(session: Session, item: AgendaItem | None, rows: MeetingRows) -> int | None:
    """Who the members chose to preside over this item, or at an earlier item and who
    presides still (rules.eligibility.carried_choice)."""
    if item is None or item.presiding_person_id is not None:
        return item.presiding_person_id if item else None
    earlier = select(AgendaItem.presiding_person_id).where(
        AgendaItem.meeting_id == item.meeting_id, AgendaItem.id != item.id,
        AgendaItem.started_at.is_not(None))
    if item.started_at is not None:
        earlier = earlier.where(AgendaItem.started_at <= item.started_at)
    latest_first = session.exec(earlier.order_by(AgendaItem.started_at.desc(),
                                                 AgendaItem.position.desc())).all()
    holders = {person for person, offices in rows.offices_of.items()
               if offices & {CHAIR, VICE_CHAIR}}
    return carried_choice(latest_first, holders)


def _declared(session: Session, item_id: int | None,
              at: datetime | None) -> dict[int, Declaration]:
    """Each person's declaration on the item, as made by the moment."""
    declared: dict[int, Declaration] = {}
    if item_id is not None:
        for d in session.exec(select(Declaration).where(Declaration.item_id == item_id,
                                                            standing(Declaration))):
            if at is None or d.declared_at <= at:
                declared[d.person_id] = d
    return declared


def _attendee(session: Session, rows: MeetingRows, entry: EntrySnap, where: Whereabouts,
              decl: Declaration | None, member_in_room: dict[int, bool]) -> Attendee:
    """One register line as the rules read it, for the item and the moment."""
    people = rows.people
    person = people[entry.person_id]
    capacity = Capacity(entry.capacity)
    seat = rows.memberships.get(entry.substitute_for_membership_id or entry.membership_id or -1)
    category = rows.categories.get(seat.category_id) if seat else None
    voting = bool(seat and seat.votes)
    represented = None
    if capacity is Capacity.SUBSTITUTE and seat:
        represented = people.get(seat.person_id) or _person(session, seat.person_id)
    # The member arriving ends the substitution (DOMAIN.md §1).
    if capacity is Capacity.SUBSTITUTE and member_in_room.get(seat.id if seat else -1):
        capacity = Capacity.IN_ATTENDANCE
    effect = InterestEffect(decl.effect) if decl else None
    if where.withdrawn:
        effect = InterestEffect.WITHDRAWS
    elif effect is InterestEffect.WITHDRAWS:
        # Returned while the item is still open: back in the room but, having
        # declared an interest that required withdrawal, not voting on it.
        effect = InterestEffect.SILENT
    offices = frozenset(rows.offices_of.get(entry.person_id, ())) \
        if capacity is Capacity.MEMBER else frozenset()
    return Attendee(
        person_id=entry.person_id,
        name=person.name,
        capacity=capacity,
        category=category.key if category and capacity is not Capacity.IN_ATTENDANCE else None,
        category_name=category.name if category else None,
        agency=person.agency,
        voting=voting and capacity is not Capacity.IN_ATTENDANCE,
        offices=offices,
        substitute_for_id=represented.id if represented else None,
        substitute_for_name=represented.name if represented else None,
        in_room=where.in_room,
        interest_effect=effect,
        dispensation=bool(decl and decl.dispensation_by),
        remote=entry.remote,
        remote_counted=rows.rules.remote_counts,
    )


def _person(session: Session, person_id: int) -> PersonSnap:
    return read_people(session, {person_id})[person_id]


def _line(entry: EntrySnap, a: Attendee, arrived, left, present: bool,
          events: list, at: datetime | None) -> RegisterLine:
    if entry.capacity is Capacity.IN_ATTENDANCE:
        state = RegisterState.IN_ATTENDANCE if arrived else RegisterState.EXPECTED
    elif arrived is None:
        state = RegisterState.APOLOGIES if entry.apologies else RegisterState.EXPECTED
    elif not present:
        state = RegisterState.LEFT
    elif entry.capacity is Capacity.SUBSTITUTE:
        state = RegisterState.SUBSTITUTE
    else:
        state = RegisterState.REMOTE if entry.remote else RegisterState.PRESENT
    return RegisterLine(
        person_id=a.person_id, name=a.name, agency=a.agency, capacity=entry.capacity,
        category_name=a.category_name or "", state=state, arrived_at=arrived, left_at=left,
        substitute_for_id=a.substitute_for_id, substitute_for_name=a.substitute_for_name or "",
        voting=a.voting, offices=tuple(sorted(a.offices)), withdrawn=a.withdrawn,
        apologies_note=entry.apologies_note, role_note=entry.role_note, remote=entry.remote,
        substitution_ended_at=substitution_ended_at(events, a.substitute_for_id, at)
        if state is RegisterState.SUBSTITUTE and a.substitute_for_id else None,
    )


def presiding_over_items(session: Session, meeting_id: int
                         ) -> tuple[int | None, dict[int, int | None]]:
    """Who was in the chair when the meeting opened, and over each item taken: as
    recorded with the item (DOMAIN.md §5: fixed with its first decision, or chosen by
    the members), else the rules' answer when the item was taken (DOMAIN.md §9)."""
    rows = meeting_rows(session, meeting_id)
    opened = rows.meeting.opened_at
    opening = meeting_state(session, meeting_id, at=opened, use_current_item=False,
                            rows=rows).presiding.person_id if opened else None
    taken = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                                  AgendaItem.started_at.is_not(None))).all()
    return opening, {
        i.id: i.presiding_person_id or meeting_state(
            session, meeting_id, at=i.started_at, item_id=i.id, rows=rows).presiding.person_id
        for i in taken}


def final_state(session: Session, meeting_id: int) -> MeetingState:
    """The register as it ended, without any item's withdrawals."""
    return meeting_state(session, meeting_id, use_current_item=False)


__all__ = ["MeetingState", "RegisterLine", "Hypothetical", "meeting_state", "final_state",
           "current_item_id", "presiding_over_items"]

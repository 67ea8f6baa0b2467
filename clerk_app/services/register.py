"""The register: arrivals, departures, apologies, substitutes, withdrawals (DOMAIN.md §2).

Every function is one recording action: validated against the rules, then committed in
its own transaction, so once it returns the action survives a crash. A refused action
raises `ClerkError` and writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app import clock
from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import (
    AgendaItem,
    AttendanceEvent,
    Declaration,
    Meeting,
    Membership,
    Organisation,
    Person,
    QuorumEvent,
    RegisterEntry,
    standing,
)
from clerk_app.rules.attendance import deputy_limit_warning
from clerk_app.rules.declarations import may_declare
from clerk_app.rules.eligibility import presiding_choices
from clerk_app.rules.limits import TextKind
from clerk_app.rules.quorum import QuorumResult
from clerk_app.rules.register import Event, back_in_the_room, timeline_problem
from clerk_app.rules.roster import same_agency
from clerk_app.rules.times import early_arrival
from clerk_app.rules.vocabulary import (
    AttendanceKind,
    Capacity,
    MeetingStatus,
    QuorumEventKind,
    RegisterState,
    SettingKey,
)
from clerk_app.services.constitution import body_rules, setting_citation
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.live import LiveMeeting, writing
from clerk_app.services.membership import check_name
from clerk_app.services.names import check_text
from clerk_app.services.organisations import known_or_new
from clerk_app.services.recording import (
    add_attendance_event,
    audit,
    moment,
    writable_meeting,
    writable_register,
)
from clerk_app.services.state import Hypothetical, MeetingState, meeting_rows, meeting_state


def _entry(session: Session, meeting_id: int, person_id: int) -> RegisterEntry:
    entry = session.exec(
        select(RegisterEntry).where(RegisterEntry.meeting_id == meeting_id,
                                    RegisterEntry.person_id == person_id, standing(RegisterEntry))
    ).first()
    if entry is None:
        raise NotFound("That person is not on this meeting's register: add them first.")
    return entry


def _name(session: Session, person_id: int) -> str:
    person = session.get(Person, person_id)
    return person.name if person else "someone no longer in the record"


def _record_event(
    session: Session, meeting: Meeting, person_id: int, kind: AttendanceKind,
    at: datetime | None, item_id: int | None = None, live: LiveMeeting | None = None,
) -> MeetingState:
    """Append an event to a person's timeline if the timeline still makes sense; returns
    the meeting's state after it (the screen shows it without reading it again), which
    the table's live meeting keeps once committed."""
    when = moment(meeting, at, "The time", arrival=kind == AttendanceKind.ARRIVE)
    rows = session.exec(
        select(AttendanceEvent).where(AttendanceEvent.meeting_id == meeting.id,
                                      AttendanceEvent.person_id == person_id,
                                      standing(AttendanceEvent))
    ).all()
    mentioned = {r.item_id for r in rows if r.item_id} | ({item_id} if item_id else set())
    labels = {i.id: f"item {i.position} ({i.title})" for i in session.exec(
        select(AgendaItem).where(AgendaItem.id.in_(sorted(mentioned))))} if mentioned else {}
    events = [Event(r.kind, r.at, r.item_id, labels.get(r.item_id, "")) for r in rows]
    events.append(Event(kind, when, item_id, labels.get(item_id, "")))
    problem = timeline_problem(events, _name(session, person_id))
    if problem:
        raise ClerkError(problem)

    rows, after = add_attendance_event(session, meeting, AttendanceEvent(
        meeting_id=meeting.id, person_id=person_id, kind=kind, at=when, item_id=item_id,
        recorded_at=clock.now()), live)
    audit(session, meeting, f"register.{kind}", person_id=person_id, at=when, item_id=item_id)
    if live is not None:
        live.keep(session, rows, after)
    return after


def arrive(engine: Engine, meeting_id: int, person_id: int,
           at: datetime | None = None, live: LiveMeeting | None = None) -> MeetingState:
    """Mark an arrival; a member arriving ends their substitute's substitution. Returns
    the meeting's state after it, as `state` would read it once this has returned (and
    the table's live meeting, if given, keeps it: services/live.py)."""
    with writing(engine, live) as session:
        meeting = writable_register(session, meeting_id)
        entry = _entry(session, meeting_id, person_id)
        if entry.apologies:
            entry.apologies = False  # they came after all
            session.add(entry)
        return _record_event(session, meeting, person_id, AttendanceKind.ARRIVE, at,
                             live=live)


def leave(engine: Engine, meeting_id: int, person_id: int,
          at: datetime | None = None, live: LiveMeeting | None = None) -> MeetingState:
    with writing(engine, live) as session:
        meeting = writable_register(session, meeting_id)
        _entry(session, meeting_id, person_id)
        return _record_event(session, meeting, person_id, AttendanceKind.LEAVE, at, live=live)


def send_apologies(engine: Engine, meeting_id: int, person_id: int, note: str = "") -> None:
    """Apologies before or at the meeting; refused for someone already in the room."""
    check_text(note, TextKind.TEXT, "apologies note")
    with unit_of_work(engine) as session:
        meeting = writable_register(session, meeting_id)
        entry = _entry(session, meeting_id, person_id)
        line = meeting_state(session, meeting_id).line(person_id)
        if line and line.arrived_at is not None:
            raise ClerkError(
                f"{line.name} has been recorded as present, so cannot send apologies. "
                "Undo the arrival if it was a mistake, or record a departure."
            )
        entry.apologies = True
        entry.apologies_note = note
        session.add(entry)
        audit(session, meeting, "register.apologies", person_id=person_id, note=note)


def add_substitute(
    engine: Engine, meeting_id: int, member_id: int, substitute_id: int,
    at: datetime | None = None, arrived: bool = True,
) -> str | None:
    """A substitute takes an absent member's seat and vote for the meeting (DOMAIN.md §1).

    Refused when the member is in the room, or when the substitute is neither the
    member's named substitute nor (where the body allows it) from the same agency.

    Returns:
        A warning when this substitute attendance is beyond the body's yearly deputy
        limit (000 Partner Agency Agreement item 10), else None. It is recorded anyway:
        the limit is the member's commitment, not a bar to the seat being filled.
    """
    with unit_of_work(engine) as session:
        meeting = writable_register(session, meeting_id)
        member_entry = _entry(session, meeting_id, member_id)
        membership = session.get(Membership, member_entry.membership_id or -1)
        member_name = _name(session, member_id)
        if member_entry.capacity != Capacity.MEMBER or membership is None:
            raise ClerkError(f"{member_name} is not a member of this body, so cannot be "
                             "substituted.")
        state = meeting_state(session, meeting_id)
        line = state.line(member_id)
        if line and line.state in (RegisterState.PRESENT, RegisterState.REMOTE):
            raise ClerkError(f"{member_name} is present, so no substitute can sit in their "
                             "seat. Record their departure first.")
        if any(r.substitute_for_id == member_id and r.state == RegisterState.SUBSTITUTE
               for r in state.register):
            raise ClerkError(f"{member_name} is already represented by a substitute.")
        rules = body_rules(session, meeting.body_id)
        substitute = _allowed_substitute(session, membership, member_name, substitute_id,
                                         rules.substitutes_same_agency)
        existing = session.exec(
            select(RegisterEntry).where(RegisterEntry.meeting_id == meeting_id,
                                        RegisterEntry.person_id == substitute_id)
        ).first()
        if existing is not None and existing.capacity != Capacity.IN_ATTENDANCE:
            raise ClerkError(f"{substitute.name} is already on the register as a "
                             f"{existing.capacity}.")
        entry = existing or RegisterEntry(meeting_id=meeting_id, person_id=substitute_id)
        entry.capacity = Capacity.SUBSTITUTE
        entry.substitute_for_membership_id = membership.id
        session.add(entry)
        if not member_entry.apologies:
            member_entry.apologies = True  # a member who sends a substitute has sent apologies
            session.add(member_entry)
        warning = _deputy_warning(session, meeting, membership, rules.deputy_limit,
                                  rules.year_start_month)
        session.flush()
        audit(session, meeting, "register.substitute", member_id=member_id,
              substitute_id=substitute_id)
        if arrived:
            _record_event(session, meeting, substitute_id, AttendanceKind.ARRIVE, at)
        return warning


def _allowed_substitute(session: Session, membership: Membership, member_name: str,
                        substitute_id: int, same_agency_allowed: bool) -> Person:
    """The person, if they may sit in the member's seat: the member's named substitute
    or, where the body allows it, a colleague from the same agency. A refusal cites this
    body's own substitutes setting (its source, or its assumed mark)."""
    substitute = session.get(Person, substitute_id)
    if substitute is None:
        raise NotFound("That substitute is not in the record: add the person first.")
    member = session.get(Person, membership.person_id)
    named = membership.named_substitute_id == substitute_id
    if named or (same_agency_allowed and same_agency(substitute.agency_id, member.agency_id)):
        return substitute
    allowed = ("the member's named substitute or a colleague from the same agency"
               if same_agency_allowed else "the member's named substitute")
    rule = setting_citation(session, membership.body_id, SettingKey.SUBSTITUTES)
    raise ClerkError(
        f"{substitute.name} cannot substitute for {member_name}: only {allowed} may "
        f"attend in their place ({rule}). Record them as in attendance instead, or set "
        "the named substitute in the body's membership."
    )


def _deputy_warning(session: Session, meeting: Meeting, membership: Membership,
                    limit: int | None, first_month: int) -> str | None:
    earlier = session.exec(
        select(Meeting.date)
        .join(RegisterEntry, RegisterEntry.meeting_id == Meeting.id)
        .where(RegisterEntry.substitute_for_membership_id == membership.id,
               RegisterEntry.capacity == Capacity.SUBSTITUTE, standing(RegisterEntry),
               Meeting.id != meeting.id, Meeting.status != MeetingStatus.CANCELLED)
    ).all()
    return deputy_limit_warning(earlier, meeting.date, limit, first_month)


def withdraw(
    engine: Engine, meeting_id: int, person_id: int, item_id: int | None = None,
    at: datetime | None = None, live: LiveMeeting | None = None,
) -> MeetingState:
    """Leave the room for an item (default: the item under discussion)."""
    return _item_event(engine, meeting_id, person_id, AttendanceKind.WITHDRAW, item_id, at,
                       live)


def return_to_item(
    engine: Engine, meeting_id: int, person_id: int, item_id: int | None = None,
    at: datetime | None = None, live: LiveMeeting | None = None,
) -> MeetingState:
    """Come back into the room after withdrawing from an item."""
    return _item_event(engine, meeting_id, person_id, AttendanceKind.RETURN, item_id, at,
                       live)


def _item_event(engine: Engine, meeting_id: int, person_id: int, kind: AttendanceKind,
                item_id: int | None, at: datetime | None,
                live: LiveMeeting | None) -> MeetingState:
    with writing(engine, live) as session:
        meeting = writable_register(session, meeting_id)
        _entry(session, meeting_id, person_id)
        item_id = _item(session, meeting_id, item_id)
        return _record_event(session, meeting, person_id, kind, at, item_id, live)


def _item(session: Session, meeting_id: int, item_id: int | None) -> int:
    if item_id is None:
        item_id = meeting_state(session, meeting_id).item_id
        if item_id is None:
            raise ClerkError("No item is under discussion: start the item first.")
    item = session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting_id:
        raise NotFound("That item is not on this meeting's agenda.")
    return item_id


def add_in_attendance(
    engine: Engine, meeting_id: int, name: str, agency: str = "", role_note: str = "",
    for_items: str = "", at: datetime | None = None, arrived: bool = True,
    *, agency_id: int | None = None,
) -> int:
    """An officer, guest or walk-in: on the register, never counting, never voting. Their
    organisation is chosen by id, or named (and resolved, or added if new)."""
    check_name(name)
    check_text(role_note, TextKind.TEXT, "role")
    check_text(for_items, TextKind.TEXT, "items they attend for")
    with unit_of_work(engine) as session:
        meeting = writable_register(session, meeting_id)
        agency_id = agency_id or known_or_new(session, agency)
        if agency_id is not None and session.get(Organisation, agency_id) is None:
            raise NotFound("That organisation is not in the record: add it first.")
        person = Person(name=name, agency_id=agency_id, employer_id=agency_id)
        session.add(person)
        session.flush()
        session.add(RegisterEntry(meeting_id=meeting_id, person_id=person.id,
                                  capacity=Capacity.IN_ATTENDANCE, role_note=role_note,
                                  for_items=for_items))
        session.flush()
        audit(session, meeting, "register.in_attendance", person_id=person.id, name=name)
        if arrived:
            _record_event(session, meeting, person.id, AttendanceKind.ARRIVE, at)
        return person.id


def add_expected(engine: Engine, meeting_id: int, person_id: int,
                 capacity: Capacity = Capacity.IN_ATTENDANCE, role_note: str = "") -> None:
    """Put an existing person on the register (e.g. an officer attending regularly)."""
    check_text(role_note, TextKind.TEXT, "role")
    with unit_of_work(engine) as session:
        meeting = writable_register(session, meeting_id)
        if session.exec(select(RegisterEntry).where(RegisterEntry.meeting_id == meeting_id,
                                                    RegisterEntry.person_id == person_id)).first():
            raise ClerkError(f"{_name(session, person_id)} is already on the register.")
        session.add(RegisterEntry(meeting_id=meeting_id, person_id=person_id,
                                  capacity=capacity, role_note=role_note))
        audit(session, meeting, "register.add", person_id=person_id, capacity=capacity)


def quorum_if(
    engine: Engine, meeting_id: int, person_id: int, kind: AttendanceKind,
    item_id: int | None = None, live: LiveMeeting | None = None,
) -> tuple[QuorumResult, QuorumResult]:
    """Quorum now and after a proposed event, to warn before harm (DOMAIN.md §3); from
    the table's live meeting when it is current, else read once."""
    with Session(engine) as session:
        known = live.current(session) if live is not None else None
        rows = known.rows if known is not None else meeting_rows(session, meeting_id)
        before = meeting_state(session, meeting_id, item_id=item_id, rows=rows)
        after = meeting_state(session, meeting_id, item_id=item_id or before.item_id,
                              extra=Hypothetical(person_id, kind, item_id or before.item_id),
                              rows=rows)
        return before.quorum, after.quorum


def state(engine: Engine, meeting_id: int, item_id: int | None = None):
    """A read-only snapshot of the meeting for screens and exports."""
    with Session(engine) as session:
        return meeting_state(session, meeting_id, item_id=item_id)


@dataclass(frozen=True)
class Verdicts:
    """What the rules say about the people on the register, for the item the snapshot is
    for: ids and kinds only, for a screen to act on and word as it needs.

    Attributes:
        in_room: everyone in the room now (arrived and not left), withdrawn or not.
        may_declare: the members and substitutes, who declare interests; those in the
            room first, each group in register order.
        may_preside: the members the meeting may choose to preside over the item.
        back: for each person who has left the meeting or withdrawn from the item, what
            "back in the room" records for them (an arrival, or a return to the item).
    """

    in_room: frozenset[int]
    may_declare: tuple[int, ...]
    may_preside: tuple[int, ...]
    back: Mapping[int, AttendanceKind]


def verdicts(snapshot: MeetingState) -> Verdicts:
    """The rules' verdicts on a snapshot of the meeting (no reading: it is all there)."""
    in_room = frozenset(a.person_id for a in snapshot.attendees if a.in_room)
    declaring = [line.person_id for line in snapshot.register if may_declare(line.capacity)]
    back = {line.person_id: kind for line in snapshot.register
            if (kind := back_in_the_room(line.withdrawn, line.state)) is not None}
    return Verdicts(
        in_room=in_room,
        may_declare=tuple(sorted(declaring, key=lambda person_id: person_id not in in_room)),
        may_preside=tuple(a.person_id for a in presiding_choices(snapshot.attendees)),
        back=back,
    )


# --- Correcting times, and choosing a substitute, at the table --------------------------


@dataclass(frozen=True)
class TimelineEvent:
    """One event of a person's register timeline, for the clerk to check or correct."""

    event_id: int
    kind: AttendanceKind
    at: datetime
    item_id: int | None
    item_label: str


def person_events(engine: Engine, meeting_id: int, person_id: int) -> list[TimelineEvent]:
    """A person's arrivals, departures, withdrawals and returns, in time order."""
    with Session(engine) as session:
        labels = _item_labels(session, meeting_id)
        rows = session.exec(
            select(AttendanceEvent).where(AttendanceEvent.meeting_id == meeting_id,
                                          AttendanceEvent.person_id == person_id,
                                          standing(AttendanceEvent))
            .order_by(AttendanceEvent.at, AttendanceEvent.id)
        ).all()
        return [TimelineEvent(r.id, r.kind, r.at, r.item_id, labels.get(r.item_id, ""))
                for r in rows]


def _item_labels(session: Session, meeting_id: int) -> dict[int, str]:
    return {i.id: f"item {i.position} ({i.title})" for i in session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))}


def set_event_times(engine: Engine, meeting_id: int,
                    changes: Mapping[int, datetime]) -> tuple[str, ...]:
    """Correct the times of register events (event id -> new time), as one action.

    Every new time must fall on the meeting's day, and every timeline it touches must
    still make sense (rules.register.timeline_problem: no leaving before arriving). The
    quorum lost and regained events are then worked out again from the corrected
    timeline, so the minutes follow the correction (DOMAIN.md §3). Refused, writing
    nothing, if any change fails; several changes are checked together, so a departure
    and an arrival may be moved past each other in one go. Returns what the clerk is
    told of an arrival moved to the opening (rules.times).
    """
    if not changes:
        raise ClerkError("No time was changed.")
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        rows = {e.id: e for e in session.exec(select(AttendanceEvent).where(
            AttendanceEvent.meeting_id == meeting_id, standing(AttendanceEvent)))}
        missing = [event_id for event_id in changes if event_id not in rows]
        if missing:
            raise NotFound("That register event is not in this meeting's record.")
        new_times = {event_id: moment(meeting, at, "The corrected time",
                                      rows[event_id].kind == AttendanceKind.ARRIVE)
                     for event_id, at in changes.items()}
        labels = _item_labels(session, meeting_id)
        for person_id in sorted({rows[event_id].person_id for event_id in changes}):
            events = [Event(r.kind, new_times.get(r.id, r.at), r.item_id,
                            labels.get(r.item_id, ""))
                      for r in sorted(rows.values(), key=lambda r: (r.at, r.id))
                      if r.person_id == person_id]
            problem = timeline_problem(events, _name(session, person_id))
            if problem:
                raise ClerkError(problem)
        corrected = []
        for event_id, when in new_times.items():
            row = rows[event_id]
            corrected.append({"event_id": event_id, "person_id": row.person_id,
                              "kind": row.kind, "from": row.at, "to": when})
            row.at = when
            session.add(row)
        session.flush()
        replay_quorum_events(session, meeting)
        audit(session, meeting, "register.times", changes=corrected)
        return tuple(early_arrival(changes[i], meeting.opened_at) for i in changes
                     if new_times[i] != changes[i])


def replay_quorum_events(session: Session, meeting: Meeting) -> None:
    """Work out quorum lost and regained again over the whole meeting (DOMAIN.md §3).

    Quorum is evaluated at the opening and at every moment the register or the item
    under discussion changed, up to the close; the stored events are replaced only if
    the corrected timeline tells a different story.
    """
    if meeting.opened_at is None:
        return
    start, end = meeting.opened_at, meeting.closed_at
    moments = {start}
    moments |= {e.at for e in session.exec(select(AttendanceEvent).where(
        AttendanceEvent.meeting_id == meeting.id, standing(AttendanceEvent)))}
    moments |= {i.started_at for i in session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)) if i.started_at}
    moments |= {d.declared_at for d in session.exec(select(Declaration).where(
        Declaration.meeting_id == meeting.id, standing(Declaration)))}
    story: list[tuple[QuorumEventKind, datetime, int | None, str]] = []
    quorate: bool | None = None
    for when in sorted(m for m in moments if start <= m and (end is None or m <= end)):
        state = meeting_state(session, meeting.id, at=when)
        now_quorate = state.quorum.quorate
        if now_quorate != (quorate if quorate is not None else True):
            story.append((QuorumEventKind.REGAINED if now_quorate else QuorumEventKind.LOST,
                          when, state.item_id,
                          state.quorum.summary))
        quorate = now_quorate
    stored = session.exec(select(QuorumEvent).where(QuorumEvent.meeting_id == meeting.id)
                          .order_by(QuorumEvent.at, QuorumEvent.id)).all()
    if [(q.kind, q.at, q.item_id, q.summary) for q in stored] == story:
        return
    for row in stored:
        session.delete(row)
    session.flush()
    for kind, when, item_id, summary in story:
        session.add(QuorumEvent(meeting_id=meeting.id, kind=kind, at=when, item_id=item_id,
                                summary=summary))

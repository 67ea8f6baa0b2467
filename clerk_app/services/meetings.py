"""Meetings: creating them with their agenda and expected attendees, opening, closing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app import clock
from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import (
    AgendaItem,
    AuditEntry,
    Body,
    Decision,
    Declaration,
    Meeting,
    Person,
    QuorumEvent,
    RegisterEntry,
    Vote,
    standing,
)
from clerk_app.rules.deadlines import dispatch_deadline, minutes_due
from clerk_app.rules.eligibility import presiding_member
from clerk_app.rules.limits import TextKind, kind_of
from clerk_app.rules.quorum_result import quorate_before
from clerk_app.rules.vocabulary import (
    Capacity,
    InterestEffect,
    InterestKind,
    ItemAddition,
    ItemKind,
    MeetingStatus,
    MinutesStatus,
    QuorumEventKind,
)
from clerk_app.services.backups import after_meeting_closed
from clerk_app.services.constitution import body_rules
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.membership import active_memberships, check_name
from clerk_app.services.names import check_text
from clerk_app.services.recording import (
    audit,
    moment,
    offline_mark,
    offline_words,
    writable_meeting,
)
from clerk_app.services.state import meeting_state
from clerk_app.services.withdrawals import on_item_taken

# The usual opening items of a UK partnership board's agenda (DOMAIN.md §6).
STANDARD_ITEMS = (
    (ItemKind.APOLOGIES, "Apologies and substitutions"),
    (ItemKind.DECLARATIONS, "Declarations of interest"),
    (ItemKind.PREVIOUS_MINUTES, "Minutes of the previous meeting"),
)


@dataclass(frozen=True)
class ItemSpec:
    title: str
    kind: ItemKind = ItemKind.BUSINESS
    presenter: str = ""
    papers: str = ""
    exempt: bool = False
    exempt_reason: str = ""
    description: str = ""


def create_meeting(
    engine: Engine,
    body_id: int,
    day: date,
    start_time: time | None = None,
    venue: str = "",
    items: Sequence[ItemSpec | str] = (),
    title: str = "",
    standard_items: bool = True,
) -> int:
    """A meeting with its agenda; every current member of the body is expected."""
    check_text(venue, TextKind.TEXT, "venue")
    check_text(title, TextKind.TEXT, "meeting title")
    with unit_of_work(engine) as session:
        body = session.get(Body, body_id)
        if body is None:
            raise NotFound("That body is no longer in the record: choose another.")
        meeting = Meeting(body_id=body_id, date=day, start_time=start_time, venue=venue,
                          title=title or body.name)
        session.add(meeting)
        session.flush()
        specs = [ItemSpec(t, kind=k) for k, t in STANDARD_ITEMS] if standard_items else []
        specs += [ItemSpec(i) if isinstance(i, str) else i for i in items]
        for position, spec in enumerate(specs, start=1):
            _add_item(session, meeting.id, position, spec)
        for member in active_memberships(session, body_id, day):
            session.add(RegisterEntry(meeting_id=meeting.id, person_id=member.person_id,
                                      capacity=Capacity.MEMBER, membership_id=member.id))
        audit(session, meeting, "meeting.create", date=day, venue=venue)
        session.flush()
        return meeting.id


def check_item_texts(spec: ItemSpec) -> None:
    """Refuse an item whose title, presenter, papers, description or reason is too long."""
    check_name(spec.title, "item title", TextKind.TEXT)
    for what in ("presenter", "papers", "description", "exempt_reason"):
        check_text(getattr(spec, what), kind_of(what), what.replace("_", " "))


def _add_item(session: Session, meeting_id: int, position: int, spec: ItemSpec) -> AgendaItem:
    check_item_texts(spec)
    if spec.exempt and not spec.exempt_reason.strip():
        raise ClerkError(
            f"Item {spec.title!r} is marked exempt: give the reason the public are excluded."
        )
    item = AgendaItem(meeting_id=meeting_id, position=position, title=spec.title,
                      kind=spec.kind, presenter=spec.presenter, papers=spec.papers,
                      exempt=spec.exempt, exempt_reason=spec.exempt_reason,
                      description=spec.description)
    session.add(item)
    return item


def open_meeting(engine: Engine, meeting_id: int, at: datetime | None = None) -> None:
    """The chair opens the meeting; from now on quorum changes are events in the minutes."""
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        if meeting.status != MeetingStatus.SCHEDULED:
            raise ClerkError("This meeting has already been opened.")
        when = moment(meeting, at, "The opening")
        meeting.status = MeetingStatus.IN_PROGRESS
        meeting.opened_at = when
        session.add(meeting)
        state = meeting_state(session, meeting_id)
        if not state.quorum.quorate:
            session.add(QuorumEvent(meeting_id=meeting_id, kind=QuorumEventKind.LOST, at=when,
                                    summary=state.quorum.summary))
        audit(session, meeting, "meeting.open", at=when)


def close_meeting(engine: Engine, meeting_id: int, at: datetime | None = None) -> None:
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        if meeting.status != MeetingStatus.IN_PROGRESS:
            raise ClerkError("Only a meeting in progress can be closed: open it first.")
        when = moment(meeting, at, "The close")
        meeting.status = MeetingStatus.CLOSED
        meeting.closed_at = when
        session.add(meeting)
        audit(session, meeting, "meeting.close", at=when)
    after_meeting_closed(engine)  # the whole meeting in a second file, once it is saved


def cancel_meeting(engine: Engine, meeting_id: int) -> None:
    """A cancelled meeting counts in nobody's attendance (DOMAIN.md §7)."""
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        if meeting.status != MeetingStatus.SCHEDULED:
            raise ClerkError("Only a meeting that has not started can be cancelled.")
        meeting.status = MeetingStatus.CANCELLED
        session.add(meeting)
        audit(session, meeting, "meeting.cancel")


def start_item(
    engine: Engine, meeting_id: int, item_id: int, at: datetime | None = None,
    public_excluded: bool = False,
) -> None:
    """Take an item; an exempt item needs the public and non-members excluded first."""
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        item = session.get(AgendaItem, item_id)
        if item is None or item.meeting_id != meeting_id:
            raise NotFound("That item is not on this meeting's agenda.")
        if meeting.status != MeetingStatus.IN_PROGRESS:
            raise ClerkError("Open the meeting before taking its items.")
        if item.exempt and not public_excluded:
            raise ClerkError(
                f"Item {item.position} ({item.title}) is exempt: exclude the public and "
                "non-members, then confirm that they have left."
            )
        item.started_at = moment(meeting, at, f"Item {item.position} taken")
        item.public_excluded = item.exempt and public_excluded
        session.add(item)
        session.flush()
        on_item_taken(session, meeting, item, item.started_at)
        # Who takes the chair for the item is part of its record: a member chosen earlier
        # carries on, and the Chair or Vice-Chair taking the chair ends that choice (§9).
        presiding = meeting_state(session, meeting.id, item_id=item_id).presiding
        if item.presiding_person_id is None and presiding.person_id is not None:
            item.presiding_person_id = presiding.person_id
        audit(session, meeting, "item.start", item_id=item_id, public_excluded=public_excluded)


def set_item_notes(engine: Engine, item_id: int, notes: str) -> None:
    """The clerk's notes on an item, saved as typed."""
    check_text(notes, TextKind.NOTES, "item's notes")
    with unit_of_work(engine) as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            raise NotFound("That item is not in the record.")
        meeting = writable_meeting(session, item.meeting_id)
        item.notes = notes
        session.add(item)
        audit(session, meeting, "item.notes", item_id=item_id, length=len(notes))


def set_public_count(engine: Engine, meeting_id: int, count: int,
                     names: str | None = None) -> None:
    """Members of the public present (002 §6.7); their names as given, or, without
    names, the names already recorded kept (a new head count is not a new list)."""
    if not isinstance(count, int) or isinstance(count, bool):
        raise ClerkError("The number of members of the public is a whole number: check it.")
    if count < 0:
        raise ClerkError("The number of members of the public cannot be negative.")
    check_text(names or "", TextKind.TEXT, "list of names of the public")
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        meeting.public_count = count
        if names is not None:
            meeting.public_names = names
        session.add(meeting)
        audit(session, meeting, "public.count", count=count)


def meetings_of(engine: Engine, body_id: int) -> list[Meeting]:
    """A body's meetings, upcoming first (soonest first), then past (latest first)."""
    with Session(engine, expire_on_commit=False) as session:
        rows = session.exec(select(Meeting).where(Meeting.body_id == body_id)).all()
    return _in_list_order(rows)


@dataclass(frozen=True)
class MeetingListRow:
    """A meeting as the list of bodies and meetings shows it."""

    id: int
    body_id: int
    date: date
    status: MeetingStatus
    minutes_status: MinutesStatus


def meetings_by_body(engine: Engine) -> dict[int, list[MeetingListRow]]:
    """Every body's meetings, in the order of `meetings_of`, read in one query: the list
    shows them all, and a query of whole rows for each body made drawing a council's
    fifty bodies with ten years each take half a second."""
    with engine.connect() as connection:  # plain rows: no ORM objects to build
        rows = connection.execute(select(Meeting.id, Meeting.body_id, Meeting.date,
                                         Meeting.status, Meeting.minutes_status)).all()
    by_body: dict[int, list[MeetingListRow]] = {}
    for row in rows:
        by_body.setdefault(row[1], []).append(MeetingListRow(*row))
    return {body_id: _in_list_order(held) for body_id, held in by_body.items()}


def _in_list_order(rows: Sequence) -> list:
    """Upcoming first (soonest first), then past (latest first)."""
    today = date.today()
    upcoming = sorted((m for m in rows if m.date >= today), key=lambda m: m.date)
    past = sorted((m for m in rows if m.date < today), key=lambda m: m.date, reverse=True)
    return upcoming + past


@dataclass(frozen=True)
class ItemSummary:
    item_id: int
    position: int
    title: str
    exempt: bool
    presenter: str
    notes: str
    outcomes: tuple[str, ...]  # decisions and vote sentences, in order
    added_words: str = ""  # "Late item: …", "Urgent item: …" (DOMAIN.md §9)


@dataclass(frozen=True)
class MeetingSummary:
    meeting_id: int
    body_name: str
    title: str
    date: date
    start_time: time | None
    venue: str
    status: MeetingStatus
    minutes_status: MinutesStatus
    public_count: int
    items: tuple[ItemSummary, ...]
    quorum_events: tuple[str, ...]
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    recorded_afterwards: bool = False  # every time typed in from the signing-in sheet


def _outcomes(session: Session, item_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """Each item's decisions and vote sentences, in the order they were taken (one
    query for the whole agenda: this runs after every action at the table)."""
    outcomes: dict[int, list[str]] = {}
    seen: set[int] = set()
    for d, sentence in session.exec(
            select(Decision, Vote.sentence).outerjoin(Vote, Vote.decision_id == Decision.id)
            .where(Decision.item_id.in_(item_ids))
            .order_by(Decision.decided_at, Decision.id, Vote.id)):
        if d.id in seen:  # a decision has one vote; a second would be a damaged record
            continue
        seen.add(d.id)
        lines = outcomes.setdefault(d.item_id, [])
        lines.append(d.kind.line(d.text, d.referred_to))
        if sentence:
            lines.append(sentence)
        if d.inquorate_reason:
            lines.append(f"Taken while inquorate: {d.inquorate_reason}")
    return {item_id: tuple(lines) for item_id, lines in outcomes.items()}


def meeting_summary(engine: Engine, meeting_id: int, with_items: bool = True) -> MeetingSummary:
    """A plain summary of a meeting's agenda and outcomes, for screens; without items
    (and quorum events), only the meeting itself, for a screen that reads its agenda
    through `agenda`."""
    with Session(engine) as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound("That meeting is no longer in the record: choose another.")
        body = session.get(Body, meeting.body_id)
        items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                             .order_by(AgendaItem.position)).all() if with_items else []
        outcomes = _outcomes(session, [item.id for item in items])
        summaries = [
            ItemSummary(item.id, item.position, item.title, item.exempt, item.presenter,
                        item.notes, outcomes.get(item.id, ()),
                        f"{item.added.label}: {item.added_reason}" if item.added_reason else "")
            for item in items
        ]
        events = session.exec(select(QuorumEvent).where(QuorumEvent.meeting_id == meeting_id)
                              .order_by(QuorumEvent.at)).all() if with_items else []
        return MeetingSummary(
            meeting_id=meeting.id, body_name=body.name, title=meeting.title, date=meeting.date,
            start_time=meeting.start_time, venue=meeting.venue, status=meeting.status,
            minutes_status=meeting.minutes_status, public_count=meeting.public_count,
            opened_at=meeting.opened_at, closed_at=meeting.closed_at,
            recorded_afterwards=meeting.recorded_afterwards, items=tuple(summaries),
            quorum_events=_quorum_event_words(events, meeting.opened_at),
        )


def _quorum_event_words(events, opened_at: datetime | None) -> tuple[str, ...]:
    """"The meeting became inquorate at 11:32."; quorum reached after an inquorate
    opening is "became quorate", only a later one "quorate again" (DOMAIN.md §3, §9)."""
    words = []
    for q, again in zip(events, quorate_before(((q.kind, q.at) for q in events), opened_at),
                        strict=True):
        became = "inquorate" if q.kind is QuorumEventKind.LOST else \
            "quorate again" if again else "quorate"
        words.append(f"The meeting became {became} at {clock.hhmm(q.at)}.")
    return tuple(words)


@dataclass(frozen=True)
class Deadlines:
    dispatch_by: date  # agenda papers out by (002 §6.2)
    minutes_due: date  # draft minutes due (002 §6.3)
    counting: str


def deadlines(engine: Engine, meeting_id: int) -> Deadlines:
    """The meeting's agenda dispatch deadline and minutes-due date, by the body's settings."""
    with Session(engine) as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound("That meeting is no longer in the record: choose another.")
        rules = body_rules(session, meeting.body_id)
    return Deadlines(
        dispatch_by=dispatch_deadline(meeting.date, rules.dispatch_working_days,
                                      rules.dispatch_counting),
        minutes_due=minutes_due(meeting.date, rules.minutes_due_days),
        counting=rules.dispatch_counting.value,
    )


def choose_presiding(engine: Engine, item_id: int, person_id: int) -> None:
    """With neither Chair nor Vice-Chair able to preside, the members present choose one
    of themselves for the item (practice, LGA 1972 Sch. 12 para 11)."""
    with unit_of_work(engine) as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            raise NotFound("That item is not in the record.")
        meeting = writable_meeting(session, item.meeting_id)
        state = meeting_state(session, meeting.id, item_id=item_id)
        try:
            presiding = presiding_member(state.attendees, person_id)
        except ValueError as error:
            raise ClerkError(str(error)) from error
        if presiding.person_id != person_id:
            raise ClerkError(f"{presiding.name} is here to preside: {presiding.reason}")
        item.presiding_person_id = person_id
        session.add(item)
        audit(session, meeting, "item.presiding", item_id=item_id, person_id=person_id)


# --- The meeting at the table --------------------------------------------------------


@dataclass(frozen=True)
class AgendaLine:
    """One agenda item as the clerk works through it at the table."""

    item_id: int
    position: int
    title: str
    kind: ItemKind
    exempt: bool
    exempt_reason: str
    public_excluded: bool
    presenter: str
    papers: str
    description: str
    started_at: datetime | None
    notes: str
    outcomes: tuple[str, ...]
    declarations: tuple[ItemDeclaration, ...]
    added: ItemAddition = ItemAddition.ON_AGENDA  # a late or urgent item, with its reason
    added_reason: str = ""


@dataclass(frozen=True)
class ItemDeclaration:
    """A declaration of interest on an item, as recorded (the screen words it)."""

    person_id: int
    name: str
    kind: InterestKind
    effect: InterestEffect
    description: str
    dispensation_by: str


def agenda(engine: Engine, meeting_id: int) -> list[AgendaLine]:
    """The agenda with what has happened on each item so far: started, declarations,
    decisions. One read for the table view, so no query runs while it paints."""
    with Session(engine) as session:
        if session.get(Meeting, meeting_id) is None:
            raise NotFound("That meeting is no longer in the record: choose another.")
        items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                             .order_by(AgendaItem.position)).all()
        outcomes = _outcomes(session, [i.id for i in items])
        declared: dict[int, list[ItemDeclaration]] = {}
        for d, name in session.exec(
                select(Declaration, Person.name).join(Person, Person.id == Declaration.person_id)
                .where(Declaration.meeting_id == meeting_id, standing(Declaration))
                .order_by(Declaration.declared_at, Declaration.id)):
            declared.setdefault(d.item_id, []).append(ItemDeclaration(
                d.person_id, name, d.kind, d.effect, d.description, d.dispensation_by))
        return [
            AgendaLine(
                item_id=i.id, position=i.position, title=i.title, kind=i.kind,
                exempt=i.exempt, exempt_reason=i.exempt_reason,
                public_excluded=i.public_excluded, presenter=i.presenter, papers=i.papers,
                description=i.description, started_at=i.started_at, notes=i.notes,
                outcomes=outcomes.get(i.id, ()), declarations=tuple(declared.get(i.id, ())),
                added=i.added, added_reason=i.added_reason,
            )
            for i in items
        ]


def last_saved(engine: Engine, meeting_id: int) -> datetime | None:
    """When anything in the meeting's record last changed (its latest audit entry)."""
    with Session(engine) as session:
        return session.exec(
            select(func.max(AuditEntry.at)).where(AuditEntry.meeting_id == meeting_id)
        ).one()


def away_words(engine: Engine, meeting_id: int) -> str:
    """What the window says of a team record's meeting taken offline to a laptop
    (services/offline.py); nothing of any other."""
    with Session(engine) as session:
        mark = offline_mark(session, meeting_id)
        return "" if mark is None else offline_words(mark.taken_by, mark.taken_at)

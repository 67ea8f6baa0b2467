"""Changing a meeting's agenda and details (DOMAIN.md §9 "Agenda changes").

Before the papers are dispatched the clerk edits the agenda freely. After dispatch an
added item is a late item, with its reason; moving or removing an item is still allowed
(the meeting has not started) but the audit entry says it came after dispatch, because
members hold papers with the old numbers. Once the meeting has opened the agenda numbers
are fixed: items are not moved or removed, the person presiding takes them in whatever
order they choose (the clerk starts any item), and an item not on the agenda is an
urgent item, taken only with the agreement of the person presiding, with its reason.

Each action is one unit of work, audited, refused with a `ClerkError` that says what to
do and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, time

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import (
    Action,
    AgendaItem,
    AttendanceEvent,
    Decision,
    Declaration,
    Meeting,
    QuorumEvent,
)
from clerk_app.rules.limits import TextKind, excerpt
from clerk_app.rules.vocabulary import ItemAddition, MeetingStatus, MinutesStatus
from clerk_app.services import schedule
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.meetings import ItemSpec, _add_item, check_item_texts
from clerk_app.services.names import check_name, check_text
from clerk_app.services.recording import audit, writable_meeting


def addition_now(status: MeetingStatus, dispatched_on: date | None) -> ItemAddition | None:
    """What an item added now would be: on the agenda, late, urgent; None once closed."""
    if status is MeetingStatus.IN_PROGRESS:
        return ItemAddition.URGENT
    if status is not MeetingStatus.SCHEDULED:
        return None
    return ItemAddition.LATE if dispatched_on else ItemAddition.ON_AGENDA


def add_item(engine: Engine, meeting_id: int, spec: ItemSpec, reason: str = "") -> int:
    """Add an item at the end of the agenda; returns its id.

    Before dispatch it is simply on the agenda; after dispatch it is a late item, and
    during the meeting an urgent item the person presiding has agreed to take (practice,
    LGA 1972 s100B(4)(b)): both need the reason, which the agenda and minutes print.

    Raises:
        ClerkError: the meeting is closed or its record locked; a reason is needed and
            missing; the title is empty; an exempt item has no reason.
    """
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        addition = addition_now(MeetingStatus(meeting.status), meeting.papers_dispatched_on)
        if addition is None:
            raise ClerkError("This meeting has closed, so nothing can be added to its agenda. "
                             "Put the item on the next meeting's agenda.")
        if addition is not ItemAddition.ON_AGENDA and not reason.strip():
            raise ClerkError(
                "The person presiding must agree that the item is urgent: type the reason "
                "it cannot wait until the next meeting." if addition is ItemAddition.URGENT
                else "The agenda papers have been sent, so this is a late item: type the "
                     "reason it is added late.")
        items = _items(session, meeting_id)
        item = _add_item(session, meeting_id, max((i.position for i in items), default=0) + 1,
                         spec)
        item.added = addition
        item.added_reason = check_text(reason, TextKind.TEXT, "reason") if addition is not \
            ItemAddition.ON_AGENDA else ""
        session.flush()
        audit(session, meeting, "item.add", item_id=item.id, title=spec.title,
              added=addition, reason=item.added_reason)
        return item.id


def update_item(engine: Engine, item_id: int, spec: ItemSpec) -> None:
    """Rename an item, or change its presenter, papers, description or exempt mark.

    Allowed until the minutes are approved (a title mistyped on the agenda is corrected
    in the minutes too); the audit trail keeps the old and new values.

    Raises:
        ClerkError: the record is locked; the title is empty; exempt without a reason.
    """
    check_item_texts(spec)
    if spec.exempt and not spec.exempt_reason.strip():
        raise ClerkError(f"Item “{excerpt(spec.title, 80)}” is marked exempt: give the reason "
                         "the public are excluded.")
    with unit_of_work(engine) as session:
        item, meeting = _item(session, item_id)
        changed = {}
        for name in (f.name for f in fields(ItemSpec) if f.name != "kind"):
            new = getattr(spec, name) if spec.exempt or name != "exempt_reason" else ""
            if getattr(item, name) != new:
                changed[name] = {"old": getattr(item, name), "new": new}
                setattr(item, name, new)
        if not changed:
            return
        session.add(item)
        audit(session, meeting, "item.edit", item_id=item.id, changed=changed,
              after_dispatch=meeting.papers_dispatched_on is not None)


def move_item(engine: Engine, item_id: int, step: int) -> None:
    """Move an item one place up (step -1) or down (+1), renumbering the two items.

    Raises:
        ClerkError: the meeting has opened (the numbers are fixed: start the item the
            person presiding takes next); the item is already first or last.
    """
    with unit_of_work(engine) as session:
        item, meeting = _item(session, item_id)
        _before_opening(meeting, "moved")
        items = _items(session, meeting.id)
        n = items.index(item)
        if not 0 <= n + step < len(items):
            end = "first" if step < 0 else "last"
            raise ClerkError(f"Item {item.position} is already the {end} on the agenda.")
        other = items[n + step]
        item.position, other.position = other.position, item.position
        session.add_all([item, other])
        audit(session, meeting, "item.move", item_id=item.id, position=item.position,
              after_dispatch=meeting.papers_dispatched_on is not None)


def remove_item(engine: Engine, item_id: int) -> None:
    """Take an item off the agenda; the items after it move up one number.

    Raises:
        ClerkError: the meeting has opened; anything is recorded under the item (notes,
            a start, a declaration, a decision, an action, a withdrawal).
    """
    with unit_of_work(engine) as session:
        item, meeting = _item(session, item_id)
        _before_opening(meeting, "removed")
        if _has_record(session, item):
            raise ClerkError(f"Item {item.position} ({excerpt(item.title, 80)}) has something "
                             "recorded under it, so it cannot be removed: clear its notes and undo "
                             "what was recorded first, or leave it on the agenda.")
        audit(session, meeting, "item.remove", title=item.title, position=item.position,
              after_dispatch=meeting.papers_dispatched_on is not None)
        for later in _items(session, meeting.id):
            if later.position > item.position:
                later.position -= 1
                session.add(later)
        session.delete(item)


def _has_record(session: Session, item: AgendaItem) -> bool:
    if item.started_at is not None or item.notes.strip():
        return True
    return any(session.exec(select(table.id).where(table.item_id == item.id)).first()
               for table in (Decision, Declaration, Action, AttendanceEvent, QuorumEvent))


def _before_opening(meeting: Meeting, done: str) -> None:
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ClerkError(f"The meeting has opened, so its agenda numbers are fixed and no item "
                         f"can be {done}. The person presiding may take the items in another "
                         "order: select the item and press “Start this item”.")


def _item(session: Session, item_id: int) -> tuple[AgendaItem, Meeting]:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound("That item is not in the record.")
    return item, writable_meeting(session, item.meeting_id)


def _items(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                             .order_by(AgendaItem.position, AgendaItem.id)))


# --- The meeting's details ------------------------------------------------------------


@dataclass(frozen=True)
class MeetingDetails:
    """What the meeting-details dialog shows and changes.

    Attributes:
        addition: what an item added now would be (None: nothing can be added).
        locked: the minutes are approved (or the meeting cancelled): nothing changes.
    """

    title: str
    date: date
    start_time: time | None
    venue: str
    next_meeting_note: str
    public_names: str
    status: MeetingStatus = MeetingStatus.SCHEDULED
    papers_dispatched_on: date | None = None
    addition: ItemAddition | None = None
    locked: bool = False


def meeting_details(engine: Engine, meeting_id: int) -> MeetingDetails:
    with Session(engine) as session:
        m = session.get(Meeting, meeting_id)
        if m is None:
            raise NotFound("That meeting is no longer in the record: choose another.")
        status = MeetingStatus(m.status)
        return MeetingDetails(
            m.title, m.date, m.start_time, m.venue, m.next_meeting_note, m.public_names,
            status, m.papers_dispatched_on, addition_now(status, m.papers_dispatched_on),
            m.minutes_status == MinutesStatus.APPROVED or status is MeetingStatus.CANCELLED)


def set_meeting_details(engine: Engine, meeting_id: int, details: MeetingDetails) -> list[str]:
    """Change the meeting's title, date, start time, venue, next-meeting note and the
    names of the public present; returns warnings for the clerk (a weekend date).

    The date and start time move only while the meeting has not started (they are part
    of the record once it opens: `schedule.reschedule`); the rest may be corrected until
    the minutes are approved.

    Raises:
        ClerkError: the record is locked; the title is empty; the date or time of a
            meeting that has started would change.
    """
    check_name(details.title, "meeting title", TextKind.TEXT)
    if details.venue:
        check_name(details.venue, "venue", TextKind.TEXT)
    check_text(details.next_meeting_note, TextKind.TEXT, "next-meeting note")
    check_text(details.public_names, TextKind.TEXT, "list of names of the public")
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        warnings: list[str] = []
        moved = (details.date, details.start_time) != (meeting.date, meeting.start_time)
        if moved or (details.venue != meeting.venue
                     and meeting.status == MeetingStatus.SCHEDULED):
            warnings = schedule.reschedule(session, meeting, details.date, details.start_time,
                                           details.venue)
        changed = {}
        for name in ("title", "venue", "next_meeting_note", "public_names"):
            new = getattr(details, name)
            if getattr(meeting, name) != new:
                changed[name] = {"old": getattr(meeting, name), "new": new}
                setattr(meeting, name, new)
        if changed:
            session.add(meeting)
            audit(session, meeting, "meeting.details", changed=changed)
        return warnings

"""The actions log across meetings: what was agreed to be done, by whom, by when.

Actions are set in the minutes (DOMAIN.md §6: "an action list (action, owner, due
date)") and chased between meetings: an open action is a matter arising at every later
meeting of the body until it is marked done, and the meeting where it was closed is the
one held on the day it was marked done (§9 "Actions"). Marking one done is allowed
after the minutes are approved: approval locks what the minutes say happened at the
meeting; whether the action has since been done is a later fact. Both marking and
unmarking are audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import Action, AgendaItem, Body, Meeting, standing
from clerk_app.rules.limits import TextKind
from clerk_app.rules.vocabulary import MeetingStatus
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.membership import check_name
from clerk_app.services.recording import audit, writable_meeting
from clerk_app.services.schedule import long_date


@dataclass(frozen=True)
class ActionRow:
    """One action with the minute it came from."""

    action_id: int
    body_id: int
    body_name: str
    meeting_id: int
    meeting_date: date
    item_id: int | None
    item_position: int | None
    item_title: str
    description: str
    owner: str
    due_date: date | None
    done_on: date | None
    today: date
    closed_at_meeting_id: int | None = None  # the body's meeting held on `done_on`
    item_exempt: bool = False  # agreed under an exempt item: confidential

    @property
    def overdue(self) -> bool:
        return self.done_on is None and self.due_date is not None and self.due_date < self.today

    @property
    def minute(self) -> str:
        """Where it was agreed: "15 Sep 2026, item 5: Youth service contract renewal"."""
        where = f"{self.meeting_date.day} {self.meeting_date:%b %Y}"
        if self.item_position is None:
            return where
        return f"{where}, item {self.item_position}: {self.item_title}"

    @property
    def state_words(self) -> str:
        if self.done_on is not None:
            day = f"{self.done_on.day} {self.done_on:%b %Y}"
            return (f"Done at the meeting of {day}" if self.closed_at_meeting_id is not None
                    else f"Done {day}")
        if self.due_date is None:
            return "Open, no due date"
        days = (self.due_date - self.today).days
        if days < 0:
            return f"Overdue by {-days} day" + ("" if days == -1 else "s")
        if days == 0:
            return "Due today"
        return f"Due in {days} day" + ("" if days == 1 else "s")


def _rows(session: Session, today: date, *where) -> list[ActionRow]:
    """Actions with the minute each came from and the meeting each was closed at;
    struck-out actions never (DOMAIN.md §9 "Mistaken entries")."""
    query = (select(Action, Meeting, Body, AgendaItem)
             .join(Meeting, Meeting.id == Action.meeting_id)
             .join(Body, Body.id == Meeting.body_id)
             .join(AgendaItem, AgendaItem.id == Action.item_id, isouter=True)
             .where(standing(Action), *where))
    found = session.exec(query).all()
    done_days = {a.done_on for a, _m, _b, _i in found if a.done_on is not None}
    held = {(m.body_id, m.date): m.id for m in session.exec(select(Meeting).where(
        Meeting.date.in_(done_days), Meeting.status != MeetingStatus.CANCELLED))}
    return [ActionRow(a.id, b.id, b.short_name or b.name, m.id, m.date, a.item_id,
                      i.position if i else None, i.title if i else "",
                      a.description, a.owner, a.due_date, a.done_on, today,
                      held.get((b.id, a.done_on)) if a.done_on else None,
                      bool(i and i.exempt))
            for a, m, b, i in found]


def _order(r: ActionRow):
    if r.done_on is not None:
        return (3, -r.done_on.toordinal(), r.action_id)
    if r.overdue:
        return (0, r.due_date.toordinal(), r.action_id)
    if r.due_date is not None:
        return (1, r.due_date.toordinal(), r.action_id)
    return (2, r.meeting_date.toordinal(), r.action_id)


def actions_log(engine: Engine, body_id: int | None = None, include_done: bool = False,
                today: date | None = None) -> list[ActionRow]:
    """Open actions (and done ones on request): overdue first, the longest overdue at the
    top; then by due date, those without one after; done ones last, latest done first."""
    where = []
    if body_id is not None:
        where.append(Meeting.body_id == body_id)
    if not include_done:
        where.append(Action.done_on.is_(None))
    with Session(engine) as session:
        return sorted(_rows(session, today or date.today(), *where), key=_order)


def meeting_actions(engine: Engine, meeting_id: int,
                    today: date | None = None) -> list[ActionRow]:
    """The actions agreed at a meeting, in the order they were recorded."""
    with Session(engine) as session:
        rows = _rows(session, today or date.today(), Action.meeting_id == meeting_id)
    return sorted(rows, key=lambda r: r.action_id)


def arising_at(session: Session, meeting: Meeting, today: date) -> list[ActionRow]:
    """The body's actions from earlier meetings still open when `meeting` met (or closed
    at it), in the order `actions_log` gives (DOMAIN.md §9 "Actions")."""
    rows = _rows(session, today, Meeting.body_id == meeting.body_id,
                 Meeting.date < meeting.date,
                 (Action.done_on.is_(None)) | (Action.done_on >= meeting.date))
    return sorted(rows, key=_order)


def matters_arising(engine: Engine, meeting_id: int,
                    today: date | None = None) -> list[ActionRow]:
    """The matters arising at a meeting: see `arising_at`."""
    with Session(engine) as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound("That meeting is no longer in the record: choose another.")
        return arising_at(session, meeting, today or date.today())


def set_done(engine: Engine, action_id: int, on: date | None,
             today: date | None = None) -> None:
    """Mark an action done on a day, or (with None) not done after all.

    Raises:
        ClerkError: the day is in the future or before the meeting that set the action.
    """
    today = today or date.today()
    with unit_of_work(engine) as session:
        action = session.get(Action, action_id)
        if action is None:
            raise NotFound("That action is not in the record.")
        meeting = session.get(Meeting, action.meeting_id)
        if on is not None:
            if on > today:
                raise ClerkError(f"{long_date(on)} has not come yet: mark the action done on "
                                 "the day it was done.")
            if on < meeting.date:
                raise ClerkError(f"{long_date(on)} is before the meeting that set the action "
                                 f"({long_date(meeting.date)}).")
        old = action.done_on
        action.done_on = on
        session.add(action)
        audit(session, meeting, "action.done" if on else "action.reopen",
              action_id=action_id, on=on, previous=old)


def _check_due(due: date | None, meeting: Meeting) -> None:
    if due is not None and due < meeting.date:
        raise ClerkError(f"The due date, {long_date(due)}, is before the meeting "
                         f"({long_date(meeting.date)}): give a date on or after it.")


def add_action(engine: Engine, meeting_id: int, description: str, owner: str = "",
               due: date | None = None, item_id: int | None = None) -> int:
    """An action agreed at a meeting, with its owner and due date; returns its id.

    Raises:
        ClerkError: an empty description; a due date before the meeting; an item of
            another meeting; the meeting's record locked.
    """
    check_name(description, "action", TextKind.TEXT)
    if owner:
        check_name(owner, "owner")
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        _check_due(due, meeting)
        if item_id is not None:
            item = session.get(AgendaItem, item_id)
            if item is None or item.meeting_id != meeting_id:
                raise NotFound("That item is not on this meeting's agenda.")
        action = Action(meeting_id=meeting_id, item_id=item_id, description=description,
                        owner=owner, due_date=due)
        session.add(action)
        session.flush()
        audit(session, meeting, "action.add", action_id=action.id, description=description,
              owner=owner, due=due, item_id=item_id)
        return action.id


def agree_action(engine: Engine, item_id: int, description: str, owner: str,
                 due: date | None) -> int:
    """An action agreed under an item at the table: description, owner (a person or an
    agency) and due date are all required (DOMAIN.md §9 "Actions"); returns its id."""
    check_name(description, "action", TextKind.TEXT)
    if not owner or not owner.strip():
        raise ClerkError("Nobody owns the action: choose a person or an agency, or type "
                         "a name, before saving.")
    check_name(owner, "owner")
    if due is None:
        raise ClerkError("The action has no due date: type the date it is due by.")
    with Session(engine) as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            raise NotFound("That item is not in the record.")
        meeting_id = item.meeting_id
    return add_action(engine, meeting_id, description, owner, due, item_id)


def close_at_meeting(engine: Engine, action_id: int, meeting_id: int,
                     today: date | None = None) -> None:
    """Mark an earlier meeting's action done at this meeting (a matter arising): done on
    this meeting's day, audited at both meetings.

    Raises:
        ClerkError: the action is this meeting's own or another body's; it is already
            done; this meeting has not come yet; this meeting's record is locked.
    """
    today = today or date.today()
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        action = session.get(Action, action_id)
        if action is None or action.struck_out_at is not None:
            raise NotFound("That action is not in the record.")
        agreed = session.get(Meeting, action.meeting_id)
        if agreed.body_id != meeting.body_id or agreed.date >= meeting.date:
            raise ClerkError("Only an action agreed at an earlier meeting of this body is "
                             "closed as a matter arising.")
        if action.done_on is not None:
            raise ClerkError(f"That action was already marked done on "
                             f"{long_date(action.done_on)}.")
        if meeting.date > today:
            raise ClerkError(f"This meeting is on {long_date(meeting.date)}, which has not "
                             "come yet: mark the action done on the day.")
        action.done_on = meeting.date
        session.add(action)
        audit(session, agreed, "action.done", action_id=action_id, on=meeting.date,
              previous=None, at_meeting_id=meeting_id, description=action.description)
        audit(session, meeting, "action.done", action_id=action_id, on=meeting.date,
              previous_meeting_id=agreed.id, description=action.description)

"""The actions log across meetings: what was agreed to be done, by whom, by when.

Actions are set in the minutes (DOMAIN.md §6: "an action list (action, owner, due
date)") and chased between meetings. Marking one done is allowed after the minutes are
approved: approval locks what the minutes say happened at the meeting; whether the
action has since been done is a later fact. Both marking and unmarking are audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import Action, AgendaItem, Body, Meeting, standing
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
            return f"Done {self.done_on.day} {self.done_on:%b %Y}"
        if self.due_date is None:
            return "Open, no due date"
        days = (self.due_date - self.today).days
        if days < 0:
            return f"Overdue by {-days} day" + ("" if days == -1 else "s")
        if days == 0:
            return "Due today"
        return f"Due in {days} day" + ("" if days == 1 else "s")


def actions_log(engine: Engine, body_id: int | None = None, include_done: bool = False,
                today: date | None = None) -> list[ActionRow]:
    """Open actions (and done ones on request): overdue first, the longest overdue at the
    top; then by due date, those without one after; done ones last, latest done first."""
    today = today or date.today()
    with Session(engine) as session:
        query = (select(Action, Meeting, Body, AgendaItem)
                 .join(Meeting, Meeting.id == Action.meeting_id)
                 .join(Body, Body.id == Meeting.body_id)
                 .join(AgendaItem, AgendaItem.id == Action.item_id, isouter=True)
                 .where(standing(Action)))
        if body_id is not None:
            query = query.where(Meeting.body_id == body_id)
        if not include_done:
            query = query.where(Action.done_on.is_(None))
        found = session.exec(query).all()
    rows = [ActionRow(a.id, b.id, b.short_name or b.name, m.id, m.date, a.item_id,
                      i.position if i else None, i.title if i else "",
                      a.description, a.owner, a.due_date, a.done_on, today)
            for a, m, b, i in found]

    def order(r: ActionRow):
        if r.done_on is not None:
            return (3, -r.done_on.toordinal(), r.action_id)
        if r.overdue:
            return (0, r.due_date.toordinal(), r.action_id)
        if r.due_date is not None:
            return (1, r.due_date.toordinal(), r.action_id)
        return (2, r.meeting_date.toordinal(), r.action_id)

    return sorted(rows, key=order)


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


def add_action(engine: Engine, meeting_id: int, description: str, owner: str = "",
               due: date | None = None, item_id: int | None = None) -> int:
    """An action agreed at a meeting, with its owner and due date; returns its id."""
    check_name(description, "action")
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        action = Action(meeting_id=meeting_id, item_id=item_id, description=description,
                        owner=owner, due_date=due)
        session.add(action)
        session.flush()
        audit(session, meeting, "action.add", action_id=action.id, description=description)
        return action.id

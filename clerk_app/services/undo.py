"""Undo and redo of the recording actions taken at the table, with no change to the schema.

Scope: one stack per meeting, holding the recording actions taken through it in this run
of the application. The stack lives in memory: closing the application forgets what
could be undone, never the record. Typing notes is not a recording action (the notes
editor has its own undo) and is never undone here.

How it works. `UndoStack.record` reads the meeting's rows just before and just after an
action (the meeting, its items, register, attendance and quorum events, declarations,
decisions, votes and positions, actions, and any person the action created). Undo first
checks that the meeting's rows are still exactly as the action left them: if anything
else changed them since, undoing would lose that change, so it is refused. Then, in one
transaction, it removes the rows the action created (an arrival, a declaration and its
automatic withdrawal, a decision with its vote and positions, a walk-in and their
register line, the quorum events the action caused), puts back any row it removed and
the fields it changed (apologies, the public count, an item's start, the meeting's
status), and appends an "undo" entry to the audit trail listing what was removed and
restored: the audit trail itself stays append-only.

Redo calls the same service again with the same arguments (times included), so the
rules check it afresh. Recording a new action empties the redo list, as in any editor.
If a redone action's rows come back under new numbers, later redos (which may refer to
the old numbers) are dropped rather than risk applying to the wrong rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import (
    Action,
    AgendaItem,
    AttendanceEvent,
    AuditEntry,
    Decision,
    Declaration,
    Meeting,
    Person,
    QuorumEvent,
    RegisterEntry,
    Vote,
    VotePosition,
)
from clerk_app.services.errors import ClerkError
from clerk_app.services.recording import audit, writable_meeting

T = TypeVar("T")
Key = tuple[str, int]  # (table, id)
Rows = dict[Key, dict[str, Any]]

# Children before parents: the order rows are removed in (and put back in reverse).
TABLES: tuple[type[SQLModel], ...] = (
    VotePosition, Vote, Decision, Declaration, QuorumEvent, AttendanceEvent, Action,
    RegisterEntry, AgendaItem, Person,
)
_BY_NAME = {table.__name__: table for table in (*TABLES, Meeting)}

# Saved as the clerk types, outside the stack: never part of an action, never undone.
UNTRACKED = {"AgendaItem": frozenset({"notes"})}


def _plain(table: str, row: SQLModel) -> dict[str, Any]:
    values = row.model_dump()
    for name in UNTRACKED.get(table, ()):
        values.pop(name, None)
    return values


def _meeting_rows(session: Session, meeting_id: int) -> Rows:
    """Every row belonging to the meeting's record, by (table, id). Read as plain rows,
    not ORM objects: by the end of a long meeting there are thousands."""
    rows: Rows = {}

    def add(table: type[SQLModel], where) -> list[int]:
        name = table.__name__
        skip = UNTRACKED.get(name, frozenset())
        ids = []
        for found in session.execute(sa.select(table.__table__).where(where)).mappings():
            rows[(name, found["id"])] = {k: v for k, v in found.items() if k not in skip}
            ids.append(found["id"])
        return ids

    add(Meeting, Meeting.id == meeting_id)
    items = add(AgendaItem, AgendaItem.meeting_id == meeting_id)
    for table in (RegisterEntry, AttendanceEvent, QuorumEvent, Declaration, Action):
        add(table, table.meeting_id == meeting_id)
    decisions = add(Decision, Decision.item_id.in_(items))
    votes = add(Vote, Vote.decision_id.in_(decisions))
    add(VotePosition, VotePosition.vote_id.in_(votes))
    return rows


def _latest_change(session: Session, meeting_id: int) -> int:
    """Every change to a meeting's record writes its audit trail: the newest entry's
    number tells whether anything changed since a snapshot."""
    return session.exec(select(func.max(AuditEntry.id))
                        .where(AuditEntry.meeting_id == meeting_id)).one() or 0


def _last_person_id(session: Session) -> int:
    return session.exec(select(func.max(Person.id))).one() or 0


@dataclass
class _Step:
    """One recorded action: how to do it again, and what it did to the record."""

    label: str
    action: Callable[[], Any]
    created: Rows = field(default_factory=dict)
    removed: Rows = field(default_factory=dict)
    changed: dict[Key, dict[str, tuple[Any, Any]]] = field(default_factory=dict)
    after: Rows = field(default_factory=dict)


class UndoStack:
    """The undoable recording actions of one meeting, in this run of the application."""

    def __init__(self, engine: Engine, meeting_id: int) -> None:
        self._engine = engine
        self.meeting_id = meeting_id
        self._done: list[_Step] = []
        self._undone: list[_Step] = []
        # The meeting's rows as the last action left them, with the audit entry they
        # were read at: the next action's "before", unless the record changed since.
        self._snapshot: tuple[int, Rows] | None = None

    @property
    def undo_label(self) -> str | None:
        """What Undo would undo, in the clerk's words, or None."""
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def record(self, label: str, action: Callable[[], T]) -> T:
        """Run a recording action and remember it; a refused action is not remembered.

        Args:
            label: what the action did, as the status line says it ("Helen Marsh arrived").
            action: the service call, with every argument (times included) bound, so
                that redo repeats exactly the same action.
        """
        result, step = self._run(label, action)
        self._done.append(step)
        self._undone.clear()
        return result

    def _run(self, label: str, action: Callable[[], T]) -> tuple[T, _Step]:
        with Session(self._engine) as session:
            latest = _latest_change(session, self.meeting_id)
            if self._snapshot and self._snapshot[0] == latest:
                before = self._snapshot[1]
            else:
                before = _meeting_rows(session, self.meeting_id)
            last_person = _last_person_id(session)
        self._snapshot = None
        result = action()
        with Session(self._engine) as session:
            after = _meeting_rows(session, self.meeting_id)
            latest = _latest_change(session, self.meeting_id)
            new_people = session.exec(select(Person).where(Person.id > last_person)).all()
        step = _Step(label, action, after=after)
        for key, values in after.items():
            old = before.get(key)
            if old is None:
                step.created[key] = values
            elif old != values:
                step.changed[key] = {name: (old[name], value) for name, value in values.items()
                                     if old.get(name) != value}
            else:
                # An unchanged row is shared with the step before: a whole meeting's steps
                # then hold one copy of each row, not one per action.
                after[key] = old
        step.removed = {key: values for key, values in before.items() if key not in after}
        self._snapshot = (latest, dict(after))
        for person in new_people:  # a walk-in: the person goes with an undo too
            key = ("Person", person.id)
            after[key] = step.created[key] = _plain("Person", person)
        return result, step

    def undo(self) -> str:
        """Undo the latest action; returns its label. Refused (ClerkError) if the record
        has changed since in a way the stack does not know about."""
        if not self._done:
            raise ClerkError("There is nothing to undo.")
        step = self._done[-1]
        with unit_of_work(self._engine) as session:
            meeting = writable_meeting(session, self.meeting_id)
            now = _meeting_rows(session, self.meeting_id)
            now.update({key: _plain("Person", row) for key in step.created
                        if key[0] == "Person" and (row := session.get(Person, key[1]))})
            expected = {key: values for key, values in step.after.items()
                        if key[0] != "Person" or key in step.created}
            if now != expected:
                raise ClerkError(
                    f"“{step.label}” cannot be undone: the meeting's record has changed "
                    "since (perhaps in another window). Correct it by hand instead."
                )
            for table in TABLES:
                for (name, row_id) in step.created:
                    if name == table.__name__:
                        session.delete(session.get(table, row_id))
                session.flush()
            for table in reversed(TABLES):
                for (name, _row_id), values in step.removed.items():
                    if name == table.__name__:
                        session.add(table(**values))
                session.flush()
            for (name, row_id), fields in step.changed.items():
                row = session.get(_BY_NAME[name], row_id)
                for field_name, (old, _new) in fields.items():
                    setattr(row, field_name, old)
                session.add(row)
            audit(session, meeting, "undo", undone=step.label,
                  removed=[{"table": name, **values}
                           for (name, _id), values in step.created.items()],
                  restored=[{"table": name, "id": row_id, "field": f, "from": new, "to": old}
                            for (name, row_id), fields in step.changed.items()
                            for f, (old, new) in fields.items()]
                  + [{"table": name, **values} for (name, _id), values in step.removed.items()])
        self._undone.append(self._done.pop())
        return step.label

    def redo(self) -> str:
        """Do the latest undone action again, through the same service; returns its label."""
        if not self._undone:
            raise ClerkError("There is nothing to redo.")
        old = self._undone[-1]
        _result, step = self._run(old.label, old.action)
        self._undone.pop()
        if set(step.created) != set(old.created):
            self._undone.clear()  # later redos may name the old rows
        self._done.append(step)
        return step.label

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()

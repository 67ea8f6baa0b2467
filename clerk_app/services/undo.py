"""Undo and redo of the recording actions taken at the table, with no change to the schema.

Scope: one stack per meeting, holding the recording actions taken through it in this run
of the application. The stack lives in memory: closing the application forgets what
could be undone, never the record. Typing notes is not a recording action (the notes
editor has its own undo) and is never undone here.

How it works. While an action runs, the stack listens to the ORM's flushes and notes
each row the action creates, changes (field by field, old and new value) or removes in
the meeting's tables (the meeting, its items, register, attendance and quorum events,
declarations, decisions, votes and positions, actions, and any person it creates): the
cost is the action's own rows, however long the meeting. Undo first checks that nothing
else changed the meeting since (its audit trail, which every change writes, has no
entry after the stack's last one, notes aside) and that the action's rows still hold
what it wrote: otherwise undoing would lose that change, so it is refused. Then, in one
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
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import event, func, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session as OrmSession
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
NOTES_AUDIT = "item.notes"
# A field set without its old value having been read: such a change cannot be undone.
UNKNOWN = object()


def _plain(table: str, row: SQLModel) -> dict[str, Any]:
    # A row built with a plain string compares equal to the enum member it is read back as.
    values = row.model_dump(warnings=False)
    for name in UNTRACKED.get(table, ()):
        values.pop(name, None)
    return values


def _latest_change(session: Session, meeting_id: int) -> int:
    """Every change to a meeting's record writes its audit trail (notes aside, which the
    stack leaves alone): the newest entry's number tells whether anything changed."""
    return session.exec(select(func.max(AuditEntry.id)).where(
        AuditEntry.meeting_id == meeting_id, AuditEntry.action != NOTES_AUDIT)).one() or 0


@dataclass
class _Step:
    """One recorded action: how to do it again, and what it did to the record."""

    label: str
    action: Callable[[], Any]
    created: Rows = field(default_factory=dict)
    removed: Rows = field(default_factory=dict)
    changed: dict[Key, dict[str, tuple[Any, Any]]] = field(default_factory=dict)


# The step being recorded, if any: set only while an action runs through a stack.
_recording: ContextVar[_Step | None] = ContextVar("undo_recording", default=None)


@event.listens_for(OrmSession, "after_flush")
def _note_flush(session: OrmSession, _context) -> None:
    """What a flush wrote, for the step being recorded (the pre-flush state and each
    attribute's history are still there in after_flush)."""
    step = _recording.get()
    if step is None:
        return
    for row in session.new:
        name = type(row).__name__
        if name in _BY_NAME:
            step.created[(name, row.id)] = _plain(name, row)
    for row in session.dirty:
        name = type(row).__name__
        if name not in _BY_NAME:
            continue
        key = (name, row.id)
        if key in step.created:  # created earlier in the same action: keep its latest
            step.created[key] = _plain(name, row)
            continue
        fields = step.changed.setdefault(key, {})
        for attribute in inspect(row).attrs:
            history = attribute.history
            if attribute.key in UNTRACKED.get(name, ()) or not history.has_changes():
                continue
            old = fields[attribute.key][0] if attribute.key in fields else (
                history.deleted[0] if history.deleted else UNKNOWN)
            fields[attribute.key] = (old, attribute.value)
        if not fields:
            del step.changed[key]
    for row in session.deleted:
        name = type(row).__name__
        if name not in _BY_NAME:
            continue
        key = (name, row.id)
        if step.created.pop(key, None) is None:  # a row the action made and unmade is no news
            step.removed[key] = _plain(name, row)
        step.changed.pop(key, None)


class UndoStack:
    """The undoable recording actions of one meeting, in this run of the application."""

    def __init__(self, engine: Engine, meeting_id: int) -> None:
        self._engine = engine
        self.meeting_id = meeting_id
        self._done: list[_Step] = []
        self._undone: list[_Step] = []
        self._latest = 0  # the meeting's newest audit entry when the stack last acted

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
        step = _Step(label, action)
        token = _recording.set(step)
        try:
            result = action()
        finally:
            _recording.reset(token)
        # Changes that came back to where they started (set and set back) are no change.
        for key in [k for k, fields in step.changed.items()
                    if all(old == new for old, new in fields.values())]:
            del step.changed[key]
        self._note_latest()
        return result, step

    def _note_latest(self) -> None:
        with Session(self._engine) as session:
            self._latest = _latest_change(session, self.meeting_id)

    def _still_as_left(self, session: Session, step: _Step) -> bool:
        """Nothing else changed the meeting since the stack last acted, and the action's
        own rows still hold what it wrote."""
        if _latest_change(session, self.meeting_id) != self._latest:
            return False
        for (name, row_id), values in step.created.items():
            row = session.get(_BY_NAME[name], row_id)
            if row is None or _plain(name, row) != values:
                return False
        for (name, row_id), fields in step.changed.items():
            row = session.get(_BY_NAME[name], row_id)
            if row is None or any(getattr(row, f) != new for f, (_old, new) in fields.items()):
                return False
        return all(session.get(_BY_NAME[name], row_id) is None
                   for name, row_id in step.removed)

    def undo(self) -> str:
        """Undo the latest action; returns its label. Refused (ClerkError) if the record
        has changed since in a way the stack does not know about."""
        if not self._done:
            raise ClerkError("There is nothing to undo.")
        step = self._done[-1]
        with unit_of_work(self._engine) as session:
            meeting = writable_meeting(session, self.meeting_id)
            unknown = any(old is UNKNOWN for fields in step.changed.values()
                          for old, _new in fields.values())
            if unknown or not self._still_as_left(session, step):
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
        self._note_latest()
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

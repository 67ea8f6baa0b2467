"""The meeting at the table, kept in memory between register actions.

Reading a meeting's state from the record takes tens of milliseconds on a board with
years of history (the body, its seats and the people are read again each time); a key
press at the table must show its banner within a frame. So the table keeps what it last
read or wrote, and a register event (an arrival, a departure, a withdrawal, a return) is
applied to it in memory and evaluated by the rules, writing only the new rows.

What is kept is valid only while the record is as it was built from. Every change to
the record writes an audit entry (notes aside, which change no one's state), so the
newest entry's number is the record's state: it is checked inside the write transaction,
after the action's first write, when no one else can write to the meeting (on a file,
SQLite lets one transaction write at a time; on a team record, the action holds the
meeting's row, `recording.writable_meeting`). If anything else wrote (undo
and redo, another kind of action, another program on the same file), the meeting is read
again from the record, exactly as without the cache. What is kept is replaced only after
the transaction has committed: a state is never kept for a write that is not on disk.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import AttendanceEvent, AuditEntry, RegisterEntry, standing
from clerk_app.services.snapshot import entry_snap, event_snap
from clerk_app.services.state import MeetingRows, MeetingState, meeting_rows, meeting_state

NOTES_AUDIT = "item.notes"  # typing notes changes no one's state


def record_state(session: Session) -> int:
    """The newest audit entry's number, notes aside: it changes with every change to the
    record, whoever makes it (the newest first, so the index answers at once)."""
    return session.execute(
        sa.select(AuditEntry.id).where(AuditEntry.action != NOTES_AUDIT)
        .order_by(AuditEntry.id.desc()).limit(1)).scalar() or 0


@dataclass(frozen=True)
class Known:
    """A meeting as read or written, and the record's state it is valid for."""

    rows: MeetingRows
    state: MeetingState
    token: int

    def rows_with(self, session: Session, event: AttendanceEvent) -> MeetingRows:
        """The rows with a new event just written (flushed), and its person's register
        line as it now stands (an arrival clears apologies): read back as a fresh read
        would read them, so the state is the same as if read afresh."""
        snap = event_snap(session.execute(sa.select(AttendanceEvent.__table__).where(
            AttendanceEvent.id == event.id)).one())
        line = entry_snap(session.execute(sa.select(RegisterEntry.__table__).where(
            RegisterEntry.meeting_id == event.meeting_id,
            RegisterEntry.person_id == event.person_id,
            standing(RegisterEntry))).one())
        entries = tuple(line if e.id == line.id else e for e in self.rows.entries)
        events = tuple(sorted((*self.rows.events, snap), key=lambda e: (e.at, e.id)))
        return replace(self.rows, entries=entries, events=events)


class LiveMeeting:
    """One meeting's state as the table last read or wrote it.

    `read()` reads it from the record; the register services, given this object, check
    it (`current`) and hand back the state after their write (`keep`), which is kept once
    committed (`writing`).
    """

    def __init__(self, engine: Engine, meeting_id: int) -> None:
        self.engine = engine
        self.meeting_id = meeting_id
        self._known: Known | None = None
        self._pending: Known | None = None

    def read(self) -> MeetingState:
        """The meeting's state read from the record, kept for the next register event."""
        with Session(self.engine) as session:
            # The token first: a write between the two reads makes it stale, never wrong.
            token = record_state(session)
            rows = meeting_rows(session, self.meeting_id)
            state = meeting_state(session, self.meeting_id, rows=rows)
        self._known = Known(rows, state, token)
        return state

    @property
    def state(self) -> MeetingState | None:
        return self._known.state if self._known else None

    def current(self, session: Session) -> Known | None:
        """What is kept, if nothing has changed the record since: call inside the write
        transaction, after its first write and `writable_meeting` (the writer holds the
        file, or the meeting's row) and before its audit entry."""
        known = self._known
        if known is None or record_state(session) != known.token:
            return None
        return known

    def keep(self, session: Session, rows: MeetingRows, state: MeetingState) -> None:
        """The meeting after a write, to keep once the write has committed."""
        session.flush()
        self._pending = Known(rows, state, record_state(session))

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A unit of work that keeps the state it was handed (`keep`) only once committed.
        A refused or failed write rolled back, so what was kept before still stands (and
        is checked against the record at the next write all the same)."""
        self._pending = None
        try:
            with unit_of_work(self.engine) as session:
                yield session
        except BaseException:
            self._pending = None
            raise
        self._known, self._pending = self._pending, None


def writing(engine: Engine, live: LiveMeeting | None) -> AbstractContextManager[Session]:
    """The unit of work of a register action: the live meeting's, if the table has one."""
    return live.writing() if live is not None else unit_of_work(engine)

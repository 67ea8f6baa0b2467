"""One writer per meeting of a team record: the lock the table holds on the meeting it
shows.

On a team record (PostgreSQL) several clerks record at once, each a different meeting.
The table holds a session-level advisory lock for its meeting
(https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS) on a
connection of its own, outside the pool: a pooled connection would carry the lock back
into the pool and lend it to whatever ran next. The server drops a session's locks when
the session ends, so a copy of clerk-app that crashes or is killed leaves no meeting
locked; a laptop that vanishes from the network is noticed by the server's keepalives
within a minute or two (set on that session).

A second clerk asking for a held meeting is refused (`MeetingInUse`), told who holds it:
their computer and since when, carried in the holding session's `application_name`,
which every user of the server may read in pg_stat_activity.

A record file needs none of this: its writer lock (db/lock.py) already makes one writer
for all its meetings, so there the lock is granted at once, at no cost.
"""

from __future__ import annotations

import contextlib
import socket
import weakref
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from clerk_app.db.engine import is_server
from clerk_app.db.errors import MeetingInUse

# The first key of every meeting's advisory lock ("CLKM"), the meeting's id the second:
# other programs on the same database use other first keys.
MEETINGS = 0x434C4B4D
# Seconds: the server probes a silent laptop after a minute, three times, 10 s apart.
KEEPALIVES = {"tcp_keepalives_idle": "60", "tcp_keepalives_interval": "10",
              "tcp_keepalives_count": "3"}

_SETTINGS = text(
    "SELECT set_config('application_name', :name, false), "
    + ", ".join(f"set_config('{name}', '{value}', false)" for name, value in KEEPALIVES.items()))
_TRY = text("SELECT pg_try_advisory_lock(CAST(:space AS integer), CAST(:meeting AS integer))")
_UNLOCK = text("SELECT pg_advisory_unlock(CAST(:space AS integer), CAST(:meeting AS integer))")
# The two-key form of an advisory lock shows its keys as classid and objid, objsubid 2.
_HOLDER = text(
    "SELECT a.application_name, a.usename FROM pg_locks l "
    "JOIN pg_stat_activity a ON a.pid = l.pid "
    "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 "
    "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
    "AND CAST(l.classid AS bigint) = :space AND CAST(l.objid AS bigint) = :meeting")

# The meetings each engine's copy of clerk-app holds: meeting id -> [session, holders].
_held: weakref.WeakKeyDictionary[Engine, dict[int, list]] = weakref.WeakKeyDictionary()


class MeetingLock:
    """The right to record one meeting, held from `acquire` until `release`, until the
    record is closed (`release_all`) or until the process ends.

    Asking again in the same copy of clerk-app (the same engine) shares the lock already
    held; it is let go with its last holder.
    """

    def __init__(self, engine: Engine, meeting_id: int) -> None:
        self.engine = engine
        self.meeting_id = meeting_id
        self._holding = False

    @property
    def held(self) -> bool:
        if not self._holding or not is_server(self.engine):
            return self._holding
        return self.meeting_id in _held.get(self.engine, {})

    def acquire(self) -> MeetingLock:
        """Take the meeting, or raise `MeetingInUse` saying who records it.

        Raises:
            MeetingInUse: another copy of clerk-app holds the meeting.
            StorageError: the server cannot be reached (in the clerk's words).
        """
        if self.held:
            return self
        if is_server(self.engine):
            holds = _held.setdefault(self.engine, {})
            if self.meeting_id not in holds:
                holds[self.meeting_id] = [_lock(self.engine, self.meeting_id), 0]
            holds[self.meeting_id][1] += 1
        self._holding = True
        return self

    def release(self) -> None:
        if not self.held:
            self._holding = False
            return
        self._holding = False
        if not is_server(self.engine):
            return
        holds = _held[self.engine]
        entry = holds[self.meeting_id]
        entry[1] -= 1
        if entry[1] == 0:
            del holds[self.meeting_id]
            _end(entry[0], self.meeting_id)

    def __enter__(self) -> MeetingLock:
        return self.acquire()

    def __exit__(self, *_exc) -> None:
        self.release()


def release_all(engine: Engine) -> None:
    """Let go of every meeting this copy holds on a record, as the record closes."""
    for meeting_id, (session, _holders) in _held.pop(engine, {}).items():
        _end(session, meeting_id)


def _end(session: Connection, meeting_id: int) -> None:
    """Unlock, then end the session. Unlocked first so that the meeting is free when
    this returns: a closed connection's lock is dropped only once the server notices."""
    with contextlib.suppress(Exception):  # a session already gone holds nothing
        session.execute(_UNLOCK, {"space": MEETINGS, "meeting": meeting_id})
    session.close()


def _lock(engine: Engine, meeting_id: int) -> Connection:
    """A session of its own holding the meeting's lock; MeetingInUse if another holds it."""
    session = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        session.detach()  # closing it ends the session, never returns it to the pool
        session.execute(_SETTINGS, {"name": _who()})
        keys = {"space": MEETINGS, "meeting": meeting_id}
        if session.execute(_TRY, keys).scalar():
            return session
        holder = session.execute(_HOLDER, keys).first()
    except BaseException:
        session.close()
        raise
    session.close()
    raise MeetingInUse(in_use_message(*(holder or ("", ""))))


def _who() -> str:
    """This copy as others are told of it: `clerk-app SINCE HOST`, within the 63
    characters of an application_name (printable ASCII only, so the host comes last)."""
    since = datetime.now().astimezone().isoformat(timespec="minutes")
    host = socket.gethostname().encode("ascii", "replace").decode("ascii")
    return f"clerk-app {since} {host}"[:63]


def in_use_message(application_name: str | None, user: str | None) -> str:
    """What the second clerk is told, in the words used for a record file in use."""
    _app, _, rest = (application_name or "").partition(" ")
    since, _, host = rest.partition(" ")
    who = []
    if host:
        try:
            when = datetime.fromisoformat(since).astimezone()
            who.append(f"on the computer {host} since {when:%H:%M on %d %B %Y}")
        except ValueError:
            who.append(f"on the computer {host}")
    if user:
        who.append(f"signed in as {user}")
    said = f" ({', '.join(who)})" if who else ""
    return (f"This meeting is already open for recording by another clerk{said}. Only one "
            "clerk can record a meeting at a time, so that no action is lost or recorded "
            "twice: here it can be read, not recorded in. Ask them to show another meeting "
            "or to close clerk-app, then try again; the other meetings can be recorded as "
            "usual.")

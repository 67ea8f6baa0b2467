"""Who records a meeting: on a team record, one clerk at a time, at the table.

The table takes the meeting it shows (`take_meeting`) and lets it go when it shows
another, or when the record closes; a clerk whose table cannot take it is told who
records it and sees the meeting read-only, while the other meetings stay theirs to
record. On a record file the file's writer lock already makes one writer, and the
meeting is granted at once. The lock itself is db/meeting_lock.py; within each action,
two writers to one meeting take turns on the meeting's row (`recording.writable_meeting`).
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from clerk_app.db.engine import is_read_only
from clerk_app.db.meeting_lock import MeetingLock


def take_meeting(engine: Engine, meeting_id: int) -> MeetingLock:
    """The right to record `meeting_id` from this copy of clerk-app, held until the
    lock's `release()`. A record opened read-only takes nothing: it records nothing, and
    must not keep a clerk who would from recording.

    Raises:
        MeetingInUse: another clerk records the meeting; the message says who, since when.
        StorageError: the team record's server cannot be reached.
    """
    lock = MeetingLock(engine, meeting_id)
    return lock if is_read_only(engine) else lock.acquire()

"""What every recording action shares: the lock on approved minutes, the audit trail,
times on the meeting's day, and the quorum lost/regained events.

Each public service function opens one unit of work, calls `writable_meeting`, makes
its change, then `finish` — so an action is committed whole or not at all.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlmodel import Session, select

from clerk_app import clock
from clerk_app.db.engine import is_server
from clerk_app.db.tables import AttendanceEvent, Meeting, OfflineCopy, QuorumEvent
from clerk_app.rules.times import MeetingTimes, check_time, dated_another_day
from clerk_app.rules.vocabulary import MeetingStatus, MinutesStatus, QuorumEventKind
from clerk_app.services.audit import audit  # noqa: F401 (recording actions import it here)
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.live import LiveMeeting
from clerk_app.services.state import MeetingRows, MeetingState, meeting_rows, meeting_state

# FOR NO KEY UPDATE: two writers to one meeting take turns, while rows that only refer
# to it (another meeting's actions carried forward) are written without waiting.
TURN = {"key_share": True}


def writable_meeting(session: Session, meeting_id: int) -> Meeting:
    """The meeting, if its record may still change.

    On a team record its row stays locked until the action commits: two actions on one
    meeting take turns, so the second sees the first's writes (under READ COMMITTED each
    statement reads what has committed), and the table's meeting in memory is checked
    after the turn (services/live.py). SQLite lets one transaction write at a time
    already, so there the meeting is read as before (from the session, if it has it).
    """
    if is_server(session.get_bind()):
        meeting = session.get(Meeting, meeting_id, with_for_update=TURN,
                              populate_existing=True)
    else:
        meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting is no longer in the record: choose another.")
    if meeting.minutes_status == MinutesStatus.APPROVED:
        raise ClerkError(
            "The minutes of this meeting have been approved, so its record is locked. "
            "Record a correction at the next meeting instead."
        )
    if meeting.status == MeetingStatus.CANCELLED:
        raise ClerkError("This meeting was cancelled: nothing can be recorded in it.")
    mark = offline_mark(session, meeting_id)
    if mark is not None:
        raise ClerkError(
            f"This meeting was taken offline by {mark.taken_by}, to be recorded on that "
            "laptop: the team record's copy is read-only until it is brought back "
            "(Meeting › Bring back…), or until the clerk clears the mark (Meeting › Clear "
            "offline mark…).")
    return meeting


def offline_words(taken_by: str, taken_at: datetime) -> str:
    """A meeting taken offline, as the window says it."""
    at = clock.local(taken_at)
    return (f"Taken offline by {taken_by} on {at:%A} {at.day} {at:%B %Y} at {clock.hhmm(at)}: "
            "read-only here until it is brought back.")


def offline_mark(session: Session, meeting_id: int) -> OfflineCopy | None:
    """The meeting's mark if it is offline now: taken from a team record to a laptop,
    neither brought back nor cleared (services/offline.py). A meeting may go offline more
    than once; its latest mark is the one that counts."""
    mark = session.exec(select(OfflineCopy).where(OfflineCopy.meeting_id == meeting_id)
                        .order_by(OfflineCopy.id.desc())).first()
    if mark is None or mark.brought_back_at is not None or mark.cleared_at is not None:
        return None
    return mark


def moment(meeting: Meeting, at: datetime | None, what: str = "That time",
           arrival: bool = False) -> datetime:
    """The time of an action: now by default, else as typed; either way a time that can
    be (rules.times: on the meeting's day, from its opening to its close or now). An
    arrival typed before the opening is recorded at the opening."""
    now = clock.now()
    if at is None:
        if meeting.recorded_afterwards:
            raise ClerkError("This meeting is being entered afterwards: type the time "
                             "from the signing-in sheet.")
        problem = dated_another_day(meeting.date, clock.local(now).date())
        if problem:
            raise ClerkError(problem)
    when = now if at is None else at
    if when.tzinfo is None:
        when = when.astimezone()
    verdict = check_time(when, MeetingTimes(meeting.date, now, meeting.opened_at,
                                            meeting.closed_at), what, arrival)
    if verdict.problem:
        raise ClerkError(verdict.problem)
    return verdict.at


def writable_register(session: Session, meeting_id: int) -> Meeting:
    """The meeting, if its register may still take new entries: not after the close."""
    meeting = writable_meeting(session, meeting_id)
    if meeting.status == MeetingStatus.CLOSED:
        closed = f" at {clock.hhmm(meeting.closed_at)}" if meeting.closed_at else ""
        raise ClerkError(f"The meeting closed{closed}: nothing more can be recorded in the "
                         "register. Correct a time with Times… if one was wrong.")
    return meeting


def add_attendance_event(session: Session, meeting: Meeting, event: AttendanceEvent,
                         live: LiveMeeting | None = None) -> tuple[MeetingRows, MeetingState]:
    """Add an arrival, departure, withdrawal or return, and timestamp quorum lost or
    regained by it (DOMAIN.md §3): only while the meeting is in progress, as people
    arriving before the start is not news.

    Returns the meeting's rows and state after the event. With the table's live meeting,
    still current, the event is applied to it in memory instead of reading the meeting
    again (services/live.py).
    """
    session.add(event)
    session.flush()
    known = live.current(session) if live is not None else None
    if known is None:
        rows = meeting_rows(session, meeting.id)
    else:
        rows = known.rows_with(session, event)
    after = meeting_state(session, meeting.id, rows=rows)
    if meeting.status != MeetingStatus.IN_PROGRESS:
        return rows, after
    if known is not None:
        before = known.state.quorum.quorate
    else:  # quorum just before: the same rows without this event
        without = replace(rows, events=tuple(e for e in rows.events if e.id != event.id))
        before = meeting_state(session, meeting.id, rows=without).quorum.quorate
    if before != after.quorum.quorate:
        session.add(
            QuorumEvent(
                meeting_id=meeting.id,
                kind=QuorumEventKind.REGAINED if after.quorum.quorate else QuorumEventKind.LOST,
                at=event.at,
                item_id=after.item_id,
                summary=after.quorum.summary,
            )
        )
    return rows, after

"""Members attending by video link (DOMAIN.md §9 "Remote attendance").

Whether the body records remote attendance, and whether it then counts for quorum and
votes, is the body's setting (`SettingKey.REMOTE_ATTENDANCE`, read by
`services.constitution.body_rules`); the rules apply it (`rules.roster.Attendee`). This
module records it at the table, as one action like the register's others.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import Meeting, QuorumEvent
from clerk_app.rules.vocabulary import (
    AttendanceKind,
    MeetingStatus,
    QuorumEventKind,
    RemoteAttendance,
    SettingKey,
)
from clerk_app.services.constitution import body_rules
from clerk_app.services.errors import ClerkError
from clerk_app.services.recording import audit, moment, writable_meeting
from clerk_app.services.register import _entry, _name, _record_event
from clerk_app.services.state import MeetingState, meeting_state


def set_remote(engine: Engine, meeting_id: int, person_id: int, remote: bool = True,
               at: datetime | None = None) -> MeetingState:
    """Record that a person attends by video link, or is now in the room in person
    (DOMAIN.md §9 "Remote attendance"). Someone not in the meeting yet (or who had left)
    joins by video link now: their arrival is recorded with it.

    The register keeps one mark per person for the meeting, so a switch describes how
    they attended; quorum lost or regained by a switch during the meeting is timestamped
    then, as for an arrival (DOMAIN.md §3). Whether remote attendance counts for quorum
    and votes is the body's setting, which the rules read.

    Raises:
        ClerkError: the body does not record remote attendance (the message says where
            to change the setting), or the person is not attending remotely to switch
            back. Nothing is written.
    """
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        entry = _entry(session, meeting_id, person_id)
        name = _name(session, person_id)
        if remote and body_rules(session, meeting.body_id).remote is RemoteAttendance.NOT_RECORDED:
            raise ClerkError(
                f"This body does not record remote attendance, so {name} cannot be recorded "
                "as attending by video link. If the board allows it, change the setting "
                f"\"{SettingKey.REMOTE_ATTENDANCE.label}\" in the body's set-up "
                "(Constitution tab); otherwise record them as absent or sending apologies.")
        if not remote and not entry.remote:
            raise ClerkError(f"{name} is not recorded as attending remotely, so there is "
                             "nothing to switch back.")
        before = meeting_state(session, meeting_id)
        line = before.line(person_id)
        entry.remote = remote
        if remote and entry.apologies:
            entry.apologies = False  # they joined after all
        session.add(entry)
        session.flush()
        audit(session, meeting, "register.remote", person_id=person_id, remote=remote)
        if remote and not (line and line.arrived_at and line.left_at is None):
            return _record_event(session, meeting, person_id, AttendanceKind.ARRIVE, at)
        after = meeting_state(session, meeting_id)
        _quorum_changed(session, meeting, before, after, at)
        return after


def _quorum_changed(session: Session, meeting: Meeting, before: MeetingState,
                    after: MeetingState, at: datetime | None) -> None:
    """Quorum lost or regained by a switch while the meeting is in progress (§3)."""
    if meeting.status != MeetingStatus.IN_PROGRESS or \
            before.quorum.quorate == after.quorum.quorate:
        return
    session.add(QuorumEvent(
        meeting_id=meeting.id,
        kind=QuorumEventKind.REGAINED if after.quorum.quorate else QuorumEventKind.LOST,
        at=moment(meeting, at), item_id=after.item_id, summary=after.quorum.summary))

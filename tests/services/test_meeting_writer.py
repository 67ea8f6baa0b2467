"""One writer per meeting of a team record (issue 17, second step), on the real server
the tests start: a second clerk (a second engine, as another laptop) is refused a
meeting the first records, in the words used for a record file in use, and may record
another meeting meanwhile; the lock goes when the first lets go, closes the record or
is killed. Within each action, two writers to one meeting take turns on its row, so the
table's meeting in memory never misses the other's write; other meetings never wait.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from clerk_app.db.errors import MeetingInUse, RecordInUse
from clerk_app.db.migrate import open_database
from clerk_app.db.tables import AttendanceEvent
from clerk_app.rules.vocabulary import AttendanceKind, RegisterState
from clerk_app.services import meetings, register
from clerk_app.services.live import LiveMeeting
from clerk_app.services.meeting_writer import take_meeting
from clerk_app.services.opening import open_record
from clerk_app.services.recording import audit, writable_meeting
from tests.conftest import MEETING_DAY, Kent, at

ROOT = Path(__file__).resolve().parents[2]
NEXT_DAY = MEETING_DAY + timedelta(days=1)


@pytest.fixture
def team(postgres_url, clock_after_the_meetings):
    """A team record with the Kent board and two meetings, and two clerks' engines."""
    first, second = open_database(postgres_url), open_database(postgres_url)
    kent = Kent(first)
    kent.meetings = (kent.meeting(), kent.meeting(NEXT_DAY))
    kent.second = second
    yield kent
    first.dispose()
    second.dispose()


def present(state) -> set[int]:
    return {line.person_id for line in state.register if line.state is RegisterState.PRESENT}


def free_within(engine, meeting_id: int, seconds: float = 10.0) -> bool:
    """Whether the meeting can be taken within `seconds` (the server drops a dead
    session's locks once it notices the connection closed)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            take_meeting(engine, meeting_id).release()
            return True
        except MeetingInUse:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)


def test_a_second_clerk_is_refused_the_meeting_the_first_records_and_records_another(team):
    first_meeting, other_meeting = team.meetings
    held = take_meeting(team.engine, first_meeting)
    with pytest.raises(MeetingInUse) as refused:
        take_meeting(team.second, first_meeting)
    assert isinstance(refused.value, RecordInUse)  # told as a record file in use is
    words = refused.value.message
    assert "already open for recording by another clerk" in words
    assert f"on the computer {socket.gethostname()[:30]}" in words
    assert "signed in as clerk" in words and "Only one clerk can record a meeting" in words
    theirs = take_meeting(team.second, other_meeting)  # another meeting: theirs to record
    register.arrive(team.second, other_meeting, team.ids["chair"], at(10, 5, NEXT_DAY))
    assert present(register.state(team.engine, other_meeting)) == {team.ids["chair"]}
    held.release()
    take_meeting(team.second, first_meeting).release()  # let go: the second takes it
    theirs.release()


def test_the_same_copy_shares_its_hold_and_lets_go_with_the_last(team):
    meeting = team.meetings[0]
    one, two = take_meeting(team.engine, meeting), take_meeting(team.engine, meeting)
    one.release()
    with pytest.raises(MeetingInUse):
        take_meeting(team.second, meeting)
    two.release()
    assert free_within(team.second, meeting, 0)


def test_a_read_only_record_takes_no_meeting(team, postgres_url):
    reader = open_database(postgres_url, read_only=True)
    try:
        looking = take_meeting(reader, team.meetings[0])
        assert not looking.held
        take_meeting(team.engine, team.meetings[0]).release()  # the reader keeps nobody out
    finally:
        reader.dispose()


def test_closing_the_record_lets_go_of_its_meetings(team, postgres_url):
    record = open_record(postgres_url)
    take_meeting(record.engine, team.meetings[0])
    with pytest.raises(MeetingInUse):
        take_meeting(team.second, team.meetings[0])
    record.close()
    assert free_within(team.second, team.meetings[0], 0)


def test_a_killed_clerk_leaves_the_meeting_free(team, postgres_url):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from clerk_app.db.migrate import open_database\n"
         "from clerk_app.services.meeting_writer import take_meeting\n"
         "take_meeting(open_database(sys.argv[1]), int(sys.argv[2]))\n"
         "print('held', flush=True)\n"
         "time.sleep(120)\n",
         postgres_url, str(team.meetings[0])],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(MeetingInUse):
            take_meeting(team.second, team.meetings[0])
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate()
    assert free_within(team.second, team.meetings[0])


def test_on_a_file_the_file_lock_is_the_one_writer_and_the_meeting_is_granted(db_path):
    engine = open_database(db_path)
    try:
        kent = Kent(engine)
        lock = take_meeting(engine, kent.meeting())
        assert lock.held
        lock.release()
        assert not lock.held
    finally:
        engine.dispose()


# --- Within an action: turns on the meeting's row ------------------------------------------


def _event(session: Session, meeting_id: int, person_id: int, minute: int) -> None:
    """An arrival written as the register writes one (without the service's own unit of
    work, so that the test can hold its transaction open)."""
    meeting = writable_meeting(session, meeting_id)
    session.add(AttendanceEvent(meeting_id=meeting_id, person_id=person_id,
                                kind=AttendanceKind.ARRIVE, at=at(10, minute),
                                recorded_at=at(10, minute)))
    session.flush()
    audit(session, meeting, f"register.{AttendanceKind.ARRIVE}", person_id=person_id)


def test_two_writers_to_one_meeting_take_turns_and_the_meeting_in_memory_sees_both(team):
    """The other clerk's action holds the meeting's row, uncommitted, while this table
    records an arrival from its meeting in memory: the arrival waits for the turn, then
    sees the other's write and reads the meeting again, instead of keeping a state that
    lacks it (under READ COMMITTED the newest audit entry alone would not show it)."""
    meeting = team.meetings[0]
    meetings.open_meeting(team.engine, meeting, at(10, 0))
    live = LiveMeeting(team.engine, meeting)
    live.read()
    holding, committing = threading.Event(), threading.Event()

    def other_clerk() -> None:
        with Session(team.second) as session:
            _event(session, meeting, team.ids["police"], 1)
            holding.set()
            time.sleep(0.5)  # the table's arrival is made meanwhile, and must wait
            committing.set()
            session.commit()

    other = threading.Thread(target=other_clerk)
    other.start()
    assert holding.wait(10)
    after = register.arrive(team.engine, meeting, team.ids["chair"], at(10, 2), live=live)
    assert committing.is_set()  # it waited for the other's commit
    other.join()
    assert present(after) == {team.ids["police"], team.ids["chair"]}
    assert live.state == register.state(team.engine, meeting)


def test_an_action_on_another_meeting_does_not_wait(team):
    first_meeting, other_meeting = team.meetings
    finished = threading.Event()
    with Session(team.second) as holding:
        _event(holding, first_meeting, team.ids["police"], 1)  # held, uncommitted

        def elsewhere() -> None:
            register.arrive(team.engine, other_meeting, team.ids["chair"],
                            at(10, 5, NEXT_DAY))
            finished.set()

        other = threading.Thread(target=elsewhere)
        other.start()
        assert finished.wait(10)  # done while the first meeting's row is still held
        holding.commit()
    other.join()
    with Session(team.engine) as session:
        assert len(session.exec(select(AttendanceEvent)).all()) == 2  # both kept

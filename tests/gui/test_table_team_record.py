"""The table on a team record (issue 17, one writer per meeting), on the real server:
a meeting another clerk records is shown read-only, saying who records it and since
when, with nothing recordable by click or key; the clerk's other meetings stay theirs
to record; Try again (Alt+R) takes the meeting once the other has let it go; closing
the window lets go of the meeting it showed."""

from __future__ import annotations

import socket
from datetime import time

import pytest
from PySide6.QtCore import Qt
from sqlmodel import Session, select

from clerk_app.app import build_window
from clerk_app.db.errors import MeetingInUse
from clerk_app.db.migrate import open_database
from clerk_app.db.tables import AuditEntry
from clerk_app.rules.vocabulary import MeetingStatus
from clerk_app.services import meetings
from clerk_app.services.meeting_writer import take_meeting
from tests.conftest import MEETING_DAY, Kent
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)
from tests.gui.table_support import Clock, activate, open_table, select_person, state_of


@pytest.fixture
def team(postgres_url, monkeypatch):
    """Two clerks' engines on one team record: the Kent board, a morning meeting and an
    afternoon one on the day the laptop's clock is pinned to."""
    Clock(monkeypatch)
    first, second = open_database(postgres_url), open_database(postgres_url)
    kent = Kent(first)
    kent.meetings = (kent.meeting(), meetings.create_meeting(
        first, kent.body_id, MEETING_DAY, time(14, 0), "County Hall", ["Budget"]))
    kent.second = second
    kent.url = postgres_url
    yield kent
    first.dispose()
    second.dispose()


def try_again(qtbot, view) -> None:
    """Alt+R, as the clerk presses it (the button's click follows a moment later)."""
    with qtbot.waitSignal(view.retry_button.clicked):
        qtbot.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)


def audit_entries(engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(AuditEntry.id)).all())


def test_the_second_clerk_sees_the_meeting_read_only_and_records_another(qtbot, team):
    morning, afternoon = team.meetings
    first = open_table(qtbot, team.engine, morning)
    assert first.held_bar.isHidden() and first.register.isEnabled()
    second = open_table(qtbot, team.second, morning)
    assert not second.held_bar.isHidden()
    entries = audit_entries(team.engine)
    said = second.held.text()
    assert said.startswith("This meeting is already open for recording by another clerk "
                           f"(on the computer {socket.gethostname()[:30]}")
    for widget in (second.register, second.open_button, second.public,
                   second.agenda.add_item, second.undo_button):
        assert not widget.isEnabled()
    qtbot.mouseClick(second.open_button, Qt.MouseButton.LeftButton)  # disabled: nothing
    select_person(second, team.ids["chair"])
    qtbot.keyClick(second.register.table, Qt.Key.Key_P)  # disabled: no arrival
    qtbot.keyClick(second, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    summary = meetings.meeting_summary(team.engine, morning, with_items=False)
    assert summary.status == MeetingStatus.SCHEDULED
    assert audit_entries(team.engine) == entries  # nothing recorded

    second.show_meeting(afternoon)  # another meeting of the record: theirs to record
    assert second.held_bar.isHidden() and second.register.isEnabled()
    select_person(second, team.ids["chair"])
    qtbot.keyClick(second.register.table, Qt.Key.Key_P)
    assert state_of(second, "Helen Marsh") == "Present"
    assert second.status.text().startswith("Saved 09:45")


def test_try_again_takes_the_meeting_once_the_other_clerk_lets_go(qtbot, team):
    morning, afternoon = team.meetings
    first = open_table(qtbot, team.engine, morning)
    second = open_table(qtbot, team.second, morning)
    try_again(qtbot, second)
    assert not second.held_bar.isHidden()  # still held by the first
    first.show_meeting(afternoon)  # showing another meeting lets go of this one
    activate(qtbot, second)
    try_again(qtbot, second)
    assert second.held_bar.isHidden() and second.register.isEnabled()
    qtbot.mouseClick(second.open_button, Qt.MouseButton.LeftButton)
    summary = meetings.meeting_summary(team.engine, morning, with_items=False)
    assert summary.status == MeetingStatus.IN_PROGRESS
    first.let_go()
    take_meeting(team.second, afternoon).release()


def test_closing_the_window_lets_go_of_its_meeting(qtbot, team):
    morning = team.meetings[0]
    window = build_window(team.url)
    qtbot.addWidget(window)
    window.show()
    window.show_meeting(morning)
    with pytest.raises(MeetingInUse):
        take_meeting(team.second, morning)
    window.close()
    take_meeting(team.second, morning).release()

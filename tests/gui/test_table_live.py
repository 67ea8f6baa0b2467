"""A register key press at the table shows its banner within a frame: the meeting is kept
in memory (services/live.py), only the register's changed row, the banner and who
presides are shown again, and the agenda is neither read nor rebuilt. Kent LCSP (000):
five of seven quorum groups (000 §10.4)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clerk_app.db.migrate import open_database
from clerk_app.services import meetings, register
from tests.conftest import at
from tests.gui.table_support import Clock, open_table, select_person, state_of


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def table(qtbot, kent, clock):
    meeting = kent.meeting()
    meetings.open_meeting(kent.engine, meeting, at(9, 40))
    meetings.start_item(kent.engine, meeting, kent.items[1], at(9, 41))
    return open_table(qtbot, kent.engine, meeting)


def test_p_on_the_chair_repaints_her_row_the_banner_and_who_presides_only(
        qtbot, kent, table, monkeypatch):
    view = table
    assert view.agenda.presiding.text().startswith("Presiding: nobody yet.")
    resets, changed_rows, agenda_signals, agenda_reads = [], [], [], []
    view.register.model.modelReset.connect(lambda: resets.append(1))
    view.register.model.dataChanged.connect(
        lambda first, last, _roles=(): changed_rows.append((first.row(), last.row())))
    for signal in (view.agenda.model.modelReset, view.agenda.model.dataChanged):
        signal.connect(lambda *_args: agenda_signals.append(1))
    reading = meetings.agenda
    monkeypatch.setattr(meetings, "agenda",
                        lambda *args, **kwargs: agenda_reads.append(1) or reading(*args,
                                                                                  **kwargs))
    select_person(view, kent.ids["chair"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_P)

    assert state_of(view, "Helen Marsh") == "Present"
    chair_row = view.register.model.row_of(kent.ids["chair"])
    assert resets == [] and changed_rows == [(chair_row, chair_row)]
    assert "2 of 7 groups" in view.banner.count.text()  # the Chair fills two groups
    assert view.agenda.presiding.text() == "Presiding: Helen Marsh (Chair)."
    assert agenda_signals == [] and agenda_reads == []
    assert view.status.text() == "Saved 09:45 — Helen Marsh arrived"
    assert view.undo_button.isEnabled()


def test_an_arrival_recorded_by_another_program_shows_with_the_next_key_press(
        qtbot, kent, table, db_path):
    view = table
    other = open_database(db_path)  # another window or program on the same file
    try:
        register.arrive(other, view.meeting_id, kent.ids["police"], at(9, 43))
    finally:
        other.dispose()
    select_person(view, kent.ids["chair"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_P)
    assert state_of(view, "Daniel Okafor") == "Present"
    assert state_of(view, "Helen Marsh") == "Present"
    assert "3 of 7 groups" in view.banner.count.text()


def test_undo_then_p_again_shows_the_record_as_it_stands(qtbot, kent, table):
    view = table
    select_person(view, kent.ids["chair"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_P)
    qtbot.keyClick(view.register.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert state_of(view, "Helen Marsh") == "Not arrived"
    select_person(view, kent.ids["police"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_P)
    assert state_of(view, "Helen Marsh") == "Not arrived"
    assert state_of(view, "Daniel Okafor") == "Present"
    assert view.agenda.presiding.text().startswith("Presiding: Daniel Okafor (Vice-Chair).")
    assert register.state(view.desk.engine, view.meeting_id) == view.desk.state


def test_the_first_arrival_and_departure_fit_their_times_without_moving_a_column(
        qtbot, kent, table):
    view = table
    header = view.register.table.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(header.count())]
    select_person(view, kent.ids["police"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_P)
    qtbot.keyClick(view.register.table, Qt.Key.Key_L)
    assert state_of(view, "Daniel Okafor") == "Left"
    assert [header.sectionSize(c) for c in range(header.count())] == widths
    metrics = view.register.table.fontMetrics()
    row = view.register.model.row_of(kent.ids["police"])
    for column in (4, 5):  # arrived, left: each time shown whole
        text = view.register.model.index(row, column).data()
        assert text == "09:45" and metrics.horizontalAdvance(text) + 6 <= header.sectionSize(
            column)

"""DOMAIN.md §9 "Times that cannot be" at the table, through the real widgets, on the Kent
LCSP preset (issue 13, items 4 and 8): a meeting dated another day asks whether it is
taking place now or entered afterwards; impossible times are refused in words and write
nothing; after the close the register takes nothing new; a closed meeting leaves
"Upcoming meetings" at once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication, QDateTimeEdit

from clerk_app.gui.dialogs.time_edit_dialog import TimeEditDialog
from clerk_app.gui.dialogs.timing_dialogs import (
    LiveOrAfterwardsDialog,
    MeetingTimesDialog,
    TypedTimeDialog,
)
from clerk_app.gui.main_window import MainWindow
from clerk_app.gui.views.table.register_panel import RegisterCommand
from clerk_app.services import meetings, register
from tests.conftest import MEETING_DAY, at
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)
from tests.gui.table_support import (
    Clock,
    arrive_by_name,
    drive,
    open_table,
    select_person,
    state_of,
)

THREE_WEEKS_AHEAD = MEETING_DAY + timedelta(weeks=3)
A_WEEK_AGO = MEETING_DAY - timedelta(weeks=1)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_time(qtbot, edit, text: str) -> None:
    """Type a time into a time field as the clerk does: from the hours, the digits."""
    edit.setFocus()
    edit.setSelectedSection(QDateTimeEdit.Section.HourSection)
    qtbot.keyClicks(edit, text)


def test_s9_an_arrival_on_a_meeting_dated_three_weeks_ahead_asks_first(qtbot, kent, clock,
                                                                        monkeypatch, dump):
    view = open_table(qtbot, kent.engine, kent.meeting(THREE_WEEKS_AHEAD))
    before = dump()

    def cancel(dialog: LiveOrAfterwardsDialog) -> None:
        assert "dated Tuesday 06 October 2026, not today" in dialog.text.text()
        assert not dialog.afterwards.isVisible()  # it has not been held yet
        click(qtbot, dialog.cancel)

    shown = drive(monkeypatch, qtbot, LiveOrAfterwardsDialog, cancel)
    arrive_by_name(qtbot, view, "Helen")
    assert len(shown) == 1
    assert view.problem.isVisible()
    assert "not today" in view.problem.text() and "taking place now" in view.problem.text()
    assert state_of(view, "Helen Marsh") != "Present"
    assert dump() == before


def test_s9_taking_place_now_moves_the_meeting_to_today(qtbot, kent, clock, monkeypatch):
    m = kent.meeting(THREE_WEEKS_AHEAD)
    view = open_table(qtbot, kent.engine, m)
    shown = drive(monkeypatch, qtbot, LiveOrAfterwardsDialog,
                  lambda dialog: click(qtbot, dialog.live))
    arrive_by_name(qtbot, view, "Helen")
    assert len(shown) == 1
    assert state_of(view, "Helen Marsh") == "Present"
    assert meetings.meeting_summary(kent.engine, m).date == MEETING_DAY
    assert "Tuesday 15 September 2026" in view.heading.text()
    click(qtbot, view.open_button)  # asked once only
    assert len(shown) == 1
    assert meetings.meeting_summary(kent.engine, m).opened_at == at(9, 45)


def test_s9_entered_afterwards_every_time_is_typed_and_early_arrivals_are_present_at_the_opening(
        qtbot, kent, clock, monkeypatch):
    m = kent.meeting(A_WEEK_AGO)
    view = open_table(qtbot, kent.engine, m)
    drive(monkeypatch, qtbot, LiveOrAfterwardsDialog,
          lambda dialog: click(qtbot, dialog.afterwards))
    typed = iter(["1155", "0900"])

    def type_in(dialog: TypedTimeDialog) -> None:
        type_time(qtbot, dialog.time, next(typed))
        click(qtbot, dialog.ok_button)

    asked = drive(monkeypatch, qtbot, TypedTimeDialog, type_in)
    click(qtbot, view.open_button)
    assert "the opening" in asked[0].intro.text()
    assert "entered afterwards from the signing-in sheet" in view.heading.text()
    summary = meetings.meeting_summary(kent.engine, m)
    assert summary.recorded_afterwards and summary.date == A_WEEK_AGO
    assert summary.opened_at == at(11, 55, day=A_WEEK_AGO)

    arrive_by_name(qtbot, view, "Helen")
    assert "Helen Marsh's arrival" in asked[1].intro.text()
    line = register.state(kent.engine, m).line(kent.ids["chair"])
    assert line.arrived_at == at(11, 55, day=A_WEEK_AGO)
    assert "recorded as present at the opening (11:55)" in view.status.text()


def test_s9_an_arrival_corrected_to_23_00_at_noon_is_refused(qtbot, kent, clock, monkeypatch):
    m = kent.meeting()
    view = open_table(qtbot, kent.engine, m)
    clock.set(11, 0)
    arrive_by_name(qtbot, view, "Helen")
    clock.set(12, 0)

    def correct(dialog: TimeEditDialog) -> None:
        (_event, edit), = dialog.edits
        type_time(qtbot, edit, "2300")
        assert edit.time() == QTime(23, 0)
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible()  # refused: the dialog stays open with the time typed
        assert "later than now (12:00)" in dialog.error.text()
        assert "Check the time" in dialog.error.text()

    shown = drive(monkeypatch, qtbot, TimeEditDialog, correct)
    select_person(view, kent.ids["chair"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_T)
    assert len(shown) == 1
    assert register.state(kent.engine, m).line(kent.ids["chair"]).arrived_at == at(11, 0)
    assert state_of(view, "Helen Marsh") == "Present"


def run_and_close(qtbot, kent, view, clock) -> None:
    arrive_by_name(qtbot, view, "Helen", "okafor", "Marcus", "sian", "Peter")
    clock.set(10, 0)
    click(qtbot, view.open_button)
    clock.set(11, 30)
    click(qtbot, view.close_button)


def test_s9_after_the_close_the_register_records_nothing(qtbot, kent, clock, dump):
    m = kent.meeting()
    view = open_table(qtbot, kent.engine, m)
    run_and_close(qtbot, kent, view, clock)
    clock.set(11, 45)
    assert not view.close_button.isVisible()
    buttons = view.register.buttons
    assert not buttons[RegisterCommand.PRESENT].isEnabled()
    assert not buttons[RegisterCommand.LEAVE].isEnabled()
    assert not view.register.walk_in.isEnabled()
    assert buttons[RegisterCommand.TIMES].isEnabled()  # a slip can still be corrected
    before = dump()
    select_person(view, kent.ids["vcs"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_P)
    assert "The meeting has closed" in view.problem.text()
    arrive_by_name(qtbot, view, "Briain")
    assert state_of(view, "Tomás Ó Briain") != "Present"
    view.register.filter.clear()
    select_person(view, kent.ids["chair"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_L)
    assert state_of(view, "Helen Marsh") == "Present"
    assert dump() == before


def test_s9_opening_closing_and_item_times_are_corrected_in_the_window(qtbot, kent, clock,
                                                                      monkeypatch):
    m = kent.meeting()
    view = open_table(qtbot, kent.engine, m)
    arrive_by_name(qtbot, view, "Helen", "okafor", "Marcus", "sian", "Peter")
    clock.set(10, 0)
    click(qtbot, view.open_button)
    clock.set(10, 10)
    click(qtbot, view.agenda.next)
    clock.set(11, 30)
    click(qtbot, view.close_button)
    clock.set(12, 0)

    def refuse_then_correct(dialog: MeetingTimesDialog) -> None:
        type_time(qtbot, dialog.closed[1], "1300")
        click(qtbot, dialog.ok_button)
        assert "later than now (12:00)" in dialog.error.text()
        type_time(qtbot, dialog.closed[1], "1145")
        type_time(qtbot, dialog.opened[1], "1002")
        (_old, item_edit), = dialog.items.values()
        type_time(qtbot, item_edit, "1012")
        click(qtbot, dialog.ok_button)

    shown = drive(monkeypatch, qtbot, MeetingTimesDialog, refuse_then_correct)
    assert view.times_button.isVisible()
    click(qtbot, view.times_button)
    assert len(shown) == 1
    summary = meetings.meeting_summary(kent.engine, m)
    assert (summary.opened_at, summary.closed_at) == (at(10, 2), at(11, 45))
    assert meetings.agenda(kent.engine, m)[0].started_at == at(10, 12)
    assert "closed at 11:45" in view.heading.text()


def test_s9_a_closed_meeting_leaves_upcoming_meetings_at_once(qtbot, kent, engine, db_path):
    today = date.today()
    m = kent.meeting(today)
    win = MainWindow(engine, str(db_path))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert win.current_meeting_id() == m
    body = win.navigator.bodies()[0]
    assert body.children[0].text == "Upcoming meetings (1)"
    table = win.table_view()
    click(qtbot, table.open_button)
    click(qtbot, table.close_button)
    body = win.navigator.bodies()[0]  # the list was rebuilt
    assert [group.text for group in body.children] == ["Past meetings (1)"]
    assert win.navigator.label(body.children[0].children[0]).endswith("— Closed")
    assert win.current_meeting_id() == m  # still the meeting the clerk is in
    assert body.children[0].children[0].meeting_id == m
    assert not table.close_button.isVisible() and not table.open_button.isVisible()
    assert not table.register.buttons[RegisterCommand.PRESENT].isEnabled()


def test_s9_an_arrival_corrected_to_before_the_opening_is_present_at_the_opening(
        qtbot, kent, clock, monkeypatch):
    m = kent.meeting()
    view = open_table(qtbot, kent.engine, m)
    clock.set(11, 55)
    click(qtbot, view.open_button)
    clock.set(12, 0)
    arrive_by_name(qtbot, view, "Helen")

    def correct(dialog: TimeEditDialog) -> None:
        (_event, edit), = dialog.edits
        type_time(qtbot, edit, "0900")
        click(qtbot, dialog.ok_button)

    drive(monkeypatch, qtbot, TimeEditDialog, correct)
    select_person(view, kent.ids["chair"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_T)
    assert register.state(kent.engine, m).line(kent.ids["chair"]).arrived_at == at(11, 55)
    assert "an arrival at 09:00 is before the meeting opened at 11:55, so it is recorded " \
           "as present at the opening (11:55)" in view.status.text()

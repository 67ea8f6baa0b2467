"""Day one (issue 14): a clerk with their own terms of reference starts from an empty
record, sets up the Lincolnshire CYPSP by hand through the guided set-up (30 seats, the
observer, 70% attendance, the quorum left at the offered third and so still assumed),
brings in its members from the spreadsheet they keep — two bad rows reported, nothing
written until they confirm — and opens its first meeting at the table."""

from __future__ import annotations

from datetime import date, time
from fractions import Fraction

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlmodel import Session

from clerk_app import clock
from clerk_app.gui.dialogs.member_list_dialog import MemberImportDialog
from clerk_app.gui.main_window import MainWindow
from clerk_app.gui.views.body_setup import SetUpBodyDialog
from clerk_app.rules.vocabulary import MeetingStatus, SettingKey
from clerk_app.services import body_setup, constitution, meetings
from tests.gui.every_screen import MEMBERS_CSV
from tests.gui.setup_support import OBSERVER, type_lincolnshire
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)

FIRST_MEETING = date(2026, 12, 8)


def held(engine, body_id: int) -> list[str]:
    return [s.name for s in body_setup.body_setup(engine, body_id).members if not s.vacant]


def test_day_one_from_an_empty_record_to_the_first_meeting(qtbot, engine, db_path,
                                                           monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: clock.at(FIRST_MEETING, time(9, 30)))
    win = MainWindow(engine, str(db_path))
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    qtbot.waitExposed(win)
    assert win.pages.currentWidget() is win.welcome
    assert win.windowTitle() == "Welcome — clerk-app"

    # Set up my body: typed in by hand, page by page.
    qtbot.mouseClick(win.welcome.set_up, Qt.MouseButton.LeftButton)
    wizard = win.dialog
    assert isinstance(wizard, SetUpBodyDialog)
    type_lincolnshire(qtbot, wizard)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.body_setup)
    body_id = win.current_body_id()
    setup = body_setup.body_setup(engine, body_id)
    assert (len(setup.categories), setup.seats) == (15, 30)
    observer = next(c for c in setup.categories if c.name == OBSERVER)
    assert not observer.voting
    with Session(engine) as session:
        rules = constitution.body_rules(session, body_id)
    assert rules.threshold.fraction == Fraction(7, 10)
    quorum = next(s for s in setup.settings if s.key == SettingKey.QUORUM)
    assert quorum.needs_confirming and quorum.value["fraction"] == "1/3"
    assert win.windowTitle() == "Lincolnshire CYPSP — clerk-app"

    # Members from the clerk's own spreadsheet: both bad rows shown, nothing written yet.
    monkeypatch.setattr(MemberImportDialog, "ask_path", lambda self: MEMBERS_CSV)
    next(a for a in win.menus["Body"].actions() if a.text() == "&Import members…").trigger()
    members = win.dialog
    qtbot.waitExposed(members)
    qtbot.mouseClick(members.choose_button, Qt.MouseButton.LeftButton)
    bad = [members.model.row(n) for n in range(members.model.rowCount())
           if members.model.row(n).errors]
    assert [row.number for row in bad] == [20, 31]
    assert members.summary.text() == "28 rows ready, 2 with errors."
    assert held(engine, body_id) == []
    qtbot.mouseClick(members.ok_button, Qt.MouseButton.LeftButton)
    assert not members.isVisible()
    assert len(held(engine, body_id)) == 28

    # Its first meeting, opened at the table on the day.
    next(a for a in win.menus["Meeting"].actions() if a.text() == "&New meeting…").trigger()
    new_meeting = win.dialog
    qtbot.waitExposed(new_meeting)
    new_meeting.day.setDate(FIRST_MEETING)
    qtbot.mouseClick(new_meeting.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not new_meeting.isVisible())
    meeting = meetings.meetings_of(engine, body_id)[0]
    assert meeting.date == FIRST_MEETING
    table = win.table_view()
    assert win.pages.currentWidget() is table
    qtbot.mouseClick(table.open_button, Qt.MouseButton.LeftButton)
    assert meetings.meeting_summary(engine, meeting.id).status == MeetingStatus.IN_PROGRESS
    assert table.banner.text().startswith("NOT QUORATE: 0 members counting, 10 needed")
    assert "Lincolnshire" in win.windowTitle() and "8 December 2026" in win.windowTitle()

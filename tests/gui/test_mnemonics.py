"""Every Alt+letter does one thing (issue 13 item 9): within each page of the main window
(its menu bar included), within each menu, and within each dialog the application has, no
two mnemonics share a letter. Two that do make Alt+letter move the focus between them
instead of acting (Alt+V was both the View menu and the Vote… button).

Dialogs are checked with all their controls, shown or not yet shown (a recount's reason,
a tie's casting buttons), so that a clash cannot wait for the moment it appears. A dialog
class the test does not open fails the test, so a new dialog is checked too."""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict
from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMenu,
    QTabBar,
    QWidget,
)

import clerk_app.gui
from clerk_app import clock
from clerk_app.gui.main_window import MainWindow
from clerk_app.rules.vocabulary import ItemAddition, MeetingStatus
from clerk_app.services import (
    agenda,
    body_setup,
    demo,
    interests,
    meetings,
    register,
    schedule,
    substitutes,
)
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)


def mnemonic(text: str) -> str:
    """"Alt+V" for "&View"; "" for text without a mnemonic ("&&" is a plain ampersand)."""
    return QKeySequence.mnemonic(text).toString()


def texts(root: QWidget, shown_only: bool) -> list[tuple[str, str]]:
    """(where, text) for every control under `root` that may carry a mnemonic."""
    found = []
    for widget in (root, *root.findChildren(QWidget)):
        if shown_only and not widget.isVisibleTo(root):
            continue
        name = type(widget).__name__
        if isinstance(widget, QAbstractButton):
            found.append((name, widget.text()))
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            found.append((f"label of {type(widget.buddy()).__name__}", widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((name, widget.title()))
        elif isinstance(widget, QTabBar):
            found += [(f"tab {n}", widget.tabText(n)) for n in range(widget.count())
                      if widget.isTabVisible(n)]
    return found


def clashes(entries: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_key: dict[str, list[str]] = defaultdict(list)
    for where, text in entries:
        key = mnemonic(text)
        if key:
            by_key[key].append(f"{where} {text!r}")
    return {key: found for key, found in by_key.items() if len(found) > 1}


def menu_bar_entries(win: MainWindow) -> list[tuple[str, str]]:
    return [("menu", a.text()) for a in win.menuBar().actions() if a.isVisible()]


def check_menus(win: MainWindow) -> None:
    for menu in win.findChildren(QMenu):
        entries = [("entry", a.text()) for a in menu.actions()
                   if a.isVisible() and not a.isSeparator()]
        assert clashes(entries) == {}, f"menu {menu.title()}"


@pytest.fixture
def window(qtbot, engine, db_path):
    demo.build_demo(engine, upcoming_from=date.today())
    win = MainWindow(engine, str(db_path))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def pages(qtbot, win: MainWindow, monkeypatch):
    """Every page the window shows: the body set-up's tabs, each meeting (its record, or
    the table for one to be run), and the year's views."""
    body_id = win.current_body_id()
    win.select_body(body_id)
    for tab in range(win.body_setup.tabs.count()):
        win.body_setup.tabs.setCurrentIndex(tab)
        yield f"body set-up: {win.body_setup.tabs.tabText(tab)}"
    for meeting in meetings.meetings_of(win.engine, body_id):
        win.select_meeting(meeting.id)
        yield f"meeting of {meeting.date} ({meeting.status})"
        if meeting.status == MeetingStatus.SCHEDULED:  # and the same table once it runs
            # Run live on its own day, so that opening it asks nothing (DOMAIN.md §9).
            monkeypatch.setattr(clock, "now", lambda day=meeting.date: clock.at(day, time(10)))
            table = win.table_view()
            qtbot.mouseClick(table.open_button, Qt.MouseButton.LeftButton)
            table.agenda.select_item(meetings.meeting_summary(win.engine, meeting.id)
                                     .items[-1].item_id)
            qtbot.mouseClick(table.agenda.start, Qt.MouseButton.LeftButton)
            table.banner.why.setChecked(True)
            yield f"meeting of {meeting.date} (in progress)"
    for action in win.menus["Year"].actions():
        if action.menu() is None and not action.text().endswith("…"):
            win.select_body(body_id)
            action.trigger()
            yield f"Year › {action.text()}"


def test_mnemonics_are_unique_in_every_page_of_the_main_window(qtbot, window, monkeypatch):
    seen = []
    for page in pages(qtbot, window, monkeypatch):
        QApplication.processEvents()
        found = clashes(menu_bar_entries(window) + texts(window, shown_only=True))
        assert found == {}, page
        seen.append(page)
    check_menus(window)
    assert any("(in progress)" in p for p in seen)  # the table, running a meeting
    assert any("Year › " in p for p in seen)


def every_dialog(win: MainWindow):
    """One of each dialog the application has, on the demo record."""
    from clerk_app.gui.dialogs.action_dialog import ActionDialog
    from clerk_app.gui.dialogs.approval_dialog import ApprovalDialog
    from clerk_app.gui.dialogs.audit_dialog import AuditDialog
    from clerk_app.gui.dialogs.decision_dialog import DecisionDialog
    from clerk_app.gui.dialogs.declare_dialog import DeclareDialog
    from clerk_app.gui.dialogs.election_dialog import ElectionDialog
    from clerk_app.gui.dialogs.item_dialog import ItemDialog
    from clerk_app.gui.dialogs.matters_arising_dialog import MattersArisingDialog
    from clerk_app.gui.dialogs.meeting_details_dialog import MeetingDetailsDialog
    from clerk_app.gui.dialogs.minutes_preview import MinutesPreviewDialog
    from clerk_app.gui.dialogs.new_meeting_dialog import NewMeetingDialog
    from clerk_app.gui.dialogs.restore_dialog import RestoreDialog
    from clerk_app.gui.dialogs.strike_out_dialog import StrikeOutDialog
    from clerk_app.gui.dialogs.substitute_dialog import SubstituteDialog
    from clerk_app.gui.dialogs.time_edit_dialog import TimeEditDialog
    from clerk_app.gui.dialogs.timing_dialogs import (
        LiveOrAfterwardsDialog,
        MeetingTimesDialog,
        TypedTimeDialog,
    )
    from clerk_app.gui.dialogs.vote_dialog import VoteDialog
    from clerk_app.gui.dialogs.walk_in_dialog import WalkInDialog
    from clerk_app.gui.views.body_setup import NewBodyDialog
    from clerk_app.gui.views.body_setup.dialogs import (
        AddMemberDialog,
        AddPersonDialog,
        AppointOfficeDialog,
        EndMembershipDialog,
        InterestDialog,
        NamedSubstituteDialog,
        SettingDialog,
    )
    from clerk_app.gui.views.year.interests_view import AddInterestDialog, EndInterestDialog
    from clerk_app.gui.views.year.schedule_dialog import MeetingEditDialog, ScheduleDialog
    from clerk_app.gui.widgets.organisation_field import AddOrganisationDialog

    engine, body_id = win.engine, win.current_body_id()
    setup = body_setup.body_setup(engine, body_id)
    seat = setup.members[0]
    yield NewMeetingDialog(engine, body_id, win)
    yield AddPersonDialog(engine, win)
    yield AddMemberDialog(engine, setup, "education", parent=win)
    yield NamedSubstituteDialog(engine, setup, seat, win)
    yield EndMembershipDialog(engine, seat, "Education", win)
    yield AppointOfficeDialog(engine, setup, "vice_chair", win)
    yield InterestDialog(engine, setup, win)
    yield NewBodyDialog(engine, win)
    for setting in setup.settings:
        yield SettingDialog(engine, body_id, setting, win)

    meeting_id = meetings.meetings_of(engine, body_id)[0].id
    summary = meetings.meeting_summary(engine, meeting_id)
    item = summary.items[-1]
    state = register.state(engine, meeting_id, item.item_id)
    person = state.register[0]
    label = f"{item.position}. {item.title}"
    yield VoteDialog(state, label, print, print, parent=win)
    yield ElectionDialog(state, label, print, parent=win)
    yield DeclareDialog([(person.person_id, person.name)],
                        [(i.item_id, i.title) for i in summary.items], item.item_id,
                        state.rules.declaration_effects, {}, print, parent=win)
    yield DecisionDialog(label, state.quorum, print, parent=win)
    yield ApprovalDialog(label, state.quorum, print, parent=win)
    yield SubstituteDialog(person.name, substitutes.substitute_choices(
        engine, meeting_id, person.person_id), print, parent=win)
    yield TimeEditDialog(person.name, summary.date, register.person_events(
        engine, meeting_id, person.person_id), print, parent=win)
    yield WalkInDialog(engine, print, parent=win)
    yield AddOrganisationDialog(engine, "", win)
    yield ActionDialog(label, [person.name], print, summary.date, parent=win)
    yield MattersArisingDialog(list, print, True, parent=win)
    lines = meetings.agenda(engine, meeting_id)
    yield ItemDialog(print, line=lines[-1], parent=win)
    yield ItemDialog(print, ItemAddition.URGENT, parent=win)
    yield MeetingDetailsDialog(agenda.meeting_details(engine, meeting_id), print, parent=win)
    yield StrikeOutDialog(person.name, [], print, parent=win)
    yield LiveOrAfterwardsDialog(summary.date, True, parent=win)
    yield TypedTimeDialog("the arrival", summary.date, time(10, 0), parent=win)
    yield MeetingTimesDialog(summary, lines, print, parent=win)
    yield AuditDialog(engine, meeting_id, win)
    yield MinutesPreviewDialog(engine, meeting_id, win)
    yield RestoreDialog(win.engine.url.database, engine, win)

    interest_register = interests.interests_register(engine, body_id)
    yield AddInterestDialog(engine, body_id, interest_register, None, win)
    line = next(line for member in interest_register.members for line in member.interests)
    yield EndInterestDialog(engine, line, win)
    yield ScheduleDialog(engine, body_id, win)
    start = summary.date.year if summary.date.month >= 4 else summary.date.year - 1
    yield MeetingEditDialog(engine, schedule.year_meetings(engine, body_id, start)[0], win)


def dialog_classes() -> set[type]:
    """Every dialog class the application defines (the shared frames aside)."""
    for module in pkgutil.walk_packages(clerk_app.gui.__path__, "clerk_app.gui."):
        importlib.import_module(module.name)
    found, todo = set(), [QDialog]
    while todo:
        for cls in todo.pop().__subclasses__():
            todo.append(cls)
            if cls.__module__.startswith("clerk_app.gui."):
                found.add(cls)
    frames = {"FormDialog", "BallotDialog"}
    return {cls for cls in found if cls.__name__ not in frames}


def test_mnemonics_are_unique_in_every_dialog(qtbot, window):
    opened = set()
    for dialog in every_dialog(window):
        qtbot.addWidget(dialog)
        dialog.show()
        found = clashes(texts(dialog, shown_only=False))
        assert found == {}, dialog.windowTitle()
        opened.add(type(dialog))
        dialog.reject()
    missing = sorted(cls.__name__ for cls in dialog_classes() - opened)
    assert missing == [], "open these in every_dialog() so their mnemonics are checked"

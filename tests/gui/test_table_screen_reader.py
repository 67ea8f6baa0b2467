"""What a screen reader is told at the table (issue 20), in the window itself: every
refusal, save and change of quorum is announced and names its line by what it says; the
focus goes back to the register after the meeting opens; the fields a screen reader
would find nameless are named. tests/gui/test_screen_reader.py hears the same over
AT-SPI; these run everywhere, in a moment. Kent LCSP (000): five of seven groups."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QComboBox, QLabel, QToolButton

from clerk_app.gui.dialogs.election_dialog import ElectionDialog
from clerk_app.gui.dialogs.restore_dialog import RestoreDialog
from clerk_app.gui.dialogs.vote_dialog import VoteDialog
from clerk_app.gui.widgets import announce
from clerk_app.services import meetings, register
from tests.conftest import at
from tests.gui.table_support import (
    Clock,
    answer_confirm,
    arrive_by_name,
    drive,
    open_table,
    select_person,
)
from tests.gui.test_table_agenda import sitting
from tests.gui.test_table_vote_checks import FIVE, count


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def heard(monkeypatch) -> list[tuple[str, bool]]:
    """What the table announces, and whether it interrupts (a refusal does)."""
    said: list[tuple[str, bool]] = []
    monkeypatch.setattr(announce, "announce",
                        lambda _widget, text, urgent=False: said.append((text, urgent)))
    return said


@pytest.fixture
def table(qtbot, kent, clock):
    meeting = kent.meeting()
    meetings.open_meeting(kent.engine, meeting, at(9, 40))
    return open_table(qtbot, kent.engine, meeting)


def name_of(widget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def test_p_on_someone_already_present_is_refused_aloud_and_the_line_says_why(
        qtbot, kent, table, heard):
    arrive_by_name(qtbot, table, "Helen")
    heard.clear()
    select_person(table, kent.ids["chair"])
    qtbot.keyClick(table.register.table, Qt.Key.Key_P)
    refusal = table.problem.text()
    assert refusal.startswith("Not saved: Helen Marsh is already recorded as present")
    assert heard == [(refusal, True)]
    assert name_of(table.problem) == refusal  # read again later, it says the same
    assert table.problem.isVisible()


def test_arrivals_are_announced_and_so_is_the_quorum_gained_and_lost(
        qtbot, kent, table, heard, clock, monkeypatch):
    arrive_by_name(qtbot, table, "Helen", "okafor", "Marcus")
    assert [text for text, _urgent in heard] == [
        "Saved 09:45 — Helen Marsh arrived", "Saved 09:45 — Daniel Okafor arrived",
        "Saved 09:45 — Marcus Bell arrived"]
    assert name_of(table.status) == "Saved 09:45 — Marcus Bell arrived"
    heard.clear()
    arrive_by_name(qtbot, table, "sian")  # the fifth group: quorate
    assert heard == [("Meeting now quorate: 5 of 7 groups, 5 needed", False),
                     ("Saved 09:45 — Siân Pritchard arrived", False)]
    heard.clear()
    arrive_by_name(qtbot, table, "Peter")  # still quorate: nothing more to say of it
    assert heard == [("Saved 09:45 — Peter O'Neill arrived", False)]
    heard.clear()
    answer_confirm(monkeypatch, True)  # the warning before harm, answered "record it"
    for person in ("district", "health"):
        select_person(table, kent.ids[person])
        qtbot.keyClick(table.register.table, Qt.Key.Key_L)
    assert ("Meeting now NOT quorate: 4 of 7 groups, 5 needed (1 more)", False) in heard


def test_showing_another_meeting_announces_no_change_of_quorum(qtbot, kent, table, heard):
    arrive_by_name(qtbot, table, "Helen", "okafor", "Marcus", "sian")
    other = kent.meeting(items=("Budget",))
    meetings.open_meeting(kent.engine, other, at(9, 40))
    heard.clear()
    table.show_meeting(other)
    assert not [text for text, _urgent in heard if "quorate" in text]


def test_opening_the_meeting_leaves_the_focus_at_the_register(qtbot, kent, clock):
    view = open_table(qtbot, kent.engine, kent.meeting())
    view.open_button.setFocus()
    qtbot.keyClick(view.open_button, Qt.Key.Key_Space)
    assert register.state(kent.engine, view.meeting_id).quorum is not None
    assert not view.open_button.isVisible()
    qtbot.waitUntil(view.register.filter.hasFocus)


def test_the_find_box_icon_and_the_election_lists_text_boxes_have_names(
        qtbot, kent, table):
    icons = [b for b in table.register.filter.findChildren(QToolButton) if b.isVisible()]
    assert icons and all(name_of(b) for b in icons), [name_of(b) for b in icons]
    dialog = ElectionDialog(table.desk.state, "1. Early help plan", print, parent=table)
    qtbot.addWidget(dialog)
    dialog.show()
    buddies = {label.buddy() for label in dialog.findChildren(QLabel)}
    for combo in dialog.findChildren(QComboBox):
        # On Linux Qt names a list box by the item chosen ("Helen Marsh"); what it is for
        # reaches the screen reader from the label's relation.
        assert combo in buddies, combo.accessibleName()
        if combo.isEditable():
            assert name_of(combo.lineEdit()) == combo.accessibleName() != ""


def test_the_restore_dialog_shows_no_empty_error_box(qtbot, engine, db_path, heard):
    dialog = RestoreDialog(str(db_path), engine)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.status.isVisible()  # nothing to say: no empty box to tab to
    dialog._refused("The backup could not be read: it is damaged.")
    assert dialog.status.isVisible()
    assert name_of(dialog.status) == "The backup could not be read: it is damaged."
    assert heard == [("The backup could not be read: it is damaged.", True)]


def test_the_vote_dialog_says_its_result_and_why_it_cannot_be_recorded(
        qtbot, kent, clock, monkeypatch, heard):
    view = sitting(qtbot, kent, clock, *FIVE)
    seen = {}

    def vote(dialog: VoteDialog) -> None:
        qtbot.keyClicks(dialog.motion, "the plan be approved")
        count(qtbot, dialog.votes_for, "3")
        count(qtbot, dialog.votes_against, "1")
        seen["result"] = dialog.sentence.text(), name_of(dialog.sentence)
        count(qtbot, dialog.votes_against, "9")
        seen["problem"] = dialog.problem.text(), name_of(dialog.problem)

    drive(monkeypatch, qtbot, VoteDialog, vote)
    qtbot.mouseClick(view.agenda.vote, Qt.MouseButton.LeftButton)
    result, result_name = seen["result"]
    assert result.startswith("Result if recorded now: ") and result_name == result
    problem, problem_name = seen["problem"]
    assert problem.startswith("12 votes recorded but only 5 members may vote")
    assert problem_name == problem
    # Said once when it appears (politely: the clerk is typing), not at every key.
    assert heard.count((problem, False)) == 1, heard

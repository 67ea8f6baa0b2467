"""DOMAIN.md §9 "Actions" at the table, through the real widgets on the Kent LCSP preset
(000): an action recorded under the item under discussion (what, who, by when) shows
under it and in the minutes' action list; refused without them, or due before the
meeting, with nothing written; undone with Ctrl+Z; listed at the next meeting as a matter
arising and marked done there."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from sqlmodel import Session, select

from clerk_app import clock
from clerk_app.db.tables import Action
from clerk_app.gui.dialogs.action_dialog import ActionDialog
from clerk_app.gui.dialogs.matters_arising_dialog import MattersArisingDialog
from clerk_app.services import actions, meetings, minutes
from tests.export.minutes_helpers import SECRET_ACTION, hold_kent_meeting, text_of
from tests.gui.table_support import Clock, arrive_by_name, drive, open_table, press

NEXT_DAY = date(2026, 11, 17)
OWNER = "Dr Q. Zed (interim)"
HOSTILE = "Write to <b>every</b> school & nursery \u202eשלום"


@pytest.fixture
def clock_(monkeypatch) -> Clock:
    return Clock(monkeypatch)


def _sitting(qtbot, kent, clock_):
    view = open_table(qtbot, kent.engine, kent.meeting())
    arrive_by_name(qtbot, view, "Helen", "Grace", "okafor", "Marcus", "sian", "Peter",
                   "Briain")
    clock_.set(10, 0)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    view.agenda.select_item(kent.items[4])
    qtbot.mouseClick(view.agenda.start, Qt.MouseButton.LeftButton)
    return view


def _type_date(qtbot, edit, text: str) -> None:
    """Tab into the due date (it starts "Not set") and type it as a clerk writes it."""
    edit.setFocus()
    assert edit.text() == "Not set"
    qtbot.keyClicks(edit, text)


def _actions(engine) -> list[Action]:
    with Session(engine) as session:
        return list(session.exec(select(Action)))


def test_s9_actions_recorded_at_the_table_show_under_the_item_and_in_the_minutes(
        qtbot, kent, clock_, monkeypatch):
    view = _sitting(qtbot, kent, clock_)
    strip = view.agenda.actions
    assert strip.add.isEnabled() and not strip.actions.isVisible()

    def record(dialog: ActionDialog) -> None:
        assert "item 4. Early help plan" in dialog.windowTitle()
        qtbot.keyClicks(dialog.description, "Write to ")
        # Typed keys cannot carry every character; the rest goes in as pasted text.
        dialog.description.insert(HOSTILE.removeprefix("Write to "))
        dialog.owner.setFocus()
        qtbot.keyClicks(dialog.owner.lineEdit(), OWNER)  # a name not in the list
        _type_date(qtbot, dialog.due, "14/01/2027")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, ActionDialog, record)
    qtbot.mouseClick(strip.add, Qt.MouseButton.LeftButton)
    [row] = _actions(kent.engine)
    assert (row.description, row.owner, row.due_date, row.item_id) == (
        HOSTILE, OWNER, date(2027, 1, 14), kent.items[4])
    assert strip.actions.text() == f"Action: {HOSTILE} — {OWNER}, by 14 Jan 2027"
    assert "Action under item 4" in view.status.text()

    text = text_of(minutes.render_minutes(kent.engine, view.meeting_id, "pdf"), "pdf")
    assert "No actions were agreed" not in text
    assert "Write to <b>every</b> school & nursery" in text and OWNER in text
    assert "14 January 2027" in text or "14 Jan 2027" in text


def test_s9_actions_a_person_chosen_from_the_list_by_keyboard_with_ctrl_t(
        qtbot, kent, clock_, monkeypatch):
    view = _sitting(qtbot, kent, clock_)

    def record(dialog: ActionDialog) -> None:
        assert dialog.owner.findText("Kent Police") >= 0  # agencies are offered too
        qtbot.keyClicks(dialog.description, "Report on referrals")
        dialog.owner.setFocus()
        dialog.owner.setCurrentIndex(dialog.owner.findText("Daniel Okafor"))
        _type_date(qtbot, dialog.due, "01/12/2026")
        qtbot.keyClick(dialog.due, Qt.Key.Key_Return)

    drive(monkeypatch, qtbot, ActionDialog, record)
    view.register.filter.setFocus()
    press(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert [(a.owner, a.due_date) for a in _actions(kent.engine)] == [
        ("Daniel Okafor", date(2026, 12, 1))]
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undone in the session
    assert _actions(kent.engine) == []
    assert not view.agenda.actions.actions.isVisible()


def test_s9_actions_refused_with_a_message_that_says_what_to_do_writing_nothing(
        qtbot, kent, clock_, monkeypatch, dump):
    view = _sitting(qtbot, kent, clock_)
    before = dump()
    said = []

    def refuse(dialog: ActionDialog) -> None:
        qtbot.keyClick(dialog.description, Qt.Key.Key_Return)  # Enter on the empty form
        said.append(dialog.error.text())
        qtbot.keyClicks(dialog.description, "Publish the plan")
        dialog.owner.setFocus()
        dialog.owner.setCurrentIndex(dialog.owner.findText("Joanna Fairweather"))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        said.append(dialog.error.text())
        _type_date(qtbot, dialog.due, "01/09/2026")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        said.append(dialog.error.text())
        assert dialog.isVisible() and dialog.description.text() == "Publish the plan"

    drive(monkeypatch, qtbot, ActionDialog, refuse)
    qtbot.mouseClick(view.agenda.actions.add, Qt.MouseButton.LeftButton)
    assert said == [
        "The action is empty: type the action before saving.",
        "The action has no due date: type the date it is due by.",
        "The due date, Tuesday 1 September 2026, is before the meeting (Tuesday 15 "
        "September 2026): give a date on or after it."]
    assert dump() == before


def test_s9_actions_not_before_the_meeting_is_opened(qtbot, kent, clock_):
    view = open_table(qtbot, kent.engine, kent.meeting())
    assert not view.agenda.actions.add.isEnabled()
    assert view.agenda.actions.add.toolTip() == "Open the meeting first"


def test_s9_actions_open_at_the_next_meeting_are_marked_done_there(
        qtbot, kent, monkeypatch):
    first = hold_kent_meeting(kent)  # "Publish the approved plan", due 1 October 2026
    second = kent.meeting(NEXT_DAY)
    monkeypatch.setattr(clock, "now", lambda: clock.at(NEXT_DAY, time(10, 5)))
    meetings.open_meeting(kent.engine, second, clock.at(NEXT_DAY, time(10, 0)))
    view = open_table(qtbot, kent.engine, second)
    strip = view.agenda.actions
    assert strip.arising.text() == \
        "Matters arising: 2 actions open from earlier meetings (2 overdue)."
    listed = []

    def mark(dialog: MattersArisingDialog) -> None:
        listed.append(dialog.list.item(0).text())
        dialog.list.setFocus()
        qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
        listed.append(dialog.list.item(1).text())
        dialog.list.setCurrentRow(1)
        assert not dialog.done_button.isEnabled()  # done already: nothing more to mark

    drive(monkeypatch, qtbot, MattersArisingDialog, mark)
    qtbot.mouseClick(strip.arising_button, Qt.MouseButton.LeftButton)
    # Overdue first, the longest overdue at the top: the exempt item's action, then this.
    assert listed[0].startswith(f"{SECRET_ACTION} — Helen Marsh — due 30 Sep 2026")
    assert listed[1].startswith(f"{SECRET_ACTION} — Helen Marsh — due 30 Sep 2026 — "
                                "Done at the meeting of 17 Nov 2026")
    assert strip.arising.text() == ("Matters arising: 1 action open from earlier meetings "
                                    "(1 overdue); 1 marked done at this meeting.")
    done = actions.actions_log(kent.engine, include_done=True, today=NEXT_DAY)[-1]
    assert (done.description, done.meeting_id, done.done_on, done.closed_at_meeting_id) == (
        SECRET_ACTION, first.meeting_id, NEXT_DAY, second)
    view.register.filter.setFocus()
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undone in the session
    assert [r.done_on for r in actions.actions_log(kent.engine, today=NEXT_DAY)] == [None,
                                                                                   None]
    assert strip.arising.text().startswith("Matters arising: 2 actions open")

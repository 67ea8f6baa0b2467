"""At the table: striking out a mistaken entry with a reason (DOMAIN.md §9 "Mistaken
entries"), through the real widgets on the Kent LCSP preset (000), after a restart too
(undo does not survive it; this does)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clerk_app.db.migrate import open_database
from clerk_app.gui.dialogs.strike_out_dialog import StrikeOutDialog
from clerk_app.gui.views.table.register_panel import RegisterCommand
from clerk_app.gui.views.table_view import TableView
from clerk_app.services import actions, audit, decisions, meetings, register
from tests.conftest import at
from tests.gui.table_support import (
    Clock,
    activate,
    arrive_by_name,
    drive,
    open_table,
    select_person,
    state_of,
)

REASON = "Marked present by mistake: she sent apologies"


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


def reopened(qtbot, db_path, meeting: int):
    """The application started again on the same record: no undo history."""
    engine = open_database(db_path)
    view = TableView(engine)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    activate(qtbot, view)
    view.show_meeting(meeting)
    return engine, view


def strike(reason: str, choose: str | None = None, seen: list | None = None):
    """A script for the dialog: choose the entry (by its words), give the reason, confirm."""

    def script(dialog: StrikeOutDialog) -> None:
        if seen is not None:
            seen.append([dialog.entry.itemText(i) for i in range(dialog.entry.count())])
        if choose is not None:
            dialog.entry.setCurrentIndex(dialog.entry.findText(choose, Qt.MatchFlag.MatchContains))
        if seen is not None:
            seen.append(dialog.preview.text())
        dialog.reason.setFocus()
        dialog.reason.setText(reason)
        dialog.ok_button.click()
        if dialog.isVisible() and seen is not None:
            seen.append(dialog.error.text())

    return script


def test_s9_a_mistaken_arrival_is_struck_out_after_a_restart(qtbot, kent, clock, db_path,
                                                             monkeypatch):
    meeting = kent.meeting()
    view = open_table(qtbot, kent.engine, meeting)
    arrive_by_name(qtbot, view, "Helen", "okafor", "Marcus")
    clock.set(9, 58)
    arrive_by_name(qtbot, view, "sian")
    assert view.banner.verdict.text() == "QUORATE"
    view.close()

    engine, again = reopened(qtbot, db_path, meeting)
    seen: list = []
    drive(monkeypatch, qtbot, StrikeOutDialog, strike(REASON, seen=seen))
    select_person(again, kent.ids["health"])
    with qtbot.waitSignal(again.recorded):
        qtbot.keyClick(again.register.table, Qt.Key.Key_X)
    assert seen[0] == ["Arrived at 09:58"]
    assert seen[1].startswith("Will be struck out: Arrived at 09:58.")
    assert "no longer counts for quorum" in seen[1]
    assert state_of(again, "Siân Pritchard") == "Not arrived"
    assert again.banner.verdict.text() == "NOT QUORATE"
    assert again.status.text() == ("Saved 09:58 — Struck out for Siân Pritchard: "
                                   "Arrived at 09:58")
    trail = [line.description for line in audit.meeting_trail(engine, meeting)]
    assert any("Siân Pritchard" in t and REASON in t for t in trail)
    engine.dispose()


def test_s9_the_button_strikes_out_a_walk_in_who_never_came(qtbot, kent, clock, monkeypatch):
    meeting = kent.meeting()
    view = open_table(qtbot, kent.engine, meeting)
    walk_in = register.add_in_attendance(kent.engine, meeting, "Pat Visitor", "Kent Police",
                                         "Observer", at=at(9, 45))
    view.show_meeting(meeting)
    seen: list = []
    drive(monkeypatch, qtbot, StrikeOutDialog,
          strike("Added to the wrong meeting", choose="on the register", seen=seen))
    select_person(view, walk_in)
    qtbot.mouseClick(view.register.buttons[RegisterCommand.STRIKE], Qt.MouseButton.LeftButton)
    assert "Pat Visitor's arrivals and departures go with the line" in seen[1]
    names = [view.register.model.index(r, 0).data()
             for r in range(view.register.model.rowCount())]
    assert not any("Pat Visitor" in n for n in names)


def test_s9_a_reason_is_required_and_nothing_is_written_without_it(qtbot, kent, clock,
                                                                   monkeypatch, dump):
    meeting = kent.meeting()
    view = open_table(qtbot, kent.engine, meeting)
    arrive_by_name(qtbot, view, "Helen")
    before = dump()
    seen: list = []
    drive(monkeypatch, qtbot, StrikeOutDialog, strike("", seen=seen))
    select_person(view, kent.ids["chair"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_X)
    assert "Say why the entry is struck out" in seen[-1]
    assert dump() == before
    assert state_of(view, "Helen Marsh") == "Present"


def test_s9_nothing_to_strike_out_says_so(qtbot, kent, clock, monkeypatch):
    meeting = kent.meeting()
    view = open_table(qtbot, kent.engine, meeting)
    shown = drive(monkeypatch, qtbot, StrikeOutDialog, lambda dialog: None)
    select_person(view, kent.ids["chair"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_X)
    assert shown == []
    assert view.problem.isVisible()
    assert "Nothing is recorded for Helen Marsh that could be struck out" in \
        view.problem.text()
    qtbot.mouseClick(view.agenda.strike, Qt.MouseButton.LeftButton)
    assert shown == []
    assert "Nothing is recorded under this item that could be struck out" in \
        view.problem.text()


def test_s9_a_declaration_and_an_action_are_struck_out_from_the_agenda_after_a_restart(
        qtbot, kent, clock, db_path, monkeypatch):
    meeting = kent.meeting()
    clock.set(10, 0)
    for key in ("chair", "police", "yos", "health", "district", "vcs"):
        register.arrive(kent.engine, meeting, kent.ids[key], at(9, 45))
    meetings.open_meeting(kent.engine, meeting, at(9, 46))
    meetings.start_item(kent.engine, meeting, kent.items[5], at(9, 47))
    decisions.declare_interest(kent.engine, kent.items[5], kent.ids["vcs"], "pecuniary",
                               "Trustee of a bidder", at=at(9, 48))
    actions.add_action(kent.engine, meeting, "Circulate the specification", "Marcus Bell",
                       item_id=kent.items[5])

    engine, view = reopened(qtbot, db_path, meeting)
    view.agenda.select_item(kent.items[5])
    assert "Trustee of a bidder" in view.agenda.declarations.text()
    seen: list = []
    drive(monkeypatch, qtbot, StrikeOutDialog,
          strike("Declared on the wrong item", choose="Declaration", seen=seen))
    qtbot.mouseClick(view.agenda.strike, Qt.MouseButton.LeftButton)
    assert seen[0] == [
        "Declaration by Tomás Ó Briain of pecuniary interest in item 5 (Youth contract) at "
        "09:48: Trustee of a bidder",
        "Action under item 5 (Youth contract): Circulate the specification (Marcus Bell)"]
    assert "withdrawal from the item that it brought goes with it" in seen[1]
    assert view.agenda.declarations.text() == "No declarations on this item."
    assert state_of(view, "Tomás Ó Briain") == "Present"

    seen.clear()
    drive(monkeypatch, qtbot, StrikeOutDialog, strike("Agreed under item 4", seen=seen))
    qtbot.mouseClick(view.agenda.strike, Qt.MouseButton.LeftButton)
    assert seen[0] == [
        "Action under item 5 (Youth contract): Circulate the specification (Marcus Bell)"]
    assert actions.actions_log(engine) == []
    engine.dispose()

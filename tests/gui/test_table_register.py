"""At the table: the register and the quorum banner, driven through the real widgets on
the Kent LCSP preset (000): five of seven quorum groups (000 §10.4), named deputies
(000 Partner Agency Agreement item 10)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTime
from sqlmodel import Session, select

from clerk_app.db.migrate import open_database
from clerk_app.db.tables import AuditEntry
from clerk_app.gui.dialogs.substitute_dialog import SubstituteDialog
from clerk_app.gui.dialogs.time_edit_dialog import TimeEditDialog
from clerk_app.gui.dialogs.walk_in_dialog import WalkInDialog
from clerk_app.gui.views.table_view import TableView
from clerk_app.services import meetings, register
from tests.conftest import at
from tests.gui.table_support import (
    Clock,
    answer_confirm,
    arrive_by_name,
    drive,
    open_table,
    select_person,
    state_of,
)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def table(qtbot, kent, clock):
    meeting = kent.meeting()
    return open_table(qtbot, kent.engine, meeting)


def test_s3_taking_the_register_turns_the_banner_quorate_and_back(qtbot, kent, clock, table,
                                                                  monkeypatch):
    view = table
    assert view.banner.verdict.text() == "NOT QUORATE"
    assert "0 of 7 groups, 5 needed" in view.banner.count.text()
    arrive_by_name(qtbot, view, "Helen", "okafor", "Marcus")
    assert view.banner.verdict.text() == "NOT QUORATE"  # four groups: the Chair fills two
    assert "1 more" in view.banner.count.text()
    clock.set(9, 58)
    arrive_by_name(qtbot, view, "sian")  # accents ignored: Siân Pritchard
    assert view.banner.verdict.text() == "QUORATE"
    assert view.banner.property("quorate") == "yes"
    assert view.status.text() == "Saved 09:58 — Siân Pritchard arrived"
    assert state_of(view, "Siân Pritchard") == "Present"
    assert view.register.filter.text() == ""  # ready for the next name

    qtbot.mouseClick(view.banner.why, Qt.MouseButton.LeftButton)
    assert view.banner.explanation.isVisible()
    assert "✓ Health: filled by Siân Pritchard" in view.banner.explanation.text()
    assert "✗ District Council Officer: NOT filled" in view.banner.explanation.text()

    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    clock.set(10, 40)
    asked = answer_confirm(monkeypatch, True)
    select_person(view, kent.ids["health"])
    with qtbot.waitSignal(view.recorded) as signal:
        qtbot.keyClick(view.register.table, Qt.Key.Key_L)
    assert "would make the meeting inquorate" in asked[0] and "NOT QUORATE" in asked[0]
    assert signal.args == ["Saved 10:40 — Siân Pritchard left"]
    assert view.banner.verdict.text() == "NOT QUORATE"
    assert "✗ Health: NOT filled" in view.banner.explanation.text()
    assert state_of(view, "Siân Pritchard") == "Left"
    assert meetings.meeting_summary(kent.engine, view.meeting_id).quorum_events == (
        "The meeting became inquorate at 10:40.",)


def test_s3_declining_the_warning_records_nothing(qtbot, kent, clock, table, monkeypatch, dump):
    view = table
    arrive_by_name(qtbot, view, "Helen", "okafor", "Marcus", "sian")
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    before = dump()
    asked = answer_confirm(monkeypatch, False)
    select_person(view, kent.ids["health"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_L)
    assert asked and dump() == before
    assert view.banner.verdict.text() == "QUORATE"


def test_s1_deputy_attends_for_the_police_member(qtbot, kent, clock, table, monkeypatch):
    view = table
    refused = []

    def choose(dialog: SubstituteDialog) -> None:
        assert dialog.person.itemText(0) == "Priya Nair — Kent Police  (named substitute)"
        # First a colleague who is not the named deputy: Kent refuses (000 item 10) ...
        dialog.person.setCurrentIndex(dialog.person.findData(kent.ids["colleague"]))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.error.isVisible()
        refused.append(dialog.error.text())
        # ... then the named deputy.
        dialog.person.setCurrentIndex(0)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, SubstituteDialog, choose)
    select_person(view, kent.ids["police"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_S)
    assert "Sam Police cannot substitute for Daniel Okafor" in refused[0]
    assert "named substitute" in refused[0]
    assert state_of(view, "Priya Nair") == "Substitute for Daniel Okafor"
    assert state_of(view, "Daniel Okafor") == "Apologies; substitute present"
    row = view.register.model.row_of(kent.ids["police_deputy"])
    assert view.register.model.index(row, 2).data() == "Police"
    assert "Police: filled by Priya Nair" in view.banner.explanation.text()
    assert view.status.text().endswith("Priya Nair sits in for Daniel Okafor")


def test_s2_undo_of_a_mistaken_arrival(qtbot, kent, clock, table):
    view = table
    arrive_by_name(qtbot, view, "Grace")
    assert state_of(view, "Grace Adebayo") == "Present"
    assert view.undo_button.accessibleName() == "Undo: Grace Adebayo arrived"
    qtbot.keyClick(view.register.filter, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert state_of(view, "Grace Adebayo") == "Not arrived"
    assert view.status.text() == "Saved 09:45 — Undone: Grace Adebayo arrived"
    with Session(kent.engine) as session:
        undo = session.exec(select(AuditEntry).where(AuditEntry.action == "undo")).one()
    assert undo.detail["undone"] == "Grace Adebayo arrived"
    clock.set(9, 50)
    qtbot.keyClick(view.register.filter, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    line = register.state(kent.engine, view.meeting_id).line(kent.ids["edu2"])
    assert (line.state, line.arrived_at) == ("present", at(9, 45))  # the original time


def test_s2_a_second_arrival_is_refused_in_words(qtbot, kent, clock, table, dump):
    view = table
    arrive_by_name(qtbot, view, "Helen")
    before = dump()
    select_person(view, kent.ids["chair"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_P)
    assert view.problem.isVisible()
    assert "Helen Marsh is already recorded as present" in view.problem.text()
    assert dump() == before


def test_s2_arrival_time_corrected_in_the_times_dialog(qtbot, kent, clock, table,
                                                       monkeypatch):
    view = table
    clock.set(10, 15)
    arrive_by_name(qtbot, view, "Helen")

    def correct(dialog: TimeEditDialog) -> None:
        (_event, edit), = dialog.edits
        assert edit.time() == QTime(10, 15)
        edit.setTime(QTime(10, 5))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, TimeEditDialog, correct)
    select_person(view, kent.ids["chair"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_T)
    row = view.register.model.row_of(kent.ids["chair"])
    assert view.register.model.index(row, 4).data() == "10:05"
    assert view.status.text() == "Saved 10:15 — Times corrected for Helen Marsh"


def test_s2_walk_in_is_stored_exactly_as_typed_and_never_counts(qtbot, kent, clock, table,
                                                                monkeypatch):
    view = table
    name = "<b>Ngozi</b> & O’Brien-Łukasiewicz שלום"

    def fill(dialog: WalkInDialog) -> None:
        dialog.kind.setCurrentIndex(1)  # a guest
        dialog.name.setFocus()
        dialog.name.insert(name)  # as pasted or typed through an input method
        qtbot.keyClicks(dialog.agency.combo, "Kent Youth Trust")  # a known organisation
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, WalkInDialog, fill)
    qtbot.mouseClick(view.register.walk_in, Qt.MouseButton.LeftButton)
    assert state_of(view, name) == "In attendance"
    row = view.register.model.row_of(register.state(kent.engine, view.meeting_id)
                                     .register[-1].person_id)
    assert view.register.model.index(row, 2).data() == "Guest"
    assert view.register.model.index(row, 1).data() == "Kent Youth Trust"
    assert name not in register.state(kent.engine, view.meeting_id).quorum.counting


def test_s2_public_head_count(qtbot, kent, clock, table):
    view = table
    view.public.setFocus()
    view.public.selectAll()
    qtbot.keyClicks(view.public, "12")
    qtbot.keyClick(view.public, Qt.Key.Key_Return)
    assert meetings.meeting_summary(kent.engine, view.meeting_id).public_count == 12
    assert view.status.text() == "Saved 09:45 — Public present: 12"
    assert "Public present: 12" in view.banner.text()


def test_closing_and_reopening_shows_the_meeting_exactly_as_it_was(qtbot, kent, clock, db_path,
                                                                   monkeypatch):
    meeting = kent.meeting()
    view = open_table(qtbot, kent.engine, meeting)
    arrive_by_name(qtbot, view, "Helen", "okafor", "Marcus", "sian", "Grace")
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.agenda.next, Qt.MouseButton.LeftButton)  # item 1
    view.agenda.notes.setFocus()
    qtbot.keyClicks(view.agenda.notes, "Apologies from ")
    view.agenda.notes.insertPlainText("Tomás Ó Briain & <Peter>.")  # through an input method
    before = (view.banner.text(), view.agenda.now.text(),
              [view.register.model.index(r, c).data()
               for r in range(view.register.model.rowCount()) for c in range(6)])
    view.close()  # straight away: the notes are saved although the pause has not passed

    engine = open_database(db_path)
    again = TableView(engine)
    qtbot.addWidget(again)
    again.show_meeting(meeting)
    after = (again.banner.text(), again.agenda.now.text(),
             [again.register.model.index(r, c).data()
              for r in range(again.register.model.rowCount()) for c in range(6)])
    assert after == before
    assert again.agenda.notes.toPlainText() == "Apologies from Tomás Ó Briain & <Peter>."
    assert again.status.text() == "Last saved 09:45 on Tuesday 15 September 2026"
    engine.dispose()

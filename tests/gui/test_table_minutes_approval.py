"""DOMAIN.md §6 and §9 at the table: under "Minutes of the previous meeting" the meeting
agrees the previous minutes, with its corrections, which locks that meeting's record
(002 §6.3), on the Kent LCSP preset (000)."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt

from clerk_app import clock
from clerk_app.gui.dialogs.approval_dialog import ApprovalDialog
from clerk_app.gui.dialogs.decision_dialog import DecisionDialog
from clerk_app.rules.vocabulary import DecisionKind, MinutesStatus
from clerk_app.services import meetings, minutes
from tests.export.minutes_helpers import hold_kent_meeting, start_next_meeting, text_of
from tests.gui.table_support import drive, open_table

NEXT_DAY = date(2026, 10, 20)
CORRECTION = "Item 4: Tomás Ó Briain left the room <before> the vote & returned after."


def _at_previous_minutes(qtbot, kent, monkeypatch):
    first = hold_kent_meeting(kent)
    second = start_next_meeting(kent, NEXT_DAY)
    monkeypatch.setattr(clock, "now", lambda: clock.at(NEXT_DAY, time(10, 10)))
    view = open_table(qtbot, kent.engine, second.meeting_id)
    view.agenda.select_item(second.items[3])
    return first, second, view


def test_s6_the_previous_minutes_are_agreed_with_a_correction_from_the_table(
        qtbot, kent, monkeypatch):
    first, second, view = _at_previous_minutes(qtbot, kent, monkeypatch)

    def agree(dialog: ApprovalDialog) -> None:
        qtbot.keyClicks(dialog.corrections, "Item 4: ")
        # Typed keys cannot carry every character; the rest goes in as pasted text.
        dialog.corrections.insertPlainText(CORRECTION.removeprefix("Item 4: "))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, ApprovalDialog, agree)
    qtbot.mouseClick(view.agenda.decision, Qt.MouseButton.LeftButton)
    assert minutes.minutes_status(kent.engine, first.meeting_id).status is \
        MinutesStatus.APPROVED
    assert "be agreed as a correct record, subject to the corrections" in \
        view.agenda.outcomes.text()
    text = text_of(minutes.render_minutes(kent.engine, first.meeting_id, "pdf"), "pdf")
    assert CORRECTION in text and "NOT YET APPROVED" not in text


def test_s6_enter_on_the_defaults_agrees_them_as_they_stand(qtbot, kent, monkeypatch):
    first, _second, view = _at_previous_minutes(qtbot, kent, monkeypatch)

    def enter(dialog: ApprovalDialog) -> None:
        qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)

    drive(monkeypatch, qtbot, ApprovalDialog, enter)
    qtbot.mouseClick(view.agenda.decision, Qt.MouseButton.LeftButton)
    assert minutes.minutes_status(kent.engine, first.meeting_id).status is \
        MinutesStatus.APPROVED
    assert "subject to the corrections" not in view.agenda.outcomes.text()


def test_s6_another_outcome_leaves_the_previous_minutes_in_draft(qtbot, kent, monkeypatch):
    first, second, view = _at_previous_minutes(qtbot, kent, monkeypatch)
    drive(monkeypatch, qtbot, ApprovalDialog,
          lambda dialog: qtbot.mouseClick(dialog.another, Qt.MouseButton.LeftButton))

    def defer(dialog: DecisionDialog) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findData(DecisionKind.DEFERRED))
        qtbot.keyClicks(dialog.text, "the draft came too late to be read")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, DecisionDialog, defer)
    qtbot.mouseClick(view.agenda.decision, Qt.MouseButton.LeftButton)
    assert minutes.minutes_status(kent.engine, first.meeting_id).status is \
        MinutesStatus.DRAFT
    assert "Deferred. the draft came too late to be read" in view.agenda.outcomes.text()
    assert meetings.meeting_summary(kent.engine, second.meeting_id).status  # still open

"""The limits in the window: typing stops at the longest text the record keeps, and text
an earlier version kept longer is shown whole, refused on saving with a short message,
and saved once the clerk shortens it."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from clerk_app.gui import opening
from clerk_app.gui.dialogs.meeting_details_dialog import MeetingDetailsDialog
from clerk_app.rules.limits import TextKind
from clerk_app.services import agenda, meetings
from tests.gui.shell_support import open_with_dialogs

LONG_VENUE = "Council Chamber, Sessions House, Maidstone " + "<b>&" * 5000  # 20,043


def details_dialog(qtbot, kent, meeting_id):
    def submit(details):
        agenda.set_meeting_details(kent.engine, meeting_id, details)
        return "Saved the meeting's details."

    dialog = MeetingDetailsDialog(agenda.meeting_details(kent.engine, meeting_id), submit)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_typing_stops_at_the_longest_venue_kept(qtbot, kent):
    dialog = details_dialog(qtbot, kent, kent.meeting())
    dialog.venue.setText("v" * TextKind.TEXT.limit)  # pasted
    qtbot.keyClicks(dialog.venue, "xyz")
    assert dialog.venue.text() == "v" * TextKind.TEXT.limit


def test_a_venue_kept_longer_is_shown_whole_refused_briefly_then_saved_shortened(
        qtbot, kent, db_path, dump):
    meeting_id = kent.meeting()
    with sqlite3.connect(db_path) as connection:  # as an earlier version kept it
        connection.execute("UPDATE meeting SET venue = ? WHERE id = ?", (LONG_VENUE, meeting_id))
    dialog = details_dialog(qtbot, kent, meeting_id)
    assert dialog.venue.text() == LONG_VENUE  # never cut on opening
    before = dump()
    qtbot.keyClick(dialog.venue, Qt.Key.Key_Return)  # Enter on the details as they are
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    message = dialog.error.text()
    assert message == ("The venue is 20,043 characters long (“Council Chamber, Session…”); "
                       "at most 10,000 are kept: shorten it.")
    assert dialog.venue.text() == LONG_VENUE  # nothing the clerk sees is lost
    assert dump() == before
    dialog.venue.selectAll()
    qtbot.keyClicks(dialog.venue, "Sessions House")
    qtbot.keyClick(dialog.venue, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert meetings.meeting_summary(kent.engine, meeting_id).venue == "Sessions House"


def test_opening_a_record_with_text_kept_longer_says_where_it_is(qtbot, kent, db_path,
                                                                 monkeypatch):
    meeting_id = kent.meeting()
    kent.engine.dispose()
    with sqlite3.connect(db_path) as connection:  # as an earlier version kept it
        connection.execute("UPDATE meeting SET venue = ? WHERE id = ?", (LONG_VENUE, meeting_id))
    told = []

    def ask(box):  # the clerk reads the message and presses OK
        qtbot.addWidget(box)
        box.show()
        told.append((box.windowTitle(), box.text(), box.textFormat()))
        qtbot.mouseClick(box.buttons()[0], Qt.MouseButton.LeftButton)
        return box.clickedButton()

    monkeypatch.setattr(opening, "ask", ask)
    record = open_with_dialogs(qtbot, db_path)
    try:
        assert record is not None and not record.read_only
        [(title, text, text_format)] = told
        assert title == "About this record" and text_format == Qt.TextFormat.PlainText
        assert "longer than clerk-app now keeps" in text and "meeting venue (1)" in text
        assert LONG_VENUE not in text
        assert meetings.meeting_summary(record.engine, meeting_id).venue == LONG_VENUE
    finally:
        record.close()

"""The meeting's details: title, date, start time, venue, the note on the next meeting
the minutes end with, and the names of the public present.

Reached from Meeting › Details… and the meeting table's "Details…" button. The date and
start time are part of the record once the meeting has opened, so they are shown but
fixed then; nothing changes once the minutes are approved (`agenda.set_meeting_details`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from clerk_app.gui.dialogs.prompts import Asks
from clerk_app.gui.widgets.form_dialog import FormDialog, TimeEdit, date_edit, date_of
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind
from clerk_app.rules.vocabulary import MeetingStatus
from clerk_app.services.agenda import MeetingDetails


class MeetingDetailsDialog(Asks, FormDialog):
    """Args:
        details: the meeting's details as recorded.
        submit: records the changed details and returns the status sentence.
    """

    def __init__(self, details: MeetingDetails, submit: Callable[[MeetingDetails], str],
                 parent: QWidget | None = None) -> None:
        started = details.status is not MeetingStatus.SCHEDULED
        super().__init__(
            "Meeting details", "&Save the details", parent,
            intro="The minutes of this meeting are approved: its details can no longer "
                  "change." if details.locked else
                  "The meeting has started: its date and start time are part of the record."
                  if started else "")
        self._submit = submit
        self._details = details
        self.title = self.add_row("&Title:", limited(QLineEdit(details.title), TextKind.TEXT))
        self.date = self.add_row("&Date:", date_edit(details.date))
        start = details.start_time
        self.start = self.add_row("Start ti&me:", TimeEdit(
            QTime(start.hour, start.minute) if start else QTime(10, 0)))
        self.start.setDisplayFormat("HH:mm")
        for field in (self.date, self.start):
            field.setEnabled(not started)
        self.venue = self.add_row("&Venue:", limited(QLineEdit(details.venue), TextKind.TEXT))
        self.next_meeting = self.add_row(
            "&Next meeting:", limited(QLineEdit(details.next_meeting_note), TextKind.TEXT),
            "What the minutes say under “Date of next meeting”; empty: the next meeting "
            "in the record")
        self.next_meeting.setPlaceholderText("Empty: the next meeting in the record")
        self.public_names = QPlainTextEdit(details.public_names)
        self.public_names.setTabChangesFocus(True)
        self.public_names.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.add_row("Names of the &public:", self.public_names,
                     "Only those who agreed to be named; the minutes give the count anyway")
        if details.locked:
            for field in (self.title, self.venue, self.next_meeting, self.public_names):
                field.setEnabled(False)
            self.ok_button.setEnabled(False)

    def answer(self) -> MeetingDetails:
        d = self._details
        qtime = self.start.time()
        start = time(qtime.hour(), qtime.minute()) if (
            d.start_time or qtime != QTime(10, 0)) else None
        return MeetingDetails(
            self.title.text(), date_of(self.date), start, self.venue.text(),
            self.next_meeting.text(), self.public_names.toPlainText(), d.status,
            d.papers_dispatched_on, d.addition, d.locked)

    def save(self) -> str:
        return self._submit(self.answer())

"""The questions of DOMAIN.md §9 "Times that cannot be": is a meeting dated another day
taking place now, or being entered afterwards; at what time did something happen (when
it is entered afterwards); and the meeting's opening, closing and item times corrected.

Each dialog only asks; the services (services.timing, rules.times) decide whether a
time can be, and a refusal is shown in words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from clerk_app import clock
from clerk_app.gui import theme
from clerk_app.gui.dialogs.prompts import Asks
from clerk_app.gui.widgets.form_dialog import FormDialog, TimeEdit
from clerk_app.services.meetings import AgendaLine, MeetingSummary

LIVE, AFTERWARDS = "live", "afterwards"


class LiveOrAfterwardsDialog(QDialog):
    """A meeting dated another day: taking place now (its date becomes today), or entered
    afterwards from the signing-in sheet (every time typed in). `answer` after exec."""

    def __init__(self, day: date, may_be_afterwards: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Is this meeting taking place now?")
        self.setAccessibleName("Is this meeting taking place now?")
        self.answer: str | None = None
        text = f"This meeting is dated {day:%A %d %B %Y}, not today.\n\n"
        text += ("Is it taking place now (its date becomes today), or are you entering it "
                 "afterwards from the signing-in sheet, typing each time in?"
                 if may_be_afterwards else
                 "It has not been held yet. Is it taking place now? Its date then becomes "
                 "today.")
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox()
        self.live = buttons.addButton("Taking place &now", QDialogButtonBox.ButtonRole.AcceptRole)
        self.live.setAccessibleName("Taking place now")
        self.afterwards = buttons.addButton("Entered &afterwards",
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        self.afterwards.setAccessibleName("Entered afterwards from the signing-in sheet")
        self.afterwards.setVisible(may_be_afterwards)
        self.cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setAccessibleName("Cancel")
        self.cancel.setIcon(theme.icon("x"))
        self.cancel.setDefault(True)  # a stray Enter changes nothing
        self.live.clicked.connect(lambda: self._done(LIVE))
        self.afterwards.clicked.connect(lambda: self._done(AFTERWARDS))
        self.cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _done(self, answer: str) -> None:
        self.answer = answer
        self.accept()

    @classmethod
    def choose(cls, day: date, may_be_afterwards: bool,
               parent: QWidget | None = None) -> str | None:
        """LIVE, AFTERWARDS, or None if the clerk cancelled."""
        dialog = cls(day, may_be_afterwards, parent)
        try:
            dialog.exec()
            return dialog.answer
        finally:
            dialog.deleteLater()


class TypedTimeDialog(FormDialog):
    """The time of one thing in a meeting entered afterwards, from the signing-in sheet."""

    def __init__(self, what: str, day: date, default: time,
                 parent: QWidget | None = None) -> None:
        super().__init__("Time from the signing-in sheet", "&Record at this time", parent,
                         intro=f"This meeting is being entered afterwards: type the time of "
                               f"{what} on {day:%A %d %B %Y}.")
        self._day = day
        self.time = TimeEdit(QTime(default.hour, default.minute))
        self.time.setDisplayFormat("HH:mm")
        self.add_row("&Time:", self.time)
        self.at: datetime | None = None

    def save(self) -> str:
        self.at = clock.at(self._day, self.time.time().toPython().replace(second=0))
        return ""

    @classmethod
    def ask_time(cls, what: str, day: date, default: time,
                 parent: QWidget | None = None) -> datetime | None:
        dialog = cls(what, day, default, parent)
        try:
            dialog.exec()
            return dialog.at if dialog.result() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class MeetingTimesDialog(Asks, FormDialog):
    """Correct the opening, the close and the time each item was taken.

    Args:
        summary: the meeting (its day, opening and close).
        agenda: its items; those taken have a time to correct.
        submit: saves (opening, close, {item id: start}) for what changed, each None or
            empty when unchanged; returns the status text, or raises ClerkError.
    """

    def __init__(self, summary: MeetingSummary, agenda: list[AgendaLine],
                 submit: Callable[[datetime | None, datetime | None,
                                   Mapping[int, datetime]], str],
                 parent: QWidget | None = None) -> None:
        super().__init__("Correct the meeting's times", "&Save the times", parent,
                         intro=f"Correct a time as it happened on {summary.date:%A %d %B %Y}.")
        self._day, self._submit = summary.date, submit
        self.opened = self._row("&Opened at:", summary.opened_at)
        self.closed = self._row("&Closed at:", summary.closed_at) if summary.closed_at else None
        self.items = {line.item_id: self._row(f"Item {line.position} taken at:",
                                              line.started_at)
                      for line in agenda if line.started_at}

    def _row(self, label: str, at: datetime | None) -> tuple[datetime | None, TimeEdit]:
        local = clock.local(at) if at else None
        edit = TimeEdit(QTime(local.hour, local.minute) if local else QTime(10, 0))
        edit.setDisplayFormat("HH:mm")
        self.add_row(label, edit)
        return at, edit

    def _changed(self, row: tuple[datetime | None, TimeEdit] | None) -> datetime | None:
        if row is None or row[0] is None:
            return None
        old, edit = row
        typed = edit.time().toPython().replace(second=0)
        local = clock.local(old)
        if (local.hour, local.minute) == (typed.hour, typed.minute):
            return None
        return clock.at(self._day, typed)

    def save(self) -> str:
        starts = {item_id: new for item_id, row in self.items.items()
                  if (new := self._changed(row)) is not None}
        return self._submit(self._changed(self.opened), self._changed(self.closed), starts)

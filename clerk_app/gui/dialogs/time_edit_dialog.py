"""Correct the times of one person's arrivals, departures, withdrawals and returns.

Times are filled automatically as the clerk records; this is for the slip ("she came in
at 10:05, not 10:15"). The register service checks the corrected timeline and works
quorum lost and regained out again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QTimeEdit, QWidget

from clerk_app import clock
from clerk_app.gui.dialogs.prompts import Asks
from clerk_app.gui.widgets.form_dialog import FormDialog
from clerk_app.rules.vocabulary import AttendanceKind
from clerk_app.services.register import TimelineEvent


class TimeEditDialog(Asks, FormDialog):
    """Args:
        name: whose times these are.
        day: the meeting's day; every time is on it.
        events: the person's timeline, from register.person_events.
        submit: saves {event id: new time} for the times changed; returns the status text.
    """

    def __init__(self, name: str, day: date, events: list[TimelineEvent],
                 submit: Callable[[dict[int, datetime]], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Times for {name}", "Save the times", parent,
                         intro=f"Correct a time as it happened on {day:%A %d %B %Y}.")
        self._submit = submit
        self._day = day
        self.edits: list[tuple[TimelineEvent, QTimeEdit]] = []
        for event in events:
            local = clock.local(event.at)
            edit = QTimeEdit(QTime(local.hour, local.minute))
            edit.setDisplayFormat("HH:mm")
            label = AttendanceKind(event.kind).label
            if event.item_label:
                label += f" {event.item_label}"
            self.add_row(f"{label}:", edit)
            self.edits.append((event, edit))
        if not events:
            self.show_error(f"No arrival or departure has been recorded for {name} yet.")
            self.ok_button.setEnabled(False)

    def changes(self) -> dict[int, datetime]:
        """The times the clerk changed (to the minute), as instants on the meeting's day."""
        changed = {}
        for event, edit in self.edits:
            local = clock.local(event.at)
            typed = edit.time().toPython()
            if (local.date(), local.hour, local.minute) != (self._day, typed.hour,
                                                            typed.minute):
                changed[event.event_id] = clock.at(self._day, typed.replace(second=0))
        return changed

    def save(self) -> str:
        return self._submit(self.changes())

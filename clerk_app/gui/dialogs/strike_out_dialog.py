"""Strike out an entry made by mistake, with the reason (DOMAIN.md §9 "Mistaken entries").

The clerk chooses one of the entries standing for a person (or under an item), sees what
will be struck out with it, and gives the reason; the service keeps the entry with its
reason, and the audit trail says what was struck and why. Works after a restart, when
undo no longer can.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from clerk_app import clock
from clerk_app.gui.dialogs.prompts import Asks
from clerk_app.gui.widgets.form_dialog import FormDialog
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind
from clerk_app.rules.vocabulary import AttendanceKind, Capacity, InterestKind
from clerk_app.services.strike_out import Entry, Strikable


def _item(s: Strikable) -> str:
    return f"item {s.item_position} ({s.item_title})" if s.item_position else ""


def entry_words(s: Strikable) -> str:
    """The entry as the clerk recognises it: "Arrived at 10:10"."""
    at = f" at {clock.hhmm(s.at)}" if s.at else ""
    if s.entry is Entry.EVENT:
        kind = AttendanceKind(s.kind)
        where = f" {_item(s)}" if kind in (AttendanceKind.WITHDRAW, AttendanceKind.RETURN) \
            else ""
        return f"{kind.label}{where}{at}"
    if s.entry is Entry.DECLARATION:
        return (f"Declaration by {s.name} of {InterestKind(s.kind).label.lower()} interest in "
                f"{_item(s)}{at}: {s.text}")
    if s.entry is Entry.ACTION:
        owner = f" ({s.name})" if s.name else ""
        return f"Action under {_item(s)}: {s.text}{owner}"
    return f"{s.name} on the register as {Capacity(s.kind).label.lower()}" + (
        f", {s.text}" if s.text else "")


def what_goes_with(s: Strikable) -> str:
    """What striking out the entry also strikes out, and what it no longer counts for."""
    extra = {
        Entry.LINE: f" {s.name}'s arrivals and departures go with the line.",
        Entry.DECLARATION: " A withdrawal from the item that it brought goes with it.",
    }.get(s.entry, "")
    return (f"Will be struck out: {entry_words(s)}.{extra} It no longer counts for quorum, "
            "votes, attendance or the minutes; the audit trail and the record file keep it "
            "with the reason.")


class StrikeOutDialog(Asks, FormDialog):
    """Args:
        subject: whose or which entries ("Helen Marsh", "item 5").
        entries: the entries standing (strike_out.person_entries or item_entries).
        submit: strikes out the entry chosen with the reason; returns the status text.
    """

    def __init__(self, subject: str, entries: Sequence[Strikable],
                 submit: Callable[[Strikable, str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Strike out an entry: {subject}", "Stri&ke it out", parent,
                         intro="An entry made by mistake is struck out with a reason, "
                               "never deleted.")
        self._submit = submit
        self.entry = QComboBox()
        for s in entries:
            self.entry.addItem(entry_words(s), s)
        self.add_row("&Entry:", self.entry)
        self.preview = QLabel(objectName="assumedNotice")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(self.preview)
        self.reason = limited(QLineEdit(), TextKind.TEXT)
        self.reason.setPlaceholderText("e.g. marked present by mistake: she sent apologies")
        self.add_row("&Reason:", self.reason, "Why the entry is struck out: kept with it.")
        self.entry.currentIndexChanged.connect(self._show_preview)
        self._show_preview()

    def chosen(self) -> Strikable | None:
        return self.entry.currentData()

    def _show_preview(self) -> None:
        chosen = self.chosen()
        self.preview.setText(what_goes_with(chosen) if chosen else "")

    def save(self) -> str:
        return self._submit(self.chosen(), self.reason.text())

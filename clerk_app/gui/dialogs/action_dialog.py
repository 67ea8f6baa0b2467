"""Record an action agreed under an item: what is to be done, by whom, by when (DOMAIN.md
§6 "an action list (action, owner, due date)", §9 "Actions").

The owner is a person or an agency chosen from the list, or any name typed. The due date
starts unset, so Enter on an empty form records nothing and says what is missing; a date
before the meeting is refused by the record in words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLineEdit, QWidget

from clerk_app.gui.dialogs.prompts import Asks
from clerk_app.gui.widgets.form_dialog import DateEdit, FormDialog, date_of
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind

# The due date's "not set" value: the lowest date the field takes, shown as words.
UNSET = date(2000, 1, 1)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DueDateEdit(DateEdit):
    """A date field that starts "Not set": the first digit typed starts a date (from the
    meeting's), so the clerk types "14/01/2027" straight in; tabbing past sets nothing."""

    def __init__(self, start: date) -> None:
        super().__init__()
        self._start = start
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setMinimumDate(_qdate(UNSET))
        self.setSpecialValueText("Not set")
        self.setDate(_qdate(UNSET))

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self.date() == self.minimumDate() and event.text().isdigit():
            self.setDate(_qdate(self._start))
            self.setCurrentSection(QDateTimeEdit.Section.DaySection)
            self.lineEdit().setSelection(0, 2)
        super().keyPressEvent(event)


@dataclass(frozen=True)
class ActionAnswer:
    description: str
    owner: str
    due: date | None


class ActionDialog(Asks, FormDialog):
    """Args:
        item_label: "4. Early help plan".
        owners: the names offered as owner: people first, then agencies.
        submit: records the action and returns the status sentence; raises ClerkError
            when the record refuses it (the dialog stays open, as typed).
        meeting_day: where a due date typed or picked starts from.
    """

    def __init__(self, item_label: str, owners: Sequence[str],
                 submit: Callable[[ActionAnswer], str], meeting_day: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Action under item {item_label}", "Record the &action", parent,
                         intro=f"An action agreed under item {item_label}. It goes in the "
                               "minutes' action list and is listed at later meetings as a "
                               "matter arising until it is marked done.")
        self._submit = submit
        self.description = limited(QLineEdit(), TextKind.TEXT)
        self.description.setPlaceholderText("e.g. Circulate the revised specification")
        self.add_row("&What is to be done:", self.description)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.owner.addItems(list(owners))
        self.owner.setCurrentIndex(-1)
        self.owner.lineEdit().setPlaceholderText("A person or an agency; or type a name")
        # Typing completes a listed name inline; Alt+Down opens the whole list.
        self.owner.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.add_row("&Owner:", self.owner, "Choose from the list (Alt+Down), or type any "
                     "name")
        self.due = DueDateEdit(meeting_day)
        self.add_row("D&ue by:", self.due, "The date the action is due by, e.g. 14/01/2027")

    def answer(self) -> ActionAnswer:
        due = date_of(self.due)
        return ActionAnswer(self.description.text(), self.owner.currentText(),
                            None if due == UNSET else due)

    def save(self) -> str:
        return self._submit(self.answer())

"""The quorum setting's editor: one small editor per form of the rule (rules/quorum.py).

Each editor shows its form as the rule object reads it from the setting, and builds the
form again from the fields; the rule writes the setting back. A new quorum form needs
its class in rules/quorum.py and its editor here, listed in `EDITORS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QSpinBox

from clerk_app.gui.widgets.form_dialog import FormDialog
from clerk_app.rules.fractions import parse_fraction, setting_text
from clerk_app.rules.quorum import (
    FORMS,
    FractionOfSeats,
    GroupsRepresented,
    HeadCount,
    QuorumForm,
    QuorumRule,
    RequiredPresence,
)
from clerk_app.services.errors import ClerkError


class FormEditor:
    """Fields for one form in the setting dialog; `read` gives the form back, or None."""

    def __init__(self, dialog: FormDialog, form: QuorumForm | None) -> None:
        self.dialog = dialog

    def read(self) -> QuorumForm | None:
        raise NotImplementedError


class HeadCountEditor(FormEditor):
    def __init__(self, dialog: FormDialog, form: HeadCount | None) -> None:
        super().__init__(dialog, form)
        self.count = dialog.add_row("&Head count:", QSpinBox(),
                                    "At least this many members; 0 if unused")
        self.count.setRange(0, 500)
        self.count.setValue(form.count if form else 0)

    def read(self) -> HeadCount | None:
        return HeadCount(self.count.value()) if self.count.value() else None


class FractionEditor(FormEditor):
    def __init__(self, dialog: FormDialog, form: FractionOfSeats | None) -> None:
        super().__init__(dialog, form)
        self.fraction = dialog.add_row(
            "&Fraction of seats:", QLineEdit(setting_text(form.fraction) if form else ""),
            "E.g. 1/3; leave empty if unused")
        self.floor = dialog.add_row("&Not fewer than:", QSpinBox())
        self.floor.setRange(0, 500)
        self.floor.setValue(form.floor if form else 0)
        self.vacancies = QCheckBox("&Vacant seats count in the base of the fraction")
        self.vacancies.setAccessibleName("Vacant seats count in the base of the fraction")
        self.vacancies.setChecked(form.vacancies_in_base if form else True)
        dialog.form.addRow("", self.vacancies)

    def read(self) -> FractionOfSeats | None:
        text = self.fraction.text().strip()
        if not text:
            return None
        return FractionOfSeats(parse_fraction(text), self.floor.value(),
                               self.vacancies.isChecked())


class GroupsEditor(FormEditor):
    """How many groups are needed; the groups themselves are added, changed and removed on
    the set-up's Quorum groups tab (design.py), each change checked by the rules."""

    def __init__(self, dialog: FormDialog, form: GroupsRepresented | None) -> None:
        super().__init__(dialog, form)
        self.groups = form.groups if form else ()
        self.needed = dialog.add_row("&Groups needed:", QSpinBox(),
                                     "How many of the listed groups must be represented")
        self.needed.setRange(0, len(self.groups))
        self.needed.setValue(form.needed if form else 0)
        listed = QLabel((", ".join(g.label for g in self.groups) or "No groups listed")
                        + " (add or change groups on the Quorum groups tab)")
        listed.setWordWrap(True)
        listed.setTextFormat(Qt.TextFormat.PlainText)
        dialog.form.addRow("Groups:", listed)

    def read(self) -> GroupsRepresented | None:
        if not self.groups and not self.needed.value():
            return None
        return GroupsRepresented(self.groups, self.needed.value())


class RequiredEditor(FormEditor):
    """Shown only when the rule names groups that must be present; kept as they are."""

    def __init__(self, dialog: FormDialog, form: RequiredPresence | None) -> None:
        super().__init__(dialog, form)
        self.form = form
        if form is not None:
            listed = QLabel(", ".join(g.label for g in form.groups))
            listed.setWordWrap(True)
            dialog.form.addRow("Must be present:", listed)

    def read(self) -> RequiredPresence | None:
        return self.form


EDITORS: Mapping[type[QuorumForm], type[FormEditor]] = {
    HeadCount: HeadCountEditor,
    FractionOfSeats: FractionEditor,
    GroupsRepresented: GroupsEditor,
    RequiredPresence: RequiredEditor,
}


def quorum_editor(dialog: FormDialog, value: Mapping[str, Any]) -> Callable[[], dict[str, Any]]:
    """Fields for each form of the quorum rule; returns a function that reads the setting.

    A form the rules cannot take (a fraction written in words, more groups needed than
    listed) is refused with the rule's own reason.
    """
    rule = QuorumRule.from_setting(value)
    editors = [EDITORS[kind](dialog, rule.form(kind)) for kind in FORMS]

    def read() -> dict[str, Any]:
        try:
            forms = [editor.read() for editor in editors]
            return QuorumRule(*(f for f in forms if f is not None)).setting(value)
        except ValueError as error:
            raise ClerkError(f"{error}.") from error

    return read

"""Add an officer, guest, specialist or walk-in to the register: in attendance, never
counting for quorum, never voting (000 §10.5; 003 §4.3)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget
from sqlalchemy.engine import Engine

from clerk_app.gui.dialogs.prompts import Asks
from clerk_app.gui.widgets.form_dialog import FormDialog
from clerk_app.gui.widgets.organisation_field import OrganisationField
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind

KINDS = ("Officer in attendance", "Guest", "Specialist adviser", "Walk-in")


@dataclass(frozen=True)
class WalkIn:
    name: str
    agency_id: int | None  # a known organisation, or none
    role_note: str
    for_items: str
    arrived: bool


class WalkInDialog(Asks, FormDialog):
    """Args:
        engine: the record, for the organisations to choose from (or add).
        submit: adds the person and returns the status sentence.
    """

    def __init__(self, engine: Engine, submit: Callable[[WalkIn], str],
                 parent: QWidget | None = None) -> None:
        super().__init__("Add someone in attendance", "Add to the register", parent,
                         intro="Officers, guests and walk-ins are recorded as in attendance: "
                         "they never count for quorum and never vote.")
        self._submit = submit
        self.kind = QComboBox()
        self.kind.addItems(KINDS)
        self.add_row("&Attending as:", self.kind)
        self.name = limited(QLineEdit(), TextKind.NAME)
        self.add_row("&Name:", self.name, "As the person writes it; kept exactly as typed.")
        self.agency = OrganisationField(engine, "Agency")
        self.add_row("A&gency:", self.agency, "The organisation they come from, if any")
        self.role = limited(QLineEdit(KINDS[0]), TextKind.TEXT)
        self.add_row("&Role:", self.role, "Shown in the register and the minutes, e.g. "
                     "'Finance officer'.")
        self.for_items = limited(QLineEdit(), TextKind.TEXT)
        self.add_row("For &items:", self.for_items, "Optional, e.g. 'item 5'.")
        self.arrived = QCheckBox("In the room now (record the arrival)")
        self.arrived.setChecked(True)
        self.add_row("", self.arrived)
        self.arrived.setAccessibleName("In the room now")
        self.kind.currentTextChanged.connect(self._kind_changed)

    def _kind_changed(self, kind: str) -> None:
        if self.role.text() in KINDS or not self.role.text().strip():
            self.role.setText(kind)

    def save(self) -> str:
        return self._submit(WalkIn(self.name.text(), self.agency.value(), self.role.text(),
                                   self.for_items.text(), self.arrived.isChecked()))

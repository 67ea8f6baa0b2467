"""Choosing an organisation: from those the record knows, or a new one added on the spot.

A person's agency and employer are organisations, never free text (000 §10.2-10.3): the
clerk picks one from the list, or types its name, short name or an alias ("KCC"), which
must name a known organisation; "New organisation…" adds one with its short name and
aliases (services/organisations.py refuses a word that already names another).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget
from sqlalchemy.engine import Engine

from clerk_app.gui import theme
from clerk_app.gui.widgets.form_dialog import FormDialog
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind
from clerk_app.services import organisations
from clerk_app.services.errors import ClerkError

ALIAS_SEPARATOR = ";"  # names of organisations often hold commas ("KCC, CFE")


class AddOrganisationDialog(FormDialog):
    """An organisation with its short name and aliases."""

    def __init__(self, engine: Engine, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__("Add an organisation", "Add organisation", parent,
                         "An agency or employer. Its short name and aliases are the other "
                         "words the clerk and the papers use for it; each may name one "
                         "organisation only.")
        self._engine = engine
        self.organisation_id: int | None = None
        self.name = self.add_row("&Name:", limited(QLineEdit(name), TextKind.NAME),
                                 "Its full name, as the minutes "
                                 "show it, e.g. 'Kent County Council'")
        self.short_name = self.add_row("&Short name:", limited(QLineEdit(), TextKind.NAME),
                                       "Optional, e.g. 'KCC'")
        self.aliases = self.add_row("A&liases:", QLineEdit(),
                                    "Optional other names, separated by ';', e.g. 'Kent CC'")

    def save(self) -> str:
        aliases = [a.strip() for a in self.aliases.text().split(ALIAS_SEPARATOR)]
        self.organisation_id = organisations.add_organisation(
            self._engine, self.name.text(), self.short_name.text().strip(), aliases)
        return f"Added {self.name.text()} to the organisations."


class OrganisationField(QWidget):
    """A list of the known organisations, with a "New organisation…" button beside it.

    Signals:
        added(int): a new organisation was added from here (its id), and chosen.
    """

    added = Signal(int)

    def __init__(self, engine: Engine, what: str, none_text: str = "Not known",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._what = what
        self.dialog: AddOrganisationDialog | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setEditable(True)  # typing a short name or alias finds the organisation
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setAccessibleName(what)
        self.combo.lineEdit().setAccessibleName(what)
        # Empty means none: no item to choose for it, only these grey words.
        self.combo.lineEdit().setPlaceholderText(none_text)
        layout.addWidget(self.combo, 1)
        self.new_button = QPushButton(theme.icon("plus"), "New organisation…")
        self.new_button.setAccessibleName(f"New organisation for {what}")
        self.new_button.clicked.connect(self._new)
        layout.addWidget(self.new_button)
        self.setFocusProxy(self.combo)
        self.reload()

    def reload(self, chosen: int | None = None) -> None:
        self.combo.clear()
        for org in organisations.list_organisations(self._engine):
            self.combo.addItem(org.label, org.id)
        self.set_value(chosen)

    def value(self) -> int | None:
        """The organisation chosen, or typed by its name, short name or an alias; None
        when not known. Raises ClerkError for a word that names no known organisation."""
        text = self.combo.currentText()
        index = self.combo.findText(text) if text else -1
        if index >= 0:
            return self.combo.itemData(index)
        if not organisations.folded(text):
            return None
        found = organisations.find(self._engine, text)
        if found is None:
            raise ClerkError(
                f"“{text}” is not an organisation the record knows ({self._what}). Choose "
                "one from the list, or add it with “New organisation…”.")
        return found.id

    def set_value(self, organisation_id: int | None) -> None:
        self.combo.setCurrentIndex(self.combo.findData(organisation_id)
                                   if organisation_id is not None else -1)

    def _new(self) -> None:
        typed = self.combo.currentText()
        known = self.combo.findText(typed) >= 0
        self.dialog = AddOrganisationDialog(self._engine, "" if known else typed, self)

        def saved(_text: str) -> None:
            self.reload(self.dialog.organisation_id)
            self.combo.setFocus()
            self.added.emit(self.dialog.organisation_id)

        self.dialog.saved.connect(saved)
        self.dialog.open()

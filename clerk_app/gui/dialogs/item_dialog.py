"""Add an agenda item, or change one: title, presenter, papers, exempt with its reason.

What an added item is depends on where the meeting stands (DOMAIN.md §9 "Agenda
changes"), which the service says (`agenda.addition_now`): before the papers are sent it
is simply added; after, it is a late item, and during the meeting an urgent item the
person presiding has agreed to take. Both ask for the reason, which the agenda or the
minutes print.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from clerk_app.gui.dialogs.prompts import Asks
from clerk_app.gui.widgets.form_dialog import FormDialog
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind
from clerk_app.rules.vocabulary import ItemAddition
from clerk_app.services.errors import ClerkError
from clerk_app.services.meetings import AgendaLine, ItemSpec

# What the dialog says it is doing, by what an added item would be.
TITLES = {ItemAddition.ON_AGENDA: "Add an item to the agenda",
          ItemAddition.LATE: "Add a late item",
          ItemAddition.URGENT: "Take an urgent item"}
INTROS = {
    ItemAddition.LATE: "The agenda papers have been sent, so this item is a late item: the "
                       "agenda marks it, with the reason it is added late.",
    ItemAddition.URGENT: "The meeting is under way. An item not on the agenda may be taken "
                         "only if the person presiding agrees that it is urgent; the "
                         "minutes print the reason (LGA 1972 s100B(4)(b)).",
}
REASONS = {ItemAddition.LATE: "&Why it is added late:",
           ItemAddition.URGENT: "&Why it is urgent:"}


@dataclass(frozen=True)
class ItemAnswer:
    spec: ItemSpec
    reason: str = ""  # a late or urgent item's


class ItemDialog(Asks, FormDialog):
    """Args:
        submit: records the item and returns the status sentence (ClerkError if refused).
        addition: what a new item would be; None when changing `line`.
        line: the item being changed, or None to add one.
    """

    def __init__(self, submit: Callable[[ItemAnswer], str],
                 addition: ItemAddition | None = ItemAddition.ON_AGENDA,
                 line: AgendaLine | None = None, parent: QWidget | None = None) -> None:
        title = f"Change item {line.position}" if line else TITLES[addition]
        super().__init__(title, "&Save the item" if line else "&Add the item", parent,
                         intro=INTROS.get(addition, "") if line is None else "")
        self._submit = submit
        self.title = self.add_row("&Title:", limited(QLineEdit(), TextKind.TEXT))
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        if line is None and addition in REASONS:
            self.add_row(REASONS[addition], self.reason, "Required: printed with the item")
        self.presenter = self.add_row("&Presented by:", limited(QLineEdit(), TextKind.NAME))
        self.papers = self.add_row("Pape&rs:", limited(QLineEdit(), TextKind.TEXT))
        self.exempt = QCheckBox("E&xempt: the public are likely to be excluded")
        self.form.addRow(self.exempt)
        self.exempt_reason = self.add_row("Reaso&n for exclusion:",
                                          limited(QLineEdit(), TextKind.TEXT),
                                          "e.g. information about an individual "
                                          "(LGA 1972 Sch 12A para 1)")
        self.exempt.setAccessibleName("Exempt item")
        if line is not None:
            for field, value in ((self.title, line.title), (self.presenter, line.presenter),
                                 (self.papers, line.papers),
                                 (self.exempt_reason, line.exempt_reason)):
                field.setText(value)
            self.exempt.setChecked(line.exempt)
        self._description = line.description if line else ""
        self.exempt.toggled.connect(self._exempt_changed)
        self._exempt_changed()

    def _exempt_changed(self) -> None:
        self.exempt_reason.setEnabled(self.exempt.isChecked())

    def answer(self) -> ItemAnswer:
        if self.reason.isVisibleTo(self) and not self.reason.toPlainText().strip():
            self.reason.setFocus()
            raise ClerkError("Type the reason: the item cannot be added without it.")
        exempt = self.exempt.isChecked()
        return ItemAnswer(ItemSpec(
            self.title.text(), presenter=self.presenter.text(), papers=self.papers.text(),
            exempt=exempt, exempt_reason=self.exempt_reason.text() if exempt else "",
            description=self._description), self.reason.toPlainText())

    def save(self) -> str:
        return self._submit(self.answer())

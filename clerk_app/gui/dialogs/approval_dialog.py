"""Approve the previous meeting's minutes under "Minutes of the previous meeting", with
any corrections agreed (DOMAIN.md §6, §9; 002 §6.3). Approval locks that meeting's record
and takes the DRAFT marking off its minutes; while this meeting is inquorate it needs the
reason the meeting proceeded, as any resolution does (§3)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit, QWidget

from clerk_app.gui.dialogs.prompts import Asks
from clerk_app.gui.widgets.form_dialog import FormDialog
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind
from clerk_app.rules.quorum_result import QuorumResult

# The dialog's result when the clerk records another outcome (noted, deferred) instead.
ANOTHER_OUTCOME = 2


class ApprovalDialog(Asks, FormDialog):
    """Args:
        item_label: "3. Minutes of the previous meeting".
        quorum: the quorum now, to ask for a reason only when it is needed.
        submit: approves, given the corrections (one a line) and the reason; returns the
            status sentence; raises ClerkError when the record refuses it.
    """

    def __init__(self, item_label: str, quorum: QuorumResult,
                 submit: Callable[[list[str], str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(
            f"Item {item_label}", "Agree the minutes", parent,
            intro="The meeting agrees the minutes of its previous meeting as a correct "
                  "record. Approval locks that meeting's record and takes the DRAFT "
                  "marking off its minutes.")
        self._submit = submit
        self.another = self.buttons.addButton("Another &outcome…",
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.another.setAccessibleName("Another outcome (noted or deferred)")
        self.another.clicked.connect(lambda: self.done(ANOTHER_OUTCOME))
        self.corrections = QPlainTextEdit()
        self.corrections.setTabChangesFocus(True)
        self.corrections.setPlaceholderText("e.g. Item 4: Tomás Ó Briain left the room.")
        self.corrections.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.add_row("&Corrections agreed:", self.corrections,
                     "One correction a line; leave empty if the minutes were agreed as they "
                     "stand")
        self.reason = limited(QLineEdit(), TextKind.TEXT)
        if not quorum.quorate:
            self.add_row("Reason the meeting &proceeded:", self.reason,
                         f"{quorum.summary}: the minutes must say why the meeting went on")

    def save(self) -> str:
        lines = self.corrections.toPlainText().splitlines()
        return self._submit([line for line in lines if line.strip()], self.reason.text())

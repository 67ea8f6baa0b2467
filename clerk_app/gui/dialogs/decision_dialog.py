"""Record how an item ended without a vote: agreed by consensus, referred to another
body or group, noted, or deferred (000 §11.2-11.3). While the meeting is inquorate a
resolution needs the reason the meeting proceeded, which the minutes state (DOMAIN.md §3)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from clerk_app.gui.dialogs.prompts import Asks
from clerk_app.gui.widgets.form_dialog import FormDialog
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind
from clerk_app.rules.quorum import QuorumResult
from clerk_app.rules.vocabulary import DecisionKind
from clerk_app.services.decisions import DECISION_KINDS, RESOLUTIONS
from clerk_app.services.errors import ClerkError

# The outcomes as the clerk chooses them; the vocabulary's label where it says enough.
OUTCOME_WORDS: Mapping[DecisionKind, str] = {
    DecisionKind.CONSENSUS: "Agreed by consensus (RESOLVED)",
    DecisionKind.REFERRED: "Referred to another body or group"}
TEXT_LABELS: Mapping[DecisionKind, str] = {
    DecisionKind.CONSENSUS: "RESOLVED: &that…",
    DecisionKind.REFERRED: "&For (optional):",
    DecisionKind.NOTED: "&Note (optional):",
    DecisionKind.DEFERRED: "&Reason for deferring (optional):",
}


@dataclass(frozen=True)
class DecisionAnswer:
    kind: DecisionKind
    text: str
    inquorate_reason: str
    referred_to: str = ""


class DecisionDialog(Asks, FormDialog):
    """Args:
        item_label: "4. Early help commissioning plan".
        quorum: the quorum now (from the rules), to ask for a reason only when needed.
        submit: records the decision and returns the status sentence.
    """

    def __init__(self, item_label: str, quorum: QuorumResult,
                 submit: Callable[[DecisionAnswer], str],
                 kind: DecisionKind = DecisionKind.CONSENSUS,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Decision on item {item_label}", "Record the decision", parent)
        self._submit = submit
        self._quorate = quorum.quorate
        self.kind = QComboBox()
        for outcome in DECISION_KINDS:
            self.kind.addItem(OUTCOME_WORDS.get(outcome, outcome.label), outcome)
        self.add_row("&Outcome:", self.kind)
        self.referred_to = limited(QLineEdit(), TextKind.TEXT)
        self.referred_to.setPlaceholderText("e.g. the Health and Wellbeing Board")
        self.referred_to.setAccessibleName("Referred to")
        self.referred_label = QLabel("&Referred to:")
        self.referred_label.setBuddy(self.referred_to)
        self.form.addRow(self.referred_label, self.referred_to)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.text_label = QLabel()
        self.text_label.setBuddy(self.text)
        self.form.addRow(self.text_label, self.text)
        self.warning = QLabel(objectName="errorMessage")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setText(f"{quorum.summary}. A resolution cannot be recorded while the "
                             "meeting is inquorate unless the minutes give the reason it "
                             "proceeded; or record the item as noted or deferred.")
        self.form.addRow(self.warning)
        self.reason = limited(QLineEdit(), TextKind.TEXT)
        self.reason_label = QLabel("Reason the meeting &proceeded:")
        self.reason_label.setBuddy(self.reason)
        self.reason.setAccessibleName("Reason the meeting proceeded while inquorate")
        self.form.addRow(self.reason_label, self.reason)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self._kind_changed()

    def _chosen(self) -> DecisionKind:
        return DecisionKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self._chosen()
        words = TEXT_LABELS.get(kind, "&Note (optional):")
        self.text_label.setText(words)
        self.text.setAccessibleName(words.replace("&", "").rstrip(":…"))
        referring = kind is DecisionKind.REFERRED
        self.referred_label.setVisible(referring)
        self.referred_to.setVisible(referring)
        asks_reason = kind in RESOLUTIONS and not self._quorate
        for widget in (self.warning, self.reason_label, self.reason):
            widget.setVisible(asks_reason)

    def answer(self) -> DecisionAnswer:
        kind = self._chosen()
        if kind is DecisionKind.CONSENSUS and not self.text.toPlainText().strip():
            raise ClerkError("Type what was resolved: the minutes read “RESOLVED: that …”.")
        referring = kind is DecisionKind.REFERRED
        if referring and not self.referred_to.text().strip():
            self.referred_to.setFocus()
            raise ClerkError("Type where the item is referred to: the minutes name it.")
        return DecisionAnswer(kind, self.text.toPlainText().strip(),
                              self.reason.text() if kind in RESOLUTIONS else "",
                              self.referred_to.text() if referring else "")

    def save(self) -> str:
        return self._submit(self.answer())

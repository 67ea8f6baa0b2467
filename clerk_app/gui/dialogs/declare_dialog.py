"""Declare an interest: who, in which item, what kind, and its effect (DOMAIN.md §4).

The effect starts at the body's default for the kind (`rules.declarations.default_effect`
over the body's setting, e.g. Kent: a pecuniary interest withdraws, 000 §7.2) and the
clerk may change it. Registered interests the item mentions are offered first.

Nothing is chosen for the clerk that could be wrong (issue: Enter recorded nonsense):
no item when the one shown is procedural, no member unless one is under the cursor or
named by a prompt; the interest is required, filled from the member's registered
interests when they have one; and the effect on quorum is shown before recording.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from clerk_app.gui.dialogs.prompts import Asks
from clerk_app.gui.widgets.form_dialog import FormDialog
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.declarations import InterestKind, InterestMatch, default_effect
from clerk_app.rules.limits import TextKind
from clerk_app.rules.roster import InterestEffect
from clerk_app.services.errors import ClerkError

# The effects as choices to make now (their labels say what was done, for the record).
EFFECT_CHOICES = {InterestEffect.PARTICIPATES: "Participates (recorded only)",
                InterestEffect.SILENT: "Stays, silent: does not speak or vote",
                InterestEffect.WITHDRAWS: "Withdraws: leaves the room for the item"}


@dataclass(frozen=True)
class DeclarationAnswer:
    person_id: int
    item_id: int
    kind: str
    effect: str
    description: str
    dispensation_by: str
    dispensation_note: str


def _unchosen(choices: list[tuple[int, str]], placeholder: str) -> QComboBox:
    combo = QComboBox()
    combo.setPlaceholderText(placeholder)
    for data, label in choices:
        combo.addItem(label, data)
    combo.setCurrentIndex(-1)
    return combo


class DeclareDialog(Asks, FormDialog):
    """Args:
        people: (person id, label) of the members and substitutes on the register.
        items: (item id, label) of the agenda.
        item_id: the item to start on (the one under discussion).
        body_effects: the body's default effects by kind (BodyRules.declaration_effects).
        prompts: registered interests each item mentions, by item id
            (decisions.interest_prompts), offered as "a declaration may be due".
        submit: records the declaration and returns the status sentence.
        registered: each member's current registered interests (description, kind).
        on_quorum: what recording the answer would do to quorum, in a sentence ("" for
            nothing to say), shown before it is recorded (DOMAIN.md §3).
    """

    def __init__(self, people: list[tuple[int, str]], items: list[tuple[int, str]],
                 item_id: int | None, body_effects: Mapping[str, str],
                 prompts: Mapping[int, list[InterestMatch]],
                 submit: Callable[[DeclarationAnswer], str],
                 person_id: int | None = None, parent: QWidget | None = None,
                 registered: Mapping[int, Sequence[tuple[str, InterestKind]]] | None = None,
                 on_quorum: Callable[[DeclarationAnswer], str] | None = None) -> None:
        super().__init__("Declare an interest", "Record the declaration", parent)
        self._submit = submit
        self._effects = dict(body_effects)
        self._prompts = prompts
        self._registered = registered or {}
        self._on_quorum = on_quorum
        self._filled = ""  # the interest as last filled in for the clerk, not typed
        # "A declaration may be due" (DOMAIN.md §4): shown above the form when it applies.
        self.notice = QLabel(objectName="assumedNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.layout().insertWidget(0, self.notice)
        # Nothing chosen until the clerk or the caller chooses (no member, no item).
        self.person = _unchosen(people, "Choose the member")
        self.add_row("&Member:", self.person)
        self.item = _unchosen(items, "Choose the item the interest concerns")
        self.add_row("&Item:", self.item)
        self.kind = QComboBox()
        for words, kind in InterestKind.choices():
            self.kind.addItem(words, kind.value)
        self.add_row("&Kind:", self.kind)
        self.effect = QComboBox()
        for effect, words in EFFECT_CHOICES.items():
            self.effect.addItem(words, effect.value)
        self.add_row("&Effect:", self.effect,
                     "Starts at the body's rule for the kind of interest; change it if the "
                     "Chair rules otherwise.")
        self.description = limited(QLineEdit(), TextKind.TEXT)
        self.add_row("I&nterest:", self.description, "What the interest is, for the minutes.")
        self.dispensation_by = limited(QLineEdit(), TextKind.NAME)
        self.add_row("&Dispensation granted by:", self.dispensation_by,
                     "Only if a dispensation lets the member take part despite the interest.")
        self.dispensation_note = limited(QLineEdit(), TextKind.TEXT)
        self.add_row("Dispensation &for:", self.dispensation_note)
        self.quorum = QLabel(objectName="assumedNotice")
        self.quorum.setWordWrap(True)
        self.quorum.setTextFormat(Qt.TextFormat.PlainText)
        self.quorum.setAccessibleName("Effect on quorum")
        self.form.addRow(self.quorum)
        self.kind.currentIndexChanged.connect(self._default_effect)
        self.item.currentIndexChanged.connect(self._show_prompts)
        self.person.currentIndexChanged.connect(self._fill_from_prompt)
        if item_id is not None and (row := self.item.findData(item_id)) >= 0:
            self.item.setCurrentIndex(row)
        self._default_effect()
        self._show_prompts()
        if person_id is not None and (row := self.person.findData(person_id)) >= 0:
            self.person.setCurrentIndex(row)
        for signal in (self.person.currentIndexChanged, self.item.currentIndexChanged,
                       self.effect.currentIndexChanged, self.dispensation_by.textChanged):
            signal.connect(self._show_quorum)
        self._show_quorum()

    def _default_effect(self) -> None:
        effect = default_effect(InterestKind(self.kind.currentData()), self._effects)
        self.effect.setCurrentIndex(self.effect.findData(effect.value))

    def _matches(self) -> list[InterestMatch]:
        return list(self._prompts.get(self.item.currentData(), []))

    def _show_prompts(self) -> None:
        matches = self._matches()
        if matches:
            lines = "; ".join(f"{m.name} — “{m.interest}”" for m in matches)
            self.notice.setText(f"This item mentions registered interests, so a declaration "
                                f"may be due: {lines}.")
            self.notice.show()
            first = matches[0]
            if (row := self.person.findData(first.person_id)) >= 0:
                self.person.setCurrentIndex(row)
            self._fill_from_prompt()
        else:
            self.notice.hide()

    def _fill_from_prompt(self) -> None:
        """The interest the item mentions, else the member's registered interest, unless
        the clerk has typed one."""
        person = self.person.currentData()
        match = next((m for m in self._matches() if m.person_id == person), None)
        own = list(self._registered.get(person, ()))
        text = match.interest if match else own[0][0] if own else ""
        if self.description.text().strip() and self.description.text() != self._filled:
            return
        self.description.setText(text)
        self._filled = text
        kind = next((k for d, k in own if d == text), None)
        if kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(InterestKind(kind).value))

    def _show_quorum(self) -> None:
        answer = self.answer()
        text = self._on_quorum(answer) if self._on_quorum and answer.person_id is not None \
            and answer.item_id is not None else ""
        self.quorum.setText(text)
        self.quorum.setVisible(bool(text))

    def answer(self) -> DeclarationAnswer:
        return DeclarationAnswer(
            person_id=self.person.currentData(), item_id=self.item.currentData(),
            kind=self.kind.currentData(), effect=self.effect.currentData(),
            description=self.description.text(), dispensation_by=self.dispensation_by.text(),
            dispensation_note=self.dispensation_note.text())

    def save(self) -> str:
        answer = self.answer()
        if answer.person_id is None:
            raise ClerkError("Choose the member who declares the interest.")
        if answer.item_id is None:
            raise ClerkError("Choose the item the interest concerns: a declaration is made "
                             "in an item of business, not in the procedural items.")
        if not answer.description.strip():
            raise ClerkError("Say what the interest is, for the minutes (for example, "
                             "“Trustee of Kent Youth Trust”).")
        return self._submit(answer)

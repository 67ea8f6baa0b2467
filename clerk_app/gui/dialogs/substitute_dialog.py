"""Choose who sits in an absent member's seat: the named substitute, or another person.

The list is not a verdict: the register service applies the body's rule (002 §4.2; 000
Partner Agency Agreement item 10) and a refused choice shows its message here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QWidget

from clerk_app.gui.dialogs.prompts import Asks
from clerk_app.gui.widgets.form_dialog import FormDialog
from clerk_app.services.substitutes import SubstituteChoice


class SubstituteDialog(Asks, FormDialog):
    """Args:
        member_name: the absent member.
        choices: from substitutes.substitute_choices, the named substitute first.
        submit: records the substitute (person id) and returns the status sentence.
    """

    def __init__(self, member_name: str, choices: list[SubstituteChoice],
                 submit: Callable[[int], str], parent: QWidget | None = None) -> None:
        named = next((c for c in choices if c.named), None)
        intro = (f"{named.name} is {member_name}'s named substitute." if named else
                 f"{member_name} has no named substitute in the body's membership.")
        super().__init__(f"Substitute for {member_name}", "Record the substitute", parent,
                         intro=intro + " A substitute takes the member's seat and vote for "
                         "this meeting, never the member's office.")
        self._submit = submit
        self.person = QComboBox()
        for choice in choices:
            label = f"{choice.name} — {choice.agency}" if choice.agency else choice.name
            if choice.named:
                label += "  (named substitute)"
            self.person.addItem(label, choice.person_id)
        self.add_row("&Substitute:", self.person,
                     "The named substitute is first; others must meet the body's rule.")

    def save(self) -> str:
        return self._submit(self.person.currentData())

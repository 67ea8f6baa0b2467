"""A field for a count (votes, heads): a spin box that says so when a key it cannot take
is typed, instead of dropping it without a word (issue 13 item 9)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QSpinBox, QWidget

# Keys that type nothing into a count but still do something in it (editing, moving).
_COMMAND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier \
    | Qt.KeyboardModifier.MetaModifier


class CountBox(QSpinBox):
    """A whole number from 0 to `maximum`.

    Signals:
        refused(str): something other than a digit was typed; the sentence says what to
            do, for the screen holding the box to show where it shows its problems.
    """

    refused = Signal(str)

    def __init__(self, maximum: int = 999, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, maximum)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        typed = event.text()
        if (typed and typed.isprintable() and not typed.isdigit()
                and not event.modifiers() & _COMMAND_MODIFIERS):
            message = f"A count is a number: type digits only (“{typed}” was not taken)."
            self.refused.emit(message)
            return
        super().keyPressEvent(event)

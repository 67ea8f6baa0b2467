"""Small questions the table asks, each behind one function or class method that tests
can drive or replace (the `ask()` convention, STYLE.md point 11)."""

from __future__ import annotations

from typing import Self

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget


class Asks:
    """Mixin for a dialog class: `ask(...)` builds the dialog, runs it, says if accepted."""

    @classmethod
    def ask(cls, *args, **kwargs) -> bool:
        dialog: Self = cls(*args, **kwargs)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()


def confirm(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    """A warning before harm: the clerk must choose `yes` for the action to go ahead.

    The safe answer (Cancel) is the default, so a stray Enter records nothing."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAccessibleName(title)
    box.setAccessibleDescription(text)  # a screen reader hears the why, not only the title
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    go.setAccessibleName(yes)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setAccessibleName("Cancel")
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    try:
        box.exec()
        return box.clickedButton() is go
    finally:
        box.deleteLater()


def ask_text(parent: QWidget | None, title: str, label: str) -> str | None:
    """A line of text (e.g. a correction to the minutes); None if cancelled."""
    text, ok = QInputDialog.getText(parent, title, label)
    return text if ok else None


def choose(parent: QWidget | None, title: str, label: str, options: list[str]) -> int | None:
    """One of a list (e.g. who presides); the index chosen, or None if cancelled."""
    text, ok = QInputDialog.getItem(parent, title, label, options, 0, False)
    return options.index(text) if ok and text in options else None

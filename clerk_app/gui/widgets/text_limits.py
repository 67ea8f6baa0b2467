"""Text fields that stop at the length the record keeps (rules/limits.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from clerk_app.rules.limits import TextKind


def limited(edit: QLineEdit, kind: TextKind) -> QLineEdit:
    """Stop typing at the kind's limit. Text an earlier version kept longer is shown
    whole, never cut: saving it is refused with a message asking to shorten it."""
    edit.setMaxLength(max(kind.limit, len(edit.text())))
    return edit

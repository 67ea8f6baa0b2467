"""What a sighted clerk notices, told to a screen reader too (issue 20).

A label whose text changes (a refusal, the save line, a vote's result) is named by its
text, so a screen reader reading it says what it says now, not a fixed caption; and what
a clerk would notice as it happens ("Saved: …", "Not saved: …", the quorum gained or
lost) is raised as an announcement, which Orca, NVDA and Narrator speak without the
focus moving (Qt 6.8's QAccessibleAnnouncementEvent, over AT-SPI or UI Automation).

Every view calls these functions; none raises accessibility events of its own.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QComboBox, QLabel, QWidget


def announce(widget: QWidget, text: str, urgent: bool = False) -> None:
    """Have a screen reader say `text` now, from `widget`; `urgent` interrupts what it is
    saying (a refusal), otherwise it waits its turn (a save, the quorum)."""
    if not text or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


def show_text(label: QLabel, text: str, caption: str, *, say: bool = False,
              urgent: bool = False) -> None:
    """Put `text` on the label, named by it (by `caption` while it is empty), the change
    raised for assistive technology; `say` also announces it."""
    label.setText(text)
    label.setAccessibleName(text or caption)  # Qt raises the name's change itself
    label.setAccessibleDescription(text)
    if say:
        announce(label, text, urgent)


def name(field: QWidget, text: str) -> QWidget:
    """Name a control for a screen reader; an editable list's text box is named with it
    (it is a control of its own, which would otherwise have no name)."""
    field.setAccessibleName(text)
    if isinstance(field, QComboBox) and field.isEditable():
        field.lineEdit().setAccessibleName(text)
    return field

"""Actions at the table: those agreed under the selected item, the button that records
one, and the matters arising from earlier meetings (DOMAIN.md §9 "Actions"). The strip
shows and asks; the actions controller records."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from clerk_app.gui import theme
from clerk_app.gui.widgets.flow_layout import FlowLayout
from clerk_app.services.actions import ActionRow

SHORTCUT = "Ctrl+T"


def action_words(row: ActionRow) -> str:
    """"Action: Circulate the plan — Marcus Bell, by 15 Oct 2026"."""
    due = f", by {row.due_date.day} {row.due_date:%b %Y}" if row.due_date else ""
    return f"Action: {row.description} — {row.owner or 'no owner'}{due}"


def arising_words(rows: list[ActionRow]) -> str:
    """"Matters arising: 2 actions open from earlier meetings (1 overdue)"."""
    still_open = [r for r in rows if r.done_on is None]
    closed = len(rows) - len(still_open)
    if not rows:
        return "Matters arising: no actions open from earlier meetings."
    words = (f"Matters arising: {len(still_open)} action"
             f"{'' if len(still_open) == 1 else 's'} open from earlier meetings")
    overdue = sum(1 for r in still_open if r.overdue)
    if overdue:
        words += f" ({overdue} overdue)"
    if closed:
        words += f"; {closed} marked done at this meeting"
    return words + "."


class ActionsStrip(QWidget):
    """The actions under the selected item and the matters arising, with their buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = QLabel(objectName="itemActions")
        self.actions.setTextFormat(Qt.TextFormat.PlainText)  # the clerk's text, never markup
        self.actions.setWordWrap(True)
        self.actions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.actions.setAccessibleName("Actions agreed under this item")
        self.arising = QLabel()
        self.arising.setTextFormat(Qt.TextFormat.PlainText)
        self.arising.setWordWrap(True)
        self.add = QPushButton(theme.icon("list-checks"), "Record an action…")
        self.add.setAccessibleName("Record an action")
        self.add.setToolTip(f"An action agreed under this item: what, who, by when "
                            f"({SHORTCUT})")
        self.add.setMinimumHeight(28)
        self.arising_button = QPushButton(theme.icon("history"), "Matters &arising…")
        self.arising_button.setAccessibleName("Matters arising")
        self.arising_button.setToolTip("Actions from earlier meetings still open: mark one "
                                       "done at this meeting")
        self.arising_button.setMinimumHeight(28)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.actions)
        layout.addWidget(self.arising)
        layout.addLayout(FlowLayout().add_widgets(self.add, self.arising_button))

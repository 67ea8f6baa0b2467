"""Matters arising at the table: the body's actions from earlier meetings still open when
this meeting met, each with the minute it came from; one is marked done at this meeting
(DOMAIN.md §9 "Actions")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.gui import theme
from clerk_app.gui.widgets import announce
from clerk_app.services.actions import ActionRow
from clerk_app.services.errors import ClerkError

ACTION_ROLE = Qt.ItemDataRole.UserRole + 1


def row_words(row: ActionRow) -> str:
    """"Circulate the plan — Marcus Bell — due 15 Oct 2026 — Overdue by 5 days
    (from 15 Sep 2026, item 5: Budget)"."""
    due = f"due {row.due_date.day} {row.due_date:%b %Y}" if row.due_date else "no due date"
    return (f"{row.description} — {row.owner or 'no owner'} — {due} — {row.state_words} "
            f"(from {row.minute})")


class MattersArisingDialog(QDialog):
    """Args:
        load: the matters arising as the record now stands.
        close_action: marks one done at this meeting (an action id); returns the status
            sentence; raises ClerkError when the record refuses it.
        writable: False when nothing may be recorded at this meeting (then only listed).
    """

    def __init__(self, load: Callable[[], list[ActionRow]],
                 close_action: Callable[[int], str], writable: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Matters arising")
        self.setAccessibleName("Matters arising")
        self._load, self._close_action, self._writable = load, close_action, writable
        intro = QLabel("Actions agreed at earlier meetings that were still open when this "
                       "meeting met. Mark one done when the meeting hears it has been done.")
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Open actions from earlier meetings")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)  # one action from the next, when each wraps
        caption = QLabel("&Actions:")
        caption.setBuddy(self.list)
        self.message = QLabel(objectName="errorMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.done_button = self.buttons.addButton("Mark &done at this meeting",
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.done_button.setIcon(theme.icon("check"))
        self.done_button.setAccessibleName("Mark the selected action done at this meeting")
        self.buttons.rejected.connect(self.reject)
        self.done_button.clicked.connect(self.mark_done)
        self.list.currentItemChanged.connect(self._update)
        layout = QVBoxLayout(self)
        for widget in (intro, caption, self.list, self.message, self.buttons):
            layout.addWidget(widget)
        self.setMinimumSize(640, 360)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for row in self._load():
            item = QListWidgetItem(row_words(row))
            item.setData(ACTION_ROLE, row.action_id)
            item.setData(ACTION_ROLE + 1, row.done_on is None)
            self.list.addItem(item)
        if self.list.count() == 0:
            empty = QListWidgetItem("No actions were open from earlier meetings.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        else:
            self.list.setCurrentRow(0)
        self._update()

    def _update(self, *_args) -> None:
        item = self.list.currentItem()
        self.done_button.setEnabled(self._writable and item is not None
                                    and bool(item.data(ACTION_ROLE + 1)))

    def mark_done(self) -> None:
        item = self.list.currentItem()
        if item is None or item.data(ACTION_ROLE) is None:
            return
        row = self.list.currentRow()
        try:
            text = self._close_action(item.data(ACTION_ROLE))
        except ClerkError as error:
            self.message.setObjectName("errorMessage")
            text, urgent = f"Not saved: {error.message}", True
        else:
            self.message.setObjectName("savedStatus")
            urgent = False
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()
        announce.show_text(self.message, text, "Message", say=True, urgent=urgent)
        self.reload()
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        self.list.setFocus()

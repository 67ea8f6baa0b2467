"""Audit trail: every change to one meeting's record, with its time, in the clerk's words.

The trail is append-only (clerk_app.services.audit): this dialog only reads it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app.gui.widgets.fitting import fit_to_screen
from clerk_app.services import audit, meetings
from clerk_app.services.audit import AuditLine

_Index = QModelIndex | QPersistentModelIndex


class AuditModel(QAbstractTableModel):
    """The trail's lines (a plain list, loaded once) as a table: time, what, details."""

    HEADERS = ("Time", "What", "Details")

    def __init__(self, lines: list[AuditLine] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._lines: list[AuditLine] = []
        self.set_lines(lines or [])

    def set_lines(self, lines: list[AuditLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        line = self._lines[index.row()]
        if index.column() == 0:
            return f"{line.at:%d %b %Y  %H:%M:%S}"
        if index.column() == 1:
            return line.label
        return line.description

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


class AuditDialog(QDialog):
    """The audit trail of one meeting.

    Args:
        engine: the record.
        meeting_id: the meeting whose trail is shown.
    """

    def __init__(self, engine: Engine, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        summary = meetings.meeting_summary(engine, meeting_id)
        title = f"Audit trail — {summary.title}, {summary.date:%d %B %Y}"
        self.setWindowTitle(title)
        self.setAccessibleName("Audit trail")
        layout = QVBoxLayout(self)
        intro = QLabel("Every change to this meeting's record, in the order it was made, with "
                       "the time it was recorded (undone actions and corrections included). "
                       "Nothing in this list can be changed or removed.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self.model = AuditModel(audit.meeting_trail(engine, meeting_id), self)
        self.table = QTableView()
        self.table.setAccessibleName("Audit trail entries")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # Rows as tall as their wrapped details, recomputed when the columns change.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self.count = QLabel(f"{self.model.rowCount()} entries")
        layout.addWidget(self.count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 560)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.table.scrollToBottom()  # the latest change is the one usually looked for

"""The agenda at the table: an adapter over a plain list of AgendaLine rows.

Each row says in words where the item stands (under discussion, taken, decided), so
nothing depends on colour or an icon alone. No query runs in data().
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from clerk_app.rules.vocabulary import ItemAddition
from clerk_app.services.meetings import AgendaLine

ITEM_ROLE = Qt.ItemDataRole.UserRole
NO_PARENT = QModelIndex()


class AgendaModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AgendaLine] = []
        self._texts: list[str] = []
        self._current: int | None = None

    def set_rows(self, rows: list[AgendaLine], current_item_id: int | None) -> None:
        if list(rows) == self._rows and current_item_id == self._current:
            return  # after an arrival, say: nothing to repaint
        self.beginResetModel()
        self._rows = list(rows)
        self._current = current_item_id
        self._texts = [_text(line, line.item_id == current_item_id) for line in self._rows]
        self.endResetModel()

    def line(self, row: int) -> AgendaLine:
        return self._rows[row]

    def row_of(self, item_id: int | None) -> int | None:
        return next((n for n, line in enumerate(self._rows) if line.item_id == item_id), None)

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[index.row()]
        if role == ITEM_ROLE:
            return line.item_id
        if role == Qt.ItemDataRole.FontRole and line.item_id == self._current:
            font = QFont()
            font.setBold(True)
            return font
        return None


def _text(line: AgendaLine, current: bool) -> str:
    text = f"{line.position}. {line.title}"
    if line.exempt:
        text += " (exempt)"
    if line.added is not ItemAddition.ON_AGENDA:
        text += f" ({line.added.label.lower()})"
    if current:
        text += " — under discussion"
    elif line.outcomes:
        text += " — decided"
    elif line.started_at:
        text += " — taken"
    return text

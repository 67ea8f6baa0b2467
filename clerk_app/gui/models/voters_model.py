"""A recorded (named) vote being taken: each eligible voter and the position marked.

Plain rows in, plain positions out; the rules check the result (decisions.preview).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from clerk_app.rules.vocabulary import Position

NO_PARENT = QModelIndex()


class VotersModel(QAbstractTableModel):
    """Signals:
        changed: a position was marked.
    """

    HEADERS = ("Voter", "Position")
    changed = Signal()

    def __init__(self, voters: list[tuple[int, str]], parent=None) -> None:
        super().__init__(parent)
        self._voters = list(voters)
        self._positions = {pid: Position.DID_NOT_VOTE for pid, _name in self._voters}

    def positions(self) -> dict[int, Position]:
        """Person id -> position marked, for the service."""
        return dict(self._positions)

    def set_position(self, row: int, position: Position) -> None:
        self._positions[self._voters[row][0]] = position
        cell = self.index(row, 1)
        self.dataChanged.emit(cell, cell)
        self.changed.emit()

    def set_all(self, position: Position) -> None:
        for pid, _name in self._voters:
            self._positions[pid] = position
        if self._voters:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._voters) - 1, 1))
        self.changed.emit()

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._voters)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.AccessibleTextRole):
            return None
        pid, name = self._voters[index.row()]
        if index.column() == 0:
            return name
        return self._positions[pid].label

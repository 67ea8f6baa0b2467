"""The register as a Qt table: an adapter over a plain list of RegisterLine rows.

No query runs in data(): the view hands over a fresh list from the service.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from clerk_app import clock
from clerk_app.services.state import RegisterLine

STATE_WORDS = {
    "present": "Present",
    "left": "Left",
    "apologies": "Apologies",
    "expected": "Not arrived",
    "absent": "Absent",
    "substitute": "Substitute",
    "in_attendance": "In attendance",
}

OFFICE_WORDS = {"chair": "Chair", "vice_chair": "Vice-Chair"}


NO_PARENT = QModelIndex()


class RegisterModel(QAbstractTableModel):
    HEADERS = ("Name", "Agency", "Seat", "State", "Arrived", "Left")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[RegisterLine] = []

    def set_rows(self, rows: list[RegisterLine]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> RegisterLine:
        return self._rows[index]

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        line = self._rows[index.row()]
        column = index.column()
        if column == 0:
            offices = ", ".join(OFFICE_WORDS.get(o, o) for o in line.offices)
            return f"{line.name} ({offices})" if offices else line.name
        if column == 1:
            return line.agency
        if column == 2:
            if line.capacity == "substitute":
                return f"{line.category_name}, substitute for {line.substitute_for_name}"
            if line.capacity == "in_attendance":
                return line.role_note or "In attendance"
            return line.category_name + ("" if line.voting else " (non-voting)")
        if column == 3:
            return STATE_WORDS.get(line.state, line.state)
        if column == 4:
            return clock.hhmm(line.arrived_at)
        return clock.hhmm(line.left_at)

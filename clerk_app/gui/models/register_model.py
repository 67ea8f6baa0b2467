"""The register as a Qt table: an adapter over a plain list of RegisterLine rows.

No query runs in data(): the view hands over a fresh list from the service, and
everything a cell shows is worked out once, in set_rows, but for the state's colour,
which follows the theme in use.
"""

from __future__ import annotations

import functools
import unicodedata

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from clerk_app import clock
from clerk_app.gui import theme
from clerk_app.rules.vocabulary import Capacity, OfficeRole, RegisterState
from clerk_app.services.state import RegisterLine

# An office's word, by office key: the roles the rules know; other offices show their key.
OFFICE_WORDS = {role: role.label for role in OfficeRole}

# Text colours that repeat the state word, for light rows and for dark ones: each keeps
# a contrast of at least 4.5:1 on its rows. States without a colour use the palette's text.
# Looked up as each cell is painted, so a change of theme recolours the register at once.
STATE_COLOURS = {
    theme.LIGHT: {RegisterState.PRESENT: "#1b5e20", RegisterState.SUBSTITUTE: "#1b5e20",
            RegisterState.LEFT: "#8a4b00", RegisterState.IN_ATTENDANCE: "#0b4f8a",
            RegisterState.REMOTE: "#5b2c83"},
    theme.DARK: {RegisterState.PRESENT: "#8fd19e", RegisterState.SUBSTITUTE: "#8fd19e",
           RegisterState.LEFT: "#f2b866", RegisterState.IN_ATTENDANCE: "#9cc8f5",
           RegisterState.REMOTE: "#d1b3f0"},
}
# A withdrawn member still in the room is shown as out of it for the item.
IN_THE_ROOM = (RegisterState.PRESENT, RegisterState.SUBSTITUTE, RegisterState.REMOTE)

PERSON_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1

NO_PARENT = QModelIndex()


@functools.lru_cache(maxsize=4096)  # the same names, folded again at every arrival
def folded(text: str) -> str:
    """Text for type-ahead: case and accents ignored, so "sian" finds "Siân"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def state_words(line: RegisterLine, substitute: str = "") -> str:
    """The state in words; `substitute` names who sits in this member's seat."""
    state = RegisterState(line.state)
    if line.withdrawn and state in IN_THE_ROOM:
        return "Withdrawn (this item)"
    if state is RegisterState.SUBSTITUTE and line.substitution_ended_at:
        # The member came: the substitute stays in the room but no longer counts (§1).
        until = clock.local(line.substitution_ended_at)
        return (f"In attendance (substitute for {line.substitute_for_name} until "
                f"{until:%H:%M}, when they arrived)")
    if state is RegisterState.SUBSTITUTE:
        return f"Substitute for {line.substitute_for_name}"
    words = state.label
    if substitute and state is RegisterState.APOLOGIES:
        words += "; substitute present"
    return words


def _colour_state(line: RegisterLine) -> RegisterState:
    """The state whose colour the row takes: a withdrawn member's is that of someone who
    left; a substitute whose member came, that of someone in attendance."""
    if line.withdrawn:
        return RegisterState.LEFT
    if line.substitution_ended_at:
        return RegisterState.IN_ATTENDANCE
    return RegisterState(line.state)


class RegisterModel(QAbstractTableModel):
    HEADERS = ("Name", "Agency", "Seat", "State", "Arrived", "Left")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[RegisterLine] = []
        self._cells: list[tuple[str, ...]] = []
        self._search: list[str] = []
        self._tones: list[RegisterState] = []  # the state each row is coloured by

    def set_rows(self, rows: list[RegisterLine]) -> bool:
        """Show the register as the service read it. The same people in the same order
        (an arrival, a departure) change only the rows that differ, in place: no reset,
        so the view repaints those rows alone. Returns True if the rows were replaced."""
        rows = list(rows)
        sitting_in = {line.substitute_for_id: line.name for line in rows
                      if line.state == RegisterState.SUBSTITUTE
                      and not line.substitution_ended_at}
        cells = [_cells(line, sitting_in.get(line.person_id, "")) for line in rows]
        tones = [_colour_state(line) for line in rows]
        if [r.person_id for r in rows] != [r.person_id for r in self._rows]:
            self.beginResetModel()
            self._keep(rows, cells, tones)
            self.endResetModel()
            return True
        changed = [n for n, shown in enumerate(zip(cells, tones, strict=True))
                   if shown != (self._cells[n], self._tones[n])]
        self._keep(rows, cells, tones)
        for n in changed:
            self.dataChanged.emit(self.index(n, 0), self.index(n, len(self.HEADERS) - 1))
        return False

    def _keep(self, rows: list[RegisterLine], cells: list,
              tones: list[RegisterState]) -> None:
        self._rows, self._cells, self._tones = rows, cells, tones
        self._search = [folded(f"{line.name} {line.agency}") for line in rows]

    def longest(self, column: int) -> int:
        """The length of the longest text in a column (to know when to widen it)."""
        return max((len(cells[column]) for cells in self._cells), default=0)

    def row(self, index: int) -> RegisterLine:
        return self._rows[index]

    def row_of(self, person_id: int) -> int | None:
        """The row showing a person, or None."""
        return next((n for n, line in enumerate(self._rows) if line.person_id == person_id),
                    None)

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
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[row][column]
        if role == PERSON_ROLE:
            return self._rows[row].person_id
        if role == SEARCH_ROLE:
            return self._search[row]
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            colour = STATE_COLOURS[theme.current_scheme()].get(self._tones[row])
            return QColor(colour) if colour else None
        return None


def _cells(line: RegisterLine, substitute: str) -> tuple[str, ...]:
    offices = ", ".join(OFFICE_WORDS.get(o, o) for o in line.offices)
    name = f"{line.name} ({offices})" if offices else line.name
    if line.capacity == Capacity.IN_ATTENDANCE:
        seat = line.role_note or Capacity.IN_ATTENDANCE.label
    elif line.capacity == Capacity.SUBSTITUTE:
        seat = line.category_name
    else:
        seat = line.category_name + ("" if line.voting else " (non-voting)")
    return (name, line.agency, seat, state_words(line, substitute),
            clock.hhmm(line.arrived_at), clock.hhmm(line.left_at))


class RegisterFilter(QSortFilterProxyModel):
    """Type-ahead over the register: every word typed must start a word of the name or
    agency, ignoring case and accents ("mar hel" finds Helen Marsh)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._words = folded(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = folded(text).split()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802
        if not self._words:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        words = str(index.data(SEARCH_ROLE)).split()
        return all(any(w.startswith(typed) for w in words) for typed in self._words)

"""A recorded (named) vote being marked: each eligible voter and the position, by key.

The panel holds the voters model; the result of what is marked is checked by the
service (`decisions.preview`), never here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_app.gui.models.voters_model import VotersModel
from clerk_app.rules.vocabulary import Position


class VotersTable(QTableView):
    """The named vote: F for, A against, B abstained, D did not vote, then the next name.

    Signals:
        marked(int, Position): a row was marked by key.
    """

    KEYS = {Qt.Key.Key_F: Position.FOR, Qt.Key.Key_A: Position.AGAINST,
            Qt.Key.Key_B: Position.ABSTAINED, Qt.Key.Key_D: Position.DID_NOT_VOTE}
    marked = Signal(int, Position)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        position = self.KEYS.get(Qt.Key(event.key()))
        row = self.currentIndex().row()
        if position is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if row >= 0:
                self.marked.emit(row, position)
                if row + 1 < self.model().rowCount():
                    self.setCurrentIndex(self.model().index(row + 1, 0))
            return
        super().keyPressEvent(event)


class NamedVotePanel(QWidget):
    """The voters' table with buttons to mark everyone at once.

    Signals:
        changed: a position was marked.
    """

    changed = Signal()

    def __init__(self, voters: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.table = VotersTable()
        # The model belongs to its table, so the two are destroyed together.
        self.model = VotersModel(voters, self.table)
        self.model.changed.connect(self.changed)
        self.table.setModel(self.model)
        self._set_up_table()
        self.table.marked.connect(self.model.set_position)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        column.addWidget(QLabel("Mark each name: F for, A against, B abstained, "
                                "D did not vote."))
        column.addWidget(self.table, 1)
        row = QHBoxLayout()
        for text, position in (("A&ll for", Position.FOR), ("All a&gainst", Position.AGAINST),
                               ("&Clear", Position.DID_NOT_VOTE)):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", ""))
            button.setMinimumHeight(28)
            button.clicked.connect(lambda _=False, p=position: self.model.set_all(p))
            row.addWidget(button)
            if position is Position.FOR:
                self.all_for = button
        row.addStretch(1)
        column.addLayout(row)

    def positions(self) -> dict[int, Position]:
        return self.model.positions()

    def _set_up_table(self) -> None:
        table = self.table
        table.setAccessibleName("Each voter's position")
        table.setAccessibleDescription("Press F for, A against, B abstained, D did not vote")
        table.setTabKeyNavigation(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(28)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

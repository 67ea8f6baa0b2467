"""The register at the table: a type-ahead filter, the table, and one key per action.

The panel only shows and asks; the register controller records (through the services)
and the table refreshes it from the service's fresh snapshot.
"""

from __future__ import annotations

from enum import Enum, auto

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_app.gui import theme
from clerk_app.gui.models.register_model import PERSON_ROLE, RegisterFilter, RegisterModel
from clerk_app.gui.widgets.flow_layout import FlowLayout


class RegisterCommand(Enum):
    """What the clerk asks the register to record for one person."""

    PRESENT = auto()
    APOLOGIES = auto()
    LEAVE = auto()
    SUBSTITUTE = auto()
    RETURN = auto()
    WITHDRAW = auto()
    TIMES = auto()
    REMOTE = auto()
    STRIKE = auto()


TIME_COLUMNS = (4, 5)  # arrived, left: always a time of day
A_TIME = "00:00"

# key -> (command, button text, icon, what it does). The keys work in the register table;
# the buttons do the same for the selected person.
ACTIONS = (
    (Qt.Key.Key_P, RegisterCommand.PRESENT, "Present", "user-check", "Mark arrived (now)"),
    (Qt.Key.Key_A, RegisterCommand.APOLOGIES, "Apologies", "user-x", "Record apologies"),
    (Qt.Key.Key_L, RegisterCommand.LEAVE, "Left", "log-out", "Record a departure (now)"),
    (Qt.Key.Key_S, RegisterCommand.SUBSTITUTE, "Substitute…", "user-cog",
     "Record a substitute in this member's seat"),
    (Qt.Key.Key_R, RegisterCommand.RETURN, "Return", "log-in",
     "Back in the room: after leaving, or after withdrawing from the item"),
    (Qt.Key.Key_W, RegisterCommand.WITHDRAW, "Withdraw", "door-open",
     "Leaves the room for the item under discussion"),
    (Qt.Key.Key_T, RegisterCommand.TIMES, "Times…", "clock", "Correct this person's times"),
    (Qt.Key.Key_V, RegisterCommand.REMOTE, "Video link", "monitor",
     "Joined by video link (now), or back to attending in the room"),
    (Qt.Key.Key_X, RegisterCommand.STRIKE, "Strike out…", "user-minus",
     "Strike out an entry made by mistake, with the reason"),
)


class RegisterTable(QTableView):
    """The register, where single keys record: P A L S R W T V X (see ACTIONS).

    Signals:
        command(RegisterCommand, int): a command key was pressed on a person (person id).
    """

    command = Signal(object, int)
    _KEYS = {key: command for key, command, *_ in ACTIONS}

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        command = self._KEYS.get(Qt.Key(event.key()))
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if command and plain:
            person = self.currentIndex().data(PERSON_ROLE)
            if person is not None:
                self.command.emit(command, person)
            return
        super().keyPressEvent(event)


class RegisterPanel(QWidget):
    """Signals:
        command(RegisterCommand, int): chosen by key or button for a person (person id).
        arrive_typed(int): Enter in the filter box with one person matching.
        add_walk_in(): the clerk wants to add an officer, guest or walk-in.
    """

    command = Signal(object, int)
    arrive_typed = Signal(int)
    add_walk_in = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fitted_to: list[int] = []  # longest state and times when last fitted
        self.model = RegisterModel(self)
        self.proxy = RegisterFilter(self)
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type a name, then Enter to mark them arrived")
        self.filter.setAccessibleName("Find a person; Enter marks the one found as arrived")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumHeight(28)
        search = self.filter.addAction(theme.icon("search"),
                                       QLineEdit.ActionPosition.LeadingPosition)
        search.setText("Find a person")  # the name of the icon's button, read out
        self.filter.textChanged.connect(self._filter_changed)
        self.filter.returnPressed.connect(self._enter_in_filter)
        self.filter.installEventFilter(self)
        find = QLabel("F&ind:")  # Alt+F is the File menu
        find.setBuddy(self.filter)
        self.matches = QLabel()
        self.matches.setTextFormat(Qt.TextFormat.PlainText)

        self._make_table()
        grid = self._make_buttons()
        top = QHBoxLayout()
        top.addWidget(find)
        top.addWidget(self.filter, 1)
        top.addWidget(self.matches)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(grid)

    def _make_table(self) -> None:
        self.table = RegisterTable()
        self.table.setModel(self.proxy)
        # Fitted to the table's own width, which is known only after the panel's.
        self.table.viewport().installEventFilter(self)
        self.table.setAccessibleName("Register")
        self.table.setAccessibleDescription(
            "Keys: P present, A apologies, L left, S substitute, R return, W withdraw from "
            "the item, T correct times, V joined by video link or back in the room, "
            "X strike out a mistaken entry")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table: no focus trap
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.command.connect(self.command)
        self.table.doubleClicked.connect(self._double_clicked)

    def _make_buttons(self) -> FlowLayout:
        """One button per command, for the selected person, and the walk-in button; in
        columns that wrap to the panel's width."""
        self.buttons: dict[RegisterCommand, QPushButton] = {}
        grid = FlowLayout(spacing=4, uniform=True)
        for key, command, text, icon, tip in ACTIONS:
            letter = QKeySequence(key).toString()
            button = QPushButton(theme.icon(icon), f"{text}  {letter}")
            button.setToolTip(f"{tip} (key {letter} in the register)")
            button.setAccessibleName(f"{text.rstrip('…')}: {tip}")
            button.setMinimumHeight(28)
            button.clicked.connect(lambda _=False, c=command: self._button(c))
            grid.addWidget(button)
            self.buttons[command] = button
        self.walk_in = QPushButton(theme.icon("user-plus"), "Add g&uest…")  # Alt+W: Why?
        self.walk_in.setToolTip("Add an officer, guest, specialist or walk-in: in attendance, "
                                "never counting, never voting")
        self.walk_in.setAccessibleName("Add an officer, guest or walk-in")
        self.walk_in.setMinimumHeight(28)
        self.walk_in.clicked.connect(self.add_walk_in)
        grid.addWidget(self.walk_in)
        return grid

    def set_recording(self, recording: bool) -> None:
        """After the close only the times can be corrected: the other buttons go grey."""
        for command, button in self.buttons.items():
            button.setEnabled(recording or command is RegisterCommand.TIMES)
        self.walk_in.setEnabled(recording)
        self.filter.setPlaceholderText(
            "Type a name, then Enter to mark them arrived" if recording else
            "The meeting has closed: type a name to find them, T to correct their times")

    def set_rows(self, rows) -> None:
        """New rows from the service; the same person stays selected."""
        person = self.current_person()
        if self.model.set_rows(rows):  # new people: fit the columns, filter again
            self._fit_columns()
            self.select_person(person)
            self._filter_changed(self.filter.text())
        elif self._grew():
            self._fit_columns()

    def _grew(self) -> bool:
        """A longer state or time than the columns were fitted to, or a first time: a
        shorter one leaves them as they are (refitting every column is the slowest part
        of showing an arrival)."""
        fitted = self._fitted_to
        return not fitted or any(n > f for n, f in zip(self._longest(), fitted, strict=True))

    def _longest(self) -> list[int]:
        # The times' columns are fitted to a time from the start (TIME_COLUMNS), so the
        # first arrival or departure does not refit and repaint the whole register.
        return [self.model.longest(3), *(max(self.model.longest(column), len(A_TIME))
                                         for column in TIME_COLUMNS)]

    def _fit_columns(self) -> None:
        """Times as wide as they need, the state up to 200 px (less on a narrow screen);
        agency and seat share what is left with the name, which keeps at least half of it
        (it is what the clerk reads). A cut-short cell shows in full as its tooltip."""
        self._fitted_to = self._longest()
        header = self.table.horizontalHeader()
        for column in range(1, self.model.columnCount()):
            header.resizeSection(column, self._content_width(column))
        viewport = self.table.viewport().width()
        header.resizeSection(3, min(header.sectionSize(3), 200, int(viewport * 0.27)))
        fixed = sum(header.sectionSize(c) for c in (3, 4, 5))
        free = max(viewport - fixed, 0)
        for column in (1, 2):
            header.resizeSection(column, min(header.sectionSize(column), int(free * 0.25)))

    def _content_width(self, column: int) -> int:
        """The width a column's cells need over every row, found or not: fitted to the
        rows a search shows, "Not arrived" would read "Not a…" once the search is cleared."""
        option = QStyleOptionViewItem()
        option.initFrom(self.table)
        delegate = self.table.itemDelegate()
        cells = max((delegate.sizeHint(option, self.model.index(row, column)).width()
                     for row in range(self.model.rowCount())), default=0)
        if column in TIME_COLUMNS:
            cells = max(cells, self._time_width())
        grid = 1 if self.table.showGrid() else 0
        return max(cells + grid, self.table.horizontalHeader().sectionSizeHint(column))

    def _time_width(self) -> int:
        """A time's cell as the delegate lays it out: the text and a margin each side."""
        margin = self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin,
                                                None, self.table) + 1
        return self.table.fontMetrics().horizontalAdvance(A_TIME) + 2 * margin

    def current_person(self) -> int | None:
        return self.table.currentIndex().data(PERSON_ROLE)

    def select_person(self, person_id: int | None) -> None:
        row = self.model.row_of(person_id) if person_id is not None else None
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        if not text.strip():
            self.matches.setText("")
            return
        count = self.proxy.rowCount()
        self.matches.setText({0: "nobody", 1: "1 match"}.get(count, f"{count} matches"))
        if count:
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _enter_in_filter(self) -> None:
        """A name plus Enter marks arrival, when the name finds exactly one person."""
        count = self.proxy.rowCount()
        if count == 1:
            person = self.proxy.index(0, 0).data(PERSON_ROLE)
            self.arrive_typed.emit(person)
        elif count > 1:
            self.matches.setText(f"{count} matches: type more of the name, or press Down "
                                 "and choose")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """In the filter box: Escape clears it; Down goes to the register; Ctrl+Z and
        Ctrl+Shift+Z undo and redo the last recording (the table view's shortcuts), not the
        typing in the box. The table's viewport: its columns are fitted to its width."""
        if watched is not self.filter:
            if event.type() == QEvent.Type.Resize:  # the table's viewport
                self._fit_columns()
            return False
        if event.type() == QEvent.Type.ShortcutOverride and _is_undo_or_redo(event):
            event.ignore()
            return True
        if (event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape
                and self.filter.text()):
            self.filter.clear()  # the whole register again, ready for the next name
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self.table.setFocus()
            if self.proxy.rowCount() and not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.proxy.index(0, 0))
            return True
        return False

    def _button(self, command: RegisterCommand) -> None:
        person = self.current_person()
        if person is None:
            self.matches.setText("Choose a person in the register first")
            return
        self.command.emit(command, person)

    def _double_clicked(self, index) -> None:
        if index.column() in (4, 5):
            self.command.emit(RegisterCommand.TIMES, index.data(PERSON_ROLE))


UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def _is_undo_or_redo(event: QKeyEvent) -> bool:
    return any(event.matches(key) for key in UNDO_KEYS) or \
        QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+Shift+Z")

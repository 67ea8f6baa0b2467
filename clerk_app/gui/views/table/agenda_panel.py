"""The agenda at the table: the item under discussion and who presides, the list of
items, and the selected item's declarations, notes and outcomes with the buttons that
record them. The panel shows and asks; the agenda controller records, each button bound
to one of its methods."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.gui import theme
from clerk_app.gui.models.agenda_model import ITEM_ROLE, AgendaModel
from clerk_app.gui.views.table.actions_panel import ActionsStrip
from clerk_app.gui.widgets.fitting import MessageLabel
from clerk_app.gui.widgets.flow_layout import FlowLayout


def table_button(icon: str, text: str, name: str, tip: str) -> QPushButton:
    """A button of the meeting table: icon, words, a name for screen readers and a tip."""
    button = QPushButton(theme.icon(icon), text)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    button.setMinimumHeight(28)
    return button


def _label(object_name: str = "") -> QLabel:
    # The clerk's text, never markup; wrapped, and never wider than the panel.
    return MessageLabel(objectName=object_name)


class AgendaPanel(QWidget):
    """Signals:
        selected(int): the clerk moved to another item (item id).
    """

    selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now = _label("pageHeading")
        self.presiding = _label()
        self.choose_presiding = table_button(
            "gavel", "Choose who &presides…", "Choose who presides",
            "Neither the Chair nor the Vice-Chair can preside: the members choose one")
        self.model = AgendaModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Agenda")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)  # a long title wraps rather than scrolling sideways
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 7 + 40)
        agenda = QLabel("A&genda:")
        agenda.setBuddy(self.list)
        self._editing_buttons()
        self.start = table_button("circle-play", "&Start this item", "Start the selected item",
                             "Take the selected item now")
        self.next = table_button("arrow-down", "Ne&xt item", "Start the next item",
                            "Take the item after the one under discussion")
        self.declare = table_button("hand", "&Declare an interest…", "Declare an interest",
                               "A member declares an interest in an item")
        self.strike = table_button("pencil", "Stri&ke out…", "Strike out a declaration or action",
                              "Strike out a declaration or action under the item, recorded "
                              "by mistake, with the reason")

        self.item_title = _label("pageHeading")
        self.item_details = _label()
        self.prompt = _label("assumedNotice")
        self.declarations = _label()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)  # Tab leaves the notes: no focus trap
        self.notes.setAccessibleName("Notes on the item, saved as you type")
        self.notes.setPlaceholderText("Notes on this item for the minutes; saved as you type")
        notes = QLabel("&Notes (saved as you type):")
        notes.setBuddy(self.notes)
        self.outcomes = _label("itemOutcomes")
        self.outcomes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.decision = table_button("gavel", "Re&cord a decision…", "Record a decision",
                                "Agreed by consensus, noted or deferred")
        self.vote = table_button("vote", "Vo&te…", "Take a vote", "A show of hands or a recorded "
                            "vote, with the casting vote on a tie")
        self.election = table_button("award", "E&lection…", "Hold an election to office",
                                "Candidates and votes; a tie goes to the casting vote or lot")
        self.actions = ActionsStrip()
        self._lay_out(agenda, notes)
        self.list.selectionModel().currentChanged.connect(self._current_changed)


    def _editing_buttons(self) -> None:
        # Changing the agenda (gui/views/table/agenda_editor.py); the arrows move the
        # selected item, as Alt+Up and Alt+Down do in the list.
        self.add_item = table_button("plus", "Add item…", "Add an item to the agenda",
                                "Add an item to the agenda (Insert)")
        self.edit_item = table_button("pencil", "Edit item…", "Change the selected item",
                                 "Title, presenter, papers, exempt (F2)")
        self.move_up = table_button("arrow-up", "", "Move the selected item up",
                               "Move the selected item up (Alt+Up)")
        self.move_down = table_button("arrow-down", "", "Move the selected item down",
                                 "Move the selected item down (Alt+Down)")
        self.remove_item = table_button("trash-2", "Remove item", "Remove the selected item",
                                   "Take the selected item off the agenda (Delete)")

    def _lay_out(self, agenda: QLabel, notes: QLabel) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.now)
        layout.addWidget(self.presiding)  # its reasons take the panel's whole width
        row = QHBoxLayout()
        row.addWidget(self.choose_presiding)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(agenda)
        layout.addWidget(self.list)
        # Rows that wrap: the panel shares a 1024-pixel screen with the register.
        layout.addLayout(FlowLayout().add_widgets(
            self.add_item, self.edit_item, self.move_up, self.move_down, self.remove_item))
        layout.addLayout(FlowLayout().add_widgets(
            self.start, self.next, self.declare, self.strike))
        layout.addSpacing(6)
        layout.addWidget(self.item_title)
        layout.addWidget(self.item_details)
        layout.addWidget(self.prompt)
        layout.addWidget(self.declarations)
        layout.addWidget(notes)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.outcomes)
        layout.addWidget(self.actions)
        layout.addLayout(FlowLayout().add_widgets(self.decision, self.vote, self.election))

    def selected_item(self) -> int | None:
        return self.list.currentIndex().data(ITEM_ROLE)

    def select_item(self, item_id: int | None) -> None:
        row = self.model.row_of(item_id)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row, 0))

    def select_quietly(self, item_id: int | None) -> None:
        """Select an item without telling anyone: the record is being shown, not changed."""
        selection = self.list.selectionModel()
        self.list.blockSignals(True)
        selection.blockSignals(True)
        self.select_item(item_id)
        selection.blockSignals(False)
        self.list.blockSignals(False)

    def set_notes_quietly(self, text: str) -> None:
        """Show an item's notes as recorded: not typing, so nothing to save."""
        self.notes.blockSignals(True)
        self.notes.setPlainText(text)
        self.notes.blockSignals(False)

    def _current_changed(self, current, _previous) -> None:
        item_id = current.data(ITEM_ROLE)
        if item_id is not None:
            self.selected.emit(item_id)

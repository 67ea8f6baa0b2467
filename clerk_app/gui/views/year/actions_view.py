"""The actions log across meetings: open actions, overdue first, each with the minute it
came from; mark one done, or undo that (DOMAIN.md §6, the minutes' action list)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app.gui import theme
from clerk_app.gui.views.year import common
from clerk_app.gui.views.year.common import Column, Loader, Notice, RowsModel, short_date
from clerk_app.gui.widgets.fitting import narrow_combo
from clerk_app.gui.widgets.form_dialog import date_of
from clerk_app.services import actions, body_setup
from clerk_app.services.actions import ActionRow
from clerk_app.services.errors import ClerkError


def _tone(row: ActionRow) -> str | None:
    return "bad" if row.overdue else None


COLUMNS = [
    Column("Action", lambda a: a.description, tooltip=lambda a: a.description),
    Column("Owner", lambda a: a.owner or "No owner"),
    Column("Due", lambda a: short_date(a.due_date) or "No date"),
    Column("State", lambda a: a.state_words, tone=_tone),
    Column("From the minute", lambda a: a.minute, tooltip=lambda a: f"{a.body_name}: {a.minute}"),
    Column("Body", lambda a: a.body_name),
]


class ActionsView(QWidget):
    """Every body's actions in one log, with a body filter.

    Signals:
        loaded(): the list on screen is up to date.
        minute_activated(int, int): the clerk double-clicked (or pressed Enter on) an
            action: the meeting id and the item id (0 when the action has no item), so
            the lead can open the minute it came from.
    """

    loaded = Signal()
    minute_activated = Signal(int, int)

    def __init__(self, engine: Engine, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._today = today
        self._loader = Loader(self, self._show_rows, self._load_failed)

        heading = QLabel("Actions", objectName="pageHeading")
        heading.setFont(theme.scaled_font(self.font(), 1.25, bold=True))
        self.body_box = narrow_combo(QComboBox())
        self.body_box.setAccessibleName("Body")
        body_label = QLabel("&Body:")
        body_label.setBuddy(self.body_box)
        self.show_done = QCheckBox("Show &done")
        self.show_done.setAccessibleName("Show done actions")
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(body_label)
        top.addWidget(self.body_box)
        top.addWidget(self.show_done)

        self.summary = QLabel(objectName="pageSubheading")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.notice = Notice()
        self.model = RowsModel(COLUMNS, self)
        self.table = common.table_view(self.model, "Actions")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.done_on, self.done_button, self.reopen_button, row = common.dated_action_row(
            self.today(), "Mar&k done", "Not done after a&ll")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

        self.body_box.currentIndexChanged.connect(self.refresh)
        self.show_done.toggled.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.activated.connect(self._activated)
        self.done_button.clicked.connect(self.mark_done)
        self.reopen_button.clicked.connect(self.mark_not_done)
        self._fill_bodies()

    def today(self) -> date:
        return self._today or date.today()

    def _fill_bodies(self) -> None:
        self.body_box.blockSignals(True)
        self.body_box.clear()
        self.body_box.addItem("All bodies", None)
        for body_id, _key, name in body_setup.list_bodies(self._engine):
            self.body_box.addItem(name, body_id)
        self.body_box.blockSignals(False)
        self.refresh()

    def refresh(self, *_args) -> None:
        self._update_buttons()
        self._loader.request(actions.actions_log, self._engine, self.body_box.currentData(),
                             self.show_done.isChecked(), self.today())

    def _load_failed(self, message: str) -> None:
        self.notice.show_error(message)

    def _show_rows(self, rows: list[ActionRow]) -> None:
        current = common.selected_row(self.table)
        self.model.set_rows(rows)
        open_rows = [r for r in rows if r.done_on is None]
        overdue = sum(1 for r in open_rows if r.overdue)
        self.summary.setText(f"{len(open_rows)} open, {overdue} overdue." if rows
                             else "No open actions.")
        if current is not None:
            self.select(current.action_id)
        self._update_buttons()
        self.loaded.emit()

    def select(self, action_id: int) -> bool:
        for n, row in enumerate(self.model.rows()):
            if row.action_id == action_id:
                self.table.selectRow(n)
                return True
        return False

    def _update_buttons(self, *_args) -> None:
        row = common.selected_row(self.table)
        self.done_button.setEnabled(row is not None and row.done_on is None)
        self.reopen_button.setEnabled(row is not None and row.done_on is not None)

    def mark_done(self) -> None:
        row = common.selected_row(self.table)
        if row is None:
            return
        on = date_of(self.done_on)
        try:
            actions.set_done(self._engine, row.action_id, on, self.today())
        except ClerkError as error:
            self.notice.show_error(error.message)
            return
        self.notice.show_info(f"Done on {on.day} {on:%B %Y}: \u201c{row.description}\u201d. "
                              "Saved.")
        self.refresh()

    def mark_not_done(self) -> None:
        row = common.selected_row(self.table)
        if row is None:
            return
        try:
            actions.set_done(self._engine, row.action_id, None, self.today())
        except ClerkError as error:
            self.notice.show_error(error.message)
            return
        self.notice.show_info(f"Open again: \u201c{row.description}\u201d. Saved.")
        self.refresh()

    def _activated(self, index) -> None:
        row = self.model.row(index.row())
        self.minute_activated.emit(row.meeting_id, row.item_id or 0)

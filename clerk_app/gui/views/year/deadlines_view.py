"""The deadlines dashboard: agenda papers to send and minutes to distribute, overdue first
(DOMAIN.md §6; seven working days, 002 §6.2; ten days, 002 §6.3).

Every body's meetings in one list by default, since a clerk often serves several. The
clerk marks papers sent or minutes distributed on a chosen day; each mark is saved at
once, with an audit entry. The list is built on the worker.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app.gui import theme
from clerk_app.gui.views.year import common
from clerk_app.gui.views.year.common import Column, Loader, Notice, RowsModel, short_date
from clerk_app.gui.views.year.schedule_dialog import ScheduleDialog
from clerk_app.gui.widgets.fitting import narrow_combo
from clerk_app.gui.widgets.flow_layout import FlowLayout
from clerk_app.gui.widgets.form_dialog import date_of
from clerk_app.rules.vocabulary import DeadlineState, DeadlineTask
from clerk_app.services import body_setup, minutes, schedule
from clerk_app.services.errors import ClerkError
from clerk_app.services.schedule import DeadlineRow

STATE_TONES = {DeadlineState.OVERDUE: "bad", DeadlineState.UNRECORDED: "bad",
               DeadlineState.DONE_LATE: "warn"}
MARK_BUTTON = {DeadlineTask.PAPERS: "Mar&k papers sent",
               DeadlineTask.MINUTES: "Mar&k minutes distributed"}


def _tone(row: DeadlineRow) -> str | None:
    """Overdue in red; due within three days, or done late, in amber (the words say which)."""
    if row.state == DeadlineState.DUE and (row.due - row.today).days <= 3:
        return "warn"
    return STATE_TONES.get(row.state)


def _meeting(row: DeadlineRow) -> str:
    when = f"{row.meeting_date:%a} {short_date(row.meeting_date)}"
    return when + (f", {row.start_time:%H:%M}" if row.start_time else "")


COLUMNS = [
    Column("Body", lambda r: r.body_name),
    Column("Meeting", _meeting),
    Column("Deadline", lambda r: r.task_words),
    Column("Due by", lambda r: f"{r.due:%a} {short_date(r.due)}",
           tooltip=lambda r: f"{r.task_words} due by {schedule.long_date(r.due)}: {r.rule}"),
    Column("Done on", lambda r: short_date(r.done_on)),
    Column("State", lambda r: r.state_words, tone=_tone),
    Column("Rule", lambda r: r.rule),
]


class DeadlinesView(QWidget):
    """Deadlines across bodies, with a way to mark papers sent and minutes distributed.

    Signals:
        loaded(): the list on screen is up to date.
        meeting_activated(int): the clerk double-clicked (or pressed Enter on) a row:
            the lead can open that meeting.
    """

    loaded = Signal()
    meeting_activated = Signal(int)

    def __init__(self, engine: Engine, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._today = today
        self._loader = Loader(self, self._show_rows, self._load_failed)

        heading = QLabel("Deadlines", objectName="pageHeading")
        heading.setFont(theme.scaled_font(self.font(), 1.25, bold=True))
        self.body_box = narrow_combo(QComboBox())
        self.body_box.setAccessibleName("Body")
        body_label = QLabel("&Body:")
        body_label.setBuddy(self.body_box)
        self.show_done = QCheckBox("Show &done and approved")
        self.show_done.setAccessibleName("Show done and approved")
        self.plan_button = QPushButton(theme.icon("calendar-plus"), "&Plan the year's meetings…")
        self.plan_button.setAccessibleName("Plan the year's meetings")
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(body_label)
        top.addWidget(self.body_box)
        top.addLayout(FlowLayout().add_widgets(self.show_done, self.plan_button), 1)

        self.summary = QLabel(objectName="pageSubheading")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.notice = Notice()
        self.model = RowsModel(COLUMNS, self)
        self.table = common.table_view(self.model, "Deadlines")
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)

        self.done_on, self.mark_button, self.undo_button, actions = common.dated_action_row(
            self.today(), "Mar&k done", "&Not sent after all")
        self.undo_button.setToolTip("Clear the date the agenda papers were sent")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        self.body_box.currentIndexChanged.connect(self._on_body)
        self.show_done.toggled.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.activated.connect(self._activated)
        self.mark_button.clicked.connect(self.mark_done)
        self.undo_button.clicked.connect(self.mark_not_done)
        self.plan_button.clicked.connect(self._plan)
        self._fill_bodies()
        self.refresh()

    def today(self) -> date:
        return self._today or date.today()

    def _fill_bodies(self) -> None:
        self.body_box.blockSignals(True)
        self.body_box.clear()
        self.body_box.addItem("All bodies", None)
        for body_id, _key, name in body_setup.list_bodies(self._engine):
            self.body_box.addItem(name, body_id)
        self.body_box.blockSignals(False)
        self._on_body()

    def body_id(self) -> int | None:
        return self.body_box.currentData()

    def _on_body(self) -> None:
        self.plan_button.setEnabled(self.body_id() is not None)
        self.plan_button.setToolTip("Create a year's meetings from the body's frequency"
                                    if self.body_id() is not None else
                                    "Choose a body first: each body has its own frequency")
        self.refresh()

    def refresh(self) -> None:
        self._update_buttons()
        self._loader.request(schedule.deadlines_dashboard, self._engine, self.body_id(),
                             self.today(), self.show_done.isChecked())

    def _load_failed(self, message: str) -> None:
        self.notice.show_error(message)

    def _show_rows(self, rows: list[DeadlineRow]) -> None:
        current = common.selected_row(self.table)
        self.model.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue)
        soon = sum(1 for r in rows
                   if r.state == DeadlineState.DUE and (r.due - self.today()).days <= 14)
        self.summary.setText(
            f"{overdue} overdue, {soon} due in the next 14 days. "
            "Agenda papers and minutes are due by the body's own rules, with their "
            "sources, in Body set-up › Constitution." if rows else
            "Nothing due: no meetings to come, and every meeting's minutes are out.")
        if current is not None:
            self.select(current.meeting_id, current.task)
        self._update_buttons()
        self.loaded.emit()

    def select(self, meeting_id: int, task: str) -> bool:
        """Make a meeting's deadline the current row (after a refresh, or for the lead)."""
        for n, row in enumerate(self.model.rows()):
            if row.meeting_id == meeting_id and row.task == task:
                self.table.selectRow(n)
                return True
        return False

    def _update_buttons(self, *_args) -> None:
        row = common.selected_row(self.table)
        papers = row is not None and row.task == DeadlineTask.PAPERS
        task = row.task if row is not None else None
        # A meeting never opened is recorded or cancelled in the meeting itself.
        self.mark_button.setEnabled(task in MARK_BUTTON)
        self.mark_button.setText(MARK_BUTTON.get(task, "Mar&k done"))
        self.mark_button.setAccessibleName(self.mark_button.text().replace("&", ""))
        self.undo_button.setEnabled(papers and row.done_on is not None)

    def mark_done(self) -> None:
        """Record the selected deadline as met on the chosen day (saved at once)."""
        row = common.selected_row(self.table)
        if row is None:
            return
        on = date_of(self.done_on)
        try:
            if row.task == DeadlineTask.PAPERS:
                schedule.set_papers_dispatched(self._engine, row.meeting_id, on, self.today())
            else:
                minutes.mark_distributed(self._engine, row.meeting_id, on)
        except ClerkError as error:
            self.notice.show_error(error.message)
            return
        what = "Agenda papers sent" if row.task == DeadlineTask.PAPERS else "Minutes distributed"
        self.notice.show_info(f"{what} on {schedule.long_date(on)} for the meeting of "
                              f"{schedule.long_date(row.meeting_date)}: saved.")
        self.refresh()

    def mark_not_done(self) -> None:
        row = common.selected_row(self.table)
        if row is None or row.task != DeadlineTask.PAPERS:
            return
        try:
            schedule.set_papers_dispatched(self._engine, row.meeting_id, None, self.today())
        except ClerkError as error:
            self.notice.show_error(error.message)
            return
        self.notice.show_info(f"The papers for {schedule.long_date(row.meeting_date)} are "
                              "marked as not sent: saved.")
        self.refresh()

    def _activated(self, index) -> None:
        self.meeting_activated.emit(self.model.row(index.row()).meeting_id)

    def _plan(self) -> None:
        body_id = self.body_id()
        if body_id is None:
            return
        dialog = ScheduleDialog(self._engine, body_id, self, today=self.today())
        dialog.changed.connect(self.refresh)
        dialog.open()

"""Plan a year's meetings from the body's frequency, then move or cancel any of them.

Kent LCSP meets every two months (000 §10.1); the revised Kent Children's Trust board
quarterly (003 §4.1c). The clerk chooses the month of the first meeting, the week and
weekday, the time and the venue; dates that fall on a bank holiday move to the next
working day and the preview says so before anything is created.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app.gui import tasks, theme
from clerk_app.gui.views.year import common
from clerk_app.gui.views.year.common import Column, Notice, RowsModel, short_date
from clerk_app.gui.widgets.fitting import fit_to_screen, scrolled
from clerk_app.gui.widgets.form_dialog import FormDialog, date_edit, date_of
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.attendance import (
    year_label,
    year_months,
    year_months_words,
    year_span,
    year_start,
)
from clerk_app.rules.limits import TextKind
from clerk_app.rules.vocabulary import MeetingStatus
from clerk_app.services import attendance, meetings, schedule
from clerk_app.services.errors import ClerkError
from clerk_app.services.schedule import WEEKDAYS, WEEKS, Pattern, ScheduledMeeting

PLAN_COLUMNS = [
    Column("Date", lambda p: f"{p.date:%a} {short_date(p.date)}"),
    Column("Time", lambda p: f"{p.start_time:%H:%M}"),
    Column("Venue", lambda p: p.venue),
    Column("Note", lambda p: p.note or ("Will be created" if p.create else ""),
           tone=lambda p: "warn" if p.create and p.note else None),
]
YEAR_COLUMNS = [
    Column("Date", lambda m: f"{m.date:%a} {short_date(m.date)}"),
    Column("Time", lambda m: f"{m.start_time:%H:%M}" if m.start_time else ""),
    Column("Venue", lambda m: m.venue),
    Column("Status", lambda m: MeetingStatus(m.status).label),
    Column("Papers out by", lambda m: short_date(m.dispatch_by)
           if m.status != MeetingStatus.CANCELLED else ""),
]


def _frequency_words(frequency: schedule.Frequency) -> str:
    """What the constitution says about how often the body meets, for the form."""
    if not frequency.months:
        return "The constitution does not say how often the body meets: choose."
    return (f"The constitution says every {frequency.months} month(s)"
            + (f" ({frequency.source})" if frequency.source else "")
            + (": assumed, please confirm." if frequency.assumed else "."))


def confirm(parent: QWidget, title: str, question: str) -> bool:
    """Ask yes or no; tests replace this function."""
    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class MeetingEditDialog(FormDialog):
    """Change a scheduled meeting's date, time or venue (saved through the schedule)."""

    def __init__(self, engine: Engine, meeting: ScheduledMeeting,
                 parent: QWidget | None = None) -> None:
        super().__init__("Change the meeting", "Save the change", parent,
                         intro=f"The meeting of {schedule.long_date(meeting.date)}.")
        self._engine = engine
        self._meeting_id = meeting.meeting_id
        self.date = self.add_row("&Date:", date_edit(meeting.date))
        self.time = self.add_row("&Time:", QTimeEdit())
        self.time.setDisplayFormat("HH:mm")
        start = meeting.start_time or time(10, 0)
        self.time.setTime(QTime(start.hour, start.minute))
        self.venue = self.add_row("&Venue:", limited(QLineEdit(meeting.venue), TextKind.TEXT))
        self.warnings: list[str] = []

    def save(self) -> str:
        qtime = self.time.time()
        day = date_of(self.date)
        self.warnings = schedule.reschedule_meeting(
            self._engine, self._meeting_id, day, time(qtime.hour(), qtime.minute()),
            self.venue.text())
        return " ".join([f"The meeting is now on {schedule.long_date(day)} at "
                         f"{qtime.toString('HH:mm')}: saved.", *self.warnings])


class ScheduleDialog(QDialog):
    """A body's meetings for one of its years (April to March unless the body says
    otherwise): plan them, then change or cancel them.

    Signals:
        changed(): meetings were created, moved or cancelled.
    """

    changed = Signal()

    def __init__(self, engine: Engine, body_id: int, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._body_id = body_id
        self._today = today or date.today()
        self._year_first = attendance.first_month(engine, body_id)
        self.setWindowTitle("Meeting schedule")
        self.setAccessibleName("Meeting schedule")
        plan_box = self._build_plan_box(schedule.meeting_frequency(engine, body_id))
        year_box = self._build_year_box()
        self.notice = Notice()
        self._plan_refused = False
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        close.rejected.connect(self.reject)
        content = QWidget()
        boxes = QVBoxLayout(content)
        boxes.setContentsMargins(0, 0, 0, 0)
        boxes.addWidget(plan_box, 3)
        boxes.addWidget(self.notice)
        boxes.addWidget(year_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(content), 1)  # Close stays in reach on a small screen
        layout.addWidget(close)
        fit_to_screen(self, 1000, 680)
        self._connect_signals()
        self._preview()
        self._list_year()

    def _build_frequency_fields(self, frequency: schedule.Frequency) -> None:
        """The year to plan and how often the body meets, with what the constitution says."""
        self.year_box = QComboBox()
        self.year_box.setAccessibleName(f"Year, {year_months_words(self._year_first)}")
        this_year = year_start(self._today, self._year_first)
        for start in (this_year, this_year + 1, this_year - 1):
            self.year_box.addItem(year_label(start, self._year_first), start)
            self.year_box.setItemData(self.year_box.count() - 1,
                                      year_span(start, self._year_first),
                                      Qt.ItemDataRole.ToolTipRole)
        self.every = QSpinBox()
        self.every.setRange(1, 12)
        self.every.setSuffix(" month(s)")
        self.every.setValue(frequency.months or 3)
        self.every.setAccessibleName("Meets every")
        self.frequency_note = QLabel(_frequency_words(frequency), objectName="assumedNotice"
                                     if frequency.assumed or not frequency.months else "")
        self.frequency_note.setWordWrap(True)
        self.frequency_note.setTextFormat(Qt.TextFormat.PlainText)

    def _build_date_fields(self) -> None:
        """The first month, week, weekday, time and venue of the meetings."""
        self.first_month = QComboBox()
        self.first_month.setAccessibleName("First meeting in")
        for month in year_months(self._year_first):
            self.first_month.addItem(date(2000, month, 1).strftime("%B"), month)
        self.week = QComboBox()
        self.week.setAccessibleName("Week of the month")
        for week, words in WEEKS.items():
            self.week.addItem(words.capitalize(), week)
        self.week.setCurrentIndex(1)
        self.weekday = QComboBox()
        self.weekday.setAccessibleName("Day")
        for n, day in enumerate(WEEKDAYS):
            self.weekday.addItem(day, n)
        self.weekday.setCurrentIndex(1)
        self.time = QTimeEdit(QTime(10, 0))
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Time")
        self.venue = limited(QLineEdit(), TextKind.TEXT)
        self.venue.setAccessibleName("Venue")
        self.venue.setPlaceholderText("e.g. Council Chamber, Sessions House")

    def _build_pattern_form(self, frequency: schedule.Frequency) -> QFormLayout:
        """The form that describes the pattern of the year's meetings."""
        self._build_frequency_fields(frequency)
        self._build_date_fields()
        form = QFormLayout()
        for text, field in (("&Year:", self.year_box), ("Meets &every:", self.every),
                            ("", self.frequency_note), ("&First meeting in:", self.first_month),
                            ("&Week:", self.week), ("D&ay:", self.weekday),
                            ("&Time:", self.time), ("Ven&ue:", self.venue)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        return form

    def _build_plan_box(self, frequency: schedule.Frequency) -> QGroupBox:
        """The pattern on the left; the dates it gives, and the button to create them."""
        form = self._build_pattern_form(frequency)
        self.plan_model = RowsModel(PLAN_COLUMNS, self)
        self.plan_table = common.table_view(self.plan_model, "Planned dates")
        self.plan_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.plan_table.horizontalHeader().setStretchLastSection(True)
        self.create_button = QPushButton(theme.icon("calendar-plus"), "&Create these meetings")
        self.create_button.setAccessibleName("Create these meetings")
        plan_box = QGroupBox("Plan the year")
        plan_layout = QHBoxLayout(plan_box)
        plan_layout.addLayout(form, 2)
        right = QVBoxLayout()
        right.addWidget(self.plan_table, 1)
        right.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)
        plan_layout.addLayout(right, 3)
        return plan_box

    def _build_year_box(self) -> QGroupBox:
        """The meetings already in the year, with the buttons to change or cancel one."""
        self.year_model = RowsModel(YEAR_COLUMNS, self)
        self.year_table = common.table_view(self.year_model, "This year's meetings")
        self.year_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.change_button = QPushButton(theme.icon("pencil"), "C&hange date, time or venue…")
        self.change_button.setAccessibleName("Change date, time or venue")
        self.cancel_button = QPushButton(theme.icon("calendar-x"), "Ca&ncel the meeting…")
        self.cancel_button.setAccessibleName("Cancel the meeting")
        year_box = QGroupBox("This year's meetings")
        year_layout = QVBoxLayout(year_box)
        year_layout.addWidget(self.year_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        year_layout.addLayout(row)
        return year_box

    def _connect_signals(self) -> None:
        for box in (self.year_box, self.first_month, self.week, self.weekday):
            box.currentIndexChanged.connect(self._preview)
        self.year_box.currentIndexChanged.connect(self._list_year)
        self.every.valueChanged.connect(self._preview)
        self.time.timeChanged.connect(self._preview)
        self.venue.textChanged.connect(self._preview)
        self.create_button.clicked.connect(self.create_meetings)
        self.change_button.clicked.connect(self.change_meeting)
        self.cancel_button.clicked.connect(self.cancel_meeting)
        self.year_table.selectionModel().selectionChanged.connect(self._update_buttons)

    def pattern(self) -> Pattern:
        qtime = self.time.time()
        return Pattern(self.every.value(), self.first_month.currentData(),
                       self.week.currentData(), self.weekday.currentData(),
                       time(qtime.hour(), qtime.minute()), self.venue.text())

    def _preview(self, *_args) -> None:
        try:
            plan = schedule.plan_year(self._engine, self._body_id, self.year_box.currentData(),
                                      self.pattern(), self._today)
        except ClerkError as error:
            self.plan_model.set_rows([])
            self.create_button.setEnabled(False)
            self.notice.show_error(error.message)
            self._plan_refused = True
            return
        if self._plan_refused:
            self.notice.hide()
            self._plan_refused = False
        self.plan_model.set_rows(plan)
        count = sum(1 for p in plan if p.create)
        self.create_button.setEnabled(count > 0)
        self.create_button.setText(f"&Create these {count} meetings" if count != 1
                                   else "&Create this meeting")
        self.create_button.setAccessibleName(self.create_button.text().replace("&", ""))

    def _list_year(self, *_args) -> None:
        self.year_model.set_rows(schedule.year_meetings(self._engine, self._body_id,
                                                        self.year_box.currentData()))
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        chosen = common.selected_row(self.year_table)
        editable = chosen is not None and chosen.editable
        self.change_button.setEnabled(editable)
        self.cancel_button.setEnabled(editable)

    def create_meetings(self) -> None:
        """Create the planned meetings on the worker (a year's take several frames)."""
        self.create_button.setEnabled(False)
        self.notice.show_info("Creating the meetings…")
        task = tasks.runner().submit(schedule.create_year, self._engine, self._body_id,
                                     self.year_box.currentData(), self.pattern(), self._today)
        year = self.year_box.currentText()
        task.finished.connect(lambda created: common.alive(self)
                              and self._created(len(created), year))
        task.failed.connect(lambda message: common.alive(self)
                            and self._create_failed(message))

    def _created(self, count: int, year: str) -> None:
        self._list_year()
        self._preview()
        self.notice.show_info(f"{count} meetings created for {year}: saved.")
        self.changed.emit()

    def _create_failed(self, message: str) -> None:
        self._preview()
        self.notice.show_error(message)

    def change_meeting(self) -> None:
        chosen = common.selected_row(self.year_table)
        if chosen is None or not chosen.editable:
            return
        dialog = MeetingEditDialog(self._engine, chosen, self)
        dialog.saved.connect(self._after_change)
        dialog.open()

    def _after_change(self, message: str) -> None:
        self._list_year()
        self._preview()
        self.notice.show_info(message)
        self.changed.emit()

    def cancel_meeting(self) -> None:
        chosen = common.selected_row(self.year_table)
        if chosen is None or not chosen.editable:
            return
        if not confirm(self, "Cancel the meeting",
                       f"Cancel the meeting of {schedule.long_date(chosen.date)}? It will "
                       "count in nobody's attendance, and cannot be reopened."):
            return
        try:
            meetings.cancel_meeting(self._engine, chosen.meeting_id)
        except ClerkError as error:
            self.notice.show_error(error.message)
            return
        self._after_change(f"The meeting of {schedule.long_date(chosen.date)} is cancelled: "
                           "saved.")

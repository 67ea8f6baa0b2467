"""Attendance over one body's year (April to March unless the body says otherwise): a
table and a chart (DOMAIN.md §7).

Kent members commit to 3 of 4 meetings (000 §9.2); Lincolnshire expects 70% (002 §6.5).
The table says where each member stands in words; the chart shows the year at a glance,
each member's meetings split into in person, by substitute, apologies and absent, with
the body's threshold as a line. The report is built on the worker: over years of
meetings it takes longer than a frame.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app.export.registers_pdf import annual_report_pdf
from clerk_app.export.spreadsheets import attendance_tables, write_csv, write_xlsx
from clerk_app.gui import theme
from clerk_app.gui.views.year import common
from clerk_app.gui.views.year.common import Column, Loader, Notice, RowsModel
from clerk_app.gui.widgets.attendance_chart import AttendanceChart, ChartRow
from clerk_app.gui.widgets.flow_layout import FlowLayout
from clerk_app.rules.attendance import Status, year_label, year_months_words, year_span, year_start
from clerk_app.services import attendance, reports
from clerk_app.services.attendance import (
    MemberYear,
    YearReport,
    counted_words,
    deputy_words,
    percent,
    status_words,
)

# Only the members who need attention are tinted, so they stand out; the words say it all.
STATUS_TONES = {Status.AT_RISK: "warn", Status.MISSED: "bad"}
# The parts of a member's bar, in the order of the chart's SERIES.
PARTS = ("present", "remote", "substitute", "apologies", "absent")


def _columns(report_of) -> list[Column]:
    def threshold(_m: MemberYear) -> str:
        report = report_of()
        return percent(report.threshold.fraction) if report else ""

    return [
        Column("Member", lambda m: m.name, tooltip=lambda m: f"{m.name}, {m.agency}"
               if m.agency else m.name),
        Column("Seat", lambda m: m.category),
        Column("Held", lambda m: str(m.stats.held), numeric=True,
               tooltip=lambda m: "Meetings held while a member (cancelled ones left out)"),
        Column("In person", lambda m: str(m.stats.present), numeric=True),
        Column("Remotely", lambda m: str(m.stats.remote), numeric=True,
               tooltip=lambda m: "Meetings attended by video link; counted "
               "as attended only where the body counts remote attendance"),
        Column("By substitute", lambda m: str(m.stats.substitute), numeric=True),
        Column("Apologies", lambda m: str(m.stats.apologies), numeric=True),
        Column("Absent", lambda m: str(m.stats.absent), numeric=True),
        Column("Rate", lambda m: percent(m.stats.rate), numeric=True),
        Column("Threshold", threshold, numeric=True),
        Column("Deputies used", deputy_words,
               tone=lambda m: "bad" if m.over_deputy_limit else None,
               tooltip=lambda m: "Meetings this year with a substitute for the member, "
               "against the body's yearly limit for deputies"),
        Column("Standing", status_words, tone=lambda m: STATUS_TONES.get(m.stats.status)),
    ]


class AttendanceView(QWidget):
    """One body's attendance year: a year selector, the table, the chart, exports.

    Signals:
        loaded(): the report for the chosen year is on screen.
    """

    loaded = Signal()

    def __init__(self, engine: Engine, body_id: int, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._body_id = body_id
        self._today = today
        self.report: YearReport | None = None
        self._loader = Loader(self, self._show_report, self._load_failed)

        top = self._build_top_row()
        self._build_notes()
        splitter = self._build_splitter()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.unrecorded)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        self.year_box.currentIndexChanged.connect(self._load)
        self.csv_button.clicked.connect(lambda: self._export("csv"))
        self.xlsx_button.clicked.connect(lambda: self._export("xlsx"))
        self.pack_button.clicked.connect(self._export_pack)
        self.set_body(body_id)

    def _build_top_row(self) -> QHBoxLayout:
        """The heading, the year selector and the export buttons."""
        self.heading = QLabel(objectName="pageHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setFont(theme.scaled_font(self.font(), 1.25, bold=True))
        self.heading.setWordWrap(True)  # a long body name must not widen the window
        self.year_box = QComboBox()
        year_label_widget = QLabel("Y&ear:")
        year_label_widget.setBuddy(self.year_box)
        self.xlsx_button = self._button("Save as &XLSX…", "file-down", "Save as XLSX")
        self.xlsx_button.setToolTip(f"An Excel workbook: {common.XLSX_ADVICE}.")
        self.csv_button = self._button("Save as &CSV…", "file-down", "Save as CSV")
        self.csv_button.setToolTip(f"A CSV file, {common.CSV_ADVICE}: a spreadsheet may "
                                   "show accented names garbled. Prefer XLSX.")
        self.pack_button = self._button("Annual re&port (PDF)…", "printer",
                                        "Save the annual report pack as PDF")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(year_label_widget)
        top.addWidget(self.year_box)
        # The buttons wrap under one another on a narrow screen.
        top.addLayout(FlowLayout().add_widgets(
            self.xlsx_button, self.csv_button, self.pack_button), 1)
        return top

    def _build_notes(self) -> None:
        """The summary line, the warning about unrecorded meetings, and the notice."""
        self.summary = QLabel(objectName="pageSubheading")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.unrecorded = QLabel(objectName="assumedNotice")
        self.unrecorded.setTextFormat(Qt.TextFormat.PlainText)
        self.unrecorded.setWordWrap(True)
        self.unrecorded.setAccessibleName("Meetings not recorded")
        self.unrecorded.hide()
        self.notice = Notice()

    def _build_chart(self) -> AttendanceChart:
        """The chart, read aloud by name with the figures as its description."""
        self.chart = AttendanceChart()
        self.chart.setMinimumHeight(220)
        return self.chart

    def _build_splitter(self) -> QSplitter:
        """The table above the chart, sharing the height."""
        self.model = RowsModel(_columns(lambda: self.report), self)
        self.table = common.table_view(self.model, "Attendance by member")
        self.table.horizontalHeader().setStretchLastSection(True)
        self._fitted_to: list[str] = []  # the members the columns were last fitted to
        chart = self._build_chart()
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(chart)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        return splitter

    def _button(self, text: str, icon: str, name: str) -> QPushButton:
        button = QPushButton(theme.icon(icon), text)
        button.setAccessibleName(name)
        button.setEnabled(False)
        return button

    def today(self) -> date:
        return self._today or date.today()

    def set_body(self, body_id: int) -> None:
        """Show another body; the year selector offers the years it has meetings in."""
        self._body_id = body_id
        years = attendance.attendance_years(self._engine, body_id, self.today())
        month = attendance.first_month(self._engine, body_id)
        current = year_start(self.today(), month)
        self.year_box.setAccessibleName(f"Year, {year_months_words(month)}")
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for start in years:
            self.year_box.addItem(year_label(start, month), start)
            self.year_box.setItemData(self.year_box.count() - 1, year_span(start, month),
                                      Qt.ItemDataRole.ToolTipRole)
        self.year_box.setCurrentIndex(max(0, self.year_box.findData(current)))
        self.year_box.blockSignals(False)
        self._load()

    def start_year(self) -> int:
        return int(self.year_box.currentData())

    def _load(self) -> None:
        for button in (self.xlsx_button, self.csv_button, self.pack_button):
            button.setEnabled(False)
        self.summary.setText(f"Counting the {self.year_box.currentText()} year…")
        self._loader.request(attendance.year_report, self._engine, self._body_id,
                             self.start_year(), self.today())

    def _load_failed(self, message: str) -> None:
        self.notice.show_error(message)

    def _show_report(self, report: YearReport) -> None:
        self.report = report
        self.heading.setText(f"Attendance — {report.body_name}")
        source = f" ({report.threshold_source})" if report.threshold_source else ""
        self.summary.setText(
            f"{report.label}: {report.span}.  "
            f"Threshold: {report.threshold_words}{source}.  "
            f"Meetings: {report.held} held, {report.to_come} to come, {report.cancelled} "
            f"cancelled (left out).  {counted_words(report.threshold)}")
        unrecorded = report.unrecorded
        if unrecorded:
            days = ", ".join(common.short_date(m.date) for m in unrecorded)
            self.unrecorded.setText(
                f"Not recorded: the day has passed but the meeting was never opened "
                f"({days}). Everyone counts as absent at it until it is recorded, or "
                "cancelled if it did not take place.")
        self.unrecorded.setVisible(bool(unrecorded))
        self.model.set_rows(report.members)
        names = [m.name for m in report.members]
        if names != self._fitted_to:  # measuring every cell costs a frame: only for new names
            self.table.resizeColumnsToContents()
            self._fitted_to = names
        self._draw_chart(report)
        for button in (self.xlsx_button, self.csv_button, self.pack_button):
            button.setEnabled(True)
        self.loaded.emit()

    def _draw_chart(self, report: YearReport) -> None:
        """Each member's meetings held as shares of 100%, with the threshold line."""
        rows = [ChartRow(_short(m.name), tuple(
                    100 * getattr(m.stats, part) / m.stats.held if m.stats.held else 0
                    for part in PARTS),
                    f"{m.name}: {percent(m.stats.rate)}, {status_words(m)}")
                for m in report.members]
        self.chart.set_data(rows, 100 * float(report.threshold.fraction),
                            f"Threshold {percent(report.threshold.fraction)}")
        described = "; ".join(f"{m.name} {percent(m.stats.rate)}, {status_words(m)}"
                              for m in report.members)
        self.chart.setAccessibleDescription(described)
        # Room for every name on the axis; the table above gets what is left.
        chart_height = min(self.chart.wanted_height(), 480)
        self.chart.setMinimumHeight(chart_height)
        total = sum(self.splitter.sizes())
        if total > chart_height:
            self.splitter.setSizes([total - chart_height, chart_height])

    # --- Exports ---------------------------------------------------------------------

    def _suggested(self, what: str, kind: str) -> str:
        short = common.safe_name(self.report.body_name if self.report else "body")
        return f"{what}-{short}-{self.year_box.currentText()}.{kind}"

    def _export(self, kind: str) -> None:
        path = common.ask_save_path(self, f"Save the attendance as {kind.upper()}",
                                    self._suggested("attendance", kind), kind)
        if path is None:
            return
        write = (lambda p, tables: write_csv(p, tables[0])) if kind == "csv" else write_xlsx
        common.save_in_background(self.notice, path, _attendance_tables, write, self._engine,
                                  self._body_id, self.start_year(), self.today())

    def _export_pack(self) -> None:
        path = common.ask_save_path(self, "Save the annual report pack as PDF",
                                    self._suggested("annual-report", "pdf"), "pdf")
        if path is None:
            return
        common.save_in_background(self.notice, path, reports.annual_report, annual_report_pdf,
                                  self._engine, self._body_id, self.start_year(), self.today())


def _attendance_tables(engine: Engine, body_id: int, start: int, today: date):
    return attendance_tables(attendance.year_report(engine, body_id, start, today))


def _short(name: str) -> str:
    """Chart labels stay on one line; the table has the full name."""
    return name if len(name) <= 28 else name[:27] + "…"

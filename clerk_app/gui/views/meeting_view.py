"""A closed or cancelled meeting's record, read-only: the quorum at the close, the register,
and the agenda with what was decided.

Meetings still to be held or in progress are run at the table (table_view.py); this view
is for looking back, so nothing here can change the record.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app import clock
from clerk_app.gui import theme
from clerk_app.gui.models.register_model import RegisterModel
from clerk_app.gui.widgets.quorum_banner import QuorumBanner
from clerk_app.rules.vocabulary import MeetingStatus, MinutesStatus
from clerk_app.services import meetings, register


def _long_day(day) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


class MeetingView(QWidget):
    """The record of one meeting, for reading."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self.meeting_id: int | None = None
        self.heading = QLabel(objectName="meetingHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.heading.setFont(theme.scaled_font(self.font(), 1.35, bold=True))
        self.details = QLabel(objectName="pageSubheading")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.banner = QuorumBanner()
        self.register_model = RegisterModel(self)
        self.register_table = QTableView()
        self.register_table.setModel(self.register_model)
        self.register_table.setAccessibleName("Register")
        self.register_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.register_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.register_table.setTabKeyNavigation(False)  # Tab leaves the table, never traps
        self.register_table.setAlternatingRowColors(True)
        self.register_table.verticalHeader().setVisible(False)
        self.register_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.register_table.horizontalHeader().setStretchLastSection(True)
        self.agenda = QTextBrowser()
        self.agenda.setAccessibleName("Agenda and outcomes")
        self.agenda.setTabChangesFocus(True)
        self.agenda.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.register_table)
        splitter.addWidget(self.agenda)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    def show_meeting(self, meeting_id: int) -> None:
        self.meeting_id = meeting_id
        summary = meetings.meeting_summary(self._engine, meeting_id)
        state = register.state(self._engine, meeting_id)
        self.heading.setText(f"{summary.body_name} — {_long_day(summary.date)}")
        self.details.setText(self._details(summary))
        cancelled = summary.status == MeetingStatus.CANCELLED
        self.banner.setVisible(not cancelled)
        if not cancelled:
            closed = "At the close: " if summary.status == MeetingStatus.CLOSED else ""
            self.banner.show_result(state.quorum, summary.public_count, closed)
        self.register_model.set_rows(list(state.register))
        self.agenda.setHtml(self._agenda_html(summary))

    def _details(self, summary: meetings.MeetingSummary) -> str:
        parts = []
        if summary.start_time:
            parts.append(f"{summary.start_time:%H:%M}")
        parts.append(summary.venue or "Venue not recorded")
        status = MeetingStatus(summary.status).label
        opened, closed = summary.opened_at, summary.closed_at
        if opened and closed:
            status += f" (opened {clock.hhmm(opened)}, closed {clock.hhmm(closed)})"
        parts.append(status)
        if summary.status == MeetingStatus.CLOSED:
            if summary.minutes_status == MinutesStatus.APPROVED:
                parts.append("Minutes approved")
            else:
                due = meetings.deadlines(self._engine, summary.meeting_id).minutes_due
                parts.append(f"Draft minutes due by {_long_day(due)}")
        return " · ".join(parts)

    def _agenda_html(self, summary: meetings.MeetingSummary) -> str:
        """The agenda with outcomes; text typed by the clerk is shown as typed, never as markup."""
        parts = []
        for item in summary.items:
            exempt = " <i>(exempt: the public were excluded)</i>" if item.exempt else ""
            parts.append(f"<h3>{item.position}. {escape(item.title)}{exempt}</h3>")
            if item.added_words:
                parts.append(f"<p><i>{escape(item.added_words)}</i></p>")
            if item.presenter:
                parts.append(f"<p><i>Presented by {escape(item.presenter)}</i></p>")
            if item.notes:
                parts.append(f"<p>{escape(item.notes)}</p>")
            parts += [f"<p><b>{escape(o)}</b></p>" for o in item.outcomes]
        if summary.quorum_events:
            parts.append("<h3>Quorum</h3>")
            parts += [f"<p>{escape(e)}</p>" for e in summary.quorum_events]
        if summary.status == MeetingStatus.CANCELLED:
            parts.insert(0, "<p><b>This meeting was cancelled. It counts in nobody's "
                            "attendance.</b></p>")
        return "\n".join(parts)

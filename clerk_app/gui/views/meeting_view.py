"""One meeting's record: quorum banner, register and agenda with outcomes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app.gui.models.register_model import RegisterModel
from clerk_app.gui.widgets.quorum_banner import QuorumBanner
from clerk_app.services import meetings, register

STATUS_WORDS = {"scheduled": "Scheduled", "in_progress": "In progress", "closed": "Closed",
                "cancelled": "Cancelled"}


def _escape(text: str) -> str:
    """Text typed by a clerk is shown literally, never as markup."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


class MeetingView(QWidget):
    def __init__(self, engine: Engine, parent=None) -> None:
        super().__init__(parent)
        self._engine = engine
        self.heading = QLabel(objectName="meetingHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.banner = QuorumBanner()
        self.register_model = RegisterModel(self)
        self.register_table = QTableView()
        self.register_table.setModel(self.register_model)
        self.register_table.setAccessibleName("Register")
        self.register_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.register_table.verticalHeader().setVisible(False)
        self.register_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.register_table.horizontalHeader().setStretchLastSection(True)
        self.agenda = QTextBrowser()
        self.agenda.setAccessibleName("Agenda and outcomes")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.register_table)
        splitter.addWidget(self.agenda)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    def show_meeting(self, meeting_id: int) -> None:
        summary = meetings.meeting_summary(self._engine, meeting_id)
        state = register.state(self._engine, meeting_id)
        when = f"{summary.date:%A %d %B %Y}"
        if summary.start_time:
            when += f", {summary.start_time:%H:%M}"
        self.heading.setText(
            f"{summary.body_name}\n{when} — {summary.venue or 'venue not set'}\n"
            f"{STATUS_WORDS.get(summary.status, summary.status)}; minutes "
            f"{summary.minutes_status}"
        )
        closed = "At the close: " if summary.status == "closed" else ""
        self.banner.show_result(state.quorum, summary.public_count, closed)
        self.register_model.set_rows(list(state.register))
        parts = []
        for item in summary.items:
            exempt = " <i>(exempt)</i>" if item.exempt else ""
            parts.append(f"<h3>{item.position}. {_escape(item.title)}{exempt}</h3>")
            if item.presenter:
                parts.append(f"<p><i>Presented by {_escape(item.presenter)}</i></p>")
            if item.notes:
                parts.append(f"<p>{_escape(item.notes)}</p>")
            parts += [f"<p><b>{_escape(o)}</b></p>" for o in item.outcomes]
        parts += [f"<p>{_escape(e)}</p>" for e in summary.quorum_events]
        self.agenda.setHtml("\n".join(parts))

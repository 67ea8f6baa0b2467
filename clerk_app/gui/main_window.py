"""The main window: bodies and their meetings on the left, the meeting on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
)
from sqlalchemy.engine import Engine

from clerk_app.gui.views.meeting_view import MeetingView
from clerk_app.services import bodies, meetings

MEETING_ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    def __init__(self, engine: Engine, database_label: str) -> None:
        super().__init__()
        self._engine = engine
        self.setWindowTitle(f"clerk-app — {database_label}")
        self.navigator = QTreeWidget()
        self.navigator.setHeaderLabel("Bodies and meetings")
        self.navigator.setAccessibleName("Bodies and meetings")
        self.meeting_view = MeetingView(engine)
        self.empty = QLabel("Choose a meeting on the left to see its record.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.meeting_view)
        splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([320, 900])
        self.setCentralWidget(splitter)
        self.navigator.currentItemChanged.connect(self._on_current)
        self.statusBar().showMessage(f"Database: {database_label}")
        self.refresh()

    def refresh(self) -> None:
        self.navigator.clear()
        first_meeting = None
        for body_id, _key, name in bodies.list_bodies(self._engine):
            body_item = QTreeWidgetItem([name])
            self.navigator.addTopLevelItem(body_item)
            for m in meetings.meetings_of(self._engine, body_id):
                label = f"{m.date:%d %b %Y}  {m.status.replace('_', ' ')}"
                child = QTreeWidgetItem([label])
                child.setData(0, MEETING_ROLE, m.id)
                body_item.addChild(child)
                if first_meeting is None and m.status != "scheduled":
                    first_meeting = child
            body_item.setExpanded(True)
        if first_meeting is not None:
            self.navigator.setCurrentItem(first_meeting)

    def _on_current(self, current: QTreeWidgetItem | None, _previous) -> None:
        meeting_id = current.data(0, MEETING_ROLE) if current else None
        if meeting_id is None:
            self.pages.setCurrentWidget(self.empty)
            return
        self.meeting_view.show_meeting(meeting_id)
        self.pages.setCurrentWidget(self.meeting_view)

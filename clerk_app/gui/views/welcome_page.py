"""The first page a clerk sees on a record with no bodies: explore the demonstration, set
up their own body, or open a record file they already keep."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk_app.gui import tasks, theme

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

INTRODUCTION = ("clerk-app keeps the register, the quorum, declarations, votes and draft "
                "minutes of a partnership board's meetings. This record has no bodies yet: "
                "choose how to begin.")
BUILDING = ("Building the demonstration: a board of invented people and one past meeting. "
            "This takes a moment.")


def _choice(title: str, sentence: str, icon: str) -> QCommandLinkButton:
    button = QCommandLinkButton(title, sentence)
    button.setIcon(theme.icon(icon))
    button.setAutoDefault(True)  # Enter chooses it, as in a dialog, not only Space
    button.setAccessibleName(title.replace("&", "").rstrip("…"))
    button.setAccessibleDescription(sentence)
    return button


class WelcomePage(QWidget):
    """Three large choices, each with one plain sentence under it.

    Signals:
        explore_chosen(): the clerk wants the demonstration (the window then calls
            `build_demonstration` on its record).
        set_up_chosen(): the clerk wants to set up their own body.
        open_chosen(): the clerk wants to open a record file.
        demonstration_built(int): the demonstration body was built in the record; its id.
    """

    explore_chosen = Signal()
    set_up_chosen = Signal()
    open_chosen = Signal()
    demonstration_built = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Welcome")
        heading = QLabel("Welcome to clerk-app", objectName="pageHeading")
        heading.setFont(theme.scaled_font(self.font(), 1.6, bold=True))
        introduction = QLabel(INTRODUCTION, objectName="pageSubheading")
        introduction.setWordWrap(True)
        self.explore = _choice(
            "&Explore the demonstration",
            "A made-up Kent board whose people are all invented, with one past meeting "
            "and one to come: try everything without touching a real record.", "circle-play")
        self.set_up = _choice(
            "&Set up my body",
            "Enter your own board's terms of reference: its seats, quorum, offices and "
            "rules. Everything can be changed later.", "landmark")
        self.open_file = _choice(
            "&Open a record file…",
            "Carry on with a record file you or a colleague already keep.", "folder-open")
        self.status = QLabel(accessibleName="Progress")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.hide()
        self.explore.clicked.connect(self.explore_chosen)
        self.set_up.clicked.connect(self.set_up_chosen)
        self.open_file.clicked.connect(self.open_chosen)

        column = QWidget()
        column.setMaximumWidth(640)
        layout = QVBoxLayout(column)
        layout.setSpacing(12)
        for widget in (heading, introduction, self.explore, self.set_up, self.open_file,
                       self.status):
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll = QScrollArea()  # a small screen or a large font scrolls, nothing is cut off
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(column)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 24, 0, 0)
        outer.addWidget(scroll)
        self.setFocusProxy(self.explore)

    def build_demonstration(self, engine: Engine) -> None:
        """Build the demonstration body in the record, off the GUI thread: it records a
        whole meeting through the services and takes most of a second, too long for the
        window to freeze."""
        from clerk_app.services import demo  # with the record, not with the window

        self._busy(True, BUILDING)
        task = tasks.runner().submit(demo.build_demo, engine)
        task.finished.connect(self._built)
        task.failed.connect(self._failed)

    def _built(self, body_id: int) -> None:
        self._busy(False, "")
        self.demonstration_built.emit(body_id)

    def _failed(self, message: str) -> None:
        self._busy(False, f"The demonstration could not be built: {message}")

    def _busy(self, busy: bool, text: str) -> None:
        for button in (self.explore, self.set_up, self.open_file):
            button.setEnabled(not busy)
        self.status.setText(text)
        self.status.setObjectName("" if busy or not text else "errorMessage")
        self.status.style().unpolish(self.status)  # the new name's look, from the sheet
        self.status.style().polish(self.status)
        self.status.setVisible(bool(text))
        if not busy:
            self.explore.setFocus()

"""Preview the minutes (or the agenda) as the PDF that will be written, then save it.

The document is rendered off the GUI thread by the one worker (gui/tasks.py) into a
temporary file, shown with Qt's PDF viewer, and "Save PDF…" copies exactly those bytes:
what the clerk saw is what is sent. A Word copy is rendered from the same wording.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app.export.files import write_private_file
from clerk_app.gui import tasks
from clerk_app.gui.dialogs import prompts
from clerk_app.gui.widgets import announce
from clerk_app.gui.widgets.fitting import MessageLabel, fit_to_screen
from clerk_app.rules.vocabulary import MeetingStatus, MinutesStatus
from clerk_app.services import meetings, minutes
from clerk_app.services.errors import ClerkError

# (label, document, version): the documents one meeting can give.
MINUTES = ("Minutes", "minutes", "full")
MINUTES_FULL = ("Minutes, with the confidential annex (the clerk's copy)", "minutes", "full")
MINUTES_PUBLIC = ("Minutes for publication (exempt items left out)", "minutes", "public")
ANNEX = ("Confidential annex only", "minutes", "confidential")
AGENDA = ("Agenda", "agenda", "")


def _render_to_file(engine: Engine, meeting_id: int, document: str, version: str,
                    fmt: str) -> str:
    """On the worker thread: render, write to a private temporary file, return its path."""
    if document == "agenda":
        data = minutes.render_agenda(engine, meeting_id, fmt)
    else:
        data = minutes.render_minutes(engine, meeting_id, fmt, version)
    fd, path = tempfile.mkstemp(prefix="clerk-app-preview-", suffix=f".{fmt}")
    os.close(fd)
    write_private_file(path, data)
    return path


def _render_and_save(engine: Engine, meeting_id: int, document: str, version: str,
                     fmt: str, target: str) -> str:
    """On the worker thread: render straight to the clerk's chosen file."""
    source = _render_to_file(engine, meeting_id, document, version, fmt)
    try:
        write_private_file(target, Path(source).read_bytes())
    except OSError as error:
        raise ClerkError(f"Could not save {target}: {error.strerror or error}.") from error
    finally:
        Path(source).unlink(missing_ok=True)
    return target


def _documents_for(summary: meetings.MeetingSummary) -> list[tuple[str, str, str]]:
    """The documents a meeting can give: an agenda before it is held, then the minutes,
    split into public and confidential parts when an item was taken in private."""
    if summary.status not in (MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED):
        return [AGENDA]  # nothing to minute yet
    if any(i.exempt for i in summary.items):
        return [MINUTES_FULL, MINUTES_PUBLIC, ANNEX, AGENDA]
    return [MINUTES, AGENDA]


class MinutesPreviewDialog(QDialog):
    """The minutes of a meeting (or its agenda) as they will be printed.

    Signals:
        rendered(str): the preview is on screen; the path of the temporary PDF.
        saved(str): a file was written; its path.
    """

    rendered = Signal(str)
    saved = Signal(str)

    def __init__(self, engine: Engine, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._meeting_id = meeting_id
        self._preview_path: str | None = None
        self._generation = 0
        self._closed = False
        summary = meetings.meeting_summary(engine, meeting_id)
        self.setWindowTitle(f"Minutes and agenda — {summary.body_name}, "
                            f"{summary.date:%d %B %Y}")
        self.setAccessibleName("Minutes and agenda preview")
        fit_to_screen(self, 900, 860)  # a page's width and height, or the room there is

        top = self._build_choice_row(_documents_for(summary))
        status_row = self._build_status_row()
        self._build_message()
        busy = self._build_busy_row()
        self._build_view()
        buttons = self._build_buttons_row()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(status_row)
        layout.addWidget(self.message)
        layout.addLayout(busy)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.choice.currentIndexChanged.connect(self._render)
        self.save_pdf.clicked.connect(self._save_pdf)
        self.save_docx.clicked.connect(self._save_docx)
        self.distributed.clicked.connect(self._mark_distributed)
        self.finished.connect(self._on_closed)
        self._show_status()
        self._render()

    def _build_choice_row(self, options: list[tuple[str, str, str]]) -> QHBoxLayout:
        """The documents the meeting can give, to choose which one to preview."""
        self.choice = QComboBox()
        self.choice.setAccessibleName("Document")
        for label, document, version in options:
            self.choice.addItem(label, (document, version))
        top = QHBoxLayout()
        top.addWidget(QLabel("Document:"))
        top.addWidget(self.choice, 1)
        return top

    def _build_status_row(self) -> QHBoxLayout:
        """Where the minutes stand, a correction to the draft, and the button to mark
        them distributed."""
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.distributed = QPushButton("Mark minutes as distributed today")
        self.correct = QPushButton("Record a &correction…")
        self.correct.setAccessibleName("Record a correction to the draft minutes")
        self.correct.clicked.connect(self._record_correction)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.correct)
        status_row.addWidget(self.distributed)
        return status_row

    def _build_message(self) -> None:
        """The error line, hidden until a render or a save fails."""
        self.message = MessageLabel(objectName="errorMessage")
        self.message.hide()

    def _build_busy_row(self) -> QHBoxLayout:
        """The progress row shown while the worker renders."""
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the length of a render is not known
        self.progress.setTextVisible(False)
        self.progress_label = QLabel("Preparing the document…")
        busy = QHBoxLayout()
        busy.addWidget(self.progress_label)
        busy.addWidget(self.progress, 1)
        return busy

    def _build_view(self) -> None:
        """The PDF document and the view that shows its pages."""
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Page preview")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

    def _build_buttons_row(self) -> QHBoxLayout:
        """Save as PDF or Word, or close."""
        self.save_pdf = QPushButton("Save PDF…")
        self.save_docx = QPushButton("Save Word document…")
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_docx)
        buttons.addWidget(self.save_pdf)
        buttons.addWidget(close)
        return buttons

    # --- For tests and for the clerk ----------------------------------------------------

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str, filter_text: str) -> str | None:
        """Where to save; tests replace this to avoid the native file dialog."""
        path, _ = QFileDialog.getSaveFileName(parent, "Save as", suggested, filter_text)
        return path or None

    def _selection(self) -> tuple[str, str]:
        return self.choice.currentData()

    def _suggested_name(self, fmt: str) -> str:
        document, version = self._selection()
        summary = meetings.meeting_summary(self._engine, self._meeting_id)
        suffix = {"public": "-public", "confidential": "-confidential-annex"}.get(version, "")
        return f"{document}-{summary.date:%Y-%m-%d}{suffix}.{fmt}"

    # --- Rendering ----------------------------------------------------------------------

    def _busy(self, text: str | None) -> None:
        """Show the progress row while a job runs; keep the buttons from starting another."""
        running = text is not None
        self.progress_label.setText(text or "")
        self.progress_label.setVisible(running)
        self.progress.setVisible(running)
        self.save_pdf.setEnabled(not running and self._preview_path is not None)
        self.save_docx.setEnabled(not running)

    def _render(self) -> None:
        self._generation += 1
        generation = self._generation
        document, version = self._selection()
        self.message.hide()
        self._preview_path = None
        self._busy("Preparing the agenda…" if document == "agenda" else
                   "Preparing the minutes…")
        task = tasks.runner().submit(_render_to_file, self._engine, self._meeting_id,
                                     document, version, "pdf")
        task.finished.connect(lambda path: self._on_rendered(generation, path))
        task.failed.connect(lambda text: self._on_failed(generation, text))

    def _on_rendered(self, generation: int, path: str) -> None:
        if self._closed or generation != self._generation:
            Path(path).unlink(missing_ok=True)  # a preview nobody will look at
            return
        self._forget_preview()
        self._preview_path = path
        self.document.load(path)
        self._busy(None)
        self.rendered.emit(path)

    def _on_failed(self, generation: int, text: str) -> None:
        if self._closed or generation != self._generation:
            return
        self._busy(None)
        self._say(text)

    def _say(self, text: str) -> None:
        self.message.show()
        announce.show_text(self.message, text, "Message", say=True, urgent=True)

    def _forget_preview(self) -> None:
        self.document.close()
        if self._preview_path:
            Path(self._preview_path).unlink(missing_ok=True)
            self._preview_path = None

    def _on_closed(self, _result: int) -> None:
        self._closed = True
        self._forget_preview()

    # --- Saving -------------------------------------------------------------------------

    def _save_pdf(self) -> None:
        if not self._preview_path:
            return
        target = self.ask_save_path(self, self._suggested_name("pdf"), "PDF (*.pdf)")
        if not target:
            return
        try:
            write_private_file(target, Path(self._preview_path).read_bytes())
        except OSError as error:
            self._say(f"Could not save {target}: {error.strerror or error}.")
            return
        self._done_saving(target)

    def _save_docx(self) -> None:
        target = self.ask_save_path(self, self._suggested_name("docx"),
                                    "Word document (*.docx)")
        if not target:
            return
        document, version = self._selection()
        self._busy("Writing the Word document…")
        task = tasks.runner().submit(_render_and_save, self._engine, self._meeting_id,
                                     document, version, "docx", target)
        task.finished.connect(self._done_saving)
        task.failed.connect(self._on_save_failed)

    def _on_save_failed(self, text: str) -> None:
        if self._closed:
            return
        self._busy(None)
        self._say(text)

    def _done_saving(self, target: str) -> None:
        if not self._closed:
            self._busy(None)
            self.message.hide()
            self.status.setText(f"Saved {target}.\n{self._status_text()}")
        self.saved.emit(target)

    # --- Minutes status -----------------------------------------------------------------

    def _status_text(self) -> str:
        return minutes.minutes_status(self._engine, self._meeting_id).summary

    def _show_status(self) -> None:
        state = minutes.minutes_status(self._engine, self._meeting_id)
        self.status.setText(state.summary)
        draft = state.held and state.status == MinutesStatus.DRAFT
        self.distributed.setVisible(draft and state.distributed_on is None)
        self.correct.setVisible(draft)

    def _record_correction(self) -> None:
        """A correction to the draft before approval, itself recorded (DOMAIN.md §6)."""
        text = prompts.ask_text(self, "Correct the draft minutes",
                                "The correction, as the minutes should state it:")
        if text is None:
            return
        try:
            minutes.record_correction(self._engine, self._meeting_id, text)
        except ClerkError as error:
            self._say(error.message)
            return
        self._show_status()
        self._render()

    def _mark_distributed(self) -> None:
        try:
            minutes.mark_distributed(self._engine, self._meeting_id)
        except ClerkError as error:
            self._say(error.message)
            return
        self._show_status()

"""What the year views share: a table model over plain rows, a notice line, saving a file
off the GUI thread, and loading a view's rows on the worker.

The rows are the services' frozen dataclasses; a `Column` says how one is shown. No
query ever runs in `data()` (STYLE.md example 6).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from clerk_app.gui import tasks, theme
from clerk_app.gui.widgets import announce
from clerk_app.gui.widgets.fitting import MessageLabel
from clerk_app.gui.widgets.form_dialog import date_edit
from clerk_app.services.errors import ClerkError

NO_PARENT = QModelIndex()

# Tints that repeat a state's words (never replace them), legible in both schemes.
TONES = {
    theme.LIGHT: {"good": ("#e3f2e6", "#10451d"), "warn": ("#fff4d6", "#4d3800"),
                  "bad": ("#fde7e7", "#6e0d0d")},
    theme.DARK: {"good": ("#1d3a24", "#cdebd1"), "warn": ("#3d3214", "#f5e2a8"),
                 "bad": ("#4a1c1c", "#f6caca")},
}


def short_date(day: date | None) -> str:
    """"15 Sep 2026" (tables), "" for none."""
    return f"{day.day} {day:%b %Y}" if day else ""


@dataclass(frozen=True)
class Column:
    """One column: its header, its text for a row, and optionally a tooltip and a tone
    ("good", "warn", "bad") that tints the cell."""

    header: str
    text: Callable[[Any], str]
    tooltip: Callable[[Any], str] | None = None
    tone: Callable[[Any], str | None] | None = None
    numeric: bool = False


class RowsModel(QAbstractTableModel):
    """A read-only table over a plain list of rows (an adapter, like napari's)."""

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row(self, index: int) -> Any:
        return self._rows[index]

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) \
                and column.tone:
            tone = column.tone(row)
            if tone:
                background, foreground = TONES[theme.current_scheme()][tone]
                return QColor(background if role == Qt.ItemDataRole.BackgroundRole
                              else foreground)
        return None


def table_view(model: RowsModel, name: str) -> QTableView:
    """A row-selecting, keyboard-friendly table with an accessible name."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setHighlightSections(False)

    def follow(current: QModelIndex, _previous: QModelIndex) -> None:
        # The row with the keyboard focus is the chosen row: tabbing into the table
        # chooses the first one, so the buttons beside it act on what is highlighted.
        if current.isValid() and not view.selectionModel().isRowSelected(current.row()):
            view.selectRow(current.row())

    view.selectionModel().currentRowChanged.connect(follow)
    return view


def selected_row(view: QTableView) -> Any | None:
    index = view.currentIndex()
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not rows or not index.isValid():
        return None
    return view.model().row(rows[0].row())


class Notice(MessageLabel):
    """One line that says what just happened: a refusal (in the error style) or a result;
    a long one wraps, never widening the window."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName("Message")
        self.hide()

    def show_error(self, message: str) -> None:
        self._show(message, "errorMessage", urgent=True)

    def show_info(self, message: str) -> None:
        self._show(message, "savedStatus")

    def _show(self, message: str, name: str, urgent: bool = False) -> None:
        self.setObjectName(name)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
        announce.show_text(self, message, "Message", say=True, urgent=urgent)


# A spreadsheet that ignores a CSV file's byte-order mark shows accented names garbled:
# wherever both are offered, XLSX comes first and each says what it is for.
XLSX_ADVICE = "opens correctly in every spreadsheet"
CSV_ADVICE = "for other programs"
FILTERS = {"xlsx": f"Excel workbook, {XLSX_ADVICE} (*.xlsx)",
           "csv": f"CSV file, {CSV_ADVICE} (*.csv)", "pdf": "PDF (*.pdf)"}
SHEET_FILTERS = f"{FILTERS['xlsx']};;{FILTERS['csv']}"


def ask_save_path(parent: QWidget, caption: str, suggested: str, kind: str) -> Path | None:
    """Ask where to save; None when the clerk cancels. Tests replace this function."""
    start = Path.home() / "Documents"
    folder = start if start.is_dir() else Path.home()
    chosen, _filter = QFileDialog.getSaveFileName(parent, caption, str(folder / suggested),
                                                  FILTERS[kind])
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == f".{kind}" else path.with_name(f"{path.name}.{kind}")


def safe_name(text: str) -> str:
    """A file name from a body's name: letters, digits and dashes only."""
    cleaned = "".join(c if c.isalnum() else "-" for c in text).strip("-")
    while "--" in cleaned:
        cleaned = cleaned.replace("--", "-")
    return cleaned[:60] or "export"


def _write(path: Path, build: Callable[..., Any], write: Callable[[Path, Any], Any],
           args: tuple) -> Path:
    """On the worker: build the snapshot, write the file; a disk error is the clerk's to fix."""
    data = build(*args)
    try:
        write(path, data)
    except OSError as error:
        raise ClerkError(f"The file could not be saved in {path.parent}: "
                         f"{error.strerror or error}. Choose another folder.") from error
    return path


def save_in_background(notice: Notice, path: Path, build: Callable[..., Any],
                       write: Callable[[Path, Any], Any], *args: Any) -> tasks.Task:
    """Build and write an export on the worker; say where it went, or why it did not."""
    notice.show_info(f"Saving {path.name}…")
    task = tasks.runner().submit(_write, path, build, write, args)
    # The view may be closed before the file is written: then there is nobody to tell.
    task.finished.connect(lambda saved: alive(notice) and notice.show_info(
        f"Saved {saved.name} in {saved.parent} (readable by you only)."))
    task.failed.connect(lambda message: alive(notice) and notice.show_error(message))
    return task


class Loader:
    """Loads a view's rows on the worker; only the answer to the latest request is used.

    `request(key, job, *args)` runs `job(*args)` off the GUI thread and calls
    `apply(result)` on the GUI thread, unless a newer request was made meanwhile.
    """

    def __init__(self, owner: QWidget, apply: Callable[[Any], None],
                 fail: Callable[[str], None]) -> None:
        self._owner, self._apply, self._fail = owner, apply, fail
        self._latest = 0
        self.busy = False

    def request(self, job: Callable[..., Any], *args: Any) -> tasks.Task:
        self._latest += 1
        ticket = self._latest
        self.busy = True
        task = tasks.runner().submit(job, *args)
        task.finished.connect(lambda result: self._done(ticket, result))
        task.failed.connect(lambda message: self._failed(ticket, message))
        return task

    def _done(self, ticket: int, result: Any) -> None:
        if ticket == self._latest and alive(self._owner):
            self.busy = False
            self._apply(result)

    def _failed(self, ticket: int, message: str) -> None:
        if ticket == self._latest and alive(self._owner):
            self.busy = False
            self._fail(message)


def alive(widget: QWidget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:  # the view was closed before the worker answered
        return False
    return True


def dated_action_row(today: date, mark_text: str, undo_text: str):
    """The row under a year table: "Done on [date]", a mark button and its undo.

    Returns (date field, mark button, undo button, layout); the date cannot be later
    than today.
    """
    done_on = date_edit(today)
    done_on.setMaximumDate(QDate(today.year, today.month, today.day))
    done_on.setAccessibleName("Done on")
    label = QLabel("Done &on:")
    label.setBuddy(done_on)
    mark = QPushButton(theme.icon("check"), mark_text)
    mark.setAccessibleName(mark_text.replace("&", ""))
    undo = QPushButton(theme.icon("undo-2"), undo_text)
    undo.setAccessibleName(undo_text.replace("&", ""))
    row = QHBoxLayout()
    for widget in (label, done_on, mark, undo):
        row.addWidget(widget)
    row.addStretch(1)
    return done_on, mark, undo, row

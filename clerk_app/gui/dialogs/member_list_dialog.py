"""Import members from the clerk's spreadsheet, and export them in the same columns
(DOMAIN.md §1; docs/membership-spreadsheet.md).

The dialog reads the file into a preview: every row with what importing it will do, or
why it cannot, by the row number the spreadsheet shows. Nothing is written until the
clerk presses Import; then the ready rows are written together and rows with errors are
left out, for the clerk to correct in the file and import again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from clerk_app.gui import tasks, theme
from clerk_app.gui.views.year import common
from clerk_app.gui.views.year.common import Column, RowsModel
from clerk_app.gui.widgets.form_dialog import FormDialog
from clerk_app.services import member_import, member_list
from clerk_app.services.errors import ClerkError
from clerk_app.services.member_import import PlannedRow, Preview

INTRO = (
    "Choose the membership list you keep, saved as CSV or XLSX: one row per member, the "
    "column headings in the first row. Name and Category are needed; Agency, Seat, "
    "Votes (Yes or No), Named substitute, Substitute's agency, Role, Email and Start date "
    "(31/01/2026 or 2026-01-31) are read when present. Nothing is saved until you press "
    "Import; rows with errors are left out, so correct them in the file and import it "
    "again: members already imported are left as they are."
)


def what_happens(row: PlannedRow) -> str:
    """The preview's last column: the row's errors, or what importing it will do."""
    if row.errors:
        return " ".join(row.errors)
    if row.unchanged:
        return "Already a member in this category: left as it is."
    words = ["New person" if row.new_person else "Person already in the record"]
    words += [f"new organisation {name}" for name in row.new_organisations]
    return ", ".join(words) + "."


COLUMNS = (  # what will happen comes first after the row: it is what the clerk checks
    Column("Row", lambda r: str(r.number), numeric=True),
    Column("What will happen", what_happens,
           tone=lambda r: "bad" if r.errors else (None if r.unchanged else "good")),
    Column("Name", lambda r: r.name),
    Column("Agency", lambda r: r.agency),
    Column("Category", lambda r: r.category),
    Column("Seat", lambda r: r.seat),
    Column("Named substitute", lambda r: r.substitute),
)


class MemberImportDialog(FormDialog):
    """Choose a membership list, see what it will do row by row, then import it.

    Attributes:
        preview: what the chosen file will do, once one is chosen.

    Signals:
        saved(str): the members were imported; the text says how many.
    """

    def __init__(self, engine, body_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Import members", "&Import", parent, intro=INTRO)
        self._engine, self._body_id = engine, body_id
        self.preview: Preview | None = None
        self.file_label = QLabel("No file chosen yet.")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton(theme.icon("folder-open"), "&Choose file…")
        self.choose_button.setAccessibleName("Choose the membership list")
        self.choose_button.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.file_label, 1)
        row.addWidget(self.choose_button)
        self.form.addRow(row)
        self.model = RowsModel(COLUMNS, self)
        self.table = common.table_view(self.model, "Rows of the file")
        self.table.setMinimumHeight(160)
        self.table.selectionModel().currentRowChanged.connect(self._show_row)
        self.summary = QLabel(objectName="summaryLine")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary")
        self.row_text = QLabel()  # the chosen row's whole text, which the table elides
        self.row_text.setTextFormat(Qt.TextFormat.PlainText)
        self.row_text.setWordWrap(True)
        self.row_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.row_text.setAccessibleName("The chosen row")
        caption = QLabel("&Rows of the file:")
        caption.setBuddy(self.table)
        layout = self.body  # the scrolling part, above the buttons
        at = layout.indexOf(self.error)
        for offset, widget in enumerate((self.summary, caption, self.table, self.row_text)):
            layout.insertWidget(at + offset, widget)
        for index in range(layout.count()):  # the table, not the form's spacer, grows
            layout.setStretch(index, 1 if layout.itemAt(index).widget() is self.table else 0)
        for column, width in enumerate((48, 280, 170, 170, 170, 120)):
            self.table.setColumnWidth(column, width)
        self.ok_button.setEnabled(False)
        self.setMinimumWidth(640)

    def sizeHint(self):  # noqa: N802 (Qt override)
        """Wide enough for the preview, and short enough for a 1024x600 screen."""
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), 860))
        hint.setHeight(min(max(hint.height(), 480), 540))
        return hint

    def ask_path(self) -> Path | None:
        """The file to read, chosen by the clerk; None when they cancel (tests replace it)."""
        name, _filter = QFileDialog.getOpenFileName(
            self, "Choose the membership list", str(Path.home()),
            "Membership list (*.csv *.xlsx);;CSV file (*.csv);;Excel workbook (*.xlsx)")
        return Path(name) if name else None

    def choose(self) -> None:
        path = self.ask_path()
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> None:
        """Read the file into the preview; a file that cannot be read says why."""
        try:
            self.preview = member_import.preview(self._engine, self._body_id, path)
        except ClerkError as error:
            self.preview = None
            self.model.set_rows([])
            self.file_label.setText(str(path))
            self.summary.setText("")
            self.row_text.setText("")
            self._ready(0)
            self.show_error(error.message)
            return
        self.error.hide()
        self.file_label.setText(str(path))
        self.model.set_rows(self.preview.rows)
        self.summary.setText(summary_words(self.preview))
        self.summary.setAccessibleDescription(self.summary.text())
        self._ready(self.preview.ready)
        self.table.setFocus()
        if self.model.rowCount():
            first_bad = next((i for i, r in enumerate(self.preview.rows) if r.errors), 0)
            self.table.selectRow(first_bad)

    def _ready(self, count: int) -> None:
        self.ok_button.setEnabled(count > 0)
        text = f"&Import {count} member" + ("" if count == 1 else "s")
        self.ok_button.setText(text if count else "&Import")
        self.ok_button.setAccessibleName(text.replace("&", ""))

    def _show_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            row = self.model.row(current.row())
            self.row_text.setText(f"Row {row.number}, {row.name or 'no name'}: "
                                  f"{what_happens(row)}")

    def save(self) -> str:
        if self.preview is None or not self.preview.ready:
            raise ClerkError("Choose a membership list with at least one row ready to import.")
        count = member_import.import_members(self._engine, self._body_id, self.preview)
        left = self.preview.with_errors
        rest = f"; {left} row(s) with errors left out" if left else ""
        return f"{count} member(s) imported from {self.preview.file_name}{rest}."


def summary_words(seen: Preview) -> str:
    """"28 rows ready, 2 with errors", and the members already there."""
    parts = [f"{seen.ready} row{'' if seen.ready == 1 else 's'} ready",
             f"{seen.with_errors} with errors"]
    if seen.unchanged:
        parts.append(f"{seen.unchanged} already members")
    if not seen.rows:
        return "The file has headings but no members below them."
    return ", ".join(parts) + "."


def ask_export_path(parent: QWidget, suggested: str) -> Path | None:
    """Where to save the members list, as XLSX (first) or CSV; None when the clerk cancels."""
    start = Path.home() / "Documents"
    folder = start if start.is_dir() else Path.home()
    chosen, chosen_filter = QFileDialog.getSaveFileName(
        parent, "Export members", str(folder / f"{suggested}.xlsx"), common.SHEET_FILTERS)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() in member_list.SUFFIXES:
        return path
    return path.with_name(f"{path.name}.{'xlsx' if 'xlsx' in chosen_filter else 'csv'}")


def export_members(window, body_id: int, body_name: str) -> None:
    """Write the body's members on the worker; the status bar says where they went."""
    path = ask_export_path(window, f"members-{common.safe_name(body_name)}")
    if path is None:
        return
    task = tasks.runner().submit(member_list.export_members, window.engine, body_id, path)
    task.finished.connect(lambda saved: window.show_saved(
        f"the members list, as {saved.name} in {saved.parent}"))
    task.failed.connect(lambda message: QMessageBox.warning(
        window, "Members not exported", message))

"""Restore from backup…: the record's backups with their dates and the meetings they hold.

Restoring puts the chosen backup in place of the record. The record as it is first goes
into a backup of its own ("before a restore"), so a restore can itself be undone by
restoring that one. Reading the backups and the restore run on the one worker
(gui/tasks.py): a backup is opened and checked before it is described.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app import clock
from clerk_app.db.backup import BackupContents, BackupFile
from clerk_app.gui import tasks
from clerk_app.gui.dialogs.prompts import confirm
from clerk_app.gui.widgets import announce
from clerk_app.gui.widgets.fitting import fit_to_screen
from clerk_app.services import backups

PATH_ROLE = Qt.ItemDataRole.UserRole


def _when(backup: BackupFile) -> str:
    return f"{clock.local(backup.taken_at):%a %d %b %Y, %H:%M}"


def _summary(contents: BackupContents) -> str:
    if contents.problem:
        return f"Cannot be used: {contents.problem}"
    count = len(contents.meetings)
    if count == 0:
        return "No meetings"
    latest = contents.meetings[-1]
    return f"{count} meeting{'s' if count != 1 else ''}, the latest on {latest.date:%d %b %Y}"


def _details(backup: BackupFile, contents: BackupContents) -> str:
    lines = [f"Made {_when(backup)}, {backup.reason_label}.", ""]
    if contents.problem:
        lines.append(f"This backup cannot be restored: {contents.problem}.")
        return "\n".join(lines)
    if not contents.meetings:
        lines.append("It holds no meetings.")
    else:
        lines.append("It holds these meetings:")
        for m in contents.meetings:
            status = m.status.replace("_", " ")
            title = m.body if m.title in ("", m.body) else f"{m.body} — {m.title}"
            lines.append(f"  {m.date:%d %B %Y}  {title} ({status})")
    return "\n".join(lines)


def describe_all(paths: list[Path]) -> dict[Path, BackupContents]:
    """Open and check every backup (on the worker: each is read in full)."""
    return {path: backups.describe_backup(path) for path in paths}


class RestoreDialog(QDialog):
    """The backups of one record file, newest first, and a button to restore one.

    Args:
        db_path: the record file.
        engine: the application's engine on it, if it is open: it is disposed before
            the restore and reconnects to the restored record (refresh the views).

    Signals:
        restored(str): a backup was restored; the text says which, and where the record
            as it was has been kept.
    """

    restored = Signal(str)

    def __init__(self, db_path: Path, engine: Engine | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db_path = Path(db_path)
        self._engine = engine
        self._contents: dict[Path, BackupContents] = {}
        self._busy = False
        self.did_restore = False
        self.setWindowTitle("Restore from backup")
        self.setAccessibleName("Restore from backup")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Backups of {self._db_path.name}, newest first. Restoring puts the chosen backup "
            "in place of the record; the record as it is now is backed up first, so nothing "
            "is lost.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self.list = QTreeWidget()
        self.list.setAccessibleName("Backups")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(["Made", "Why", "Holds"])
        self.list.setColumnWidth(0, 190)
        self.list.setColumnWidth(1, 260)
        layout.addWidget(self.list, 2)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("What the backup holds")
        layout.addWidget(self.details, 1)
        self.status = QLabel(objectName="errorMessage")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()  # an empty box would be a focus stop that says nothing
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("&Restore this backup…")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(buttons)
        self.restore_button.clicked.connect(self._restore)
        self.close_button.clicked.connect(self._close)
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())
        fit_to_screen(self, 760, 520)
        self.load()

    # --- Listing -------------------------------------------------------------------

    def load(self) -> None:
        """List the backups now (from their names), then describe them on the worker."""
        self.list.clear()
        found = backups.available_backups(self._db_path)
        self._backups = {b.path: b for b in found}
        for backup in found:
            row = QTreeWidgetItem([_when(backup), backup.reason_label, "Checking…"])
            row.setData(0, PATH_ROLE, str(backup.path))
            self.list.addTopLevelItem(row)
        if not found:
            self.details.setPlainText(f"There are no backups of {self._db_path.name} yet.")
            return
        self.list.setCurrentItem(self.list.topLevelItem(0))
        self.describing = tasks.runner().submit(describe_all, list(self._backups))
        self.describing.finished.connect(self._described)
        self.describing.failed.connect(self._tell)

    def _described(self, contents: dict[Path, BackupContents]) -> None:
        self._contents.update(contents)
        for index in range(self.list.topLevelItemCount()):
            row = self.list.topLevelItem(index)
            found = self._contents.get(Path(row.data(0, PATH_ROLE)))
            if found is not None:
                row.setText(2, _summary(found))
        self._show_selected()

    def _selected(self) -> BackupFile | None:
        row = self.list.currentItem()
        return self._backups.get(Path(row.data(0, PATH_ROLE))) if row else None

    def _show_selected(self) -> None:
        backup = self._selected()
        contents = self._contents.get(backup.path) if backup else None
        if backup is None:
            self.details.clear()
        elif contents is None:
            self.details.setPlainText(f"Made {_when(backup)}, {backup.reason_label}.\n\n"
                                      "Checking the backup…")
        else:
            self.details.setPlainText(_details(backup, contents))
        self.restore_button.setEnabled(not self._busy and contents is not None
                                       and contents.problem is None)

    # --- Restoring -----------------------------------------------------------------

    def _restore(self) -> None:
        backup = self._selected()
        if backup is None:
            return
        if not confirm(self, "Restore from backup",
                       f"Put the backup made {_when(backup)} in place of the record?\n\n"
                       "The record as it is now is backed up first, so you can go back to it "
                       "by restoring that backup. Anything recorded after the backup was made "
                       "will not be in the restored record.",
                       "Restore this backup"):
            return
        self._busy = True
        self.restore_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self._tell("Restoring…")
        self.restoring = tasks.runner().submit(backups.restore_backup, self._db_path,
                                               backup.path, self._engine)
        self.restoring.finished.connect(self._restored)
        self.restoring.failed.connect(self._refused)

    def _restored(self, result: backups.Restored) -> None:
        self._busy = False
        self.did_restore = True
        self.close_button.setEnabled(True)
        kept = (f" The record as it was is kept in the backup made "
                f"{_when(result.safety_copy)}." if result.safety_copy else "")
        message = f"Restored the backup made {_when(self._backups[result.backup])}.{kept}"
        self.load()
        self._tell(message)
        self.restored.emit(message)

    def _refused(self, message: str) -> None:
        self._busy = False
        self.close_button.setEnabled(True)
        self._tell(message, urgent=True)
        self._show_selected()

    def _tell(self, message: str, urgent: bool = False) -> None:
        """Show how the restore went, and have a screen reader say it."""
        self.status.setVisible(bool(message))
        announce.show_text(self.status, message, "How the restore went", say=True,
                           urgent=urgent)

    def _close(self) -> None:
        if self.did_restore:
            self.accept()
        else:
            self.reject()

    def reject(self) -> None:
        if not self._busy:  # never walk away from a restore half way
            super().reject()

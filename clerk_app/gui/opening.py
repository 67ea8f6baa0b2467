"""Opening the record at start-up, with a dialog for everything that can go wrong.

Another copy recording in the file: say so and offer to open it read-only. A damaged
file: say so, say where the untouched copy is, and offer the newest good backup (or the
list of backups). A file from a newer version, a failed upgrade, a missing folder, a
full disk: say so in the clerk's words. Never a traceback, never a silently empty
record. Every question goes through `ask`, which tests replace to click a button.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox, QWidget

from clerk_app.db.errors import DamagedRecord, RecordInUse
from clerk_app.gui.dialogs.restore_dialog import RestoreDialog
from clerk_app.services import backups
from clerk_app.services.errors import ClerkError
from clerk_app.services.opening import OpenRecord, open_record

TITLE = "clerk-app cannot open the record"


def ask(box: QMessageBox) -> QAbstractButton | None:
    """Show a question and return the button clicked (tests replace this)."""
    box.exec()
    return box.clickedButton()


def choose_backup(db_path: Path, parent: QWidget | None) -> bool:
    """The list of backups; True if one was restored (tests replace this)."""
    dialog = RestoreDialog(db_path, parent=parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def _box(icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # paths and names exactly as they are
    return box


def _tell(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    box = _box(icon, title, text, parent)
    box.addButton(QMessageBox.StandardButton.Ok)
    ask(box)


def open_with_dialogs(path: Path, create_folder: bool = False,
                      parent: QWidget | None = None) -> OpenRecord | None:
    """The record opened for recording or read-only, or None if it could not be (the
    clerk has been told why)."""
    read_only = False
    while True:
        try:
            record = open_record(path, read_only=read_only, create_folder=create_folder)
        except RecordInUse as error:
            box = _box(QMessageBox.Icon.Warning, "The record is already open", error.message,
                       parent)
            read = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            if ask(box) is not read:
                return None
            read_only = True
            continue
        except DamagedRecord as error:
            if not _recover(error, parent):
                return None
            continue
        except ClerkError as error:
            _tell(parent, QMessageBox.Icon.Critical, TITLE, error.message)
            return None
        except OSError as error:  # e.g. no permission to create the lock file
            _tell(parent, QMessageBox.Icon.Critical, TITLE,
                  f"{path} cannot be opened: {error.strerror or error}.")
            return None
        for warning in record.warnings:
            _tell(parent, QMessageBox.Icon.Warning, "About this record", warning)
        return record


def _recover(error: DamagedRecord, parent: QWidget | None) -> bool:
    """Offer the newest good backup of a damaged record; True if one was restored."""
    box = _box(QMessageBox.Icon.Critical, "The record is damaged", error.message, parent)
    newest = (box.addButton("Restore the newest good backup", QMessageBox.ButtonRole.AcceptRole)
              if error.backup else None)
    others = (box.addButton("Choose a backup…", QMessageBox.ButtonRole.ActionRole)
              if backups.available_backups(error.path) else None)
    box.addButton(QMessageBox.StandardButton.Close)
    clicked = ask(box)
    if clicked is None or clicked not in (newest, others):
        return False
    if clicked is others:
        return choose_backup(error.path, parent)
    try:
        backups.restore_backup(error.path, error.backup)
    except ClerkError as refused:
        _tell(parent, QMessageBox.Icon.Critical, TITLE, refused.message)
        return False
    return True

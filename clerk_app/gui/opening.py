"""Opening the record at start-up, off the GUI thread, with a dialog for everything that
can go wrong.

The window is shown first (app.py); the record is opened on the one worker (the data
layer's imports included), and its answer comes back here, on the GUI thread, where
each problem is told over the window. Another copy recording in the file: say so and
offer to open it read-only. A damaged file: say so, say where the untouched copy is,
and offer the newest good backup (or the list of backups). A file from a newer version,
a failed upgrade, a missing folder, a full disk: say so in the clerk's words. Never a
traceback, never a silently empty record. Every question goes through `ask`, which
tests replace to click a button.

The engine comes back with a connection pooled on the worker thread: every engine is
made with `check_same_thread=False` (clerk_app.db.engine) and SQLAlchemy's pool hands
a connection to one thread at a time, so the GUI thread may use it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt when used: see theme.system_scheme
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox, QWidget

from clerk_app.db.errors import ClerkError, DamagedRecord, RecordInUse
from clerk_app.gui import tasks

if TYPE_CHECKING:
    from clerk_app.services.opening import OpenRecord

TITLE = "clerk-app cannot open the record"


def ask(box: QMessageBox) -> QAbstractButton | None:
    """Show a question and return the button clicked (tests replace this)."""
    box.exec()
    return box.clickedButton()


def choose_backup(db_path: Path, parent: QWidget | None) -> bool:
    """The list of backups; True if one was restored (tests replace this)."""
    from clerk_app.gui.dialogs.restore_dialog import RestoreDialog

    dialog = RestoreDialog(db_path, parent=parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def _box(icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # paths and names exactly as they are
    return box


def _tell(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    box = _box(icon, title, text, parent)
    box.addButton(QMessageBox.StandardButton.Ok)
    ask(box)


def _attempt(path: Path, read_only: bool, create_folder: bool) -> OpenRecord | Exception:
    """On the worker: import the data layer and open the record. A refusal the clerk can
    act on is returned, not raised, so that the GUI thread knows which one it was."""
    from clerk_app.services.opening import open_record

    try:
        return open_record(path, read_only=read_only, create_folder=create_folder)
    except (ClerkError, OSError) as error:  # OSError: e.g. no permission for the lock
        return error


class RecordOpening(QObject):
    """Opens a record for recording, or read-only if the clerk agrees, off the GUI thread.

    Call `start()`; the dialogs are shown over `parent`, and a refusal the clerk can
    remedy (read-only, a backup restored) is tried again.

    Signals:
        opened(object): the `OpenRecord`, once its warnings have been told.
        given_up(): it could not be opened; the clerk has been told why, or cancelled.
    """

    opened = Signal(object)
    given_up = Signal()

    def __init__(self, path: Path, create_folder: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._create_folder = create_folder
        self._parent = parent
        self._read_only = False
        self._cancelled = False

    def start(self) -> None:
        """Try to open the record (again), on the worker."""
        task = tasks.runner().submit(_attempt, self.path, self._read_only, self._create_folder)
        task.finished.connect(self._answered)
        task.failed.connect(self._crashed)

    def cancel(self) -> None:
        """The application is closing: a record that opens now is closed at once."""
        self._cancelled = True

    def _answered(self, result: OpenRecord | Exception) -> None:
        if self._cancelled:
            if not isinstance(result, Exception):
                result.close()  # lets go of the writer lock
            return
        if isinstance(result, Exception):
            if self._try_again_after(result):
                self.start()
            else:
                self.given_up.emit()
            return
        for warning in result.warnings:
            _tell(self._parent, QMessageBox.Icon.Warning, "About this record", warning)
        self.opened.emit(result)

    def _crashed(self, message: str) -> None:
        """A bug, already reported to the crash handler: the clerk is told it stopped."""
        if not self._cancelled:
            _tell(self._parent, QMessageBox.Icon.Critical, TITLE, message)
            self.given_up.emit()

    def _try_again_after(self, error: Exception) -> bool:
        """Tell the clerk why the record did not open; True to try again (read-only, or
        after a backup was restored)."""
        parent = self._parent
        if isinstance(error, RecordInUse):
            box = _box(QMessageBox.Icon.Warning, "The record is already open",
                       error.message, parent)
            read = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            self._read_only = ask(box) is read
            return self._read_only
        if isinstance(error, DamagedRecord):
            return _recover(error, parent)
        if isinstance(error, ClerkError):
            _tell(parent, QMessageBox.Icon.Critical, TITLE, error.message)
        else:
            _tell(parent, QMessageBox.Icon.Critical, TITLE,
                  f"{self.path} cannot be opened: {error.strerror or error}.")
        return False


def _recover(error: DamagedRecord, parent: QWidget | None) -> bool:
    """Offer the newest good backup of a damaged record; True if one was restored."""
    from clerk_app.services import backups

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

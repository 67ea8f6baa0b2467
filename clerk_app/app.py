"""Composition root: open the database, build the window, run."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from clerk_app import paths
from clerk_app.gui import tasks
from clerk_app.gui.backup_timer import BackupTimer
from clerk_app.gui.main_window import MainWindow
from clerk_app.gui.opening import TITLE, open_with_dialogs
from clerk_app.services.errors import ClerkError
from clerk_app.services.opening import OpenRecord, open_record


def build_window(db_path: Path | str | None, settings: QSettings | None = None,
                 record: OpenRecord | None = None) -> MainWindow:
    """The main window on a record (on the welcome page when it has no bodies yet).

    Without `record` the record is opened here, without dialogs. The window keeps the
    record open, and its writer lock held, until it closes or opens another record.
    """
    path = db_path or paths.default_database()
    record = record or open_record(path, create_folder=db_path is None)
    label = record.label if record.on_server else str(path)  # a server's password masked
    window = MainWindow(record.engine, label, record=record, settings=settings)
    if record.read_only:  # as MainWindow.set_record says it for a record opened later
        window.record_label.setText(f"Record (read-only): {label}")
    return window


FREEZE_AFTER_MS = 300


def freeze_startup_objects() -> None:
    """Keep the collector's full passes short: everything made at start-up (modules, Qt
    wrappers, the window) lives as long as the application, yet a full garbage
    collection walks all of it, a pause of about 100 ms that can land on a key press.
    Frozen, those objects are left out of every later collection."""
    gc.collect()
    gc.freeze()


def show_window(app: QApplication, window: MainWindow) -> None:
    """Show the window at a size that suits the screen."""
    available = app.primaryScreen().availableGeometry()
    if available.width() < 1400 or available.height() < 900:
        window.showMaximized()  # a 1366x768 laptop: use all of it
    else:
        window.resize(1280, 800)
        window.show()


def run_app(db_path: Path | str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    # In use, damaged, too new, unreachable: each is told in a dialog (gui/opening.py).
    record = open_with_dialogs(db_path or paths.default_database(),
                               create_folder=db_path is None)
    if record is None:
        return 2
    try:
        # The window applies the look (Fusion, light or dark) and remembers the choice.
        window = build_window(db_path, QSettings(paths.APP_NAME, paths.APP_NAME), record)
    except ClerkError as error:  # e.g. the record could not be read
        QMessageBox.critical(None, TITLE, error.message)
        record.close()
        return 2
    # Every ten minutes in a meeting, on whichever record the window has open (never on
    # a read-only one: the copy recording in it makes its backups).
    backup_timer = BackupTimer(lambda: window.engine, window)
    backup_timer.failed.connect(window.statusBar().showMessage)
    backup_timer.start()
    show_window(app, window)
    QTimer.singleShot(FREEZE_AFTER_MS, freeze_startup_objects)  # once the window is drawn
    try:
        return app.exec()
    finally:
        tasks.runner().wait()  # a backup or export in progress finishes first
        record.close()

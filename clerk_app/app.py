"""Composition root: show the window, open the record behind it, run.

The window comes first: this module and the frame of the window import only Qt and
light modules, so the clerk sees the window, its menus and "Opening the record…" at
once; the record is opened on the worker (the data layer's imports with it), and the
window is given it when it is open (gui/opening.py).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from clerk_app import paths
from clerk_app.gui import tasks
from clerk_app.gui.backup_timer import BackupTimer
from clerk_app.gui.main_window import MainWindow
from clerk_app.gui.opening import TITLE, RecordOpening
from clerk_app.services.errors import ClerkError

if TYPE_CHECKING:
    from clerk_app.services.opening import OpenRecord


def build_window(db_path: Path | None, settings: QSettings | None = None,
                 record: OpenRecord | None = None) -> MainWindow:
    """The main window on a record (on the welcome page when it has no bodies yet).

    Without `record` the record is opened here, without dialogs. The window keeps the
    record open, and its writer lock held, until it closes or opens another record.
    """
    from clerk_app.services.opening import open_record

    path = db_path or paths.default_database()
    record = record or open_record(path, create_folder=db_path is None)
    return MainWindow(record.engine, str(path), record=record, settings=settings)


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


def give_record(window: MainWindow, record: OpenRecord) -> bool:
    """The opened record to the window; False if it could not be read (the clerk is told,
    and the record closed)."""
    try:
        window.set_record(record.engine, window.database_label, record)
    except ClerkError as error:  # e.g. the record could not be read
        QMessageBox.critical(window, TITLE, error.message)
        record.close()
        return False
    # Every ten minutes in a meeting, on whichever record the window has open (never on
    # a read-only one: the copy recording in it makes its backups).
    backup_timer = BackupTimer(lambda: window.engine, window)
    backup_timer.failed.connect(window.statusBar().showMessage)
    backup_timer.start()
    QTimer.singleShot(FREEZE_AFTER_MS, freeze_startup_objects)  # once the pages are drawn
    return True


def run_app(db_path: Path | None = None) -> int:
    """The window at once, the record behind it; 2 if the record could not be opened."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    path = db_path or paths.default_database()
    # The window applies the look (Fusion, light or dark) and remembers the choice.
    window = MainWindow(None, str(path), settings=QSettings(paths.APP_NAME, paths.APP_NAME))
    show_window(app, window)
    # In use, damaged, too new, unreachable: each is told in a dialog over the window.
    opening = RecordOpening(path, create_folder=db_path is None, parent=window)

    def opened(record: OpenRecord) -> None:
        if not give_record(window, record):
            app.exit(2)

    opening.opened.connect(opened)
    opening.given_up.connect(lambda: app.exit(2))
    QTimer.singleShot(0, opening.start)  # once the event loop runs: the window first
    try:
        return app.exec()
    finally:
        opening.cancel()  # a record still opening is closed as soon as it opens
        tasks.runner().wait()  # a backup or export in progress finishes first
        QCoreApplication.sendPostedEvents()  # the worker's last answers
        window.close()  # lets go of the record and its writer lock

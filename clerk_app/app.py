"""Composition root: show the window, open the record behind it, run.

The window comes first: this module and the frame of the window import only Qt and
light modules, so the clerk sees the window, its menus and "Opening the record…" at
once; the record is opened on the worker (the data layer's imports with it), and the
window is given it when it is open (gui/opening.py).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from clerk_app import paths
from clerk_app.db.location import shown
from clerk_app.gui import tasks
from clerk_app.gui.backup_timer import BackupTimer
from clerk_app.gui.main_window import MainWindow
from clerk_app.gui.opening import TITLE, RecordOpening
from clerk_app.services.errors import ClerkError

if TYPE_CHECKING:
    from clerk_app.services.opening import OpenRecord


def record_label(record: OpenRecord, asked: str) -> str:
    """How the status bar names an open record: a file by the name the clerk gave (a
    second name of a file being recorded is told as such), a team record by its server,
    never its password."""
    return record.label if record.on_server else asked


def build_window(db_path: Path | str | None, settings: QSettings | None = None,
                 record: OpenRecord | None = None) -> MainWindow:
    """The main window on a record (on the welcome page when it has no bodies yet).

    Without `record` the record is opened here, without dialogs. The window keeps the
    record open, and its writer lock held, until it closes or opens another record.
    """
    from clerk_app.services.opening import open_record

    path = db_path or paths.default_database()
    record = record or open_record(path, create_folder=db_path is None)
    return MainWindow(record.engine, record_label(record, str(path)), record=record,
                      settings=settings)


FREEZE_AFTER_MS = 300  # after the record is given to the window: once its pages are drawn


def freeze_startup_objects() -> None:
    """Keep the collector's full passes short: everything made at start-up (modules, Qt
    wrappers, the window) lives as long as the application, yet a full garbage
    collection walks all of it, a pause of about 100 ms that can land on a key press.
    Frozen, those objects are left out of every later collection. The collector, held
    off while they were made (run_app), runs again from here."""
    gc.collect()
    gc.freeze()
    gc.enable()


def show_window(app: QApplication, window: MainWindow) -> None:
    """Show the window at a size that suits the screen."""
    available = app.primaryScreen().availableGeometry()
    # The size it returns to from maximised, and its size where nothing maximises it.
    window.resize(min(1280, available.width()), min(800, available.height()))
    if available.width() < 1400 or available.height() < 900:
        window.showMaximized()  # a 1366x768 laptop: use all of it
    else:
        window.show()


UNPAINTED_MS = 500  # a window not painted by then (minimised at start) opens all the same
FRAME_MS = 16  # one frame at 60 Hz: the window system puts the first frame on screen


class _AfterFirstPaint(QObject):
    """Calls `then` once, a frame after the window was first painted, or after
    UNPAINTED_MS.

    Qt delivers timers before the window's first expose and paint: started from a
    zero timer, the record's opening (most of it importing the data layer, holding
    Python's lock) would slow the first paint it is meant to follow.
    """

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(UNPAINTED_MS, self, self._go)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Once this paint, the children's too, is done and shown: what follows holds
            # Python's lock for tens of milliseconds.
            QTimer.singleShot(FRAME_MS, self, self._go)
        return False

    def _go(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()


def give_record(window: MainWindow, record: OpenRecord) -> bool:
    """The opened record to the window; False if it could not be read (the clerk is told,
    and the record closed)."""
    try:
        window.set_record(record.engine, record_label(record, window.database_label), record)
    except ClerkError as error:  # e.g. the record could not be read
        QMessageBox.critical(window, TITLE, error.message)
        record.close()
        return False
    # Every ten minutes in a meeting, on whichever record the window has open (never on
    # a read-only one: the copy recording in it makes its backups).
    backup_timer = BackupTimer(lambda: window.engine, window)
    backup_timer.failed.connect(window.statusBar().showMessage)
    backup_timer.start()
    return True


def application() -> QApplication:
    """The application, in Fusion from the start: set later, Fusion would be asked for by
    name, and PySide would build QStyle's enums before the first frame."""
    return QApplication.instance() or QApplication([*sys.argv[:1], "-style", "Fusion"])


def start(db_path: Path | str | None = None) -> tuple[MainWindow, RecordOpening]:
    """The window shown at once, saying "Opening the record…", and the record opening
    behind it: `opening.given_up` says that it could not be (the clerk has been told)."""
    app = application()
    app.setApplicationName(paths.APP_NAME)
    path = db_path or paths.default_database()
    # The window applies the look (Fusion, light or dark) and remembers the choice.
    window = MainWindow(None, shown(path), settings=QSettings(paths.APP_NAME, paths.APP_NAME))
    show_window(app, window)
    # In use, damaged, too new, unreachable: each is told in a dialog over the window.
    opening = RecordOpening(path, create_folder=db_path is None, parent=window)

    def opened(record: OpenRecord) -> None:
        if not give_record(window, record):
            opening.given_up.emit()

    opening.opened.connect(opened)

    def after_first_frame() -> None:
        opening.start()  # first: the worker reads while the window is finished
        window.complete()

    _AfterFirstPaint(window, after_first_frame)  # the window first
    return window, opening


def run_app(db_path: Path | str | None = None) -> int:
    """Run the application; 2 if the record could not be opened."""
    # Importing the data layer and the pages makes a million objects that live as long
    # as the application: collecting while they are made frees nothing and costs a fifth
    # of the start-up. The collector is held off until they are frozen (and is already
    # off when started by the clerk-app command, from before Qt is imported).
    gc.disable()
    app = application()
    window, opening = start(db_path)
    opening.opened.connect(lambda _record: QTimer.singleShot(FREEZE_AFTER_MS,
                                                             freeze_startup_objects))
    opening.given_up.connect(lambda: app.exit(2))
    try:
        return app.exec()
    finally:
        opening.cancel()  # a record still opening is closed as soon as it opens
        tasks.runner().wait()  # a backup or export in progress finishes first
        QCoreApplication.sendPostedEvents()  # the worker's last answers
        window.close()  # lets go of the record and its writer lock

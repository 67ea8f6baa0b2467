"""The ten-minute backup while a meeting is being recorded.

Every minute the timer asks the backups service whether a backup is due (a meeting in
progress, ten minutes since the last backup, something recorded since); the service
decides, and makes it on the one worker (gui/tasks.py) so the window never waits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from clerk_app.gui import tasks

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

CHECK_EVERY_MS = 60_000


class BackupTimer(QObject):
    """Asks for the ten-minute backup every minute while the application runs.

    Signals:
        made(object): a backup was made (a `BackupFile`).
        failed(str): a backup could not be made; the text says why, for the status bar.
    """

    made = Signal(object)
    failed = Signal(str)

    def __init__(self, engine: Engine | Callable[[], Engine], parent: QObject | None = None,
                 interval_ms: int = CHECK_EVERY_MS) -> None:
        """`engine` may be a function giving the engine of the record open now (the
        window can open another record while the application runs)."""
        super().__init__(parent)
        self._engine = engine if callable(engine) else (lambda: engine)
        self._task: tasks.Task | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> None:
        """Ask now (the timer calls this); does nothing while a backup is being made."""
        from clerk_app.services import backups  # imported with the record, not the window

        if self._task is not None and not self._task.done:
            return
        self._task = tasks.runner().submit(backups.backup_if_due, self._engine())
        self._task.finished.connect(self._finished)
        self._task.failed.connect(
            lambda message: self.failed.emit(f"The ten-minute backup failed: {message}"))

    def _finished(self, backup) -> None:
        if backup is not None:
            self.made.emit(backup)

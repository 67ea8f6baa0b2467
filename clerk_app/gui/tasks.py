"""The one worker for slow jobs (exports, reports), so the window never freezes.

Anything that can take longer than a frame — writing minutes as PDF, building a year's
report — runs here, on a single background thread, one job after another; its result
comes back to the GUI thread as a signal (STYLE.md example 5, after Anki's taskman).

How to use it::

    task = tasks.runner().submit(minutes.render_minutes, engine, meeting_id, "pdf")
    task.finished.connect(self._show)      # called on the GUI thread with the result
    task.failed.connect(self._say_why)     # a ClerkError's message, for the clerk

Rules for a job:
- It is a plain function of plain arguments: ids, strings, dates, the engine (which is
  safe to share between threads). Never an ORM object, never a widget.
- It opens its own database session (every service function does) and returns plain
  data: bytes, a path, a dataclass. It must not touch any widget.
- A `ClerkError` it raises reaches `failed` with its message; any other exception is a
  bug: it goes to `sys.excepthook` on the GUI thread (the application's crash handling)
  and `failed` says that the job stopped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from clerk_app.services.errors import ClerkError


class Task(QObject):
    """One submitted job, living on the GUI thread.

    The worker never emits the public signals itself: it emits private ones, queued to
    this object on the GUI thread, which then emits `finished` or `failed`. So a job that
    ends before the caller has connected its slots (a quick one can) is not missed: the
    queued answer is only delivered once the caller's code has returned to the event loop.

    Signals:
        finished(object): the job's result.
        failed(str): why the job did not finish, in the clerk's words.
    """

    finished = Signal(object)
    failed = Signal(str)
    _succeeded = Signal(object)
    _refused = Signal(str)
    _crashed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.done = False
        self._succeeded.connect(self._on_success)
        self._refused.connect(self._on_refusal)
        self._crashed.connect(self._on_crash)

    @Slot(object)
    def _on_success(self, result: Any) -> None:
        self.done = True
        self.finished.emit(result)

    @Slot(str)
    def _on_refusal(self, message: str) -> None:
        self.done = True
        self.failed.emit(message)

    @Slot(object)
    def _on_crash(self, info: tuple) -> None:
        self.done = True
        sys.excepthook(*info)
        self.failed.emit(f"The job stopped because of an unexpected error: {info[1]!s}")


class _Job(QRunnable):
    def __init__(self, task: Task, job: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task, self._job, self._args, self._kwargs = task, job, args, kwargs

    def run(self) -> None:
        # On the worker thread: emitting queues the answer to the task on the GUI thread.
        try:
            result = self._job(*self._args, **self._kwargs)
        except ClerkError as error:
            self._task._refused.emit(error.message)
        except Exception:  # a bug: reported on the GUI thread, see Task._on_crash
            self._task._crashed.emit(sys.exc_info())
        else:
            self._task._succeeded.emit(result)


class TaskRunner(QObject):
    """A single background thread that runs jobs in the order they were submitted."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one worker: jobs never race for the record
        self._tasks: set[Task] = set()

    def submit(self, job: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        """Queue `job(*args, **kwargs)`; connect to the returned task's signals."""
        task = Task(self)
        self._tasks.add(task)
        task.finished.connect(lambda _result: self._tasks.discard(task))
        task.failed.connect(lambda _message: self._tasks.discard(task))
        self._pool.start(_Job(task, job, args, kwargs))
        return task

    def wait(self, msecs: int = -1) -> bool:
        """Block until every queued job has run (for shutting down, and for tests)."""
        return self._pool.waitForDone(msecs)


def runner() -> TaskRunner:
    """The application's one worker, created on first use and owned by the application."""
    app = QCoreApplication.instance()
    existing = app.findChild(TaskRunner, "clerkTaskRunner")
    if existing is not None:
        return existing
    created = TaskRunner(app)
    created.setObjectName("clerkTaskRunner")
    return created

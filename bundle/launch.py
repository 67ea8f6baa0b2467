"""The installed application's entry point: the `clerk-app` command, frozen with
PyInstaller (bundle/clerk-app.spec). It runs exactly what `python -m clerk_app` runs.

With CLERK_APP_STARTUP_REPORT naming a file, the window is started, and once it is up
with the event loop running, what it shows is written to that file as JSON (the page,
the monotonic time, whether the program is the frozen bundle and where it found its
resources) and the window closes. scripts/dist.py uses it to check the bundle and to
time its start against the source checkout's; IT can use it to check an installation.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

STARTUP_REPORT = "CLERK_APP_STARTUP_REPORT"


def watch_startup(report: Path) -> None:
    """Write the report once a main window is shown with its record and painted, then
    close it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])  # the application takes this one (run_app)

    def ready() -> None:
        windows = [w for w in app.topLevelWidgets()
                   if isinstance(w, QMainWindow) and w.isVisible()]
        # The window is shown first and given the record when it is open (app.py):
        # the report is of the window with its record, as the clerk can use it.
        if not windows or getattr(windows[0], "engine", None) is None:
            QTimer.singleShot(10, ready)
            return
        app.processEvents()  # painted, as the clerk first sees it
        shown = time.monotonic()
        import clerk_app
        from clerk_app import paths

        pages = getattr(windows[0], "pages", None)
        page = pages.currentWidget() if pages is not None else None
        report.write_text(json.dumps({
            "ready": shown, "page": type(page).__name__ if page is not None else None,
            "title": windows[0].windowTitle(), "frozen": paths.FROZEN,
            "resources": str(paths.RESOURCES), "package": clerk_app.__file__,
            "executable": sys.executable,
        }), encoding="utf-8")
        for window in windows:
            window.close()
        app.quit()

    QTimer.singleShot(0, ready)


def run() -> int:
    report = os.environ.get(STARTUP_REPORT)
    if report:
        watch_startup(Path(report))
    from clerk_app.__main__ import main

    return main()


if __name__ == "__main__":
    sys.exit(run())

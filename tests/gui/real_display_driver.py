"""The application on a real X display, driven by key events (tests/gui/test_real_display.py).

Run as `python -m tests.gui.real_display_driver RECORD PNG` with QT_QPA_PLATFORM=xcb and
DISPLAY set: builds and shows the window as clerk_app/app.py does, on a record whose next
meeting is today, marks the first person on the register present with the P key, saves
a screenshot of the whole screen, and prints what it did as one line of JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from clerk_app import paths
from clerk_app.app import build_window, show_window
from clerk_app.gui.models.register_model import PERSON_ROLE


def main(record: Path, screenshot: Path) -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    window = build_window(record)
    show_window(app, window)
    if not QTest.qWaitForWindowExposed(window, 10_000):
        print(json.dumps({"error": "the window was never shown"}))
        return 1
    table = window.table_view()
    if window.pages.currentWidget() is not table:
        print(json.dumps({"error": "the window did not open at today's meeting"}))
        return 1
    register = table.register.table
    register.setFocus()
    QTest.keyClick(register, Qt.Key.Key_Down)  # the first person on the register
    person_id = register.currentIndex().data(PERSON_ROLE)
    QTest.keyClick(register, Qt.Key.Key_P)
    QTest.qWait(300)  # let the banner and the register repaint before the picture
    saved = app.primaryScreen().grabWindow(0).save(str(screenshot))
    print(json.dumps({"meeting_id": table.desk.meeting_id, "person_id": person_id,
                      "status": table.status.text(), "problem": table.problem.text(),
                      "platform": app.platformName(), "saved": saved}))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))

"""The application on a real display for a screen reader's test (tests/gui/test_screen_reader.py).

Run as `python -m tests.gui.screen_reader_driver RECORD` with QT_QPA_PLATFORM=xcb,
DISPLAY and the accessibility bus set. Builds and shows the window as clerk_app/app.py
does, on a record whose next meeting is today, and then takes its steps one at a time:
it prints a line saying what is on the screen ("walk table", "walk dialog <title>",
"begin refused", …) and waits, its event loop running so that the screen reader's side
can read the window, until a line on its standard input says to go on. The screen
reader's side (tests/gui/screen_reader_listener.py) walks and listens meanwhile.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QEvent, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from clerk_app import paths
from clerk_app.app import build_window, show_window
from clerk_app.gui.main_window import MainWindow
from clerk_app.rules.vocabulary import AttendanceKind, RegisterState
from clerk_app.services import register
from tests.gui.every_screen import every_dialog

SETTLE_MS = 400  # for the events of a key press to reach the bus


def say(line: str) -> None:
    print(line, flush=True)


def press_p_on(window: MainWindow, person_id: int) -> None:
    table = window.table_view()
    table.register.select_person(person_id)
    table.register.table.setFocus()
    # Sent to the register itself: on a display with no window manager the window may
    # never be made active, and Qt's test keys go only to an active window.
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(table.register.table, QKeyEvent(
            kind, Qt.Key.Key_P, Qt.KeyboardModifier.NoModifier, "p"))


def arrivals_until_one_short(window: MainWindow) -> int:
    """Mark people arrived until the next arrival would make the meeting quorate; return
    that person."""
    table = window.table_view()
    desk = table.desk
    for line in desk.state.register:
        if line.state is not RegisterState.EXPECTED:
            continue
        _before, after = register.quorum_if(desk.engine, desk.meeting_id, line.person_id,
                                            AttendanceKind.ARRIVE, None, desk.live)
        if after.quorate:
            return line.person_id
        press_p_on(window, line.person_id)
    raise RuntimeError("no arrival makes the demo meeting quorate")


def steps(window: MainWindow) -> Iterator[str]:
    """Each step leaves something on the screen, and says what."""
    table = window.table_view()
    QTest.mouseClick(table.open_button, Qt.MouseButton.LeftButton)
    focus = type(window.focusWidget()).__name__  # within the window, active or not
    quorum_maker = arrivals_until_one_short(window)
    present = next(line for line in table.desk.state.register
                   if line.state is RegisterState.PRESENT)
    QTest.qWait(SETTLE_MS)  # the arrivals' own events are on the bus before the next
    yield "begin refused"
    press_p_on(window, present.person_id)
    QTest.qWait(SETTLE_MS)
    yield f"end refused {json.dumps([table.problem.text()])}"
    yield "begin quorate"
    press_p_on(window, quorum_maker)
    QTest.qWait(SETTLE_MS)
    yield f"end quorate {json.dumps([table.banner.text(), table.status.text()])}"
    yield f"walk table {json.dumps({'focus': focus})}"
    for dialog in every_dialog(window):
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.show()
        QTest.qWaitForWindowExposed(dialog, 5000)
        yield f"walk dialog {dialog.windowTitle()}"
        dialog.done(QDialog.DialogCode.Rejected)
        dialog.deleteLater()


def main(record: Path) -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    window = build_window(record)
    show_window(app, window)
    if not QTest.qWaitForWindowExposed(window, 10_000):
        say("error the window was never shown")
        return 1
    walk = steps(window)

    def next_step() -> None:
        try:
            say(next(walk))
        except StopIteration:
            say("done")
            app.quit()
        except Exception as error:  # the listener says so, rather than waiting for ever
            say(f"error {type(error).__name__}: {error}")
            app.quit()

    def line_in() -> None:
        if not sys.stdin.readline():  # the listener has gone: stop
            app.quit()
            return
        QTimer.singleShot(0, next_step)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(line_in)
    QTimer.singleShot(500, next_step)
    app.exec()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

"""The window before the record: the clerk sees the window, its menus and which record
is opening at once; the record is opened off the GUI thread and the window becomes
usable when it is; every problem is told in a dialog over the shown window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app.app import start
from clerk_app.db.backup import make_backup
from clerk_app.gui import opening, tasks
from clerk_app.gui.main_window import MainWindow
from clerk_app.services import register
from tests.conftest import at
from tests.gui.shell_support import open_with_dialogs, restore_look  # noqa: F401
from tests.services.test_safety_one_writer import HOLD

ROOT = Path(__file__).resolve().parents[2]

# The real command in a process of its own: at the window's first paint, what is loaded
# and what the clerk sees; then, once the record is usable, what the window shows.
PROBE = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow
    seen = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if (event.type() == QEvent.Type.Paint and "painted" not in seen
                    and isinstance(watched, QMainWindow)):
                seen["painted"] = {
                    "sqlalchemy": "sqlalchemy" in sys.modules,
                    "sqlmodel": "sqlmodel" in sys.modules,
                    "menus": [a.text() for a in watched.menuBar().actions()],
                    "status": watched.statusBar().currentMessage(),
                    # PySide builds Qt's namespace (94 enums, some 20 ms) at its first use.
                    "qt_namespace": "Qt" in sys.modules["PySide6.QtCore"].__dict__,
                    "open_enabled": watched.menus["File"].actions()[0].isEnabled(),
                    "quit_enabled": watched.menus["File"].actions()[-1].isEnabled(),
                }
                watched.record_opened.connect(lambda: usable(watched))
            return False

    def usable(window):
        seen["usable"] = {"bodies": len(window.navigator.bodies()),
                          "title": window.windowTitle(),
                          "open_enabled": window.menus["File"].actions()[0].isEnabled()}
        window.close()

    app = QApplication(sys.argv[:1])
    app.installEventFilter(watcher := FirstPaint())
    from clerk_app.__main__ import main
    seen["status"] = main(["--db", sys.argv[1]])
    print(json.dumps(seen))
""")


def _run_probe(db_path: Path, tmp_path: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    run = subprocess.run([sys.executable, "-c", PROBE, str(db_path)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.splitlines()[-1])


def test_the_window_is_painted_before_the_data_layer_is_loaded_then_the_record_opens(
        tmp_path, db_path, kent):
    kent.meeting()
    kent.engine.dispose()
    seen = _run_probe(db_path, tmp_path)
    first = seen["painted"]
    assert not first["sqlalchemy"] and not first["sqlmodel"]
    assert first["menus"] == ["&File", "Bod&y", "&Meeting", "Yea&r", "&View", "&Help"]
    assert first["status"] == f"Opening the record {db_path}…"
    assert not first["qt_namespace"], "a module of the first frame names Qt: see main_window"
    assert not first["open_enabled"] and first["quit_enabled"]
    # Then the record is opened behind the window, and the window is usable.
    assert seen["usable"]["bodies"] == 1 and seen["usable"]["open_enabled"]
    assert seen["usable"]["title"].startswith("Kent")
    assert seen["status"] == 0


# The command again, the clerk acting at the first paint: quitting (File › Quit), or
# cancelling the question about a record in use.
ACTING = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox
    from clerk_app.gui import opening

    def cancel(box):
        return next(b for b in box.buttons()
                    if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole)

    opening.ask = cancel

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                app.removeEventFilter(self)
                if sys.argv[2] == "quit":
                    quit = watched.menus["File"].actions()[-1]
                    QTimer.singleShot(0, quit.trigger)
            return False

    app = QApplication(sys.argv[:1])
    app.installEventFilter(watcher := FirstPaint())
    from clerk_app.__main__ import main
    status = main(["--db", sys.argv[1]])
    print("status", status, flush=True)
    if sys.argv[2] == "quit":  # another copy may record now: the writer lock was let go
        import subprocess
        other = subprocess.run([sys.executable, "-c", "import sys; from clerk_app.services."
                                "opening import open_record; open_record(sys.argv[1]).close()",
                                sys.argv[1]])
        print("unlocked" if other.returncode == 0 else "locked", flush=True)
""")


def _act(db_path: Path, tmp_path: Path, action: str) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    run = subprocess.run([sys.executable, "-c", ACTING, str(db_path), action], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stdout.split()


def test_quitting_while_the_record_opens_ends_the_application_and_lets_the_record_go(
        tmp_path, db_path, kent):
    kent.meeting()
    kent.engine.dispose()
    said = _act(db_path, tmp_path, "quit")
    assert said[:2] == ["status", "0"] and said[-1] == "unlocked"


def test_cancelling_the_question_about_a_record_in_use_ends_with_status_2(
        tmp_path, db_path, other_copy):
    said = _act(db_path, tmp_path, "wait")
    assert said[:2] == ["status", "2"]


@pytest.fixture
def opened_window(qtbot):
    """The window as `clerk-app` shows it; the record it was given, once usable."""
    made: list[MainWindow] = []

    def open_window(db_path: Path, wait: bool = True) -> MainWindow:
        window, opening_ = start(db_path)
        qtbot.addWidget(window)
        made.append(window)
        window.opening = opening_  # for the test to watch
        if wait:
            with qtbot.waitSignal(window.record_opened, timeout=30_000):
                pass
        return window

    yield open_window
    tasks.runner().wait()
    QApplication.sendPostedEvents()
    for window in made:
        window.close()  # lets go of the record's writer lock


def test_the_window_shows_its_menus_and_the_record_it_is_opening_at_once(
        qtbot, opened_window, kent, db_path):
    kent.meeting()
    kent.engine.dispose()
    window = opened_window(db_path, wait=False)
    # Shown before the event loop has run once: nothing has been read yet.
    assert window.isVisible() and window.engine is None
    assert window.statusBar().currentMessage() == f"Opening the record {db_path}…"
    assert window.empty.text() == "Opening the record…"
    actions = {a.text(): a for menu in window.menus.values() for a in menu.actions()}
    assert actions["&Quit"].isEnabled() and actions["&Keyboard reference"].isEnabled()
    for needing_the_record in ("&Open database…", "Set up a &new body…", "&Deadlines",
                               "&Restore from backup…", "&New meeting…"):
        assert not actions[needing_the_record].isEnabled(), needing_the_record
    with qtbot.waitSignal(window.record_opened, timeout=30_000):
        pass
    # The start page is chosen as ever: no meeting to come, so the body's set-up.
    assert window.pages.currentWidget() is window.body_setup
    assert window.current_body_id() == kent.body_id
    assert actions["&Open database…"].isEnabled() and actions["&New meeting…"].isEnabled()
    assert window.saved_label.text() == "Every change is saved the moment it is made."


def test_an_engine_opened_on_the_worker_records_on_the_gui_thread(qtbot, kent, db_path):
    """The pool's connection was made on the worker thread; the window uses it."""
    meeting = kent.meeting()
    kent.engine.dispose()
    record = open_with_dialogs(qtbot, db_path)
    try:
        assert record.engine.pool.checkedin() >= 1  # the worker's connection, kept
        register.arrive(record.engine, meeting, kent.ids["chair"], at(9, 55))
        assert register.state(record.engine, meeting).line(kent.ids["chair"]).state \
            == "present"
    finally:
        record.close()


@pytest.fixture
def clicks(qtbot, monkeypatch):
    """Answer the questions by clicking the named buttons; keep each box asked."""
    asked: list = []
    wanted: list[str] = []

    def ask(box):
        qtbot.addWidget(box)
        box.show()
        asked.append((box, box.parentWidget(), box.parentWidget().isVisible()))
        text = wanted.pop(0)
        button = next(b for b in box.buttons() if b.text().replace("&", "") == text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return box.clickedButton()

    monkeypatch.setattr(opening, "ask", ask)

    def click(*texts: str) -> list:
        wanted.extend(texts)
        return asked

    return click


@pytest.fixture
def other_copy(kent, db_path):
    kent.meeting()
    kent.engine.dispose()
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], cwd=ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "recording"
    yield process
    process.kill()
    process.wait()


def test_a_record_in_use_is_offered_read_only_over_the_shown_window(
        qtbot, opened_window, clicks, other_copy, db_path):
    asked = clicks("Open read-only")
    window = opened_window(db_path)
    [(box, parent, shown)] = asked
    assert parent is window and shown  # the question is asked over the window
    assert "already open for recording in another copy" in box.text()
    assert window.record_label.text() == f"Record (read-only): {db_path}"
    assert len(window.navigator.bodies()) == 1


def test_declining_a_record_in_use_gives_up_and_leaves_the_window_without_one(
        qtbot, opened_window, clicks, other_copy, db_path):
    clicks("Cancel")
    window = opened_window(db_path, wait=False)
    with qtbot.waitSignal(window.opening.given_up, timeout=30_000):
        pass
    assert window.engine is None


def test_a_damaged_record_offers_its_backup_over_the_window_then_opens(
        qtbot, opened_window, clicks, kent, db_path):
    meeting = kent.meeting()
    register.arrive(kent.engine, meeting, kent.ids["chair"], at(9, 55))
    make_backup(db_path, "manual")
    kent.engine.dispose()
    db_path.write_bytes(os.urandom(32768))
    asked = clicks("Restore the newest good backup")
    window = opened_window(db_path)
    [(box, parent, shown)] = asked
    assert parent is window and shown
    assert "is damaged and cannot be opened" in box.text()
    assert register.state(window.engine, meeting).line(kent.ids["chair"]).state == "present"
    assert window.current_body_id() == kent.body_id  # the window is usable on it

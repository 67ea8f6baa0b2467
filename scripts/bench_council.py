"""A council's whole record open in the application's window, measured in a process of
its own so that its peak memory is the record's: run by scripts/bench.py (section 7) on
a copy of the cached council record (scripts/bench_record.py, `council_record`).

    python scripts/bench_council.py RECORD DRAWS

Prints one line, "council " and JSON: ms for each drawing of the navigator (the window's
refresh with every body and meeting, painted), ms for each switch of body (the
keyboard's Down or Up in the navigator, until the body's page is painted), and the
process's peak resident memory in MB.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import ms_since, settle  # noqa: E402


def draw_navigator(window, times: int) -> list[float]:
    """The window rebuilds its navigator from the record, as after every change of body
    or meeting; ms until it is painted again."""
    timings = []
    for _ in range(times):
        start = time.perf_counter()
        window.refresh()
        settle()
        timings.append(ms_since(start))
    if not window.navigator.bodies():
        raise RuntimeError("the navigator shows no body")
    return timings


def switch_bodies(window) -> list[float]:
    """Down the list of bodies and back up, by key, from the first to the last: ms from
    the key to the next body's set-up page painted. Each body is folded first (Left, not
    timed), as a clerk does to step over its ten years of meetings."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    navigator = window.navigator
    bodies = navigator.bodies()
    navigator.setFocus()
    navigator.set_current(bodies[0])
    settle()
    last = len(bodies) - 1
    timings = []
    for target in [*range(1, last + 1), *range(last - 1, -1, -1)]:
        here = navigator.current().row
        if navigator.isExpanded(navigator.currentIndex()):
            QTest.keyClick(navigator, Qt.Key.Key_Left)
            settle()
        key = Qt.Key.Key_Down if target > here else Qt.Key.Key_Up
        start = time.perf_counter()
        QTest.keyClick(navigator, key)
        settle()
        timings.append(ms_since(start))
        body_id = bodies[target].body_id
        if (navigator.current() is not bodies[target]
                or window.pages.currentWidget() is not window.body_setup
                or window.body_setup.setup.body_id != body_id):
            raise RuntimeError(f"the key did not show the body in row {target}")
    return timings


def peak_mb() -> float:
    """The process's peak resident memory. On Linux from /proc: getrusage's maximum
    carries over the parent's at fork, so a child started by a benchmark that has held a
    large meeting would report the parent's peak."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024  # bytes / kB


def main(record: Path, draws: int) -> None:
    from PySide6.QtWidgets import QApplication

    from clerk_app.app import freeze_startup_objects
    from clerk_app.db.migrate import open_database
    from clerk_app.gui.main_window import MainWindow

    _app = QApplication(sys.argv[:1])
    engine = open_database(record)
    window = MainWindow(engine, str(record))
    window.resize(1366, 768)
    window.show()
    settle()
    freeze_startup_objects()  # as the application does once its window is up
    result = {"meetings": len(window.navigator.meeting_entries()),
              "bodies": len(window.navigator.bodies()),
              "draw": draw_navigator(window, draws), "switch": switch_bodies(window)}
    window.close()
    engine.dispose()
    result["peak"] = peak_mb()
    print("council " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))

"""A clerk who uses a screen reader can run the meeting (issue 20), tried over the real
screen-reader interface: the application on an X display (Xvfb) with Qt's AT-SPI bridge
on, and the other side of the bus read with pyatspi, as Orca reads it.

The test walks the meeting table and every dialog, failing on any control shown
without a name; and it records what reaches the bus when P is pressed on a member
already present (the refusal must be said) and when an arrival makes the meeting
quorate (that must be said too). Skipped where no X server, D-Bus session or pyatspi is
to be had; under CI=true (.ci/run installs them) it fails instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from clerk_app.db.migrate import open_database
from clerk_app.services import demo
from tests.gui.test_real_display import display, unavailable  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's python3-pyatspi is for it, not the venv
TIMEOUT = 300  # seconds: the walk of every dialog over D-Bus is most of it


def listen(display_name: str, record: Path) -> dict:
    if shutil.which("dbus-run-session") is None:
        unavailable("dbus-run-session is not installed (Debian: dbus)")
    check = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True)
    if check.returncode != 0:
        unavailable("pyatspi is not installed for the system Python (Debian: "
                    "python3-pyatspi, at-spi2-core)")
    env = {key: value for key, value in os.environ.items()
           if key not in ("WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS")}
    env.update({"QT_QPA_PLATFORM": "xcb", "DISPLAY": display_name, "PYTHONPATH": str(ROOT),
                "QT_SCALE_FACTOR": "1", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
                "QT_ACCESSIBILITY": "1"})
    run = subprocess.run(
        ["dbus-run-session", "--", SYSTEM_PYTHON, "-m", "tests.gui.screen_reader_listener",
         str(TIMEOUT), "--", sys.executable, "-m", "tests.gui.screen_reader_driver",
         str(record)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT + 60)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert not result["error"], f"{result['error']}\n{run.stderr[-3000:]}"
    return result


def announced(events: list[list[str]]) -> list[str]:
    """What a screen reader speaks as it happens, wherever the focus is."""
    return [text for kind, text, _source in events if kind == "object:announcement"]


def named(events: list[list[str]]) -> list[str]:
    """The names controls were given as they changed."""
    return [text for kind, text, _source in events
            if kind == "object:property-change:accessible-name"]


def test_a_screen_reader_hears_every_control_every_refusal_and_the_quorum(
        display, tmp_path):  # noqa: F811 (the fixture)
    record = tmp_path / "record.sqlite3"
    engine = open_database(record)
    demo.build_demo(engine, upcoming_from=date.today() - timedelta(days=21))  # meets today
    engine.dispose()

    result = listen(display, record)

    assert result["table"]["focus"] == "QLineEdit", "opening the meeting leaves the " \
        "focus at the register's name box"
    assert len(result["walked"]) > 40, result["walked"]  # the window and every dialog
    assert not result["nameless"], "controls a screen reader cannot name:\n" + \
        "\n".join(result["nameless"])
    refusal, = result["shown"]["refused"]
    assert refusal.startswith("Not saved:") and "already recorded as present" in refusal
    assert refusal in announced(result["events"]["refused"]), result["events"]["refused"]
    assert refusal in named(result["events"]["refused"])  # read again, the line says it
    banner, saved = result["shown"]["quorate"]
    assert banner.startswith("QUORATE")
    heard = announced(result["events"]["quorate"])
    assert saved in heard, heard  # "Saved 10:41 — Marcus Bell arrived"
    assert any(text.startswith("Meeting now quorate: ") for text in heard), heard

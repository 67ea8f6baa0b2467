"""What a screen reader hears of the application, through AT-SPI (tests/gui/test_screen_reader.py).

Run with the SYSTEM Python (/usr/bin/python3, where Debian's python3-pyatspi is) inside
a private D-Bus session, as
`python3 screen_reader_listener.py TIMEOUT -- PYTHON -m tests.gui.screen_reader_driver RECORD`.
It starts the driver (the application, on the venv's Python) itself, so that both are
on the same accessibility bus. At each of the driver's steps it reads the application's
accessibility tree as Orca would (a "walk"), or records the events raised between a
"begin" and an "end"; then it tells the driver to go on. At the end it prints one line
of JSON: the controls shown without a name, and the events of each recorded step.

Nothing of the application is imported here: this is the other side of the bus.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

# Roles a person operates; each must have a name when shown.
INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_TEXT,
    pyatspi.ROLE_ENTRY, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_BOX,
    pyatspi.ROLE_TREE, pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_SLIDER, pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_CHECK_MENU_ITEM, pyatspi.ROLE_RADIO_MENU_ITEM, pyatspi.ROLE_LINK,
}
# Their cells are the rows' text, read as the rows; not controls of their own.
CONTAINERS = {pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_LIST,
              pyatspi.ROLE_LIST_BOX, pyatspi.ROLE_TREE, pyatspi.ROLE_MENU_BAR,
              pyatspi.ROLE_MENU}
EVENTS = ("object:announcement", "object:property-change:accessible-name",
          "object:property-change:accessible-description")


def nameless(node, where: str, found: list[str]) -> None:
    """Every shown control under `node` with no name, as "where > role"."""
    try:
        role, states = node.getRole(), node.getState()
        name = (node.name or "").strip()
    except Exception:  # a node gone while walking (a row repainted): nothing to name
        return
    if not states.contains(pyatspi.STATE_SHOWING):
        return
    here = f"{where} > {node.getRoleName()} {name!r}"
    if role in INTERACTIVE and not name and states.contains(pyatspi.STATE_SENSITIVE):
        found.append(here)
    # Qt names a list box on Linux by the item chosen (QAccessibleComboBox, "on Linux we
    # use relations for this"): what it is for reaches Orca only from a label's relation.
    if role == pyatspi.ROLE_COMBO_BOX and not any(
            relation.getRelationType() == pyatspi.RELATION_LABELLED_BY
            for relation in node.getRelationSet()):
        found.append(f"{here} (no label says what it is for)")
    if role in CONTAINERS:
        return
    for child in node:
        if child is not None:
            nameless(child, here, found)


class Listener:
    def __init__(self, driver: subprocess.Popen) -> None:
        self.driver = driver
        self.result: dict = {"nameless": [], "walked": [], "events": {}, "shown": {},
                             "error": ""}
        self.recording: str | None = None
        self.pending = b""

    def application(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.get_process_id() == self.driver.pid:
                return app
        raise RuntimeError("the application is not on the accessibility bus")

    def walk(self, title: str | None) -> None:
        app = self.application()
        started = time.monotonic()
        for window in app:
            if window is None or (title is not None and window.name != title):
                continue
            found: list[str] = []
            nameless(window, window.name, found)
            self.result["nameless"].extend(found)
            self.result["walked"].append(f"{window.name} ({time.monotonic() - started:.1f} s)")

    def event(self, event) -> None:
        if self.recording is not None:
            self.result["events"][self.recording].append(
                [event.type, str(event.any_data or ""), event.source_name or ""])

    def line(self, text: str) -> None:
        verb, _, rest = text.partition(" ")
        if verb == "walk":
            what, _, detail = rest.partition(" ")
            if what == "table":
                self.result["table"] = json.loads(detail)
            self.walk(None if what == "table" else detail)
        elif verb == "begin":
            self.recording = rest
            self.result["events"][rest] = []
        elif verb == "end":
            step, _, shown = rest.partition(" ")
            self.recording = None
            self.result["shown"][step] = json.loads(shown)
        elif verb in ("done", "error"):
            self.result["error"] = rest if verb == "error" else ""
            self.stop()
            return
        self.driver.stdin.write("go\n")
        self.driver.stdin.flush()

    def readable(self, fd: int, _condition) -> bool:
        """The driver's output as it comes (read from the pipe itself: a buffered
        reader would keep a second line where the main loop cannot see it)."""
        chunk = os.read(fd, 65536)
        if not chunk:
            self.result["error"] = self.result["error"] or "the application stopped"
            self.stop()
            return False
        self.pending += chunk
        while b"\n" in self.pending:
            text, self.pending = self.pending.split(b"\n", 1)
            try:
                self.line(text.decode().strip())
            except Exception as error:  # say what broke, rather than hang the test
                self.result["error"] = f"{type(error).__name__}: {error} at {text!r}"
                self.stop()
                return False
        return True

    def stop(self) -> None:
        pyatspi.Registry.stop()


def main(timeout: int, command: list[str]) -> int:
    driver = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    listener = Listener(driver)
    for kind in EVENTS:
        pyatspi.Registry.registerEventListener(listener.event, kind)
    GLib.io_add_watch(driver.stdout.fileno(), GLib.PRIORITY_DEFAULT,
                      GLib.IO_IN | GLib.IO_HUP, listener.readable)

    def too_long() -> bool:
        listener.result["error"] = f"no end after {timeout} seconds"
        listener.stop()
        return False

    GLib.timeout_add_seconds(timeout, too_long)
    pyatspi.Registry.start()
    driver.stdin.close()
    try:
        driver.wait(20)
    except subprocess.TimeoutExpired:
        driver.kill()
    print(json.dumps(listener.result))
    return 0


if __name__ == "__main__":
    separator = sys.argv.index("--")
    sys.exit(main(int(sys.argv[1]), sys.argv[separator + 1:]))

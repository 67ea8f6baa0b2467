"""Shared by the shell's GUI tests."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def restore_look():
    """The main window applies the look to the whole application; put it back afterwards
    so that tests run after these see the application as they found it."""
    app = QApplication.instance() or QApplication([])
    sheet, palette, scheme = app.styleSheet(), app.palette(), app.property("clerkScheme")
    yield
    app.setStyleSheet(sheet)
    app.setPalette(palette)
    app.setProperty("clerkScheme", scheme)


def open_with_dialogs(qtbot, path, create_folder: bool = False):
    """Open a record as the application does (on the worker, each problem told in a
    dialog): the `OpenRecord`, or None if the clerk was told it cannot be opened."""
    from clerk_app.gui.opening import RecordOpening

    opening = RecordOpening(path, create_folder)
    outcome: list = []
    opening.opened.connect(outcome.append)
    opening.given_up.connect(lambda: outcome.append(None))
    opening.start()
    qtbot.waitUntil(lambda: bool(outcome), timeout=30_000)
    return outcome[0]

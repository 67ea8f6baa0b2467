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

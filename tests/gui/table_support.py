"""Helpers for the meeting-table tests: a pinned clock, the view on a Kent meeting, keys
sent where the keyboard would send them, and dialogs driven in place of their exec()."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from clerk_app import clock
from clerk_app.gui.models.register_model import PERSON_ROLE
from clerk_app.gui.views.table_view import TableView
from tests.conftest import MEETING_DAY


class Clock:
    """The laptop's clock, pinned to a time on the meeting day (no timed assertions)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = clock.at(MEETING_DAY, time(9, 45))
        monkeypatch.setattr(clock, "now", lambda: self.now)

    def set(self, hour: int, minute: int) -> datetime:
        self.now = clock.at(MEETING_DAY, time(hour, minute))
        return self.now


def open_table(qtbot, engine, meeting_id: int) -> TableView:
    view = TableView(engine)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    activate(qtbot, view)
    view.show_meeting(meeting_id)
    return view


def activate(qtbot, window: QWidget) -> None:
    """Show a window and wait until it is the active one: the keyboard goes there."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press delivered to whatever has the keyboard focus, as a keyboard would."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def drive(monkeypatch, qtbot, dialog_class: type[QDialog],
          script: Callable[[QDialog], None]) -> list:
    """Run `script` on the real dialog in place of its modal exec(); returns the dialogs
    shown, so a test can look at them after (the script closes them with their buttons)."""
    shown: list[QDialog] = []

    def exec_(dialog: QDialog) -> int:
        shown.append(dialog)
        activate(qtbot, dialog)
        try:
            script(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()
            if dialog.parentWidget() is not None:  # as the desktop does when a dialog closes
                activate(qtbot, dialog.parentWidget().window())
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return shown


def answer_confirm(monkeypatch, answer: bool) -> list[str]:
    """Replace the warning-before-harm prompt; returns the texts it was asked with."""
    from clerk_app.gui.dialogs import prompts

    asked: list[str] = []

    def confirm(_parent, _title, text, _yes) -> bool:
        asked.append(text)
        return answer

    monkeypatch.setattr(prompts, "confirm", confirm)
    return asked


def select_person(view: TableView, person_id: int) -> None:
    """Put the register's cursor on a person and the focus in the register."""
    table = view.register.table
    proxy = table.model()
    for row in range(proxy.rowCount()):
        if proxy.index(row, 0).data(PERSON_ROLE) == person_id:
            table.setCurrentIndex(proxy.index(row, 0))
            table.setFocus()
            return
    raise AssertionError(f"person {person_id} is not in the register")


def state_of(view: TableView, name: str) -> str:
    model = view.register.model
    for row in range(model.rowCount()):
        if model.index(row, 0).data().split(" (")[0] == name:
            return model.index(row, 3).data()
    raise AssertionError(f"{name} is not in the register")


def arrive_by_name(qtbot, view: TableView, *names: str) -> None:
    """Type each name in the find box and press Enter, as the clerk does."""
    for name in names:
        view.register.filter.setFocus()
        qtbot.keyClicks(view.register.filter, name)
        qtbot.keyClick(view.register.filter, Qt.Key.Key_Return)


def interactive_widgets(root: QWidget) -> list[QWidget]:
    """Every visible, enabled widget the keyboard can reach by Tab (the parts of a spin
    box, combo box or item view — its line edit, viewport, header — are that widget; the
    fields in a panel that scrolls are fields of their own)."""
    from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QScrollArea

    found = []
    for widget in root.findChildren(QWidget):
        if not (widget.isVisibleTo(root) and widget.isEnabled()
                and widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value):
            continue
        if widget.focusProxy() is not None:
            continue
        parent = widget.parentWidget()
        inside = False
        while parent is not None and parent is not root:
            inside = inside or (isinstance(parent, QAbstractScrollArea | QAbstractSpinBox
                                           | QComboBox)
                                and not isinstance(parent, QScrollArea))
            parent = parent.parentWidget()
        if not inside:
            found.append(widget)
    return found

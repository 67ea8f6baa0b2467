"""Building a Kent LCSP year for the year views' tests, through the recording services."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QWidget,
)

from clerk_app import clock
from clerk_app.gui import tasks
from clerk_app.services import meetings, register
from tests.conftest import at


def held(kent, day: date, present=(), substitute=None, apologies=()) -> int:
    """A closed meeting on `day` at which the given members were present, typed in the
    day after it (a time in the future cannot be recorded, DOMAIN.md §9)."""
    with _clock_reading(clock.at(day + timedelta(days=1), time(12, 0))):
        m = kent.meeting(day)
        for n, key in enumerate(present):
            register.arrive(kent.engine, m, kent.ids[key], at(9, 30 + n, day=day))
        for key in apologies:
            register.send_apologies(kent.engine, m, kent.ids[key])
        if substitute:
            member, deputy = substitute
            register.add_substitute(kent.engine, m, kent.ids[member], kent.ids[deputy],
                                    at(9, 58, day=day))
        meetings.open_meeting(kent.engine, m, at(10, 0, day=day))
        meetings.close_meeting(kent.engine, m, at(11, 0, day=day))
    return m


@contextmanager
def _clock_reading(instant):
    """The laptop's clock reads `instant` for the duration, then whatever it read before."""
    before = clock.now
    clock.now = lambda: instant
    try:
        yield
    finally:
        clock.now = before


def wait_loaded(qtbot, view) -> None:
    """Let the worker answer and the view show it."""
    with qtbot.waitSignal(view.loaded, timeout=10000):
        pass


def finish_jobs() -> None:
    """No job may still be reading the record when a test's database goes away."""
    assert tasks.runner().wait(10000)


def cell(view, row: int, column: int) -> str:
    return view.model().index(row, column).data()


def column_texts(table, header: str) -> list[str]:
    model = table.model()
    column = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal) == header)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def unnamed_controls(root: QWidget) -> list[str]:
    """Interactive widgets without an accessible name (a screen reader says nothing)."""
    kinds = (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit, QAbstractItemView)
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or isinstance(widget, QHeaderView):
            continue
        parent = widget.parentWidget()
        inside = False
        while parent is not None and parent is not root:
            # Parts of a composite control (a table's corner button, a date field's
            # text box) are named through the control itself.
            if isinstance(parent, QAbstractItemView | QAbstractSpinBox | QComboBox):
                inside = True
                break
            parent = parent.parentWidget()
        if not inside and not widget.accessibleName().strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} "
                           f"{getattr(widget, 'text', lambda: '')()!r}")
    return missing

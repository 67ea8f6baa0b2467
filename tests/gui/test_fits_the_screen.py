"""Every screen fits a small laptop (issue 14 item 5): at 1024x600 the main window stays
1024x600 whatever view it shows, and no dialog asks for more than 1024x560 (the screen
less a title bar). A view must not leave its minimum size behind when the clerk moves
on (the attendance year kept the window 1389 px wide until restart), and a long message
must not widen the window (a status line once pushed it to 1410 px, cutting off the
toolbar): it is elided, with the whole text in its tooltip.

Dialogs come from the same list as the mnemonics test; a dialog class the test does not
open fails it, so a new dialog is measured too."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea
from sqlmodel import Session, select

from clerk_app.db.tables import Person
from clerk_app.gui.main_window import MainWindow
from clerk_app.gui.widgets import fitting
from clerk_app.gui.widgets.form_dialog import FormDialog
from clerk_app.services import demo, register
from tests.gui.every_screen import dialog_classes, every_dialog, pages
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)

SCREEN = QSize(1024, 600)
DIALOG = QSize(1024, 560)  # the screen less a window's title bar

# A message as long as a clerk's worst: a 5,000-character name with no space to break at.
LONG = "Saved 10:32 — " + "Ø" * 5000 + " arrived"


def fits(size: QSize, bound: QSize) -> bool:
    return size.width() <= bound.width() and size.height() <= bound.height()


def shown(size: QSize) -> str:
    return f"{size.width()}x{size.height()}"


@pytest.fixture
def window(qtbot, engine, db_path, monkeypatch):
    # The laptop's screen, whatever the test machine's (offscreen, it is 800x800).
    monkeypatch.setattr(fitting, "available_size", lambda _widget: SCREEN)
    demo.build_demo(engine, upcoming_from=date.today())
    win = MainWindow(engine, str(db_path))
    qtbot.addWidget(win)
    win.resize(SCREEN)
    win.show()
    qtbot.waitExposed(win)
    return win


def window_problems(win: MainWindow, where: str) -> list[str]:
    """What keeps the window from being 1024x600 now, in words for the failure."""
    QApplication.processEvents()
    win.resize(SCREEN)
    QApplication.processEvents()
    problems = []
    if not fits(win.minimumSizeHint(), SCREEN):
        problems.append(f"{where}: needs at least {shown(win.minimumSizeHint())}")
    if not fits(win.minimumSize(), SCREEN):
        problems.append(f"{where}: minimum size {shown(win.minimumSize())}")
    if win.size() != SCREEN:
        problems.append(f"{where}: resized to 1024x600 it is {shown(win.size())}")
    return problems


def test_every_main_view_fits_1024_by_600(qtbot, window, monkeypatch):
    problems, seen = window_problems(window, "at the start"), []
    for page in pages(qtbot, window, monkeypatch):
        problems += window_problems(window, page)
        seen.append(page)
    assert not problems, "\n".join(problems)
    assert any("(in progress)" in p for p in seen)  # the table, with "Why?" open
    assert any(p.replace("&", "") == "Year › Attendance" for p in seen)


def test_no_view_leaves_its_minimum_size_behind(qtbot, window):
    attendance = next(a for a in window.menus["Year"].actions()
                      if a.text().replace("&", "").startswith("Attendance"))
    attendance.trigger()
    QApplication.processEvents()
    window.select_body(window.current_body_id())  # back to the body's set-up
    assert window_problems(window, "back from the attendance year") == []


def test_a_long_status_message_is_elided_not_widening_the_window(qtbot, window):
    window.show_saved(LONG)
    assert window_problems(window, "with a long status message") == []
    label = window.saved_label
    assert label.toolTip().endswith(LONG)  # the whole text is there to read
    assert LONG in label.accessibleDescription()
    assert label.text() == label.toolTip()
    assert label.shown_text().endswith("…")  # shown elided, on one line
    assert label.fontMetrics().horizontalAdvance(label.shown_text()) <= label.width()


def test_a_short_status_message_is_shown_whole(qtbot, window):
    window.show_saved("Helen Marsh arrived")
    QApplication.processEvents()
    assert window.saved_label.shown_text().endswith("Helen Marsh arrived")


def test_a_long_refusal_wraps_inside_the_dialog(qtbot, window):
    dialog = next(d for d in every_dialog(window) if isinstance(d, FormDialog))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_error(LONG)
    QApplication.processEvents()
    assert fits(dialog.sizeHint(), DIALOG), shown(dialog.sizeHint())
    assert fits(dialog.minimumSizeHint(), DIALOG), shown(dialog.minimumSizeHint())
    assert dialog.error.text() == LONG  # all of it, to read and to copy
    dialog.reject()


def dialog_problems(dialog) -> list[str]:
    title = f"{type(dialog).__name__} ({dialog.windowTitle()})"
    problems = []
    for what, size in (("size hint", dialog.sizeHint()),
                       ("minimum size hint", dialog.minimumSizeHint()),
                       ("minimum size", dialog.minimumSize()),
                       ("size as shown", dialog.size())):
        if not fits(size, DIALOG):
            problems.append(f"{title}: {what} {shown(size)}")
    return problems


def test_every_dialog_fits_1024_by_560(qtbot, window):
    problems, opened = [], set()
    for dialog in every_dialog(window):
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        problems += dialog_problems(dialog)
        opened.add(type(dialog))
        dialog.reject()
    assert not problems, "\n".join(problems)
    missing = sorted(cls.__name__ for cls in dialog_classes() - opened)
    assert missing == [], "open these in every_dialog() so that their sizes are checked"


def test_no_label_in_the_window_is_wider_than_the_screen(qtbot, window, monkeypatch):
    """A label's text (a long name, a reason) wraps or elides; none pushes past the edge."""
    wide = []
    for page in pages(qtbot, window, monkeypatch):
        QApplication.processEvents()
        wide += [f"{page}: {label.text()[:40]!r}" for label in window.findChildren(QLabel)
                 if label.isVisible() and label.minimumSizeHint().width() > SCREEN.width()]
    assert not wide, "\n".join(wide)


def test_at_1024_by_600_the_tables_buttons_are_whole_and_apart(qtbot, window, monkeypatch):
    """Rows that wrap must not pile buttons on one another or push them off the window:
    every button outside a scrolling panel is wholly inside the window and overlaps none."""
    for page in pages(qtbot, window, monkeypatch):
        if page.endswith("(in progress)"):
            break
    QApplication.processEvents()
    table = window.table_view()
    buttons = [b for b in table.findChildren(QPushButton)
               if b.isVisible() and not isinstance(b.parentWidget().parentWidget(),
                                                   QScrollArea)
               and not table.agenda.isAncestorOf(b)]
    assert len(buttons) >= 15  # the meeting's, the register's, the walk-in
    places = {b.accessibleName(): QRect(b.mapTo(window, QPoint(0, 0)), b.size())
              for b in buttons}
    inside = window.rect()
    assert [name for name, rect in places.items() if not inside.contains(rect)] == []
    overlapping = [(a, b) for a, ra in places.items() for b, rb in places.items()
                   if a < b and ra.intersects(rb)]
    assert overlapping == []
    assert table.banner.reasons.isVisible()  # with the reasons open, as a clerk asks "Why?"


def test_a_5000_character_name_at_the_table_does_not_widen_the_window(
        qtbot, window, monkeypatch):
    """A member's name with no space to break at, present and named in the quorum's
    reasons: the window stays 1024x600 and the name is kept whole."""
    name = "Ø" * 5000
    with Session(window.engine) as session:  # as if the clerk had typed it so
        person = session.exec(select(Person).where(Person.name == "Rhys ap Gwilym")).one()
        person.name = name
        session.add(person)
        session.commit()
        person_id = person.id
    for page in pages(qtbot, window, monkeypatch):
        if page.endswith("(in progress)"):
            break
    table = window.table_view()
    register.arrive(window.engine, table.meeting_id, person_id)
    table.show_meeting(table.meeting_id)  # as a clerk coming back to it
    QApplication.processEvents()
    assert f"Education: filled by {name}" in table.banner.explanation.text()
    assert window_problems(window, "a 5,000-character name present") == []

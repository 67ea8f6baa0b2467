"""Every Alt+letter does one thing (issue 13 item 9): within each page of the main window
(its menu bar included), within each menu, and within each dialog the application has, no
two mnemonics share a letter. Two that do make Alt+letter move the focus between them
instead of acting (Alt+V was both the View menu and the Vote… button).

Dialogs are checked with all their controls, shown or not yet shown (a recount's reason,
a tie's casting buttons), so that a clash cannot wait for the moment it appears. A dialog
class the test does not open fails the test, so a new dialog is checked too."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QTabBar,
    QWidget,
)

from clerk_app.gui.main_window import MainWindow
from clerk_app.services import (
    demo,
)
from tests.gui.every_screen import dialog_classes, every_dialog, pages
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)


def mnemonic(text: str) -> str:
    """"Alt+V" for "&View"; "" for text without a mnemonic ("&&" is a plain ampersand)."""
    return QKeySequence.mnemonic(text).toString()


def texts(root: QWidget, shown_only: bool) -> list[tuple[str, str]]:
    """(where, text) for every control under `root` that may carry a mnemonic."""
    found = []
    for widget in (root, *root.findChildren(QWidget)):
        if shown_only and not widget.isVisibleTo(root):
            continue
        name = type(widget).__name__
        if isinstance(widget, QAbstractButton):
            found.append((name, widget.text()))
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            found.append((f"label of {type(widget.buddy()).__name__}", widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((name, widget.title()))
        elif isinstance(widget, QTabBar):
            found += [(f"tab {n}", widget.tabText(n)) for n in range(widget.count())
                      if widget.isTabVisible(n)]
    return found


def clashes(entries: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_key: dict[str, list[str]] = defaultdict(list)
    for where, text in entries:
        key = mnemonic(text)
        if key:
            by_key[key].append(f"{where} {text!r}")
    return {key: found for key, found in by_key.items() if len(found) > 1}


def menu_bar_entries(win: MainWindow) -> list[tuple[str, str]]:
    return [("menu", a.text()) for a in win.menuBar().actions() if a.isVisible()]


def check_menus(win: MainWindow) -> None:
    for menu in win.findChildren(QMenu):
        entries = [("entry", a.text()) for a in menu.actions()
                   if a.isVisible() and not a.isSeparator()]
        assert clashes(entries) == {}, f"menu {menu.title()}"


@pytest.fixture
def window(qtbot, engine, db_path):
    demo.build_demo(engine, upcoming_from=date.today())
    win = MainWindow(engine, str(db_path))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_mnemonics_are_unique_in_every_page_of_the_main_window(qtbot, window, monkeypatch):
    seen = []
    for page in pages(qtbot, window, monkeypatch):
        QApplication.processEvents()
        found = clashes(menu_bar_entries(window) + texts(window, shown_only=True))
        assert found == {}, page
        seen.append(page)
    check_menus(window)
    assert any("(in progress)" in p for p in seen)  # the table, running a meeting
    assert any("Year › " in p for p in seen)


def test_mnemonics_are_unique_in_every_dialog(qtbot, window):
    opened = set()
    for dialog in every_dialog(window):
        qtbot.addWidget(dialog)
        dialog.show()
        found = clashes(texts(dialog, shown_only=False))
        assert found == {}, dialog.windowTitle()
        opened.add(type(dialog))
        dialog.reject()
    missing = sorted(cls.__name__ for cls in dialog_classes() - opened)
    assert missing == [], "open these in every_dialog() so their mnemonics are checked"

"""The Help menu (issue 14 item 4): the keyboard reference read from the window's own
keys, the chosen body's rules in words, the user guide and About, each opened from the
window as a clerk would."""

from __future__ import annotations

import re
import sys
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from clerk_app.gui.dialogs.help_dialogs import (
    AboutDialog,
    BodyRulesDialog,
    KeyboardReferenceDialog,
    UserGuideDialog,
)
from clerk_app.gui.keys import plain
from clerk_app.gui.main_window import MainWindow
from clerk_app.gui.views.table.register_panel import ACTIONS
from clerk_app.services import demo, presets
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)

NATIVE = QKeySequence.SequenceFormat.NativeText
HOSTILE = ("<b>Board</b> & <script>alert(1)</script> — Conseil d'Église שלום " + "x" * 500)[:500]


@pytest.fixture
def window(qtbot, engine, db_path):
    demo.build_demo(engine, upcoming_from=date.today())
    win = MainWindow(engine, str(db_path))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def help_entry(win: MainWindow, text: str) -> QAction:
    return next(a for a in win.menus["Help"].actions() if plain(a.text()) == text)


def open_reference(qtbot, win: MainWindow) -> KeyboardReferenceDialog:
    win.navigator.setFocus()
    qtbot.keyClick(win.navigator, Qt.Key.Key_F1)
    dialog = win.dialog
    assert isinstance(dialog, KeyboardReferenceDialog)
    qtbot.waitExposed(dialog)
    return dialog


def lines(dialog) -> list[str]:
    return dialog.view.toPlainText().splitlines()


def listed(dialog, key: str, what: str) -> bool:
    """A line of the reference gives this key for this meaning."""
    pattern = re.compile(rf"^\s+(.*, )?{re.escape(key)}(, .*)?\s\s.*{re.escape(what)}")
    return any(pattern.search(line) for line in lines(dialog))


def test_help_is_the_last_menu_and_f1_opens_the_keyboard_reference(qtbot, window):
    assert window.menuBar().actions()[-1].text() == "&Help"
    assert help_entry(window, "Keyboard reference").shortcut().toString() == "F1"
    open_reference(qtbot, window)


def test_every_window_action_with_a_shortcut_is_listed_with_its_key(qtbot, window):
    actions = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert len(actions) >= 8  # Open, Quit, Body set-up, New meeting, F9, F6, Ctrl+E, F1
    dialog = open_reference(qtbot, window)
    for action in actions:
        key = action.shortcut().toString(NATIVE)
        assert listed(dialog, key, plain(action.text())), (key, action.text())
    assert listed(dialog, "F6", "View › Switch between list and page")
    assert listed(dialog, "F9", "View › Bodies and meetings list")
    # An entry without a shortcut is reached by its Alt+letters, which are listed too.
    assert listed(dialog, "Alt+F, then R", "File › Restore from backup…")


def test_the_register_agenda_undo_and_table_button_keys_are_listed(qtbot, window):
    dialog = open_reference(qtbot, window)
    for key, _command, text, _icon, _tip in ACTIONS:
        assert listed(dialog, QKeySequence(key).toString(NATIVE), text.rstrip("…")), text
    insert = QKeySequence(Qt.Key.Key_Insert).toString(NATIVE)
    for key, what in ((insert, "add an item"), ("F2", "change the selected item"),
                      ("Alt+Up", "move the selected item up"),
                      ("Alt+Down", "move the selected item down"),
                      (QKeySequence(QKeySequence.StandardKey.Delete).toString(NATIVE),
                       "remove the selected item"),
                      ("Ctrl+Z", "Undo"), ("Ctrl+Shift+Z", "Redo"),
                      ("Ctrl+F", "name box"), ("Ctrl+T", "Record an action"),
                      ("Alt+O", "Open the meeting"), ("Alt+W", "Why?"),
                      ("Alt+I", "Go to Find"), ("F", "For, then the next name")):
        assert listed(dialog, key, what), (key, what)
    # Every shortcut of the table says what it does: none is listed without words.
    table = window.table_view()
    assert all(s.whatsThis() for s in table.findChildren(QShortcut))
    assert "(no description)" not in dialog.view.toPlainText()


def test_a_key_added_to_the_window_is_listed_without_touching_the_reference(qtbot, window):
    window.add_action("Meeting", "Print the &seating plan", print, shortcut="Ctrl+Alt+J")
    loose = QAction("Jump to today's meeting", window)
    loose.setShortcut(QKeySequence("Ctrl+Alt+K"))
    window.addAction(loose)

    dialog = open_reference(qtbot, window)

    assert listed(dialog, "Ctrl+Alt+J", "Meeting › Print the seating plan")
    assert listed(dialog, "Ctrl+Alt+K", "Jump to today's meeting")


def test_find_narrows_the_list_and_copy_all_copies_it(qtbot, window):
    dialog = open_reference(qtbot, window)
    qtbot.waitUntil(dialog.find.hasFocus)  # typing narrows the list at once
    qtbot.keyClicks(dialog.find, "undo")
    text = dialog.view.toPlainText()
    assert "Ctrl+Z" in text and "Ctrl+Q" not in text
    dialog.find.clear()
    qtbot.keyClicks(dialog.find, "teleport")
    assert dialog.view.toPlainText() == "No key or action matches 'teleport'."
    dialog.find.clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.view.toPlainText()
    assert "Ctrl+Q" in QGuiApplication.clipboard().text()


def test_the_chosen_bodys_rules_read_as_its_documents_say(qtbot, window):
    body_id = presets.create_body_from_preset(window.engine, "kent-lcsp", key="lcsp-west")
    window.refresh()
    window.select_body(body_id)
    help_entry(window, "This body's rules in words").trigger()

    dialog = window.dialog
    assert isinstance(dialog, BodyRulesDialog)
    text = dialog.view.toPlainText()
    assert "5 of these 7 represented" in text
    assert "Source: Kent LCSP Model Partnership Agreement (June 2008) §10.4" in text
    assert "000 §" not in text
    assert "(assumed — please confirm)" in text


def test_hostile_body_names_show_exactly_as_typed(qtbot, window):
    body_id = presets.create_body_from_preset(window.engine, "lincolnshire-cypsp",
                                              key="hostile", name=HOSTILE)
    window.refresh()
    window.select_body(body_id)
    help_entry(window, "This body's rules in words").trigger()

    dialog = window.dialog
    text = dialog.view.toPlainText()
    assert HOSTILE in text
    assert "One third (33%) of the voting seats" in text


def test_rules_need_a_body_chosen(qtbot, engine, db_path):
    win = MainWindow(engine, str(db_path))  # an empty record: no body to describe
    qtbot.addWidget(win)
    assert not help_entry(win, "This body's rules in words").isEnabled()
    assert help_entry(win, "Keyboard reference").isEnabled()


def test_the_user_guide_opens_in_the_application(qtbot, window):
    help_entry(window, "User guide").trigger()
    dialog = window.dialog
    assert isinstance(dialog, UserGuideDialog)
    text = dialog.view.toPlainText()
    for heading in ("First start", "Setting up your body", "Importing members from a "
                    "spreadsheet", "At the table: the register", 'Quorum and "Why?"',
                    "Declarations and withdrawals", "Decisions, votes and the casting vote",
                    "Changing the agenda", "Correcting a wrong entry", "Actions",
                    "Minutes and their approval", "The year: attendance and deadlines",
                    "Backups and restore"):
        assert heading in text, heading
    assert "#" not in text.splitlines()[0]  # shown as formatted text, not as markdown


def test_a_missing_guide_says_where_it_should_be(qtbot, tmp_path):
    dialog = UserGuideDialog(tmp_path / "gone.md")
    qtbot.addWidget(dialog)
    assert "could not be read" in dialog.view.toPlainText()
    assert str(tmp_path / "gone.md") in dialog.view.toPlainText()


def test_about_names_the_version_the_record_and_the_licences(qtbot, window, db_path):
    help_entry(window, "About clerk-app").trigger()
    dialog = window.dialog
    assert isinstance(dialog, AboutDialog)
    text = dialog.text()
    assert text.startswith("clerk-app ")
    assert str(db_path) in text
    assert "LGPL" in text and "PySide6" in text
    # The whole notice of what is bundled: fonts, icons, where Qt's source is.
    for words in ("DejaVu Sans", "WenQuanYi Micro Hei", "Lucide", "ISC",
                  "https://download.qt.io", "No GPL-only Qt module is included"):
        assert words in text, words
    assert "Running from the source checkout" in text


def test_about_in_the_installed_application_says_where_it_and_its_source_are(
        qtbot, window, monkeypatch, tmp_path):
    from clerk_app import paths

    monkeypatch.setattr(paths, "FROZEN", True)
    monkeypatch.setattr(paths, "SOURCE_ARCHIVES", tmp_path / "_internal" / "source")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "clerk-app"))
    help_entry(window, "About clerk-app").trigger()
    text = window.dialog.text()
    assert f"Installed in {tmp_path}." in text
    assert f"in the installation: {tmp_path / '_internal' / 'source'}" in text


def test_about_shows_a_record_path_with_markup_as_typed(qtbot):
    dialog = AboutDialog("/home/clerk/<b>Board</b> & Co/record.sqlite3")
    qtbot.addWidget(dialog)
    assert dialog.summary.textFormat() == Qt.TextFormat.PlainText
    assert "Record open: /home/clerk/<b>Board</b> & Co/record.sqlite3" in dialog.text()


@pytest.mark.parametrize("entry", ["Keyboard reference", "This body's rules in words",
                                   "User guide", "About clerk-app"])
def test_each_help_dialog_fits_a_small_screen(qtbot, window, entry):
    help_entry(window, entry).trigger()
    dialog = window.dialog
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    for size in (dialog.sizeHint(), dialog.size(), dialog.minimumSizeHint()):
        assert size.width() <= 1024 and size.height() <= 560, (entry, size)

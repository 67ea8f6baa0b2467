"""Every key the application answers to, read from the window's own definitions.

Help › Keyboard reference shows what this module gathers: the menus' entries and their
shortcuts (QActions), the meeting table's shortcuts (QShortcuts, each describing itself
in its whatsThis), the register's single keys (register_panel.ACTIONS), the recorded
vote's keys and the Alt+letters of the table's buttons. Nothing is listed by hand, so a
key added to the window is listed without touching this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QLabel, QMainWindow, QMenu, QWidget

NATIVE = QKeySequence.SequenceFormat.NativeText


@dataclass(frozen=True)
class KeyGroup:
    """Keys that work in one place: (key, what it does) pairs, in the order shown."""

    title: str
    keys: tuple[tuple[str, str], ...]

    def matching(self, words: str) -> KeyGroup:
        """The keys whose key or meaning contains `words` (any case); all if the group's
        title does."""
        needle = words.strip().casefold()
        if not needle or needle in self.title.casefold():
            return self
        return KeyGroup(self.title, tuple((key, what) for key, what in self.keys
                                          if needle in f"{key} {what}".casefold()))


def plain(text: str) -> str:
    """Menu or button text as read: "&Open…" is "Open…", "&&" a plain ampersand."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def key_text(*keys: QKeySequence) -> str:
    return ", ".join(k.toString(NATIVE) for k in keys if not k.isEmpty())


def mnemonic(text: str) -> str:
    return QKeySequence.mnemonic(text).toString(NATIVE)


def menu_keys(window: QMainWindow) -> list[KeyGroup]:
    """One group per menu: every entry, with its shortcut, else the Alt+letter path."""
    groups = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is None or not top.isVisible():
            continue
        entries = _menu_entries(menu, plain(top.text()), [mnemonic(top.text())])
        groups.append(KeyGroup(f"{plain(top.text())} menu ({mnemonic(top.text())})",
                               tuple(entries)))
    return groups


def _menu_entries(menu: QMenu, path: str, letters: list[str]) -> list[tuple[str, str]]:
    entries = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        where = f"{path} › {plain(action.text())}"
        letter = QKeySequence.mnemonic(action.text()).toString(NATIVE).removeprefix("Alt+")
        steps = [*letters, letter] if letter and all(letters) else []
        if action.menu() is not None:
            entries += _menu_entries(action.menu(), where, steps)
            continue
        keys = key_text(*action.shortcuts()) or ", then ".join(steps)
        entries.append((keys, where))
    return entries


def other_actions(window: QMainWindow) -> KeyGroup:
    """Window actions with a shortcut that no menu shows."""
    in_menus = {id(a) for m in window.findChildren(QMenu) for a in m.actions()}
    keys = tuple((key_text(*a.shortcuts()), plain(a.text()) or a.toolTip())
                 for a in window.findChildren(QAction)
                 if a.shortcuts() and id(a) not in in_menus and not a.menu())
    return KeyGroup("Elsewhere in the window", keys)


def shortcut_keys(title: str, root: QWidget) -> KeyGroup:
    """The QShortcuts under `root`, described by their whatsThis; the keys that do the
    same thing (Ctrl+Z and the keyboard's Undo key) share a line."""
    keys: dict[str, list[str]] = {}
    for shortcut in root.findChildren(QShortcut):
        if not shortcut.key().isEmpty():
            keys.setdefault(shortcut.whatsThis() or "(no description)", []).append(
                key_text(shortcut.key()))
    return KeyGroup(title, tuple((", ".join(k), what) for what, k in keys.items()))


def register_keys() -> KeyGroup:
    """The register's single keys, from the table of commands the register obeys."""
    from clerk_app.gui.views.table.register_panel import ACTIONS

    keys = tuple((QKeySequence(key).toString(NATIVE), f"{text.rstrip('…')}: {tip}")
                 for key, _command, text, _icon, tip in ACTIONS)
    return KeyGroup("In the register (the chosen person; no Alt or Ctrl)", keys)


def named_vote_keys() -> KeyGroup:
    """The recorded vote's keys, from the voters' table."""
    from clerk_app.gui.widgets.named_vote import VotersTable

    keys = tuple((QKeySequence(key).toString(NATIVE), f"{position.label}, then the next name")
                 for key, position in VotersTable.KEYS.items())
    return KeyGroup("In a recorded vote (the list of names)", keys)


def mnemonic_keys(title: str, root: QWidget) -> KeyGroup:
    """The Alt+letters of the buttons and labelled fields under `root`."""
    keys = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QAbstractButton):
            text, what = widget.text(), plain(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            text = widget.text()
            what = f"Go to {plain(text).rstrip(':')}"
        else:
            continue
        key = mnemonic(text)
        if key:
            keys.append((key, what.strip()))
    return KeyGroup(title, tuple(sorted(set(keys))))


EVERYWHERE = KeyGroup("Everywhere", (
    ("Tab, Shift+Tab", "Move to the next or the previous control"),
    ("Enter", "In the list of bodies and meetings: open the chosen page"),
    ("Esc", "Close a dialog without saving"),
    ("Alt+letter", "The control or menu whose underlined letter it is"),
))


def keyboard_reference(window) -> list[KeyGroup]:
    """Every group of keys the window answers to (builds the meeting table if needed)."""
    table = window.table_view()
    groups = [EVERYWHERE, *menu_keys(window), other_actions(window),
              shortcut_keys("At the meeting table", table), register_keys(),
              mnemonic_keys("Buttons at the meeting table (Alt+letter)", table),
              named_vote_keys()]
    return [g for g in groups if g.keys]

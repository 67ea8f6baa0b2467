"""The Help menu's dialogs: the keyboard reference, a body's rules in words, the user
guide and About. Each only shows text it is given or reads; none of them records."""

from __future__ import annotations

import html
import sys
from importlib import metadata
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clerk_app import paths
from clerk_app.gui.keys import KeyGroup
from clerk_app.services.rules_in_words import ASSUMED, BodyRulesInWords


class TextDialog(QDialog):
    """A titled dialog around one text view, with Copy all and Close, that fits a
    1024x600 screen (the text scrolls; the dialog never outgrows the screen)."""

    def __init__(self, title: str, view: QWidget, parent: QWidget | None = None,
                 copy: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.view = view
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(view, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        if copy:
            self.copy_button = QPushButton("Co&py all")
            self.copy_button.setAccessibleName("Copy the whole text")
            self.copy_button.clicked.connect(self.copy_all)
            self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.layout_.addWidget(self.buttons)
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(780, screen.width() - 40), min(540, screen.height() - 60))

    def text(self) -> str:
        return self.view.toPlainText()

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.text())


class KeyboardReferenceDialog(TextDialog):
    """Every key and shortcut, in groups, narrowed by what the clerk types in Find.

    Args:
        groups: the keys, as gui/keys.py reads them from the window.
    """

    def __init__(self, groups: list[KeyGroup], parent: QWidget | None = None) -> None:
        self.groups = groups
        text = QPlainTextEdit()
        text.setReadOnly(True)
        text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        text.setAccessibleName("Keys and what they do")
        super().__init__("Keyboard reference", text, parent)
        self.find = QLineEdit()
        self.find.setPlaceholderText("Type a key or a word, e.g. Ctrl or vote")
        self.find.setAccessibleName("Find a key or a word")
        self.find.setClearButtonEnabled(True)
        label = QLabel("&Find:")
        label.setBuddy(self.find)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.find, 1)
        self.layout_.insertLayout(0, row)
        self.find.textChanged.connect(self._show)
        self._show("")
        self.find.setFocus()

    def _show(self, words: str) -> None:
        found = [g.matching(words) for g in self.groups]
        found = [g for g in found if g.keys]
        self.view.setPlainText(keys_as_text(found) if found else
                               f"No key or action matches {words.strip()!r}.")


def keys_as_text(groups: list[KeyGroup]) -> str:
    lines = []
    for group in groups:
        width = min(24, max(len(key) for key, _what in group.keys))
        lines += [group.title, "-" * len(group.title)]
        lines += [f"  {key:<{width}}  {what}" for key, what in group.keys]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


class BodyRulesDialog(TextDialog):
    """A body's constitution in words (services/rules_in_words.py); the clerk's names
    are escaped, so that "<b>" in a name shows as typed."""

    def __init__(self, rules: BodyRulesInWords, parent: QWidget | None = None) -> None:
        browser = QTextBrowser()
        browser.setOpenLinks(False)
        browser.setAccessibleName("The body's rules in words")
        browser.setHtml(rules_as_html(rules))
        self.rules = rules
        super().__init__(f"Rules in words — {rules.name}", browser, parent)

    def text(self) -> str:
        return self.rules.as_text()


def rules_as_html(rules: BodyRulesInWords) -> str:
    e = html.escape
    out = [f"<h2>{e(rules.name)}</h2>"]
    if rules.description:
        out.append(f"<p><i>{e(rules.description)}</i></p>")
    for section in rules.sections:
        out.append(f"<h3>{e(section.title)}</h3><ul>")
        for line in section.lines:
            mark = f" <b>({ASSUMED})</b>" if line.assumed else ""
            detail = f"<br>{e(line.detail)}" if line.detail else ""
            source = f"<br><small>Source: {e(line.source)}</small>" if line.source else ""
            out.append(f"<li>{e(line.text)}{mark}{detail}{source}</li>")
        out.append("</ul>")
    return "".join(out)


class UserGuideDialog(TextDialog):
    """docs/user-guide.md, shown as formatted text."""

    def __init__(self, guide: Path = paths.USER_GUIDE, parent: QWidget | None = None) -> None:
        browser = QTextBrowser()
        browser.setOpenExternalLinks(True)
        browser.setAccessibleName("User guide")
        try:
            browser.setMarkdown(guide.read_text(encoding="utf-8"))
        except OSError as error:
            browser.setPlainText(f"The user guide could not be read ({error.strerror}): it "
                                 f"should be at {guide}. Reinstalling clerk-app restores it.")
        super().__init__("User guide", browser, parent, copy=False)


class AboutDialog(TextDialog):
    """The version, the record open, and the licences of what clerk-app is built on."""

    def __init__(self, record: str, parent: QWidget | None = None) -> None:
        label = QLabel(about_text(record))
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName("About clerk-app")
        super().__init__("About clerk-app", label, parent, copy=False)
        self.resize(min(560, self.width()), min(380, self.height()))

    def text(self) -> str:
        return self.view.text()


def about_text(record: str) -> str:
    try:
        version = metadata.version(paths.APP_NAME)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        version = "unknown (not installed)"
    return (f"clerk-app {version}\n"
            "The clerk's record of partnership board meetings, kept on this computer.\n\n"
            f"Record open: {record}\n\n"
            f"Built on Qt {qVersion()} and PySide6 {pyside_version} (Qt for Python), used "
            "under the GNU Lesser General Public License v3 (LGPL-3.0); Python "
            f"{sys.version.split()[0]} (PSF licence); SQLite (public domain); SQLAlchemy "
            "and SQLModel (MIT); reportlab (BSD); Lucide icons (ISC). clerk-app itself is "
            "under the MIT licence.")

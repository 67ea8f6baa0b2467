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
    """The version, the record open, where the application and its source are, and the
    licences of everything it carries (THIRD-PARTY-NOTICES.md, shown in full below)."""

    def __init__(self, record: str, parent: QWidget | None = None) -> None:
        self.summary = QLabel(about_text(record))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # the record's path as typed
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName("About clerk-app")
        self.notices = QTextBrowser()
        self.notices.setOpenExternalLinks(True)
        self.notices.setAccessibleName("Licences of what clerk-app carries")
        try:
            self.notices.setMarkdown(paths.NOTICES.read_text(encoding="utf-8"))
        except OSError as error:
            self.notices.setPlainText(f"The licence notices could not be read "
                                      f"({error.strerror}): they should be at "
                                      f"{paths.NOTICES}. Reinstalling clerk-app restores them.")
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(self.notices, 1)
        super().__init__("About clerk-app", page, parent)

    def text(self) -> str:
        return f"{self.summary.text()}\n\n{self.notices.toPlainText()}"


def version() -> str:
    try:
        return metadata.version(paths.APP_NAME)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def about_text(record: str) -> str:
    if paths.FROZEN:
        where = f"Installed in {Path(sys.executable).parent}."
        source = (f"The source of this version is in the installation: "
                  f"{paths.SOURCE_ARCHIVES} (clerk-app-{version()}-source.tar.gz).")
    else:
        where = f"Running from the source checkout {paths.ROOT}."
        source = "The source is this checkout; make dist builds the installed application."
    return (f"clerk-app {version()}\n"
            "The clerk's record of partnership board meetings, kept on this computer.\n\n"
            f"Record open: {record}\n{where}\n\n"
            "clerk-app is free software under the MIT licence. It is built on "
            f"Qt {qVersion()} and Qt for Python (PySide6 {pyside_version}), used under the "
            "GNU Lesser General Public License v3 (LGPL-3.0): the Qt libraries are separate "
            "files in the installation, which you may replace with your own build; Qt's "
            "source is at https://download.qt.io. No part is under the GPL only. Python "
            f"{sys.version.split()[0]} (PSF licence), SQLite (public domain), SQLAlchemy "
            "and SQLModel (MIT), reportlab (BSD); the fonts DejaVu Sans (Bitstream Vera "
            "licence) and WenQuanYi Micro Hei (Apache-2.0); Lucide icons (ISC).\n"
            f"{source}")

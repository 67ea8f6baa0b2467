"""The shell: bodies and their meetings on the left, the chosen page on the right.

Pages: a body's set-up (selecting the body), a meeting still to be held or in progress
at the table (TableView), a closed or cancelled meeting's record (MeetingView), and the
welcome page on a record with no bodies. The window knows which page to show and what
the menus do; the pages do the work. The title names the body and meeting shown.

Menus are kept by title in `self.menus`. To add an entry for a new view or dialog:

    window.add_action("Meeting", "Export minutes…", slot, icon="file-down",
                      shortcut="Ctrl+E", needs="meeting")

where `slot` reads `window.current_meeting_id()` / `window.current_body_id()` and
opens its dialog with `window.open_dialog(dialog)` or shows a view with
`window.show_view(widget)`. `window.menu("Year")` adds a new menu before View.

Built in steps, so that the clerk sees it at once. The frame (menus, the navigator's
place, "Opening the record…" in the status bar) imports only Qt's classes, never the
name Qt, whose 94 enums PySide takes some 20 ms to build; `complete` adds the navigator,
the status line and the look the system asks for just after the first frame (app.py).
The pages and services, which import the data layer, come with the record that
`set_record` gives, opened off the GUI thread. Entries that need it
(`needs="database"`) wait for it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from clerk_app import clock
from clerk_app.gui import menus, theme
from clerk_app.rules.vocabulary import MeetingStatus
from clerk_app.services.errors import ClerkError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from clerk_app.gui.models.navigator_model import Entry
    from clerk_app.gui.navigator import Navigator
    from clerk_app.gui.widgets.fitting import ElidedLabel
    from clerk_app.services.opening import OpenRecord

# Shown in the table view; others read-only.
AT_THE_TABLE = (MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS)
EVERY_CHANGE = "Every change is saved the moment it is made."
OPENING = "Opening the record…"
APP_TITLE = "clerk-app"
DEMONSTRATION = ("Demonstration: every person in this body is invented, and so are its "
                 "meetings. Nothing here is a real board's record.")


class MainWindow(QMainWindow):
    """The application's one window.

    Args:
        engine: the open record; None for the frame alone, saying that the record named
            by `database_label` is being opened, until `set_record` gives it.
        database_label: how to name the record to the clerk (its path).
        open_record: opens another record file for File > Open database… (by default
            the opening service: writer lock, damage check, backup, migrations).
        record: the open record behind `engine`, if the window is to close it (release
            its lock) when another record is opened or the window closes.
        settings: where the look and the last team record (no password) are remembered.

    Signals:
        record_opened(): a record was given to the window and its start page chosen:
            the window is usable.
    """

    record_opened = Signal()

    def __init__(self, engine: Engine | None, database_label: str, *,
                 open_record: Callable[[Path], OpenRecord] | None = None,
                 record: OpenRecord | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__()
        self.engine: Engine | None = None  # until set_record
        self._open_record = open_record
        self._record: OpenRecord | None = None
        self.settings = settings
        self.dialog: QDialog | None = None  # the dialog open now, if any
        self.menus: dict[str, QMenu] = {}
        self._needs: list[tuple[QAction, str]] = []
        self._table = None
        self.body_setup = self.meeting_view = None  # the pages made with the record
        self._welcome = None  # made for a record with no bodies (select_start)

        self.navigator: Navigator | None = None  # from `complete`, as are these two
        self.saved_label: ElidedLabel | None = None
        self.record_label: ElidedLabel | None = None
        self.database_label = database_label
        self.pages = QStackedWidget()
        self.empty = QLabel(objectName="guidance")  # centred by the stylesheet
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName("Guidance")
        self.pages.addWidget(self.empty)

        self._splitter = QSplitter()
        self._splitter.addWidget(QTreeView())  # the navigator's place until `complete`
        self._splitter.addWidget(self._page_area())
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setChildrenCollapsible(False)
        self._splitter.setSizes([265, 1101])
        self.setCentralWidget(self._splitter)

        menus.install(self)
        mode = str(settings.value("view/theme", theme.SYSTEM)) if settings else theme.SYSTEM
        self.theme_mode = mode if mode in theme.MODES else theme.SYSTEM
        self.theme_actions[self.theme_mode].setChecked(True)
        seen = str(settings.value("view/scheme", theme.LIGHT)) if settings else theme.LIGHT
        theme.apply_scheme(QApplication.instance(),
                           seen if seen in (theme.LIGHT, theme.DARK) else theme.LIGHT)
        if engine is None:
            self._show_opening()
        else:
            self.set_record(engine, database_label, record)

    def _show_opening(self) -> None:
        """The frame while the record is being opened: the clerk can read the menus, and
        the status bar says which record is coming."""
        self._show_guidance(OPENING)
        self.statusBar().showMessage(f"Opening the record {self.database_label}…")
        self.setWindowTitle(f"{OPENING} — {APP_TITLE}")
        self._update_actions()

    def complete(self) -> None:
        """The navigator, the status line and the look the system asks for: the rest of
        the window, once its first frame is shown (app.start), or with its record."""
        if self.navigator is not None:
            return
        from clerk_app.gui.navigator import Navigator
        from clerk_app.gui.widgets.fitting import ElidedLabel

        self.navigator = Navigator()
        self._splitter.replaceWidget(0, self.navigator).deleteLater()
        self.navigator.current_changed.connect(self._on_current)
        self.navigator.activated.connect(self._enter_page)
        self.navigator.clicked.connect(self._back_to_entry)
        # Elided, never widening the window; the whole message is its tooltip.
        self.saved_label = ElidedLabel(self.statusBar().currentMessage() or EVERY_CHANGE,
                                       caption="Last saved", objectName="savedStatus")
        self.record_label = ElidedLabel(objectName="savedStatus", caption="Record")
        self.statusBar().clearMessage()
        self.statusBar().addWidget(self.saved_label, 1)
        self.statusBar().addPermanentWidget(self.record_label)
        self._set_record_label(self.database_label)
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._system_scheme_changed)
        self.set_theme(self.theme_mode)

    # --- pages --------------------------------------------------------------------------

    def _page_area(self) -> QWidget:
        """The pages under the demonstration's strip."""
        self.demo_strip = QLabel(DEMONSTRATION, objectName="demonstrationNotice")  # no markup
        self.demo_strip.setWordWrap(True)
        self.demo_strip.setAccessibleName("Demonstration")
        self.demo_strip.hide()
        area = QWidget()
        column = QVBoxLayout(area)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.demo_strip)
        column.addWidget(self.pages, 1)
        return area

    def _build_pages(self) -> None:
        from clerk_app.gui.views.body_setup import BodySetupView
        from clerk_app.gui.views.meeting_view import MeetingView

        self.body_setup = BodySetupView(self.engine)
        self.body_setup.changed.connect(self.show_saved)
        self.meeting_view = MeetingView(self.engine)
        self.pages.addWidget(self.body_setup)
        self.pages.addWidget(self.meeting_view)

    def table_view(self):
        """The at-the-table view, made the first time a meeting to be run is opened."""
        if self._table is None:
            # Imported on first use: the table and its dialogs add about 40 ms to a
            # start-up that opens on a body or a past meeting.
            from clerk_app.gui.views.table_view import TableView

            self._table = TableView(self.engine, parent=self.pages)
            self._table.recorded.connect(self._recorded)
            self.pages.addWidget(self._table)
        return self._table

    def show_view(self, widget: QWidget) -> None:
        """Show a view in the page area (added the first time); the navigator stays."""
        if self.pages.indexOf(widget) < 0:
            self.pages.addWidget(widget)
        self.pages.setCurrentWidget(widget)

    def _on_current(self, current: Entry | None) -> None:
        self._update_actions()
        self._show_where(current)
        if current is None:
            self._show_guidance("Choose a body or a meeting on the left.")
            return
        if current.meeting is not None:
            self.show_meeting(current.meeting.id, current.meeting.status)
        elif current.body is not None:
            self.body_setup.show_body(current.body_id)
            self.pages.setCurrentWidget(self.body_setup)
            self.saved_label.setText(EVERY_CHANGE)
        else:
            body = current.top.body.name
            self._show_guidance(f"{current.text} of {body}.\nChoose a meeting to open it, "
                                "or choose Meeting › New meeting… (Ctrl+N).")

    def show_meeting(self, meeting_id: int, status: str | None = None) -> None:
        from clerk_app.services import meetings

        status = status or meetings.meeting_summary(self.engine, meeting_id).status
        page = self.table_view() if status in AT_THE_TABLE else self.meeting_view
        page.show_meeting(meeting_id)
        self.pages.setCurrentWidget(page)
        saved = meetings.last_saved(self.engine, meeting_id)
        self.saved_label.setText(meetings.away_words(self.engine, meeting_id) or (
            f"This meeting's record was last saved at {clock.local(saved):%H:%M on %A %d %B %Y}."
            if saved else EVERY_CHANGE))

    def _show_guidance(self, text: str) -> None:
        self.empty.setText(text)
        self.pages.setCurrentWidget(self.empty)

    def _back_to_entry(self, *_args) -> None:
        """A year view (Year menu) leaves the navigator's entry current: clicking that
        entry, or Enter on it, shows its page again."""
        entry_pages = (self.empty, self._welcome, self.body_setup, self.meeting_view, self._table)
        current = self.navigator.current()
        if current is not None and self.pages.currentWidget() not in entry_pages:
            self._on_current(current)

    def _enter_page(self, *_args) -> None:
        """Enter on a navigator entry moves the keyboard into its page."""
        self._back_to_entry()
        page = self.pages.currentWidget()
        if page is not self.empty:
            page.setFocus()
            page.focusNextChild()

    def show_navigator(self, shown: bool) -> None:
        """F9: hide the list of bodies and meetings to give the meeting the whole width."""
        if not shown and self.navigator.hasFocus():
            self._enter_page()
        self.navigator.setVisible(shown)
        if shown:
            self.navigator.setFocus()

    def toggle_focus(self) -> None:
        """F6: between the navigator and the page, so a keyboard user is never stuck."""
        if self.navigator.hasFocus() or not self.navigator.isVisible():
            self._enter_page()
        else:
            self.navigator.setFocus()

    # --- navigator ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild the navigator from the record; the current entry stays current."""
        self.navigator.fill_keeping_current(self.engine)
        # No bodies: the welcome page has the whole width; the list returns with a body.
        self.navigator.setVisible(bool(self.navigator.bodies())
                                  and self.navigator_action.isChecked())
        self._update_actions()
        self._show_where(self.navigator.current())

    def select_body(self, body_id: int) -> bool:
        return self.navigator.select("body", body_id)

    def select_meeting(self, meeting_id: int) -> bool:
        return self.navigator.select("meeting", meeting_id)

    def select_start(self) -> None:
        """Where the clerk starts: a meeting left in progress (the record survived a close
        or a crash); else today's meeting, else the next one to come; else the first
        body's set-up. A record with no bodies opens on the welcome page."""
        running = self.navigator.running()
        start = running[0] if running else self.navigator.next_meeting()
        if start is None and self.navigator.bodies():
            start = self.navigator.bodies()[0]
        if start is not None:
            self.navigator.set_current(start)
            return
        self.pages.setCurrentWidget(self.welcome)
        self._update_actions()
        self.setWindowTitle(f"Welcome — {APP_TITLE}")
        self.welcome.explore.setFocus()

    @property
    def welcome(self):
        """The welcome page, made when first wanted: most records have bodies, and it is a
        fifth of the cost of the window's frame."""
        if self._welcome is None:
            from clerk_app.gui.views.welcome_page import WelcomePage

            self._welcome = page = WelcomePage()
            page.explore_chosen.connect(lambda: page.build_demonstration(self.engine))
            page.demonstration_built.connect(self._demonstration_built)
            page.set_up_chosen.connect(lambda: menus.new_body(self))
            page.open_chosen.connect(self.open_database_dialog)
            self.pages.addWidget(page)
        return self._welcome

    def _demonstration_built(self, _body_id: int) -> None:
        """Built from the welcome page: the clerk is shown its next meeting."""
        self.refresh()
        self.select_start()
        self.show_saved("The demonstration body was added, with its invented people.")

    def current_body_id(self) -> int | None:
        return self.navigator.current_body_id() if self.navigator else None

    def current_meeting_id(self) -> int | None:
        return self.navigator.current_meeting_id() if self.navigator else None

    # --- status -------------------------------------------------------------------------

    def show_saved(self, text: str) -> None:
        """The status bar says when the record was last saved, and what."""
        self.saved_label.setText(f"Saved at {clock.now():%H:%M:%S}: {text}")

    def _recorded(self, text: str) -> None:
        self.saved_label.setText(text)
        self.navigator.relabel(self.engine)  # opened or closed at the table

    def _set_record_label(self, database_label: str) -> None:
        """The record's path is in the status bar, never in the title."""
        self.database_label = database_label
        self.record_label.setText(f"Record: {database_label}")

    def _show_where(self, current: Entry | None) -> None:
        """The title names the body and the meeting of the entry; the strip above the
        page says when the body is the demonstration."""
        self.demo_strip.setVisible(self.navigator.is_demonstration(current))
        if current is not None:
            self.setWindowTitle(f"{self.navigator.title(current)} — {APP_TITLE}")
        elif self.pages.currentWidget() is not self._welcome:
            self.setWindowTitle(APP_TITLE)

    # --- menus --------------------------------------------------------------------------

    def menu(self, title: str, before: str | None = "View", text: str = "") -> QMenu:
        """The menu with this title, made when new (before the menu `before`, if there is
        one), shown as `text` (default "&Title": Alt and the first letter opens it)."""
        if title not in self.menus:
            menu = QMenu(text or f"&{title}", self)
            anchor = self.menus.get(before) if before else None
            if anchor is not None:
                self.menuBar().insertMenu(anchor.menuAction(), menu)
            else:
                self.menuBar().addMenu(menu)
            self.menus[title] = menu
        return self.menus[title]

    def add_action(self, menu: str, text: str, slot: Callable[[], object], *,
                   shortcut: str | QKeySequence.StandardKey | None = None,
                   icon: str | None = None, needs: str | None = None) -> QAction:
        """A menu entry. `needs` is "body" or "meeting": enabled only while one is chosen;
        or "database": enabled once the record is open.

        `icon` names a file in resources/icons without ".svg".
        """
        action = QAction(text, self)
        if icon:
            action.setIcon(theme.icon(icon))
        if shortcut is not None:
            # A list: setShortcut's overloads would build the Qt namespace (see the top).
            action.setShortcuts(QKeySequence.keyBindings(shortcut)
                                if isinstance(shortcut, QKeySequence.StandardKey)
                                else [QKeySequence(shortcut)])
        action.triggered.connect(lambda _checked=False: slot())
        self.menu(menu).addAction(action)
        if needs:
            self._needs.append((action, needs))
            self._update_actions()
        return action

    def _update_actions(self) -> None:
        have = {"database": self.engine is not None,
                "body": self.current_body_id() is not None,
                "meeting": self.current_meeting_id() is not None}
        for action, need in self._needs:
            action.setEnabled(have.get(need, True))

    # --- actions ------------------------------------------------------------------------

    def open_dialog(self, dialog: QDialog, on_saved: Callable[..., object] | None = None) -> None:
        """Open a dialog without blocking the window; `on_saved` runs when it saves."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        if on_saved is not None and hasattr(dialog, "saved"):
            dialog.saved.connect(on_saved)
        dialog.open()

    def show_body_setup(self) -> None:
        body_id = self.current_body_id()
        if body_id is not None:
            self.select_body(body_id)
            self.body_setup.tabs.setFocus()

    def ask_database_path(self) -> Path | None:
        """The record file to open, chosen by the clerk (tests replace this)."""
        name, _filter = QFileDialog.getOpenFileName(
            self, "Open a record", str(Path(self.database_label).parent),
            "clerk-app records (*.sqlite3 *.sqlite *.db);;All files (*)")
        return Path(name) if name else None

    def open_database_dialog(self) -> None:
        path = self.ask_database_path()
        if path is None:
            return
        from clerk_app.services.opening import open_record

        try:
            record = (self._open_record or open_record)(path)
        except (ClerkError, OSError) as error:  # damaged, in use, too new: said in words
            QMessageBox.warning(self, "This record cannot be opened", str(error))
            return
        self.set_record(record.engine, str(path), record)
        if record.warnings:
            self.saved_label.setText(" ".join(record.warnings))

    def set_record(self, engine: Engine, database_label: str,
                   record: OpenRecord | None = None) -> None:
        """Show a record (the first, or another): every page is built on it, and the old
        one is let go."""
        self.complete()  # given before the first frame was shown: the window is finished now
        old, self.engine = self.engine, engine
        old_record, self._record = self._record, record
        for page in (self.body_setup, self.meeting_view, self._table):
            if page is not None:
                self.pages.removeWidget(page)
                page.deleteLater()
        self._table = None
        if old_record is not None:  # before a meeting is shown: the same record again
            old_record.close()  # releases its writer lock and meetings too
        elif old is not None and old is not engine:
            old.dispose()
        self._build_pages()
        self._set_record_label(database_label)
        self.saved_label.setText(EVERY_CHANGE)
        self.navigator.clear()
        self.refresh()
        self.select_start()
        if record is not None and record.read_only:
            self.record_label.setText(f"Record (read-only): {database_label}")
        self.record_opened.emit()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Closing the window lets go of a record it opened (its writer lock)."""
        super().closeEvent(event)
        if event.isAccepted() and self._record is not None:
            if self._table is not None:
                self._table.let_go()  # notes typed in the last moment; the meeting
            self._record.close()
            self._record = None

    # --- look ---------------------------------------------------------------------------

    def set_theme(self, mode: str) -> None:
        """Light, dark, or whatever the system uses; remembered for next time."""
        self.theme_mode = mode
        scheme = theme.apply(QApplication.instance(), mode)
        self.theme_actions[mode].setChecked(True)
        if self.settings is not None:
            self.settings.setValue("view/theme", mode)
            self.settings.setValue("view/scheme", scheme)  # the next start's first frame

    def _system_scheme_changed(self, *_args) -> None:
        if self.theme_mode == theme.SYSTEM:
            theme.apply(QApplication.instance(), theme.SYSTEM)

"""Accessibility of the shell and the body set-up, tested rather than assumed: the whole
window by keyboard with no focus trap, a name for every control, text contrast of at
least 4.5:1, click targets of at least 24 px (WCAG 2.2 AA), text that follows the system
font, and a window that works on a 1366x768 laptop."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from clerk_app import paths
from clerk_app.gui import theme
from clerk_app.gui.dialogs.new_meeting_dialog import NewMeetingDialog
from clerk_app.gui.main_window import MainWindow
from clerk_app.gui.views.body_setup.dialogs import (
    AddMemberDialog,
    AddPersonDialog,
    AppointOfficeDialog,
    EndMembershipDialog,
    InterestDialog,
    NamedSubstituteDialog,
    SettingDialog,
)
from clerk_app.services import body_setup, demo
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)

INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView,
               QTextEdit, QTabBar)


def interactive(root: QWidget) -> list[QWidget]:
    """Every control a person can reach and use, as shown now."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if not widget.isEnabled() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox, QTabBar)):
            continue  # a part of a control (its text field, its scroll arrows)
        found.append(widget)
    return found


def control_of(widget: QWidget, controls: list[QWidget]) -> QWidget:
    while widget is not None and widget not in controls:
        widget = widget.parentWidget()
    return widget


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces (explicit, or from the text or buddy label)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface else ""


def tab_walk(qtbot, root: QWidget, start: QWidget) -> list[QWidget]:
    """Press Tab from `start` until focus comes back; fail on a control that keeps it."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    visited = [start]
    for _ in range(300):
        before = QApplication.focusWidget()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not before, f"Tab is trapped in {before!r} ({accessible_name(before)})"
        if now is start:
            return visited
        visited.append(now)
    raise AssertionError("Tab never came back to where it started: a focus trap")


@pytest.fixture
def window(qtbot, engine, db_path):
    demo.build_demo(engine, upcoming_from=date.today())
    win = MainWindow(engine, str(db_path))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


def past_meeting(win: MainWindow) -> int:
    from clerk_app.services import meetings

    body_id = win.current_body_id()
    return next(m.id for m in meetings.meetings_of(win.engine, body_id) if m.status == "closed")


def pages(win: MainWindow):
    """The shell's own pages: each tab of the body set-up, and a closed meeting's record."""
    win.select_body(win.current_body_id())
    for tab in range(win.body_setup.tabs.count()):
        win.body_setup.tabs.setCurrentIndex(tab)
        yield f"body set-up: {win.body_setup.tabs.tabText(tab)}"
    win.select_meeting(past_meeting(win))
    yield "meeting record"


def test_tab_reaches_every_control_of_the_window_and_the_body_set_up_with_no_trap(
        qtbot, window):
    for page in pages(window):
        controls = interactive(window)
        walked = tab_walk(qtbot, window, window.navigator)
        reached = {control_of(w, controls) for w in walked}
        missed = [f"{type(c).__name__} {accessible_name(c)!r}" for c in controls
                  if c not in reached]
        assert not missed, f"{page}: Tab never reaches {missed}"


def dialogs(win: MainWindow):
    engine, body_id = win.engine, win.current_body_id()
    setup = body_setup.body_setup(engine, body_id)
    seat = setup.members[0]
    yield NewMeetingDialog(engine, body_id, win)
    yield AddPersonDialog(engine, win)
    yield AddMemberDialog(engine, setup, "education", parent=win)
    yield NamedSubstituteDialog(engine, setup, seat, win)
    yield EndMembershipDialog(engine, seat, "Education", win)
    yield AppointOfficeDialog(engine, setup, "vice_chair", win)
    yield InterestDialog(engine, setup, win)
    for setting in setup.settings:
        yield SettingDialog(engine, body_id, setting, win)


def test_every_control_has_a_name_a_screen_reader_can_announce(qtbot, window):
    for page in pages(window):
        nameless = [type(w).__name__ for w in interactive(window) if not accessible_name(w)]
        assert not nameless, f"{page}: controls without a name: {nameless}"
        marked = [accessible_name(w) for w in interactive(window) if "&" in accessible_name(w)]
        assert not marked, f"{page}: a mnemonic's & is read out: {marked}"
    for dialog in dialogs(window):
        qtbot.addWidget(dialog)
        dialog.show()
        nameless = [type(w).__name__ for w in interactive(dialog) if not accessible_name(w)]
        assert not nameless, f"{dialog.windowTitle()}: controls without a name: {nameless}"
        dialog.close()


def test_tab_walks_each_dialog_from_its_first_field_to_its_buttons_without_a_trap(
        qtbot, window):
    for dialog in dialogs(window):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d)
        controls = interactive(dialog)
        first = QApplication.focusWidget()
        assert control_of(first, controls) not in dialog.buttons.buttons(), \
            f"{dialog.windowTitle()}: the dialog opens on its first field"
        walked = [control_of(w, controls) for w in tab_walk(qtbot, dialog, first)]
        assert set(controls) <= set(walked), dialog.windowTitle()
        assert walked[-2:] == dialog.buttons.buttons(), \
            f"{dialog.windowTitle()}: the buttons come last"
        dialog.close()


def test_click_targets_are_at_least_24_pixels(qtbot, window):
    def check(root: QWidget, where: str) -> None:
        for widget in interactive(root):
            assert widget.height() >= 24 and widget.width() >= 24, \
                f"{where}: {type(widget).__name__} {accessible_name(widget)!r} is " \
                f"{widget.width()}x{widget.height()}"
            if isinstance(widget, QAbstractItemView) and widget.model().rowCount():
                row = widget.visualRect(widget.model().index(0, 0))
                assert row.height() >= 24, f"{where}: rows of {accessible_name(widget)!r}"

    for page in pages(window):
        check(window, page)
    for dialog in dialogs(window):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        check(dialog, dialog.windowTitle())
        dialog.close()


# --- Contrast (WCAG 2.2, 1.4.3: 4.5:1 for text) -----------------------------------------


def luminance(colour: str) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    c = QColor(colour)
    return (0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
            + 0.0722 * channel(c.blueF()))


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


PALETTE_PAIRS = [("WindowText", "Window"), ("Text", "Base"), ("Text", "AlternateBase"),
                 ("ButtonText", "Button"), ("HighlightedText", "Highlight"),
                 ("ToolTipText", "ToolTipBase"), ("PlaceholderText", "Base"),
                 ("Link", "Base"), ("LinkVisited", "Base")]


def stylesheet_pairs(scheme: str) -> list[tuple[str, str, str]]:
    """(selector, text colour, background) for every rule of the sheet that sets a text
    colour; a rule without a background is read against the window colour."""
    rules: dict[str, dict[str, str]] = {}
    text = re.sub(r"/\*.*?\*/", "", theme.stylesheet(scheme), flags=re.S)
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", text):
        props = dict(re.findall(r"([\w-]+)\s*:\s*([^;]+);?", body))
        for selector in selectors.split(","):
            rules.setdefault(selector.strip(), {}).update(
                {k: v.strip() for k, v in props.items()})
    window = theme.PALETTES[scheme]["Window"]
    return [(sel, props["color"], props.get("background", window))
            for sel, props in rules.items() if "color" in props]


@pytest.mark.parametrize("scheme", [theme.LIGHT, theme.DARK])
def test_text_contrast_is_at_least_4_5_to_1(scheme):
    colours = theme.PALETTES[scheme]
    for text, background in PALETTE_PAIRS:
        ratio = contrast(colours[text], colours[background])
        assert ratio >= 4.5, f"{scheme}: {text} on {background} is {ratio:.2f}:1"
    pairs = stylesheet_pairs(scheme)
    assert {sel for sel, _c, _b in pairs} >= {"QLabel#errorMessage", "QLabel#assumedNotice",
                                              "QLabel#pageSubheading"}
    for selector, text, background in pairs:
        ratio = contrast(text, background)
        assert ratio >= 4.5, f"{scheme}: {selector} is {ratio:.2f}:1"


def test_the_stylesheet_never_fixes_a_font_size():
    for name in ("clerk.qss", "clerk-dark.qss"):
        assert "font-size" not in paths.resource("styles", name).read_text(encoding="utf-8")


def test_text_follows_the_system_font(qtbot, engine, db_path):
    app = QApplication.instance()
    before = app.font()
    try:
        large = QFont(before)
        large.setPointSizeF(16)
        app.setFont(large)
        demo.build_demo(engine, upcoming_from=date.today() + timedelta(days=1))
        win = MainWindow(engine, str(db_path))
        qtbot.addWidget(win)
        win.select_body(win.current_body_id())
        assert win.navigator.font().pointSizeF() == 16
        assert win.body_setup.members.font().pointSizeF() == 16
        assert win.body_setup.heading.font().pointSizeF() > 16  # headings scale from it
        assert win.body_setup.heading.font().pixelSize() == -1  # never a fixed pixel size
    finally:
        app.setFont(before)


def test_usable_on_a_1366x768_laptop(qtbot, window):
    """Everything fits a 1366x768 screen less its task bar: no control is cut off."""
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700
    window.resize(1366, 700)
    for page in pages(window):
        for widget in interactive(window):
            corner = widget.mapTo(window, widget.rect().bottomRight())
            assert window.rect().contains(corner), f"{page}: {accessible_name(widget)!r}"
    for dialog in dialogs(window):
        qtbot.addWidget(dialog)
        size = dialog.sizeHint()
        assert size.width() <= 1366 and size.height() <= 700, dialog.windowTitle()

"""Both themes readable, whole, from the moment of the switch (issue 20): View › Dark and
back to Light and again, read from the widgets as they are then painted, not from the
colour tables: the register's states and the quorum banner's text at least 4.5:1 on
their backgrounds, check boxes' and radio buttons' rings at least 3:1 (WCAG 2.2, 1.4.3
and 1.4.11), and the theme menu an exclusive choice that shows which theme is chosen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
)

from clerk_app.gui import theme
from clerk_app.gui.dialogs.vote_dialog import VoteDialog
from clerk_app.gui.main_window import MainWindow
from clerk_app.gui.widgets.attendance_chart import AttendanceChart
from clerk_app.rules.vocabulary import RegisterState
from clerk_app.services import demo, meetings, register
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)
from tests.gui.test_shell_accessibility import contrast

SWITCHES = [theme.DARK, theme.LIGHT, theme.DARK, theme.LIGHT]


@pytest.fixture
def window(qtbot, engine, db_path):
    demo.build_demo(engine, upcoming_from=date.today() - timedelta(days=21))  # meets today
    win = MainWindow(engine, str(db_path))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def switch(qtbot, win: MainWindow, mode: str) -> None:
    """Choose the theme as a clerk does, from the View menu."""
    win.theme_actions[mode].trigger()
    qtbot.wait(20)  # what follows the switch once it is whole (the banner) runs next


def ring_contrast(button: QAbstractButton) -> float:
    """The strongest contrast inside the check box's or radio button's indicator, as
    painted, against the background beside it."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    element = (QStyle.SubElement.SE_RadioButtonIndicator if isinstance(button, QRadioButton)
               else QStyle.SubElement.SE_CheckBoxIndicator)
    rect = button.style().subElementRect(element, option, button)
    image: QImage = button.grab().toImage()
    background = image.pixelColor(image.width() - 1, 0)
    return max(contrast(image.pixelColor(x, y).name(), background.name())
               for x in range(rect.left(), rect.right() + 1)
               for y in range(rect.top(), rect.bottom() + 1))


def test_the_theme_menu_is_one_choice_of_three_and_shows_the_chosen_one(qtbot, window):
    actions = window.theme_actions
    assert all(a.isCheckable() and a.actionGroup() is actions[theme.LIGHT].actionGroup()
               for a in actions.values())
    assert actions[theme.LIGHT].actionGroup().isExclusive()
    for mode in SWITCHES:
        switch(qtbot, window, mode)
        assert [m for m, a in actions.items() if a.isChecked()] == [mode]
        assert actions[mode].icon().isNull()  # an icon would hide the mark (Fusion)


def test_the_register_and_the_banner_recolour_at_the_switch_and_stay_readable(
        qtbot, window):
    window.select_meeting(next(m.id for m in demo_meetings(window)
                               if m.date == date.today()))
    table = window.table_view()
    qtbot.mouseClick(table.open_button, Qt.MouseButton.LeftButton)
    first = table.desk.state.register[0]
    table.register.select_person(first.person_id)
    qtbot.keyClick(table.register.table, Qt.Key.Key_P)
    assert table.desk.state.line(first.person_id).state == RegisterState.PRESENT
    view, model = table.register.table, table.register.model
    row = model.row_of(first.person_id)
    seen = set()
    for mode in SWITCHES:
        switch(qtbot, window, mode)
        state = table.register.proxy.mapFromSource(model.index(row, 3))
        ink = state.data(Qt.ItemDataRole.ForegroundRole).name()
        rows = {view.palette().color(QPalette.ColorRole.Base).name(),
                view.palette().color(QPalette.ColorRole.AlternateBase).name()}
        for paper in rows:
            assert contrast(ink, paper) >= 4.5, f"{mode}: Present {ink} on {paper}"
        seen.add(ink)
        banner = table.banner.grab().toImage()
        paper = banner.pixelColor(4, banner.height() // 2).name()
        assert QColor(paper).lightness() < 128 if mode == theme.DARK else \
            QColor(paper).lightness() > 128, f"{mode}: the banner kept the other theme"
        for label in (table.banner.verdict, table.banner.count):
            ink = label.palette().color(label.foregroundRole()).name()
            assert contrast(ink, paper) >= 4.5, f"{mode}: {label.text()} {ink} on {paper}"
    assert len(seen) == 2  # the state's colour changed with the theme


def demo_meetings(win: MainWindow):
    return meetings.meetings_of(win.engine, win.current_body_id())


def test_check_boxes_and_radio_buttons_keep_a_3_to_1_ring_in_both_themes(qtbot, window):
    meeting = demo_meetings(window)[0].id
    item = meetings.meeting_summary(window.engine, meeting).items[-1]
    dialog = VoteDialog(register.state(window.engine, meeting, item.item_id), item.title,
                        print, print, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    buttons = [b for b in dialog.findChildren(QAbstractButton)
               if isinstance(b, (QRadioButton, QCheckBox)) and b.isVisible()]
    assert any(isinstance(b, QRadioButton) and not b.isChecked() for b in buttons)
    for mode in SWITCHES:
        switch(qtbot, window, mode)
        for button in buttons:
            ratio = ring_contrast(button)
            assert ratio >= 3, f"{mode}: {button.text()!r} ring {ratio:.2f}:1"


def test_the_attendance_chart_follows_the_theme(qtbot, window):
    year = next(a for a in window.menus["Year"].actions() if "ttendance" in a.text())
    window.select_body(window.current_body_id())
    year.trigger()
    chart = window.findChild(AttendanceChart)
    qtbot.waitUntil(chart.isVisible)
    for mode in SWITCHES:
        switch(qtbot, window, mode)
        image = chart.grab().toImage()
        paper = image.pixelColor(1, 1)
        assert (paper.lightness() < 128) == (mode == theme.DARK), mode
        text = chart.palette().color(QPalette.ColorRole.Text).name()
        assert contrast(text, paper.name()) >= 4.5, mode

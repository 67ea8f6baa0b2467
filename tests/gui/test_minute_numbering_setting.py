"""How a body numbers its minutes is a setting of Body set-up like the others (DOMAIN.md
§6): shipped assumed, changed from the window, and the next minutes use it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app.gui import theme
from clerk_app.gui.views.body_setup import BodySetupView
from clerk_app.gui.views.body_setup.dialogs import SettingDialog
from clerk_app.services import minutes
from tests.export.minutes_helpers import hold_kent_meeting, text_of
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)

LABEL = "How minutes are numbered"


@pytest.fixture
def setup_view(qtbot, kent):
    theme.apply(QApplication.instance(), theme.LIGHT)
    view = BodySetupView(kent.engine)
    qtbot.addWidget(view)
    view.resize(1024, 600)
    view.show_body(kent.body_id)
    view.show()
    qtbot.waitExposed(view)
    return view


def setting_row(tree):
    for n in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(n)
        for item in [top] + [top.child(c) for c in range(top.childCount())]:
            if item.text(0) == LABEL:
                return item
    raise AssertionError(f"{LABEL!r} is not among the settings")


def test_the_clerk_numbers_minutes_through_the_year_from_body_set_up(qtbot, setup_view, kent):
    earlier = hold_kent_meeting(kent, date(2026, 7, 14))  # 6 items in this year already
    held = hold_kent_meeting(kent)
    setup_view.tabs.setCurrentIndex(2)
    tree = setup_view.settings
    item = setting_row(tree)
    assert item.text(1) == "Assumed — please confirm"  # the seeds are silent
    assert item.text(2) == "By agenda item: minutes 1, 2, 3 at each meeting"
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualItemRect(item).center())
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # Enter opens the change dialog
    dialog = setup_view.dialog
    assert isinstance(dialog, SettingDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.sizeHint().height() <= 560
    value = dialog.form.itemAt(0, dialog.form.ItemRole.FieldRole).widget()
    value.setFocus()
    qtbot.keyClick(value, Qt.Key.Key_Down)
    qtbot.keyClicks(dialog.source, "Board decision, 1 April 2026")
    qtbot.keyClick(dialog.source, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert setting_row(tree).text(2).startswith("Running through the year: Minute 23/26")

    text = text_of(minutes.render_minutes(kent.engine, held.meeting_id, "docx"), "docx")
    # The July meeting took minutes 1/26 to 6/26; September's run on from 7/26.
    for words in ("7/26 Apologies and substitutions", "11/26 Youth contract",
                  "Tomás Ó Briain declared a pecuniary interest: Trustee of a bidder.",
                  "Minute | Action | Owner | Due", "10/26 | Publish the approved plan",
                  # July's open action, agreed under its fourth minute.
                  "14 Jul 2026, minute 4/26 | Publish the approved plan"):
        assert words in text
    first = text_of(minutes.render_minutes(kent.engine, earlier.meeting_id, "docx"), "docx")
    assert "1/26 Apologies and substitutions" in first

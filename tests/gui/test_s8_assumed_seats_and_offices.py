"""DOMAIN.md §8: each rule a preset ships is marked with its source or as assumed — the
seat categories and offices too. Body set-up shows "Assumed — please confirm" on them,
as it does on settings, and saving one from its change dialog confirms it. Cumbria
(004) assumes nine of its ten seat categories and both offices; the revised County
Board (003) sources its Chair (§4.3) but assumes its Vice-Chair."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clerk_app.gui.views.body_setup.design_dialogs import CategoryDialog, OfficeDialog
from clerk_app.gui.views.body_setup.view import BodySetupView
from clerk_app.services import presets
from tests.gui.test_shell_body_setup import click_row, find, opened

MARK = " — Assumed — please confirm"


@pytest.fixture
def body_view(qtbot, engine):
    def show(preset: str) -> BodySetupView:
        view = BodySetupView(engine)
        qtbot.addWidget(view)
        view.resize(1024, 600)
        view.show_body(presets.create_body_from_preset(engine, preset))
        view.show()
        qtbot.waitExposed(view)
        return view
    return show


def _tops(tree) -> list[str]:
    return [tree.topLevelItem(n).text(0) for n in range(tree.topLevelItemCount())]


def test_s8_cumbrias_assumed_seats_say_so_and_saving_one_confirms_it(qtbot, body_view):
    view = body_view("cumbria-cypb")
    tops = _tops(view.members)
    assert sum(top.endswith(MARK) for top in tops) == 9
    assert "Police: 1 seat, vacant" + MARK in tops
    assert ("Voluntary/community sector reference group representative: 1 seat, vacant"
            in tops)  # sourced, 004 §2.1, §2.3
    assert view.categories_notice.isVisible()
    assert view.categories_notice.text().startswith(
        "9 seat categories are assumed because the constitution is silent.")

    click_row(qtbot, view.members, find(view.members, "Police: 1 seat, vacant" + MARK))
    qtbot.mouseClick(view.change_category_button, Qt.MouseButton.LeftButton)
    dialog = opened(qtbot, view, CategoryDialog)
    assert "Saving it, changed or not, confirms it." in dialog.intro.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Police: 1 seat, vacant" in _tops(view.members)
    assert view.categories_notice.text().startswith("8 seat categories are assumed")


def test_s8_assumed_offices_say_so_in_the_list_and_the_detail(qtbot, body_view):
    view = body_view("kent-ct-county-board")
    view.tabs.setCurrentIndex(1)
    assert _tops(view.offices) == ["Chair", "Vice-Chair" + MARK]  # Chair: 003 §4.3
    assert view.offices_notice.text().startswith("1 office is assumed")
    click_row(qtbot, view.offices, find(view.offices, "Vice-Chair" + MARK))
    assert view.office_detail.text().startswith(
        "Vice-Chair: Assumed — please confirm. The constitution does not give this office")
    qtbot.mouseClick(view.change_office_button, Qt.MouseButton.LeftButton)
    dialog = opened(qtbot, view, OfficeDialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _tops(view.offices) == ["Chair", "Vice-Chair"]
    assert view.offices_notice.isHidden()


def test_s8_a_body_with_nothing_assumed_in_its_seats_shows_no_notice(body_view):
    view = body_view("lincolnshire-cypsp")
    assert not any(top.endswith(MARK) for top in _tops(view.members))
    assert view.categories_notice.isHidden()

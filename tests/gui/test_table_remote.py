"""At the table, DOMAIN.md §9 "Remote attendance" through the real widgets, on the Kent
LCSP preset (000 §10.4: five of seven organisations): the V key and the "Video link"
button mark a member as joining by video link and switch them back; the register, the
quorum banner and the vote screen follow the body's setting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlmodel import Session

from clerk_app.gui.dialogs.vote_dialog import VoteDialog
from clerk_app.gui.views.body_setup.dialogs import SettingDialog
from clerk_app.gui.views.body_setup.view import BodySetupView
from clerk_app.gui.views.table.register_panel import RegisterCommand
from clerk_app.rules.vocabulary import RemoteAttendance, SettingKey
from clerk_app.services import constitution
from tests.gui.table_support import (
    Clock,
    arrive_by_name,
    drive,
    open_table,
    select_person,
    state_of,
)
from tests.gui.test_shell_body_setup import click_row, find, opened

# The Chair (an Education headteacher: two groups), Youth Offending and Health: four of
# Kent's seven; Daniel Okafor (Police, and the Vice-Chair) would be the fifth.
FOUR_GROUPS = ("Helen", "Marcus", "sian")


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


def _table(qtbot, kent, setting: RemoteAttendance | None = None):
    if setting is not None:
        constitution.change_setting(kent.engine, kent.body_id, SettingKey.REMOTE_ATTENDANCE,
                                    setting)
    view = open_table(qtbot, kent.engine, kent.meeting())
    arrive_by_name(qtbot, view, *FOUR_GROUPS)
    assert view.banner.verdict.text() == "NOT QUORATE"
    return view


def test_s9_counted_the_v_key_puts_police_on_video_and_the_banner_turns_quorate(
        qtbot, kent, clock):
    view = _table(qtbot, kent, RemoteAttendance.COUNTED)
    clock.set(9, 58)
    select_person(view, kent.ids["police"])
    with qtbot.waitSignal(view.recorded) as signal:
        qtbot.keyClick(view.register.table, Qt.Key.Key_V)
    assert signal.args == ["Saved 09:58 — Daniel Okafor attending by video link"]
    assert state_of(view, "Daniel Okafor") == "Attending remotely"
    assert view.banner.verdict.text() == "QUORATE"
    qtbot.mouseClick(view.banner.why, Qt.MouseButton.LeftButton)
    assert "✓ Police: filled by Daniel Okafor" in view.banner.explanation.text()


def test_s9_recorded_police_on_video_leaves_police_unfilled_until_switched_back(
        qtbot, kent, clock):
    view = _table(qtbot, kent)  # the shipped, assumed setting: recorded, not counted
    button = view.register.buttons[RegisterCommand.REMOTE]
    assert button.text() == "Video link  V" and button.isVisible()
    clock.set(9, 58)
    select_person(view, kent.ids["police"])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert state_of(view, "Daniel Okafor") == "Attending remotely"
    assert view.banner.verdict.text() == "NOT QUORATE"
    qtbot.mouseClick(view.banner.why, Qt.MouseButton.LeftButton)
    explanation = view.banner.explanation.text()
    assert "✗ Police: NOT filled" in explanation
    assert "Attending remotely, not counted (the body's setting): Daniel Okafor" in explanation

    clock.set(10, 2)  # he comes into the room after all
    select_person(view, kent.ids["police"])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert view.status.text() == ("Saved 10:02 — Daniel Okafor attending in the room, not "
                                  "by video link")
    assert state_of(view, "Daniel Okafor") == "Present"
    assert view.banner.verdict.text() == "QUORATE"


def test_s9_recorded_the_vote_screen_says_why_the_remote_member_may_not_vote(
        qtbot, kent, clock, monkeypatch):
    view = _table(qtbot, kent)
    arrive_by_name(qtbot, view, "Peter", "Briain")  # quorate without the Police member
    select_person(view, kent.ids["police"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_V)
    clock.set(10, 0)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    view.agenda.select_item(kent.items[4])
    clock.set(10, 5)
    qtbot.mouseClick(view.agenda.start, Qt.MouseButton.LeftButton)
    seen = {}

    def look(dialog: VoteDialog) -> None:
        seen["may"] = dialog.voters_panel.may.text()
        seen["may_not"] = dialog.voters_panel.may_not.text()

    drive(monkeypatch, qtbot, VoteDialog, look)
    qtbot.mouseClick(view.agenda.vote, Qt.MouseButton.LeftButton)
    assert "Daniel Okafor" not in seen["may"]
    assert ("Daniel Okafor — attending remotely: this body does not count remote attendance "
            "for quorum or votes") in seen["may_not"]


def test_s9_not_recorded_the_v_key_is_refused_saying_where_to_change_it(
        qtbot, kent, clock, dump):
    view = _table(qtbot, kent, RemoteAttendance.NOT_RECORDED)
    before = dump()
    select_person(view, kent.ids["police"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_V)
    assert view.problem.isVisible()
    message = view.problem.text()
    assert message.startswith("Not saved: This body does not record remote attendance")
    assert "\"Members attending by video link\" in the body's set-up (Constitution tab)" in \
        message
    assert state_of(view, "Daniel Okafor") == "Not arrived"
    assert dump() == before



def test_s9_the_setting_shows_assumed_in_the_set_up_and_the_clerk_changes_it(qtbot, kent):
    view = BodySetupView(kent.engine)
    qtbot.addWidget(view)
    view.resize(1076, 720)
    view.show_body(kent.body_id)
    view.show()
    qtbot.waitExposed(view)
    view.tabs.setCurrentIndex(2)
    item = find(view.settings, "Members attending by video link")
    assert item.text(1) == "Assumed — please confirm"
    assert item.text(2) == ("Recorded as attending remotely, but not counted for quorum, "
                            "votes or the attendance expectation")
    assert item.text(3).startswith("practice: a partnership board that is not a council")
    click_row(qtbot, view.settings, item)
    qtbot.keyClick(view.settings, Qt.Key.Key_Return)  # Enter opens the change dialog
    dialog = opened(qtbot, view, SettingDialog)
    value = dialog.form.itemAt(0, dialog.form.ItemRole.FieldRole).widget()
    value.setFocus()
    qtbot.keyClick(value, Qt.Key.Key_Down)  # to "counted"
    qtbot.keyClick(dialog.source, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.source, "Terms of reference 2026, para 4")
    qtbot.keyClick(dialog.source, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    item = find(view.settings, "Members attending by video link")
    assert item.text(2) == "Counted for quorum, votes and attendance like anyone in the room"
    assert item.text(1).startswith("Confirmed")
    with Session(kent.engine) as session:
        assert constitution.body_rules(session, kent.body_id).remote is \
            RemoteAttendance.COUNTED

"""Body set-up changes an existing body's design (issue 14, item 2): seat categories on the
Membership tab, offices on the Offices tab, quorum groups on their own tab, driven by the
real buttons and keys; refusals are shown in the dialog and nothing is lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app.gui import theme
from clerk_app.gui.views.body_setup import BodySetupView
from clerk_app.gui.views.body_setup.design_dialogs import (
    CategoryDialog,
    OfficeDialog,
    QuorumGroupDialog,
    RemoveDialog,
)
from clerk_app.gui.views.body_setup.dialogs import AppointOfficeDialog
from clerk_app.services import body_setup, membership, presets, register
from tests.conftest import at
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)
from tests.gui.test_shell_body_setup import HOSTILE, click_row, find, opened, type_text

MAX_W, MAX_H = 1024, 560  # the dialog must fit a 1024x600 screen, title bar included


def make_view(qtbot, engine, body_id):
    theme.apply(QApplication.instance(), theme.LIGHT)
    view = BodySetupView(engine)
    qtbot.addWidget(view)
    view.resize(1024, 560)
    view.show_body(body_id)
    view.show()
    qtbot.waitExposed(view)
    view.saved = []
    view.changed.connect(view.saved.append)
    return view


@pytest.fixture
def lincs(qtbot, engine):
    return make_view(qtbot, engine, presets.create_body_from_preset(engine, "lincolnshire-cypsp"))


@pytest.fixture
def kent_view(qtbot, kent):
    return make_view(qtbot, kent.engine, kent.body_id)


def fits(dialog) -> None:
    hint = dialog.sizeHint()
    assert hint.width() <= MAX_W and hint.height() <= MAX_H, (type(dialog).__name__, hint)


def press(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_new_observer_category_is_added_from_the_membership_tab(qtbot, lincs):
    press(qtbot, lincs.new_category_button)
    dialog = opened(qtbot, lincs, CategoryDialog)
    fits(dialog)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter on the empty form
    assert dialog.isVisible() and "name is empty" in dialog.error.text()
    type_text(qtbot, dialog.name, HOSTILE)
    dialog.seats.setFocus()
    dialog.seats.selectAll()
    qtbot.keyClicks(dialog.seats, "2")
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_End)  # observers
    assert not dialog.core.isEnabled() and not dialog.core.isChecked()
    type_text(qtbot, dialog.source, "Terms of Reference 2026 §4.1")
    qtbot.keyClick(dialog.source, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    top = find(lincs.members, f"{HOSTILE}: 0 of 2 seats filled, 2 vacant (no vote)")
    assert top.toolTip(0) == "Terms of Reference 2026 §4.1"
    assert lincs.saved == [f"Category added: {HOSTILE}."]
    added = lincs.setup.categories[-1]
    assert (added.name, added.voting, added.core) == (HOSTILE, False, False)


def test_fewer_seats_than_members_is_refused_in_the_dialog(qtbot, lincs, dump):
    engine = lincs._engine
    for name in ("Ann Lee", "Bo Chan"):
        membership.add_member(engine, lincs.body_id, membership.add_person(engine, name),
                              "schools")
    lincs.refresh()
    click_row(qtbot, lincs.members, find(lincs.members, "Ann Lee", 1))
    before = dump()
    press(qtbot, lincs.change_category_button)
    dialog = opened(qtbot, lincs, CategoryDialog)
    assert dialog.name.text() == "Schools" and dialog.seats.value() == 4
    dialog.seats.setFocus()
    dialog.seats.selectAll()
    qtbot.keyClicks(dialog.seats, "1")
    press(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert "2 members now hold seats in Schools" in dialog.error.text()
    assert dialog.seats.value() == 1  # what was typed stays
    assert dump() == before
    dialog.reject()

    press(qtbot, lincs.remove_category_button)
    remove = opened(qtbot, lincs, RemoveDialog)
    press(qtbot, remove.ok_button)
    assert remove.isVisible() and "Members hold seats in Schools" in remove.error.text()
    assert dump() == before


def test_a_category_moves_down_and_an_empty_one_is_removed(qtbot, lincs):
    click_row(qtbot, lincs.members, lincs.members.topLevelItem(0))
    assert not lincs.up_button.isEnabled()
    press(qtbot, lincs.down_button)
    assert lincs.members.topLevelItem(1).text(0).startswith("Director of Children's Services")
    assert lincs.members.currentItem() is lincs.members.topLevelItem(1)
    assert lincs.saved[-1].startswith("Moved Director of Children's Services")

    last = lincs.members.topLevelItem(lincs.members.topLevelItemCount() - 1)
    click_row(qtbot, lincs.members, last)
    name = lincs.selected_category().name
    press(qtbot, lincs.remove_category_button)
    remove = opened(qtbot, lincs, RemoveDialog)
    qtbot.keyClick(remove, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not remove.isVisible())
    assert name not in [c.name for c in lincs.setup.categories]
    assert lincs.saved[-1] == f"Removed the category: {name}."


def test_a_quorum_group_added_to_kent_counts_in_the_live_quorum(qtbot, kent_view, kent):
    kent_view.tabs.setCurrentIndex(4)
    assert kent_view.tabs.tabText(4) == "&Quorum groups"
    assert "at least 5 of the 7 groups" in kent_view.groups_summary.text()
    press(qtbot, kent_view.new_group_button)
    dialog = opened(qtbot, kent_view, QuorumGroupDialog)
    fits(dialog)
    type_text(qtbot, dialog.label, "Children's Social Services")
    press(qtbot, dialog.ok_button)  # nobody could fill it yet
    assert dialog.isVisible() and "tick at least one" in dialog.error.text()
    dialog.categories.setFocus()
    row = next(n for n in range(dialog.categories.count())
               if dialog.categories.item(n).text() == "Children's Social Services")
    dialog.categories.setCurrentRow(row)
    qtbot.keyClick(dialog.categories.viewport(), Qt.Key.Key_Space)
    assert dialog.design().categories == ("children_social_services",)
    press(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    item = find(kent_view.groups, "Children's Social Services")
    assert (item.text(1), item.text(2)) == ("One of the groups needed",
                                           "Children's Social Services")
    assert "at least 5 of the 8 groups" in kent_view.groups_summary.text()
    meeting = kent.meeting()
    register.arrive(kent.engine, meeting, kent.ids["social"], at(9, 55))
    quorum = register.state(kent.engine, meeting).quorum
    filled = {g.label: g.filled_by for g in quorum.groups}
    assert filled["Children's Social Services"] == ("Karen Whitlock",)


def test_removing_a_group_the_quorum_needs_says_what_to_do(qtbot, kent_view, kent, dump):
    engine = kent.engine
    from clerk_app.services import body_design
    for key in ("education", "police"):
        body_design.remove_quorum_group(engine, kent.body_id, key, False)
    kent_view.refresh()
    kent_view.tabs.setCurrentIndex(4)
    click_row(qtbot, kent_view.groups, find(kent_view.groups, "Health"))
    before = dump()
    press(qtbot, kent_view.remove_group_button)
    remove = opened(qtbot, kent_view, RemoveDialog)
    qtbot.keyClick(remove, Qt.Key.Key_Return)
    assert remove.isVisible()
    assert "lower the number of groups needed" in remove.error.text()
    assert dump() == before


def test_a_new_office_with_eligibility_refuses_an_ineligible_appointment(
        qtbot, kent_view, kent):
    kent_view.tabs.setCurrentIndex(1)
    press(qtbot, kent_view.new_office_button)
    dialog = opened(qtbot, kent_view, OfficeDialog)
    fits(dialog)
    type_text(qtbot, dialog.name, "Safeguarding Lead")
    for n in range(dialog.categories.count()):
        if dialog.categories.item(n).text() == "Police":
            dialog.categories.setCurrentRow(n)
    dialog.categories.setFocus()
    qtbot.keyClick(dialog.categories.viewport(), Qt.Key.Key_Space)
    type_text(qtbot, dialog.source, "Board minutes, 3 March 2026, item 4")
    qtbot.keyClick(dialog.source, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    office = find(kent_view.offices, "Safeguarding Lead")
    assert office.text(5) == "Only from: Police (Board minutes, 3 March 2026, item 4)"
    assert kent_view.saved[-1] == "Office added: Safeguarding Lead."

    click_row(qtbot, kent_view.offices, office)
    press(qtbot, kent_view.appoint_button)
    appoint = opened(qtbot, kent_view, AppointOfficeDialog)
    appoint.person.setCurrentIndex(appoint.person.findData(kent.ids["health"]))
    press(qtbot, appoint.ok_button)
    assert appoint.isVisible()
    assert "Board minutes, 3 March 2026, item 4" in appoint.error.text()
    assert "must sit in the Police category" in appoint.error.text()


def test_an_office_held_now_cannot_be_removed(qtbot, kent_view, dump):
    kent_view.tabs.setCurrentIndex(1)
    click_row(qtbot, kent_view.offices, find(kent_view.offices, "Chair"))
    before = dump()
    press(qtbot, kent_view.remove_office_button)
    remove = opened(qtbot, kent_view, RemoveDialog)
    press(qtbot, remove.ok_button)
    assert "Someone holds the office of Chair now" in remove.error.text()
    assert dump() == before


def test_sources_in_body_set_up_name_the_document(qtbot, lincs):
    words = [lincs.office_detail.text()] + [
        lincs.members.topLevelItem(n).toolTip(0)
        for n in range(lincs.members.topLevelItemCount())]
    assert any("Lincolnshire CYPSP Governance Arrangements" in w for w in words)
    assert not any("002 §" in w for w in words)
    settings = [lincs.settings.topLevelItem(n).text(3)
                for n in range(lincs.settings.topLevelItemCount())]
    assert not any("002" in text for text in settings)


def test_a_500_character_office_name_is_kept_whole_and_typing_stops_there(
        qtbot, kent_view, kent):
    long_name = "Ó" * 499 + ">"
    kent_view.tabs.setCurrentIndex(1)
    press(qtbot, kent_view.new_office_button)
    dialog = opened(qtbot, kent_view, OfficeDialog)
    dialog.name.setText(long_name)  # pasted
    qtbot.keyClicks(dialog.name, "more")  # the longest name a record keeps: typing stops
    assert dialog.name.text() == long_name
    press(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    names = [o.name for o in body_setup.body_setup(kent.engine, kent.body_id).offices]
    assert long_name in names
    assert kent_view.size().width() <= 1024


def test_removing_a_500_character_category_asks_in_a_dialog_that_fits(qtbot, lincs):
    from clerk_app.services import body_design
    from clerk_app.services.body_design import CategoryDesign

    long_name = "Ó" * 500
    body_design.add_category(lincs._engine, lincs.body_id, CategoryDesign(long_name, 1))
    lincs.refresh()
    last = lincs.members.topLevelItem(lincs.members.topLevelItemCount() - 1)
    click_row(qtbot, lincs.members, last)
    press(qtbot, lincs.remove_category_button)
    remove = opened(qtbot, lincs, RemoveDialog)
    fits(remove)
    assert remove.intro.toolTip() == long_name
    press(qtbot, remove.ok_button)
    qtbot.waitUntil(lambda: not remove.isVisible())
    assert long_name not in [c.name for c in lincs.setup.categories]


def test_a_quorum_group_is_added_with_the_keyboard_alone(qtbot, kent_view):
    kent_view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is kent_view)
    qtbot.keyClick(kent_view, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert kent_view.tabs.currentIndex() == 4
    qtbot.keyClick(kent_view, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: kent_view.dialog is not None)  # Alt+letter animates the click
    dialog = opened(qtbot, kent_view, QuorumGroupDialog)
    assert dialog.label.hasFocus()
    qtbot.keyClicks(dialog.label, "Social care")
    qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert dialog.categories.hasFocus()
    for _ in range(2):  # Education, District Council Officer, Children's Social Services
        qtbot.keyClick(dialog.categories, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.categories, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.categories, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert find(kent_view.groups, "Social care").text(2) == "Children's Social Services"
    assert kent_view.saved[-1] == "Quorum group added: Social care."


def test_a_required_group_on_an_assumed_quorum_keeps_it_marked_assumed(qtbot, lincs):
    lincs.tabs.setCurrentIndex(4)
    assert lincs.groups_summary.text().startswith("The quorum does not count groups.")
    press(qtbot, lincs.new_group_button)
    dialog = opened(qtbot, lincs, QuorumGroupDialog)
    assert "The first group listed makes the quorum need one group" in dialog.intro.text()
    type_text(qtbot, dialog.label, "Chair present")
    qtbot.keyClick(dialog.label, Qt.Key.Key_Tab)
    assert dialog.required.hasFocus()
    qtbot.keyClick(dialog.required, Qt.Key.Key_Space)
    assert dialog.required.isChecked()
    dialog.offices.setFocus()
    qtbot.keyClick(dialog.offices.viewport(), Qt.Key.Key_Space)  # the Chair, listed first
    press(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert find(lincs.groups, "Chair present").text(1) == "Must be present"
    assert lincs.groups_summary.text() == (
        "The meeting is quorate only if every group marked “Must be present” is represented.")
    quorum = find(lincs.settings, "Quorum")
    assert quorum.text(1) == "Assumed — please confirm"
    assert "Chair present" in quorum.text(2)

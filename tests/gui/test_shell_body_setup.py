"""Body set-up on the Kent LCSP preset (000): seats and vacancies, members, offices and
their eligibility rules, the constitution's settings and the register of interests."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from clerk_app.gui import theme
from clerk_app.gui.views.body_setup import BodySetupView
from clerk_app.gui.views.body_setup.dialogs import (
    AddMemberDialog,
    AddPersonDialog,
    AppointOfficeDialog,
    SettingDialog,
)
from clerk_app.services import body_setup, constitution, membership
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)

HOSTILE = "<font color=red>Ó Briain & Co</font> — شركة الأمل"


@pytest.fixture
def setup_view(qtbot, kent):
    theme.apply(QApplication.instance(), theme.LIGHT)
    view = BodySetupView(kent.engine)
    qtbot.addWidget(view)
    view.resize(1076, 720)
    view.show_body(kent.body_id)
    view.show()
    qtbot.waitExposed(view)
    saved: list[str] = []
    view.changed.connect(saved.append)
    view.saved = saved
    return view


def type_text(qtbot, widget, text: str) -> None:
    """Type text as a keyboard does, accents and other scripts included (QTest's
    keyClicks knows only ASCII)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, char))


def rows(tree, column: int = 0) -> list[str]:
    out = []
    for n in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(n)
        out.append(top.text(column))
        out += [top.child(c).text(column) for c in range(top.childCount())]
    return out


def find(tree, text: str, column: int = 0):
    for n in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(n)
        for item in [top] + [top.child(c) for c in range(top.childCount())]:
            if item.text(column) == text:
                return item
    raise AssertionError(f"{text!r} is not in {tree.accessibleName()}: {rows(tree, column)}")


def click_row(qtbot, tree, item) -> None:
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualItemRect(item).center())
    assert tree.currentItem() is item


def opened(qtbot, view, kind):
    dialog = view.dialog
    assert isinstance(dialog, kind)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_s1_membership_shows_every_seat_of_each_category_and_the_vacancies(setup_view, kent):
    members = setup_view.members
    categories = [members.topLevelItem(n) for n in range(members.topLevelItemCount())]
    seats = sum(c.childCount() for c in categories)
    assert seats == 12  # Kent LCSP: five Education seats and seven single seats (000 §9.3)
    assert rows(members, 1).count("Vacant") == 3
    assert categories[0].text(0) == "Education: 2 of 5 seats filled, 3 vacant"
    assert find(members, "Police: 1 seat, filled")
    assert find(members, "LCSP Manager: 1 seat, filled (no vote)")
    assert setup_view.subheading.text().startswith("9 of 12 seats filled, 3 vacancies")
    police = find(members, "Daniel Okafor", 1)
    assert (police.text(2), police.text(3), police.text(4)) == ("Kent Police", "Votes",
                                                                "Priya Nair")
    assert find(members, "Joanna Fairweather", 1).text(3) == "No vote"


def test_s1_adding_a_new_person_to_a_vacant_seat_fills_it(qtbot, setup_view, kent):
    vacant = next(setup_view.members.topLevelItem(0).child(n) for n in range(5)
                  if setup_view.members.topLevelItem(0).child(n).text(1) == "Vacant")
    seat = vacant.text(0)
    click_row(qtbot, setup_view.members, vacant)
    qtbot.mouseClick(setup_view.add_member_button, Qt.MouseButton.LeftButton)
    dialog = opened(qtbot, setup_view, AddMemberDialog)
    assert dialog.category.currentData() == "education"
    assert dialog.seat.currentText() == seat
    buttons = [b for b in dialog.findChildren(type(setup_view.add_person_button))
               if b.text() == "New person…"]
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    person = dialog.person_dialog
    assert isinstance(person, AddPersonDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is person)
    type_text(qtbot, person.name, "Ruth Gale-Ó Súilleabháin")
    qtbot.keyClick(person.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(person.agency.combo, "Oakfield Primary School")  # a known organisation
    qtbot.keyClick(person.agency.combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not person.isVisible())
    assert dialog.person.currentText() == "Ruth Gale-Ó Súilleabháin — Oakfield Primary School"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    ruth = find(setup_view.members, "Ruth Gale-Ó Súilleabháin", 1)
    assert ruth.text(0) == seat and ruth.text(3) == "Votes"
    assert setup_view.members.topLevelItem(0).text(0) == \
        "Education: 3 of 5 seats filled, 2 vacant"
    assert setup_view.saved == ["Added Ruth Gale-Ó Súilleabháin to Education."]


def test_s1_a_full_category_is_refused_with_the_reason_and_nothing_is_written(
        qtbot, setup_view, kent, dump):
    before = dump()
    click_row(qtbot, setup_view.members, find(setup_view.members, "Daniel Okafor", 1))
    qtbot.mouseClick(setup_view.add_member_button, Qt.MouseButton.LeftButton)
    dialog = opened(qtbot, setup_view, AddMemberDialog)
    assert dialog.category.currentData() == "police"
    dialog.person.setFocus()
    qtbot.keyClicks(dialog.person, "Sam")  # type-ahead in the list of people
    assert dialog.person.currentText().startswith("Sam Police")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "All 1 seat(s) in Police are filled" in dialog.error.text()
    assert dump() == before


def test_s1_kent_vice_chair_from_the_chairs_agency_is_refused_with_the_rule_shown(
        qtbot, setup_view, kent, dump):
    ruth = membership.add_person(kent.engine, "Ruth Gale", "Oakfield Primary School")
    membership.add_member(kent.engine, kent.body_id, ruth, "education", start_date=date(2026, 4, 1))
    setup_view.refresh()
    before = dump()
    setup_view.tabs.setCurrentIndex(1)
    click_row(qtbot, setup_view.offices, find(setup_view.offices, "Vice-Chair"))
    qtbot.mouseClick(setup_view.appoint_button, Qt.MouseButton.LeftButton)
    dialog = opened(qtbot, setup_view, AppointOfficeDialog)
    assert dialog.office.currentText() == "Vice-Chair"
    assert "Not from the same agency as the Chair" in dialog.rules.text()
    dialog.person.setFocus()
    qtbot.keyClicks(dialog.person, "Ruth")
    assert dialog.person.currentText() == "Ruth Gale — Oakfield Primary School"
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "must not be from the same agency as the Chair (Oakfield Primary School)" in \
        dialog.error.text()
    assert "Kent LCSP Model Partnership Agreement (June 2008) §10.2-10.3" in dialog.error.text()
    assert dump() == before
    assert find(setup_view.offices, "Vice-Chair").text(1) == "Daniel Okafor"


def test_s1_an_eligible_vice_chair_is_appointed_and_the_previous_term_is_kept(
        qtbot, setup_view, kent):
    setup_view.tabs.setCurrentIndex(1)
    click_row(qtbot, setup_view.offices, find(setup_view.offices, "Vice-Chair"))
    qtbot.mouseClick(setup_view.appoint_button, Qt.MouseButton.LeftButton)
    dialog = opened(qtbot, setup_view, AppointOfficeDialog)
    dialog.person.setFocus()
    qtbot.keyClicks(dialog.person, "Tom")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    vice = find(setup_view.offices, "Vice-Chair")
    assert vice.text(1) == "Tomás Ó Briain"
    assert vice.child(0).text(0) == "Previously" and vice.child(0).text(1) == "Daniel Okafor"


def test_s3_confirming_an_assumed_setting_removes_its_mark(qtbot, setup_view, kent):
    setup_view.tabs.setCurrentIndex(2)
    settings = setup_view.settings
    waiting = rows(settings, 1).count("Assumed — please confirm")
    assert waiting and setup_view.assumed_notice.text().startswith(f"{waiting} settings are")
    item = find(settings, "One person fills every quorum group they belong to")
    assert item.text(1) == "Assumed — please confirm"
    assert item.text(3) == (
        "Kent LCSP Model Partnership Agreement (June 2008) §10.4 (interpretation: the "
        "section counts organisations present)")
    quorum = find(settings, "Quorum")
    assert quorum.text(1) == "From the constitution"
    assert quorum.text(3) == "Kent LCSP Model Partnership Agreement (June 2008) §10.4"
    assert quorum.text(2).startswith("5 of these 7 represented: Chair or Vice Chair")
    click_row(qtbot, settings, item)
    assert setup_view.confirm_button.isEnabled()
    qtbot.mouseClick(setup_view.confirm_button, Qt.MouseButton.LeftButton)
    item = find(settings, "One person fills every quorum group they belong to")
    assert item.text(1) == f"Confirmed {date.today():%d %b %Y}"
    assert settings.currentItem() is item  # the cursor stays where the clerk was
    assert rows(settings, 1).count("Assumed — please confirm") == waiting - 1
    assert not setup_view.confirm_button.isEnabled()
    assert setup_view.saved == ["Setting confirmed: One person fills every quorum group "
                                "they belong to."]


def test_s3_changing_the_quorum_refuses_what_the_rules_cannot_read(
        qtbot, setup_view, kent, dump):
    setup_view.tabs.setCurrentIndex(2)
    click_row(qtbot, setup_view.settings, find(setup_view.settings, "Quorum"))
    qtbot.mouseClick(setup_view.change_button, Qt.MouseButton.LeftButton)
    dialog = opened(qtbot, setup_view, SettingDialog)
    needed = next(w for w in dialog.findChildren(type(dialog.source))
                  if w.accessibleName() == "Fraction of seats")
    before = dump()
    qtbot.keyClicks(needed, "one third")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "'one third' is not a fraction" in dialog.error.text()
    assert dump() == before


def test_s5_casting_vote_changed_by_the_clerk_is_kept_with_its_source(qtbot, setup_view, kent):
    setup_view.tabs.setCurrentIndex(2)
    click_row(qtbot, setup_view.settings, find(setup_view.settings, "Casting vote on a tie"))
    qtbot.keyClick(setup_view.settings, Qt.Key.Key_Return)  # Enter opens the change dialog
    dialog = opened(qtbot, setup_view, SettingDialog)
    value = dialog.form.itemAt(0, dialog.form.ItemRole.FieldRole).widget()
    value.setFocus()
    assert value.currentText() == "The person presiding may give a casting vote, or decline"
    qtbot.keyClick(value, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.source, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.source, "Board minute 12/2026")
    qtbot.keyClick(dialog.source, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    item = find(setup_view.settings, "Casting vote on a tie")
    assert item.text(2) == "The person presiding must give a casting vote"
    assert item.text(3) == "Board minute 12/2026"
    from sqlmodel import Session

    with Session(kent.engine) as session:
        assert constitution.body_rules(session, kent.body_id).votes.casting.value == "required"


def test_s1_named_substitute_and_the_end_of_a_membership(qtbot, setup_view, kent):
    from clerk_app.gui.views.body_setup.dialogs import EndMembershipDialog, NamedSubstituteDialog

    click_row(qtbot, setup_view.members, find(setup_view.members, "Helen Marsh", 1))
    qtbot.mouseClick(setup_view.substitute_button, Qt.MouseButton.LeftButton)
    dialog = opened(qtbot, setup_view, NamedSubstituteDialog)
    dialog.substitute.setFocus()
    qtbot.keyClicks(dialog.substitute, "Grace")
    qtbot.keyClick(dialog.substitute, Qt.Key.Key_Return)
    assert find(setup_view.members, "Helen Marsh", 1).text(4) == "Grace Adebayo"

    click_row(qtbot, setup_view.members, find(setup_view.members, "Peter O'Neill", 1))
    qtbot.mouseClick(setup_view.end_button, Qt.MouseButton.LeftButton)
    dialog = opened(qtbot, setup_view, EndMembershipDialog)
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert find(setup_view.members, "District Council Officer: 1 seat, vacant")
    assert setup_view.saved[-1] == "Peter O'Neill has left District Council Officer."


def test_s4_register_of_interests_keeps_hostile_text_exactly_as_typed(qtbot, setup_view, kent):
    from clerk_app.gui.views.body_setup.dialogs import InterestDialog

    setup_view.tabs.setCurrentIndex(3)
    assert rows(setup_view.interests) == ["No interests registered yet."]
    qtbot.mouseClick(setup_view.interest_button, Qt.MouseButton.LeftButton)
    dialog = opened(qtbot, setup_view, InterestDialog)
    dialog.person.setFocus()
    qtbot.keyClicks(dialog.person, "Tom")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Tab)
    type_text(qtbot, dialog.description, HOSTILE)
    qtbot.keyClick(dialog.description, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.kind, "Pec")
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    item = find(setup_view.interests, "Tomás Ó Briain")
    assert (item.text(1), item.text(2)) == (HOSTILE, "Pecuniary")
    assert body_setup.body_setup(kent.engine, kent.body_id).interests[0].description == HOSTILE


def test_s8_a_new_body_from_a_preset_opens_on_its_set_up(qtbot, engine, db_path):
    from PySide6.QtWidgets import QWizard

    from clerk_app.gui.main_window import MainWindow
    from clerk_app.gui.views.body_setup import SetUpBodyDialog

    win = MainWindow(engine, str(db_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    new_body = next(a for a in win.menus["Body"].actions() if "&new body" in a.text())
    new_body.trigger()
    dialog = win.dialog
    assert isinstance(dialog, SetUpBodyDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    choices = [dialog.start.choice.item(n).text() for n in range(dialog.start.choice.count())]
    dialog.start.choice.setCurrentRow(
        next(n for n, text in enumerate(choices) if text.startswith("Lincolnshire")))
    while dialog.currentPage() is not dialog.summary:
        qtbot.mouseClick(dialog.button(QWizard.WizardButton.NextButton),
                         Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert win.pages.currentWidget() is win.body_setup
    assert win.body_setup.heading.text() == (
        "Lincolnshire Children and Young People's Strategic Partnership")
    assert win.navigator.current().text == "Lincolnshire CYPSP"
    win.body_setup.tabs.setCurrentIndex(2)
    quorum = find(win.body_setup.settings, "Quorum")
    assert quorum.text(1) == "Assumed — please confirm"  # 002 gives no quorum (DOMAIN §3)
    assert quorum.text(2) == ("One third (33%) of the voting seats, rounded up, and not "
                              "fewer than 3")

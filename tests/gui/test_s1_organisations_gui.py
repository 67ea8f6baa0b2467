"""DOMAIN.md §1 Offices, in the window: a person's agency and employer, and a walk-in's
organisation, are chosen from the organisations the record knows (by name, short name
or alias) or added there with their short name and aliases, never typed free; the Kent
LCSP Vice-Chair rule (000 §10.3) then recognises "KCC"."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlmodel import Session, select

from clerk_app.db.tables import Person
from clerk_app.gui.dialogs.walk_in_dialog import WalkInDialog
from clerk_app.gui.views.body_setup import BodySetupView
from clerk_app.gui.views.body_setup.dialogs import AddPersonDialog, AppointOfficeDialog
from clerk_app.gui.widgets.organisation_field import AddOrganisationDialog
from clerk_app.services import membership, organisations, register
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)
from tests.gui.table_support import Clock, drive, open_table, state_of
from tests.gui.test_shell_body_setup import click_row, find, opened


@pytest.fixture
def setup_view(qtbot, kent):
    view = BodySetupView(kent.engine)
    qtbot.addWidget(view)
    view.resize(1076, 720)
    view.show_body(kent.body_id)
    view.show()
    qtbot.waitExposed(view)
    return view


def _person(engine, name: str) -> Person:
    with Session(engine) as session:
        return session.exec(select(Person).where(Person.name == name)).one()


def _new_organisation(qtbot, field) -> AddOrganisationDialog:
    qtbot.mouseClick(field.new_button, Qt.MouseButton.LeftButton)
    dialog = field.dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_s1_a_person_is_given_known_organisations_or_a_new_one_never_free_text(
        qtbot, setup_view, kent, dump):
    qtbot.mouseClick(setup_view.add_person_button, Qt.MouseButton.LeftButton)
    dialog = opened(qtbot, setup_view, AddPersonDialog)
    qtbot.keyClicks(dialog.name, "Ruth Gale")
    qtbot.keyClicks(dialog.agency.combo, "Kent Youth Services")
    before = dump()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text() == (
        "“Kent Youth Services” is not an organisation the record knows (Agency). Choose "
        "one from the list, or add it with “New organisation…”.")
    assert dump() == before

    added = _new_organisation(qtbot, dialog.agency)
    assert added.name.text() == "Kent Youth Services"  # what the clerk had typed
    qtbot.keyClicks(added.short_name, "KYS")
    qtbot.keyClicks(added.aliases, "Youth Services; KYSS")
    qtbot.mouseClick(added.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not added.isVisible())
    assert dialog.agency.combo.currentText() == "Kent Youth Services (KYS)"
    assert organisations.find(kent.engine, "kyss").name == "Kent Youth Services"

    qtbot.keyClicks(dialog.employer.combo, "KCC")  # Kent County Council's short name
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    ruth = _person(kent.engine, "Ruth Gale")
    kcc = organisations.find(kent.engine, "Kent County Council")
    assert (ruth.agency_id, ruth.employer_id) == (
        organisations.find(kent.engine, "KYS").id, kcc.id)


def test_s1_kent_vice_chair_employed_by_kcc_is_refused_in_the_window(
        qtbot, setup_view, kent, dump):
    ruth = membership.add_person(kent.engine, "Ruth Gale", "Weald Academy", "KCC")
    membership.add_member(kent.engine, kent.body_id, ruth, "education",
                          start_date=date(2026, 4, 1))
    setup_view.refresh()
    before = dump()
    setup_view.tabs.setCurrentIndex(1)
    click_row(qtbot, setup_view.offices, find(setup_view.offices, "Vice-Chair"))
    qtbot.mouseClick(setup_view.appoint_button, Qt.MouseButton.LeftButton)
    dialog = opened(qtbot, setup_view, AppointOfficeDialog)
    assert "Not employed by Kent County Council" in dialog.rules.text()
    dialog.person.setFocus()
    qtbot.keyClicks(dialog.person, "Ruth")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "The Vice-Chair must not be employed by Kent County Council; Ruth Gale is." in \
        dialog.error.text()
    assert dump() == before
    assert find(setup_view.offices, "Vice-Chair").text(1) == "Daniel Okafor"


def test_s1_a_new_organisation_answering_to_anothers_name_is_refused_in_the_window(
        qtbot, setup_view, kent, dump):
    qtbot.mouseClick(setup_view.add_person_button, Qt.MouseButton.LeftButton)
    dialog = opened(qtbot, setup_view, AddPersonDialog)
    added = _new_organisation(qtbot, dialog.employer)
    qtbot.keyClicks(added.name, "Kent Children's Services")
    qtbot.keyClicks(added.aliases, "Kent CC")
    before = dump()
    qtbot.mouseClick(added.ok_button, Qt.MouseButton.LeftButton)
    assert added.isVisible() and added.error.isVisible()
    assert added.error.text().startswith("“Kent CC” already names Kent County Council. "
                                         "Choose Kent County Council from the list")
    assert dump() == before


def test_s2_a_walk_in_comes_from_a_known_organisation_typed_by_its_short_name(
        qtbot, kent, monkeypatch):
    clock = Clock(monkeypatch)
    clock.set(9, 45)
    view = open_table(qtbot, kent.engine, kent.meeting())

    def fill(dialog: WalkInDialog) -> None:
        qtbot.keyClicks(dialog.name, "Olu Officer")
        qtbot.keyClicks(dialog.agency.combo, "kcc")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, WalkInDialog, fill)
    qtbot.mouseClick(view.register.walk_in, Qt.MouseButton.LeftButton)
    assert state_of(view, "Olu Officer") == "In attendance"
    olu = _person(kent.engine, "Olu Officer")
    line = register.state(kent.engine, view.meeting_id).line(olu.id)
    assert line.agency == "Kent County Council"


def test_s2_a_walk_in_from_a_new_organisation_adds_it_with_its_short_name(
        qtbot, kent, monkeypatch):
    clock = Clock(monkeypatch)
    clock.set(9, 45)
    view = open_table(qtbot, kent.engine, kent.meeting())

    def fill(dialog: WalkInDialog) -> None:
        qtbot.keyClicks(dialog.name, "Ayo Adviser")
        added = _new_organisation(qtbot, dialog.agency)
        qtbot.keyClicks(added.name, "Kent Fire & Rescue <Service>")
        qtbot.keyClicks(added.short_name, "KFRS")
        qtbot.mouseClick(added.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not added.isVisible())
        assert dialog.agency.combo.currentText() == "Kent Fire & Rescue <Service> (KFRS)"
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, WalkInDialog, fill)
    qtbot.mouseClick(view.register.walk_in, Qt.MouseButton.LeftButton)
    ayo = _person(kent.engine, "Ayo Adviser")
    assert register.state(kent.engine, view.meeting_id).line(ayo.id).agency == \
        "Kent Fire & Rescue <Service>"

"""DOMAIN.md §1 Offices: agencies and employers are organisations, with short names and
aliases, and the office rules compare organisations, not the words typed for them.

Kent LCSP (000 §10.2-10.3): the Vice-Chair is not from the Chair's agency and is not a
KCC employee. Before organisations, an employer typed "KCC" was a different text from
"Kent County Council" and passed the rule.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlmodel import Session, select

from clerk_app.db.migrate import alembic_config, open_database
from clerk_app.db.tables import Organisation, Person
from clerk_app.services import (
    constitution,
    membership,
    organisations,
    presets,
    records,
    register,
    substitutes,
)
from clerk_app.services.constitution import body_rules
from clerk_app.services.errors import ClerkError
from tests.conftest import at

KCC_RULE = ("This appointment breaks the constitution: The Vice-Chair must not be employed "
            "by Kent County Council; Ruth Gale is. "
            "(Kent LCSP Model Partnership Agreement (June 2008) §10.2-10.3)")


def _seated(kent, **person) -> int:
    """A new core member of Kent LCSP (an education seat), from Weald Academy."""
    person_id = membership.add_person(kent.engine, "Ruth Gale", "Weald Academy", **person)
    membership.add_member(kent.engine, kent.body_id, person_id, "education",
                          start_date=date(2026, 4, 1))
    return person_id


def _kcc(kent) -> int:
    return organisations.find(kent.engine, "Kent County Council").id


def test_s1_offices_the_kent_preset_knows_kcc_by_its_short_name_and_aliases(kent):
    kcc = organisations.find(kent.engine, "Kent County Council")
    assert (kcc.short_name, kcc.label) == ("KCC", "Kent County Council (KCC)")
    for typed in ("KCC", " kcc ", "Kent CC", "kent   county council"):
        assert organisations.find(kent.engine, typed) == kcc, typed
    assert organisations.find(kent.engine, "Kent County") is None


@pytest.mark.parametrize("typed", ["KCC", "Kent CC", "kent county  COUNCIL"])
def test_s1_offices_kent_vice_chair_employed_by_kcc_under_any_of_its_names_is_refused(
        kent, dump, typed):
    ruth = _seated(kent, employer=typed)
    before = dump()
    with pytest.raises(ClerkError) as refused:
        membership.appoint_office(kent.engine, kent.body_id, "vice_chair", ruth,
                                  start_date=date(2026, 10, 1))
    assert refused.value.message == KCC_RULE
    assert dump() == before


def test_s1_offices_kent_vice_chair_with_kcc_chosen_as_employer_is_refused(kent, dump):
    ruth = _seated(kent, employer_id=_kcc(kent))
    before = dump()
    with pytest.raises(ClerkError, match="must not be employed by Kent County Council"):
        membership.appoint_office(kent.engine, kent.body_id, "vice_chair", ruth)
    assert dump() == before


def test_s1_offices_representing_kcc_is_not_being_employed_by_it(kent):
    # §10.3 names employees: a member for KCC's youth service employed by a trust passes.
    trust = organisations.add_organisation(kent.engine, "Kent Youth Trust Services")
    ruth = membership.add_person(kent.engine, "Ruth Gale", agency_id=_kcc(kent),
                                 employer_id=trust)
    membership.add_member(kent.engine, kent.body_id, ruth, "education",
                          start_date=date(2026, 4, 1))
    membership.appoint_office(kent.engine, kent.body_id, "vice_chair", ruth,
                              start_date=date(2026, 10, 1))


def test_s1_offices_kent_vice_chair_from_the_chairs_agency_is_refused(kent, dump):
    with Session(kent.engine) as session:
        chairs_agency = session.get(Person, kent.ids["chair"]).agency_id
    # Chosen as an organisation, whatever it was typed as when the Chair was added.
    ruth = membership.add_person(kent.engine, "Ruth Gale", agency_id=chairs_agency,
                                 employer="Kent Youth Trust")
    membership.add_member(kent.engine, kent.body_id, ruth, "education",
                          start_date=date(2026, 4, 1))
    before = dump()
    with pytest.raises(ClerkError) as refused:
        membership.appoint_office(kent.engine, kent.body_id, "vice_chair", ruth)
    assert refused.value.message == (
        "This appointment breaks the constitution: The Vice-Chair must not be from the same "
        "agency as the Chair (Oakfield Primary School). "
        "(Kent LCSP Model Partnership Agreement (June 2008) §10.2-10.3)")
    assert dump() == before


def test_s1_offices_the_kent_rules_name_kcc_as_an_organisation(kent):
    with Session(kent.engine) as session:
        excluded = body_rules(session, kent.body_id).offices["vice_chair"].excluded_employers
    assert {(org.id, org.name) for org in excluded} == {(_kcc(kent), "Kent County Council")}


def test_s1_offices_lincolnshire_is_unaffected(engine):
    body = presets.create_body_from_preset(engine, "lincolnshire-cypsp")
    with Session(engine) as session:
        assert session.exec(select(Organisation)).all() == []  # its rules name none
        rules = body_rules(session, body).offices
    assert all(not office.excluded_employers for office in rules.values())
    dcs = membership.add_person(engine, "Eleanor Whitby", "Lincolnshire County Council",
                                "LCC")
    membership.add_member(engine, body, dcs, "dcs", start_date=date(2026, 4, 1))
    membership.appoint_office(engine, body, "chair", dcs, start_date=date(2026, 4, 1))
    police = membership.add_person(engine, "Owen Pryce", "Lincolnshire Police")
    membership.add_member(engine, body, police, "police", start_date=date(2026, 4, 1))
    with pytest.raises(ClerkError, match=r"The Chair must sit in the Director of Children's "
                                         r"Services \(Chair\) category"):
        membership.appoint_office(engine, body, "chair", police)


# --- The organisations themselves ---------------------------------------------------------


def test_s1_an_organisation_answering_to_anothers_word_is_refused_and_nothing_written(
        kent, dump):
    before = dump()
    for name, short, aliases in (("Kent CC", "", ()), ("Kent Council Services", "kcc", ()),
                                 ("Kent Schools", "KS", ["Kent  County Council"])):
        with pytest.raises(ClerkError) as refused:
            organisations.add_organisation(kent.engine, name, short, aliases)
        assert "already names Kent County Council" in refused.value.message
        assert "Choose Kent County Council from the list" in refused.value.message
    with pytest.raises(ClerkError, match="organisation's name is empty"):
        organisations.add_organisation(kent.engine, "  ", "KYT")
    assert dump() == before


def test_s1_a_new_organisation_is_found_by_each_of_its_names(kent):
    new = organisations.add_organisation(kent.engine, "Kent Fire and Rescue Service", "KFRS",
                                         ["Kent Fire", "  "])
    row = organisations.find(kent.engine, "kent fire")
    assert (row.id, row.name, row.short_name, row.aliases) == (
        new, "Kent Fire and Rescue Service", "KFRS", ("Kent Fire",))
    assert organisations.find(kent.engine, "KFRS").id == new
    assert new in [o.id for o in organisations.list_organisations(kent.engine)]


def test_s1_hostile_organisation_names_are_kept_as_typed(kent):
    name = "NHS <Kent> & Medway — שלום " + "x" * 470  # 497 characters
    with pytest.raises(ClerkError, match="at most 500 are kept"):
        organisations.add_organisation(kent.engine, name + "xxxx", "<b>")
    org = organisations.add_organisation(kent.engine, name, "<b>")
    assert organisations.find(kent.engine, "<B>").name == name
    person = membership.add_person(kent.engine, "Ruth Gale", agency_id=org)
    with Session(kent.engine) as session:
        assert organisations.agency_of(session, session.get(Person, person)) == name


def test_s2_someone_typed_by_short_name_shows_the_organisations_name(kent):
    meeting = kent.meeting()
    guest = register.add_in_attendance(kent.engine, meeting, "Olu Officer", "KCC",
                                       at=at(9, 45))
    assert register.state(kent.engine, meeting).line(guest).agency == "Kent County Council"


def test_s2_a_colleague_from_the_same_organisation_substitutes_however_it_was_typed(kent):
    constitution.change_setting(kent.engine, kent.body_id, "substitutes",
                                "named_or_same_agency")
    meeting = kent.meeting()
    colleague = membership.add_person(kent.engine, "Dee Youth", "kcc")
    choices = {c.person_id: c for c in
               substitutes.substitute_choices(kent.engine, meeting, kent.ids["yos"])}
    assert choices[colleague].same_agency and choices[colleague].agency == "Kent County Council"
    assert not choices[kent.ids["colleague"]].same_agency
    register.add_substitute(kent.engine, meeting, kent.ids["yos"], colleague, at(9, 58))
    assert register.state(kent.engine, meeting).line(colleague).state == "substitute"


# --- Older records ---------------------------------------------------------------------------


def _at_0005(path) -> None:
    """A record as the version before organisations left it (agencies typed as text)."""
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
        connection.execute(text(
            "INSERT INTO person (id, name, agency, employer, role_title, email) VALUES "
            "(1, 'Karen Whitlock', 'Kent County Council', 'Kent County Council', '', ''), "
            "(2, 'Marcus Bell', '  kent county COUNCIL ', 'KCC', '', ''), "
            "(3, 'Ruth Gale', 'Weald Academy', '', '', ''), "
            "(4, 'Guest', '', '', '', ''), "
            "(5, 'NHS <Kent> & Medway שלום', 'NHS <Kent> & Medway', 'NHS <Kent> & Medway', "
            "'', '')"))
    config.attributes.pop("connection", None)
    engine.dispose()


def test_s1_upgrading_a_record_makes_each_typed_agency_one_organisation(tmp_path):
    path = tmp_path / "old.sqlite3"
    _at_0005(path)
    engine = open_database(path)
    with Session(engine) as session:
        orgs = {o.id: o.name for o in session.exec(select(Organisation))}
        people = {p.name: (orgs.get(p.agency_id, ""), orgs.get(p.employer_id, ""))
                  for p in session.exec(select(Person))}
    engine.dispose()
    # The same name ignoring case and spacing is one organisation; "KCC" could only be
    # known as Kent County Council once an organisation says so (the preset's does).
    assert sorted(orgs.values()) == ["KCC", "Kent County Council", "NHS <Kent> & Medway",
                                     "Weald Academy"]
    assert people == {
        "Karen Whitlock": ("Kent County Council", "Kent County Council"),
        "Marcus Bell": ("Kent County Council", "KCC"),
        "Ruth Gale": ("Weald Academy", ""),
        "Guest": ("", ""),
        "NHS <Kent> & Medway שלום": ("NHS <Kent> & Medway", "NHS <Kent> & Medway"),
    }
    with sqlite3.connect(path) as connection:
        columns = [c[1] for c in connection.execute("PRAGMA table_info(person)")]
        assert "agency" not in columns and "employer" not in columns
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_s1_a_record_file_carries_organisations_and_round_trips_them(kent, tmp_path):
    _seated(kent, employer="KCC")
    data = records.export_record(kent.engine, body_id=kent.body_id)
    kcc = next(o for o in data["organizations"] if o["name"] == "Kent County Council")
    assert (kcc["short_name"], kcc["aliases"]) == ("KCC", ["Kent CC", "Kent County Council (KCC)"])
    person = next(p for p in data["persons"] if p["name"] == "Ruth Gale")
    weald = next(o for o in data["organizations"] if o["id"] == person["agency_id"])
    assert weald["name"] == "Weald Academy" and person["employer_id"] == kcc["id"]
    fresh = open_database(tmp_path / "fresh.sqlite3")
    body_id = records.import_record(fresh, data)
    assert records.export_record(fresh, body_id=body_id) == data
    # The rule still bites in the imported record: KCC is still KCC.
    with Session(fresh) as session:
        ruth_there = session.exec(select(Person).where(Person.name == "Ruth Gale")).one()
    with pytest.raises(ClerkError, match="must not be employed by Kent County Council"):
        membership.appoint_office(fresh, body_id, "vice_chair", ruth_there.id)
    fresh.dispose()


def test_s1_an_older_record_file_with_typed_agencies_still_imports(kent, tmp_path):
    kent.meeting()
    data = records.export_record(kent.engine, body_id=kent.body_id)
    entry = data["meetings"][0]["register"][0]
    del entry["remote"], entry["struck_out_at"]  # written before those columns existed
    names = {o["id"]: o["name"] for o in data.pop("organizations")}
    data["format_version"] = 2
    for person in data["persons"]:  # as version 2 wrote them
        person["agency"] = names.get(person.pop("agency_id"), "")
        person["employer"] = names.get(person.pop("employer_id"), "")
    data["persons"][0]["agency"] = "  kent  POLICE"  # typed another way
    fresh = open_database(tmp_path / "fresh.sqlite3")
    body_id = records.import_record(fresh, data)
    again = records.export_record(fresh, body_id=body_id)
    assert again["format_version"] == records.FORMAT_VERSION
    records.validate_record(again)
    by_id = {o["id"]: o["name"] for o in again["organizations"]}
    agencies = {p["name"]: by_id.get(p["agency_id"]) for p in again["persons"]}
    assert agencies["Priya Nair"] == "kent  POLICE" == agencies["Daniel Okafor"]
    assert agencies["Helen Marsh"] == "Oakfield Primary School"
    assert (again["meetings"][0]["register"][0]["remote"],
            again["meetings"][0]["register"][0]["struck_out_at"]) == (False, None)
    fresh.dispose()


def test_s1_a_record_file_naming_one_organisation_twice_is_refused_and_writes_nothing(
        kent, tmp_path):
    data = records.export_record(kent.engine, body_id=kent.body_id)
    police = next(o for o in data["organizations"] if o["name"] == "Kent Police")
    police["aliases"] = ["KCC"]  # Kent County Council's short name
    fresh_path = tmp_path / "fresh.sqlite3"
    fresh = open_database(fresh_path)
    with sqlite3.connect(fresh_path) as connection:
        before = list(connection.iterdump())
    with pytest.raises(ClerkError, match="answers to the same name as another of its "
                                         "organisations, Kent County Council"):
        records.import_record(fresh, data)
    for person in data["persons"]:  # Kent Police is now nobody's agency
        person["agency_id"] = person["employer_id"] = None
    police["aliases"] = []
    with pytest.raises(ClerkError, match=r"organization/\d+ \(Kent Police\) is nobody's agency"):
        records.import_record(fresh, data)
    fresh.dispose()
    with sqlite3.connect(fresh_path) as connection:
        assert list(connection.iterdump()) == before

"""DOMAIN.md §1 Offices: agencies and employers are organisations, with short names and
aliases, and the office rules compare organisations, not the words typed for them.

Kent LCSP (000 §10.2-10.3): the Vice-Chair is not from the Chair's agency and is not a
KCC employee. Before organisations, an employer typed "KCC" was a different text from
"Kent County Council" and passed the rule.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from clerk_app.db.tables import Organisation, Person
from clerk_app.services import constitution, membership, organisations, presets, register
from clerk_app.services.constitution import body_rules
from clerk_app.services.errors import ClerkError
from tests.conftest import at

KCC_RULE = ("This appointment breaks the constitution: The Vice-Chair must not be employed "
            "by Kent County Council; Ruth Gale is. (000 §10.2-10.3)")


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
        "agency as the Chair (Oakfield Primary School). (000 §10.2-10.3)")
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
    with pytest.raises(ClerkError, match="The Chair must sit in the dcs category"):
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
    name = "NHS <Kent> & Medway — שלום " + "x" * 4000
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
               register.substitute_choices(kent.engine, meeting, kent.ids["yos"])}
    assert choices[colleague].same_agency and choices[colleague].agency == "Kent County Council"
    assert not choices[kent.ids["colleague"]].same_agency
    register.add_substitute(kent.engine, meeting, kent.ids["yos"], colleague, at(9, 58))
    assert register.state(kent.engine, meeting).line(colleague).state == "substitute"

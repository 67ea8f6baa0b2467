"""The body set-up's services (DOMAIN.md §1, §8): plain rows, and the edits it makes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clerk_app.services import body_setup, constitution, meetings, membership, presets
from clerk_app.services.errors import ClerkError
from tests.bodies import body_from_preset


def test_s1_body_setup_lists_seats_with_vacancies_and_office_terms(kent):
    setup = body_setup.body_setup(kent.engine, kent.body_id)
    assert (setup.seats, setup.vacancies) == (12, 3)
    education = setup.categories[0]
    assert (education.name, education.filled, education.vacancies) == ("Education", 2, 3)
    assert [s.label for s in education.seat_rows][:2] == ["Early Years setting",
                                                          "Primary headteacher"]
    vice = next(o for o in setup.offices if o.key == "vice_chair")
    assert vice.holder.name == "Daniel Okafor"
    assert vice.source == "Kent LCSP Model Partnership Agreement (June 2008) §10.2-10.3"
    assert "Not employed by Kent County Council" in vice.eligibility


def test_s1_a_member_in_a_labelled_seat_sits_in_that_seat(kent):
    person = membership.add_person(kent.engine, "Ruth Gale", "Weald Academy")
    membership.add_member(kent.engine, kent.body_id, person, "education",
                          seat_label="Special school headteacher")
    seats = body_setup.body_setup(kent.engine, kent.body_id).categories[0].seat_rows
    assert next(s for s in seats if s.label == "Special school headteacher").name == "Ruth Gale"


def test_s1_ending_a_membership_leaves_a_vacancy_and_cannot_precede_its_start(kent, dump):
    setup = body_setup.body_setup(kent.engine, kent.body_id)
    police = next(s for s in setup.members if s.name == "Daniel Okafor")
    before = dump()
    with pytest.raises(ClerkError, match="cannot end before"):
        membership.end_membership(kent.engine, police.membership_id, date(2026, 3, 1))
    assert dump() == before
    membership.end_membership(kent.engine, police.membership_id, date(2026, 12, 31))
    assert body_setup.body_setup(kent.engine, kent.body_id).vacancies == 4
    with pytest.raises(ClerkError, match="already ended"):
        membership.end_membership(kent.engine, police.membership_id)


def test_s1_named_substitute_is_set_and_cleared_but_never_the_member(kent):
    setup = body_setup.body_setup(kent.engine, kent.body_id)
    chair = next(s for s in setup.members if s.name == "Helen Marsh")
    with pytest.raises(ClerkError, match="own named substitute"):
        membership.set_named_substitute(kent.engine, chair.membership_id, chair.person_id)
    membership.set_named_substitute(kent.engine, chair.membership_id, kent.ids["edu2"])
    assert next(s for s in body_setup.body_setup(kent.engine, kent.body_id).members
                if s.name == "Helen Marsh").named_substitute == "Grace Adebayo"
    membership.set_named_substitute(kent.engine, chair.membership_id, None)
    assert next(s for s in body_setup.body_setup(kent.engine, kent.body_id).members
                if s.name == "Helen Marsh").named_substitute == ""


def test_s3_a_quorum_the_rules_cannot_read_is_refused_in_words(kent, dump):
    value = next(s for s in body_setup.body_setup(kent.engine, kent.body_id).settings
                 if s.key == "quorum").value
    before = dump()
    with pytest.raises(ClerkError, match="groups needed must be between 1 and 7"):
        constitution.change_setting(kent.engine, kent.body_id, "quorum",
                                    {**value, "groups_needed": 9})
    assert dump() == before


def test_s3_settings_read_in_words_with_their_assumed_mark(engine):
    body_id = presets.create_body_from_preset(engine, "lincolnshire-cypsp")
    quorum = next(s for s in body_setup.body_setup(engine, body_id).settings if s.key == "quorum")
    assert quorum.needs_confirming
    assert quorum.text == "One third (33%) of the voting seats, rounded up, and not fewer than 3"
    constitution.confirm_setting(engine, body_id, "quorum")
    quorum = next(s for s in body_setup.body_setup(engine, body_id).settings if s.key == "quorum")
    assert not quorum.needs_confirming and quorum.assumed


def test_s8_the_same_preset_can_make_several_bodies_each_named_by_the_clerk(engine):
    first = body_from_preset(engine, "kent-lcsp")
    second = body_from_preset(engine, "kent-lcsp", "Kent LCSP — Swale")
    rows = {r.body_id: r for r in body_setup.body_rows(engine)}
    assert (rows[first].key, rows[first].short_name) == ("kent-lcsp", "Kent LCSP")
    assert (rows[second].key, rows[second].name, rows[second].short_name) == (
        "kent-lcsp-2", "Kent LCSP — Swale", "")
    with pytest.raises(ClerkError, match="body name is empty"):
        body_from_preset(engine, "kent-lcsp", "   ")


def test_s1_each_person_is_shown_with_their_agency_and_employer_by_name(engine):
    body_id = body_from_preset(engine, "kent-lcsp")
    seconded = membership.add_person(engine, "Ama Mensah", "Kent Police", "Kent County Council")
    own = membership.add_person(engine, "Li Wei", "Kent Police")
    unattached = membership.add_person(engine, "Noor Haddad")
    people = {p.person_id: p for p in body_setup.body_setup(engine, body_id).people}
    assert (people[seconded].agency, people[seconded].employer) == (
        "Kent Police", "Kent County Council")
    assert (people[own].agency, people[own].employer) == ("Kent Police", "Kent Police")
    assert (people[unattached].agency, people[unattached].employer) == ("", "")


def test_s8_the_list_reads_every_bodys_meetings_at_once_in_the_order_of_each_body(engine):
    first = body_from_preset(engine, "kent-lcsp")
    second = body_from_preset(engine, "kent-lcsp", "Kent LCSP — Swale")
    quiet = body_from_preset(engine, "cumbria-cypb")
    today = date.today()
    for body_id, days in ((first, (-400, 30, -10, 3)), (second, (-5, 60, 0))):
        for offset in days:
            meetings.create_meeting(engine, body_id, today + timedelta(days=offset))
    listed = meetings.meetings_by_body(engine)
    assert set(listed) == {first, second}  # a body with no meetings has no entry
    for body_id in (first, second):
        assert [(m.id, m.date, m.status, m.minutes_status) for m in listed[body_id]] == [
            (m.id, m.date, m.status, m.minutes_status)
            for m in meetings.meetings_of(engine, body_id)]
    assert [m.date - today for m in listed[first]] == [
        timedelta(days=d) for d in (3, 30, -10, -400)]  # upcoming soonest first, then past
    assert quiet not in listed

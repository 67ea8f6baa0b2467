"""Changing an existing body's design (issue 14, item 2): seat categories, quorum groups and
offices, each change audited and read back by the rules; each refusal says what to do and
writes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.services import body_design, body_setup, membership, presets, register
from clerk_app.services.body_design import CategoryDesign, GroupDesign, OfficeDesign
from clerk_app.services.errors import ClerkError
from tests.conftest import at

HOSTILE = "<b>Ó Briain & Co</b> — شركة الأمل"


@pytest.fixture
def lincs(engine):
    return presets.create_body_from_preset(engine, "lincolnshire-cypsp")


def refused(dump, action, *words):
    before = dump()
    with pytest.raises(ClerkError) as error:
        action()
    for word in words:
        assert word in error.value.message, error.value.message
    assert dump() == before
    return error.value.message


def test_a_category_is_added_changed_and_moved(engine, lincs):
    key = body_design.add_category(engine, lincs, CategoryDesign(
        "Youth Council", 2, ("Young person", ""), voting=True, core=False,
        source="Terms of reference 2024 §3"))
    setup = body_setup.body_setup(engine, lincs)
    added = setup.categories[-1]
    assert (key, added.name, added.seats, added.core) == ("youth_council", "Youth Council", 2,
                                                           False)
    assert [s.label for s in added.seat_rows] == ["Young person", ""]
    assert added.source == "Terms of reference 2024 §3"  # as the clerk typed it
    assert setup.seats == 30 + 2

    body_design.change_category(engine, lincs, key, CategoryDesign(
        "Youth Council", 3, voting=False, core=False))
    body_design.move_category(engine, lincs, key, -1)
    setup = body_setup.body_setup(engine, lincs)
    moved = setup.categories[-2]
    assert (moved.key, moved.seats, moved.voting) == (key, 3, False)
    assert body_design.add_category(engine, lincs, CategoryDesign("Youth council!")) == \
        "youth_council_2"


def test_fewer_seats_than_members_and_removals_are_refused(engine, lincs, dump):
    people = [membership.add_person(engine, name) for name in ("Ann Lee", "Bo Chan")]
    for person in people:
        membership.add_member(engine, lincs, person, "schools")
    refused(dump, lambda: body_design.change_category(
        engine, lincs, "schools", CategoryDesign("Schools", 1)),
        "2 members now hold seats in Schools", "End a membership")
    refused(dump, lambda: body_design.remove_category(engine, lincs, "schools"),
            "Members hold seats in Schools")
    refused(dump, lambda: body_design.remove_category(engine, lincs, "dcs"),
            "Chair", "Offices tab")
    refused(dump, lambda: body_design.move_category(engine, lincs, "dcs", -1),
            "already first")
    body_design.remove_category(engine, lincs, "economic_development")
    keys = [c.key for c in body_setup.body_setup(engine, lincs).categories]
    assert "economic_development" not in keys and len(keys) == 14


def test_a_category_a_quorum_group_counts_cannot_be_removed(kent, dump):
    empty = presets.create_body_from_preset(kent.engine, "kent-lcsp", key="kent-empty")
    refused(dump, lambda: body_design.remove_category(kent.engine, empty, "police"),
            "The quorum group(s) Police count Police", "Quorum groups tab")
    membership.end_membership(kent.engine, _membership_of(kent, "manager"), date(2026, 6, 1))
    refused(dump, lambda: body_design.remove_category(
        kent.engine, kent.body_id, "lcsp_manager"), "People have held seats in", "0 seats")


def _membership_of(kent, key):
    setup = body_setup.body_setup(kent.engine, kent.body_id)
    return next(s.membership_id for s in setup.members if s.person_id == kent.ids[key])


def test_an_added_quorum_group_counts_in_the_live_quorum(kent, dump):
    key = body_design.add_quorum_group(kent.engine, kent.body_id, GroupDesign(
        "Children's Social Services", categories=("children_social_services",)))
    setup = body_setup.body_setup(kent.engine, kent.body_id)
    assert [g.label for g in setup.groups][-1] == "Children's Social Services"
    assert setup.groups_needed == 5
    meeting = kent.meeting()
    register.arrive(kent.engine, meeting, kent.ids["social"], at(9, 55))
    fills = {g.key: g.filled_by for g in register.state(kent.engine, meeting).quorum.groups}
    assert fills[key] == ("Karen Whitlock",)
    assert len(fills) == 8

    refused(dump, lambda: body_design.remove_category(
        kent.engine, kent.body_id, "children_social_services"), "hold seats")
    refused(dump, lambda: body_design.add_quorum_group(
        kent.engine, kent.body_id, GroupDesign("Nobody")), "tick at least one")
    body_design.change_quorum_group(kent.engine, kent.body_id, key, GroupDesign(
        "Social care", categories=("children_social_services",), offices=("chair",)))
    assert body_setup.body_setup(kent.engine, kent.body_id).groups[-1].filled_by == \
        "Children's Social Services or the Chair"


def test_a_group_the_quorum_needs_cannot_go_below_the_number_needed(kent, dump):
    for key in ("education", "police"):
        body_design.remove_quorum_group(kent.engine, kent.body_id, key, False)
    setup = body_setup.body_setup(kent.engine, kent.body_id)
    assert (len(setup.groups), setup.groups_needed) == (5, 5)
    refused(dump, lambda: body_design.remove_quorum_group(
        kent.engine, kent.body_id, "health", False),
        "needs 5 of the 5 groups", "lower the number of groups needed")


def test_an_office_with_eligibility_refuses_an_ineligible_appointment(kent, dump):
    key = body_design.add_office(kent.engine, kent.body_id, OfficeDesign(
        "Safeguarding Lead", 24, only_categories=("police", "health"), core_member_only=True,
        not_same_agency_as=("chair",), excluded_employers=("Kent County Council",),
        source="Board decision, 3 March 2026"))
    office = next(o for o in body_setup.body_setup(kent.engine, kent.body_id).offices
                  if o.key == key)
    assert office.term_months == 24 and "A core member" in office.eligibility
    message = refused(dump, lambda: membership.appoint_office(
        kent.engine, kent.body_id, key, kent.ids["yos"], date(2026, 5, 1)),
        "Board decision, 3 March 2026")
    assert "Kent County Council" in message
    membership.appoint_office(kent.engine, kent.body_id, key, kent.ids["health"],
                              date(2026, 5, 1))
    refused(dump, lambda: body_design.remove_office(kent.engine, kent.body_id, key),
            "holds the office of Safeguarding Lead now")
    refused(dump, lambda: body_design.remove_office(kent.engine, kent.body_id, "chair"),
            "holds the office of Chair")


def test_offices_named_chair_get_the_keys_the_rules_know(engine, lincs, dump):
    body_design.remove_office(engine, lincs, "vice_chair")
    assert body_design.add_office(engine, lincs, OfficeDesign("Vice-Chair", 12)) == \
        "vice_chair"
    assert body_design.add_office(engine, lincs, OfficeDesign("Vice Chair")) == "vice_chair_2"
    refused(dump, lambda: body_design.add_office(engine, lincs, OfficeDesign(
        "Treasurer", excluded_employers=("Nowhere Ltd",))), "Nowhere Ltd is not")


def test_office_breaches_cite_the_document_by_title(kent):
    with pytest.raises(ClerkError) as error:
        membership.appoint_office(kent.engine, kent.body_id, "vice_chair", kent.ids["social"])
    assert "Kent LCSP Model Partnership Agreement (June 2008) §10.2-10.3" in error.value.message
    assert "000" not in error.value.message


def test_sources_in_the_set_up_read_as_documents(engine, lincs):
    setup = body_setup.body_setup(engine, lincs)
    assert setup.categories[0].source.startswith("Lincolnshire CYPSP Governance")
    assert all("002" not in s.source and "002" not in s.note for s in setup.settings)
    assert all("002" not in o.source for o in setup.offices)


def test_hostile_names_are_stored_exactly(engine, lincs, dump):
    long_name = "Ω" * 500
    key = body_design.add_category(engine, lincs, CategoryDesign(HOSTILE, 1))
    assert body_setup.body_setup(engine, lincs).category(key).name == HOSTILE
    office = body_design.add_office(engine, lincs, OfficeDesign(long_name))
    assert office == "office"
    names = [o.name for o in body_setup.body_setup(engine, lincs).offices]
    assert long_name in names
    body_design.add_quorum_group(engine, lincs, GroupDesign(HOSTILE, categories=(key,)))
    assert body_setup.body_setup(engine, lincs).groups[-1].label == HOSTILE
    refused(dump, lambda: body_design.add_category(engine, lincs, CategoryDesign(
        long_name + "x")), "at most 500")


def test_the_last_group_goes_only_if_another_form_of_quorum_remains(kent, dump):
    from clerk_app.services import constitution

    only = {"head_count": 0, "fraction": "", "groups_needed": 1,
            "groups": [{"key": "police", "label": "Police", "categories": ["police"],
                        "offices": []}]}
    constitution.change_setting(kent.engine, kent.body_id, "quorum", only, "000 §10.4")
    refused(dump, lambda: body_design.remove_quorum_group(
        kent.engine, kent.body_id, "police", False), "no quorum rule", "head count")
    constitution.change_setting(kent.engine, kent.body_id, "quorum",
                                {**only, "head_count": 4}, "000 §10.4")
    body_design.remove_quorum_group(kent.engine, kent.body_id, "police", False)
    setup = body_setup.body_setup(kent.engine, kent.body_id)
    assert (setup.groups, setup.groups_needed) == ((), 0)
    quorum = next(s for s in setup.settings if s.key == "quorum")
    assert "at least 4 voting members present" in quorum.text.casefold()

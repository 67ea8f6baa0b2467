"""DOMAIN.md §1 and §8: a refusal cites the rule of *this* body that it applies — its own
document and section, or "assumed — please confirm" where its constitution is silent —
never another body's document. Each refusal writes nothing."""

from __future__ import annotations

from datetime import date, time

import pytest

from clerk_app.services import meetings, membership, presets, register
from clerk_app.services.errors import ClerkError
from tests.conftest import MEETING_DAY, at

PRESETS = sorted(presets.preset_files())
# What each body's substitutes rule is, as the clerk reads it (from its preset file).
CITED = {
    "kent-lcsp": "Kent LCSP Model Partnership Agreement (June 2008) Partner Agency "
                 "Agreement item 10",
    "kent-ct": "Kent Children's Trust Governance Framework §4.7",
    "lincolnshire-cypsp": "Lincolnshire CYPSP Governance Arrangements and Terms of "
                          "Reference 2013/15 §4.2",
    "kent-ct-county-board": "assumed — please confirm",
    "cumbria-cypb": "assumed — please confirm",
}


def refused(dump, action) -> str:
    before = dump()
    with pytest.raises(ClerkError) as error:
        action()
    assert dump() == before
    return error.value.message


def _body_with_a_member(engine, preset: str) -> tuple[int, int, int]:
    """(meeting, member, stranger from another agency) at a body made from the preset."""
    body = presets.create_body_from_preset(engine, preset)
    category = presets.preset_draft(preset)["categories"][0]["key"]
    member = membership.add_person(engine, "Ruth Akinola", "Riverside Council")
    membership.add_member(engine, body, member, category, start_date=date(2026, 4, 1))
    stranger = membership.add_person(engine, "Colin Strange", "Hilltop Trust")
    meeting = meetings.create_meeting(engine, body, MEETING_DAY, time(10, 0), "Hall",
                                      ["Plan"])
    return meeting, member, stranger


@pytest.mark.parametrize("preset", PRESETS)
def test_s1_a_refused_substitute_cites_this_bodys_own_rule(engine, dump, preset):
    meeting, member, stranger = _body_with_a_member(engine, preset)
    message = refused(dump, lambda: register.add_substitute(engine, meeting, member,
                                                            stranger, at(9, 58)))
    assert message.startswith("Colin Strange cannot substitute for Ruth Akinola: only ")
    assert f"in their place ({CITED[preset]})." in message
    for foreign in ("002 §4.2", "agreement item 10", "000", "002"):
        assert foreign not in message


def test_s1_kent_childrens_trust_cites_001_s4_7_and_allows_a_colleague(engine, dump):
    meeting, member, stranger = _body_with_a_member(engine, "kent-ct")
    message = refused(dump, lambda: register.add_substitute(engine, meeting, member,
                                                            stranger, at(9, 58)))
    assert ("only the member's named substitute or a colleague from the same agency may "
            "attend in their place (Kent Children's Trust Governance Framework §4.7)"
            ) in message


def test_s1_cumbria_says_its_substitutes_rule_is_assumed(engine, dump):
    meeting, member, stranger = _body_with_a_member(engine, "cumbria-cypb")
    message = refused(dump, lambda: register.add_substitute(engine, meeting, member,
                                                            stranger, at(9, 58)))
    assert ("only the member's named substitute may attend in their place (assumed — "
            "please confirm)") in message


def test_s1_once_the_clerk_confirms_the_assumed_rule_the_refusal_cites_its_source(
        engine, dump):
    from sqlmodel import Session

    from clerk_app.db.tables import Meeting
    from clerk_app.services import constitution

    meeting, member, stranger = _body_with_a_member(engine, "kent-ct-county-board")
    with Session(engine) as session:
        body = session.get(Meeting, meeting).body_id
    constitution.confirm_setting(engine, body, "substitutes")
    message = refused(dump, lambda: register.add_substitute(engine, meeting, member,
                                                            stranger, at(9, 58)))
    assert ("(practice: as the KCT governance framework, Kent Children's Trust Governance "
            "Framework §4.7)") in message


def test_s1_an_office_refusal_cites_the_office_of_this_body(engine, dump):
    body = presets.create_body_from_preset(engine, "kent-lcsp")
    officer = membership.add_person(engine, "Kay Sea", "Kent County Council")
    membership.add_member(engine, body, officer, "children_social_services",
                          start_date=date(2026, 4, 1))
    message = refused(dump, lambda: membership.appoint_office(
        engine, body, "vice_chair", officer, start_date=date(2026, 5, 1)))
    assert message.startswith("This appointment breaks the constitution: ")
    assert "(Kent LCSP Model Partnership Agreement (June 2008) §10.2-10.3)" in message


def test_s1_an_assumed_offices_rule_is_cited_as_assumed(engine, dump):
    # Cumbria's Vice-Chair is assumed (004 says nothing of one); a rule the clerk has not
    # confirmed is cited as assumed, not as a document.
    draft = presets.preset_draft("cumbria-cypb")
    vice = next(o for o in draft["offices"] if o["key"] == "vice_chair")
    vice["only_categories"] = ["police"]
    body = presets.create_body_from_draft(engine, draft, key="cumbria-test")
    member = membership.add_person(engine, "Ruth Akinola", "Riverside Council")
    membership.add_member(engine, body, member, "health", start_date=date(2026, 4, 1))
    message = refused(dump, lambda: membership.appoint_office(
        engine, body, "vice_chair", member, start_date=date(2026, 5, 1)))
    assert message.endswith("(assumed — please confirm)")

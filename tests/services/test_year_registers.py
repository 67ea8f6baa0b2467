"""The register of interests beside the declarations (DOMAIN.md §4), the membership list
with vacancies and offices (§1, 000 §9.3) and the annual report pack (§4, §5, §7)."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.rules.voting import Tally
from clerk_app.services import decisions, interests, meetings, register
from clerk_app.services.errors import ClerkError
from clerk_app.services.interests import end_interest, interests_register
from clerk_app.services.meetings import ItemSpec
from clerk_app.services.reports import annual_report, membership_list
from tests.conftest import at


def test_s4_register_shows_standing_interests_with_declarations_beside_them(kent):
    vcs = kent.ids["vcs"]
    trustee = interests.register_interest(kent.engine, kent.body_id, vcs,
                                          "Trustee, Kent Youth Trust", "non_pecuniary",
                                          date(2026, 4, 1))
    contracts = interests.register_interest(kent.engine, kent.body_id, vcs,
                                            "Youth service provider contracts", "pecuniary",
                                            date(2026, 4, 1))
    end_interest(kent.engine, contracts, date(2026, 10, 31))
    m = kent.meeting()
    for n, key in enumerate(["chair", "police", "yos", "health", "district", "vcs"]):
        register.arrive(kent.engine, m, kent.ids[key], at(9, 50 + n))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 5))
    decisions.declare_interest(kent.engine, kent.items[5], vcs, "pecuniary",
                               "Trustee of a bidder", at=at(10, 6))
    listing = interests_register(kent.engine, kent.body_id, on=date(2026, 11, 23))
    tomas = next(x for x in listing.members if x.name == "Tomás Ó Briain")
    assert [(i.interest_id, i.to_date) for i in tomas.interests] == [
        (trustee, None), (contracts, date(2026, 10, 31))]  # current first, ended kept
    assert [(d.item_words, d.effect_words, d.kind_words) for d in tomas.declarations] == [
        ("Item 5: Youth contract", "Withdrew", "Pecuniary")]
    assert tomas.seat == "Voluntary and Community Sector"
    # Every member is on the register, with or without interests.
    assert len(listing.members) == len(kent.SEATS)
    with pytest.raises(ClerkError, match="cannot end before"):
        end_interest(kent.engine, trustee, date(2026, 3, 1))


def test_s1_membership_list_shows_vacancies_substitutes_and_offices(kent):
    listing = membership_list(kent.engine, kent.body_id, on=date(2026, 11, 23))
    education = [s for s in listing.seats if s.category == "Education"]
    # Kent LCSP education has five seats (000 §9.3); the test record fills two.
    assert len(education) == 5 and sum(s.vacant for s in education) == 3
    assert [s.seat_label for s in education][:2] == ["Early Years setting",
                                                     "Primary headteacher"]
    police = next(s for s in listing.seats if s.category == "Police")
    assert (police.holder, police.substitute, police.seat_label) == (
        "Daniel Okafor", "Priya Nair", "Police Inspector")
    manager = next(s for s in listing.seats if s.category == "LCSP Manager")
    assert not manager.voting and not manager.core  # 000 §9.3
    offices = {o.office: o for o in listing.offices}
    assert offices["Chair"].holder == "Helen Marsh"
    assert offices["Chair"].term_words == "since 1 April 2026, 12-month term"
    assert listing.vacancies == 3


def test_s5_annual_report_gathers_decisions_and_declarations_leaving_exempt_out(kent):
    m = kent.meeting(date(2026, 9, 15), items=(
        ItemSpec("Early help plan"),
        ItemSpec("Staffing", exempt=True, exempt_reason="Information about individuals"),
    ))
    for n, key in enumerate(["chair", "police", "yos", "health", "district", "vcs"]):
        register.arrive(kent.engine, m, kent.ids[key], at(9, 50 + n))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 1))
    decisions.record_vote(kent.engine, kent.items[4], "the plan be approved", Tally(5, 1, 0),
                          at=at(10, 20))
    decisions.record_decision(kent.engine, kent.items[4], "noted", "Members noted the risks.",
                              at=at(10, 21))
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 30), public_excluded=True)
    decisions.declare_interest(kent.engine, kent.items[5], kent.ids["vcs"], "non_pecuniary",
                               "Volunteer at a provider", at=at(10, 31))
    decisions.record_decision(kent.engine, kent.items[5], "consensus", "the restructure proceed",
                              at=at(10, 40))
    meetings.close_meeting(kent.engine, m, at(11, 0))
    report = annual_report(kent.engine, kent.body_id, 2026, today=date(2026, 11, 23))
    # Noted is not a decision; the exempt item's resolution stays in the confidential annex.
    assert [d.words for d in report.decisions] == [
        "Motion: that the plan be approved. For 5, Against 1, Abstentions 0. The motion was "
        "carried."]
    assert report.exempt_left_out == 1
    assert [(d.name, d.item_words) for d in report.declarations] == [
        ("Tomás Ó Briain", "Item 5 (exempt)")]
    assert report.attendance.held == 1

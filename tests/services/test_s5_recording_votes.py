"""DOMAIN.md §4-§5 through the recording service, on the Kent LCSP preset (000)."""

from __future__ import annotations

import pytest

from clerk_app.rules.voting import Tally
from clerk_app.services import decisions, elections, meetings, register
from clerk_app.services.errors import ClerkError
from tests.conftest import at
from tests.services.test_s2_register import arrive_all, refused


@pytest.fixture
def sitting(kent):
    """A Kent meeting in progress at item 4 with seven voting members present."""
    m = kent.meeting()
    arrive_all(kent, m, "chair", "edu2", "police", "yos", "health", "district", "vcs",
               "manager")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    return m


def test_s5_vote_exceeding_the_eligible_voters_is_refused(kent, sitting, dump):
    refused(dump, lambda: decisions.record_vote(kent.engine, kent.items[4], "approve",
                                                Tally(5, 3, 0), at=at(10, 20)),
            "only 7")


def test_s5_negative_count_is_refused(kent, sitting, dump):
    refused(dump, lambda: decisions.record_vote(kent.engine, kent.items[4], "approve",
                                                Tally(-1, 3, 0), at=at(10, 20)))


def test_s5_named_vote_by_a_withdrawn_member_is_refused(kent, sitting, dump):
    decisions.declare_interest(kent.engine, kent.items[4], kent.ids["vcs"], "pecuniary",
                               "trustee of a bidder", at=at(10, 6))
    refused(dump, lambda: decisions.record_vote(
        kent.engine, kent.items[4], "approve",
        positions={kent.ids["vcs"]: "for", kent.ids["chair"]: "for"}, at=at(10, 20)),
        "Tomás Ó Briain")


def test_s5_named_vote_by_a_non_voting_manager_is_refused(kent, sitting, dump):
    refused(dump, lambda: decisions.record_vote(
        kent.engine, kent.items[4], "approve", positions={kent.ids["manager"]: "for"},
        at=at(10, 20)), "Joanna Fairweather")


def test_s5_casting_vote_without_a_tie_is_refused(kent, sitting, dump):
    refused(dump, lambda: decisions.record_vote(kent.engine, kent.items[4], "approve",
                                                Tally(4, 2, 1), casting="for", at=at(10, 20)),
            "no tie")


def test_s5_tie_waits_for_the_casting_vote(kent, sitting, dump):
    refused(dump, lambda: decisions.record_vote(kent.engine, kent.items[4], "approve",
                                                Tally(3, 3, 1), at=at(10, 20)),
            "tied", "casting vote")


def test_s5_declined_casting_vote_means_not_carried(kent, sitting):
    recorded = decisions.record_vote(kent.engine, kent.items[4], "approve", Tally(3, 3, 1),
                                     casting="declined", at=at(10, 20))
    assert recorded.result.carried is False
    assert "declined" in recorded.result.sentence


def test_s5_vice_chair_presides_and_casts_when_the_chair_withdraws(kent, sitting):
    decisions.declare_interest(kent.engine, kent.items[4], kent.ids["chair"], "pecuniary",
                               "spouse employed by a bidder", at=at(10, 6))
    state = register.state(kent.engine, sitting)
    assert state.presiding.person_id == kent.ids["police"]
    assert kent.ids["chair"] not in state.eligibility.eligible_ids
    # 2-2 with one abstention among the six who may vote; the Vice-Chair casts for.
    recorded = decisions.record_vote(kent.engine, kent.items[4], "approve", Tally(2, 2, 1),
                                     casting="for", at=at(10, 20),
                                     did_not_vote_confirmed=True)
    assert recorded.result.carried is True
    assert recorded.result.sentence.startswith("For 2, Against 2, Abstentions 1; 1 did not "
                                               "vote.")
    assert "The Vice-Chair used the casting vote for the motion" in recorded.result.sentence


def test_s3_withdrawal_that_breaks_quorum_then_no_resolution_without_reason(kent, dump):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "police", "yos", "health")  # 5 groups: the Chair fills two
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    before, after = register.quorum_if(kent.engine, m, kent.ids["health"], "withdraw")
    assert before.quorate and not after.quorate
    decisions.declare_interest(kent.engine, kent.items[4], kent.ids["health"], "pecuniary",
                               "Director of a bidder", at=at(10, 6))
    assert not register.state(kent.engine, m).quorum.quorate
    refused(dump, lambda: decisions.record_decision(kent.engine, kent.items[4], "consensus",
                                                    "approve", at=at(10, 20)),
            "not quorate", "reason")
    decisions.record_decision(kent.engine, kent.items[4], "deferred", at=at(10, 21))
    decisions.record_decision(kent.engine, kent.items[4], "consensus", "approve",
                              inquorate_reason="urgent: grant deadline tomorrow",
                              at=at(10, 22))
    summary = meetings.meeting_summary(kent.engine, m)
    assert "The meeting became inquorate at 10:06." in summary.quorum_events


def test_s4_silent_member_stays_but_may_not_vote(kent, sitting):
    decisions.declare_interest(kent.engine, kent.items[4], kent.ids["health"], "other",
                               "Partner works for a bidder", effect="silent", at=at(10, 6))
    state = register.state(kent.engine, sitting)
    assert kent.ids["health"] not in state.eligibility.eligible_ids
    assert "Siân Pritchard" in state.quorum.counting


def test_s4_dispensation_lets_the_member_take_part(kent, sitting):
    decisions.declare_interest(kent.engine, kent.items[4], kent.ids["vcs"], "pecuniary",
                               "Trustee of a bidder", dispensation_by="Monitoring Officer",
                               at=at(10, 6))
    state = register.state(kent.engine, sitting)
    assert kent.ids["vcs"] in state.eligibility.eligible_ids


def test_s5_recorded_vote_lists_every_member_present(kent, sitting):
    positions = {kent.ids["chair"]: "for", kent.ids["edu2"]: "for",
                 kent.ids["police"]: "against", kent.ids["yos"]: "abstained"}
    recorded = decisions.record_vote(kent.engine, kent.items[4], "approve",
                                     positions=positions, at=at(10, 20))
    from clerk_app.services import records

    vote = records.export_record(kent.engine, [sitting])["meetings"][0]["decisions"][0]
    options = sorted(v["position"] for v in vote["vote_event"]["votes"])
    # 7 voting members present + the non-voting manager + 1 absent (social services)
    assert options.count("did_not_vote") == 3
    assert options.count("not_entitled") == 1 and options.count("absent") == 1
    assert recorded.result.carried is True


def test_s5_show_of_hands_turned_into_a_recorded_vote(kent, sitting):
    recorded = decisions.record_vote(kent.engine, kent.items[4], "approve", Tally(4, 2, 1),
                                     at=at(10, 20))
    named = {kent.ids[k]: "for" for k in ("chair", "edu2", "police", "yos")}
    named |= {kent.ids["health"]: "against", kent.ids["district"]: "against",
              kent.ids["vcs"]: "abstained"}
    result = decisions.make_vote_recorded(kent.engine, recorded.vote_id, named)
    assert (result.tally.for_, result.tally.against, result.tally.abstained) == (4, 2, 1)


def test_s5_election_tie_by_lot_when_the_person_presiding_has_no_vote(kent):
    """The first meeting is opened by the LCSP Manager, who does not vote (000 §9.3)."""
    from sqlmodel import Session, delete

    from clerk_app.db.tables import OfficeTerm

    with Session(kent.engine) as session:  # no Chair or Vice-Chair yet
        session.exec(delete(OfficeTerm))
        session.commit()
    m = kent.meeting(items=[meetings.ItemSpec("Election of Chair", kind="election")])
    arrive_all(kent, m, "chair", "edu2", "police", "yos", "health", "district", "manager")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    item = kent.items[4]
    with Session(kent.engine) as session:
        from clerk_app.db.tables import AgendaItem

        row = session.get(AgendaItem, item)
        row.presiding_person_id = kent.ids["manager"]
        session.add(row)
        session.commit()
    meetings.start_item(kent.engine, m, item, at(10, 5))
    with pytest.raises(ClerkError, match="lot"):
        elections.record_election(kent.engine, item, "Chair",
                                  {"Helen Marsh": 3, "Daniel Okafor": 3}, at=at(10, 10))
    result = elections.record_election(kent.engine, item, "Chair",
                                       {"Helen Marsh": 3, "Daniel Okafor": 3},
                                       lot_winner="Daniel Okafor", at=at(10, 10),
                                       did_not_vote_confirmed=True)
    assert result.winner == "Daniel Okafor" and result.method == "lot"


def test_s6_approved_minutes_lock_the_record(kent, dump):
    from sqlmodel import Session

    from clerk_app.db.tables import Meeting

    m = kent.meeting()
    with Session(kent.engine) as session:
        row = session.get(Meeting, m)
        row.minutes_status = "approved"
        session.add(row)
        session.commit()
    refused(dump, lambda: register.arrive(kent.engine, m, kent.ids["chair"], at(10, 0)),
            "approved", "locked")


def test_s5_members_choose_who_presides_when_chair_and_vice_are_away(kent, dump):
    m = kent.meeting()
    arrive_all(kent, m, "edu2", "yos", "health", "district", "vcs", "manager")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    assert register.state(kent.engine, m).presiding.person_id is None
    refused(dump, lambda: meetings.choose_presiding(kent.engine, kent.items[4],
                                                    kent.ids["chair"]))  # not in the room
    meetings.choose_presiding(kent.engine, kent.items[4], kent.ids["district"])
    assert register.state(kent.engine, m).presiding.person_id == kent.ids["district"]


def test_s4_item_mentioning_a_registered_interest_prompts_the_clerk(kent):
    from clerk_app.services import interests

    interests.register_interest(kent.engine, kent.body_id, kent.ids["vcs"],
                                "Trustee, Kent Youth Trust")
    m = kent.meeting(items=["Grant to the Kent Youth Trust", "Budget monitoring"])
    assert m
    prompts = interests.interest_prompts(kent.engine, kent.items[4])
    assert [p.name for p in prompts] == ["Tomás Ó Briain"]
    assert interests.interest_prompts(kent.engine, kent.items[5]) == []

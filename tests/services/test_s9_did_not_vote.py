"""DOMAIN.md §9 "Did not vote", enforced by the recording services themselves on the Kent
LCSP preset (000): a show of hands or an election whose figures leave present members
who may vote unaccounted for is refused, writing nothing, until the clerk confirms that
they did not vote; a show of hands with no hand counted is never a vote."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from clerk_app.db.tables import Vote
from clerk_app.rules.voting import Tally
from clerk_app.services import decisions, elections, meetings, minutes
from tests.conftest import at
from tests.export.minutes_helpers import text_of
from tests.services.test_s2_register import arrive_all, refused


@pytest.fixture
def sitting(kent):
    """Item 4 under discussion; seven members who may vote, and the non-voting Manager."""
    m = kent.meeting()
    arrive_all(kent, m, "chair", "edu2", "police", "yos", "health", "district", "vcs",
               "manager")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    return m


def vote(kent, tally: Tally, **more):
    return decisions.record_vote(kent.engine, kent.items[4], "the plan be approved", tally,
                                 at=at(10, 20), **more)


def test_s9_a_show_of_hands_short_of_the_members_who_may_vote_is_refused(kent, sitting,
                                                                         dump):
    message = refused(dump, lambda: vote(kent, Tally(4, 1, 0)))
    assert message == ("2 members who may vote are not in the figures: confirm that they "
                       "did not vote, or correct the counts.")
    message = refused(dump, lambda: vote(kent, Tally(4, 1, 1)))
    assert message.startswith("1 member who may vote is not in the figures")


def test_s9_confirmed_the_vote_is_recorded_with_how_many_did_not_vote(kent, sitting):
    recorded = vote(kent, Tally(4, 1, 0), did_not_vote_confirmed=True)
    assert recorded.result.did_not_vote == 2
    assert recorded.result.sentence == ("For 4, Against 1, Abstentions 0; 2 did not vote. "
                                        "The motion was carried.")
    with Session(kent.engine) as session:
        stored = session.exec(select(Vote)).one()
    assert (stored.votes_for, stored.votes_against, stored.abstained) == (4, 1, 0)


def test_s9_figures_that_account_for_everyone_need_no_confirmation(kent, sitting):
    assert vote(kent, Tally(4, 2, 1)).result.did_not_vote == 0


def test_s9_a_show_of_hands_with_no_hand_counted_is_refused_even_if_confirmed(kent, sitting,
                                                                              dump):
    refused(dump, lambda: vote(kent, Tally(0, 0, 0), did_not_vote_confirmed=True),
            "No hands are counted", "enter the figures")


def test_s9_a_recorded_vote_gives_each_position_so_needs_no_confirmation(kent, sitting):
    ids = kent.ids
    positions = {ids["chair"]: "for", ids["edu2"]: "for", ids["police"]: "against",
                 ids["yos"]: "did_not_vote"}
    recorded = decisions.record_vote(kent.engine, kent.items[4], "the plan be approved",
                                     positions=positions, at=at(10, 20))
    assert recorded.result.carried


def test_s9_an_election_short_of_the_members_who_may_vote_is_refused(kent, dump):
    m = kent.meeting(items=[meetings.ItemSpec("Election of Chair", kind="election")])
    arrive_all(kent, m, "chair", "edu2", "police", "yos", "health", "district", "manager")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    votes = {"Helen Marsh": 4, "Daniel Okafor": 1}  # six may vote: one did not

    def elect(**more):
        return elections.record_election(kent.engine, kent.items[4], "Chair", votes,
                                         at=at(10, 10), **more)

    message = refused(dump, elect)
    assert message == ("1 member who may vote is not in the votes cast: confirm that they "
                       "did not vote, or correct the votes.")
    result = elect(did_not_vote_confirmed=True)
    assert result.winner == "Helen Marsh"
    sentence = "Helen Marsh 4, Daniel Okafor 1; 1 did not vote. Helen Marsh was elected."
    assert result.sentence == sentence
    pdf = text_of(minutes.render_minutes(kent.engine, m, "pdf"), "pdf")
    assert sentence in " ".join(pdf.split())

"""DOMAIN.md §5 Elections: most votes wins; ties by casting vote, or by lot."""

from __future__ import annotations

import pytest

from clerk_app.rules.elections import election_result
from clerk_app.rules.voting import TallyError


def test_clear_winner():
    result = election_result({"B. Jones": 3, "A. Smith": 5}, eligible=9, presiding_has_vote=True)
    assert result.counts == (("A. Smith", 5), ("B. Jones", 3))
    assert result.winner == "A. Smith"
    assert result.method == "votes"
    assert result.tied == () and result.needs is None
    assert result.sentence == "A. Smith 5, B. Jones 3; 1 did not vote. A. Smith was elected."


def test_counts_keep_the_given_order_for_equal_votes():
    result = election_result(
        {"C. Patel": 1, "A. Smith": 4, "B. Jones": 1}, eligible=6, presiding_has_vote=True
    )
    assert result.counts == (("A. Smith", 4), ("C. Patel", 1), ("B. Jones", 1))


def test_sole_candidate_with_votes_is_elected():
    result = election_result({"A. Smith": 6}, eligible=6, presiding_has_vote=True)
    assert result.winner == "A. Smith" and result.method == "votes"


def test_no_votes_elects_no_one():
    result = election_result({"A. Smith": 0, "B. Jones": 0}, eligible=6, presiding_has_vote=True)
    assert result.winner is None and result.needs is None and result.tied == ()
    assert result.sentence == "A. Smith 0, B. Jones 0. No votes were cast, so no one was elected."


def test_tie_with_a_voting_chair_needs_the_casting_vote():
    result = election_result({"A. Smith": 4, "B. Jones": 4}, eligible=9, presiding_has_vote=True)
    assert result.winner is None
    assert result.tied == ("A. Smith", "B. Jones")
    assert result.needs == "casting"
    assert result.sentence == (
        "A. Smith 4, B. Jones 4; 1 did not vote. "
        "The votes are equal: the person presiding must give a casting vote."
    )


def test_tie_settled_by_casting_vote():
    result = election_result(
        {"A. Smith": 4, "B. Jones": 4, "C. Patel": 1},
        eligible=9,
        presiding_has_vote=True,
        casting_for="A. Smith",
    )
    assert result.winner == "A. Smith"
    assert result.method == "casting"
    assert result.needs is None
    assert result.sentence == (
        "A. Smith 4, B. Jones 4, C. Patel 1. "
        "A. Smith was elected on the casting vote of the person presiding."
    )


def test_kent_first_meeting_tie_goes_to_lot():
    # Kent: the first meeting is convened and opened by the LCSP Manager (000 §9.3), an
    # executive member without voting rights, so a tie for Chair is settled by lot.
    pending = election_result({"A. Smith": 4, "B. Jones": 4}, eligible=8, presiding_has_vote=False)
    assert pending.needs == "lot"
    assert pending.sentence == (
        "A. Smith 4, B. Jones 4. The votes are equal and the person presiding has no vote: "
        "the tie is to be settled by lot."
    )
    result = election_result(
        {"A. Smith": 4, "B. Jones": 4},
        eligible=8,
        presiding_has_vote=False,
        lot_winner="B. Jones",
    )
    assert result.winner == "B. Jones"
    assert result.method == "lot"
    assert result.sentence == (
        "A. Smith 4, B. Jones 4. B. Jones was elected by lot, the votes being equal and the "
        "person presiding having no vote."
    )


@pytest.mark.parametrize(
    ("votes", "eligible", "has_vote", "casting", "lot", "message"),
    [
        ({}, 5, True, None, None, "at least one candidate"),
        ({"A. Smith": -1, "B. Jones": 2}, 5, True, None, None, "A. Smith cannot be negative"),
        ({"A. Smith": 4, "B. Jones": 3}, 6, True, None, None, "7 votes recorded but only 6"),
        ({"A. Smith": 4, "B. Jones": 3}, 9, True, "A. Smith", None, "no tie"),
        ({"A. Smith": 4, "B. Jones": 3}, 9, False, None, "A. Smith", "no tie"),
        ({"A. Smith": 3, "B. Jones": 3, "C. Patel": 1}, 9, True, "C. Patel", None, "not one of"),
        ({"A. Smith": 3, "B. Jones": 3, "C. Patel": 1}, 9, False, None, "C. Patel", "not one of"),
        ({"A. Smith": 3, "B. Jones": 3}, 9, False, "A. Smith", None, "settle the tie by lot"),
        ({"A. Smith": 3, "B. Jones": 3}, 9, True, None, "A. Smith", "casting vote, not by lot"),
        ({"A. Smith": 3, "B. Jones": 3}, 9, True, "A. Smith", "B. Jones", "not both"),
        ({"A. Smith": 0, "B. Jones": 0}, 9, True, "A. Smith", None, "no tie"),
    ],
)
def test_errors(votes, eligible, has_vote, casting, lot, message):
    with pytest.raises(TallyError, match=message):
        election_result(votes, eligible, has_vote, casting_for=casting, lot_winner=lot)

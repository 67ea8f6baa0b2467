"""DOMAIN.md §5 Decisions and votes: tallies, results, casting votes, minutes wording."""

from __future__ import annotations

import pytest

from clerk_app.rules.voting import (
    CastingChoice,
    CastingMode,
    Majority,
    Position,
    Tally,
    TallyError,
    VoteSettings,
    check_named,
    check_tally,
    tally_named,
    vote_result,
)

# Kent LCSP: "In the event of a tied vote the Chair may use his/her casting vote" (000 §11.3).
KENT = VoteSettings(casting=CastingMode.OPTIONAL)
REQUIRED = VoteSettings(casting=CastingMode.REQUIRED)
NO_CASTING = VoteSettings(casting=CastingMode.NONE)
TWO_THIRDS = VoteSettings(majority=Majority.TWO_THIRDS)


# --- Result: simple majority, abstentions not counted (practice) ---------------------------


def test_simple_majority_carried_with_minutes_sentence():
    result = vote_result(Tally(7, 2, 0), KENT)
    assert result.carried is True
    assert not result.tie and not result.needs_casting and result.casting is None
    assert result.sentence == "For 7, Against 2, Abstentions 0. The motion was carried."


def test_simple_majority_not_carried():
    result = vote_result(Tally(2, 5, 1), KENT)
    assert result.carried is False
    assert result.sentence == "For 2, Against 5, Abstentions 1. The motion was not carried."


def test_abstentions_are_not_votes_cast():
    # 3 for, 2 against, 6 abstentions: a majority of votes cast, though not of those present.
    result = vote_result(Tally(3, 2, 6), KENT)
    assert result.carried is True
    assert result.sentence.startswith("For 3, Against 2, Abstentions 6.")


def test_no_votes_for_or_against_is_not_carried_and_not_a_tie():
    # Everyone abstained: 0-0 is no majority for the motion, and nothing for a casting vote.
    result = vote_result(Tally(0, 0, 5), KENT)
    assert result.carried is False
    assert result.tie is False and result.needs_casting is False
    assert result.sentence == (
        "For 0, Against 0, Abstentions 5. "
        "No votes were cast for or against, so the motion was not carried."
    )
    with pytest.raises(TallyError, match="no tie"):
        vote_result(Tally(0, 0, 5), KENT, CastingChoice.FOR)


# --- Two-thirds majority --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tally", "carried"),
    [
        (Tally(6, 3, 0), True),  # exactly two thirds
        (Tally(6, 3, 4), True),  # abstentions still not counted
        (Tally(5, 3, 0), False),  # 5/8 < 2/3
        (Tally(1, 0, 0), True),
        (Tally(0, 0, 3), False),
        (Tally(4, 4, 0), False),  # equal votes: no tie under two thirds, simply not carried
    ],
)
def test_two_thirds(tally, carried):
    result = vote_result(tally, TWO_THIRDS)
    assert result.carried is carried
    assert result.tie is False and result.needs_casting is False


def test_two_thirds_short_says_why():
    result = vote_result(Tally(5, 3, 0), TWO_THIRDS)
    assert result.sentence == (
        "For 5, Against 3, Abstentions 0. "
        "The motion was not carried, a two-thirds majority being required."
    )


def test_two_thirds_has_no_casting_vote():
    with pytest.raises(TallyError, match="no tie"):
        vote_result(Tally(4, 4, 0), TWO_THIRDS, CastingChoice.FOR)


# --- Ties and the casting vote (000 §11.3) ------------------------------------------------


def test_kent_tie_waits_for_the_casting_vote():
    result = vote_result(Tally(6, 6, 1), KENT)
    assert result.tie is True
    assert result.needs_casting is True
    assert result.carried is None
    assert result.sentence == (
        "For 6, Against 6, Abstentions 1. "
        "The votes are equal. The Chair may use the casting vote, or decline it."
    )


def test_kent_casting_vote_for_carries():
    result = vote_result(Tally(6, 6, 1), KENT, CastingChoice.FOR)
    assert result.carried is True
    assert result.tie is True and result.needs_casting is False
    assert result.casting is CastingChoice.FOR
    assert result.sentence == (
        "For 6, Against 6, Abstentions 1. "
        "The Chair used the casting vote for the motion, which was carried."
    )


def test_kent_casting_vote_against_defeats():
    result = vote_result(Tally(6, 6, 1), KENT, CastingChoice.AGAINST)
    assert result.carried is False
    assert result.sentence == (
        "For 6, Against 6, Abstentions 1. "
        "The Chair used the casting vote against the motion, which was not carried."
    )


def test_kent_casting_vote_declined_is_not_carried():
    # The casting vote is optional in Kent ("may"): declining it means the motion fails.
    result = vote_result(Tally(6, 6, 1), KENT, CastingChoice.DECLINED, "The Vice-Chair")
    assert result.carried is False
    assert result.casting is CastingChoice.DECLINED
    assert result.sentence == (
        "For 6, Against 6, Abstentions 1. "
        "The Vice-Chair declined to use the casting vote, so the motion was not carried."
    )


def test_presiding_label_names_whoever_presides():
    # The Chair withdrew for the item, so the Vice-Chair presides (000 §10.3).
    result = vote_result(Tally(3, 3, 0), KENT, CastingChoice.FOR, "the Vice-Chair")
    assert "The Vice-Chair used the casting vote for the motion" in result.sentence


def test_required_casting_vote_refuses_declined():
    with pytest.raises(TallyError, match="require the person presiding to use the casting"):
        vote_result(Tally(4, 4, 0), REQUIRED, CastingChoice.DECLINED)


def test_required_casting_vote_pending_and_given():
    pending = vote_result(Tally(4, 4, 0), REQUIRED)
    assert pending.needs_casting is True and pending.carried is None
    assert pending.sentence.endswith("The Chair must use the casting vote.")
    assert vote_result(Tally(4, 4, 0), REQUIRED, CastingChoice.AGAINST).carried is False


def test_no_casting_vote_tie_is_not_carried():
    result = vote_result(Tally(5, 5, 2), NO_CASTING)
    assert result.tie is True
    assert result.needs_casting is False
    assert result.carried is False
    assert result.sentence == (
        "For 5, Against 5, Abstentions 2. The votes being equal, the motion was not carried."
    )


def test_no_casting_vote_refuses_one():
    with pytest.raises(TallyError, match="no casting vote"):
        vote_result(Tally(5, 5, 2), NO_CASTING, CastingChoice.FOR)


def test_casting_vote_without_a_tie_is_refused():
    with pytest.raises(
        TallyError, match=r"^There is no tie, so there is no casting vote to record"
    ):
        vote_result(Tally(7, 2, 0), KENT, CastingChoice.FOR)


def test_settings_may_arrive_as_plain_strings():
    # The service layer reads settings from storage: "optional" works like the enum.
    settings = VoteSettings(casting="optional", majority="simple")  # type: ignore[arg-type]
    assert vote_result(Tally(2, 2, 0), settings, "for").carried is True  # type: ignore[arg-type]


def test_chair_ordinary_vote_settings_do_not_change_the_result():
    # The chair's ordinary vote, where cast, is already in the tally.
    robert = VoteSettings(chair_ordinary_vote=True, chair_votes_only_to_change_result=True)
    assert vote_result(Tally(4, 3, 0), robert).carried is True
    assert vote_result(Tally(4, 4, 0), robert).needs_casting is True


def test_negative_count_is_refused_by_vote_result():
    with pytest.raises(TallyError, match="negative"):
        vote_result(Tally(-1, 2, 0), KENT)


# --- Tally validation -----------------------------------------------------------------------


def test_valid_tally_has_no_problems():
    assert check_tally(Tally(3, 2, 1), eligible=6) == []
    assert check_tally(Tally(0, 0, 0), eligible=0) == []


def test_too_many_votes_is_refused_with_the_figures():
    assert check_tally(Tally(4, 2, 1), eligible=6) == [
        "7 votes recorded but only 6 members may vote on this item: check the counts."
    ]


def test_too_many_votes_singular_and_none_eligible():
    assert check_tally(Tally(1, 0, 0), eligible=0) == [
        "1 vote recorded but no member may vote on this item: check the counts."
    ]
    assert check_tally(Tally(2, 0, 0), eligible=1) == [
        "2 votes recorded but only 1 member may vote on this item: check the counts."
    ]


def test_negative_counts_are_refused():
    problems = check_tally(Tally(-1, 2, -3), eligible=6)
    assert len(problems) == 2
    assert problems[0] == "The For count cannot be negative (-1): enter 0 or more."
    assert problems[1] == "The Abstentions count cannot be negative (-3): enter 0 or more."


def test_tally_named_counts_only_votes():
    positions = {
        1: Position.FOR,
        2: Position.FOR,
        3: Position.AGAINST,
        4: Position.ABSTAINED,
        5: Position.DID_NOT_VOTE,
        6: Position.WITHDRAWN,
        7: Position.NOT_ENTITLED,
        8: Position.ABSENT,
    }
    assert tally_named(positions) == Tally(2, 1, 1)


def test_named_vote_from_someone_not_eligible_is_refused_naming_them():
    # Person 9 is the LCSP Manager: an executive member without a vote (000 §9.3).
    positions = {1: Position.FOR, 2: Position.AGAINST, 9: Position.FOR}
    problems = check_named(positions, eligible_ids={1, 2, 3}, names={9: "C. Manager"})
    assert problems == [
        "C. Manager is not eligible to vote on this item, so cannot be recorded as 'for': "
        "record them as not entitled, withdrawn or absent."
    ]


def test_named_vote_for_someone_without_a_name_shows_no_number():
    """DOMAIN §9 (issue 19): no raw identifier in what the clerk reads."""
    problems = check_named({4: Position.ABSTAINED}, eligible_ids=[1])
    assert problems == ["Someone not on the register is not eligible to vote on this item, "
                        "so cannot be recorded as 'abstained': record them as not entitled, "
                        "withdrawn or absent."]


def test_named_vote_non_voting_positions_may_be_anyone():
    positions = {
        1: Position.FOR,
        5: Position.WITHDRAWN,  # withdrew for the item (000 §7.2)
        6: Position.NOT_ENTITLED,  # silent on a pecuniary interest (002 §6.4)
        7: Position.ABSENT,
        8: Position.DID_NOT_VOTE,
    }
    assert check_named(positions, eligible_ids={1, 8}) == []


def test_s9_the_sentence_says_how_many_present_eligible_members_did_not_vote():
    result = vote_result(Tally(4, 2, 0), VoteSettings(), eligible=7)
    assert result.did_not_vote == 1
    assert result.sentence == "For 4, Against 2, Abstentions 0; 1 did not vote. The motion " \
                              "was carried."
    assert vote_result(Tally(4, 2, 1), VoteSettings(), eligible=7).sentence == (
        "For 4, Against 2, Abstentions 1. The motion was carried.")

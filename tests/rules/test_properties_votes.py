"""DOMAIN.md §5: properties of vote results and tallies, over generated votes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clerk_app.rules.voting import (
    VOTING_POSITIONS,
    CastingChoice,
    CastingMode,
    Majority,
    Position,
    Tally,
    TallyError,
    VoteSettings,
    check_tally,
    tally_named,
    vote_result,
)

counts = st.integers(min_value=0, max_value=60)
tallies = st.builds(Tally, counts, counts, counts)
settings = st.builds(
    VoteSettings,
    casting=st.sampled_from(CastingMode),
    chair_ordinary_vote=st.booleans(),
    chair_votes_only_to_change_result=st.booleans(),
    majority=st.sampled_from(Majority),
)
castings = st.none() | st.sampled_from(CastingChoice)


def result_or_none(tally, rules, casting):
    try:
        return vote_result(tally, rules, casting)
    except TallyError:
        return None


@given(tallies, settings, castings)
def test_never_carried_with_fewer_for_than_against(tally, rules, casting):
    result = result_or_none(tally, rules, casting)
    if result is not None and tally.for_ < tally.against:
        assert result.carried is False


@given(tallies, settings, castings)
def test_carried_is_none_exactly_while_a_casting_vote_is_needed(tally, rules, casting):
    result = result_or_none(tally, rules, casting)
    if result is None:
        return
    assert (result.carried is None) == result.needs_casting
    if result.needs_casting:
        assert result.tie and result.casting is None and rules.casting is not CastingMode.NONE
    if not result.tie:
        assert result.carried is not None


@given(tallies, settings)
def test_without_a_casting_vote_only_a_tie_is_pending(tally, rules):
    result = vote_result(tally, rules)
    assert result.needs_casting == (result.tie and rules.casting is not CastingMode.NONE)
    assert result.sentence.startswith(tally.figures)


@given(tallies, settings, st.sampled_from(CastingChoice))
def test_a_casting_vote_is_refused_or_settles_the_tie(tally, rules, casting):
    result = result_or_none(tally, rules, casting)
    if result is not None:
        assert result.tie and result.carried is (casting is CastingChoice.FOR)


@given(tallies, st.integers(min_value=-5, max_value=200))
def test_check_tally_rejects_every_sum_above_eligible(tally, eligible):
    problems = check_tally(tally, eligible)
    if tally.total > eligible:
        assert any("check the counts" in p for p in problems)
    else:
        assert problems == []


@given(st.dictionaries(st.integers(min_value=1, max_value=500), st.sampled_from(Position)))
def test_tally_named_totals_equal_the_voting_positions(positions):
    tally = tally_named(positions)
    assert tally.total == sum(p in VOTING_POSITIONS for p in positions.values())
    assert tally.for_ == sum(p is Position.FOR for p in positions.values())
    assert tally.against == sum(p is Position.AGAINST for p in positions.values())
    assert tally.abstained == sum(p is Position.ABSTAINED for p in positions.values())

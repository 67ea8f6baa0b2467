"""DOMAIN.md §9 through the recording service, on the Kent LCSP preset (000): the chair's
ordinary vote where the constitution gives a casting vote only, a casting vote that needs
someone presiding (000 §11.3), and how long a member chosen to preside presides."""

from __future__ import annotations

from clerk_app.rules.eligibility import CASTING_VOTE_ONLY
from clerk_app.rules.vocabulary import SettingKey
from clerk_app.rules.voting import Tally
from clerk_app.services import constitution, decisions, meetings, register
from tests.conftest import at
from tests.services.test_s2_register import arrive_all, refused

SEVEN = ("chair", "edu2", "police", "yos", "health", "district", "vcs")


def _at_item_4(kent, *who):
    m = kent.meeting()
    arrive_all(kent, m, *who)
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    return m


def test_s9_a_chair_with_a_casting_vote_only_is_not_in_the_ordinary_count(kent, dump):
    constitution.change_setting(kent.engine, kent.body_id, SettingKey.CHAIR_ORDINARY_VOTE,
                                False)
    m = _at_item_4(kent, *SEVEN)
    state = register.state(kent.engine, m, kent.items[4])
    assert kent.ids["chair"] not in state.eligibility.eligible_ids
    assert ("Helen Marsh", CASTING_VOTE_ONLY) in [
        (i.name, i.reason) for i in state.eligibility.ineligible]
    # Her own hand in a 3-3 tie is refused: six may vote in the ordinary count.
    refused(dump, lambda: decisions.record_vote(kent.engine, kent.items[4], "approve",
                                                Tally(4, 3, 0), at=at(10, 20)), "only 6")
    refused(dump, lambda: decisions.record_vote(
        kent.engine, kent.items[4], "approve",
        positions={kent.ids["chair"]: "for", kent.ids["police"]: "for"}, at=at(10, 20)),
        "Helen Marsh")
    # A tie among the six is hers to break.
    recorded = decisions.record_vote(kent.engine, kent.items[4], "approve", Tally(3, 3, 0),
                                     casting="for", at=at(10, 21))
    assert recorded.result.carried is True
    assert "The Chair used the casting vote for the motion" in recorded.result.sentence


def test_s9_by_default_the_chair_also_votes_as_a_member(kent):
    m = _at_item_4(kent, *SEVEN)
    state = register.state(kent.engine, m, kent.items[4])
    assert kent.ids["chair"] in state.eligibility.eligible_ids


def test_s9_a_casting_vote_with_nobody_presiding_is_refused(kent, dump):
    # Neither the Chair nor the Vice-Chair (Kent Police) is here, and nobody was chosen.
    m = _at_item_4(kent, "edu2", "yos", "health", "district", "vcs", "social")
    assert register.state(kent.engine, m, kent.items[4]).presiding.person_id is None
    refused(dump, lambda: decisions.record_vote(
        kent.engine, kent.items[4], "approve", Tally(2, 2, 1), casting="for",
        inquorate_reason="urgent", at=at(10, 20)), "Nobody presides", "choose who presides")


def test_s9_a_member_chosen_to_preside_carries_on_until_the_chair_takes_the_chair(kent):
    m = kent.meeting(items=("Early help plan", "Youth contract", "Budget", "Any other"))
    arrive_all(kent, m, "edu2", "yos", "health", "district", "vcs", "social")
    meetings.open_meeting(kent.engine, m, at(10, 0))

    def presiding(position):
        return register.state(kent.engine, m, kent.items[position]).presiding

    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    assert presiding(4).person_id is None  # neither the Chair nor the Vice-Chair is here
    meetings.choose_presiding(kent.engine, kent.items[4], kent.ids["health"])
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 20))
    assert presiding(5).name == "Siân Pritchard"  # chosen for the rest of the meeting
    assert "chose Siân Pritchard" in presiding(5).reason

    register.arrive(kent.engine, m, kent.ids["chair"], at(10, 30))
    meetings.start_item(kent.engine, m, kent.items[6], at(10, 35))
    assert presiding(6).name == "Helen Marsh"  # the Chair takes the chair
    register.leave(kent.engine, m, kent.ids["chair"], at(10, 50))
    meetings.start_item(kent.engine, m, kent.items[7], at(10, 55))
    # The Chair having taken the chair, the earlier choice has ended: choose again.
    assert presiding(7).person_id is None

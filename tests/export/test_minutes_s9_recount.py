"""DOMAIN.md §9 "A recorded vote records the vote just taken", on the Kent LCSP preset
(000): names that give other figures than the show of hands are a recount, allowed only
with its reason, and the minutes say that a recount was held."""

from __future__ import annotations

from clerk_app.rules.voting import Tally
from clerk_app.services import decisions, meetings, minutes
from tests.conftest import at
from tests.export.minutes_helpers import text_of
from tests.services.test_s2_register import arrive_all, refused

SEVEN = ("chair", "edu2", "police", "yos", "health", "district", "vcs")


def _hands(kent):
    m = kent.meeting()
    arrive_all(kent, m, *SEVEN)
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    vote = decisions.record_vote(kent.engine, kent.items[4], "the plan be approved",
                                 Tally(4, 2, 1), at=at(10, 20))
    return m, vote.vote_id


def _names(kent, against=("edu2",), abstained=("police", "yos")):
    return {kent.ids[key]: "against" if key in against else
            "abstained" if key in abstained else "for" for key in SEVEN}


def test_s9_names_giving_the_show_of_hands_need_no_reason(kent):
    m, vote_id = _hands(kent)
    result = decisions.make_vote_recorded(kent.engine, vote_id,
                                          _names(kent, ("edu2", "police"), ("yos",)))
    assert result.tally == Tally(4, 2, 1)
    text = text_of(minutes.render_minutes(kent.engine, m, "pdf"), "pdf")
    assert "recount" not in text


def test_s9_names_giving_other_figures_are_refused_without_a_recount(kent, dump):
    _m, vote_id = _hands(kent)
    refused(dump, lambda: decisions.make_vote_recorded(kent.engine, vote_id, _names(kent)),
            "For 4, Against 1, Abstentions 2.", "show of hands gave For 4, Against 2",
            "recount")


def test_s9_the_minutes_say_a_recount_was_held_and_give_its_figures(kent):
    m, vote_id = _hands(kent)
    decisions.make_vote_recorded(kent.engine, vote_id, _names(kent),
                                 recount_reason="a member doubted the count")
    meetings.close_meeting(kent.engine, m, at(11, 0))
    text = text_of(minutes.render_minutes(kent.engine, m, "pdf"), "pdf")
    assert ("On a show of hands: For 4, Against 2, Abstentions 1. A recount was held, by "
            "name (a member doubted the count): For 4, Against 1, Abstentions 2. The motion "
            "was carried.") in text

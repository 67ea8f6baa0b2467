"""The minutes say exactly what happened (DOMAIN.md §3, §5, §9): quorum reached for the
first time or again, members coming back, who was represented, who did not vote."""

from __future__ import annotations

from clerk_app.rules.voting import Tally
from clerk_app.services import decisions, meetings, minutes, register
from tests.conftest import at
from tests.export.minutes_helpers import hold_kent_meeting, text_of


def minutes_text(kent, meeting_id: int) -> str:
    return text_of(minutes.render_minutes(kent.engine, meeting_id, "pdf"), "pdf")


def arrive_all(kent, meeting_id: int, *keys: str, when=None) -> None:
    for key in keys:
        register.arrive(kent.engine, meeting_id, kent.ids[key], when or at(9, 55))


def test_s9_a_meeting_never_quorate_before_becomes_quorate_not_quorate_again(kent):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "police", "yos")  # 4 of Kent's 7 groups: five needed
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[1], at(10, 0))
    register.arrive(kent.engine, m, kent.ids["health"], at(10, 10))
    register.leave(kent.engine, m, kent.ids["health"], at(10, 20))
    register.arrive(kent.engine, m, kent.ids["district"], at(10, 30))
    text = minutes_text(kent, m)
    assert "The meeting was not quorate when it opened at 10:00" in text
    assert "The meeting became quorate at 10:10" in text
    assert "The meeting became inquorate at 10:20" in text
    assert "The meeting became quorate again at 10:30" in text
    assert "quorate again at 10:10" not in text
    assert meetings.meeting_summary(kent.engine, m).quorum_events == (
        "The meeting became inquorate at 10:00.",
        "The meeting became quorate at 10:10.",
        "The meeting became inquorate at 10:20.",
        "The meeting became quorate again at 10:30.")


def test_s9_a_meeting_quorate_at_the_opening_becomes_quorate_again(kent):
    held = hold_kent_meeting(kent)
    text = minutes_text(kent, held.meeting_id)
    assert "The meeting became inquorate at 10:45" in text
    assert "The meeting became quorate again at 10:50" in text


def test_s9_a_member_coming_back_after_leaving_returned_the_first_arrival_arrived(kent):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "edu2", "police", "yos", "district", "vcs")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[1], at(10, 0))
    register.arrive(kent.engine, m, kent.ids["health"], at(10, 5))
    register.leave(kent.engine, m, kent.ids["health"], at(10, 20))
    register.arrive(kent.engine, m, kent.ids["health"], at(10, 35))
    text = minutes_text(kent, m)
    assert "Siân Pritchard arrived at 10:05." in text
    assert "Siân Pritchard left the meeting at 10:20." in text
    assert "Siân Pritchard returned to the meeting at 10:35." in text
    assert "arrived at 10:35" not in text
    assert "Siân Pritchard (NHS Kent and Medway), arrived at 10:05" in text


def test_s9_the_kent_meeting_says_marcus_bell_returned(kent):
    text = minutes_text(kent, hold_kent_meeting(kent).meeting_id)
    assert "Marcus Bell returned to the meeting at 10:50." in text
    assert "Marcus Bell arrived" not in text


def test_s5_s9_a_member_represented_by_a_substitute_is_not_absent_from_a_recorded_vote(kent):
    text = minutes_text(kent, hold_kent_meeting(kent).meeting_id)
    # Siân Pritchard sent apologies and Zofia Łukasiewicz sat in her seat and abstained;
    # Karen Whitlock sent none and nobody took her seat.
    assert "Abstained: Peter O'Neill, Tomás Ó Briain, Zofia Łukasiewicz" in text
    motion = text[text.find("Motion: that the early help plan"):text.find("RESOLVED: that "
                                                                          "the early help")]
    assert "Absent: Karen Whitlock" in motion
    assert "Siân Pritchard" not in motion
    assert "Siân Pritchard (NHS Kent and Medway), represented by Zofia Łukasiewicz" in text


def test_s9_a_show_of_hands_short_of_the_eligible_says_how_many_did_not_vote(kent):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "edu2", "police", "yos", "district", "vcs", "social")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[1], at(10, 0))
    # Seven members may vote; the hands counted account for six.
    decisions.record_vote(kent.engine, kent.items[1], "the plan be approved", Tally(4, 2, 0),
                          at=at(10, 10), did_not_vote_confirmed=True)
    meetings.start_item(kent.engine, m, kent.items[2], at(10, 15))
    decisions.record_vote(kent.engine, kent.items[2], "the contract be extended",
                          Tally(5, 1, 1), at=at(10, 20))
    text = minutes_text(kent, m)
    assert "For 4, Against 2, Abstentions 0; 1 did not vote. The motion was carried." in text
    assert "For 5, Against 1, Abstentions 1. The motion was carried." in text

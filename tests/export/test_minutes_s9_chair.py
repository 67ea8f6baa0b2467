"""The minutes say who was in the chair at the start and at each change (DOMAIN.md §9
"Who presides, for how long"; §5: the Vice-Chair deputises, 000 §10.3)."""

from __future__ import annotations

from clerk_app.services import decisions, meetings, minutes, register
from clerk_app.services.meetings import ItemSpec
from tests.conftest import at
from tests.export.minutes_helpers import hold_kent_meeting, text_of

ITEMS = ("Early help plan", "Youth contract", ItemSpec("Any other business"))


def minutes_text(kent, meeting_id: int) -> str:
    return text_of(minutes.render_minutes(kent.engine, meeting_id, "pdf"), "pdf")


def between(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin:text.index(end, begin)]


def arrive_all(kent, meeting_id: int, *keys: str) -> None:
    for key in keys:
        register.arrive(kent.engine, meeting_id, kent.ids[key], at(9, 55))


def test_s9_the_minutes_say_who_was_in_the_chair_at_the_start(kent):
    text = minutes_text(kent, hold_kent_meeting(kent).meeting_id)
    assert "Helen Marsh in the chair." in between(text, "Present", "Apologies")
    assert "took the chair" not in text and "resumed the chair" not in text


def test_s9_the_vice_chair_takes_the_chair_for_an_item_and_the_chair_resumes_it(kent):
    m = kent.meeting(items=ITEMS)
    arrive_all(kent, m, "chair", "edu2", "police", "yos", "health", "district", "vcs")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    decisions.record_decision(kent.engine, kent.items[4], "noted", at=at(10, 10))
    # The Chair declares a pecuniary interest in item 5 and withdraws (000 §7.2).
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 15))
    decisions.declare_interest(kent.engine, kent.items[5], kent.ids["chair"], "pecuniary",
                               "Governor of a bidding school", at=at(10, 16))
    decisions.record_decision(kent.engine, kent.items[5], "consensus",
                              "the contract be awarded", at=at(10, 25))
    register.return_to_item(kent.engine, m, kent.ids["chair"], kent.items[5], at(10, 30))
    meetings.start_item(kent.engine, m, kent.items[6], at(10, 31))
    decisions.record_decision(kent.engine, kent.items[6], "noted", at=at(10, 40))
    meetings.close_meeting(kent.engine, m, at(10, 45))
    text = minutes_text(kent, m)
    assert "Helen Marsh in the chair." in between(text, "Present", "Apologies")
    assert "The Vice-Chair took the chair for this item." in between(
        text, "5. Youth contract", "6. Any other business")
    assert "Helen Marsh resumed the chair." in between(text, "6. Any other business",
                                                       "Action list")
    assert "chair" not in between(text, "4. Early help plan", "5. Youth contract").lower()


def test_s9_the_chair_arriving_late_takes_the_chair_from_the_vice_chair(kent):
    m = kent.meeting(items=ITEMS)
    arrive_all(kent, m, "edu2", "police", "yos", "health", "district", "vcs")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    decisions.record_decision(kent.engine, kent.items[4], "noted", at=at(10, 10))
    register.arrive(kent.engine, m, kent.ids["chair"], at(10, 12))
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 15))
    decisions.record_decision(kent.engine, kent.items[5], "noted", at=at(10, 20))
    meetings.start_item(kent.engine, m, kent.items[6], at(10, 25))
    meetings.close_meeting(kent.engine, m, at(10, 45))
    text = minutes_text(kent, m)
    assert "Daniel Okafor in the chair." in between(text, "Present", "Apologies")
    assert "Helen Marsh took the chair." in between(text, "5. Youth contract",
                                                    "6. Any other business")
    assert "chair" not in between(text, "6. Any other business", "Action list").lower()


def test_s9_a_member_chosen_when_neither_office_holder_is_there_is_in_the_chair(kent):
    m = kent.meeting(items=ITEMS)
    arrive_all(kent, m, "edu2", "yos", "health", "district", "vcs", "social")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    meetings.choose_presiding(kent.engine, kent.items[4], kent.ids["edu2"])
    decisions.record_decision(kent.engine, kent.items[4], "noted", at=at(10, 10))
    meetings.close_meeting(kent.engine, m, at(10, 45))
    text = minutes_text(kent, m)
    assert "Grace Adebayo in the chair." in between(text, "Present", "Apologies")

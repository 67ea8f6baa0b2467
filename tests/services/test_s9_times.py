"""DOMAIN.md §9 "Times that cannot be", on the Kent LCSP preset (issue 13, item 4).

Every recorded time lies on the meeting's date, no earlier than its opening (an earlier
arrival is present at the opening) and no later than its close or the present moment.
A meeting dated another day is recorded live once the clerk confirms it is taking place
now, or afterwards with every time typed in. Refusals say what to do and write nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clerk_app import clock
from clerk_app.rules.times import MeetingTimes, check_time
from clerk_app.rules.vocabulary import DecisionKind
from clerk_app.services import audit, decisions, meetings, register, timing
from tests.conftest import MEETING_DAY, at
from tests.services.test_s2_register import arrive_all, refused
from tests.services.test_table_times import event_id


@pytest.fixture
def noon(monkeypatch):
    """The laptop's clock at noon on the meeting's day."""
    monkeypatch.setattr(clock, "now", lambda: at(12, 0))


def test_s9_arrival_on_a_meeting_dated_three_weeks_ahead_is_refused(kent, dump, noon):
    m = kent.meeting(MEETING_DAY + timedelta(weeks=3))
    refused(dump, lambda: register.arrive(kent.engine, m, kent.ids["chair"]),
            "dated Tuesday 06 October 2026, not today", "taking place now")
    refused(dump, lambda: meetings.open_meeting(kent.engine, m), "not today")
    # Nor with a time typed on its day: that is still in the future.
    refused(dump, lambda: register.arrive(kent.engine, m, kent.ids["chair"],
                                          at(10, 0, day=MEETING_DAY + timedelta(weeks=3))),
            "later than now (12:00)")


def test_s9_an_arrival_corrected_to_23_00_at_noon_is_refused(kent, dump, noon):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    message = refused(dump, lambda: register.set_event_times(
        kent.engine, m, {event_id(kent, m, "chair", "arrive"): at(23, 0)}),
        "23:00 is later than now (12:00)", "Check the time")
    assert "future" in message
    assert register.state(kent.engine, m).line(kent.ids["chair"]).arrived_at == at(9, 55)


def test_s9_an_arrival_at_09_00_before_an_11_55_opening_is_present_at_the_opening(kent, noon):
    m = kent.meeting()
    meetings.open_meeting(kent.engine, m, at(11, 55))
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 0))
    assert register.state(kent.engine, m).line(kent.ids["chair"]).arrived_at == at(11, 55)


def test_s9_a_correction_before_the_opening_is_recorded_at_the_opening_and_said(kent, noon):
    m = kent.meeting()
    meetings.open_meeting(kent.engine, m, at(11, 55))
    register.arrive(kent.engine, m, kent.ids["chair"], at(11, 58))
    notes = register.set_event_times(
        kent.engine, m, {event_id(kent, m, "chair", "arrive"): at(9, 0)})
    assert notes == ("an arrival at 09:00 is before the meeting opened at 11:55, so it is "
                     "recorded as present at the opening (11:55).",)
    assert register.state(kent.engine, m).line(kent.ids["chair"]).arrived_at == at(11, 55)


def test_s9_a_departure_before_the_opening_is_refused(kent, dump, noon):
    m = kent.meeting()
    arrive_all(kent, m, "chair")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    refused(dump, lambda: register.leave(kent.engine, m, kent.ids["chair"], at(9, 55)),
            "before the meeting opened at 10:00", "correct the opening time first")


def test_s9_an_arrival_after_the_close_is_refused(kent, dump, noon):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "police", "yos", "health", "district")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.close_meeting(kent.engine, m, at(11, 30))
    refused(dump, lambda: register.arrive(kent.engine, m, kent.ids["vcs"], at(11, 45)),
            "The meeting closed at 11:30", "nothing more can be recorded in the register")
    refused(dump, lambda: register.arrive(kent.engine, m, kent.ids["vcs"]), "closed at 11:30")
    refused(dump, lambda: register.leave(kent.engine, m, kent.ids["chair"]), "closed")
    refused(dump, lambda: register.send_apologies(kent.engine, m, kent.ids["vcs"]), "closed")
    refused(dump, lambda: register.add_in_attendance(kent.engine, m, "A. Walker"), "closed")
    # A slip in a time already recorded is still corrected, within the meeting.
    refused(dump, lambda: register.set_event_times(
        kent.engine, m, {event_id(kent, m, "chair", "arrive"): at(11, 40)}),
        "after the meeting closed at 11:30")


def test_s9_nothing_is_decided_after_the_close(kent, dump, noon):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "police", "yos", "health", "district")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    meetings.close_meeting(kent.engine, m, at(11, 30))
    refused(dump, lambda: decisions.record_decision(
        kent.engine, kent.items[4], DecisionKind.CONSENSUS, "The plan is agreed.",
        at=at(11, 45)),
        "after the meeting closed at 11:30")


def test_s9_the_rule_accepts_a_time_within_the_meeting():
    bounds = MeetingTimes(MEETING_DAY, at(12, 0), at(10, 0), at(11, 30))
    assert check_time(at(10, 30), bounds).problem is None
    assert check_time(at(9, 0), bounds, arrival=True).at == at(10, 0)
    assert "not on the day" in check_time(at(10, 0, day=date(2026, 9, 16)), bounds).problem


# --- A meeting dated another day: live, or entered afterwards ---------------------------


def test_s9_a_meeting_confirmed_as_taking_place_now_moves_to_today(kent, noon):
    m = kent.meeting(MEETING_DAY + timedelta(weeks=3))
    assert "not today" in timing.timing(kent.engine, m).question
    timing.take_place_now(kent.engine, m)
    assert meetings.meeting_summary(kent.engine, m).date == MEETING_DAY
    assert timing.timing(kent.engine, m).question is None
    register.arrive(kent.engine, m, kent.ids["chair"])
    meetings.open_meeting(kent.engine, m)
    assert meetings.meeting_summary(kent.engine, m).opened_at == at(12, 0)
    assert [line.label for line in audit.meeting_trail(kent.engine, m)
            if line.action == "meeting.live"] == ["Taking place now"]


def test_s9_a_meeting_entered_afterwards_takes_only_typed_times(kent, dump, noon):
    held = MEETING_DAY - timedelta(days=7)
    m = kent.meeting(held)
    timing.enter_afterwards(kent.engine, m)
    summary = meetings.meeting_summary(kent.engine, m)
    assert summary.recorded_afterwards and summary.date == held
    refused(dump, lambda: register.arrive(kent.engine, m, kent.ids["chair"]),
            "entered afterwards", "type the time from the signing-in sheet")
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 50, day=held))
    meetings.open_meeting(kent.engine, m, at(10, 0, day=held))
    register.arrive(kent.engine, m, kent.ids["police"], at(10, 20, day=held))
    meetings.close_meeting(kent.engine, m, at(11, 0, day=held))
    state = register.state(kent.engine, m)
    assert state.line(kent.ids["police"]).arrived_at == at(10, 20, day=held)


def test_s9_a_meeting_dated_ahead_cannot_be_entered_afterwards(kent, dump, noon):
    m = kent.meeting(MEETING_DAY + timedelta(weeks=3))
    assert not timing.timing(kent.engine, m).may_be_afterwards
    refused(dump, lambda: timing.enter_afterwards(kent.engine, m), "not been held yet")


# --- Correcting the opening, the close and an item's time -------------------------------


def run(kent, m):
    arrive_all(kent, m, "chair", "police", "yos", "health", "district")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 10))
    meetings.close_meeting(kent.engine, m, at(11, 30))


def test_s9_opening_and_first_item_moved_later_together(kent, noon):
    m = kent.meeting()
    run(kent, m)
    timing.correct_times(kent.engine, m, opened_at=at(10, 15),
                         item_starts={kent.items[4]: at(10, 20)})
    assert meetings.meeting_summary(kent.engine, m).opened_at == at(10, 15)


def test_s9_opening_closing_and_item_times_are_corrected(kent, noon):
    m = kent.meeting()
    run(kent, m)
    timing.correct_times(kent.engine, m, opened_at=at(10, 2), closed_at=at(11, 45),
                         item_starts={kent.items[4]: at(10, 12)})
    summary = meetings.meeting_summary(kent.engine, m)
    assert (summary.opened_at, summary.closed_at) == (at(10, 2), at(11, 45))
    assert meetings.agenda(kent.engine, m)[3].started_at == at(10, 12)


@pytest.mark.parametrize(("change", "words"), [
    ({"opened_at": at(10, 20)}, "after something recorded at 10:10"),
    ({"closed_at": at(10, 5)}, "before something recorded at 10:10"),
    ({"closed_at": at(13, 0)}, "later than now (12:00)"),
    ({"opened_at": at(10, 0, day=date(2026, 9, 14))}, "not on the day of the meeting"),
    ({"opened_at": at(10, 0)}, "No time was changed"),
])
def test_s9_impossible_opening_or_closing_corrections_are_refused(kent, dump, noon, change,
                                                                 words):
    m = kent.meeting()
    run(kent, m)
    refused(dump, lambda: timing.correct_times(kent.engine, m, **change), words)


def test_s9_an_item_time_outside_the_meeting_is_refused(kent, dump, noon):
    m = kent.meeting()
    run(kent, m)
    refused(dump, lambda: timing.correct_times(
        kent.engine, m, item_starts={kent.items[4]: at(9, 30)}),
            "Item 4 taken at 09:30 is before the meeting opened at 10:00")
    refused(dump, lambda: timing.correct_times(
        kent.engine, m, item_starts={kent.items[4]: at(11, 40)}),
            "after the meeting closed at 11:30")


def test_s9_a_later_opening_moves_the_quorum_story(kent, noon):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "police", "yos")  # one group short of Kent's five
    meetings.open_meeting(kent.engine, m, at(10, 0))
    register.arrive(kent.engine, m, kent.ids["health"], at(10, 10))
    timing.correct_times(kent.engine, m, opened_at=at(10, 10))
    assert meetings.meeting_summary(kent.engine, m).quorum_events == ()


"""DOMAIN.md §2-§3: correcting the register's times at the table, on the Kent LCSP preset.

A correction is checked like a new event (rules.register.timeline_problem) and the quorum
lost/regained events follow it; a refused correction writes nothing.
"""

from __future__ import annotations

from datetime import date

from clerk_app.services import meetings, register, substitutes
from tests.conftest import at
from tests.services.test_s2_register import arrive_all, refused


def event_id(kent, m, key, kind, n=0):
    return [e.event_id for e in register.person_events(kent.engine, m, kent.ids[key])
            if e.kind == kind][n]


def test_s2_an_arrival_time_is_corrected(kent):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(10, 15))
    register.set_event_times(kent.engine, m, {event_id(kent, m, "chair", "arrive"): at(10, 5)})
    assert register.state(kent.engine, m).line(kent.ids["chair"]).arrived_at == at(10, 5)


def test_s2_a_correction_that_puts_a_departure_before_the_arrival_is_refused(kent, dump):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(10, 0))
    register.leave(kent.engine, m, kent.ids["chair"], at(10, 30))
    refused(dump, lambda: register.set_event_times(
        kent.engine, m, {event_id(kent, m, "chair", "leave"): at(9, 50)}),
        "Helen Marsh has not arrived by 09:50")


def test_s2_a_correction_to_another_day_is_refused(kent, dump):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(10, 0))
    refused(dump, lambda: register.set_event_times(
        kent.engine, m, {event_id(kent, m, "chair", "arrive"): at(10, 0, day=date(2026, 9, 16))}),
        "not on the day of the meeting")


def test_s2_two_times_moved_past_each_other_together_are_accepted(kent):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(10, 0))
    register.leave(kent.engine, m, kent.ids["chair"], at(10, 30))
    register.arrive(kent.engine, m, kent.ids["chair"], at(10, 45))
    # She actually left at 10:50 and came back at 11:00: moving only the departure would
    # put it after the second arrival, so both move in one correction.
    register.set_event_times(kent.engine, m, {
        event_id(kent, m, "chair", "leave"): at(10, 50),
        event_id(kent, m, "chair", "arrive", 1): at(11, 0)})
    kinds = [(e.kind, e.at) for e in register.person_events(kent.engine, m, kent.ids["chair"])]
    assert kinds == [("arrive", at(10, 0)), ("leave", at(10, 50)), ("arrive", at(11, 0))]


def test_s3_quorum_events_follow_a_corrected_arrival(kent):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "police", "yos")  # 4 groups: one short of Kent's five
    meetings.open_meeting(kent.engine, m, at(10, 0))
    register.arrive(kent.engine, m, kent.ids["health"], at(10, 10))
    assert meetings.meeting_summary(kent.engine, m).quorum_events == (
        "The meeting became inquorate at 10:00.",
        "The meeting became quorate at 10:10.")
    # The health member had in fact arrived at 09:58, before the meeting opened.
    register.set_event_times(kent.engine, m, {event_id(kent, m, "health", "arrive"): at(9, 58)})
    assert meetings.meeting_summary(kent.engine, m).quorum_events == ()
    register.set_event_times(kent.engine, m, {event_id(kent, m, "health", "arrive"): at(10, 20)})
    assert meetings.meeting_summary(kent.engine, m).quorum_events == (
        "The meeting became inquorate at 10:00.",
        "The meeting became quorate at 10:20.")


def test_s3_nothing_changed_leaves_the_quorum_events_untouched(kent, dump):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "police", "yos")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    register.arrive(kent.engine, m, kent.ids["health"], at(10, 10))
    before = [line for line in dump() if "quorumevent" in line.casefold()]
    register.set_event_times(kent.engine, m, {event_id(kent, m, "health", "arrive"): at(10, 10)})
    assert [line for line in dump() if "quorumevent" in line.casefold()] == before


def test_substitute_choices_put_the_named_substitute_first(kent):
    m = kent.meeting()
    choices = substitutes.substitute_choices(kent.engine, m, kent.ids["police"])
    assert (choices[0].name, choices[0].named) == ("Priya Nair", True)
    assert choices[1].name == "Sam Police" and choices[1].same_agency
    members = {name for _key, name, *_ in kent.SEATS}
    assert not members & {c.name for c in choices}  # members are never offered

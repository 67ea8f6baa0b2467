"""DOMAIN.md §2 (the register) and §1 (substitutes), through the recording service,
on the Kent LCSP preset (000). Every refused action leaves the file unchanged."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.rules.vocabulary import AttendanceKind
from clerk_app.services import meetings, register
from clerk_app.services.errors import ClerkError
from tests.conftest import at


def arrive_all(kent, meeting_id, *keys, hour=9, minute=50):
    for n, key in enumerate(keys):
        register.arrive(kent.engine, meeting_id, kent.ids[key], at(hour, minute + n))


def refused(dump, action, *words):
    """The action raises ClerkError whose message holds every word, and writes nothing."""
    before = dump()
    with pytest.raises(ClerkError) as error:
        action()
    for word in words:
        assert word in error.value.message
    assert dump() == before
    return error.value.message


def test_s2_register_is_a_timeline_arrive_leave_and_come_back(kent):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    register.leave(kent.engine, m, kent.ids["chair"], at(10, 30))
    line = register.state(kent.engine, m).line(kent.ids["chair"])
    assert (line.state, line.arrived_at, line.left_at) == ("left", at(9, 55), at(10, 30))
    register.arrive(kent.engine, m, kent.ids["chair"], at(10, 45))
    line = register.state(kent.engine, m).line(kent.ids["chair"])
    assert line.state == "present" and line.left_at is None


def test_s2_second_arrival_is_refused_and_writes_nothing(kent, dump):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    refused(dump, lambda: register.arrive(kent.engine, m, kent.ids["chair"], at(10, 5)),
            "Helen Marsh", "already recorded as present")


def test_s2_departure_before_arrival_is_refused_and_writes_nothing(kent, dump):
    m = kent.meeting()
    refused(dump, lambda: register.leave(kent.engine, m, kent.ids["chair"], at(10, 5)),
            "has not arrived")
    register.arrive(kent.engine, m, kent.ids["chair"], at(10, 0))
    refused(dump, lambda: register.leave(kent.engine, m, kent.ids["chair"], at(9, 30)),
            "has not arrived by 09:30")


def test_s2_time_on_another_day_is_refused(kent, dump):
    m = kent.meeting()
    refused(dump, lambda: register.arrive(kent.engine, m, kent.ids["chair"],
                                          at(9, 55, day=date(2026, 9, 16))),
            "not on the day of the meeting")


def test_s2_apologies_refused_for_someone_present(kent, dump):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    refused(dump, lambda: register.send_apologies(kent.engine, m, kent.ids["chair"]),
            "recorded as present")
    register.send_apologies(kent.engine, m, kent.ids["health"], "on leave")
    assert register.state(kent.engine, m).line(kent.ids["health"]).state == "apologies"


def test_s1_named_substitute_takes_the_seat_and_vote(kent):
    m = kent.meeting()
    warning = register.add_substitute(kent.engine, m, kent.ids["police"],
                                      kent.ids["police_deputy"], at(9, 58))
    assert warning is None
    state = register.state(kent.engine, m)
    deputy = next(a for a in state.attendees if a.person_id == kent.ids["police_deputy"])
    assert deputy.category == "police" and deputy.may_vote
    assert deputy.offices == frozenset()  # never the member's office (Vice-Chair)
    assert state.line(kent.ids["police"]).state == "apologies"
    assert "Police" in "; ".join(state.quorum.explanation())


def test_s1_substitute_who_is_not_the_named_one_is_refused_in_kent(kent, dump):
    m = kent.meeting()
    message = refused(
        dump, lambda: register.add_substitute(kent.engine, m, kent.ids["police"],
                                              kent.ids["colleague"], at(9, 58)),
        "Sam Police cannot substitute for Daniel Okafor", "named substitute")
    assert "same agency" not in message  # Kent allows only the named deputy (000 item 10)


def test_s1_same_agency_colleague_allowed_where_the_body_allows_it(kent):
    from clerk_app.services import constitution

    constitution.change_setting(kent.engine, kent.body_id, "substitutes", "named_or_same_agency")
    m = kent.meeting()
    register.add_substitute(kent.engine, m, kent.ids["police"], kent.ids["colleague"],
                            at(9, 58))
    assert register.state(kent.engine, m).line(kent.ids["colleague"]).state == "substitute"


def test_s1_substitute_for_a_member_who_is_present_is_refused(kent, dump):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["police"], at(9, 55))
    refused(dump, lambda: register.add_substitute(kent.engine, m, kent.ids["police"],
                                                  kent.ids["police_deputy"], at(9, 58)),
            "Daniel Okafor is present")


def test_s1_member_arriving_ends_the_substitution(kent):
    m = kent.meeting()
    register.add_substitute(kent.engine, m, kent.ids["police"], kent.ids["police_deputy"],
                            at(9, 58))
    register.arrive(kent.engine, m, kent.ids["police"], at(10, 20))
    state = register.state(kent.engine, m)
    police = [a for a in state.attendees if a.counts_for_quorum and a.category == "police"]
    assert [a.name for a in police] == ["Daniel Okafor"]


@pytest.mark.usefixtures("clock_after_the_meetings")
def test_s1_deputy_second_attendance_in_one_year_is_warned(kent):
    first = kent.meeting(date(2026, 9, 15))
    register.add_substitute(kent.engine, first, kent.ids["police"], kent.ids["police_deputy"],
                            at(9, 58, day=date(2026, 9, 15)))
    second = kent.meeting(date(2026, 11, 17))
    warning = register.add_substitute(kent.engine, second, kent.ids["police"],
                                      kent.ids["police_deputy"],
                                      at(9, 58, day=date(2026, 11, 17)))
    assert warning and "2026-27" in warning
    next_year = kent.meeting(date(2027, 4, 20))
    assert register.add_substitute(kent.engine, next_year, kent.ids["police"],
                                   kent.ids["police_deputy"],
                                   at(9, 58, day=date(2027, 4, 20))) is None


def test_s2_in_attendance_never_counts(kent):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "edu2", "police", "yos")
    register.add_in_attendance(kent.engine, m, "Ellie Brookes", "Kent County Council",
                               "Clerk", at=at(9, 45))
    state = register.state(kent.engine, m)
    assert "Ellie Brookes" not in state.quorum.counting
    assert state.line(state.register[-1].person_id).state == "in_attendance"


def test_s3_quorum_lost_and_regained_are_timestamped(kent):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "police", "yos", "health")  # 5 groups: the Chair fills two
    meetings.open_meeting(kent.engine, m, at(10, 0))
    assert register.state(kent.engine, m).quorum.quorate  # 5 of 7 groups
    register.leave(kent.engine, m, kent.ids["health"], at(11, 32))
    register.arrive(kent.engine, m, kent.ids["vcs"], at(11, 40))
    summary = meetings.meeting_summary(kent.engine, m)
    assert summary.quorum_events == ("The meeting became inquorate at 11:32.",
                                     "The meeting became quorate again at 11:40.")


def test_s3_warning_before_a_departure_that_would_break_quorum(kent):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "police", "yos", "health")  # 5 groups: the Chair fills two
    before, after = register.quorum_if(kent.engine, m, kent.ids["health"], "leave")
    assert before.quorate and not after.quorate
    assert "1 more" in after.summary
    assert register.state(kent.engine, m).quorum.quorate  # nothing was recorded


def test_s2_exempt_item_needs_the_public_excluded_first(kent, dump):
    m = meetings.create_meeting(
        kent.engine, kent.body_id, date(2026, 9, 15), items=[
            meetings.ItemSpec("Provider performance", exempt=True,
                              exempt_reason="commercially sensitive information")])
    meetings.open_meeting(kent.engine, m, at(10, 0))
    item = meetings.meeting_summary(kent.engine, m).items[-1].item_id
    refused(dump, lambda: meetings.start_item(kent.engine, m, item, at(10, 5)),
            "exempt", "exclude the public")
    meetings.start_item(kent.engine, m, item, at(10, 5), public_excluded=True)


def test_s2_the_verdicts_the_table_acts_on(kent):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "police", "yos", "health", "district")
    register.leave(kent.engine, m, kent.ids["district"], at(9, 59))
    register.add_in_attendance(kent.engine, m, "Olu Officer", "Kent County Council",
                               at=at(9, 59))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 1))
    register.withdraw(kent.engine, m, kent.ids["health"], kent.items[4], at(10, 2))
    verdicts = register.verdicts(register.state(kent.engine, m))
    officer = register.state(kent.engine, m).register[-1].person_id
    ids = kent.ids
    assert verdicts.in_room == {ids["chair"], ids["police"], ids["yos"], ids["health"],
                                officer}
    # Members and substitutes declare, those in the room first; never the officer.
    assert verdicts.may_declare[:4] == (ids["chair"], ids["police"], ids["yos"],
                                        ids["health"])
    assert officer not in verdicts.may_declare and len(verdicts.may_declare) == 9
    # The member who withdrew from the item may not be chosen to preside over it.
    assert verdicts.may_preside == (ids["chair"], ids["police"], ids["yos"])
    assert verdicts.back == {ids["health"]: AttendanceKind.RETURN,
                             ids["district"]: AttendanceKind.ARRIVE}

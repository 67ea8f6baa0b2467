"""DOMAIN.md §6 through the services: a year's meetings from the body's frequency —
every two months for Kent LCSP (000 §10.1), quarterly for the revised Kent Children's
Trust board (003 §4.1c) — skipping bank holidays, then moved or cancelled."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlmodel import Session, select

from clerk_app.db.tables import AuditEntry, Meeting, RegisterEntry
from clerk_app.services import meetings, membership, presets, schedule
from clerk_app.services.errors import ClerkError
from clerk_app.services.schedule import Pattern
from tests.conftest import at

LAST_MONDAY = -1
PLANNED_ON = date(2026, 3, 2)  # the year is planned before it starts


def test_s6_kent_lcsp_every_two_months_moves_off_bank_holidays(kent):
    frequency = schedule.meeting_frequency(kent.engine, kent.body_id)
    assert (frequency.months, frequency.source) == (
        2, "Kent LCSP Model Partnership Agreement (June 2008) §10.1")
    pattern = Pattern(frequency.months, first_month=4, week=LAST_MONDAY, weekday=0,
                      start_time=time(14, 0), venue="Sessions House")
    plan = schedule.plan_year(kent.engine, kent.body_id, 2026, pattern, PLANNED_ON)
    assert [p.date for p in plan] == [
        date(2026, 4, 27),
        date(2026, 6, 29),
        date(2026, 9, 1),  # Monday 31 August is the late summer bank holiday
        date(2026, 10, 26),
        date(2026, 12, 29),  # Monday 28 December is Boxing Day (observed)
        date(2027, 2, 22),
    ]
    assert plan[2].note == ("Monday 31 August 2026 is a bank holiday: moved to "
                            "Tuesday 1 September")
    assert plan[0].note == ""
    ids = schedule.create_year(kent.engine, kent.body_id, 2026, pattern, PLANNED_ON)
    listed = schedule.year_meetings(kent.engine, kent.body_id, 2026)
    assert [m.meeting_id for m in listed] == ids
    assert {(m.start_time, m.venue, m.status) for m in listed} == {
        (time(14, 0), "Sessions House", "scheduled")}
    with Session(kent.engine) as session:  # every current member is expected
        expected = session.exec(select(RegisterEntry).where(
            RegisterEntry.meeting_id == ids[0])).all()
    assert len(expected) == len(kent.SEATS)


def test_s6_revised_kct_board_quarterly_skips_easter_and_new_year(engine):
    body = presets.create_body_from_preset(engine, "kent-ct-county-board")
    frequency = schedule.meeting_frequency(engine, body)
    assert (frequency.months, frequency.source) == (
        3, "Kent Children's Trust Strategic Review 2011 §4.1c")
    pattern = Pattern(frequency.months, first_month=4, week=1, weekday=4,
                      start_time=time(10, 0))
    plan = schedule.plan_year(engine, body, 2026, pattern, PLANNED_ON)
    # First Fridays: Good Friday 3 April (and Easter Monday after it), New Year's Day.
    assert [p.date for p in plan] == [date(2026, 4, 7), date(2026, 7, 3), date(2026, 10, 2),
                                      date(2027, 1, 4)]


def test_s6_a_plan_run_twice_never_doubles_a_month(kent):
    pattern = Pattern(2, first_month=5, week=2, weekday=1, start_time=time(10, 0))
    kent.meeting(date(2026, 7, 23))  # July's meeting, arranged by hand on another day
    plan = schedule.plan_year(kent.engine, kent.body_id, 2026, pattern, PLANNED_ON)
    assert [(p.date, p.create) for p in plan][:2] == [(date(2026, 5, 12), True),
                                                      (date(2026, 7, 14), False)]
    assert plan[1].note == "The body has a meeting on Thursday 23 July 2026: not created"
    assert len(schedule.create_year(kent.engine, kent.body_id, 2026, pattern, PLANNED_ON)) == 5
    with pytest.raises(ClerkError, match="already in the record"):
        schedule.create_year(kent.engine, kent.body_id, 2026, pattern, PLANNED_ON)
    assert len(schedule.year_meetings(kent.engine, kent.body_id, 2026)) == 6


def test_s6_a_plan_made_mid_year_skips_passed_dates_and_cancelled_meetings(kent):
    pattern = Pattern(2, first_month=4, week=2, weekday=1, start_time=time(10, 0))
    cancelled = kent.meeting(date(2026, 12, 8))
    meetings.cancel_meeting(kent.engine, cancelled)
    plan = schedule.plan_year(kent.engine, kent.body_id, 2026, pattern, date(2026, 11, 23))
    assert [(p.date, p.create, p.note) for p in plan] == [
        (date(2026, 4, 14), False, "Already passed: not created"),
        (date(2026, 6, 9), False, "Already passed: not created"),
        (date(2026, 8, 11), False, "Already passed: not created"),
        (date(2026, 10, 13), False, "Already passed: not created"),
        (date(2026, 12, 8), False,
         "The body has a meeting on Tuesday 8 December 2026 (cancelled): not created"),
        (date(2027, 2, 9), True, ""),
    ]


def test_s6_a_body_whose_constitution_gives_no_frequency_must_be_told(engine, dump):
    body = presets.create_body_from_preset(engine, "lincolnshire-cypsp")
    assert schedule.meeting_frequency(engine, body).months == 0  # 002 is silent
    before = dump()
    with pytest.raises(ClerkError, match="how often"):
        schedule.create_year(engine, body, 2026, Pattern(0, 4, 1, 1, time(10, 0)), PLANNED_ON)
    with pytest.raises(ClerkError, match="weekday"):
        schedule.plan_year(engine, body, 2026, Pattern(3, 4, 1, 5, time(10, 0)), PLANNED_ON)
    assert dump() == before


def test_s6_a_scheduled_meeting_moves_with_a_warning_and_an_audit_entry(kent):
    m = kent.meeting(date(2026, 5, 19))
    warnings = schedule.reschedule_meeting(kent.engine, m, date(2026, 5, 25), time(14, 30),
                                           "Room 2, Sessions House")
    assert warnings == ["Monday 25 May 2026 is a bank holiday."]
    listed = schedule.year_meetings(kent.engine, kent.body_id, 2026)
    assert [(x.date, x.start_time, x.venue) for x in listed] == [
        (date(2026, 5, 25), time(14, 30), "Room 2, Sessions House")]
    assert listed[0].dispatch_by == date(2026, 5, 14)
    with Session(kent.engine) as session:
        entry = session.exec(select(AuditEntry).where(
            AuditEntry.action == "meeting.reschedule")).one()
    assert entry.detail["old"]["date"] == "2026-05-19"
    assert entry.detail["new"]["venue"] == "Room 2, Sessions House"


def test_s6_a_meeting_that_has_started_cannot_move_and_a_cancelled_one_is_listed(kent, dump):
    opened = kent.meeting()
    meetings.open_meeting(kent.engine, opened, at(10, 0))
    before = dump()
    with pytest.raises(ClerkError, match="already started"):
        schedule.reschedule_meeting(kent.engine, opened, date(2026, 9, 22), time(10, 0), "")
    with pytest.raises(ClerkError, match="line break"):
        schedule.reschedule_meeting(kent.engine, opened, date(2026, 9, 15), None, "Room\n2")
    assert dump() == before
    later = kent.meeting(date(2026, 11, 17))
    meetings.cancel_meeting(kent.engine, later)
    listed = {x.meeting_id: x for x in schedule.year_meetings(kent.engine, kent.body_id, 2026)}
    assert listed[later].status == "cancelled" and not listed[later].editable
    with pytest.raises(ClerkError, match="cancelled"):
        schedule.reschedule_meeting(kent.engine, later, date(2026, 11, 18), None, "")


def test_s6_moving_a_meeting_adds_members_who_sit_on_the_new_day(kent):
    m = kent.meeting(date(2026, 5, 19))
    newcomer = membership.add_person(kent.engine, "Nadia Haddad", "Kent County Council")
    membership.add_member(kent.engine, kent.body_id, newcomer, "education",
                          start_date=date(2026, 6, 1))
    schedule.reschedule_meeting(kent.engine, m, date(2026, 6, 2), time(10, 0), "")
    with Session(kent.engine) as session:
        people = {e.person_id for e in session.exec(select(RegisterEntry).where(
            RegisterEntry.meeting_id == m))}
        assert newcomer in people
        assert session.get(Meeting, m).date == date(2026, 6, 2)

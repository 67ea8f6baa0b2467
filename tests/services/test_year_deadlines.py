"""DOMAIN.md §6 through the services: agenda dispatch deadlines and minutes-due dates on
the dashboard, around Easter, the May bank holidays and Christmas, in both counting
settings, and marking papers dispatched and minutes distributed (002 §6.2, §6.3)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from clerk_app.db.tables import AuditEntry, Meeting
from clerk_app.services import constitution, meetings, minutes, schedule
from clerk_app.services.errors import ClerkError
from tests.conftest import at


def held(kent, day: date) -> int:
    m = kent.meeting(day)
    meetings.open_meeting(kent.engine, m, at(10, 0, day=day))
    meetings.close_meeting(kent.engine, m, at(11, 0, day=day))
    return m


# Meeting day -> (dispatch by, counting the meeting day out; by "clear days").
HOLIDAY_MEETINGS = {
    # Good Friday 3 April and Easter Monday 6 April 2026 are not working days.
    date(2026, 4, 15): (date(2026, 4, 2), date(2026, 4, 1)),
    # DOMAIN.md §6's own example: Monday 4 May 2026 is the early May bank holiday.
    date(2026, 5, 5): (date(2026, 4, 23), date(2026, 4, 22)),
    # Monday 25 May 2026 is the spring bank holiday.
    date(2026, 5, 26): (date(2026, 5, 14), date(2026, 5, 13)),
    # Christmas Day (Fri), Boxing Day observed (Mon 28 Dec) and New Year's Day (Fri 1 Jan).
    date(2027, 1, 5): (date(2026, 12, 22), date(2026, 12, 21)),
}


@pytest.mark.parametrize("counting", ["working_days", "clear_days"])
def test_s6_dispatch_deadlines_around_bank_holidays_in_both_countings(kent, counting):
    constitution.change_setting(kent.engine, kent.body_id, "dispatch_counting", counting)
    ids = {kent.meeting(day): day for day in HOLIDAY_MEETINGS}
    rows = schedule.deadlines_dashboard(kent.engine, kent.body_id, today=date(2026, 3, 1))
    papers = {r.meeting_date: r.due for r in rows if r.task == "papers"}
    column = 0 if counting == "working_days" else 1
    assert papers == {day: dates[column] for day, dates in HOLIDAY_MEETINGS.items()}
    # The single meeting's deadline (meetings.deadlines) says the same.
    for meeting_id, day in ids.items():
        assert meetings.deadlines(kent.engine, meeting_id).dispatch_by == papers[day]
    assert {r.rule for r in rows} == {schedule.counting_words(
        7, schedule.DispatchCounting(counting))}


@pytest.mark.usefixtures("clock_after_the_meetings")
def test_s6_minutes_are_due_ten_calendar_days_after_even_over_christmas(kent):
    before_christmas = held(kent, date(2026, 12, 16))
    after_new_year = held(kent, date(2027, 1, 5))
    rows = schedule.deadlines_dashboard(kent.engine, kent.body_id, today=date(2027, 1, 20))
    minutes = {r.meeting_id: r for r in rows if r.task == "minutes"}
    # "Within ten days" (002 §6.3): calendar days, so Boxing Day itself.
    assert minutes[before_christmas].due == date(2026, 12, 26)
    assert minutes[after_new_year].due == date(2027, 1, 15)
    assert minutes[after_new_year].state_words == "Overdue by 5 days"
    assert [r.meeting_id for r in rows][:2] == [before_christmas, after_new_year]


def test_s6_dashboard_puts_overdue_first_and_leaves_out_cancelled_and_done(kent):
    today = date(2026, 11, 23)
    late_minutes = held(kent, date(2026, 10, 13))
    sent_minutes = held(kent, date(2026, 11, 10))
    papers_overdue = kent.meeting(date(2026, 11, 26))  # dispatch by 17 November
    papers_due = kent.meeting(date(2026, 12, 8))
    cancelled = kent.meeting(date(2027, 2, 9))
    meetings.cancel_meeting(kent.engine, cancelled)
    minutes.mark_distributed(kent.engine, sent_minutes, date(2026, 11, 16))
    rows = schedule.deadlines_dashboard(kent.engine, kent.body_id, today=today)
    assert [(r.meeting_id, r.task, r.state) for r in rows] == [
        (late_minutes, "minutes", "overdue"),
        (papers_overdue, "papers", "overdue"),
        (papers_due, "papers", "due"),
    ]
    assert rows[1].state_words == "Overdue by 6 days"
    assert rows[2].state_words == "Due in 4 days"  # by Friday 27 November
    everything = schedule.deadlines_dashboard(kent.engine, kent.body_id, today=today,
                                              include_done=True)
    assert cancelled not in {r.meeting_id for r in everything}
    sent = next(r for r in everything if r.meeting_id == sent_minutes and r.task == "minutes")
    assert (sent.state, sent.state_words) == ("done", "Distributed 16 November 2026")


def test_s6_papers_dispatched_are_saved_audited_and_can_be_undone(kent):
    m = kent.meeting(date(2026, 12, 8))
    schedule.set_papers_dispatched(kent.engine, m, date(2026, 11, 30), today=date(2026, 12, 1))
    row = next(r for r in schedule.deadlines_dashboard(kent.engine, kent.body_id,
                                                       today=date(2026, 12, 1)))
    # Due by Friday 27 November: sent the next working day is late, and says so.
    assert (row.state, row.state_words) == ("done_late", "Sent 30 November 2026, 3 days late")
    schedule.set_papers_dispatched(kent.engine, m, None, today=date(2026, 12, 1))
    with Session(kent.engine) as session:
        assert session.get(Meeting, m).papers_dispatched_on is None
        actions = [a.action for a in session.exec(
            select(AuditEntry).where(AuditEntry.meeting_id == m).order_by(AuditEntry.id))]
    assert actions[-2:] == ["papers.dispatched", "papers.not_dispatched"]


def test_s6_impossible_dispatch_dates_are_refused_and_nothing_is_written(kent, dump):
    m = kent.meeting(date(2026, 12, 8))
    before = dump()
    with pytest.raises(ClerkError, match="has not come yet"):
        schedule.set_papers_dispatched(kent.engine, m, date(2026, 12, 2), today=date(2026, 12, 1))
    with pytest.raises(ClerkError, match="after the meeting"):
        schedule.set_papers_dispatched(kent.engine, m, date(2026, 12, 9), today=date(2026, 12, 20))
    assert dump() == before
    meetings.cancel_meeting(kent.engine, m)
    after_cancel = dump()
    with pytest.raises(ClerkError, match="cancelled"):
        schedule.set_papers_dispatched(kent.engine, m, date(2026, 12, 1), today=date(2026, 12, 2))
    assert dump() == after_cancel


def test_s6_approved_minutes_without_a_distribution_date_are_not_overdue(kent):
    m = held(kent, date(2026, 9, 15))
    with Session(kent.engine) as session:  # approved at the next meeting (§6)
        row = session.get(Meeting, m)
        row.minutes_status, row.minutes_approved_on = "approved", date(2026, 11, 10)
        session.add(row)
        session.commit()
    assert schedule.deadlines_dashboard(kent.engine, kent.body_id, today=date(2026, 11, 23)) == []
    rows = schedule.deadlines_dashboard(kent.engine, kent.body_id, today=date(2026, 11, 23),
                                        include_done=True)
    minutes_row = next(r for r in rows if r.task == "minutes")
    assert minutes_row.state == "approved" and not minutes_row.overdue
    # The record is locked by approval: the papers date can no longer change.
    with pytest.raises(ClerkError, match="approved"):
        schedule.set_papers_dispatched(kent.engine, m, date(2026, 9, 1), today=date(2026, 11, 23))


def test_s6_a_past_meeting_never_opened_is_listed_for_the_clerk_to_record(kent):
    forgotten = kent.meeting(date(2026, 10, 13))
    rows = schedule.deadlines_dashboard(kent.engine, kent.body_id, today=date(2026, 11, 23))
    assert [(r.meeting_id, r.task_words, r.overdue) for r in rows] == [
        (forgotten, "Meeting record", True)]
    assert (rows[0].due, rows[0].state_words) == (date(2026, 10, 13), "Day passed, never opened")
    assert rows[0].rule == "Open and close it in the record, or cancel it"

"""DOMAIN.md §6-§7 through the services: the attendance year across the 31 March /
1 April boundary, and each meeting's deadlines, on the Kent LCSP preset (000)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from clerk_app.rules.attendance import Status
from clerk_app.services import meetings, membership, presets, register
from clerk_app.services.attendance import deputy_words, status_words, year_report
from tests.conftest import at


def held(kent, day, present=(), substitute=None, apologies=()):
    """A closed meeting on `day` at which the given members were present."""
    m = kent.meeting(day)
    for n, key in enumerate(present):
        register.arrive(kent.engine, m, kent.ids[key], at(9, 50 + n, day=day))
    for key in apologies:
        register.send_apologies(kent.engine, m, kent.ids[key])
    if substitute:
        member, deputy = substitute
        register.add_substitute(kent.engine, m, kent.ids[member], kent.ids[deputy],
                                at(9, 58, day=day))
    meetings.open_meeting(kent.engine, m, at(10, 0, day=day))
    meetings.close_meeting(kent.engine, m, at(11, 0, day=day))
    return m


@pytest.mark.usefixtures("clock_after_the_meetings")
def test_s7_year_runs_april_to_march_across_the_boundary(kent):
    held(kent, date(2026, 6, 2), substitute=("police", "police_deputy"))
    held(kent, date(2026, 9, 1), present=["police"])
    held(kent, date(2026, 12, 1), present=["police"])
    held(kent, date(2027, 3, 31), apologies=["police"])  # last day of 2026-27
    held(kent, date(2027, 4, 1), present=["police"])  # first day of 2027-28
    report = {r.name: r.stats for r in year_report(kent.engine, kent.body_id, 2026,
                                                   today=date(2027, 5, 1)).members}
    police = report["Daniel Okafor"]
    assert (police.held, police.present, police.substitute, police.apologies) == (4, 2, 1, 1)
    # Kent: 3 of 4 (000 §9.2); the deputy's attendance counts, so exactly at the threshold.
    assert police.rate == Fraction(3, 4) and police.status is Status.MET
    later = {r.name: r.stats for r in year_report(kent.engine, kent.body_id, 2027,
                                                  today=date(2027, 5, 1)).members}
    assert (later["Daniel Okafor"].held, later["Daniel Okafor"].present) == (1, 1)


def test_s7_cancelled_meeting_counts_for_nobody_and_future_ones_leave_room(kent):
    held(kent, date(2026, 4, 14), present=["chair"], apologies=["police"])
    held(kent, date(2026, 6, 9), apologies=["police"])
    cancelled = kent.meeting(date(2026, 8, 11))
    meetings.cancel_meeting(kent.engine, cancelled)
    for day in (date(2026, 10, 13), date(2026, 12, 8), date(2027, 2, 9),
                date(2027, 3, 9), date(2027, 3, 23)):
        kent.meeting(day)
    report = {r.name: r.stats for r in year_report(kent.engine, kent.body_id, 2026,
                                                   today=date(2026, 9, 1)).members}
    police = report["Daniel Okafor"]
    assert police.held == 2 and police.attended == 0
    # Five still to come: at best 5 of 7 (71%), short of Kent's 3 of 4.
    assert police.status is Status.MISSED
    # Present once: at best 6 of 7 (86%), still reachable.
    chair = report["Helen Marsh"]
    assert (chair.attended, chair.absent, chair.status) == (1, 1, Status.AT_RISK)


def test_s6_deadlines_of_a_meeting_after_a_bank_holiday(kent):
    m = kent.meeting(date(2026, 5, 5))  # Monday 4 May 2026 is a bank holiday
    deadlines = meetings.deadlines(kent.engine, m)
    assert deadlines.dispatch_by == date(2026, 4, 23)
    assert deadlines.minutes_due == date(2026, 5, 15)


def test_s7_each_meeting_mark_and_the_deputies_used_against_kents_limit(kent):
    # Kent: a named deputy may attend "up to one meeting a year" (000, agreement item 10).
    first = held(kent, date(2026, 4, 1), substitute=("police", "police_deputy"),
                 present=["health"])
    second = held(kent, date(2026, 6, 2), substitute=("police", "police_deputy"),
                  apologies=["health"])
    report = year_report(kent.engine, kent.body_id, 2026, today=date(2026, 7, 1))
    police = next(m for m in report.members if m.name == "Daniel Okafor")
    health = next(m for m in report.members if m.name == "Siân Pritchard")
    assert [(m.meeting_date, m.mark.value) for m in police.marks] == [
        (date(2026, 4, 1), "substitute"), (date(2026, 6, 2), "substitute")]
    assert [m.mark.value for m in health.marks] == ["present", "apologies"]
    assert (police.deputies_used, police.deputy_limit, police.over_deputy_limit) == (2, 1, True)
    assert deputy_words(police) == "2 of 1 — over the limit"
    assert (health.deputies_used, deputy_words(health)) == (0, "0 of 1")
    assert [m.meeting_id for m in report.meetings] == [first, second]


def test_s7_a_member_who_joins_mid_year_is_judged_on_the_meetings_since(kent):
    held(kent, date(2026, 4, 14), present=["chair"])
    held(kent, date(2026, 6, 9), present=["chair"])
    late = membership.add_person(kent.engine, "Nadia Haddad", "Kent County Council")
    membership.add_member(kent.engine, kent.body_id, late, "education", start_date=date(2026, 7, 1))
    held(kent, date(2026, 8, 11), present=["chair"])
    m = kent.meeting(date(2026, 10, 13))
    register.arrive(kent.engine, m, late, at(9, 55, day=date(2026, 10, 13)))
    meetings.open_meeting(kent.engine, m, at(10, 0, day=date(2026, 10, 13)))
    meetings.close_meeting(kent.engine, m, at(11, 0, day=date(2026, 10, 13)))
    report = {r.name: r for r in year_report(kent.engine, kent.body_id, 2026,
                                            today=date(2026, 11, 1)).members}
    nadia = report["Nadia Haddad"]
    assert (nadia.stats.held, nadia.stats.present, nadia.stats.absent) == (2, 1, 1)
    assert nadia.stats.rate == Fraction(1, 2)
    assert report["Helen Marsh"].stats.held == 4


def test_s7_at_risk_says_how_many_of_the_meetings_left_must_be_attended(kent):
    held(kent, date(2026, 4, 14), present=["chair"], apologies=["police"])
    held(kent, date(2026, 6, 9), present=["chair", "police"])
    for day in (date(2026, 10, 13), date(2026, 12, 8)):
        kent.meeting(day)
    report = year_report(kent.engine, kent.body_id, 2026, today=date(2026, 9, 1))
    police = next(m for m in report.members if m.name == "Daniel Okafor")
    # 1 of 2 so far; with 2 to come, 3 of 4 (Kent's threshold) needs both.
    assert (police.stats.status, police.stats.needed, police.remaining) == (Status.AT_RISK, 2, 2)
    assert status_words(police) == "At risk: must attend all 2 meetings left"
    chair = next(m for m in report.members if m.name == "Helen Marsh")
    assert status_words(chair) == "Met"
    assert report.threshold_words == "75% of meetings held (3 of 4)"
    assert report.threshold_source.startswith(
        "Kent LCSP Model Partnership Agreement (June 2008) §9.2")
    assert (report.held, report.to_come, report.cancelled) == (2, 2, 0)


@pytest.mark.usefixtures("clock_after_the_meetings")
def test_s7_lincolnshire_seventy_percent_is_met_at_exactly_seven_of_ten(engine):
    # 002 §6.5: "a 70% attendance rate is expected"; exactly 7 of 10 meets it.
    body = presets.create_body_from_preset(engine, "lincolnshire-cypsp")
    member = membership.add_person(engine, "Eleanor Whitby", "Lincolnshire County Council")
    other = membership.add_person(engine, "Owen Pryce", "Lincolnshire Police")
    membership.add_member(engine, body, member, "police", start_date=date(2026, 4, 1))
    membership.add_member(engine, body, other, "probation", start_date=date(2026, 4, 1))
    days = [date(2026, month, 10) for month in range(4, 13)] + [date(2027, 3, 31)]
    for n, day in enumerate(days):
        m = meetings.create_meeting(engine, body, day)
        if n < 7:
            register.arrive(engine, m, member, at(9, 55, day=day))
        if n < 6:
            register.arrive(engine, m, other, at(9, 56, day=day))
        meetings.open_meeting(engine, m, at(10, 0, day=day))
        meetings.close_meeting(engine, m, at(11, 0, day=day))
    report = {r.name: r for r in year_report(engine, body, 2026, today=date(2027, 4, 1)).members}
    assert report["Eleanor Whitby"].stats.rate == Fraction(7, 10)
    assert status_words(report["Eleanor Whitby"]) == "Met"
    assert status_words(report["Owen Pryce"]) == "Missed: out of reach this year"
    assert deputy_words(report["Owen Pryce"]) == "0 (no limit)"  # 002 §4.2 sets none


def test_s7_a_past_meeting_never_opened_is_flagged_for_the_clerk(kent):
    held(kent, date(2026, 4, 14), present=["chair"])
    forgotten = kent.meeting(date(2026, 6, 9))
    report = year_report(kent.engine, kent.body_id, 2026, today=date(2026, 7, 1))
    assert [m.meeting_id for m in report.unrecorded] == [forgotten]
    chair = next(m for m in report.members if m.name == "Helen Marsh")
    assert (chair.stats.held, chair.stats.absent) == (2, 1)

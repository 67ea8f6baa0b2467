"""DOMAIN.md §6-§7 through the services: the attendance year across the 31 March /
1 April boundary, and each meeting's deadlines, on the Kent LCSP preset (000)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from clerk_app.rules.attendance import Status
from clerk_app.services import meetings, register
from clerk_app.services.attendance import year_report
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


def test_s7_year_runs_april_to_march_across_the_boundary(kent):
    held(kent, date(2026, 6, 2), substitute=("police", "police_deputy"))
    held(kent, date(2026, 9, 1), present=["police"])
    held(kent, date(2026, 12, 1), present=["police"])
    held(kent, date(2027, 3, 31), apologies=["police"])  # last day of 2026-27
    held(kent, date(2027, 4, 1), present=["police"])  # first day of 2027-28
    report = {r.name: r.stats for r in year_report(kent.engine, kent.body_id, 2026,
                                                   today=date(2027, 5, 1))}
    police = report["Daniel Okafor"]
    assert (police.held, police.present, police.substitute, police.apologies) == (4, 2, 1, 1)
    # Kent: 3 of 4 (000 §9.2); the deputy's attendance counts, so exactly at the threshold.
    assert police.rate == Fraction(3, 4) and police.status is Status.MET
    later = {r.name: r.stats for r in year_report(kent.engine, kent.body_id, 2027,
                                                  today=date(2027, 5, 1))}
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
                                                   today=date(2026, 9, 1))}
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

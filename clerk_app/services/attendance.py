"""Attendance over an April-March year, per member, against the body's threshold
(DOMAIN.md §7; Kent 3 of 4, 000 §9.2; Lincolnshire 70%, 002 §5.1, §6.5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.tables import AttendanceEvent, Meeting, Membership, Person, RegisterEntry
from clerk_app.rules.attendance import Mark, MeetingMark, YearStats, year_bounds, year_stats
from clerk_app.services.bodies import body_rules


@dataclass(frozen=True)
class MemberYear:
    person_id: int
    name: str
    stats: YearStats


def year_report(engine: Engine, body_id: int, start_year: int,
                today: date | None = None) -> list[MemberYear]:
    """Each member's attendance in the year starting 1 April `start_year`.

    A meeting counts once it has taken place (closed, or dated before today); scheduled
    meetings still to come are the "remaining" that decide whether a member is at risk.
    Cancelled meetings count for nobody.
    """
    today = today or date.today()
    first, last = year_bounds(start_year)
    with Session(engine) as session:
        threshold = body_rules(session, body_id).threshold
        meetings = session.exec(select(Meeting).where(
            Meeting.body_id == body_id, Meeting.date >= first, Meeting.date <= last,
            Meeting.status != "cancelled")).all()
        held = [m for m in meetings if m.status == "closed" or m.date < today]
        remaining = len(meetings) - len(held)
        held_ids = [m.id for m in held]
        entries = session.exec(select(RegisterEntry).where(
            RegisterEntry.meeting_id.in_(held_ids))).all()
        arrived = {(e.meeting_id, e.person_id) for e in session.exec(
            select(AttendanceEvent).where(AttendanceEvent.meeting_id.in_(held_ids),
                                          AttendanceEvent.kind == "arrive"))}
        report = []
        for membership in session.exec(select(Membership).where(
                Membership.body_id == body_id)):
            marks = [
                MeetingMark(m.date, _mark(m.id, membership, entries, arrived))
                for m in held if _member_on(membership, m.date)
            ]
            if not marks and not remaining:
                continue
            person = session.get(Person, membership.person_id)
            report.append(MemberYear(person.id, person.name,
                                     year_stats(marks, threshold, remaining)))
        return sorted(report, key=lambda r: r.name.casefold())


def _member_on(membership: Membership, day: date) -> bool:
    return ((membership.start_date is None or membership.start_date <= day)
            and (membership.end_date is None or day <= membership.end_date))


def _mark(meeting_id: int, membership: Membership, entries, arrived) -> Mark:
    if (meeting_id, membership.person_id) in arrived:
        return Mark.PRESENT
    substitutes = [e for e in entries if e.meeting_id == meeting_id
                   and e.substitute_for_membership_id == membership.id
                   and (meeting_id, e.person_id) in arrived]
    if substitutes:
        return Mark.SUBSTITUTE
    own = next((e for e in entries if e.meeting_id == meeting_id
                and e.person_id == membership.person_id), None)
    return Mark.APOLOGIES if own is not None and own.apologies else Mark.ABSENT

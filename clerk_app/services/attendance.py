"""Attendance over the body's year (April to March unless it says otherwise), per member,
against the body's threshold (DOMAIN.md §7; Kent 3 of 4, 000 §9.2; Lincolnshire 70%,
002 §5.1, §6.5).

The report is one plain snapshot: the attendance view, its chart, the spreadsheets and
the annual report pack all read the same `YearReport`, so they can never disagree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.tables import (
    AttendanceEvent,
    Body,
    BodySetting,
    Category,
    Meeting,
    Membership,
    Person,
    RegisterEntry,
    standing,
)
from clerk_app.export.year_data import MemberYear, YearMeeting, YearReport
from clerk_app.export.year_words import counted_words, deputy_words, percent, status_words
from clerk_app.rules.attendance import (
    Mark,
    MeetingMark,
    year_bounds,
    year_start,
    year_stats,
)
from clerk_app.rules.roster import active_on
from clerk_app.rules.vocabulary import (
    AttendanceKind,
    Capacity,
    MeetingStatus,
    SettingKey,
    YearMeetingState,
)
from clerk_app.services.constitution import BodyRules, body_rules
from clerk_app.services.errors import NotFound
from clerk_app.services.organisations import agency_of
from clerk_app.services.presets import readable_source

# The result types live in export/year_data.py, their words in export/year_words.py;
# named here for the screens.
__all__ = ["MemberYear", "YearMeeting", "YearReport", "attendance_years", "counted_words",
           "deputy_words", "first_month", "percent", "status_words", "year_report"]


def first_month(engine: Engine, body_id: int) -> int:
    """The month (1-12) the body's year starts in: April unless its setting says otherwise."""
    with Session(engine) as session:
        if session.get(Body, body_id) is None:
            raise NotFound("That body is no longer in the record: choose another.")
        return body_rules(session, body_id).year_start_month


def attendance_years(engine: Engine, body_id: int, today: date | None = None) -> list[int]:
    """The years of the body that have its meetings, and the current one, latest first:
    what the year selector offers (each year by the calendar year it starts in)."""
    today = today or date.today()
    month = first_month(engine, body_id)
    with Session(engine) as session:
        dates = session.exec(select(Meeting.date).where(Meeting.body_id == body_id)).all()
    return sorted({year_start(d, month) for d in dates} | {year_start(today, month)},
                  reverse=True)


def year_report(engine: Engine, body_id: int, start_year: int,
                today: date | None = None) -> YearReport:
    """Each member's attendance in the body's year starting in `start_year` (on 1 April,
    unless the body's year starts in another month).

    A meeting counts once it has taken place (closed, or dated before today); scheduled
    meetings still to come are the "remaining" that decide whether a member is at risk.
    Cancelled meetings count for nobody. A member is judged only on the meetings held
    while they held the seat, and only the meetings to come before their seat ends are
    theirs to recover with.
    """
    today = today or date.today()
    with Session(engine) as session:
        body = session.get(Body, body_id)
        if body is None:
            raise NotFound("That body is no longer in the record: choose another.")
        rules = body_rules(session, body_id)
        first, last = year_bounds(start_year, rules.year_start_month)
        source = session.exec(select(BodySetting.source).where(
            BodySetting.body_id == body_id,
            BodySetting.key == SettingKey.ATTENDANCE_THRESHOLD)).first()
        meetings = _year_meetings(session, body_id, first, last, today)
        presence = _presence(session, meetings)
        members = _members_year(session, body_id, first, last, meetings, presence, rules)
        return YearReport(
            body_id=body_id, body_name=body.name, start_year=start_year, today=today,
            threshold=rules.threshold, threshold_source=readable_source(source or ""),
            deputy_limit=rules.deputy_limit, meetings=meetings,
            members=tuple(sorted(members, key=lambda r: (r.name.casefold(), r.membership_id))),
            first_month=rules.year_start_month,
        )


def _year_meetings(session: Session, body_id: int, first: date, last: date,
                   today: date) -> tuple[YearMeeting, ...]:
    """Which meetings fall in the year, and whether each is held, to come or cancelled."""
    rows = session.exec(select(Meeting).where(
        Meeting.body_id == body_id, Meeting.date >= first, Meeting.date <= last)
        .order_by(Meeting.date, Meeting.id)).all()
    return tuple(YearMeeting(m.id, m.date, _state(m, today), m.status) for m in rows)


@dataclass(frozen=True)
class _Presence:
    """Who was at the year's meetings, as (meeting id, person id) or (meeting id,
    membership id) pairs, and how many substitutes each membership sent."""

    arrived: set[tuple[int, int]]  # (meeting, person) who arrived at a held meeting
    apologies: set[tuple[int, int]]  # (meeting, person) who sent apologies
    represented: set[tuple[int, int]]  # (meeting, membership) a substitute sat for
    deputies: dict[int, int]  # membership -> meetings with a substitute registered
    remote: set[tuple[int, int]]  # (meeting, person) on a video link


def _presence(session: Session, meetings: tuple[YearMeeting, ...]) -> _Presence:
    """Who arrived, who sent apologies, and for whom a substitute sat or was registered."""
    counted_ids = [m.meeting_id for m in meetings if m.state != YearMeetingState.CANCELLED]
    held_ids = {m.meeting_id for m in meetings if m.state == YearMeetingState.HELD}
    # Plain rows, not ORM objects: a year of a large board is thousands of them.
    entries = session.exec(select(
        RegisterEntry.meeting_id, RegisterEntry.person_id, RegisterEntry.apologies,
        RegisterEntry.capacity, RegisterEntry.substitute_for_membership_id,
        RegisterEntry.remote).where(
        RegisterEntry.meeting_id.in_(counted_ids), standing(RegisterEntry))).all()
    arrived = {(meeting, person) for meeting, person in session.exec(
        select(AttendanceEvent.meeting_id, AttendanceEvent.person_id).where(
            AttendanceEvent.meeting_id.in_(list(held_ids)),
            AttendanceEvent.kind == AttendanceKind.ARRIVE, standing(AttendanceEvent)))}
    apologies = {(e.meeting_id, e.person_id) for e in entries if e.apologies}
    remote = {(e.meeting_id, e.person_id) for e in entries if e.remote}
    represented: set[tuple[int, int]] = set()
    deputies: dict[int, int] = defaultdict(int)
    for e in entries:
        if e.capacity == Capacity.SUBSTITUTE and e.substitute_for_membership_id:
            deputies[e.substitute_for_membership_id] += 1
            if (e.meeting_id, e.person_id) in arrived:
                represented.add((e.meeting_id, e.substitute_for_membership_id))
    return _Presence(arrived, apologies, represented, deputies, remote)


def _members_year(session: Session, body_id: int, first: date, last: date,
                  meetings: tuple[YearMeeting, ...], presence: _Presence,
                  rules: BodyRules) -> list[MemberYear]:
    """The year of each membership that overlaps it, judged on the meetings it held."""
    held = [m for m in meetings if m.state == YearMeetingState.HELD]
    to_come = [m for m in meetings if m.state == YearMeetingState.TO_COME]
    people = {p.id: p for p in session.exec(select(Person).join(
        Membership, Membership.person_id == Person.id).where(Membership.body_id == body_id))}
    categories = {c.id: c.name for c in session.exec(
        select(Category).where(Category.body_id == body_id))}
    report = []
    for membership in session.exec(select(Membership).where(Membership.body_id == body_id)):
        if not _overlaps(membership, first, last):
            continue
        marks = tuple(
            MeetingMark(m.date, _mark(m.meeting_id, membership, presence))
            for m in held if active_on(membership.start_date, membership.end_date, m.date))
        remaining = sum(1 for m in to_come
                        if active_on(membership.start_date, membership.end_date, m.date))
        person = people[membership.person_id]
        report.append(MemberYear(
            person_id=person.id, membership_id=membership.id, name=person.name,
            agency=agency_of(session, person), category=categories.get(membership.category_id, ""),
            stats=year_stats(marks, rules.threshold, remaining), marks=marks,
            remaining=remaining,
            deputies_used=presence.deputies.get(membership.id, 0),
            deputy_limit=rules.deputy_limit,
        ))
    return report


def _state(meeting: Meeting, today: date) -> YearMeetingState:
    if meeting.status == MeetingStatus.CANCELLED:
        return YearMeetingState.CANCELLED
    if meeting.status == MeetingStatus.CLOSED or meeting.date < today:
        return YearMeetingState.HELD
    return YearMeetingState.TO_COME


def _overlaps(membership: Membership, first: date, last: date) -> bool:
    return ((membership.start_date is None or membership.start_date <= last)
            and (membership.end_date is None or first <= membership.end_date))


def _mark(meeting_id: int, membership: Membership, presence: _Presence) -> Mark:
    # The member arriving ends the substitution (§1): present wins over substitute.
    person = (meeting_id, membership.person_id)
    if person in presence.arrived:
        return Mark.REMOTE if person in presence.remote else Mark.PRESENT
    if (meeting_id, membership.id) in presence.represented:
        return Mark.SUBSTITUTE
    if person in presence.apologies:
        return Mark.APOLOGIES
    return Mark.ABSENT

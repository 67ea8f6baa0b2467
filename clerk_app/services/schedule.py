"""The meeting calendar: a year's meetings from the body's frequency, moving them, and the
deadlines around each one (DOMAIN.md §6).

Kent LCSP meets "once every two months or more frequently if required" (000 §10.1);
the revised Kent Children's Trust board "will meet quarterly" (003 §4.1c). The frequency
is the body's `meeting_frequency_months` setting. Agenda papers go out seven working
days ahead (002 §6.2) and minutes within ten days (002 §6.3), by the body's settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import (
    AttendanceEvent,
    Body,
    BodySetting,
    Meeting,
    RegisterEntry,
    standing,
)
from clerk_app.rules.attendance import year_bounds, year_label, year_months
from clerk_app.rules.deadlines import (
    DispatchCounting,
    dispatch_deadline,
    is_working_day,
    minutes_due,
)
from clerk_app.rules.limits import TextKind
from clerk_app.rules.vocabulary import (
    DeadlineState,
    DeadlineTask,
    MeetingStatus,
    MinutesStatus,
    SettingKey,
)
from clerk_app.services import attendance, meetings
from clerk_app.services.constitution import body_rules
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.membership import active_memberships, check_name
from clerk_app.services.presets import readable_source
from clerk_app.services.recording import audit, writable_meeting

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
WEEKS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def long_date(day: date) -> str:
    """"Tuesday 5 May 2026": how a clerk writes a date (no leading zero)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


# --- The year's schedule -------------------------------------------------------------


@dataclass(frozen=True)
class Frequency:
    """How often the body meets, as its constitution says (0: the source is silent)."""

    months: int
    source: str
    assumed: bool
    note: str


def meeting_frequency(engine: Engine, body_id: int) -> Frequency:
    with Session(engine) as session:
        if session.get(Body, body_id) is None:
            raise NotFound("That body is no longer in the record: choose another.")
        row = session.exec(select(BodySetting).where(
            BodySetting.body_id == body_id,
            BodySetting.key == SettingKey.MEETING_FREQUENCY_MONTHS)).first()
    if row is None:
        return Frequency(0, "", True, "The constitution does not say how often it meets.")
    return Frequency(int(row.value or 0), readable_source(row.source), row.assumed,
                     readable_source(row.note))


@dataclass(frozen=True)
class Pattern:
    """A regular meeting: "every two months from April, the second Tuesday, 10:00".

    Attributes:
        every_months: 2 for Kent LCSP (000 §10.1), 3 for quarterly (003 §4.1c).
        first_month: the month (1-12) of the year's first meeting.
        week: 1-4 for the first to fourth weekday of the month, -1 for the last.
        weekday: 0 Monday to 4 Friday.
    """

    every_months: int
    first_month: int
    week: int
    weekday: int
    start_time: time
    venue: str = ""

    def words(self) -> str:
        every = {1: "Every month", 2: "Every two months", 3: "Quarterly",
                 6: "Every six months", 12: "Once a year"}.get(
            self.every_months, f"Every {self.every_months} months")
        return (f"{every} from {date(2000, self.first_month, 1):%B}, the "
                f"{WEEKS[self.week]} {WEEKDAYS[self.weekday]} at {self.start_time:%H:%M}")


@dataclass(frozen=True)
class PlannedMeeting:
    """One date of the plan, and why it is what it is."""

    date: date
    start_time: time
    venue: str
    note: str = ""  # e.g. "Monday 25 May 2026 is a bank holiday: moved to the next working day"
    create: bool = True  # False when the body already has a meeting that day


def _nth_weekday(year: int, month: int, week: int, weekday: int) -> date:
    if week == -1:
        last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))


def _check_pattern(pattern: Pattern) -> None:
    if not 1 <= pattern.every_months <= 12:
        raise ClerkError("Choose how often the body meets: every 1 to 12 months.")
    if not 1 <= pattern.first_month <= 12:
        raise ClerkError("Choose the month of the first meeting.")
    if pattern.week not in WEEKS:
        raise ClerkError("Choose which week of the month: first to fourth, or last.")
    if not 0 <= pattern.weekday <= 4:
        raise ClerkError("Regular meetings fall on a weekday, Monday to Friday; add a "
                         "weekend development day as a single meeting instead.")
    if pattern.venue:
        check_name(pattern.venue, "venue", TextKind.TEXT)


def plan_year(engine: Engine, body_id: int, start_year: int, pattern: Pattern,
              today: date | None = None) -> list[PlannedMeeting]:
    """The dates a pattern gives in the body's year starting in `start_year` (April to
    March unless the body's year starts in another month).

    A date that is not a working day (a bank holiday in England and Wales: Good Friday,
    Easter Monday, the May bank holidays, Christmas) moves to the next working day, and
    the plan says so; the clerk can still move any meeting afterwards. A date that has
    passed, or in a month in which the body already has a meeting (a cancelled one
    included: the clerk cancelled it for a reason), is shown but not created: running a
    plan twice, or after arranging one meeting by hand, never doubles a month.
    """
    _check_pattern(pattern)
    today = today or date.today()
    with Session(engine) as session:
        if session.get(Body, body_id) is None:
            raise NotFound("That body is no longer in the record: choose another.")
        year_first = body_rules(session, body_id).year_start_month
        first, last = year_bounds(start_year, year_first)
        existing = session.exec(select(Meeting).where(
            Meeting.body_id == body_id, Meeting.date >= first,
            Meeting.date <= last + timedelta(days=14)).order_by(Meeting.date)).all()
    taken: dict[tuple[int, int] | date, Meeting] = {}
    for m in existing:
        taken.setdefault((m.date.year, m.date.month), m)
        taken.setdefault(m.date, m)
    months = year_months(year_first)
    plan = []
    for month in months[months.index(pattern.first_month)::pattern.every_months]:
        year = start_year if month >= year_first else start_year + 1
        day = _nth_weekday(year, month, pattern.week, pattern.weekday)
        note = ""
        if not is_working_day(day):
            moved = day
            while not is_working_day(moved):
                moved += timedelta(days=1)
            note = (f"{long_date(day)} is a bank holiday: moved to {moved:%A} {moved.day} "
                    f"{moved:%B}")
            day = moved
        same = taken.get((year, month)) or taken.get(day)
        if day < today:
            plan.append(PlannedMeeting(day, pattern.start_time, pattern.venue,
                                       "Already passed: not created", False))
        elif same is not None:
            cancelled = " (cancelled)" if same.status == MeetingStatus.CANCELLED else ""
            plan.append(PlannedMeeting(
                day, pattern.start_time, pattern.venue,
                f"The body has a meeting on {long_date(same.date)}{cancelled}: not created",
                False))
        else:
            plan.append(PlannedMeeting(day, pattern.start_time, pattern.venue, note))
    return plan


def create_year(engine: Engine, body_id: int, start_year: int, pattern: Pattern,
                today: date | None = None) -> list[int]:
    """Create the planned meetings (each with the standard opening items and every
    current member expected) and return their ids.

    Each meeting is created as its own saved action, after the whole plan has been
    checked; should one fail (a full disk), those before it are kept and running the
    plan again creates only the ones still missing.
    """
    plan = plan_year(engine, body_id, start_year, pattern, today)
    to_create = [p for p in plan if p.create]
    if not to_create:
        label = year_label(start_year, attendance.first_month(engine, body_id))
        raise ClerkError(f"Every date of this plan for {label} has passed or "
                         "is already in the record: nothing to create.")
    return [meetings.create_meeting(engine, body_id, p.date, p.start_time, p.venue)
            for p in to_create]


@dataclass(frozen=True)
class ScheduledMeeting:
    """One meeting of the year as the schedule lists it."""

    meeting_id: int
    date: date
    start_time: time | None
    venue: str
    status: str
    minutes_status: str
    dispatch_by: date

    @property
    def editable(self) -> bool:
        return (self.status == MeetingStatus.SCHEDULED
                and self.minutes_status != MinutesStatus.APPROVED)


def year_meetings(engine: Engine, body_id: int, start_year: int) -> list[ScheduledMeeting]:
    """The body's meetings in its year starting in `start_year`, by date, cancelled ones
    included."""
    with Session(engine) as session:
        rules = body_rules(session, body_id)
        first, last = year_bounds(start_year, rules.year_start_month)
        rows = session.exec(select(Meeting).where(
            Meeting.body_id == body_id, Meeting.date >= first, Meeting.date <= last)
            .order_by(Meeting.date, Meeting.start_time, Meeting.id)).all()
    return [ScheduledMeeting(
        m.id, m.date, m.start_time, m.venue, m.status, m.minutes_status,
        dispatch_deadline(m.date, rules.dispatch_working_days, rules.dispatch_counting))
        for m in rows]


def reschedule_meeting(engine: Engine, meeting_id: int, day: date, start_time: time | None,
                       venue: str) -> list[str]:
    """Change a scheduled meeting's date, time or venue; returns warnings for the clerk.

    Only a meeting that has not started may move: once opened, its date is part of the
    record. A date that is not a working day is allowed (a development day may fall on a
    Saturday) but the clerk is told. Members who hold a seat on the new date and were not
    expected on the old one are added to the register; nobody is removed from it.

    Raises:
        ClerkError: the meeting has started, is cancelled or its minutes are approved;
            arrivals are already recorded; the venue is unusable.
    """
    if venue:
        check_name(venue, "venue", TextKind.TEXT)
    with unit_of_work(engine) as session:
        return reschedule(session, writable_meeting(session, meeting_id), day, start_time,
                          venue)


def reschedule(session: Session, meeting: Meeting, day: date, start_time: time | None,
               venue: str) -> list[str]:
    """`reschedule_meeting` inside a unit of work another action has open."""
    meeting_id = meeting.id
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ClerkError("This meeting has already started, so its date and time are part "
                         "of the record and cannot be changed here.")
    if day != meeting.date and session.exec(select(AttendanceEvent).where(
            AttendanceEvent.meeting_id == meeting_id, standing(AttendanceEvent))).first():
        raise ClerkError("Arrivals are already recorded for this meeting on "
                         f"{long_date(meeting.date)}: it cannot move to another day.")
    old = {"date": meeting.date, "start_time": meeting.start_time, "venue": meeting.venue}
    warnings = []
    if not is_working_day(day):
        why = "a weekend" if day.weekday() >= 5 else "a bank holiday"
        warnings.append(f"{long_date(day)} is {why}.")
    same_day = session.exec(select(Meeting).where(
        Meeting.body_id == meeting.body_id, Meeting.date == day, Meeting.id != meeting_id,
        Meeting.status != MeetingStatus.CANCELLED)).first()
    if same_day is not None:
        warnings.append(f"The body already has another meeting on {long_date(day)}.")
    if day != meeting.date:
        entries = session.exec(select(RegisterEntry).where(
            RegisterEntry.meeting_id == meeting_id)).all()
        listed = {e.person_id for e in entries}
        for member in active_memberships(session, meeting.body_id, day):
            if member.person_id not in listed:
                session.add(RegisterEntry(meeting_id=meeting_id, person_id=member.person_id,
                                          capacity="member", membership_id=member.id))
    meeting.date, meeting.start_time, meeting.venue = day, start_time, venue
    session.add(meeting)
    audit(session, meeting, "meeting.reschedule", old=old,
          new={"date": day, "start_time": start_time, "venue": venue})
    return warnings


# --- Deadlines ------------------------------------------------------------------------


def counting_words(working_days: int, counting: DispatchCounting) -> str:
    """The body's dispatch rule in words (the interpretation of DOMAIN.md §6)."""
    if counting == DispatchCounting.CLEAR_DAYS:
        return f"{working_days} clear working days before (neither day counted)"
    return f"{working_days} working days before (meeting day not counted)"


@dataclass(frozen=True)
class DeadlineRow:
    """One thing the clerk must do by a date: send a meeting's papers, or its minutes.

    Attributes:
        task: agenda papers out (002 §6.2), minutes (002 §6.3), or the record (the
            meeting's day has passed and it was never opened: record or cancel it).
        state: where it stands today (DeadlineState).
    """

    meeting_id: int
    body_id: int
    body_name: str
    meeting_date: date
    start_time: time | None
    task: DeadlineTask
    due: date
    done_on: date | None
    rule: str
    state: DeadlineState
    today: date

    @property
    def overdue(self) -> bool:
        return self.state in (DeadlineState.OVERDUE, DeadlineState.UNRECORDED)

    @property
    def task_words(self) -> str:
        return self.task.label

    @property
    def state_words(self) -> str:
        """"Overdue by 3 days", "Due in 5 days", "Sent 12 April 2026, 2 days late"…"""
        verb = "Sent" if self.task == DeadlineTask.PAPERS else "Distributed"
        if self.state in (DeadlineState.DONE, DeadlineState.DONE_LATE):
            words = f"{verb} {self.done_on.day} {self.done_on:%B %Y}"
            late = (self.done_on - self.due).days
            return words + (f", {_days(late)} late" if late > 0 else "")
        if self.state == DeadlineState.APPROVED:
            return self.state.label
        if self.state == DeadlineState.UNRECORDED:
            return self.state.label
        gap = (self.due - self.today).days
        if gap < 0:
            return f"Overdue by {_days(-gap)}"
        if gap == 0:
            return "Due today"
        return f"Due in {_days(gap)}"


def _days(n: int) -> str:
    return f"{n} day" + ("" if n == 1 else "s")


def deadlines_dashboard(engine: Engine, body_id: int | None = None, today: date | None = None,
                        include_done: bool = False) -> list[DeadlineRow]:
    """Agenda dispatch deadlines of meetings to come and minutes-due dates of meetings
    held, overdue first, then by the date due.

    By default: every meeting not yet started (its papers, sent or not) and every meeting
    held whose minutes are not yet distributed. With `include_done`, both deadlines of
    every meeting held too. A meeting is held once it has been opened, as for the minutes
    (services/minutes.py); one whose day has passed without being opened is listed as
    "not recorded" so that the clerk records or cancels it. Cancelled meetings have no
    deadlines.
    """
    today = today or date.today()
    rows: list[DeadlineRow] = []
    with Session(engine) as session:
        query = select(Meeting, Body).join(Body, Body.id == Meeting.body_id).where(
            Meeting.status != MeetingStatus.CANCELLED)
        if body_id is not None:
            query = query.where(Meeting.body_id == body_id)
        found = session.exec(query).all()
        rules = {b: body_rules(session, b) for b in {body.id for _m, body in found}}
    for meeting, body in found:
        r = rules[body.id]
        name = body.short_name or body.name
        held = meeting.status in (MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED)
        unrecorded = not held and meeting.date < today
        if unrecorded:
            rows.append(DeadlineRow(
                meeting.id, body.id, name, meeting.date, meeting.start_time, DeadlineTask.RECORD,
                meeting.date, None, "Open and close it in the record, or cancel it",
                DeadlineState.UNRECORDED, today))
        if (not held and not unrecorded) or include_done:
            due = dispatch_deadline(meeting.date, r.dispatch_working_days, r.dispatch_counting)
            state = _state(due, meeting.papers_dispatched_on, today)
            rows.append(DeadlineRow(
                meeting.id, body.id, name, meeting.date, meeting.start_time, DeadlineTask.PAPERS,
                due, meeting.papers_dispatched_on,
                counting_words(r.dispatch_working_days, r.dispatch_counting), state, today))
        if held:
            due = minutes_due(meeting.date, r.minutes_due_days)
            state = _state(due, meeting.minutes_distributed_on, today)
            if (meeting.minutes_status == MinutesStatus.APPROVED
                    and meeting.minutes_distributed_on is None):
                state = DeadlineState.APPROVED
            if include_done or state in (DeadlineState.OVERDUE, DeadlineState.DUE):
                rows.append(DeadlineRow(
                    meeting.id, body.id, name, meeting.date, meeting.start_time,
                    DeadlineTask.MINUTES, due, meeting.minutes_distributed_on,
                    f"{r.minutes_due_days} days after the meeting", state, today))
    return sorted(rows, key=lambda r: (_URGENCY[r.state], r.due, r.meeting_date, r.body_name,
                                       list(DeadlineTask).index(r.task)))


# Overdue first, then due; what is done comes last, however it was done.
_URGENCY = {DeadlineState.UNRECORDED: 0, DeadlineState.OVERDUE: 0, DeadlineState.DUE: 1,
            DeadlineState.DONE_LATE: 2, DeadlineState.DONE: 2, DeadlineState.APPROVED: 2}


def _state(due: date, done_on: date | None, today: date) -> DeadlineState:
    if done_on is not None:
        return DeadlineState.DONE_LATE if done_on > due else DeadlineState.DONE
    return DeadlineState.OVERDUE if today > due else DeadlineState.DUE


def set_papers_dispatched(engine: Engine, meeting_id: int, on: date | None,
                          today: date | None = None) -> None:
    """Record the day the agenda papers went out (002 §6.2), or None: not sent after all.

    Raises:
        ClerkError: the day is in the future or after the meeting; the meeting is
            cancelled or its minutes are approved (its record is locked).
    """
    today = today or date.today()
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        if on is not None:
            if on > today:
                raise ClerkError(f"{long_date(on)} has not come yet: record the papers as sent "
                                 "on the day they go out.")
            if on > meeting.date:
                raise ClerkError(f"{long_date(on)} is after the meeting "
                                 f"({long_date(meeting.date)}): agenda papers go out before it.")
        old = meeting.papers_dispatched_on
        meeting.papers_dispatched_on = on
        session.add(meeting)
        audit(session, meeting, "papers.dispatched" if on else "papers.not_dispatched",
              on=on, previous=old)


"""Minutes: draft minutes and the agenda as documents, their approval at the next
meeting, corrections, and distribution (DOMAIN.md §6; 002 §6.2-6.3).

The documents are built from the meeting's plain snapshot (rules/snapshot.py, read by
services/snapshot.py; the facts taken from it by export/minutes_build.py), never from
live ORM objects, and worded once (export/minutes_text.py) for PDF and Word alike.

Approval is the one lock: once a later meeting agrees the minutes, the meeting's
`minutes_status` is "approved" and `recording.writable_meeting` refuses every change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app import clock
from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import (
    AgendaItem,
    Meeting,
    MinutesApproval,
    MinutesCorrection,
)
from clerk_app.export import document as doc
from clerk_app.export import minutes_build as build
from clerk_app.export.minutes_data import (
    AgendaData,
    ApprovedHere,
    ArisingLine,
    Correction,
    MinutesData,
    RunningNumbers,
)
from clerk_app.export.minutes_docx import render_docx
from clerk_app.export.minutes_pdf import render_pdf
from clerk_app.export.minutes_text import Version, compose_agenda, compose_minutes, long_date
from clerk_app.rules import vocabulary
from clerk_app.rules.attendance import year_bounds, year_start
from clerk_app.rules.limits import TextKind
from clerk_app.rules.vocabulary import DecisionKind, ItemKind, MeetingStatus, MinuteNumbering
from clerk_app.services import meetings
from clerk_app.services.actions import arising_at
from clerk_app.services.constitution import body_rules
from clerk_app.services.decisions import add_decision, check_quorate
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.names import check_text
from clerk_app.services.recording import audit, moment, writable_meeting
from clerk_app.services.snapshot import meeting_snapshot
from clerk_app.services.state import meeting_state

FORMATS = ("pdf", "docx")
HELD = (MeetingStatus.CLOSED, MeetingStatus.IN_PROGRESS)  # there are minutes to draft


# --- The facts ---------------------------------------------------------------------------


def _next_meeting(session: Session, meeting: Meeting) -> str:
    if meeting.next_meeting_note.strip():
        return meeting.next_meeting_note
    later = session.exec(
        select(Meeting).where(Meeting.body_id == meeting.body_id, Meeting.date > meeting.date,
                              Meeting.status != MeetingStatus.CANCELLED)
        .order_by(Meeting.date)).first()
    if later is None:
        return ""
    text = long_date(later.date)
    if later.start_time:
        text += f" at {later.start_time:%H:%M}"
    return text + (f", {later.venue}" if later.venue.strip() else "")


def _approval_facts(session: Session, meeting: Meeting
                    ) -> tuple[tuple[Correction, ...], tuple[ApprovedHere, ...]]:
    dates = {m.id: m.date for m in session.exec(
        select(Meeting).where(Meeting.body_id == meeting.body_id))}
    corrections = tuple(
        Correction(c.text, clock.local(c.recorded_at).date(), dates.get(c.at_meeting_id))
        for c in session.exec(select(MinutesCorrection).where(
            MinutesCorrection.meeting_id == meeting.id).order_by(MinutesCorrection.id)))
    approved_here = []
    for a in session.exec(select(MinutesApproval).where(
            MinutesApproval.approved_at_meeting_id == meeting.id)):
        item = session.get(AgendaItem, a.item_id) if a.item_id else None
        texts = tuple(c.text for c in session.exec(select(MinutesCorrection).where(
            MinutesCorrection.meeting_id == a.meeting_id,
            MinutesCorrection.at_meeting_id == meeting.id).order_by(MinutesCorrection.id)))
        approved_here.append(ApprovedHere(dates[a.meeting_id], item.position if item else None,
                                          texts))
    return corrections, tuple(approved_here)


def running_numbers(session: Session, meeting: Meeting) -> RunningNumbers | None:
    """Where the meeting's minutes start, when the body numbers them through its year
    (the attendance year, April to March unless it says otherwise); None by item."""
    rules = body_rules(session, meeting.body_id)
    if rules.minute_numbering is not MinuteNumbering.BY_YEAR:
        return None
    start = year_start(meeting.date, rules.year_start_month)
    first, _last = year_bounds(start, rules.year_start_month)
    earlier = session.exec(select(Meeting.id).where(
        Meeting.body_id == meeting.body_id, Meeting.date >= first,
        Meeting.status.in_(HELD),
        (Meeting.date < meeting.date) | ((Meeting.date == meeting.date)
                                         & (Meeting.id < meeting.id)))).all()
    taken = len(session.exec(select(AgendaItem.id).where(
        AgendaItem.meeting_id.in_(earlier))).all()) if earlier else 0
    return RunningNumbers(taken, f"{start % 100:02d}")


def _minute_of(session: Session, meeting_id: int, position: int | None) -> str:
    """How the minutes refer to an earlier meeting's item: "5", or "5/26"."""
    if position is None:
        return ""
    running = running_numbers(session, session.get(Meeting, meeting_id))
    return running.label(position) if running else str(position)


def minutes_data(engine: Engine, meeting_id: int) -> MinutesData:
    """Everything the minutes say, as plain data, from the meeting's snapshot.

    Raises:
        ClerkError: the meeting has not been held (nothing to minute) or was cancelled.
    """
    with Session(engine) as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound("That meeting is no longer in the record: choose another.")
        if meeting.status is MeetingStatus.SCHEDULED:
            raise ClerkError("This meeting has not been opened yet, so there are no minutes "
                             "to draft: send the agenda instead.")
        if meeting.status is MeetingStatus.CANCELLED:
            raise ClerkError("This meeting was cancelled: it has no minutes.")
        corrections, approved_here = _approval_facts(session, meeting)
        next_meeting = _next_meeting(session, meeting)
        snap = meeting_snapshot(session, meeting_id)
        # Matters arising as the meeting found them: "today" only words overdue actions.
        arising = tuple(ArisingLine(r.description, r.owner, r.due_date, r.meeting_date,
                                    _minute_of(session, r.meeting_id, r.item_position),
                                    r.done_on == meeting.date, r.item_exempt)
                        for r in arising_at(session, meeting, meeting.date))
        running = running_numbers(session, meeting)
    return build.minutes_data(snap, corrections, approved_here, next_meeting, arising, running)


def agenda_data(engine: Engine, meeting_id: int) -> AgendaData:
    """The agenda as plain data, with the date the papers must go out by (002 §6.2)."""
    with Session(engine) as session:
        snap = meeting_snapshot(session, meeting_id)
    return build.agenda_data(snap, meetings.deadlines(engine, meeting_id).dispatch_by)


# --- Documents ---------------------------------------------------------------------------


def _render(document: doc.Document, fmt: str) -> bytes:
    if fmt == "pdf":
        return render_pdf(document)
    if fmt == "docx":
        return render_docx(document)
    raise ClerkError(f"Documents can be written as {' or '.join(FORMATS)}, not {fmt!r}.")


def minutes_document(engine: Engine, meeting_id: int,
                     version: Version | str = Version.FULL) -> doc.Document:
    try:
        return compose_minutes(minutes_data(engine, meeting_id), Version(version))
    except ValueError as error:
        raise ClerkError(str(error)) from error


def render_minutes(engine: Engine, meeting_id: int, fmt: str = "pdf",
                   version: Version | str = Version.FULL) -> bytes:
    """The minutes as the bytes of a PDF or Word file.

    Versions: "full" (the public minutes, then the confidential annex on new pages),
    "public" (exempt items as a title and the reason only), "confidential" (the annex).
    Slow for a long meeting: call it off the GUI thread.
    """
    return _render(minutes_document(engine, meeting_id, version), fmt)


def render_agenda(engine: Engine, meeting_id: int, fmt: str = "pdf") -> bytes:
    """The agenda as the bytes of a PDF or Word file."""
    return _render(compose_agenda(agenda_data(engine, meeting_id)), fmt)


# --- Approval, corrections, distribution ------------------------------------------------


def _previous_meeting(session: Session, meeting: Meeting) -> Meeting:
    previous = session.exec(
        select(Meeting).where(Meeting.body_id == meeting.body_id, Meeting.date < meeting.date,
                              Meeting.status != MeetingStatus.CANCELLED)
        .order_by(Meeting.date.desc(), Meeting.id.desc())).first()
    if previous is None:
        raise ClerkError("There is no earlier meeting of this body whose minutes could be "
                         "approved: record the item as a decision instead.")
    return previous


def _clean_corrections(corrections: Sequence[str]) -> list[str]:
    texts = [c for c in corrections if c.strip()]
    for text in texts:
        check_text(text, TextKind.NOTES, "correction")
    return texts


def approve_minutes(
    engine: Engine, item_id: int, corrections: Sequence[str] = (),
    inquorate_reason: str = "", at: datetime | None = None,
) -> int:
    """At the next meeting, "Minutes of the previous meeting" agrees them as a correct
    record, with any corrections (002 §6.3); from then on that meeting's record is locked.

    The approval is a resolution of this meeting: refused while inquorate without a
    recorded reason, like any other (DOMAIN.md §3). Returns the decision's id.

    Raises:
        ClerkError: the item is not "Minutes of the previous meeting"; this meeting is not
            in progress; the previous meeting was not held or its minutes are approved.
    """
    texts = _clean_corrections(corrections)
    with unit_of_work(engine) as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            raise NotFound("That item is not in the record.")
        meeting = writable_meeting(session, item.meeting_id)
        if item.kind is not ItemKind.PREVIOUS_MINUTES:
            raise ClerkError(f"Minutes are approved under the item \"Minutes of the previous "
                             f"meeting\", not under item {item.position} ({item.title}).")
        if meeting.status is not MeetingStatus.IN_PROGRESS:
            raise ClerkError("Open the meeting before approving the previous minutes.")
        previous = _previous_meeting(session, meeting)
        held_on = long_date(previous.date)
        if previous.minutes_status is vocabulary.MinutesStatus.APPROVED:
            raise ClerkError(f"The minutes of the meeting held on {held_on} have already "
                             "been approved.")
        if previous.status is not MeetingStatus.CLOSED:
            raise ClerkError(f"The meeting of {held_on} was not held and closed, so it has "
                             "no minutes to approve.")
        when = moment(meeting, at)
        state = meeting_state(session, meeting.id, item_id=item_id)
        check_quorate(state, True, inquorate_reason)
        text = f"the minutes of the meeting held on {held_on} be agreed as a correct record"
        if texts:
            text += ", subject to the corrections set out above"
        decision = add_decision(session, item, meeting, DecisionKind.CONSENSUS, text, when,
                                state, inquorate_reason)
        for correction in texts:
            session.add(MinutesCorrection(meeting_id=previous.id, text=correction,
                                          recorded_at=when, at_meeting_id=meeting.id))
        previous.minutes_status = vocabulary.MinutesStatus.APPROVED
        previous.minutes_approved_on = meeting.date
        session.add(previous)
        session.add(MinutesApproval(meeting_id=previous.id, approved_at_meeting_id=meeting.id,
                                    item_id=item.id, approved_on=meeting.date,
                                    recorded_at=when))
        audit(session, meeting, "minutes.approve", previous_meeting_id=previous.id,
              corrections=len(texts))
        audit(session, previous, "minutes.approved", at_meeting_id=meeting.id,
              corrections=texts)
        return decision.id


def record_correction(engine: Engine, meeting_id: int, text: str) -> int:
    """A correction to the draft minutes before they are approved, itself recorded
    (DOMAIN.md §6); refused once they are approved, like every other change."""
    if not text.strip():
        raise ClerkError("The correction is empty: say what was corrected.")
    _clean_corrections([text])
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        correction = MinutesCorrection(meeting_id=meeting_id, text=text,
                                       recorded_at=clock.now())
        session.add(correction)
        session.flush()
        audit(session, meeting, "minutes.correct", correction_id=correction.id, text=text)
        return correction.id


def mark_distributed(engine: Engine, meeting_id: int, on: date | None = None) -> None:
    """The draft minutes went out to members (002 §6.3: within ten days)."""
    with unit_of_work(engine) as session:
        meeting = writable_meeting(session, meeting_id)
        day = on or clock.now().date()
        if meeting.status not in HELD:
            raise ClerkError("This meeting has not been held, so there are no minutes to "
                             "distribute.")
        if day < meeting.date:
            raise ClerkError(f"Minutes cannot go out on {long_date(day)}, before the meeting "
                             f"on {long_date(meeting.date)}: check the date.")
        meeting.minutes_distributed_on = day
        session.add(meeting)
        audit(session, meeting, "minutes.distributed", on=day)


@dataclass(frozen=True)
class MinutesStatus:
    """Where a meeting's minutes stand, in the clerk's words (for the status line).

    due: the date the draft minutes are due (ten days after the meeting, 002 §6.3).
    overdue: due has passed and they have not been distributed.
    """

    status: vocabulary.MinutesStatus
    due: date
    distributed_on: date | None
    approved_on: date | None
    corrections: int
    overdue: bool
    held: bool
    summary: str


def minutes_status(engine: Engine, meeting_id: int, today: date | None = None
                   ) -> MinutesStatus:
    today = today or clock.now().date()
    due = meetings.deadlines(engine, meeting_id).minutes_due
    with Session(engine) as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound("That meeting is no longer in the record: choose another.")
        corrections = len(session.exec(select(MinutesCorrection.id).where(
            MinutesCorrection.meeting_id == meeting_id)).all())
    held = meeting.status in HELD
    overdue = held and meeting.minutes_status is vocabulary.MinutesStatus.DRAFT and \
        meeting.minutes_distributed_on is None and today > due
    if meeting.minutes_status is vocabulary.MinutesStatus.APPROVED:
        summary = (f"Approved as a correct record on {long_date(meeting.minutes_approved_on)}"
                   ": the record of this meeting is locked.")
    elif not held:
        summary = "The meeting has not been held: no minutes yet."
    elif meeting.minutes_distributed_on:
        summary = (f"Draft minutes distributed on {long_date(meeting.minutes_distributed_on)}"
                   "; to be approved at the next meeting.")
    else:
        summary = (f"Draft minutes due by {long_date(due)}"
                   + (" — overdue, not yet distributed." if overdue
                      else "; not yet distributed."))
    return MinutesStatus(meeting.minutes_status, due, meeting.minutes_distributed_on,
                         meeting.minutes_approved_on, corrections, overdue, held, summary)

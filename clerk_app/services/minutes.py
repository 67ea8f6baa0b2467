"""Minutes: draft minutes and the agenda as documents, their approval at the next
meeting, corrections, and distribution (DOMAIN.md §6; 002 §6.2-6.3).

The documents are built from a plain snapshot — the meeting record that
`records.export_record` writes, with what the rules derived at the time — never from
live ORM objects, and worded once (export/minutes_text.py) for PDF and Word alike.

Approval is the one lock: once a later meeting agrees the minutes, the meeting's
`minutes_status` is "approved" and `recording.writable_meeting` refuses every change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

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
from clerk_app.export.minutes_data import (
    ActionLine,
    AgendaData,
    AgendaLine,
    ApprovedHere,
    Correction,
    DeclarationLine,
    Happening,
    MinuteItem,
    MinutesData,
    Outcome,
    PersonLine,
    VoteRecord,
)
from clerk_app.export.minutes_docx import render_docx
from clerk_app.export.minutes_pdf import render_pdf
from clerk_app.export.minutes_text import Version, compose_agenda, compose_minutes, long_date
from clerk_app.services import meetings
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.recording import audit, moment, writable_meeting
from clerk_app.services.records import export_record

FORMATS = ("pdf", "docx")
OFFICE_ORDER = ("chair", "vice_chair")
POSITION_ORDER = ("for", "against", "abstained", "did_not_vote", "withdrawn", "not_entitled",
                  "absent")
MAX_CORRECTION = 5000


# --- The snapshot ------------------------------------------------------------------------


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.astimezone()


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class _Record:
    """The record file of one meeting, read for the minutes."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.body = record["organization"]
        self.m = record["meetings"][0]
        self.people = {p["id"]: p for p in record["persons"]}
        self.memberships = {m["id"]: m for m in record["memberships"]}
        self.posts = {p["id"]: p for p in self.body["posts"]}
        self.items = {i["id"]: i for i in self.m["agenda"]}
        office_names = {o["key"]: o["name"] for o in self.body["offices"]}
        day = date.fromisoformat(self.m["date"])
        self.offices: dict[str, str] = {}  # person ref -> office name, held that day
        for key in OFFICE_ORDER:
            for term in record["office_terms"]:
                if term["office"] != key or term["person_id"] in self.offices:
                    continue
                start, end = _day(term["start_date"]), _day(term["end_date"])
                if (start is None or start <= day) and (end is None or end >= day):
                    self.offices[term["person_id"]] = office_names.get(key, key)
        self.events: dict[str, list[dict]] = {}
        for e in self.m["attendance_events"]:
            self.events.setdefault(e["person_id"], []).append(e)

    def name(self, ref: str | None) -> str:
        return self.people[ref]["name"] if ref else ""

    def agency(self, ref: str) -> str:
        return self.people[ref]["agency"]

    def member_of(self, membership_ref: str | None) -> str:
        return self.memberships[membership_ref]["person_id"] if membership_ref else ""

    def voting(self, membership_ref: str | None) -> bool:
        if not membership_ref:
            return False
        seat = self.memberships[membership_ref]
        if seat["voting"] is not None:
            return bool(seat["voting"])
        return bool(self.posts[seat["post_id"]]["voting"])

    def arrived(self, ref: str) -> datetime | None:
        times = [_when(e["at"]) for e in self.events.get(ref, []) if e["kind"] == "arrive"]
        return min(times) if times else None

    def left_early(self, ref: str) -> datetime | None:
        events = [e for e in self.events.get(ref, []) if e["kind"] in ("arrive", "leave")]
        if not events or events[-1]["kind"] != "leave":
            return None
        left = _when(events[-1]["at"])
        closed = _when(self.m["closed_at"])
        return left if closed is None or left < closed else None

    def item_at(self, at: datetime) -> str | None:
        """The item under discussion at a moment: the one most recently started."""
        started = [(_when(i["started_at"]), i["position"], ref) for ref, i in self.items.items()
                   if i["started_at"] and _when(i["started_at"]) <= at]
        return max(started)[2] if started else None


def _register(r: _Record) -> tuple[list[PersonLine], ...]:
    opened = _when(r.m["opened_at"])
    present, attending, apologies, absent = [], [], [], []
    substitutes = {e["substitute_for_membership_id"]: e["person_id"] for e in r.m["register"]
                   if e["capacity"] == "substitute" and r.arrived(e["person_id"])}
    for e in r.m["register"]:
        ref = e["person_id"]
        arrived = r.arrived(ref)
        late = arrived if arrived and opened and arrived > opened else None
        if e["capacity"] == "in_attendance":
            if arrived:
                attending.append(PersonLine(r.name(ref), r.agency(ref), role=e["role_note"],
                                            for_items=e["for_items"]))
            continue
        seat = e["substitute_for_membership_id"] or e["membership_id"]
        if arrived:
            present.append(PersonLine(
                r.name(ref), r.agency(ref),
                office=r.offices.get(ref, "") if e["capacity"] == "member" else "",
                voting=r.voting(seat),
                substitute_for=r.name(r.member_of(e["substitute_for_membership_id"])),
                arrived=late, left=r.left_early(ref)))
        elif e["apologies"]:
            apologies.append(PersonLine(
                r.name(ref), r.agency(ref), role=e["apologies_note"],
                substituted_by=r.name(substitutes.get(e["membership_id"]))))
        elif e["capacity"] == "member":
            absent.append(PersonLine(r.name(ref), r.agency(ref)))
    # The Chair first, then the Vice-Chair, then everyone in the register's order.
    rank = {name: i for i, name in enumerate(OFFICE_ORDER)}
    office_keys = {v: k for k, v in _office_names(r).items()}
    present.sort(key=lambda p: rank.get(office_keys.get(p.office, ""), len(rank)))
    return present, attending, apologies, absent


def _office_names(r: _Record) -> dict[str, str]:
    return {o["key"]: o["name"] for o in r.body["offices"]}


def _vote(r: _Record, v: dict[str, Any] | None) -> VoteRecord | None:
    if v is None:
        return None
    grouped: dict[str, list[str]] = {}
    for position in v["votes"]:
        grouped.setdefault(position["position"], []).append(r.name(position["voter_id"]))
    positions = tuple((p, tuple(grouped[p])) for p in POSITION_ORDER if grouped.get(p))
    return VoteRecord(v["method"], v["sentence"], v["carried"], positions)


def _happenings(r: _Record) -> tuple[dict[str | None, list[Happening]], list[Happening]]:
    """Each item's happenings; those before any item was taken go first."""
    opened, closed = _when(r.m["opened_at"]), _when(r.m["closed_at"])
    by_item: dict[str | None, list[Happening]] = {}

    def add(item_ref: str | None, h: Happening) -> None:
        by_item.setdefault(item_ref, []).append(h)

    for e in r.m["attendance_events"]:
        at = _when(e["at"])
        if e["kind"] in ("withdraw", "return"):
            add(e["item_id"], Happening(at, e["kind"], r.name(e["person_id"])))
        elif opened and at > opened and (closed is None or at < closed):
            add(r.item_at(at), Happening(at, e["kind"], r.name(e["person_id"])))
    for q in r.m["quorum_events"]:
        at = _when(q["at"])
        kind = "opened_inquorate" if opened and at == opened and q["kind"] == "lost" \
            else f"quorum_{q['kind']}"
        add(q["item_id"] or (None if kind == "opened_inquorate" else r.item_at(at)),
            Happening(at, kind, detail=q["summary"]))
    for x in r.m["declarations"]:
        add(x["item_id"], Happening(_when(x["declared_at"]), "declaration",
                                    r.name(x["person_id"]), x["description"], x["kind"]))
    # At the same minute, a declaration comes before the withdrawal it causes.
    for happenings in by_item.values():
        happenings.sort(key=lambda h: (h.at, h.kind != "declaration"))
    return by_item, by_item.pop(None, [])


def _next_meeting(session: Session, meeting: Meeting) -> str:
    if meeting.next_meeting_note.strip():
        return meeting.next_meeting_note
    later = session.exec(
        select(Meeting).where(Meeting.body_id == meeting.body_id, Meeting.date > meeting.date,
                              Meeting.status != "cancelled").order_by(Meeting.date)).first()
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


def minutes_data(engine: Engine, meeting_id: int) -> MinutesData:
    """Everything the minutes say, as plain data.

    Raises:
        ClerkError: the meeting has not been held (nothing to minute) or was cancelled.
    """
    with Session(engine) as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound(f"There is no meeting {meeting_id} in the record.")
        if meeting.status == "scheduled":
            raise ClerkError("This meeting has not been opened yet, so there are no minutes "
                             "to draft: send the agenda instead.")
        if meeting.status == "cancelled":
            raise ClerkError("This meeting was cancelled: it has no minutes.")
        corrections, approved_here = _approval_facts(session, meeting)
        next_meeting = _next_meeting(session, meeting)
    r = _Record(export_record(engine, [meeting_id]))
    present, attending, apologies, absent = _register(r)
    happenings, before_items = _happenings(r)
    item_number = {ref: i["position"] for ref, i in r.items.items()}
    exempt = {ref for ref, i in r.items.items() if i["exempt"]}
    actions = [ActionLine(a["description"], a["owner"], _day(a["due_date"]),
                          item_number.get(a["item_id"]), a["item_id"] in exempt)
               for a in r.m["actions"]]
    items = []
    for ref, i in r.items.items():
        outcomes = tuple(
            Outcome(x["kind"], x["text"], _when(x["decided_at"]), x["quorate"],
                    x["quorum_summary"], x["inquorate_reason"], _vote(r, x.get("vote_event")))
            for x in r.m["decisions"] if x["item_id"] == ref)
        items.append(MinuteItem(
            number=i["position"], title=i["title"], kind=i["kind"], presenter=i["presenter"],
            papers=i["papers"], exempt=i["exempt"], exempt_reason=i["exempt_reason"],
            public_excluded=i["public_excluded"], notes=i["notes"],
            happenings=tuple(happenings.get(ref, ())), outcomes=outcomes,
            actions=tuple(a for a, raw in zip(actions, r.m["actions"], strict=True)
                          if raw["item_id"] == ref)))
    declarations = tuple(
        DeclarationLine(r.name(x["person_id"]), r.agency(x["person_id"]),
                        r.items[x["item_id"]]["position"], r.items[x["item_id"]]["title"],
                        x["kind"], x["effect"], x["description"], x["dispensation_by"],
                        x["dispensation_note"], _when(x["declared_at"]))
        for x in r.m["declarations"])
    return MinutesData(
        body_name=r.body["name"], date=date.fromisoformat(r.m["date"]),
        start_time=meeting.start_time, venue=r.m["venue"], opened_at=_when(r.m["opened_at"]),
        closed_at=_when(r.m["closed_at"]), present=tuple(present),
        in_attendance=tuple(attending), apologies=tuple(apologies), absent=tuple(absent),
        public_count=r.m["public_count"], public_names=r.m["public_names"],
        items=tuple(items), declarations=declarations, actions=tuple(actions),
        before_items=tuple(before_items), corrections=corrections,
        approved_here=approved_here, approved=r.m["minutes_status"] == "approved",
        approved_on=_day(r.m["minutes_approved_on"]), next_meeting=next_meeting,
    )


def agenda_data(engine: Engine, meeting_id: int) -> AgendaData:
    """The agenda as plain data, with the date the papers must go out by (002 §6.2)."""
    r = _Record(export_record(engine, [meeting_id]))
    with Session(engine) as session:
        start_time = session.get(Meeting, meeting_id).start_time
    return AgendaData(
        body_name=r.body["name"], date=date.fromisoformat(r.m["date"]), start_time=start_time,
        venue=r.m["venue"], dispatch_by=meetings.deadlines(engine, meeting_id).dispatch_by,
        items=tuple(AgendaLine(i["position"], i["title"], i["presenter"], i["papers"],
                               i["exempt"], i["exempt_reason"], i["description"])
                    for i in r.items.values()))


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
                              Meeting.status != "cancelled")
        .order_by(Meeting.date.desc(), Meeting.id.desc())).first()
    if previous is None:
        raise ClerkError("There is no earlier meeting of this body whose minutes could be "
                         "approved: record the item as a decision instead.")
    return previous


def _clean_corrections(corrections: Sequence[str]) -> list[str]:
    texts = [c for c in corrections if c.strip()]
    for text in texts:
        if len(text) > MAX_CORRECTION:
            raise ClerkError(f"A correction is {len(text)} characters long; at most "
                             f"{MAX_CORRECTION} are kept. Shorten it.")
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
    from clerk_app.services.decisions import add_decision, check_quorate
    from clerk_app.services.state import meeting_state

    texts = _clean_corrections(corrections)
    with unit_of_work(engine) as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            raise NotFound("That item is not in the record.")
        meeting = writable_meeting(session, item.meeting_id)
        if item.kind != "previous_minutes":
            raise ClerkError(f"Minutes are approved under the item \"Minutes of the previous "
                             f"meeting\", not under item {item.position} ({item.title}).")
        if meeting.status != "in_progress":
            raise ClerkError("Open the meeting before approving the previous minutes.")
        previous = _previous_meeting(session, meeting)
        held_on = long_date(previous.date)
        if previous.minutes_status == "approved":
            raise ClerkError(f"The minutes of the meeting held on {held_on} have already "
                             "been approved.")
        if previous.status != "closed":
            raise ClerkError(f"The meeting of {held_on} was not held and closed, so it has "
                             "no minutes to approve.")
        when = moment(meeting, at)
        state = meeting_state(session, meeting.id, item_id=item_id)
        check_quorate(state, True, inquorate_reason)
        text = f"the minutes of the meeting held on {held_on} be agreed as a correct record"
        if texts:
            text += ", subject to the corrections set out above"
        decision = add_decision(session, item, meeting, "consensus", text, when, state,
                                inquorate_reason)
        for correction in texts:
            session.add(MinutesCorrection(meeting_id=previous.id, text=correction,
                                          recorded_at=when, at_meeting_id=meeting.id))
        previous.minutes_status = "approved"
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
        if meeting.status not in ("closed", "in_progress"):
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

    status: str  # draft | approved
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
            raise NotFound(f"There is no meeting {meeting_id} in the record.")
        corrections = len(session.exec(select(MinutesCorrection.id).where(
            MinutesCorrection.meeting_id == meeting_id)).all())
    held = meeting.status in ("closed", "in_progress")
    overdue = held and meeting.minutes_status == "draft" and \
        meeting.minutes_distributed_on is None and today > due
    if meeting.minutes_status == "approved":
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

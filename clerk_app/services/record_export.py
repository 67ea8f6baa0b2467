"""The meeting record file, written: a body, its people and meetings, as one JSON document.

Each part's fields follow from its table (services/record_format.py); rows refer to
each other by stable references ("person/3") numbered in record order, so a record
imported into an empty database exports to the same JSON. Each meeting also carries
what the rules derived (quorum per item with its explanation, who presided, who could
vote); the import ignores it and derives afresh.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app import __version__
from clerk_app.db.tables import (
    Action,
    AgendaItem,
    AttendanceEvent,
    Body,
    BodySetting,
    Category,
    Decision,
    Declaration,
    Meeting,
    Membership,
    MinutesApproval,
    MinutesCorrection,
    Office,
    OfficeTerm,
    Organisation,
    Person,
    QuorumEvent,
    RegisteredInterest,
    RegisterEntry,
    Vote,
    VotePosition,
)
from clerk_app.rules.vocabulary import CastingChoice, Position
from clerk_app.services import audit, organisations
from clerk_app.services import record_format as f
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.state import meeting_rows, meeting_state

FORMAT = "clerk-app/meeting-record"
# 2: a vote's motion is Popolo's Motion object, each Vote's option is from Popolo's list,
# and the casting vote is a Vote of its own, counted in its option's Count (records.py
# reads files of version 1 too). 3: organisations, and each person's agency and employer
# as references to them rather than text; every column is written, none left to a default.
# 4: each row that travels carries its stable identity (`uuid`), by which a meeting taken
# offline is merged back into the team record (services/offline.py).
FORMAT_VERSION = 4

# Popolo's Vote option, from its code list (popoloproject.com/specs/vote.html §5: yes, no,
# abstain, absent, not voting, paired). Our own word stays beside it as `position`.
# "paired" is not used: it means a pairing agreement between two voters, which a board
# does not make.
POPOLO_OPTION = {Position.FOR: "yes", Position.AGAINST: "no", Position.ABSTAINED: "abstain",
                 Position.DID_NOT_VOTE: "not voting",
                 Position.WITHDRAWN: "absent",  # out of the room while the vote was taken
                 Position.NOT_ENTITLED: "not voting",  # present, without a vote
                 Position.ABSENT: "absent"}

# The casting vote, as Popolo can carry it. Popolo's Vote has a `role`, "the voter's role
# in the event" (specs/vote.html, whose use cases include "Eve analyzes the chair's
# behavior on tie votes"), and a Count is "the number of votes for an option in a vote
# event", which "should agree with the individual votes" (specs/vote-event.html). So the
# person presiding's casting vote is one more Vote, with the role below, and is counted in
# the Count of its option: a tie of 4 to 4 carried by the casting vote reads 5 yes to
# 4 no, result "pass", to a reader who knows only Popolo. Our own `casting` field says
# what it was, and the import takes it back out of the Count.
CASTING_ROLE = "casting vote"
CASTING_OPTION = {CastingChoice.FOR: "yes", CastingChoice.AGAINST: "no"}


def popolo_result(carried: bool | None) -> str | None:
    """Popolo's VoteEvent result: "pass", "fail", or none when nothing was put (an
    election)."""
    return None if carried is None else ("pass" if carried else "fail")


def popolo_motion(text: str) -> dict[str, str]:
    """Popolo's Motion, which a VoteEvent holds as an object (specs/vote-event.html;
    schemas/motion.json: "text", the transcript or text of the motion)."""
    return {"text": text}


def casting_votes(casting: str | None, presiding: str | None) -> list[dict[str, str]]:
    """The casting vote as a Popolo Vote of the person presiding (none if it was declined
    or not given, or if nobody is known to have presided)."""
    option = CASTING_OPTION.get(casting) if isinstance(casting, str) else None
    if option is None or presiding is None:
        return []
    return [{"voter_id": presiding, "option": option, "role": CASTING_ROLE}]


def popolo_counts(vote: Vote) -> list[dict[str, Any]]:
    """Popolo's Counts: the ordinary figures, with the casting vote in its option's."""
    cast = CASTING_OPTION.get(vote.casting)
    figures = (("yes", vote.votes_for), ("no", vote.votes_against),
               ("abstain", vote.abstained))
    return [{"option": option, "value": value + (1 if option == cast else 0)}
            for option, value in figures]


class Refs:
    """Stable references for rows: kind/1, kind/2 … in record order."""

    def __init__(self) -> None:
        self._refs: dict[tuple[str, int], str] = {}
        self._count: dict[str, int] = {}

    def add(self, kind: str, row_id: int) -> str:
        self._count[kind] = self._count.get(kind, 0) + 1
        ref = f"{kind}/{self._count[kind]}"
        self._refs[(kind, row_id)] = ref
        return ref

    def get(self, kind: str, row_id: int | None) -> str | None:
        return None if row_id is None else self._refs[(kind, row_id)]

    def find(self, kind: str, row_id: int | None) -> str | None:
        """The reference of a row, or None if the record does not hold it."""
        return self._refs.get((kind, row_id))


def export_record(engine: Engine, meeting_ids: list[int] | None = None,
                  body_id: int | None = None) -> dict[str, Any]:
    """The record of one body with the given meetings (default: all its meetings)."""
    with Session(engine) as session:
        if meeting_ids:
            first = session.get(Meeting, meeting_ids[0])
            if first is None:
                raise NotFound("That meeting is no longer in the record: choose another.")
            body_id = first.body_id
        body = session.get(Body, body_id) if body_id else None
        if body is None:
            raise NotFound("There is no such body in the record.")
        meetings = session.exec(
            select(Meeting).where(Meeting.body_id == body.id).order_by(Meeting.date, Meeting.id)
        ).all()
        if meeting_ids:
            wanted = set(meeting_ids)
            missing = wanted - {m.id for m in meetings}
            if missing:
                raise ClerkError("Meetings of different bodies cannot go in one record file.")
            meetings = [m for m in meetings if m.id in wanted]
        return export_body(session, body, meetings)


def _of_body(session: Session, table: type, body: Body, *order) -> list:
    return session.exec(select(table).where(table.body_id == body.id)
                        .order_by(*(order or (table.id,)))).all()


def _organisations(session: Session, persons: list[Person],
                   offices: list[Office]) -> list[Organisation]:
    """The organisations the people come from or work for, and those the offices'
    rules name (so that the rules read the same after import)."""
    ids = {i for p in persons for i in (p.agency_id, p.employer_id) if i is not None}
    named = (organisations.resolve(session, n) for o in offices for n in o.excluded_employers)
    ids |= {org.id for org in named if org is not None}
    return session.exec(select(Organisation).where(Organisation.id.in_(sorted(ids)))
                        .order_by(Organisation.id)).all()


def _person(p: Person, refs: Refs) -> dict[str, Any]:
    return {"id": refs.get("person", p.id), "agency_id": refs.get("organization", p.agency_id),
            "employer_id": refs.get("organization", p.employer_id), **f.PERSON.out(p)}


def export_body(session: Session, body: Body, meetings: list[Meeting]) -> dict[str, Any]:
    refs = Refs()
    categories = _of_body(session, Category, body, Category.position, Category.id)
    for c in categories:
        refs.add("post", c.id)
    offices = _of_body(session, Office, body)
    memberships = _of_body(session, Membership, body)
    terms = _of_body(session, OfficeTerm, body)
    interests = _of_body(session, RegisteredInterest, body)
    entries = session.exec(select(RegisterEntry).where(
        RegisterEntry.meeting_id.in_([m.id for m in meetings])).order_by(RegisterEntry.id)).all()
    person_ids = sorted(
        {m.person_id for m in memberships}
        | {m.named_substitute_id for m in memberships if m.named_substitute_id}
        | {t.person_id for t in terms} | {i.person_id for i in interests}
        | {e.person_id for e in entries}
    )
    persons = session.exec(select(Person).where(Person.id.in_(person_ids))
                           .order_by(Person.id)).all()
    for p in persons:
        refs.add("person", p.id)
    orgs = _organisations(session, persons, offices)
    for o in orgs:
        refs.add("organization", o.id)
    for m in memberships:
        refs.add("membership", m.id)
    office_keys = {o.id: o.key for o in offices}
    exported = [_export_meeting(session, m, refs) for m in meetings]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"clerk-app {__version__}",
        "organization": {
            **f.BODY.out(body),
            "settings": [f.SETTING.out(s) for s in _of_body(session, BodySetting, body,
                                                             BodySetting.key)],
            "posts": [{"id": refs.get("post", c.id), **f.POST.out(c)} for c in categories],
            "offices": [f.OFFICE.out(o) for o in offices],
        },
        "organizations": [{"id": refs.get("organization", o.id), **f.ORGANISATION.out(o)}
                          for o in orgs],
        "persons": [_person(p, refs) for p in persons],
        "memberships": [
            {"id": refs.get("membership", m.id), "person_id": refs.get("person", m.person_id),
             "post_id": refs.get("post", m.category_id),
             "named_substitute_id": refs.get("person", m.named_substitute_id),
             **f.MEMBERSHIP.out(m)}
            for m in memberships
        ],
        "office_terms": [
            {"office": office_keys[t.office_id], "person_id": refs.get("person", t.person_id),
             **f.OFFICE_TERM.out(t)}
            for t in terms
        ],
        "registered_interests": [
            {"person_id": refs.get("person", i.person_id), **f.INTEREST.out(i)}
            for i in interests
        ],
        "meetings": _after_every_meeting(session, meetings, exported, refs),
    }


def _export_meeting(session: Session, meeting: Meeting, refs: Refs) -> dict[str, Any]:
    mref = refs.add("meeting", meeting.id)
    items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                         .order_by(AgendaItem.position, AgendaItem.id)).all()
    for i in items:
        refs.add("item", i.id)
    person = lambda pid: refs.get("person", pid)  # noqa: E731
    item = lambda iid: refs.get("item", iid)  # noqa: E731

    def rows(table, *order):
        return session.exec(select(table).where(table.meeting_id == meeting.id)
                            .order_by(*order)).all()

    decisions = session.exec(select(Decision).where(Decision.item_id.in_([i.id for i in items]))
                             .order_by(Decision.decided_at, Decision.id)).all()
    return {
        "id": mref,
        **f.MEETING.out(meeting),
        "agenda": [{"id": item(i.id), "presiding_person_id": person(i.presiding_person_id),
                    **f.ITEM.out(i)} for i in items],
        "register": [
            {"person_id": person(e.person_id),
             "membership_id": refs.get("membership", e.membership_id),
             "substitute_for_membership_id": refs.get("membership",
                                                      e.substitute_for_membership_id),
             **f.ENTRY.out(e)}
            for e in rows(RegisterEntry, RegisterEntry.id)
        ],
        "attendance_events": [
            {"person_id": person(e.person_id), "item_id": item(e.item_id), **f.EVENT.out(e)}
            for e in rows(AttendanceEvent, AttendanceEvent.at, AttendanceEvent.id)
        ],
        "quorum_events": [{"item_id": item(q.item_id), **f.QUORUM_EVENT.out(q)}
                          for q in rows(QuorumEvent, QuorumEvent.at, QuorumEvent.id)],
        # The part's own name: "declarations" is also an item kind, not this key's meaning.
        f.DECLARATION.key: [
            {"item_id": item(d.item_id), "person_id": person(d.person_id),
             **f.DECLARATION.out(d)}
            for d in rows(Declaration, Declaration.declared_at, Declaration.id)
        ],
        "decisions": [_export_decision(session, d, person, item) for d in decisions],
        "actions": [{"item_id": item(a.item_id), **f.ACTION.out(a)}
                    for a in rows(Action, Action.id)],
        "derived": _derived(session, meeting, items, decisions, person, item),
    }


def _export_decision(session: Session, d: Decision, person, item) -> dict[str, Any]:
    out = {"item_id": item(d.item_id), **f.DECISION.out(d)}
    vote = session.exec(select(Vote).where(Vote.decision_id == d.id)).first()
    if vote is not None:
        positions = session.exec(select(VotePosition).where(VotePosition.vote_id == vote.id)
                                 .order_by(VotePosition.id)).all()
        out["vote_event"] = {
            **f.VOTE.out(vote),
            "presiding_person_id": person(vote.presiding_person_id),
            "motion": popolo_motion(vote.motion),
            "result": popolo_result(vote.carried),
            "counts": popolo_counts(vote),
            # Popolo's Votes (not the "votes" election method).
            f.VOTE_POSITION.key: [
                *({"voter_id": person(p.person_id), **f.VOTE_POSITION.out(p),
                   "option": POPOLO_OPTION[p.position]} for p in positions),
                *casting_votes(vote.casting, person(vote.presiding_person_id))],
            "candidates": vote.candidates,
            "eligible": [{"person_id": person(e["person_id"]), "name": e["name"]}
                         for e in vote.eligible],
            "ineligible": [{"person_id": person(e["person_id"]), "name": e["name"],
                            "reason": e["reason"]} for e in vote.ineligible],
        }
    return out


def _derived(session, meeting, items, decisions, person, item) -> dict[str, Any]:
    """What the rules say of each item, at the moment of its last decision (or its start)."""
    decided = {}
    for d in decisions:
        decided[d.item_id] = d.decided_at
    out = []
    rows = meeting_rows(session, meeting.id)  # read once for every item's snapshot
    for i in items:
        when = decided.get(i.id) or i.started_at
        if when is None:
            continue
        state = meeting_state(session, meeting.id, at=when, item_id=i.id, rows=rows)
        out.append({
            "item_id": item(i.id),
            "at": when.isoformat(),
            "quorum": {"quorate": state.quorum.quorate, "summary": state.quorum.summary,
                       "explanation": state.quorum.explanation(),
                       "counting": list(state.quorum.counting)},
            "presiding": {"person_id": person(state.presiding.person_id),
                          "reason": state.presiding.reason},
            "eligible_voters": [person(a.person_id) for a in state.eligibility.eligible],
            "not_eligible": [{"person_id": person(x.person_id), "reason": x.reason}
                             for x in state.eligibility.ineligible],
        })
    return {"items": out}


def _after_every_meeting(session: Session, meetings: list[Meeting],
                         exported: list[dict[str, Any]], refs: Refs) -> list[dict[str, Any]]:
    """What refers to later meetings — the approval of each meeting's minutes, their
    corrections, the audit trail — once every meeting of the record has its reference.
    A meeting outside the file is referred to as none."""
    for meeting, out in zip(meetings, exported, strict=True):
        approvals = session.exec(select(MinutesApproval).where(
            MinutesApproval.meeting_id == meeting.id).order_by(MinutesApproval.id))
        out["minutes_approvals"] = [
            {"approved_at_meeting_id": refs.find("meeting", a.approved_at_meeting_id),
             "item_id": refs.find("item", a.item_id), **f.APPROVAL.out(a)}
            for a in approvals]
        corrections = session.exec(select(MinutesCorrection).where(
            MinutesCorrection.meeting_id == meeting.id).order_by(MinutesCorrection.id))
        out["minutes_corrections"] = [
            {"at_meeting_id": refs.find("meeting", c.at_meeting_id), **f.CORRECTION.out(c)}
            for c in corrections]
        out["audit"] = audit.export_entries(session, meeting.id, refs.find)
    return exported

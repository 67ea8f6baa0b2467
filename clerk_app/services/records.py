"""The meeting record file: a body, its people and meetings, as one JSON document.

Clerks use it to move a meeting between laptops and to archive it. The format is
documented by the JSON Schema in database/schema; names follow the Popolo open-data
standard where it has one (persons, organization, posts, memberships, vote_event,
counts, votes). Rows are referred to by stable references ("person/3") numbered in
record order, so a record imported into an empty database exports to the same JSON.

The export also carries what the rules derived (quorum per item with its explanation,
each vote's eligible voters and result); the import ignores it and derives afresh.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

import jsonschema
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from clerk_app import __version__, paths
from clerk_app.db.engine import unit_of_work
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
    Office,
    OfficeTerm,
    Person,
    QuorumEvent,
    RegisteredInterest,
    RegisterEntry,
    Vote,
    VotePosition,
)
from clerk_app.services import audit
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.state import meeting_rows, meeting_state

FORMAT = "clerk-app/meeting-record"
FORMAT_VERSION = 1

# Popolo's vote options.
POPOLO_OPTION = {"for": "yes", "against": "no", "abstained": "abstain",
                 "did_not_vote": "not voting", "withdrawn": "excused", "not_entitled": "paired",
                 "absent": "absent"}


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return value


class _Refs:
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


def _fields(row: SQLModel, *names: str) -> dict[str, Any]:
    return {name: _value(getattr(row, name)) for name in names}


# --- Export ---------------------------------------------------------------------------


def export_record(engine: Engine, meeting_ids: list[int] | None = None,
                  body_id: int | None = None) -> dict[str, Any]:
    """The record of one body with the given meetings (default: all its meetings)."""
    with Session(engine) as session:
        if meeting_ids:
            first = session.get(Meeting, meeting_ids[0])
            if first is None:
                raise NotFound(f"There is no meeting {meeting_ids[0]} in the record.")
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
        return _export(session, body, meetings)


def _export(session: Session, body: Body, meetings: list[Meeting]) -> dict[str, Any]:
    refs = _Refs()
    categories = session.exec(
        select(Category).where(Category.body_id == body.id).order_by(Category.position,
                                                                     Category.id)).all()
    for c in categories:
        refs.add("post", c.id)
    offices = session.exec(select(Office).where(Office.body_id == body.id)
                           .order_by(Office.id)).all()
    memberships = session.exec(select(Membership).where(Membership.body_id == body.id)
                               .order_by(Membership.id)).all()
    terms = session.exec(select(OfficeTerm).where(OfficeTerm.body_id == body.id)
                         .order_by(OfficeTerm.id)).all()
    interests = session.exec(select(RegisteredInterest).where(
        RegisteredInterest.body_id == body.id).order_by(RegisteredInterest.id)).all()
    meeting_ids = [m.id for m in meetings]
    entries = session.exec(select(RegisterEntry).where(
        RegisterEntry.meeting_id.in_(meeting_ids)).order_by(RegisterEntry.id)).all()

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
    for m in memberships:
        refs.add("membership", m.id)
    office_keys = {o.id: o.key for o in offices}

    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"clerk-app {__version__}",
        "organization": {
            **_fields(body, "key", "name", "short_name", "preset_key", "seed", "description"),
            "settings": [
                _fields(s, "key", "value", "source", "assumed", "note", "confirmed_at")
                for s in session.exec(select(BodySetting).where(BodySetting.body_id == body.id)
                                      .order_by(BodySetting.key))
            ],
            "posts": [
                {"id": refs.get("post", c.id),
                 **_fields(c, "key", "name", "seats", "seat_labels", "voting", "core",
                           "source", "assumed", "notes")}
                for c in categories
            ],
            "offices": [
                _fields(o, "key", "name", "term_months", "only_categories",
                        "not_same_agency_as", "core_member_only", "excluded_employers",
                        "source", "eligibility_source", "assumed")
                for o in offices
            ],
        },
        "persons": [
            {"id": refs.get("person", p.id),
             **_fields(p, "name", "agency", "employer", "role_title", "email")}
            for p in persons
        ],
        "memberships": [
            {"id": refs.get("membership", m.id), "person_id": refs.get("person", m.person_id),
             "post_id": refs.get("post", m.category_id),
             "named_substitute_id": refs.get("person", m.named_substitute_id),
             **_fields(m, "seat_label", "voting", "start_date", "end_date",
                       "agreement_signed_on")}
            for m in memberships
        ],
        "office_terms": [
            {"office": office_keys[t.office_id], "person_id": refs.get("person", t.person_id),
             **_fields(t, "start_date", "end_date")}
            for t in terms
        ],
        "registered_interests": [
            {"person_id": refs.get("person", i.person_id),
             **_fields(i, "description", "kind", "from_date", "to_date")}
            for i in interests
        ],
        "meetings": _with_audit(session, meetings,
                                [_export_meeting(session, m, refs) for m in meetings], refs),
    }


def _export_meeting(session: Session, meeting: Meeting, refs: _Refs) -> dict[str, Any]:
    mref = refs.add("meeting", meeting.id)
    items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                         .order_by(AgendaItem.position, AgendaItem.id)).all()
    for i in items:
        refs.add("item", i.id)
    item_ids = [i.id for i in items]
    person = lambda pid: refs.get("person", pid)  # noqa: E731
    item = lambda iid: refs.get("item", iid)  # noqa: E731

    def rows(table, *order):
        column = table.meeting_id if hasattr(table, "meeting_id") else None
        return session.exec(select(table).where(column == meeting.id).order_by(*order)).all()

    decisions = session.exec(select(Decision).where(Decision.item_id.in_(item_ids))
                             .order_by(Decision.decided_at, Decision.id)).all()
    return {
        "id": mref,
        **_fields(meeting, "title", "date", "start_time", "end_time", "venue", "status",
                  "opened_at", "closed_at", "public_count", "public_names",
                  "papers_dispatched_on", "minutes_status", "minutes_approved_on",
                  "minutes_distributed_on", "next_meeting_note"),
        "agenda": [
            {"id": item(i.id), "presiding_person_id": person(i.presiding_person_id),
             **_fields(i, "position", "title", "kind", "description", "presenter", "papers",
                       "exempt", "exempt_reason", "public_excluded", "notes", "started_at")}
            for i in items
        ],
        "register": [
            {"person_id": person(e.person_id),
             "membership_id": refs.get("membership", e.membership_id),
             "substitute_for_membership_id": refs.get("membership",
                                                      e.substitute_for_membership_id),
             **_fields(e, "capacity", "apologies", "apologies_note", "for_items", "role_note")}
            for e in rows(RegisterEntry, RegisterEntry.id)
        ],
        "attendance_events": [
            {"person_id": person(e.person_id), "item_id": item(e.item_id),
             **_fields(e, "kind", "at", "recorded_at")}
            for e in rows(AttendanceEvent, AttendanceEvent.at, AttendanceEvent.id)
        ],
        "quorum_events": [
            {"item_id": item(q.item_id), **_fields(q, "kind", "at", "summary")}
            for q in rows(QuorumEvent, QuorumEvent.at, QuorumEvent.id)
        ],
        "declarations": [
            {"item_id": item(d.item_id), "person_id": person(d.person_id),
             **_fields(d, "kind", "effect", "description", "dispensation_by",
                       "dispensation_note", "declared_at")}
            for d in rows(Declaration, Declaration.declared_at, Declaration.id)
        ],
        "decisions": [_export_decision(session, d, person, item) for d in decisions],
        "actions": [
            {"item_id": item(a.item_id),
             **_fields(a, "description", "owner", "due_date", "done_on")}
            for a in rows(Action, Action.id)
        ],
        "derived": _derived(session, meeting, items, decisions, person, item),
    }


def _export_decision(session: Session, d: Decision, person, item) -> dict[str, Any]:
    out = {"item_id": item(d.item_id),
           **_fields(d, "kind", "text", "decided_at", "quorate", "quorum_summary",
                     "inquorate_reason")}
    vote = session.exec(select(Vote).where(Vote.decision_id == d.id)).first()
    if vote is not None:
        positions = session.exec(select(VotePosition).where(VotePosition.vote_id == vote.id)
                                 .order_by(VotePosition.id)).all()
        out["vote_event"] = {
            **_fields(vote, "method", "motion", "casting", "carried", "presiding_label",
                      "election_method", "sentence"),
            "presiding_person_id": person(vote.presiding_person_id),
            "result": None if vote.carried is None else ("pass" if vote.carried else "fail"),
            "counts": [
                {"option": "yes", "value": vote.votes_for},
                {"option": "no", "value": vote.votes_against},
                {"option": "abstain", "value": vote.abstained},
            ],
            "votes": [{"voter_id": person(p.person_id), "position": p.position,
                       "option": POPOLO_OPTION[p.position]} for p in positions],
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


# --- Import ---------------------------------------------------------------------------


def schema() -> dict[str, Any]:
    return json.loads(paths.RECORD_SCHEMA.read_text(encoding="utf-8"))


def validate_record(data: Any) -> None:
    """Refuse a bad file with the path of the first offending field."""
    validator = jsonschema.Draft202012Validator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(the whole file)"
        raise ClerkError(f"The record file is not valid at {where}: {error.message}")
    _refuse_huge_numbers(data, ())


def _refuse_huge_numbers(value: Any, where: tuple) -> None:
    """SQLite keeps integers in 64 bits; a larger one would come back changed."""
    if isinstance(value, bool):
        return
    if isinstance(value, int) and not -2**63 <= value < 2**63:
        raise ClerkError(f"The record file is not valid at {'/'.join(map(str, where))}: "
                         f"{value} is too large a number.")
    items = value.items() if isinstance(value, dict) else \
        enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        _refuse_huge_numbers(inner, (*where, key))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.astimezone()


def import_record(engine: Engine, data: Any) -> int:
    """Write a record file into the database, all or nothing; return the body id."""
    validate_record(data)
    try:
        with unit_of_work(engine) as session:
            body_id = _import(session, data)
            _check_readable(session, body_id)
            return body_id
    except KeyError as error:
        raise ClerkError(f"The record file refers to {error.args[0]}, which it does not "
                         "define.") from error
    except ValueError as error:
        raise ClerkError(f"The record file holds an impossible value: {error}") from error


def _check_readable(session: Session, body_id: int) -> None:
    """Refuse a record the rules cannot read, before it is committed.

    The schema cannot say what shape each body setting's value has, so a hand-edited or
    hostile file can hold a quorum that is a number or a casting vote that is a list.
    Reading the settings as rules, working out each meeting's deadlines and deriving
    what the export derives shows it now, as a refusal, rather than as a crash later.
    """
    from clerk_app.rules.deadlines import dispatch_deadline, minutes_due
    from clerk_app.rules.declarations import InterestKind, default_effect
    from clerk_app.services.constitution import body_rules

    body = session.get(Body, body_id)
    meetings = session.exec(select(Meeting).where(Meeting.body_id == body_id)).all()
    try:
        rules = body_rules(session, body_id)
        for kind in InterestKind:
            default_effect(kind, rules.declaration_effects)
        for meeting in meetings:
            dispatch_deadline(meeting.date, rules.dispatch_working_days, rules.dispatch_counting)
            minutes_due(meeting.date, rules.minutes_due_days)
        _export(session, body, list(meetings))
    except (TypeError, ValueError, KeyError, AttributeError, ArithmeticError) as error:
        raise ClerkError("The record file's settings (organization/settings) or meetings "
                         f"cannot be read by the rules ({type(error).__name__}: {error}). "
                         "Nothing was imported.") from error


def _import(session: Session, data: dict[str, Any]) -> int:
    org = data["organization"]
    if session.exec(select(Body).where(Body.key == org["key"])).first():
        raise ClerkError(
            f"This database already holds a body with the key {org['key']!r}. Import the "
            "record into another database file (--db), or rename the body's key in the file."
        )
    body = Body(**{k: org.get(k) for k in ("key", "name", "short_name", "preset_key", "seed",
                                           "description")})
    body.short_name = body.short_name or ""
    body.description = body.description or ""
    session.add(body)
    session.flush()
    ids: dict[str, int] = {}

    def add(row: SQLModel, ref: str | None = None) -> SQLModel:
        session.add(row)
        session.flush()
        if ref:
            if ref in ids:  # two rows under one name: references to it would be ambiguous
                raise ClerkError(f"The record file defines {ref} twice.")
            ids[ref] = row.id
        return row

    def ref(value: str | None) -> int | None:
        return None if value is None else ids[value]

    for s in org["settings"]:
        add(BodySetting(body_id=body.id, key=s["key"], value=s["value"], source=s["source"],
                        assumed=s["assumed"], note=s.get("note", ""),
                        confirmed_at=_datetime(s.get("confirmed_at"))))
    category_keys = {}
    for position, c in enumerate(org["posts"]):
        row = add(Category(body_id=body.id, position=position,
                           **{k: c[k] for k in ("key", "name", "seats", "seat_labels", "voting",
                                                "core", "source", "assumed", "notes")}),
                  c["id"])
        category_keys[c["id"]] = row.key
    offices = {}
    for o in org["offices"]:
        offices[o["key"]] = add(Office(body_id=body.id, **o)).id
    for p in data["persons"]:
        add(Person(**{k: p[k] for k in ("name", "agency", "employer", "role_title", "email")}),
            p["id"])
    for m in data["memberships"]:
        add(Membership(body_id=body.id, person_id=ref(m["person_id"]),
                       category_id=ref(m["post_id"]), seat_label=m["seat_label"],
                       voting=m["voting"], named_substitute_id=ref(m["named_substitute_id"]),
                       start_date=_date(m["start_date"]), end_date=_date(m["end_date"]),
                       agreement_signed_on=_date(m["agreement_signed_on"])), m["id"])
    for t in data["office_terms"]:
        add(OfficeTerm(body_id=body.id, office_id=offices[t["office"]],
                       person_id=ref(t["person_id"]), start_date=_date(t["start_date"]),
                       end_date=_date(t["end_date"])))
    for i in data["registered_interests"]:
        add(RegisteredInterest(body_id=body.id, person_id=ref(i["person_id"]),
                               description=i["description"], kind=i["kind"],
                               from_date=_date(i["from_date"]), to_date=_date(i["to_date"])))
    imported = [_import_meeting(session, body.id, m, add, ref) for m in data["meetings"]]
    # After every meeting, since an approval names the meeting that agreed the minutes.
    for meeting, m in zip(imported, data["meetings"], strict=True):
        audit.import_entries(session, meeting, m.get("audit", []), ref)
    return body.id


def _with_audit(session: Session, meetings: list[Meeting], exported: list[dict[str, Any]],
                refs: _Refs) -> list[dict[str, Any]]:
    """Each meeting's audit trail, once every meeting of the record has its reference."""
    for meeting, out in zip(meetings, exported, strict=True):
        out["audit"] = audit.export_entries(session, meeting.id, refs.find)
    return exported


def _import_meeting(session: Session, body_id: int, m: dict[str, Any], add, ref) -> Meeting:
    meeting = add(Meeting(
        body_id=body_id, title=m["title"], date=_date(m["date"]),
        start_time=_time(m["start_time"]), end_time=_time(m["end_time"]), venue=m["venue"],
        status=m["status"], opened_at=_datetime(m["opened_at"]),
        closed_at=_datetime(m["closed_at"]), public_count=m["public_count"],
        public_names=m["public_names"], papers_dispatched_on=_date(m["papers_dispatched_on"]),
        minutes_status=m["minutes_status"], minutes_approved_on=_date(m["minutes_approved_on"]),
        minutes_distributed_on=_date(m["minutes_distributed_on"]),
        next_meeting_note=m["next_meeting_note"],
    ), m["id"])
    for i in m["agenda"]:
        add(AgendaItem(meeting_id=meeting.id, presiding_person_id=ref(i["presiding_person_id"]),
                       started_at=_datetime(i["started_at"]),
                       **{k: i[k] for k in ("position", "title", "kind", "description",
                                            "presenter", "papers", "exempt", "exempt_reason",
                                            "public_excluded", "notes")}), i["id"])
    for e in m["register"]:
        add(RegisterEntry(meeting_id=meeting.id, person_id=ref(e["person_id"]),
                          membership_id=ref(e["membership_id"]),
                          substitute_for_membership_id=ref(e["substitute_for_membership_id"]),
                          **{k: e[k] for k in ("capacity", "apologies", "apologies_note",
                                               "for_items", "role_note")}))
    for e in m["attendance_events"]:
        add(AttendanceEvent(meeting_id=meeting.id, person_id=ref(e["person_id"]), kind=e["kind"],
                            at=_datetime(e["at"]), item_id=ref(e["item_id"]),
                            recorded_at=_datetime(e["recorded_at"])))
    for q in m["quorum_events"]:
        add(QuorumEvent(meeting_id=meeting.id, kind=q["kind"], at=_datetime(q["at"]),
                        item_id=ref(q["item_id"]), summary=q["summary"]))
    for d in m["declarations"]:
        add(Declaration(meeting_id=meeting.id, item_id=ref(d["item_id"]),
                        person_id=ref(d["person_id"]), declared_at=_datetime(d["declared_at"]),
                        **{k: d[k] for k in ("kind", "effect", "description", "dispensation_by",
                                             "dispensation_note")}))
    for d in m["decisions"]:
        decision = add(Decision(item_id=ref(d["item_id"]), kind=d["kind"], text=d["text"],
                                decided_at=_datetime(d["decided_at"]), quorate=d["quorate"],
                                quorum_summary=d["quorum_summary"],
                                inquorate_reason=d["inquorate_reason"]))
        v = d.get("vote_event")
        if v is None:
            continue
        counts = {c["option"]: c["value"] for c in v["counts"]}
        vote = add(Vote(
            decision_id=decision.id, method=v["method"], motion=v["motion"],
            votes_for=counts.get("yes", 0), votes_against=counts.get("no", 0),
            abstained=counts.get("abstain", 0), casting=v["casting"], carried=v["carried"],
            presiding_person_id=ref(v["presiding_person_id"]),
            presiding_label=v["presiding_label"], election_method=v["election_method"],
            sentence=v["sentence"], candidates=v["candidates"],
            eligible=[{"person_id": ref(e["person_id"]), "name": e["name"]}
                      for e in v["eligible"]],
            ineligible=[{"person_id": ref(e["person_id"]), "name": e["name"],
                         "reason": e["reason"]} for e in v["ineligible"]],
        ))
        for p in v["votes"]:
            add(VotePosition(vote_id=vote.id, person_id=ref(p["voter_id"]),
                             position=p["position"]))
    for a in m["actions"]:
        add(Action(meeting_id=meeting.id, item_id=ref(a["item_id"]),
                   description=a["description"], owner=a["owner"],
                   due_date=_date(a["due_date"]), done_on=_date(a["done_on"])))
    return meeting

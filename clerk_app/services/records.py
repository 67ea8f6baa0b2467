"""The meeting record file: a body, its people and meetings, as one JSON document.

Clerks use it to move a meeting between laptops and to archive it. The format is
documented by the JSON Schema in database/schema; names follow the Popolo open-data
standard where it has one (persons, organization, posts, memberships, vote_event,
counts, votes). Rows are referred to by stable references ("person/3") numbered in
record order, so a record imported into an empty database exports to the same JSON.
Each part's fields follow from its table (services/record_format.py); the file is
written by services/record_export.py and read back here.

The export also carries what the rules derived (quorum per item with its explanation,
each vote's eligible voters and result); the import ignores it and derives afresh.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import uuid4

import jsonschema
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from clerk_app import paths
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
    MinutesApproval,
    MinutesCorrection,
    Office,
    OfficeTerm,
    Person,
    QuorumEvent,
    RegisteredInterest,
    RegisterEntry,
    Vote,
    VotePosition,
)
from clerk_app.rules.deadlines import dispatch_deadline, minutes_due
from clerk_app.rules.declarations import default_effect
from clerk_app.rules.limits import TextKind, excerpt, too_long
from clerk_app.rules.vocabulary import CastingChoice, InterestKind, Position
from clerk_app.services import audit, organisations
from clerk_app.services import record_format as f
from clerk_app.services.constitution import body_rules
from clerk_app.services.errors import ClerkError
from clerk_app.services.record_export import (
    CASTING_OPTION,
    FORMAT,
    FORMAT_VERSION,
    POPOLO_OPTION,
    casting_votes,
    export_body,
    export_record,
    popolo_counts,
    popolo_motion,
    popolo_result,
)
from clerk_app.services.record_file import one_line, read_record_file, refuse_deep_nesting

__all__ = ["FORMAT", "FORMAT_VERSION", "POPOLO_OPTION", "export_record", "import_record",
           "checked_record", "read_record_file", "schema", "validate_record"]


# --- Import ---------------------------------------------------------------------------


def schema() -> dict[str, Any]:
    return json.loads(paths.RECORD_SCHEMA.read_text(encoding="utf-8"))


def _ecma_pattern(validator, pattern: str, instance: Any, _schema: Any):
    """A schema's pattern read as JSON Schema means it (ECMA-262): `$` is the end of the
    text and `\\d` an ASCII digit. Python's `$` also matches before a final line break and
    its `\\d` any script's digit, which let "person/3\\n" and a key ending in a line break
    through."""
    python = pattern.replace(r"\d", "[0-9]")
    python = python[:-1] + r"\Z" if python.endswith("$") else python
    if validator.is_type(instance, "string") and not re.search(python, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


RecordValidator = jsonschema.validators.extend(jsonschema.Draft202012Validator,
                                               {"pattern": _ecma_pattern})


def validate_record(data: Any) -> None:
    """Refuse a bad file with the path of the first offending field."""
    validator = RecordValidator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(the whole file)"
        raise ClerkError(f"The record file is not valid at {where}: {_problem(error)}")
    _refuse_huge_values(data, ())


def _problem(error: jsonschema.ValidationError) -> str:
    """What is wrong, quoting at most the start of the value: the schema's own message
    quotes it whole, and a value may be millions of characters long."""
    if error.validator == "maxLength" and isinstance(error.instance, str):
        field = next((p for p in reversed(error.absolute_path) if isinstance(p, str)), "text")
        return (f"the {field.replace('_', ' ')} is {len(error.instance):,} characters long "
                f"(“{excerpt(error.instance)}”); at most {error.validator_value:,} are kept.")
    return one_line(error.message)


def _refuse_huge_values(value: Any, where: tuple) -> None:
    """SQLite keeps integers in 64 bits; a larger one would come back changed. No text
    is longer than the longest kind, even where the schema allows any value (a setting's
    value, an audit entry's detail)."""
    if isinstance(value, bool):
        return
    if isinstance(value, int) and not -2**63 <= value < 2**63:
        raise ClerkError(f"The record file is not valid at {'/'.join(map(str, where))}: "
                         f"{excerpt(str(value))} is too large a number.")
    if isinstance(value, str) and len(value) > TextKind.NOTES.limit:
        raise ClerkError(f"The record file is not valid at {'/'.join(map(str, where))}: "
                         f"{too_long(value, TextKind.NOTES, 'text')}")
    items = value.items() if isinstance(value, dict) else \
        enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        _refuse_huge_values(inner, (*where, key))


def upgraded(data: Any) -> Any:
    """A file of a previous format version (1 to 3) in today's shape; any other file as
    it is.

    Version 1 wrote a vote's motion as a string, Popolo options outside Popolo's list
    ("paired" for a member without a vote, "excused" for one who withdrew), the casting
    vote only in our own `casting` field, and could leave out a meeting's minutes
    approvals, corrections and audit trail. Versions 1 and 2 wrote each person's agency
    and employer as text, without organisations, and lack the columns added since (read
    with their defaults, as before). Versions 1 to 3 carry no identities (`uuid`). The
    file is not validated yet, so only what has the expected shape is changed; the
    schema refuses the rest.
    """
    version = data.get("format_version") if isinstance(data, dict) else None
    if type(version) is not int or version not in (1, 2, 3):  # not True, which equals 1
        return data
    data = copy.deepcopy(data)
    data["format_version"] = FORMAT_VERSION
    _upgrade_identities(data)
    if version == 3:
        return data
    _upgrade_agencies(data)
    for part in f.PARTS:
        for row in f.objects(data, part.path):
            for name, value in part.defaults().items():
                row.setdefault(name, value)
    if version == 2:
        return data
    for meeting in _dicts(data.get("meetings")):
        for key in ("minutes_approvals", "minutes_corrections", "audit"):
            meeting.setdefault(key, [])
        for decision in _dicts(meeting.get("decisions")):
            if isinstance(decision.get("vote_event"), dict):
                _upgrade_vote(decision["vote_event"])
    return data


def _upgrade_identities(data: dict[str, Any]) -> None:
    """Rows of a file written before identities (versions 1 to 3) get one each, as a
    row made today would: new, so they never merge with another record's rows."""
    identified = (part.path for part in f.PARTS if "uuid" in part.fields)
    for path in (*identified, f"{f.MEETING.path}/properties/audit/items"):
        for row in f.objects(data, path):
            if path != f.VOTE_POSITION.path or "position" in row:  # not a casting vote
                row.setdefault("uuid", str(uuid4()))


def _upgrade_agencies(data: dict[str, Any]) -> None:
    """Each agency or employer typed in an older file becomes one organisation (the same
    ignoring case and spacing), and the person refers to it."""
    found: dict[str, str] = {}
    data.setdefault("organizations", [])
    for person in _dicts(data.get("persons")):
        for text, key in (("agency", "agency_id"), ("employer", "employer_id")):
            if text not in person:
                continue
            typed = person.pop(text)
            folded = organisations.folded(typed) if isinstance(typed, str) else ""
            if folded and folded not in found:
                found[folded] = f"organization/{len(data['organizations']) + 1}"
                data["organizations"].append({"id": found[folded], "name": typed.strip(),
                                              "short_name": "", "aliases": []})
            person[key] = found.get(folded)


def _dicts(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _upgrade_vote(v: dict[str, Any]) -> None:
    if isinstance(v.get("motion"), str):
        v["motion"] = popolo_motion(v["motion"])
    for p in _dicts(v.get(f.VOTE_POSITION.key)):
        if p.get("position") in list(Position):  # a list: the value may be unhashable
            p["option"] = POPOLO_OPTION[Position(p["position"])]
    casting = v.get("casting")
    if isinstance(v.get(f.VOTE_POSITION.key), list) and isinstance(casting, str):
        v[f.VOTE_POSITION.key] += casting_votes(casting, v.get("presiding_person_id"))
    counted = CASTING_OPTION.get(casting) if isinstance(casting, str) else None
    for c in _dicts(v.get("counts")):
        if counted and c.get("option") == counted and type(c.get("value")) is int:
            c["value"] += 1


def checked_record(data: Any) -> Any:
    """A record file's data in today's shape, or a one-line ClerkError saying what is
    wrong with it: checked before the record is even opened, so a bad file writes nothing."""
    refuse_deep_nesting(data)
    data = upgraded(data)
    validate_record(data)
    return data


def import_record(engine: Engine, data: Any) -> int:
    """Write a record file into the database, all or nothing; return the body id.

    A file of the previous format version is read in today's shape (`upgraded`)."""
    data = checked_record(data)
    with refusing_bad_files(), unit_of_work(engine) as session:
        body_id = _import(session, data)
        _check_readable(session, body_id)
        return body_id


@contextmanager
def refusing_bad_files() -> Iterator[None]:
    """What a well-formed file can still hold that the record cannot take, in words:
    a reference to nothing, an impossible value, a row kept once given twice."""
    try:
        yield
    except KeyError as error:
        raise ClerkError(f"The record file refers to {one_line(repr(error.args[0]))}, "
                         "which it does not define.") from error
    except ValueError as error:
        raise ClerkError(f"The record file holds an impossible value: "
                         f"{one_line(str(error))}") from error
    except IntegrityError as error:
        raise ClerkError(_kept_once(error)) from error


def _kept_once(error: IntegrityError) -> str:
    """The refusal of a row the database keeps once per meeting or body (a person twice
    in one register, two settings or offices under one key), in the file's words.

    SQLite names the constraint by table and column: "UNIQUE constraint failed:
    registerentry.meeting_id, registerentry.person_id"; PostgreSQL gives the table and
    a detail "Key (meeting_id, person_id)=(1, 2) already exists."."""
    table, columns, failed = _unique_violation(error)
    part = next((p for p in f.PARTS if p.table.__tablename__ == table), None)
    if part is None or not columns:
        return (f"The record file holds rows the record cannot keep ({one_line(failed)}). "
                "Nothing was imported.")
    fields = [part.refs.get(c, c) for c in columns if c not in part.omit]
    if fields == ["uuid"]:  # an identity: given twice, or already this record's
        return (f"An entry in the record file's {part.key} has the identity (uuid) of another "
                "in the file, or of a row this record holds already (was the file imported "
                "here before?). Nothing was imported.")
    return (f"The record file has two entries in {part.key} with the same "
            f"{' and '.join(fields)}, which a record keeps once. Nothing was imported.")


def _unique_violation(error: IntegrityError) -> tuple[str, list[str], str]:
    """The table and columns of a row kept once (none for another failure), and the
    database's words."""
    diag = getattr(error.orig, "diag", None)  # psycopg: PostgreSQL's own fields
    if diag is not None:
        key = re.match(r"Key \((.*?)\)=", diag.message_detail or "")
        unique = getattr(error.orig, "sqlstate", None) == "23505" and key is not None
        columns = [c.strip() for c in key.group(1).split(",")] if unique else []
        return diag.table_name or "", columns, diag.message_primary or str(error.orig)
    failed = str(error.orig).partition(": ")[2]
    if not str(error.orig).startswith("UNIQUE"):
        return "", [], failed
    return (failed.partition(".")[0],
            [c.strip().partition(".")[2] for c in failed.split(",")], failed)


def _check_readable(session: Session, body_id: int) -> None:
    """Refuse a record the rules cannot read, before it is committed.

    The schema cannot say what shape each body setting's value has, so a hand-edited or
    hostile file can hold a quorum that is a number or a casting vote that is a list.
    Reading the settings as rules, working out each meeting's deadlines and deriving
    what the export derives shows it now, as a refusal, rather than as a crash later.
    """
    body = session.get(Body, body_id)
    meetings = session.exec(select(Meeting).where(Meeting.body_id == body_id)).all()
    try:
        rules = body_rules(session, body_id)
        for kind in InterestKind:
            default_effect(kind, rules.declaration_effects)
        for meeting in meetings:
            dispatch_deadline(meeting.date, rules.dispatch_working_days, rules.dispatch_counting)
            minutes_due(meeting.date, rules.minutes_due_days)
        export_body(session, body, list(meetings))
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
    body = Body(**f.BODY.into(org))
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
        add(BodySetting(body_id=body.id, **f.SETTING.into(s)))
    for position, c in enumerate(org["posts"]):
        add(Category(body_id=body.id, position=position, **f.POST.into(c)), c["id"])
    offices = {o["key"]: add(Office(body_id=body.id, **f.OFFICE.into(o))).id
               for o in org["offices"]}
    _import_organisations(session, data, ids)
    for p in data["persons"]:
        add(Person(agency_id=ref(p["agency_id"]), employer_id=ref(p["employer_id"]),
                   **f.PERSON.into(p)), p["id"])
    for m in data["memberships"]:
        add(Membership(body_id=body.id, person_id=ref(m["person_id"]),
                       category_id=ref(m["post_id"]),
                       named_substitute_id=ref(m["named_substitute_id"]),
                       **f.MEMBERSHIP.into(m)), m["id"])
    for t in data["office_terms"]:
        add(OfficeTerm(body_id=body.id, office_id=offices[t["office"]],
                       person_id=ref(t["person_id"]), **f.OFFICE_TERM.into(t)))
    for i in data["registered_interests"]:
        add(RegisteredInterest(body_id=body.id, person_id=ref(i["person_id"]),
                               **f.INTEREST.into(i)))
    imported = [_import_meeting(session, body.id, m, add, ref) for m in data["meetings"]]
    # After every meeting, since an approval names the meeting that agreed the minutes.
    for meeting, m in zip(imported, data["meetings"], strict=True):
        _import_approvals(meeting, m, add, ref)
        audit.import_entries(session, meeting, m.get("audit", []), ref)
    return body.id


def _import_organisations(session: Session, data: dict[str, Any], ids: dict[str, int]) -> None:
    """The file's organisations; one the database knows already (by any of its names) is
    the same organisation. Two of the file's answering to one name, or one that nobody
    refers to (which the export never writes), is refused rather than merged or lost."""
    used = {p[key] for p in data["persons"] for key in ("agency_id", "employer_id")}
    office_words = {organisations.folded(name) for o in data["organization"]["offices"]
                    for name in o["excluded_employers"]}
    named: dict[str, str] = {}  # each word of the file's organisations -> whose it is
    for o in data["organizations"]:
        words = {organisations.folded(w) for w in (o["name"], o["short_name"], *o["aliases"])}
        words.discard("")
        if o["id"] not in used and not words & office_words:
            raise ClerkError(f"The record file's {o['id']} ({o['name']}) is nobody's agency "
                             "or employer and no office rule names it.")
        other = next((named[w] for w in sorted(words) if w in named), None)
        if other is not None:
            raise ClerkError(f"The record file's {o['id']} ({o['name']}) answers to the same "
                             f"name as another of its organisations, {other}.")
        named |= dict.fromkeys(words, o["name"])
        known = organisations.resolve(session, o["name"])
        org = known or organisations.create(session, **f.ORGANISATION.into(o))
        if o["id"] in ids:
            raise ClerkError(f"The record file defines {o['id']} twice.")
        ids[o["id"]] = org.id


def _import_approvals(meeting: Meeting, m: dict[str, Any], add, ref) -> None:
    """The approval of the meeting's minutes and their corrections (files written before
    they were carried have neither)."""
    for a in m.get("minutes_approvals", []):
        add(MinutesApproval(meeting_id=meeting.id,
                            approved_at_meeting_id=ref(a["approved_at_meeting_id"]),
                            item_id=ref(a["item_id"]), **f.APPROVAL.into(a)))
    for c in m.get("minutes_corrections", []):
        add(MinutesCorrection(meeting_id=meeting.id, at_meeting_id=ref(c["at_meeting_id"]),
                              **f.CORRECTION.into(c)))


def _import_meeting(session: Session, body_id: int, m: dict[str, Any], add, ref) -> Meeting:
    meeting = add(Meeting(body_id=body_id, **f.MEETING.into(m)), m["id"])
    on_meeting = {"meeting_id": meeting.id}
    for i in m["agenda"]:
        add(AgendaItem(**on_meeting, presiding_person_id=ref(i["presiding_person_id"]),
                       **f.ITEM.into(i)), i["id"])
    for e in m["register"]:
        add(RegisterEntry(**on_meeting, person_id=ref(e["person_id"]),
                          membership_id=ref(e["membership_id"]),
                          substitute_for_membership_id=ref(e["substitute_for_membership_id"]),
                          **f.ENTRY.into(e)))
    for e in m["attendance_events"]:
        add(AttendanceEvent(**on_meeting, person_id=ref(e["person_id"]),
                            item_id=ref(e["item_id"]), **f.EVENT.into(e)))
    for q in m["quorum_events"]:
        add(QuorumEvent(**on_meeting, item_id=ref(q["item_id"]), **f.QUORUM_EVENT.into(q)))
    for d in m["declarations"]:
        add(Declaration(**on_meeting, item_id=ref(d["item_id"]), person_id=ref(d["person_id"]),
                        **f.DECLARATION.into(d)))
    for d in m["decisions"]:
        decision = add(Decision(item_id=ref(d["item_id"]), **f.DECISION.into(d)))
        if d.get("vote_event") is not None:
            _import_vote(decision, d["vote_event"], add, ref)
    for a in m["actions"]:
        add(Action(**on_meeting, item_id=ref(a["item_id"]), **f.ACTION.into(a)))
    return meeting


def _import_vote(decision: Decision, v: dict[str, Any], add, ref) -> None:
    if v["result"] != popolo_result(v["carried"]):
        raise ClerkError(f"The record file says a vote's result was {v['result']!r} but that "
                         f"it was {'not ' if not v['carried'] else ''}carried: it cannot be "
                         "both.")
    vote = Vote(
        decision_id=decision.id, motion=v["motion"]["text"],
        presiding_person_id=ref(v["presiding_person_id"]), candidates=v["candidates"],
        eligible=[{"person_id": ref(e["person_id"]), "name": e["name"]} for e in v["eligible"]],
        ineligible=[{"person_id": ref(e["person_id"]), "name": e["name"],
                     "reason": e["reason"]} for e in v["ineligible"]],
        **f.VOTE.into(v),
    )
    _ordinary_figures(vote, v["counts"])
    add(vote)
    entries = v[f.VOTE_POSITION.key]  # each member's position, then the casting vote
    if [p for p in entries if "role" in p] != casting_votes(v["casting"],
                                                            v["presiding_person_id"]):
        raise ClerkError("The record file's casting vote among a vote's Popolo votes is not "
                         "the one its casting and presiding_person_id fields say.")
    for p in (p for p in entries if "position" in p):
        if p["option"] != POPOLO_OPTION[Position(p["position"])]:
            raise ClerkError(f"The record file gives {p['voter_id']} the position "
                             f"{p['position']!r} but the Popolo option {p['option']!r}.")
        add(VotePosition(vote_id=vote.id, person_id=ref(p["voter_id"]),
                         **f.VOTE_POSITION.into(p)))


def _ordinary_figures(vote: Vote, counts: list[dict[str, Any]]) -> None:
    """The figures before the casting vote, which Popolo's Counts include; a casting vote
    breaks a tie, so without it yes and no are equal."""
    by_option = {c["option"]: c["value"] for c in counts}
    vote.votes_for, vote.votes_against, vote.abstained = (
        by_option.get("yes", 0), by_option.get("no", 0), by_option.get("abstain", 0))
    counted = CASTING_OPTION.get(vote.casting)
    if counted:
        vote.casting = CastingChoice(vote.casting)
        vote.votes_for -= int(vote.casting is CastingChoice.FOR)
        vote.votes_against -= int(vote.casting is CastingChoice.AGAINST)
    if (counted and vote.votes_for != vote.votes_against) or popolo_counts(vote) != counts:
        raise ClerkError("The record file's counts of a vote are not a yes, a no and an "
                         "abstain count that include its casting vote, which breaks a tie.")

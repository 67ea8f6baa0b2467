"""A record file merged into a record that already holds its body, by identity.

A meeting taken offline goes to the laptop and comes back through the meeting record
file; each row carries its `uuid` (format version 4), so the row it meets on the other
side is the same row, never one found by position or by name. One meeting is *the*
meeting (the one recorded at the table): its rows replace the other side's, row for row
by identity, those the other side has and the file does not (undone at the table) going.
The other meetings in the file (the previous meeting, those with open actions, the year
so far) only bring what the table changes in them: the approval of the previous minutes
and its corrections, actions closed as matters arising, and their audit entries.
People, organisations, seats and memberships new to the record are added; those it
knows stay as it has them. The body's constitution is the receiving record's.

The caller holds the unit of work: the merge is written whole or not at all.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, SQLModel, select

from clerk_app.db.tables import (
    Action,
    AgendaItem,
    AttendanceEvent,
    AuditEntry,
    Body,
    Category,
    Decision,
    Declaration,
    Meeting,
    Membership,
    MinutesApproval,
    MinutesCorrection,
    Organisation,
    Person,
    QuorumEvent,
    RegisterEntry,
    Vote,
    VotePosition,
)
from clerk_app.services import audit, organisations
from clerk_app.services import record_format as f
from clerk_app.services.errors import ClerkError
from clerk_app.services.records import _import_approvals, _import_meeting


def by_identity(session: Session, table: type[SQLModel], uuid: str) -> Any:
    """The row of a table with that identity, or None."""
    return session.exec(select(table).where(table.uuid == uuid)).first()


def _same_row(session: Session, row: SQLModel) -> SQLModel:
    """The receiving record's row of the same identity, given the file's values (all but
    its own id); or the new row itself."""
    found = by_identity(session, type(row), row.uuid)
    if found is None:
        return row
    for column in type(row).__table__.columns:
        if column.name != "id":
            setattr(found, column.name, getattr(row, column.name))
    return found


class _Ids:
    """The file's references ("person/3") to the receiving record's ids."""

    def __init__(self, session: Session, *, merging: bool) -> None:
        self.session = session
        self.ids: dict[str, int] = {}
        self.merging = merging

    def add(self, row: SQLModel, ref: str | None = None) -> SQLModel:
        if self.merging:
            row = _same_row(self.session, row)
        self.session.add(row)
        self.session.flush()
        if ref:
            self.ids[ref] = row.id
        return row

    def merged(self) -> Any:
        """`add`, taking the record's row of the same identity where there is one."""
        def add(row: SQLModel, ref: str | None = None) -> SQLModel:
            self.merging = True
            try:
                return self.add(row, ref)
            finally:
                self.merging = False
        return add

    def ref(self, value: str | None) -> int | None:
        return None if value is None else self.ids[value]


def merge_record(session: Session, data: dict[str, Any], meeting_uuid: str) -> Meeting:
    """Merge a checked record file (records.checked_record) into a record holding its
    body; the meeting `meeting_uuid` is written whole. Returns that meeting.

    Raises:
        ClerkError: the record does not hold the file's body or the meeting is not in the
            file.
    """
    org = data["organization"]
    body = by_identity(session, Body, org["uuid"])
    if body is None:
        raise ClerkError(f"This record does not hold the body {org['name']!r} of the file: "
                         "a meeting comes back to the record it was taken from.")
    wanted = next((m for m in data["meetings"] if m["uuid"] == meeting_uuid), None)
    if wanted is None:
        raise ClerkError("The record file does not hold the meeting taken offline.")
    ids = _Ids(session, merging=False)
    _known_or_new_people(session, data, body, ids)
    new = [m for m in data["meetings"]
           if m is not wanted and by_identity(session, Meeting, m["uuid"]) is None]
    known = [m for m in data["meetings"] if m is not wanted and all(m is not n for n in new)]
    for m in known:
        _known_meeting(session, m, ids)
    meeting = by_identity(session, Meeting, meeting_uuid)
    if meeting is not None:
        _drop_rows_not_in(session, meeting, wanted)
    ids.merging = True
    meeting = _import_meeting(session, body.id, wanted, ids.add, ids.ref)
    ids.merging = False
    imported = [(_import_meeting(session, body.id, m, ids.add, ids.ref), m) for m in new]
    _import_approvals(meeting, wanted, ids.merged(), ids.ref)
    for row, m in imported:
        _import_approvals(row, m, ids.add, ids.ref)
    for m in known:
        _what_the_table_changed(session, m, ids, wanted)
    for m in data["meetings"]:
        _new_audit_entries(session, m, ids)
    return meeting


def _known_meeting(session: Session, m: dict[str, Any], ids: _Ids) -> None:
    """The references to a meeting the record holds already, and to its items."""
    ids.ids[m["id"]] = by_identity(session, Meeting, m["uuid"]).id
    for i in m["agenda"]:
        item = by_identity(session, AgendaItem, i["uuid"])
        if item is not None:
            ids.ids[i["id"]] = item.id


def _known_or_new_people(session: Session, data: dict[str, Any], body: Body,
                         ids: _Ids) -> None:
    """Seats, organisations, people and memberships: the record's own by identity, the
    others added (a guest first met at the table)."""
    for position, c in enumerate(data["organization"]["posts"]):
        known = by_identity(session, Category, c["uuid"])
        ids.ids[c["id"]] = known.id if known else ids.add(Category(
            body_id=body.id, position=position, **f.POST.into(c))).id
    for o in data["organizations"]:
        known = by_identity(session, Organisation, o["uuid"]) \
            or organisations.resolve(session, o["name"])
        ids.ids[o["id"]] = (known or organisations.create(session, **f.ORGANISATION.into(o))).id
    for p in data["persons"]:
        known = by_identity(session, Person, p["uuid"])
        ids.ids[p["id"]] = known.id if known else ids.add(Person(
            agency_id=ids.ref(p["agency_id"]), employer_id=ids.ref(p["employer_id"]),
            **f.PERSON.into(p))).id
    for m in data["memberships"]:
        known = by_identity(session, Membership, m["uuid"])
        ids.ids[m["id"]] = known.id if known else ids.add(Membership(
            body_id=body.id, person_id=ids.ref(m["person_id"]),
            category_id=ids.ref(m["post_id"]),
            named_substitute_id=ids.ref(m["named_substitute_id"]),
            **f.MEMBERSHIP.into(m))).id


# A meeting's rows, children before the rows they belong to: the order they are removed in.
_MEETING_ROWS = (VotePosition, Vote, Decision, Declaration, AttendanceEvent, QuorumEvent,
                 Action, RegisterEntry, MinutesCorrection, AgendaItem)


def rows_of_meeting(session: Session, meeting: Meeting) -> dict[type, list[SQLModel]]:
    """Every row of a meeting's record (its audit trail apart), table by table."""
    items = session.exec(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id)).all()
    decisions = session.exec(select(Decision.id).where(Decision.item_id.in_(items))).all()
    votes = session.exec(select(Vote.id).where(Vote.decision_id.in_(decisions))).all()
    # Rows not under the meeting directly: under its items, decisions and votes.
    owner = {VotePosition: VotePosition.vote_id.in_(votes), Vote: Vote.decision_id.in_(decisions),
             Decision: Decision.item_id.in_(items)}
    found = {}
    for table in (*_MEETING_ROWS, MinutesApproval):
        where = owner[table] if table in owner else table.meeting_id == meeting.id
        found[table] = session.exec(select(table).where(where).order_by(table.id)).all()
    return found


def _drop_rows_not_in(session: Session, meeting: Meeting, m: dict[str, Any]) -> None:
    """Remove the meeting's rows the file no longer has (undone where it was recorded),
    before the file's are written, so that a row kept once per meeting (a person's
    register entry) can come back under a new identity."""
    kept = {row["uuid"] for part in f.PARTS for row in f.objects({"meetings": [m]}, part.path)
            if "uuid" in row}
    rows = rows_of_meeting(session, meeting)
    for table in _MEETING_ROWS:
        for row in rows[table]:
            if row.uuid not in kept:
                session.delete(row)
        session.flush()  # table by table, children first


def _what_the_table_changed(session: Session, m: dict[str, Any], ids: _Ids,
                            wanted: dict[str, Any]) -> None:
    """From a meeting of the file the record holds, other than the one recorded: actions
    closed and the minutes approved at the table, with their corrections."""
    meeting = by_identity(session, Meeting, m["uuid"])
    for a in m["actions"]:
        action = by_identity(session, Action, a["uuid"])
        if action is not None and action.done_on is None and a["done_on"]:
            action.done_on = f.ACTION.into(a)["done_on"]
            session.add(action)
    at_table = [a for a in m["minutes_approvals"]
                if a["approved_at_meeting_id"] == wanted["id"]
                and by_identity(session, MinutesApproval, a["uuid"]) is None]
    if at_table:
        written = f.MEETING.into(m)
        meeting.minutes_status = written["minutes_status"]
        meeting.minutes_approved_on = written["minutes_approved_on"]
        session.add(meeting)
    corrections = [c for c in m["minutes_corrections"]
                   if c["at_meeting_id"] == wanted["id"]
                   and by_identity(session, MinutesCorrection, c["uuid"]) is None]
    _import_approvals(meeting, {"minutes_approvals": at_table,
                                "minutes_corrections": corrections}, ids.add, ids.ref)


def _new_audit_entries(session: Session, m: dict[str, Any], ids: _Ids) -> None:
    """The meeting's audit entries the record does not have yet: both sides' trails are
    kept, the laptop's entries joining the team's."""
    meeting = by_identity(session, Meeting, m["uuid"])
    known = set(session.exec(select(AuditEntry.uuid).where(
        AuditEntry.meeting_id == meeting.id)).all())
    audit.import_entries(session, meeting, [e for e in m["audit"] if e["uuid"] not in known],
                         ids.ref)

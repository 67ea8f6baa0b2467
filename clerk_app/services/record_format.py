"""The meeting record file's parts, each declared once from its table.

Every part of the file is one table's rows. A part says only what differs from the
table: the columns the file does not carry (row ids, the owner's id), the columns that
become references ("person/3" under a Popolo name such as `post_id`), and the columns
written by hand (a vote's counts). Every other column is copied as it is, in the
table's order, on export and on import — so a new column reaches the file without being
listed anywhere, and `tests/services/test_record_file.py` checks that the schema in
database/schema names exactly these fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

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


@dataclass(frozen=True)
class Part:
    """One table as a part of the record file.

    Attributes:
        table: the table whose rows the part holds.
        path: where the part's objects sit in the schema (JSON-pointer-like, `*` for
            every item of an array).
        omit: columns the file does not carry: ids and the owner's id, which the file's
            nesting says.
        refs: column -> the file's key for it, holding a reference instead of an id.
        by_hand: columns the export and import write themselves (a different shape).
        extra: keys the file adds that are not columns (nested parts, derived values).
    """

    table: type[SQLModel]
    path: str
    omit: frozenset[str] = frozenset({"id"})
    refs: Mapping[str, str] = field(default_factory=dict)
    by_hand: frozenset[str] = frozenset()
    extra: frozenset[str] = frozenset()

    @property
    def key(self) -> str:
        """The part's name in the file ("declarations", Popolo's "votes"): the last name
        on its path."""
        return [step for step in self.path.split("/") if step not in ("items", "properties")
                ][-1]

    @property
    def columns(self) -> tuple[sa.Column, ...]:
        return tuple(self.table.__table__.columns)

    @property
    def fields(self) -> tuple[str, ...]:
        """The columns copied as they are, in the table's order."""
        skip = self.omit | set(self.refs) | self.by_hand
        return tuple(c.name for c in self.columns if c.name not in skip)

    @property
    def keys(self) -> frozenset[str]:
        """Every key an object of this part has in the file."""
        return frozenset(self.fields) | frozenset(self.refs.values()) | self.extra

    def defaults(self) -> dict[str, Any]:
        """The copied columns that have a default, as the file writes it: what a file
        written before the column existed is read with."""
        found = {}
        for name in self.fields:
            info = self.table.model_fields[name]
            if not info.is_required():
                found[name] = to_json(info.get_default(call_default_factory=True))
        return found

    def out(self, row: Any) -> dict[str, Any]:
        """The copied columns of a row, as the file writes them."""
        return {name: to_json(getattr(row, name)) for name in self.fields}

    def into(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """The copied columns from the file, as the table takes them (a key the file
        lacks keeps the column's default)."""
        types = {c.name: c.type for c in self.columns}
        return {name: from_json(types[name], data[name]) for name in self.fields
                if name in data}


def objects(data: Any, path: str) -> list[dict[str, Any]]:
    """Every object of a file (not yet validated) at a part's path."""
    found = [data]
    for step in path.strip("/").split("/"):
        if step == "properties":
            continue
        if step == "items":
            found = [v for node in found if isinstance(node, list) for v in node]
        else:
            found = [node[step] for node in found if isinstance(node, dict) and step in node]
    return [node for node in found if isinstance(node, dict)]


def to_json(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def from_json(column_type: sa.types.TypeEngine, value: Any) -> Any:
    """A value from the file as its column takes it; an empty date or time is none."""
    while isinstance(column_type, sa.types.TypeDecorator):  # e.g. an instant kept in UTC
        column_type = column_type.impl_instance
    if not isinstance(column_type, sa.DateTime | sa.Date | sa.Time):
        return value
    if not value:
        return None
    if isinstance(column_type, sa.DateTime):
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.astimezone()
    if isinstance(column_type, sa.Date):
        return date.fromisoformat(value)
    return time.fromisoformat(value)


_ON_BODY = frozenset({"id", "body_id"})
_ON_MEETING = frozenset({"id", "meeting_id"})
_MEETING = "/properties/meetings/items"

BODY = Part(Body, "/properties/organization",
            extra=frozenset({"settings", "posts", "offices"}))
SETTING = Part(BodySetting, "/properties/organization/properties/settings/items",
               omit=_ON_BODY)
# A category of seats is Popolo's Post; its order in the file is its position.
POST = Part(Category, "/properties/organization/properties/posts/items",
            omit=_ON_BODY | {"position"}, extra=frozenset({"id"}))
OFFICE = Part(Office, "/properties/organization/properties/offices/items", omit=_ON_BODY)
# Popolo's `organizations`: those the people come from and work for, and those the
# office rules name; a person's agency and employer refer to them.
ORGANISATION = Part(Organisation, "/properties/organizations/items", extra=frozenset({"id"}))
PERSON = Part(Person, "/properties/persons/items",
              refs={"agency_id": "agency_id", "employer_id": "employer_id"},
              extra=frozenset({"id"}))
MEMBERSHIP = Part(Membership, "/properties/memberships/items", omit=_ON_BODY,
                  refs={"person_id": "person_id", "category_id": "post_id",
                        "named_substitute_id": "named_substitute_id"},
                  extra=frozenset({"id"}))
OFFICE_TERM = Part(OfficeTerm, "/properties/office_terms/items", omit=_ON_BODY,
                   refs={"office_id": "office", "person_id": "person_id"})
INTEREST = Part(RegisteredInterest, "/properties/registered_interests/items", omit=_ON_BODY,
                refs={"person_id": "person_id"})
MEETING = Part(Meeting, _MEETING, omit=_ON_BODY, extra=frozenset({
    "id", "agenda", "register", "attendance_events", "quorum_events", "declarations",
    "decisions", "actions", "minutes_approvals", "minutes_corrections", "derived", "audit"}))
ITEM = Part(AgendaItem, f"{_MEETING}/properties/agenda/items", omit=_ON_MEETING,
            refs={"presiding_person_id": "presiding_person_id"}, extra=frozenset({"id"}))
ENTRY = Part(RegisterEntry, f"{_MEETING}/properties/register/items", omit=_ON_MEETING,
             refs={"person_id": "person_id", "membership_id": "membership_id",
                   "substitute_for_membership_id": "substitute_for_membership_id"})
EVENT = Part(AttendanceEvent, f"{_MEETING}/properties/attendance_events/items",
             omit=_ON_MEETING, refs={"person_id": "person_id", "item_id": "item_id"})
QUORUM_EVENT = Part(QuorumEvent, f"{_MEETING}/properties/quorum_events/items",
                    omit=_ON_MEETING, refs={"item_id": "item_id"})
DECLARATION = Part(Declaration, f"{_MEETING}/properties/declarations/items", omit=_ON_MEETING,
                   refs={"item_id": "item_id", "person_id": "person_id"})
DECISION = Part(Decision, f"{_MEETING}/properties/decisions/items",
                refs={"item_id": "item_id"}, extra=frozenset({"vote_event"}))
# Popolo's VoteEvent: the motion as its Motion, the figures as Counts, each member's
# position as a Vote (with the person presiding's casting vote as one more, under a `role`
# instead of a position: services/record_export.py).
VOTE = Part(Vote, f"{DECISION.path}/properties/vote_event", omit=frozenset({"id", "decision_id"}),
            refs={"presiding_person_id": "presiding_person_id"},
            by_hand=frozenset({"motion", "votes_for", "votes_against", "abstained", "eligible",
                               "ineligible", "candidates"}),
            extra=frozenset({"motion", "result", "counts", "votes", "candidates", "eligible",
                             "ineligible"}))
VOTE_POSITION = Part(VotePosition, f"{VOTE.path}/properties/votes/items",
                     omit=frozenset({"id", "vote_id"}), refs={"person_id": "voter_id"},
                     extra=frozenset({"option", "role"}))
ACTION = Part(Action, f"{_MEETING}/properties/actions/items", omit=_ON_MEETING,
              refs={"item_id": "item_id"})
APPROVAL = Part(MinutesApproval, f"{_MEETING}/properties/minutes_approvals/items",
                omit=_ON_MEETING, refs={"approved_at_meeting_id": "approved_at_meeting_id",
                                        "item_id": "item_id"})
CORRECTION = Part(MinutesCorrection, f"{_MEETING}/properties/minutes_corrections/items",
                  omit=_ON_MEETING, refs={"at_meeting_id": "at_meeting_id"})

PARTS = (BODY, SETTING, POST, OFFICE, ORGANISATION, PERSON, MEMBERSHIP, OFFICE_TERM,
         INTEREST, MEETING, ITEM, ENTRY, EVENT, QUORUM_EVENT, DECLARATION, DECISION, VOTE,
         VOTE_POSITION, ACTION, APPROVAL, CORRECTION)

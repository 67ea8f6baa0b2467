"""Every table of the clerk's record, in one module (no import cycles, one place to look).

Every datetime is an aware instant (stored as UTC, shown in local time): an arrival
typed as "10:32" by the clerk is 10:32 on the laptop's clock that day. Meeting dates
and planned times are plain dates and times. Enumerations are stored as their string
values so that the file reads the same from any database engine.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from uuid import uuid4

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from clerk_app.rules.vocabulary import (
    AttendanceKind,
    Capacity,
    CastingChoice,
    DecisionKind,
    ElectionMethod,
    InterestEffect,
    InterestKind,
    ItemAddition,
    ItemKind,
    MeetingStatus,
    MinutesStatus,
    Position,
    QuorumEventKind,
    Vocabulary,
    VoteMethod,
)


class VocabularyType(sa.types.TypeDecorator):
    """A vocabulary stored as its string value (the file reads the same from any engine),
    read back as the enum member; a value outside the vocabulary is refused on write."""

    impl = sa.String
    cache_ok = True

    def __init__(self, vocabulary: type[Vocabulary]) -> None:
        super().__init__()
        self.vocabulary = vocabulary
        # Looked up, not called: an enum call costs six times as much, and a council's
        # list of meetings reads two for each of thousands of rows.
        self._members = {member.value: member for member in vocabulary}

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else self.vocabulary(value).value

    def process_result_value(self, value: Any, dialect: Any) -> Vocabulary | None:
        if value is None:
            return None
        return self._members.get(value) or self.vocabulary(value)  # unknown: ValueError


def _vocab(vocabulary: type[Vocabulary], default: Any = ...) -> Any:
    return Field(default=default, sa_type=VocabularyType(vocabulary))


def _fk(target: str, *, nullable: bool = False, cascade: bool = True) -> Any:
    """A foreign key column; children of a meeting or body go with it when it is deleted."""
    return Field(
        default=None if nullable else ...,
        foreign_key=target,
        ondelete="CASCADE" if cascade else "SET NULL" if nullable else "RESTRICT",
        index=True,
        nullable=nullable,
    )


def _identity() -> Any:
    """A row's stable identity, the same in every record it travels to (a laptop's, the
    team's): a meeting brought back is merged by it, never by position or by name."""
    return Field(default_factory=lambda: str(uuid4()), unique=True, index=True)


def standing(table: Any) -> Any:
    """The condition that keeps the rows not struck out (DOMAIN.md §9 "Mistaken entries"):
    every reading that counts, lists or words the register, the timeline, declarations or
    actions goes through it; only the record file and the audit trail see struck rows."""
    return table.struck_out_at.is_(None)


# --- Bodies and their constitutions (DOMAIN.md §1, §8) ---------------------------------


class Body(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    key: str = Field(index=True, unique=True)
    name: str
    short_name: str = ""
    preset_key: str | None = None  # the preset it was created from
    seed: str | None = None  # seed document number the constitution comes from
    description: str = ""


class BodySetting(SQLModel, table=True):
    """One rule setting of a body, with where it comes from.

    `assumed` settings are shown "assumed — please confirm" until `confirmed_at`.
    """

    __table_args__ = (sa.UniqueConstraint("body_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    body_id: int = _fk("body.id")
    key: str
    value: Any = Field(sa_type=sa.JSON)
    source: str = ""
    assumed: bool = False
    note: str = ""
    confirmed_at: datetime | None = None


class Category(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("body_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    body_id: int = _fk("body.id")
    key: str
    name: str
    position: int = 0
    seats: int = 1
    seat_labels: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    voting: bool = True
    core: bool = True
    source: str = ""
    assumed: bool = False
    notes: str = ""


class Office(SQLModel, table=True):
    """An office (Chair, Vice-Chair) and the eligibility rules for holding it."""

    __table_args__ = (sa.UniqueConstraint("body_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    body_id: int = _fk("body.id")
    key: str
    name: str
    term_months: int | None = None
    only_categories: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    not_same_agency_as: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    core_member_only: bool = False
    excluded_employers: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    source: str = ""
    eligibility_source: str = ""
    assumed: bool = False


class Organisation(SQLModel, table=True):
    """An organisation people come from or work for, known by its name, a short name
    ("KCC") and aliases; office rules compare organisations, never typed text (000 §10.3)."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    name: str = Field(unique=True)
    short_name: str = ""
    aliases: list[str] = Field(default_factory=list, sa_type=sa.JSON)


class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    name: str = Field(index=True)
    agency_id: int | None = _fk("organisation.id", nullable=True, cascade=False)
    # for rules such as "not a KCC employee" (000 §10.3)
    employer_id: int | None = _fk("organisation.id", nullable=True, cascade=False)
    role_title: str = ""  # e.g. "Inspector", "Headteacher"
    email: str = ""


class Membership(SQLModel, table=True):
    """A person holding a seat in a category of a body, for a period."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    body_id: int = _fk("body.id")
    person_id: int = _fk("person.id", cascade=False)
    category_id: int = _fk("category.id", cascade=False)
    seat_label: str = ""
    voting: bool | None = None  # None: the category decides
    named_substitute_id: int | None = _fk("person.id", nullable=True, cascade=False)
    start_date: date | None = None
    end_date: date | None = None
    agreement_signed_on: date | None = None  # Partner Agency Agreement (000 §9.2)


class OfficeTerm(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    body_id: int = _fk("body.id")
    office_id: int = _fk("office.id")
    person_id: int = _fk("person.id", cascade=False)
    start_date: date | None = None
    end_date: date | None = None


class RegisteredInterest(SQLModel, table=True):
    """The standing register of interests (DOMAIN.md §4)."""

    id: int | None = Field(default=None, primary_key=True)
    body_id: int = _fk("body.id")
    person_id: int = _fk("person.id", cascade=False)
    description: str
    kind: InterestKind = _vocab(InterestKind, InterestKind.OTHER)
    from_date: date | None = None
    to_date: date | None = None


# --- Meetings (DOMAIN.md §2-§6) ----------------------------------------------------------


class Meeting(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    body_id: int = _fk("body.id")
    title: str = ""
    date: date
    start_time: time | None = None
    end_time: time | None = None  # planned end
    venue: str = ""
    status: MeetingStatus = _vocab(MeetingStatus, MeetingStatus.SCHEDULED)
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    public_count: int = 0
    public_names: str = ""
    papers_dispatched_on: date | None = None
    minutes_status: MinutesStatus = _vocab(MinutesStatus, MinutesStatus.DRAFT)
    minutes_approved_on: date | None = None
    minutes_distributed_on: date | None = None
    next_meeting_note: str = ""
    # Entered afterwards from the signing-in sheet rather than live at the table: every
    # time is typed in, and none is taken from the clock (DOMAIN.md §9 "Times that cannot be").
    recorded_afterwards: bool = False


class AgendaItem(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    meeting_id: int = _fk("meeting.id")
    position: int
    title: str
    kind: ItemKind = _vocab(ItemKind, ItemKind.BUSINESS)
    description: str = ""
    presenter: str = ""
    papers: str = ""
    exempt: bool = False
    exempt_reason: str = ""
    public_excluded: bool = False
    presiding_person_id: int | None = _fk("person.id", nullable=True, cascade=False)
    notes: str = ""
    started_at: datetime | None = None
    # A late item (after dispatch) or an urgent one (during the meeting), with its reason.
    added: ItemAddition = _vocab(ItemAddition, ItemAddition.ON_AGENDA)
    added_reason: str = ""


class RegisterEntry(SQLModel, table=True):
    """One expected or added person at a meeting: the line in the register."""

    __table_args__ = (sa.UniqueConstraint("meeting_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    meeting_id: int = _fk("meeting.id")
    person_id: int = _fk("person.id", cascade=False)
    capacity: Capacity = _vocab(Capacity, Capacity.MEMBER)
    membership_id: int | None = _fk("membership.id", nullable=True, cascade=False)
    substitute_for_membership_id: int | None = _fk(
        "membership.id", nullable=True, cascade=False
    )
    apologies: bool = False
    apologies_note: str = ""
    for_items: str = ""  # in attendance for named items only
    role_note: str = ""  # e.g. "Clerk", "Finance officer"
    remote: bool = False  # attends by video link (DOMAIN.md §9 "Remote attendance")
    # An entry made by mistake is struck out with a reason, never deleted (DOMAIN.md §9):
    # the audit trail keeps it, the minutes and the counts do not.
    struck_out_at: datetime | None = None
    struck_out_reason: str = ""


class AttendanceEvent(SQLModel, table=True):
    """The register as a timeline: arrive, leave, withdraw (for an item), return."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    meeting_id: int = _fk("meeting.id")
    person_id: int = _fk("person.id", cascade=False)
    kind: AttendanceKind = _vocab(AttendanceKind)
    at: datetime
    item_id: int | None = _fk("agendaitem.id", nullable=True)
    recorded_at: datetime
    # An entry made by mistake is struck out with a reason, never deleted (DOMAIN.md §9):
    # the audit trail keeps it, the minutes and the counts do not.
    struck_out_at: datetime | None = None
    struck_out_reason: str = ""


class QuorumEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    meeting_id: int = _fk("meeting.id")
    kind: QuorumEventKind = _vocab(QuorumEventKind)
    at: datetime
    item_id: int | None = _fk("agendaitem.id", nullable=True)
    summary: str = ""


class Declaration(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    meeting_id: int = _fk("meeting.id")
    item_id: int = _fk("agendaitem.id")
    person_id: int = _fk("person.id", cascade=False)
    kind: InterestKind = _vocab(InterestKind)
    effect: InterestEffect = _vocab(InterestEffect)
    description: str = ""
    dispensation_by: str = ""
    dispensation_note: str = ""
    declared_at: datetime
    # An entry made by mistake is struck out with a reason, never deleted (DOMAIN.md §9):
    # the audit trail keeps it, the minutes and the counts do not.
    struck_out_at: datetime | None = None
    struck_out_reason: str = ""


class Decision(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    item_id: int = _fk("agendaitem.id")
    kind: DecisionKind = _vocab(DecisionKind)
    text: str = ""  # "RESOLVED: that …" without the prefix
    referred_to: str = ""  # the body or group a referred item goes to, as typed
    decided_at: datetime
    quorate: bool = True
    quorum_summary: str = ""
    inquorate_reason: str = ""  # the clerk's reason to proceed while inquorate


class Vote(SQLModel, table=True):
    """A vote or an election, with everything known at the moment it was taken."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    decision_id: int = _fk("decision.id")
    method: VoteMethod = _vocab(VoteMethod)
    motion: str = ""
    votes_for: int = 0
    votes_against: int = 0
    abstained: int = 0
    casting: CastingChoice | None = _vocab(CastingChoice, None)
    carried: bool | None = None
    presiding_person_id: int | None = _fk("person.id", nullable=True, cascade=False)
    presiding_label: str = ""
    eligible: list[dict] = Field(default_factory=list, sa_type=sa.JSON)
    ineligible: list[dict] = Field(default_factory=list, sa_type=sa.JSON)
    candidates: list[dict] = Field(default_factory=list, sa_type=sa.JSON)  # elections
    election_method: ElectionMethod | None = _vocab(ElectionMethod, None)
    sentence: str = ""
    # A recorded vote whose names gave other figures than the show of hands is a recount
    # (DOMAIN.md §9): why it was held, and the show of hands it replaced, as worded then.
    recount_reason: str = ""
    show_of_hands: str = ""


class VotePosition(SQLModel, table=True):
    """One member's position on a recorded vote (Popolo's Vote)."""

    __table_args__ = (sa.UniqueConstraint("vote_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    vote_id: int = _fk("vote.id")
    person_id: int = _fk("person.id", cascade=False)
    position: Position = _vocab(Position)


class Action(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    meeting_id: int = _fk("meeting.id")
    item_id: int | None = _fk("agendaitem.id", nullable=True)
    description: str
    owner: str = ""
    due_date: date | None = None
    done_on: date | None = None
    # An entry made by mistake is struck out with a reason, never deleted (DOMAIN.md §9):
    # the audit trail keeps it, the minutes and the counts do not.
    struck_out_at: datetime | None = None
    struck_out_reason: str = ""


class MinutesApproval(SQLModel, table=True):
    """A meeting's minutes agreed as a correct record at a later meeting (DOMAIN.md §6).

    `Meeting.minutes_status` stays the one lock; this row says where and when.
    """

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", unique=True)
    approved_at_meeting_id: int | None = _fk("meeting.id", nullable=True, cascade=False)
    item_id: int | None = _fk("agendaitem.id", nullable=True, cascade=False)
    approved_on: date
    recorded_at: datetime


class MinutesCorrection(SQLModel, table=True):
    """A correction to a meeting's draft minutes: made by the clerk before approval
    (`at_meeting_id` empty) or agreed when the next meeting approved them (002 §6.3)."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    meeting_id: int = _fk("meeting.id")
    text: str
    recorded_at: datetime
    at_meeting_id: int | None = _fk("meeting.id", nullable=True, cascade=False)


class AuditEntry(SQLModel, table=True):
    """Append-only log of every change to a meeting's record."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = _identity()
    meeting_id: int | None = _fk("meeting.id", nullable=True, cascade=False)
    body_id: int | None = _fk("body.id", nullable=True, cascade=False)
    at: datetime
    action: str
    detail: dict = Field(default_factory=dict, sa_type=sa.JSON)


class OfflineCopy(SQLModel, table=True):
    """A meeting of a team record taken offline to a laptop's record (issue 17).

    While it is away (neither brought back nor cleared) the team's copy is read-only.
    `taken_as` is the meeting's rows as they were taken, by identity, so that bringing it
    back can say what changed on the team's side meanwhile, and refuse.
    """

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = _fk("meeting.id")
    taken_by: str
    taken_at: datetime
    taken_as: dict = Field(default_factory=dict, sa_type=sa.JSON)
    brought_back_at: datetime | None = None
    cleared_at: datetime | None = None
    cleared_by: str = ""

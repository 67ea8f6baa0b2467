"""One meeting as plain, frozen data: what the screens, the minutes and the record file
read, instead of each reading the database (or the record file) its own way.

`services.snapshot.meeting_snapshot` fills it from the record in one read. What was
stored when it happened (a decision's quorum summary, a vote's result sentence) stays
as it was stored: history is not recomputed from today's register. The facts a reader
needs (who was in the room, which item was under discussion, which office someone held,
whether a seat votes) come from the rules, never from a reader's own copy of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from clerk_app.rules.quorum_result import StoredQuorum
from clerk_app.rules.register import Whereabouts, item_under_discussion, whereabouts
from clerk_app.rules.roster import Term, offices_of
from clerk_app.rules.vocabulary import (
    AttendanceKind,
    Capacity,
    DecisionKind,
    InterestEffect,
    InterestKind,
    ItemKind,
    MeetingStatus,
    MinutesStatus,
    Position,
    QuorumEventKind,
    VoteMethod,
)


@dataclass(frozen=True)
class PersonSnap:
    id: int
    name: str
    agency: str = ""


@dataclass(frozen=True)
class CategorySnap:
    """A category of seats (Popolo's Post)."""

    id: int
    key: str
    name: str
    seats: int
    votes: bool


@dataclass(frozen=True)
class SeatSnap:
    """A membership: a person in a seat of a category, for a period. `votes` is the
    rule's answer (`rules.roster.seat_votes`), not the raw column."""

    id: int
    person_id: int
    category_id: int
    votes: bool
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class ItemSnap:
    id: int
    position: int
    title: str
    kind: ItemKind
    description: str = ""
    presenter: str = ""
    papers: str = ""
    exempt: bool = False
    exempt_reason: str = ""
    public_excluded: bool = False
    notes: str = ""
    started_at: datetime | None = None
    presiding_person_id: int | None = None  # the member chosen or recorded for the item
    presided_by: int | None = None  # who was in the chair for the item, if it was taken


@dataclass(frozen=True)
class EntrySnap:
    """One line of the register as recorded (who was expected, in what capacity)."""

    id: int
    person_id: int
    capacity: Capacity
    membership_id: int | None = None
    substitute_for_membership_id: int | None = None
    apologies: bool = False
    apologies_note: str = ""
    for_items: str = ""
    role_note: str = ""
    remote: bool = False  # attended by video link (DOMAIN.md §9)


@dataclass(frozen=True)
class EventSnap:
    """One event of the register's timeline (a `rules.register.RoomEvent`)."""

    id: int
    person_id: int
    kind: AttendanceKind
    at: datetime
    item_id: int | None = None


@dataclass(frozen=True)
class QuorumEventSnap:
    kind: QuorumEventKind
    at: datetime
    item_id: int | None
    quorum: StoredQuorum


@dataclass(frozen=True)
class DeclarationSnap:
    item_id: int
    person_id: int
    kind: InterestKind
    effect: InterestEffect
    description: str
    dispensation_by: str
    dispensation_note: str
    declared_at: datetime


@dataclass(frozen=True)
class VoteSnap:
    """A vote as stored when it was taken: its result sentence and, for a recorded vote,
    each member's position in the record's order."""

    method: VoteMethod
    sentence: str
    carried: bool | None
    positions: tuple[tuple[int, Position], ...] = ()
    recount_reason: str = ""  # names that gave other figures than the show of hands
    show_of_hands: str = ""  # the figures the recount replaced


@dataclass(frozen=True)
class DecisionSnap:
    item_id: int
    kind: DecisionKind
    text: str
    decided_at: datetime
    quorum: StoredQuorum
    inquorate_reason: str = ""
    vote: VoteSnap | None = None
    referred_to: str = ""


@dataclass(frozen=True)
class ActionSnap:
    item_id: int | None
    description: str
    owner: str = ""
    due_date: date | None = None
    done_on: date | None = None


@dataclass(frozen=True)
class MeetingSnapshot:
    """A meeting with its whole record, in record order (items by position; the
    timeline, declarations and decisions by time). The mappings are read-only."""

    id: int
    body_id: int
    body_name: str
    date: date
    start_time: time | None
    venue: str
    status: MeetingStatus
    opened_at: datetime | None
    closed_at: datetime | None
    public_count: int
    public_names: str
    minutes_status: MinutesStatus
    minutes_approved_on: date | None
    next_meeting_note: str
    office_names: Mapping[str, str]  # office key -> its name, e.g. "vice_chair" -> "Vice-Chair"
    office_terms: tuple[Term, ...]
    people: Mapping[int, PersonSnap]
    categories: Mapping[int, CategorySnap]
    seats: Mapping[int, SeatSnap]
    items: tuple[ItemSnap, ...]
    register: tuple[EntrySnap, ...]
    events: tuple[EventSnap, ...]
    quorum_events: tuple[QuorumEventSnap, ...]
    declarations: tuple[DeclarationSnap, ...]
    decisions: tuple[DecisionSnap, ...]
    actions: tuple[ActionSnap, ...]
    presiding_at_opening: int | None = None  # who was in the chair when it opened

    def name(self, person_id: int | None) -> str:
        return self.people[person_id].name if person_id is not None else ""

    def item(self, item_id: int) -> ItemSnap:
        return next(i for i in self.items if i.id == item_id)

    def seat_holder(self, membership_id: int | None) -> int | None:
        return self.seats[membership_id].person_id if membership_id is not None else None

    def seat_votes(self, membership_id: int | None) -> bool:
        return membership_id is not None and self.seats[membership_id].votes

    def offices_held(self) -> dict[int, set[str]]:
        """Person -> the office keys they held in person on the day of the meeting."""
        return offices_of(self.office_terms, self.date)

    def whereabouts(self, at: datetime | None = None,
                    item_id: int | None = None) -> dict[int, Whereabouts]:
        """Who was in the room at `at` (default: when the record ends)."""
        return whereabouts(self.events, at, item_id)

    def item_at(self, at: datetime | None) -> int | None:
        """The item under discussion at a moment."""
        return item_under_discussion(self.items, at)

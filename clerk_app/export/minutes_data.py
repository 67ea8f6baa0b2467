"""What the minutes and the agenda are made from: plain, frozen data, no database.

export/minutes_build.py fills these from the meeting's snapshot (rules/snapshot.py, the
one the screens and the record file read); export/minutes_text.py words them. Names,
notes and titles are exactly as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum

from clerk_app.rules.vocabulary import (
    AttendanceKind,
    DecisionKind,
    InterestEffect,
    InterestKind,
    ItemAddition,
    ItemKind,
    Position,
    VoteMethod,
)


class Milestone(Enum):
    """What else the minutes tell at a time, besides a person arriving, leaving,
    withdrawing or returning."""

    QUORUM_LOST = "quorum lost"
    QUORUM_REGAINED = "quorum regained"
    QUORUM_REACHED = "quorum reached"  # for the first time: the meeting opened inquorate
    OPENED_INQUORATE = "opened inquorate"
    DECLARATION = "declaration"
    CAME_BACK = "came back"  # an arrival after leaving the meeting


class ChairChange(Enum):
    """How the chair changed hands at an item (DOMAIN.md §9 "Who presides")."""

    TOOK = "took the chair"
    TOOK_FOR_ITEM = "took the chair for this item"  # and handed it back at the next
    RESUMED = "resumed the chair"  # someone who had been in the chair earlier


@dataclass(frozen=True)
class RunningNumbers:
    """Minutes numbered through the body's year (a body setting, DOMAIN.md §6): "23/26"
    is the 23rd minute of the year that started in 2026."""

    earlier_in_year: int  # minutes the body's earlier meetings that year took
    year_suffix: str  # "26"

    def label(self, position: int) -> str:
        """The minute of the meeting's item at that agenda position: "23/26"."""
        return f"{self.earlier_in_year + position}/{self.year_suffix}"


@dataclass(frozen=True)
class ChairLine:
    """Who took the chair at an item, and how; `office` is "Vice-Chair" when they hold
    it in person."""

    change: ChairChange
    person: str
    office: str = ""


@dataclass(frozen=True)
class PersonLine:
    """One person in a list at the head of the minutes.

    Attributes:
        office: "Chair" or "Vice-Chair" when held in person.
        voting: false for a non-voting member (an LCSP Manager, 000 §9.3).
        substitute_for: the absent member whose seat a substitute took.
        role: for people in attendance, their role; for apologies, the note given.
        for_items: people in attendance for named items only.
        arrived / left: when after the start / before the close.
        substituted_by: for apologies, who sat in the member's seat.
        remote: attended by video link (DOMAIN.md §9).
        substitute_until: when the member arrived, ending the substitution (§1).
    """

    name: str
    agency: str = ""
    office: str = ""
    voting: bool = True
    substitute_for: str = ""
    role: str = ""
    for_items: str = ""
    arrived: datetime | None = None
    left: datetime | None = None
    substituted_by: str = ""
    remote: bool = False
    substitute_until: datetime | None = None


@dataclass(frozen=True)
class Happening:
    """Something that happened during an item, at a time.

    kind: a person's arrival, departure, withdrawal or return, or a milestone.
    """

    at: datetime
    kind: AttendanceKind | Milestone
    person: str = ""
    detail: str = ""  # quorum: the reasons stored with the verdict; declaration: what
    interest_kind: InterestKind | None = None  # declaration
    declaration: DeclarationLine | None = None  # the declaration, told at its item


@dataclass(frozen=True)
class DeclarationLine:
    """A declaration of interest; `declared_under` is the minute it was declared under
    (Declarations of interest), empty when it was declared at the item concerned."""

    person: str
    agency: str
    minute: str  # of the item concerned
    item_title: str
    kind: InterestKind
    effect: InterestEffect
    description: str
    dispensation_by: str
    dispensation_note: str
    at: datetime
    declared_under: str = ""


@dataclass(frozen=True)
class VoteRecord:
    """A vote as stored when it was taken: the rules' sentence and, for a recorded vote,
    every member's position (position -> names, in the record's order)."""

    method: VoteMethod
    sentence: str
    carried: bool | None
    positions: tuple[tuple[Position, tuple[str, ...]], ...] = ()
    recount_reason: str = ""
    show_of_hands: str = ""


@dataclass(frozen=True)
class Outcome:
    """A decision on an item: consensus, referral, vote, noted, deferred or election."""

    kind: DecisionKind
    text: str
    at: datetime
    quorate: bool = True
    quorum_reasons: str = ""  # as stored at the time, without the verdict
    inquorate_reason: str = ""
    vote: VoteRecord | None = None
    referred_to: str = ""  # where a referred item goes


@dataclass(frozen=True)
class ActionLine:
    description: str
    owner: str
    due: date | None
    minute: str = ""  # the item it was agreed under
    exempt: bool = False  # agreed under an exempt item: confidential


@dataclass(frozen=True)
class ArisingLine:
    """An action from an earlier meeting still open when this one met (DOMAIN.md §9)."""

    description: str
    owner: str
    due: date | None
    agreed_on: date  # the meeting that agreed it
    minute: str  # the minute it was agreed under ("5", "5/26"); empty for none
    done_here: bool  # marked done at this meeting
    exempt: bool = False  # agreed under an exempt item: confidential


@dataclass(frozen=True)
class Correction:
    """A correction to these minutes: by the clerk before approval (agreed_at empty), or
    agreed by the meeting that approved them."""

    text: str
    recorded_on: date
    agreed_at: date | None = None


@dataclass(frozen=True)
class ApprovedHere:
    """Earlier minutes this meeting agreed, under "Minutes of the previous meeting"."""

    meeting_date: date
    item_number: int | None
    corrections: tuple[str, ...] = ()


@dataclass(frozen=True)
class MinuteItem:
    """An item as minuted; `minute` is how other minutes refer to it ("2", "23/26")."""

    number: int
    title: str
    kind: ItemKind
    presenter: str = ""
    papers: str = ""
    exempt: bool = False
    exempt_reason: str = ""
    public_excluded: bool = False
    notes: str = ""
    happenings: tuple[Happening, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    chair: ChairLine | None = None  # the chair changed hands when the item was taken
    added: ItemAddition = ItemAddition.ON_AGENDA  # a late or urgent item, with its reason
    added_reason: str = ""
    minute: str = ""
    started_at: datetime | None = None  # when it was taken


@dataclass(frozen=True)
class MinutesData:
    """A meeting as its minutes tell it."""

    body_name: str
    date: date
    start_time: time | None
    venue: str
    opened_at: datetime | None
    closed_at: datetime | None
    present: tuple[PersonLine, ...]
    in_attendance: tuple[PersonLine, ...]
    apologies: tuple[PersonLine, ...]
    absent: tuple[PersonLine, ...]
    public_count: int
    public_names: str
    items: tuple[MinuteItem, ...]
    declarations: tuple[DeclarationLine, ...]
    actions: tuple[ActionLine, ...]
    before_items: tuple[Happening, ...] = ()  # e.g. inquorate when the meeting opened
    corrections: tuple[Correction, ...] = ()
    approved_here: tuple[ApprovedHere, ...] = ()
    approved: bool = False
    approved_on: date | None = None
    next_meeting: str = ""
    in_the_chair: str = ""  # who presided when the meeting opened
    matters_arising: tuple[ArisingLine, ...] = ()


@dataclass(frozen=True)
class AgendaLine:
    number: int
    title: str
    presenter: str = ""
    papers: str = ""
    exempt: bool = False
    exempt_reason: str = ""
    description: str = ""
    added: ItemAddition = ItemAddition.ON_AGENDA
    added_reason: str = ""


@dataclass(frozen=True)
class AgendaData:
    body_name: str
    date: date
    start_time: time | None
    venue: str
    dispatch_by: date
    items: tuple[AgendaLine, ...]

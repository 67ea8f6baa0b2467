"""What the year's registers are made from: plain, frozen data, no database.

The services fill these (services/attendance.py, interests.py, reports.py); the screens,
export/registers_pdf.py and export/spreadsheets.py read them. Each carries the few words
every reader shows the same way (a kind's name, "Item 5 (exempt)").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from clerk_app.export.year_words import percent
from clerk_app.rules.attendance import (
    APRIL,
    MeetingMark,
    Threshold,
    YearStats,
    year_label,
    year_span,
)
from clerk_app.rules.vocabulary import (
    DecisionKind,
    InterestEffect,
    InterestKind,
    MeetingStatus,
    YearMeetingState,
)

# --- Attendance (§7) ---------------------------------------------------------------------


@dataclass(frozen=True)
class YearMeeting:
    """One meeting of the year: held, still to come, or cancelled (counted for nobody)."""

    meeting_id: int
    date: date
    state: YearMeetingState
    status: MeetingStatus  # the meeting's own status

    @property
    def unrecorded(self) -> bool:
        """Its day has passed but it was never opened: everyone counts as absent."""
        return self.state is YearMeetingState.HELD and self.status is MeetingStatus.SCHEDULED


@dataclass(frozen=True)
class MemberYear:
    """One member's year (§7).

    Attributes:
        marks: the member's mark at each meeting held while they were a member, in date
            order (what the chart and the per-meeting sheet show).
        deputies_used: meetings of the year (held or to come, not cancelled) for which a
            substitute is registered for this member; the same count the register warns
            on (000, Partner Agency Agreement item 10).
    """

    person_id: int
    membership_id: int
    name: str
    agency: str
    category: str
    stats: YearStats
    marks: tuple[MeetingMark, ...]
    remaining: int
    deputies_used: int
    deputy_limit: int | None

    @property
    def over_deputy_limit(self) -> bool:
        return self.deputy_limit is not None and self.deputies_used > self.deputy_limit


@dataclass(frozen=True)
class YearReport:
    body_id: int
    body_name: str
    start_year: int
    today: date
    threshold: Threshold
    threshold_source: str
    deputy_limit: int | None
    meetings: tuple[YearMeeting, ...]
    members: tuple[MemberYear, ...]
    first_month: int = APRIL  # the month the body's year starts in

    @property
    def label(self) -> str:
        return year_label(self.start_year, self.first_month)

    @property
    def span(self) -> str:
        """"1 April 2026 to 31 March 2027"."""
        return year_span(self.start_year, self.first_month)

    @property
    def held(self) -> int:
        return sum(1 for m in self.meetings if m.state is YearMeetingState.HELD)

    @property
    def to_come(self) -> int:
        return sum(1 for m in self.meetings if m.state is YearMeetingState.TO_COME)

    @property
    def cancelled(self) -> int:
        return sum(1 for m in self.meetings if m.state is YearMeetingState.CANCELLED)

    @property
    def unrecorded(self) -> list[YearMeeting]:
        return [m for m in self.meetings if m.unrecorded]

    @property
    def threshold_words(self) -> str:
        """"75% of meetings held (3 of 4)" — the figure and the seed's own fraction."""
        fraction = Fraction(str(self.threshold.fraction))
        ratio = f" ({fraction.numerator} of {fraction.denominator})" \
            if fraction.denominator <= 10 else ""
        return f"{percent(fraction)} of meetings held{ratio}"


# --- Interests and declarations (§4) -----------------------------------------------------


@dataclass(frozen=True)
class InterestLine:
    interest_id: int
    person_id: int
    name: str
    description: str
    kind: InterestKind
    from_date: date | None
    to_date: date | None

    @property
    def kind_words(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class DeclarationLine:
    declaration_id: int
    person_id: int
    name: str
    meeting_id: int
    meeting_date: date
    item_position: int
    item_title: str
    item_exempt: bool
    kind: InterestKind
    effect: InterestEffect
    description: str
    dispensation_by: str
    dispensation_note: str

    @property
    def kind_words(self) -> str:
        return self.kind.label

    @property
    def effect_words(self) -> str:
        """What the declaration did: a dispensation lets the member stay and take part
        whatever the effect would have been (DOMAIN.md §4), so it never reads "Withdrew"."""
        if self.dispensation_by:
            return f"Took part under a dispensation granted by {self.dispensation_by}"
        return self.effect.label

    @property
    def item_words(self) -> str:
        """The item as a public document may name it: an exempt item's title stays out."""
        if self.item_exempt:
            return f"Item {self.item_position} (exempt)"
        return f"Item {self.item_position}: {self.item_title}"


@dataclass(frozen=True)
class MemberInterests:
    person_id: int
    name: str
    agency: str
    seat: str  # the category, or NOT_A_MEMBER
    interests: tuple[InterestLine, ...]
    declarations: tuple[DeclarationLine, ...]


@dataclass(frozen=True)
class InterestsRegister:
    body_id: int
    body_name: str
    as_of: date
    members: tuple[MemberInterests, ...]

    @property
    def interests(self) -> list[InterestLine]:
        return [i for m in self.members for i in m.interests]

    @property
    def declarations(self) -> list[DeclarationLine]:
        return sorted((d for m in self.members for d in m.declarations),
                      key=lambda d: (d.meeting_date, d.item_position, d.name.casefold()))


# --- The membership list and the annual pack ---------------------------------------------


@dataclass(frozen=True)
class SeatLine:
    """One seat: its holder, or a vacancy (holder empty)."""

    category: str
    seat_label: str
    voting: bool
    core: bool
    holder: str
    agency: str
    substitute: str
    since: date | None
    agreement_signed_on: date | None

    @property
    def vacant(self) -> bool:
        return not self.holder


@dataclass(frozen=True)
class OfficeLine:
    office: str
    holder: str  # empty when nobody holds it
    start_date: date | None
    end_date: date | None
    term_months: int | None

    @property
    def term_words(self) -> str:
        if not self.holder:
            return "Not filled"
        since = f"since {self.start_date.day} {self.start_date:%B %Y}" if self.start_date else ""
        until = f"until {self.end_date.day} {self.end_date:%B %Y}" if self.end_date else ""
        term = f"{self.term_months}-month term" if self.term_months else ""
        return ", ".join(p for p in (since, until, term) if p)


@dataclass(frozen=True)
class MembershipList:
    body_id: int
    body_name: str
    as_of: date
    seats: tuple[SeatLine, ...]
    offices: tuple[OfficeLine, ...]

    @property
    def vacancies(self) -> int:
        return sum(1 for s in self.seats if s.vacant)


@dataclass(frozen=True)
class DecisionLine:
    meeting_date: date
    item_position: int
    item_title: str
    kind: DecisionKind
    text: str
    vote_sentence: str
    referred_to: str = ""

    @property
    def words(self) -> str:
        """As the minutes put it: "RESOLVED: that …", or the motion and the vote."""
        text = self.kind.line(self.text, self.referred_to)
        if self.vote_sentence and not text.endswith((".", "!", "?")):
            text += "."
        return f"{text} {self.vote_sentence}".strip()


@dataclass(frozen=True)
class AnnualReport:
    """The year's pack (§4, §5, §7).

    Attributes:
        decisions: resolutions, votes, elections and deferrals at meetings held; items
            merely noted are not decisions and are left out.
        exempt_left_out: decisions on exempt items, left out of this pack (they belong
            to the confidential annexes of the minutes) but counted so nothing is hidden
            silently.
        declarations: every declaration made at the year's meetings; an exempt item is
            named by its number only.
    """

    attendance: YearReport
    decisions: tuple[DecisionLine, ...]
    exempt_left_out: int
    declarations: tuple[DeclarationLine, ...]

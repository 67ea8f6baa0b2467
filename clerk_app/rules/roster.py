"""Who is in the room, in what capacity: the plain snapshot every rule reads.

The services build these from the record; the rules never see the database. A
snapshot is taken "at a moment" and "for an agenda item": the same people may
count for item 3 and not for item 4 (someone withdrew).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from clerk_app.rules.declarations import must_stay_silent, must_withdraw
from clerk_app.rules.vocabulary import Capacity, InterestEffect


@dataclass(frozen=True)
class Attendee:
    """One person on the register at one moment, for one agenda item.

    Attributes:
        person_id: the person's id in the record.
        name: as typed by the clerk.
        capacity: member, substitute or in attendance.
        category: key of the seat's category (for a substitute, the absent
            member's seat); None for people in attendance.
        category_name: the category's display name.
        agency: the organisation the person comes from.
        voting: the seat carries a vote (false for observers and LCSP managers).
        offices: office keys held *in person* ("chair", "vice_chair"); always
            empty for a substitute, who never takes the member's office.
        substitute_for_id / substitute_for_name: the member represented.
        in_room: arrived and not (yet) left the meeting.
        interest_effect: the effect of this person's declaration on the item,
            or None when they declared nothing.
        dispensation: a dispensation lets them take part despite the interest.
        remote: attending by video link (DOMAIN.md §9), not in the room in person.
        remote_counted: the body counts remote attendance for quorum and votes; when it
            does not, a remote attendee is present in the record and nothing more.
    """

    person_id: int
    name: str
    capacity: Capacity
    category: str | None
    category_name: str | None = None
    agency: str = ""
    voting: bool = True
    offices: frozenset[str] = frozenset()
    substitute_for_id: int | None = None
    substitute_for_name: str | None = None
    in_room: bool = True
    interest_effect: InterestEffect | None = None
    dispensation: bool = False
    remote: bool = False
    remote_counted: bool = False

    @property
    def remote_uncounted(self) -> bool:
        """Present by video link where the body does not count that (DOMAIN.md §9)."""
        return self.in_room and self.remote and not self.remote_counted

    @property
    def withdrawn(self) -> bool:
        """Out of the room for this item because of an interest."""
        return must_withdraw(self.interest_effect, self.dispensation)

    @property
    def silenced(self) -> bool:
        """In the room but barred from speaking and voting on this item."""
        return must_stay_silent(self.interest_effect, self.dispensation)

    @property
    def counts_for_quorum(self) -> bool:
        """Present (or substituting), holding a voting seat, not withdrawn (DOMAIN.md §3);
        a remote attendee only where the body counts remote attendance (§9)."""
        return (
            self.capacity is not Capacity.IN_ATTENDANCE
            and self.in_room
            and not self.remote_uncounted
            and self.voting
            and not self.withdrawn
        )

    @property
    def may_vote(self) -> bool:
        """Counts for quorum and is not silent on the item (DOMAIN.md §4, §5)."""
        return self.counts_for_quorum and not self.silenced


def represented(attendees: Iterable[Attendee]) -> frozenset[int]:
    """The members whose seat a substitute in the room is holding: they are represented,
    not absent (DOMAIN.md §2), and the substitute takes their place in a vote (§5)."""
    return frozenset(a.substitute_for_id for a in attendees
                     if a.capacity is Capacity.SUBSTITUTE and a.in_room
                     and a.substitute_for_id is not None)


def same_agency(agency_id: int | None, other_id: int | None) -> bool:
    """Two people come from the same agency: the same organisation, and a known one (a
    colleague may substitute where the body allows it, 000 agreement item 10)."""
    return agency_id is not None and agency_id == other_id
# --- Seats and offices over time (DOMAIN.md §1) -----------------------------------------


def active_on(start: date | None, end: date | None, day: date | None) -> bool:
    """A membership or an office term is active on a day: begun (or open from the start)
    and not yet ended; both ends count. Without a day, "active now": not ended."""
    if day is None:
        return end is None
    return (start is None or start <= day) and (end is None or day <= end)


def seat_votes(seat_voting: bool | None, category_voting: bool) -> bool:
    """Whether a seat carries a vote: the membership says so, or else (None) its
    category decides (an LCSP Manager's seat does not, 000 §9.3)."""
    return bool(category_voting if seat_voting is None else seat_voting)


@dataclass(frozen=True)
class Term:
    """One person's term in an office (office key, holder, from, to)."""

    office: str
    person_id: int
    start: date | None = None
    end: date | None = None


def office_holders(terms: Iterable[Term], day: date | None) -> dict[str, int]:
    """Office key -> the person holding it on a day (or now); where two terms meet on a
    changeover day, the later-listed (the newer appointment) holds it."""
    return {t.office: t.person_id for t in terms if active_on(t.start, t.end, day)}


def offices_of(terms: Iterable[Term], day: date | None) -> dict[int, set[str]]:
    """Person -> the office keys they hold in person on a day (or now)."""
    held: dict[int, set[str]] = {}
    for office, person_id in office_holders(terms, day).items():
        held.setdefault(person_id, set()).add(office)
    return held

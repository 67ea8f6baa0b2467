"""Who may vote on an item and who presides over it (DOMAIN.md §5).

The vote screen lists the eligible and, for everyone else, why not; the casting vote
belongs to whoever presides for the item, so presiding is decided per item too.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from clerk_app.rules.roster import Attendee, Capacity
from clerk_app.rules.vocabulary import OfficeRole

# The offices that preside, by their key in the record.
CHAIR, VICE_CHAIR = OfficeRole.CHAIR, OfficeRole.VICE_CHAIR

_CHOOSE_REASON = (
    "Neither the Chair nor the Vice-Chair is available: the members present choose one of "
    "themselves to preside (practice, LGA 1972 Sch. 12 para 11)."
)


@dataclass(frozen=True)
class Ineligible:
    """A person on the register who may not vote on the item, and why."""

    person_id: int
    name: str
    reason: str


@dataclass(frozen=True)
class Eligibility:
    """Everyone on the register, split into eligible voters and the rest."""

    eligible: tuple[Attendee, ...]
    ineligible: tuple[Ineligible, ...]

    @property
    def eligible_ids(self) -> frozenset[int]:
        """Ids of the eligible voters, to check a named vote against."""
        return frozenset(a.person_id for a in self.eligible)


CASTING_VOTE_ONLY = "presiding: a casting vote only"
# DOMAIN.md §9: the body records remote attendance but does not count it.
REMOTE_NOT_COUNTED = ("attending remotely: this body does not count remote attendance for "
                      "quorum or votes")


def eligible_voters(attendees: Sequence[Attendee], presiding_id: int | None = None,
                    presiding_votes: bool = True) -> Eligibility:
    """Split the register for one item (DOMAIN.md §5 "Eligible voters").

    Eligible: counting members with a vote, minus anyone silent or withdrawn on the item
    (DOMAIN.md §4). Where the body gives the person presiding a casting vote only
    (`presiding_votes` false), that person is not in the ordinary count (DOMAIN.md §9
    "The chair's ordinary vote"). Everyone in the input lands in exactly one list, in
    input order.
    """
    eligible: list[Attendee] = []
    ineligible: list[Ineligible] = []
    for a in attendees:
        reason = _not_eligible_because(a)
        if reason is None and not presiding_votes and a.person_id == presiding_id:
            reason = CASTING_VOTE_ONLY
        if reason is None:
            eligible.append(a)
        else:
            ineligible.append(Ineligible(person_id=a.person_id, name=a.name, reason=reason))
    return Eligibility(eligible=tuple(eligible), ineligible=tuple(ineligible))


def _not_eligible_because(a: Attendee) -> str | None:
    """The most lasting reason first: capacity, seat, presence, then the item's interest."""
    if a.capacity is Capacity.IN_ATTENDANCE:
        return "in attendance, not a member"  # 000 §10.5: invited, never votes
    if not a.voting:
        return "non-voting seat"  # 000 §9.3 LCSP Managers; 002 §4.1 observer
    if not a.in_room:
        return "not in the room"
    if a.remote_uncounted:
        return REMOTE_NOT_COUNTED
    if a.withdrawn:
        return "withdrawn (declared interest)"
    if a.silenced:
        return "silent (declared interest)"  # 002 §6.4
    assert a.may_vote  # the reasons above are exactly the negation of may_vote
    return None


@dataclass(frozen=True)
class Presiding:
    """Who presides over an item; they hold the casting vote (000 §11.3, §10.3).

    ``office`` is "chair", "vice_chair", or None when the meeting chose the person (or
    has still to choose: then ``person_id`` is None too).
    """

    person_id: int | None
    name: str | None
    office: str | None
    reason: str

    @property
    def by_the_chair(self) -> bool:
        """The Chair presides, as a meeting expects: there is nothing to explain."""
        return self.office == CHAIR


def presiding_member(
    attendees: Sequence[Attendee], chosen_person_id: int | None = None
) -> Presiding:
    """The Chair; failing the Chair, the Vice-Chair; failing both, the member chosen.

    Only an office held in person counts: a substitute for the Chair never chairs
    (DOMAIN.md §1). A Chair who is out of the room, withdrawn or silent on the item does
    not preside over it; the Vice-Chair deputises (000 §10.3). ``chosen_person_id`` is
    used only when neither office holder is available.

    Raises:
        ValueError: the chosen person is not a member able to preside over the item.
    """
    chair = _holder(attendees, CHAIR)
    if chair is not None and _can_preside(chair):
        return Presiding(chair.person_id, chair.name, CHAIR, "The Chair presides.")

    vice = _holder(attendees, VICE_CHAIR)
    if vice is not None and _can_preside(vice):
        return Presiding(
            vice.person_id,
            vice.name,
            VICE_CHAIR,
            f"The Vice-Chair presides: {_why_not_chair(chair)}.",
        )

    if chosen_person_id is None:
        return Presiding(None, None, None, _CHOOSE_REASON)
    chosen = next((a for a in attendees if a.person_id == chosen_person_id), None)
    if chosen is None:
        raise ValueError("The person chosen is not a member at this meeting: the meeting "
                         "must choose one of the members present to preside")
    if not may_be_chosen_to_preside(chosen):
        raise ValueError(
            f"{chosen.name} cannot preside: the meeting must choose a member (or a "
            "member's substitute) who is in the room and has not withdrawn or been "
            "silenced for the item"
        )
    return Presiding(
        chosen.person_id,
        chosen.name,
        None,
        "Neither the Chair nor the Vice-Chair is available: the members present chose "
        f"{chosen.name} to preside (practice, LGA 1972 Sch. 12 para 11).",
    )


def carried_choice(earlier: Sequence[int | None], office_holders: Collection[int]) -> int | None:
    """The member the meeting chose at an earlier item, who presides still (DOMAIN.md §9
    "Who presides, for how long"): a chosen member presides for the rest of the meeting
    until the Chair or Vice-Chair takes the chair or the members choose again.

    Args:
        earlier: who presided over each item taken before this one, latest first (None
            where nobody was recorded).
        office_holders: the Chair and the Vice-Chair: their taking the chair ends a choice.
    """
    for person_id in earlier:
        if person_id is not None:
            return None if person_id in office_holders else person_id
    return None


def may_be_chosen_to_preside(a: Attendee) -> bool:
    """A member the meeting may choose to preside over the item when neither the Chair
    nor the Vice-Chair can: a member, or a substitute (a member for the meeting, who
    lacks only the absent member's office, DOMAIN.md §1), not someone in attendance; in
    the room and free of the item's interest (practice, LGA 1972 Sch. 12 para 11)."""
    return a.capacity in (Capacity.MEMBER, Capacity.SUBSTITUTE) and _can_preside(a)


def presiding_choices(attendees: Sequence[Attendee]) -> tuple[Attendee, ...]:
    """The members the meeting may choose from to preside over the item, in order."""
    return tuple(a for a in attendees if may_be_chosen_to_preside(a))


def _holder(attendees: Sequence[Attendee], office: str) -> Attendee | None:
    """The person holding the office in person (substitutes never carry offices)."""
    return next(
        (a for a in attendees if office in a.offices and a.capacity is Capacity.MEMBER), None
    )


def _can_preside(a: Attendee) -> bool:
    # A vote is not needed to preside (DOMAIN.md §5: an election may be presided over by a
    # non-voting officer), but being in the room and free of the item's interest is.
    # A member the meeting does not count as present (remote, DOMAIN.md §9) cannot
    # take the chair either.
    return (
        a.capacity is not Capacity.IN_ATTENDANCE and a.in_room and not a.remote_uncounted
        and not (a.withdrawn or a.silenced)
    )


def _why_not_chair(chair: Attendee | None) -> str:
    if chair is None:
        return "the Chair is not present"
    if not chair.in_room:
        return "the Chair is not in the room"
    if chair.remote_uncounted:
        return "the Chair is attending remotely, which this body does not count"
    if chair.withdrawn:
        return "the Chair has withdrawn for this item"
    return "the Chair is silent on this item (declared interest)"

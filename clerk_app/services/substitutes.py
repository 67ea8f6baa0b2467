"""Who might sit in an absent member's seat, for the clerk to choose from (DOMAIN.md §1).

Listing is not approving: `register.add_substitute` applies the body's rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.tables import Membership, Person, RegisterEntry, standing
from clerk_app.rules.roster import same_agency
from clerk_app.rules.vocabulary import Capacity
from clerk_app.services.organisations import agency_of
from clerk_app.services.register import _entry


@dataclass(frozen=True)
class SubstituteChoice:
    """Someone who might sit in an absent member's seat; the service decides on saving."""

    person_id: int
    name: str
    agency: str
    named: bool  # the member's named substitute
    same_agency: bool


def substitute_choices(engine: Engine, meeting_id: int, member_id: int) -> list[SubstituteChoice]:
    """The member's named substitute first, then colleagues from the same agency, then
    everyone else in the record who is not a member or substitute at this meeting.

    Listing someone is not approving them: `add_substitute` applies the body's rule
    (002 §4.2; 000 agreement item 10) and says why a choice is refused.
    """
    with Session(engine) as session:
        member_entry = _entry(session, meeting_id, member_id)
        membership = session.get(Membership, member_entry.membership_id or -1)
        member = session.get(Person, member_id)
        taken = {e.person_id for e in session.exec(
            select(RegisterEntry).where(RegisterEntry.meeting_id == meeting_id,
                                        RegisterEntry.capacity != Capacity.IN_ATTENDANCE,
                                        standing(RegisterEntry)))}
        choices = []
        for person in session.exec(select(Person)):
            if person.id in taken:
                continue
            named = bool(membership and membership.named_substitute_id == person.id)
            same = same_agency(person.agency_id, member.agency_id)
            choices.append(SubstituteChoice(person.id, person.name,
                                            agency_of(session, person), named, same))
        return sorted(choices, key=lambda c: (not c.named, not c.same_agency,
                                              c.name.casefold(), c.person_id))

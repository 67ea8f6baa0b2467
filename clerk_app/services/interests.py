"""The register of interests of a body, with the declarations made at its meetings.

DOMAIN.md §4: a standing register of interests per member is kept, and interests are
also declared at meetings (000 §7.2; 002 §6.4). The register shows both side by side so
the clerk can see a registered interest that was never declared, or a declaration that
should be on the register.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import (
    AgendaItem,
    Body,
    Category,
    Declaration,
    Meeting,
    Person,
    RegisteredInterest,
    RegisterEntry,
    standing,
)
from clerk_app.export.year_data import (
    DeclarationLine,
    InterestLine,
    InterestsRegister,
    MemberInterests,
)
from clerk_app.rules.declarations import interests_mentioned
from clerk_app.rules.limits import TextKind
from clerk_app.rules.vocabulary import InterestKind
from clerk_app.services.audit import audit
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.membership import active_memberships, check_name
from clerk_app.services.organisations import agency_of

# The result types and their words live in export/year_data.py; named here for the screens.
__all__ = ["DeclarationLine", "InterestLine", "InterestsRegister",
           "MemberInterests", "declarations_made", "end_interest", "interests_register",
           "register_interest"]

NOT_A_MEMBER = "Not a member on this date"


def declarations_made(session: Session, body_id: int, first: date | None = None,
                      last: date | None = None) -> list[DeclarationLine]:
    """Declarations at the body's meetings between two days (inclusive), by date."""
    query = (select(Declaration, Meeting, AgendaItem, Person)
             .join(Meeting, Meeting.id == Declaration.meeting_id)
             .join(AgendaItem, AgendaItem.id == Declaration.item_id)
             .join(Person, Person.id == Declaration.person_id)
             .where(Meeting.body_id == body_id, standing(Declaration)))
    if first is not None:
        query = query.where(Meeting.date >= first)
    if last is not None:
        query = query.where(Meeting.date <= last)
    lines = [DeclarationLine(d.id, p.id, p.name, m.id, m.date, i.position, i.title, i.exempt,
                             d.kind, d.effect, d.description, d.dispensation_by,
                             d.dispensation_note)
             for d, m, i, p in session.exec(query)]
    return sorted(lines, key=lambda d: (d.meeting_date, d.item_position, d.name.casefold()))


def interests_register(engine: Engine, body_id: int, on: date | None = None) -> InterestsRegister:
    """Every current member, and anyone else with a registered interest or a declaration
    at the body's meetings, with their interests (ended ones too, with their dates) and
    their declarations, latest first."""
    on = on or date.today()
    with Session(engine) as session:
        body = session.get(Body, body_id)
        if body is None:
            raise NotFound("That body is no longer in the record: choose another.")
        categories = {c.id: c.name for c in session.exec(
            select(Category).where(Category.body_id == body_id))}
        seats = {m.person_id: categories.get(m.category_id, "")
                 for m in active_memberships(session, body_id, on)}
        interests = session.exec(select(RegisteredInterest).where(
            RegisteredInterest.body_id == body_id)).all()
        declarations = declarations_made(session, body_id)
        ids = set(seats) | {i.person_id for i in interests} | {d.person_id for d in declarations}
        people = {p.id: p for p in session.exec(select(Person).where(Person.id.in_(list(ids))))}
        agencies = {p.id: agency_of(session, p) for p in people.values()}
    members = []
    for person_id, person in people.items():
        own = sorted((i for i in interests if i.person_id == person_id),
                     key=lambda i: (i.to_date is not None, i.from_date or date.min, i.id))
        members.append(MemberInterests(
            person_id, person.name, agencies[person_id],
            seats.get(person_id, NOT_A_MEMBER),
            tuple(InterestLine(i.id, person_id, person.name, i.description, i.kind,
                               i.from_date, i.to_date) for i in own),
            tuple(reversed([d for d in declarations if d.person_id == person_id])),
        ))
    members.sort(key=lambda m: (m.person_id not in seats, m.name.casefold()))
    return InterestsRegister(body_id, body.name, on, tuple(members))


def register_interest(
    engine: Engine, body_id: int, person_id: int, description: str,
    kind: InterestKind = InterestKind.OTHER, from_date: date | None = None,
) -> int:
    """Put a member's interest on the body's standing register; returns its id."""
    check_name(description, "interest", TextKind.TEXT)
    with unit_of_work(engine) as session:
        row = RegisteredInterest(body_id=body_id, person_id=person_id, description=description,
                                 kind=kind, from_date=from_date)
        session.add(row)
        session.flush()
        audit(session, None, "interest.register", body_id=body_id, person_id=person_id,
              description=description)
        return row.id


def end_interest(engine: Engine, interest_id: int, on: date) -> None:
    """The member no longer holds the interest from `on` (the entry stays, with its dates).

    Raises:
        ClerkError: the day is before the interest was registered.
    """
    with unit_of_work(engine) as session:
        row = session.get(RegisteredInterest, interest_id)
        if row is None:
            raise NotFound("That interest is not on the register.")
        if row.from_date is not None and on < row.from_date:
            raise ClerkError(f"The interest was registered from {row.from_date:%d %B %Y}: "
                             "it cannot end before that.")
        old = row.to_date
        row.to_date = on
        session.add(row)
        audit(session, None, "interest.end", body_id=row.body_id, interest_id=interest_id,
              on=on, previous=old)


def interest_prompts(engine: Engine, item_id: int) -> list:
    """Members on the register whose registered interests the item's text mentions
    (DOMAIN.md §4): the clerk is prompted that a declaration may be due."""
    with Session(engine) as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            raise NotFound("That item is not in the record.")
        meeting = session.get(Meeting, item.meeting_id)
        on_register = {e.person_id for e in session.exec(
            select(RegisterEntry).where(RegisterEntry.meeting_id == meeting.id,
                                        standing(RegisterEntry)))}
        registered = [
            (i.person_id, session.get(Person, i.person_id).name, i.description)
            for i in session.exec(select(RegisteredInterest).where(
                RegisteredInterest.body_id == meeting.body_id))
            if i.person_id in on_register
            and (i.to_date is None or i.to_date >= meeting.date)
        ]
        return interests_mentioned(f"{item.title}\n{item.description}", registered)

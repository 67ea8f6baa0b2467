"""People, seats and offices of a body (DOMAIN.md §1).

A person is in the record once and may sit on several bodies; a membership seats them in
one of a body's categories for a span of dates; an office term appoints a member to an
office, refused with the constitution's rule when they may not hold it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app import clock
from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import Category, Membership, Office, OfficeTerm, Organisation, Person
from clerk_app.rules.limits import TextKind
from clerk_app.rules.offices import Candidate, office_breaches
from clerk_app.rules.roster import active_on
from clerk_app.services import organisations
from clerk_app.services.audit import audit
from clerk_app.services.constitution import office_rules
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.names import MAX_NAME, check_name, check_text  # noqa: F401
from clerk_app.services.sources import cited


def add_person(
    engine: Engine, name: str, agency: str = "", employer: str = "", role_title: str = "",
    *, agency_id: int | None = None, employer_id: int | None = None,
) -> int:
    """A person in the record, with the organisation they represent and the one that
    employs them (their agency unless said otherwise); returns their id.

    The organisations are chosen by id, or named by a name, short name or alias that is
    resolved to the organisation (and added when the record does not know it yet)."""
    check_name(name)
    check_text(role_title, TextKind.NAME, "role")
    with unit_of_work(engine) as session:
        agency_id = agency_id or organisations.known_or_new(session, agency)
        employer_id = employer_id or organisations.known_or_new(session, employer) or agency_id
        for org_id in (agency_id, employer_id):
            if org_id is not None and session.get(Organisation, org_id) is None:
                raise NotFound("That organisation is not in the record.")
        person = Person(name=name, agency_id=agency_id, employer_id=employer_id,
                        role_title=role_title)
        session.add(person)
        session.flush()
        audit(session, None, "person.add", person_id=person.id, name=name)
        return person.id


def _category(session: Session, body_id: int, category_key: str) -> Category:
    cat = session.exec(
        select(Category).where(Category.body_id == body_id, Category.key == category_key)
    ).first()
    if cat is None:
        raise NotFound("That seat category is no longer in the body: choose one from the list.")
    return cat


def active_memberships(session: Session, body_id: int, on: date | None = None) -> list[Membership]:
    """The body's memberships current on a day, or not yet ended when no day is given."""
    rows = session.exec(select(Membership).where(Membership.body_id == body_id)).all()
    return [m for m in rows if active_on(m.start_date, m.end_date, on)]



def add_member(
    engine: Engine,
    body_id: int,
    person_id: int,
    category_key: str,
    *,
    named_substitute_id: int | None = None,
    seat_label: str = "",
    voting: bool | None = None,
    start_date: date | None = None,
    agreement_signed_on: date | None = None,
) -> int:
    """Seat a person in a category; refused when the category's seats are all filled."""
    with unit_of_work(engine) as session:
        return seat(session, body_id, person_id, _category(session, body_id, category_key),
                    named_substitute_id=named_substitute_id, seat_label=seat_label,
                    voting=voting, start_date=start_date,
                    agreement_signed_on=agreement_signed_on).id


def seat(
    session: Session, body_id: int, person_id: int, cat: Category, *,
    named_substitute_id: int | None = None, seat_label: str = "", voting: bool | None = None,
    start_date: date | None = None, agreement_signed_on: date | None = None,
) -> Membership:
    """Seat a person in a category inside the caller's unit of work (one member added by
    hand, or a whole membership list at once); refused when the seats are all filled."""
    check_text(seat_label, TextKind.NAME, "seat's name")
    current = [m for m in active_memberships(session, body_id) if m.category_id == cat.id]
    if any(m.person_id == person_id for m in current):
        raise ClerkError("This person already holds a seat in this category.")
    if len(current) >= cat.seats:
        raise ClerkError(
            f"All {cat.seats} seat(s) in {cat.name} are filled: end a membership first."
        )
    if named_substitute_id == person_id:
        raise ClerkError("A member cannot be their own named substitute.")
    member = Membership(
        body_id=body_id, person_id=person_id, category_id=cat.id, seat_label=seat_label,
        voting=voting, named_substitute_id=named_substitute_id, start_date=start_date,
        agreement_signed_on=agreement_signed_on,
    )
    session.add(member)
    session.flush()
    audit(session, None, "member.add", body_id=body_id, membership_id=member.id,
          person_id=person_id, category=cat.key)
    return member


def _membership(session: Session, membership_id: int) -> Membership:
    member = session.get(Membership, membership_id)
    if member is None:
        raise NotFound("That membership is not in the record.")
    return member


def end_membership(engine: Engine, membership_id: int, end_date: date | None = None) -> None:
    """A member leaves the body; the seat becomes vacant. Past meetings keep their record."""
    with unit_of_work(engine) as session:
        member = _membership(session, membership_id)
        if member.end_date is not None:
            raise ClerkError("This membership has already ended.")
        end = end_date or clock.now().date()
        if member.start_date and end < member.start_date:
            raise ClerkError(
                f"The membership began on {member.start_date:%d %B %Y}: it cannot end before."
            )
        member.end_date = end
        session.add(member)
        audit(session, None, "member.end", body_id=member.body_id,
              membership_id=membership_id, end_date=end)


def set_named_substitute(engine: Engine, membership_id: int, person_id: int | None) -> None:
    """Name (or clear) the member's named substitute (002 §4.2; 000 agreement item 10)."""
    with unit_of_work(engine) as session:
        member = _membership(session, membership_id)
        if person_id is not None and session.get(Person, person_id) is None:
            raise NotFound("That person is not in the record.")
        if person_id == member.person_id:
            raise ClerkError("A member cannot be their own named substitute.")
        member.named_substitute_id = person_id
        session.add(member)
        audit(session, None, "member.named_substitute", body_id=member.body_id,
              membership_id=membership_id, person_id=person_id)


# --- Offices -----------------------------------------------------------------------------


def candidate_for(session: Session, body_id: int, person_id: int, on: date | None) -> Candidate:
    """A person as the office rules see them: their seat, agency and employer on a day."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("That person is not in the record.")
    seats = [m for m in active_memberships(session, body_id, on) if m.person_id == person_id]
    category = session.get(Category, seats[0].category_id) if seats else None
    return Candidate(
        person_id=person_id,
        name=person.name,
        agency=organisations.ref(session, person.agency_id),
        employer=organisations.ref(session, person.employer_id),
        category=category.key if category else None,
        core=bool(category and category.core),
        is_member=bool(seats),
    )


def current_office_holders(session: Session, body_id: int, on: date | None) -> dict[str, int]:
    """Office key -> person id of the holder on a day (or now)."""
    offices = {o.id: o.key for o in session.exec(select(Office).where(Office.body_id == body_id))}
    holders = {}
    for term in session.exec(select(OfficeTerm).where(OfficeTerm.body_id == body_id)):
        if active_on(term.start_date, term.end_date, on):
            holders[offices[term.office_id]] = term.person_id
    return holders


def appoint_office(
    engine: Engine, body_id: int, office_key: str, person_id: int,
    start_date: date | None = None, end_date: date | None = None,
) -> int:
    """Fill an office; refused with the rule it breaks (e.g. Kent's Vice-Chair, 000 §10.2-10.3)."""
    with unit_of_work(engine) as session:
        office = session.exec(
            select(Office).where(Office.body_id == body_id, Office.key == office_key)
        ).first()
        if office is None:
            raise NotFound("That office is no longer in the body: choose one from the list.")
        on = start_date
        holders = {
            key: candidate_for(session, body_id, pid, on)
            for key, pid in current_office_holders(session, body_id, on).items()
            if key != office_key
        }
        breaches = office_breaches(
            office_rules(session, office), candidate_for(session, body_id, person_id, on), holders
        )
        if breaches:
            # The office's own source, or its assumed mark: the rule of this body.
            lines = "; ".join(f"{b.rule} ({cited(b.source, office.assumed)})"
                              if b.source or office.assumed else b.rule for b in breaches)
            raise ClerkError(f"This appointment breaks the constitution: {lines}")
        for term in session.exec(select(OfficeTerm).where(OfficeTerm.office_id == office.id)):
            if term.end_date is None:
                term.end_date = start_date or clock.now().date()
                session.add(term)
        term = OfficeTerm(body_id=body_id, office_id=office.id, person_id=person_id,
                          start_date=start_date, end_date=end_date)
        session.add(term)
        session.flush()
        audit(session, None, "office.appoint", body_id=body_id, office=office_key,
              person_id=person_id)
        return term.id

"""What the body set-up screen and the navigator show: a body's seats, offices, settings
and register of interests as plain rows, read in one session (DOMAIN.md §1, §4, §8).

The rows carry ids and keys for the screen to act on, and the words it shows beside
them; nothing here is read back from its own wording.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.tables import Body, Category, Membership, Office, OfficeTerm, Person
from clerk_app.db.tables import RegisteredInterest as Interest
from clerk_app.export.year_data import InterestLine
from clerk_app.rules.roster import seat_votes
from clerk_app.rules.vocabulary import SettingKey
from clerk_app.services.constitution import SettingRow, setting_rows
from clerk_app.services.errors import NotFound
from clerk_app.services.membership import active_memberships
from clerk_app.services.organisations import names_by_id
from clerk_app.services.presets import readable_source


@dataclass(frozen=True)
class PersonRow:
    person_id: int
    name: str
    agency: str
    employer: str = ""
    role_title: str = ""
    agency_id: int | None = None
    employer_id: int | None = None


@dataclass(frozen=True)
class SeatRow:
    """One seat of a category: a member in it, or a vacancy (no membership)."""

    category_key: str
    label: str  # the preset's name for the seat, or the member's own seat label
    membership_id: int | None = None
    person_id: int | None = None
    name: str = ""
    agency: str = ""
    voting: bool = True
    voting_from_category: bool = True  # the seat's category decides, not the membership
    named_substitute_id: int | None = None
    named_substitute: str = ""
    start_date: date | None = None
    agreement_signed_on: date | None = None

    @property
    def vacant(self) -> bool:
        return self.membership_id is None


@dataclass(frozen=True)
class CategoryRow:
    key: str
    name: str
    seats: int
    voting: bool
    core: bool
    source: str
    notes: str
    seat_rows: tuple[SeatRow, ...]
    seat_labels: tuple[str, ...] = ()  # the seats' own names, as the clerk or preset gave
    assumed: bool = False  # "assumed — please confirm" until the clerk changes and saves it

    @property
    def filled(self) -> int:
        return sum(not s.vacant for s in self.seat_rows)

    @property
    def vacancies(self) -> int:
        return max(self.seats - self.filled, 0)


@dataclass(frozen=True)
class TermRow:
    person_id: int
    name: str
    start_date: date | None
    end_date: date | None


@dataclass(frozen=True)
class OfficeRow:
    key: str
    name: str
    term_months: int | None
    eligibility: tuple[str, ...]  # the office's rules in words
    source: str
    holder: TermRow | None
    past_terms: tuple[TermRow, ...]  # latest first
    # Who may hold it, as stored, for the dialog that changes it.
    only_categories: tuple[str, ...] = ()
    core_member_only: bool = False
    not_same_agency_as: tuple[str, ...] = ()
    excluded_employers: tuple[str, ...] = ()
    assumed: bool = False  # "assumed — please confirm" until the clerk changes and saves it


@dataclass(frozen=True)
class GroupRow:
    """A group of the quorum rule (DOMAIN.md §3, forms 3 and 4) and who fills it."""

    key: str
    label: str
    categories: tuple[str, ...]  # keys
    offices: tuple[str, ...]  # keys
    required: bool  # must be present, rather than one of the groups needed
    filled_by: str  # the categories and offices, in words: "Education or the Chair"


@dataclass(frozen=True)
class BodySetup:
    """Everything the body set-up screen shows, as plain data read in one session."""

    body_id: int
    key: str
    name: str
    short_name: str
    description: str
    categories: tuple[CategoryRow, ...]
    offices: tuple[OfficeRow, ...]
    settings: tuple[SettingRow, ...]
    interests: tuple[InterestLine, ...]
    people: tuple[PersonRow, ...]  # everyone in the record, by name, to choose from
    groups: tuple[GroupRow, ...] = ()
    groups_needed: int = 0

    @property
    def members(self) -> tuple[SeatRow, ...]:
        return tuple(s for c in self.categories for s in c.seat_rows if not s.vacant)

    @property
    def seats(self) -> int:
        return sum(c.seats for c in self.categories)

    @property
    def vacancies(self) -> int:
        return sum(c.vacancies for c in self.categories)

    def category(self, key: str) -> CategoryRow:
        return next(c for c in self.categories if c.key == key)

    def person(self, person_id: int) -> PersonRow | None:
        return next((p for p in self.people if p.person_id == person_id), None)


def _eligibility_words(office: Office, categories: dict[str, str],
                       offices: dict[str, str]) -> tuple[str, ...]:
    words = []
    if office.only_categories:
        names = ", ".join(categories.get(k, k) for k in office.only_categories)
        words.append(f"Only from: {names}")
    else:
        words.append("From any membership category")
    for key in office.not_same_agency_as:
        words.append(f"Not from the same agency as the {offices.get(key, key)}")
    if office.core_member_only:
        words.append("A core member")
    for employer in office.excluded_employers:
        words.append(f"Not employed by {employer}")
    return tuple(words)


def _seat_rows(
    cat: Category, members: list[Membership], people: dict[int, PersonRow]
) -> list[SeatRow]:
    """Members in their labelled seats first, then the rest in order; empty seats are vacant."""
    labels = list(cat.seat_labels) + [""] * max(cat.seats - len(cat.seat_labels), 0)
    rows: list[SeatRow | None] = [None] * max(cat.seats, len(members))
    unplaced = []
    for member in sorted(members, key=lambda m: m.id):
        if member.seat_label in labels and rows[labels.index(member.seat_label)] is None:
            rows[labels.index(member.seat_label)] = _member_row(cat, member, people)
        else:
            unplaced.append(member)
    for member in unplaced:
        free = rows.index(None)
        rows[free] = _member_row(cat, member, people, labels[free] if free < len(labels) else "")
    return [row or SeatRow(cat.key, labels[i] if i < len(labels) else "")
            for i, row in enumerate(rows)]


def _member_row(cat: Category, m: Membership, people: dict[int, PersonRow],
                free_label: str = "") -> SeatRow:
    person = people[m.person_id]
    substitute = people.get(m.named_substitute_id) if m.named_substitute_id else None
    return SeatRow(
        category_key=cat.key, label=m.seat_label or free_label, membership_id=m.id,
        person_id=person.person_id, name=person.name, agency=person.agency,
        voting=seat_votes(m.voting, cat.voting),
        voting_from_category=m.voting is None,
        named_substitute_id=m.named_substitute_id,
        named_substitute=substitute.name if substitute else "",
        start_date=m.start_date, agreement_signed_on=m.agreement_signed_on,
    )


def _category_rows(session: Session, body_id: int,
                   people: dict[int, PersonRow]) -> tuple[CategoryRow, ...]:
    cats = session.exec(select(Category).where(Category.body_id == body_id)
                        .order_by(Category.position)).all()
    current = active_memberships(session, body_id)
    return tuple(
        CategoryRow(c.key, c.name, c.seats, c.voting, c.core, readable_source(c.source),
                    readable_source(c.notes),
                    tuple(_seat_rows(c, [m for m in current if m.category_id == c.id], people)),
                    tuple(c.seat_labels), c.assumed)
        for c in cats
    )


def _office_rows(session: Session, body_id: int, people: dict[int, PersonRow],
                 categories: dict[str, str]) -> tuple[OfficeRow, ...]:
    offices = []
    stored = session.exec(select(Office).where(Office.body_id == body_id)
                          .order_by(Office.id)).all()
    names = {office.key: office.name for office in stored}
    for office in stored:
        rows = session.exec(select(OfficeTerm).where(OfficeTerm.office_id == office.id))
        terms = sorted(
            (TermRow(t.person_id, people[t.person_id].name, t.start_date, t.end_date)
             for t in rows),
            key=lambda t: (t.start_date or date.min), reverse=True)
        holder = next((t for t in terms if t.end_date is None), None)
        offices.append(OfficeRow(
            office.key, office.name, office.term_months,
            _eligibility_words(office, categories, names),
            readable_source(office.eligibility_source or office.source), holder,
            tuple(t for t in terms if t is not holder), tuple(office.only_categories),
            office.core_member_only, tuple(office.not_same_agency_as),
            tuple(office.excluded_employers), office.assumed))
    return tuple(offices)


def _interest_rows(session: Session, body_id: int,
                   people: dict[int, PersonRow]) -> tuple[InterestLine, ...]:
    rows = (
        InterestLine(i.id, i.person_id, people[i.person_id].name, i.description, i.kind,
                    i.from_date, i.to_date)
        for i in session.exec(select(Interest).where(Interest.body_id == body_id))
    )
    return tuple(sorted(rows, key=lambda i: (i.name.casefold(), i.interest_id)))


def body_setup(engine: Engine, body_id: int) -> BodySetup:
    """A body's membership, offices, constitution and register of interests, as plain rows."""
    with Session(engine) as session:
        body = session.get(Body, body_id)
        if body is None:
            raise NotFound("That body is no longer in the record: choose another.")
        organisation = names_by_id(session)
        people = {p.id: PersonRow(p.id, p.name, organisation.get(p.agency_id, ""),
                                  organisation.get(p.employer_id, ""), p.role_title,
                                  p.agency_id, p.employer_id)
                  for p in session.exec(select(Person))}
        categories = _category_rows(session, body_id, people)
        names = {c.key: c.name for c in categories}
        offices = _office_rows(session, body_id, people, names)
        settings = tuple(replace(s, source=readable_source(s.source), note=readable_source(s.note))
                         for s in setting_rows(session, body_id))
        quorum = next((s.value for s in settings if s.key == SettingKey.QUORUM), {})
        return BodySetup(
            body_id=body.id, key=body.key, name=body.name, short_name=body.short_name,
            description=body.description, categories=categories,
            offices=offices,
            settings=settings,
            interests=_interest_rows(session, body_id, people),
            people=tuple(sorted(people.values(),
                                key=lambda p: (p.name.casefold(), p.person_id))),
            groups=_group_rows(quorum, names, {o.key: o.name for o in offices}),
            groups_needed=int(quorum.get("groups_needed", 0) or 0),
        )


def _group_rows(quorum: Any, categories: dict[str, str],
                offices: dict[str, str]) -> tuple[GroupRow, ...]:
    if not isinstance(quorum, dict):
        return ()
    rows = []
    for part, required in (("groups", False), ("required", True)):
        for group in quorum.get(part, []):
            cats, offs = tuple(group.get("categories", [])), tuple(group.get("offices", []))
            words = [categories.get(k, k) for k in cats] + [
                f"the {offices.get(k, k)}" for k in offs]
            rows.append(GroupRow(group["key"], group.get("label", group["key"]), cats, offs,
                                 required, " or ".join(words)))
    return tuple(rows)


# --- The navigator -----------------------------------------------------------------------


@dataclass(frozen=True)
class BodyRow:
    body_id: int
    key: str
    name: str
    short_name: str  # the preset's short name; empty when the clerk named the body


def body_rows(engine: Engine) -> list[BodyRow]:
    """Every body, by name, with the short name a navigator can show."""
    with Session(engine) as session:
        rows = session.exec(select(Body).order_by(Body.name)).all()
        return [BodyRow(b.id, b.key, b.name, b.short_name) for b in rows]


def list_bodies(engine: Engine) -> list[tuple[int, str, str]]:
    """(id, key, name) of every body, by name."""
    with Session(engine) as session:
        rows = session.exec(select(Body).order_by(Body.name)).all()
        return [(b.id, b.key, b.name) for b in rows]

"""Bodies, their constitutions, members and offices.

A body is created from a preset in database/presets (DOMAIN.md §8). Its rule settings
are rows of `BodySetting`, each with its source or an "assumed" mark, and are turned
into the rules' plain dataclasses by `body_rules`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app import clock, paths
from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import (
    AuditEntry,
    Body,
    BodySetting,
    Category,
    Membership,
    Office,
    OfficeTerm,
    Person,
    RegisteredInterest,
)
from clerk_app.rules.attendance import Threshold
from clerk_app.rules.deadlines import DispatchCounting
from clerk_app.rules.offices import Candidate, OfficeRules, office_breaches
from clerk_app.rules.quorum import QuorumGroup, QuorumRule
from clerk_app.rules.voting import CastingMode, Majority, VoteSettings
from clerk_app.services.errors import ClerkError, NotFound

MAX_NAME = 5000  # long names are stored as typed; beyond this they are refused


# --- Presets --------------------------------------------------------------------------


def preset_files() -> dict[str, Path]:
    """Preset key -> file, for every preset shipped in database/presets."""
    found = {}
    for path in sorted(paths.PRESETS.glob("*.toml")):
        found[load_preset(path)["body"]["key"]] = path
    return found


def load_preset(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def create_body_from_preset(engine: Engine, preset_key: str, key: str | None = None) -> int:
    """Create a body with the preset's categories, offices and settings; return its id."""
    files = preset_files()
    if preset_key not in files:
        raise NotFound(f"There is no preset called {preset_key!r}. Presets: {', '.join(files)}.")
    preset = load_preset(files[preset_key])
    head = preset["body"]
    key = key or head["key"]
    with unit_of_work(engine) as session:
        if session.exec(select(Body).where(Body.key == key)).first():
            raise ClerkError(f"A body with the key {key!r} already exists: choose another key.")
        body = Body(
            key=key,
            name=head["name"],
            short_name=head.get("short_name", ""),
            preset_key=preset_key,
            seed=head.get("seed"),
            description=head.get("description", ""),
        )
        session.add(body)
        session.flush()
        for position, cat in enumerate(preset.get("categories", [])):
            session.add(
                Category(
                    body_id=body.id,
                    key=cat["key"],
                    name=cat["name"],
                    position=position,
                    seats=cat.get("seats", 1),
                    seat_labels=cat.get("seat_labels", []),
                    voting=cat.get("voting", True),
                    core=cat.get("core", True),
                    source=cat.get("source", ""),
                    assumed=cat.get("assumed", False),
                    notes=cat.get("notes", cat.get("note", "")),
                )
            )
        for office in preset.get("offices", []):
            session.add(
                Office(
                    body_id=body.id,
                    key=office["key"],
                    name=office["name"],
                    term_months=office.get("term_months"),
                    only_categories=office.get("only_categories", []),
                    not_same_agency_as=office.get("not_same_agency_as", []),
                    core_member_only=office.get("core_member_only", False),
                    excluded_employers=office.get("excluded_employers", []),
                    source=office.get("source", ""),
                    eligibility_source=office.get("eligibility_source", ""),
                    assumed=office.get("assumed", False),
                )
            )
        for name, setting in preset.get("settings", {}).items():
            session.add(
                BodySetting(
                    body_id=body.id,
                    key=name,
                    value=setting["value"],
                    source=setting.get("source", ""),
                    assumed=setting.get("assumed", False),
                    note=setting.get("note", ""),
                )
            )
        session.add(
            AuditEntry(body_id=body.id, at=clock.now(), action="body.create",
                       detail={"preset": preset_key, "key": key})
        )
        session.flush()
        return body.id


# --- The constitution as rules --------------------------------------------------------


@dataclass(frozen=True)
class BodyRules:
    """A body's constitution in the rules' own terms."""

    quorum: QuorumRule
    votes: VoteSettings
    threshold: Threshold
    deputy_limit: int | None
    substitutes_same_agency: bool
    dispatch_working_days: int
    dispatch_counting: DispatchCounting
    minutes_due_days: int
    declaration_effects: dict[str, str]
    offices: dict[str, OfficeRules]


def _group(raw: dict[str, Any]) -> QuorumGroup:
    return QuorumGroup(
        key=raw["key"],
        label=raw.get("label", raw["key"]),
        categories=frozenset(raw.get("categories", [])),
        offices=frozenset(raw.get("offices", [])),
    )


def quorum_rule(
    value: dict[str, Any], fills_every: bool = True, sub_office: bool = False
) -> QuorumRule:
    fraction = value.get("fraction") or None
    return QuorumRule(
        head_count=int(value.get("head_count", 0) or 0),
        fraction=Fraction(fraction) if fraction else None,
        fraction_floor=int(value.get("fraction_floor", 0) or 0),
        vacancies_in_base=bool(value.get("vacancies_in_base", True)),
        groups=tuple(_group(g) for g in value.get("groups", [])),
        groups_needed=int(value.get("groups_needed", 0) or 0),
        required=tuple(_group(g) for g in value.get("required", [])),
        person_fills_every_group=fills_every,
        substitute_fills_office=sub_office,
    )


def settings_of(session: Session, body_id: int) -> dict[str, Any]:
    rows = session.exec(select(BodySetting).where(BodySetting.body_id == body_id))
    return {row.key: row.value for row in rows}


def office_rules(office: Office) -> OfficeRules:
    return OfficeRules(
        office=office.key,
        name=office.name,
        only_categories=frozenset(office.only_categories),
        not_same_agency_as=tuple(office.not_same_agency_as),
        core_member_only=office.core_member_only,
        excluded_employers=frozenset(office.excluded_employers),
        source=office.eligibility_source or office.source,
    )


def body_rules(session: Session, body_id: int) -> BodyRules:
    """Read a body's settings into the rules' dataclasses, with the documented defaults."""
    s = settings_of(session, body_id)
    deputy_limit = s.get("deputy_limit_per_year", -1)
    offices = session.exec(select(Office).where(Office.body_id == body_id))
    return BodyRules(
        quorum=quorum_rule(
            s.get("quorum", {}),
            fills_every=s.get("quorum_person_fills_every_group", True),
            sub_office=s.get("quorum_substitute_fills_office", False),
        ),
        votes=VoteSettings(
            casting=CastingMode(s.get("casting_vote", "optional")),
            chair_ordinary_vote=s.get("chair_ordinary_vote", True),
            chair_votes_only_to_change_result=s.get("chair_votes_only_to_change_result", False),
            majority=Majority(s.get("majority", "simple")),
        ),
        threshold=Threshold(
            fraction=Fraction(s.get("attendance_threshold", "3/4")),
            substitute_counts=s.get("substitute_counts_as_attendance", True),
        ),
        deputy_limit=None if deputy_limit is None or deputy_limit < 0 else deputy_limit,
        substitutes_same_agency=s.get("substitutes", "named_only") == "named_or_same_agency",
        dispatch_working_days=s.get("dispatch_working_days", 7),
        dispatch_counting=DispatchCounting(s.get("dispatch_counting", "working_days")),
        minutes_due_days=s.get("minutes_due_days", 10),
        declaration_effects=dict(s.get("declaration_effects", {})),
        offices={o.key: office_rules(o) for o in offices},
    )


def change_setting(engine: Engine, body_id: int, key: str, value: Any, source: str = "") -> None:
    """Set a rule setting; a clerk's change counts as confirmed."""
    with unit_of_work(engine) as session:
        row = session.exec(
            select(BodySetting).where(BodySetting.body_id == body_id, BodySetting.key == key)
        ).first()
        if row is None:
            row = BodySetting(body_id=body_id, key=key, value=value)
        old = row.value
        row.value = value
        row.source = source or row.source or "set by the clerk"
        row.assumed = False
        row.confirmed_at = clock.now()
        session.add(row)
        session.flush()
        body_rules(session, body_id)  # refuse a value the rules cannot read
        session.add(AuditEntry(body_id=body_id, at=clock.now(), action="setting.change",
                               detail={"key": key, "old": old, "new": value}))


def confirm_setting(engine: Engine, body_id: int, key: str) -> None:
    """The clerk confirms an assumed setting as it stands."""
    with unit_of_work(engine) as session:
        row = session.exec(
            select(BodySetting).where(BodySetting.body_id == body_id, BodySetting.key == key)
        ).one()
        row.confirmed_at = clock.now()
        session.add(row)
        session.add(AuditEntry(body_id=body_id, at=clock.now(), action="setting.confirm",
                               detail={"key": key}))


# --- People, members and offices -----------------------------------------------------


def check_name(name: str, what: str = "name") -> str:
    """Names are stored exactly as typed; only empty or absurdly long ones are refused."""
    if not name or not name.strip():
        raise ClerkError(f"The {what} is empty: type the {what} before saving.")
    if len(name) > MAX_NAME:
        raise ClerkError(
            f"The {what} is {len(name)} characters long; at most {MAX_NAME} are kept. Shorten it."
        )
    if any(ord(ch) < 32 and ch not in "\t" for ch in name):
        raise ClerkError(f"The {what} contains a line break or control character: remove it.")
    return name


def add_person(
    engine: Engine, name: str, agency: str = "", employer: str = "", role_title: str = ""
) -> int:
    check_name(name)
    with unit_of_work(engine) as session:
        person = Person(name=name, agency=agency, employer=employer or agency,
                        role_title=role_title)
        session.add(person)
        session.flush()
        session.add(AuditEntry(at=clock.now(), action="person.add",
                               detail={"person_id": person.id, "name": name}))
        return person.id


def _category(session: Session, body_id: int, category_key: str) -> Category:
    cat = session.exec(
        select(Category).where(Category.body_id == body_id, Category.key == category_key)
    ).first()
    if cat is None:
        raise NotFound(f"The body has no category {category_key!r}.")
    return cat


def active_memberships(session: Session, body_id: int, on: date | None = None) -> list[Membership]:
    rows = session.exec(select(Membership).where(Membership.body_id == body_id)).all()
    return [m for m in rows if _active(m.start_date, m.end_date, on)]


def _active(start: date | None, end: date | None, on: date | None) -> bool:
    if on is None:
        return end is None
    return (start is None or start <= on) and (end is None or on <= end)


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
        cat = _category(session, body_id, category_key)
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
        session.add(AuditEntry(body_id=body_id, at=clock.now(), action="member.add",
                               detail={"membership_id": member.id, "person_id": person_id,
                                       "category": category_key}))
        return member.id


def candidate_for(session: Session, body_id: int, person_id: int, on: date | None) -> Candidate:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("That person is not in the record.")
    seats = [m for m in active_memberships(session, body_id, on) if m.person_id == person_id]
    category = session.get(Category, seats[0].category_id) if seats else None
    return Candidate(
        person_id=person_id,
        name=person.name,
        agency=person.agency,
        employer=person.employer,
        category=category.key if category else None,
        core=bool(category and category.core),
        is_member=bool(seats),
    )


def current_office_holders(session: Session, body_id: int, on: date | None) -> dict[str, int]:
    """Office key -> person id of the holder on a day (or now)."""
    offices = {o.id: o.key for o in session.exec(select(Office).where(Office.body_id == body_id))}
    holders = {}
    for term in session.exec(select(OfficeTerm).where(OfficeTerm.body_id == body_id)):
        if _active(term.start_date, term.end_date, on):
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
            raise NotFound(f"The body has no office {office_key!r}.")
        on = start_date
        holders = {
            key: candidate_for(session, body_id, pid, on)
            for key, pid in current_office_holders(session, body_id, on).items()
            if key != office_key
        }
        breaches = office_breaches(
            office_rules(office), candidate_for(session, body_id, person_id, on), holders
        )
        if breaches:
            lines = "; ".join(f"{b.rule} ({b.source})" if b.source else b.rule for b in breaches)
            raise ClerkError(f"This appointment breaks the constitution: {lines}")
        for term in session.exec(select(OfficeTerm).where(OfficeTerm.office_id == office.id)):
            if term.end_date is None:
                term.end_date = start_date or clock.now().date()
                session.add(term)
        term = OfficeTerm(body_id=body_id, office_id=office.id, person_id=person_id,
                          start_date=start_date, end_date=end_date)
        session.add(term)
        session.flush()
        session.add(AuditEntry(body_id=body_id, at=clock.now(), action="office.appoint",
                               detail={"office": office_key, "person_id": person_id}))
        return term.id


def register_interest(
    engine: Engine, body_id: int, person_id: int, description: str, kind: str = "other",
    from_date: date | None = None,
) -> int:
    check_name(description, "interest")
    with unit_of_work(engine) as session:
        row = RegisteredInterest(body_id=body_id, person_id=person_id, description=description,
                                 kind=kind, from_date=from_date)
        session.add(row)
        session.flush()
        session.add(AuditEntry(body_id=body_id, at=clock.now(), action="interest.register",
                               detail={"person_id": person_id, "description": description}))
        return row.id


def list_bodies(engine: Engine) -> list[tuple[int, str, str]]:
    """(id, key, name) of every body, by name."""
    with Session(engine) as session:
        rows = session.exec(select(Body).order_by(Body.name)).all()
        return [(b.id, b.key, b.name) for b in rows]

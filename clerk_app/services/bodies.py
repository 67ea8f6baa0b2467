"""Bodies, their constitutions, members and offices.

A body is created from a preset in database/presets (DOMAIN.md §8). Its rule settings
are rows of `BodySetting`, each with its source or an "assumed" mark, and are turned
into the rules' plain dataclasses by `body_rules`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime
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
from clerk_app.rules.roster import active_on, seat_votes
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


def create_body_from_preset(
    engine: Engine, preset_key: str, key: str | None = None, name: str | None = None
) -> int:
    """Create a body with the preset's categories, offices and settings; return its id.

    `name` is the clerk's name for this body (e.g. one of several local partnerships made
    from the same model agreement); the preset's name by default.
    """
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
            name=check_name(name, "body name") if name is not None else head["name"],
            # A body the clerk named is not the preset's short name (e.g. "Kent LCSP").
            short_name=head.get("short_name", "") if name is None else "",
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
        try:
            body_rules(session, body_id)  # refuse a value the rules cannot read
        except (ValueError, TypeError, ZeroDivisionError) as error:
            raise ClerkError(
                f"The setting {setting_label(key)!r} cannot take that value: {error}. "
                "Nothing was changed."
            ) from error
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


# --- The body set-up screen: plain rows, and the few edits it makes ---------------------

# A setting's name in the clerk's words; the key is shown for any setting not listed.
SETTING_LABELS = {
    "quorum": "Quorum",
    "quorum_person_fills_every_group": "One person fills every quorum group they belong to",
    "quorum_substitute_fills_office": "A substitute for an office holder fills the office's "
                                      "quorum group",
    "casting_vote": "Casting vote on a tie",
    "chair_ordinary_vote": "The person presiding also has an ordinary vote",
    "chair_votes_only_to_change_result": "The person presiding votes only to change the result",
    "majority": "What carries a motion",
    "substitutes": "Who may substitute for a member",
    "deputy_limit_per_year": "Substitute attendances allowed per member per year",
    "attendance_threshold": "Expected attendance over the year (April to March)",
    "substitute_counts_as_attendance": "A substitute's attendance counts for the member",
    "dispatch_working_days": "Agenda papers sent out before the meeting",
    "dispatch_counting": "How the dispatch deadline is counted",
    "minutes_due_days": "Draft minutes due after the meeting",
    "declaration_effects": "Usual effect of a declared interest",
    "meeting_frequency_months": "How often the body meets",
    "meetings_open_to_public": "Meetings are open to the public",
}

# The values a choice setting may take, each with its meaning (the rules' own enums).
SETTING_CHOICES: dict[str, dict[str, str]] = {
    "casting_vote": {
        CastingMode.NONE.value: "No casting vote: a tie is not carried",
        CastingMode.OPTIONAL.value: "The person presiding may give a casting vote, or decline",
        CastingMode.REQUIRED.value: "The person presiding must give a casting vote",
    },
    "majority": {
        Majority.SIMPLE.value: "More for than against; abstentions are not votes cast",
        Majority.TWO_THIRDS.value: "Two thirds of the votes cast",
    },
    "substitutes": {
        "named_only": "Only the member's named substitute",
        "named_or_same_agency": "The named substitute, or another person from the member's agency",
    },
    "dispatch_counting": {
        DispatchCounting.WORKING_DAYS.value: "Working days; the meeting day is not counted",
        DispatchCounting.CLEAR_DAYS.value: "Clear days; neither the meeting day nor the "
                                           "dispatch day is counted",
    },
}
DECLARATION_KINDS = {"pecuniary": "Pecuniary", "non_pecuniary": "Non-pecuniary (personal)",
                     "other": "Other"}
DECLARATION_EFFECTS = {
    "participates": "Takes part (recorded only)",
    "silent": "Stays but does not speak or vote",
    "withdraws": "Leaves the room for the item",
}
_FRACTIONS = {"1/2": "one half", "1/3": "one third", "2/3": "two thirds",
              "1/4": "one quarter", "3/4": "three quarters", "7/10": "seventy per cent"}


def setting_label(key: str) -> str:
    return SETTING_LABELS.get(key, key.replace("_", " ").capitalize())


def _fraction_words(text: str) -> str:
    fraction = Fraction(text)
    words = _FRACTIONS.get(f"{fraction.numerator}/{fraction.denominator}", str(fraction))
    return f"{words} ({float(fraction):.0%})"


def describe_quorum(value: dict[str, Any]) -> str:
    """The quorum rule in a sentence, read through the same parser the rules use."""
    rule = quorum_rule(value)
    if not rule.in_use:
        return "No quorum rule set"
    parts = []
    if rule.head_count:
        parts.append(f"at least {rule.head_count} voting members present")
    if rule.fraction is not None:
        base = "voting seats" if rule.vacancies_in_base else "filled voting seats"
        floor = f", and not fewer than {rule.fraction_floor}" if rule.fraction_floor else ""
        parts.append(f"{_fraction_words(str(rule.fraction))} of the {base}, rounded up{floor}")
    if rule.groups:
        labels = ", ".join(g.label for g in rule.groups)
        parts.append(f"{rule.groups_needed} of these {len(rule.groups)} represented: {labels}")
    for group in rule.required:
        parts.append(f"{group.label} present")
    text = "; and ".join(parts)
    return text[0].upper() + text[1:]


def describe_setting(key: str, value: Any) -> str:
    """A setting's value in the clerk's words, for the set-up screen."""
    if key == "quorum" and isinstance(value, dict):
        return describe_quorum(value)
    if key in SETTING_CHOICES:
        return SETTING_CHOICES[key].get(str(value), str(value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if key == "deputy_limit_per_year":
        return "No limit" if value is None or value < 0 else f"{value} a year"
    if key == "attendance_threshold":
        return f"At least {_fraction_words(str(value))} of the year's meetings"
    if key == "dispatch_working_days":
        return f"{value} working days before"
    if key == "minutes_due_days":
        return f"{value} calendar days after"
    if key == "meeting_frequency_months":
        return "Not set" if not value else f"Every {value} months" if value > 1 else "Monthly"
    if key == "declaration_effects" and isinstance(value, dict):
        return "; ".join(f"{DECLARATION_KINDS.get(k, k)}: {DECLARATION_EFFECTS.get(v, v).lower()}"
                         for k, v in value.items())
    return str(value)


@dataclass(frozen=True)
class PersonRow:
    person_id: int
    name: str
    agency: str
    employer: str = ""
    role_title: str = ""


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


@dataclass(frozen=True)
class SettingRow:
    key: str
    label: str
    value: Any
    text: str  # the value in words
    source: str
    note: str
    assumed: bool
    confirmed_at: datetime | None

    @property
    def needs_confirming(self) -> bool:
        """Shown "assumed — please confirm" until the clerk confirms or changes it."""
        return self.assumed and self.confirmed_at is None


@dataclass(frozen=True)
class InterestRow:
    interest_id: int
    person_id: int
    name: str
    description: str
    kind: str
    from_date: date | None
    to_date: date | None


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
    interests: tuple[InterestRow, ...]
    people: tuple[PersonRow, ...]  # everyone in the record, by name, to choose from

    @property
    def members(self) -> tuple[SeatRow, ...]:
        return tuple(s for c in self.categories for s in c.seat_rows if not s.vacant)

    @property
    def seats(self) -> int:
        return sum(c.seats for c in self.categories)

    @property
    def vacancies(self) -> int:
        return sum(c.vacancies for c in self.categories)


def _eligibility_words(office: Office, categories: dict[str, str]) -> tuple[str, ...]:
    words = []
    if office.only_categories:
        names = ", ".join(categories.get(k, k) for k in office.only_categories)
        words.append(f"Only from: {names}")
    else:
        words.append("From any membership category")
    for key in office.not_same_agency_as:
        words.append(f"Not from the same agency as the {key.replace('_', '-').capitalize()}")
    if office.core_member_only:
        words.append("A core member")
    for employer in office.excluded_employers:
        words.append(f"Not employed by {employer}")
    return tuple(words)


def _seat_rows(
    cat: Category, members: list[Membership], people: dict[int, Person]
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


def _member_row(cat: Category, m: Membership, people: dict[int, Person],
                free_label: str = "") -> SeatRow:
    person = people[m.person_id]
    substitute = people.get(m.named_substitute_id) if m.named_substitute_id else None
    return SeatRow(
        category_key=cat.key, label=m.seat_label or free_label, membership_id=m.id,
        person_id=person.id, name=person.name, agency=person.agency,
        voting=seat_votes(m.voting, cat.voting),
        voting_from_category=m.voting is None,
        named_substitute_id=m.named_substitute_id,
        named_substitute=substitute.name if substitute else "",
        start_date=m.start_date, agreement_signed_on=m.agreement_signed_on,
    )


def body_setup(engine: Engine, body_id: int) -> BodySetup:
    """A body's membership, offices, constitution and register of interests, as plain rows."""
    with Session(engine) as session:
        body = session.get(Body, body_id)
        if body is None:
            raise NotFound(f"There is no body {body_id} in the record.")
        people = {p.id: p for p in session.exec(select(Person))}
        cats = session.exec(select(Category).where(Category.body_id == body_id)
                            .order_by(Category.position)).all()
        current = active_memberships(session, body_id)
        categories = tuple(
            CategoryRow(c.key, c.name, c.seats, c.voting, c.core, c.source, c.notes,
                        tuple(_seat_rows(c, [m for m in current if m.category_id == c.id],
                                         people)))
            for c in cats
        )
        names = {c.key: c.name for c in cats}
        offices = []
        for office in session.exec(select(Office).where(Office.body_id == body_id)
                                   .order_by(Office.id)):
            rows = session.exec(select(OfficeTerm).where(OfficeTerm.office_id == office.id))
            terms = sorted(
                (TermRow(t.person_id, people[t.person_id].name, t.start_date, t.end_date)
                 for t in rows),
                key=lambda t: (t.start_date or date.min), reverse=True)
            holder = next((t for t in terms if t.end_date is None), None)
            offices.append(OfficeRow(
                office.key, office.name, office.term_months, _eligibility_words(office, names),
                office.eligibility_source or office.source, holder,
                tuple(t for t in terms if t is not holder)))
        settings = tuple(
            SettingRow(s.key, setting_label(s.key), s.value, describe_setting(s.key, s.value),
                       s.source, s.note, s.assumed, s.confirmed_at)
            for s in session.exec(select(BodySetting).where(BodySetting.body_id == body_id)
                                  .order_by(BodySetting.id))
        )
        interests = tuple(
            InterestRow(i.id, i.person_id, people[i.person_id].name, i.description, i.kind,
                        i.from_date, i.to_date)
            for i in session.exec(select(RegisteredInterest)
                                  .where(RegisteredInterest.body_id == body_id))
        )
        return BodySetup(
            body_id=body.id, key=body.key, name=body.name, short_name=body.short_name,
            description=body.description, categories=categories, offices=tuple(offices),
            settings=settings,
            interests=tuple(sorted(interests, key=lambda i: (i.name.casefold(), i.interest_id))),
            people=tuple(sorted((PersonRow(p.id, p.name, p.agency, p.employer, p.role_title)
                                 for p in people.values()),
                                key=lambda p: (p.name.casefold(), p.person_id))),
        )


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
        session.add(AuditEntry(body_id=member.body_id, at=clock.now(), action="member.end",
                               detail={"membership_id": membership_id,
                                       "end_date": end.isoformat()}))


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
        session.add(AuditEntry(body_id=member.body_id, at=clock.now(),
                               action="member.named_substitute",
                               detail={"membership_id": membership_id, "person_id": person_id}))


@dataclass(frozen=True)
class PresetRow:
    key: str
    name: str
    short_name: str
    seed: str
    description: str


def presets() -> list[PresetRow]:
    """The presets that ship, by name, for the "new body" screen."""
    rows = []
    for key, path in preset_files().items():
        head = load_preset(path)["body"]
        rows.append(PresetRow(key, head["name"], head.get("short_name", ""),
                              str(head.get("seed", "")), head.get("description", "")))
    return sorted(rows, key=lambda p: p.name)


def create_body(engine: Engine, preset_key: str, name: str = "") -> int:
    """A new body from a preset, under the clerk's name for it (the preset's by default).

    The same preset may serve several bodies (e.g. one model agreement, several local
    partnerships), so the body's key is the preset's, numbered when already taken.
    """
    with Session(engine) as session:
        taken = {b.key for b in session.exec(select(Body))}
    key, number = preset_key, 1
    while key in taken:
        number += 1
        key = f"{preset_key}-{number}"
    files = preset_files()
    preset_name = load_preset(files[preset_key])["body"]["name"] if preset_key in files else ""
    return create_body_from_preset(engine, preset_key, key=key,
                                   name=name if name and name != preset_name else None)


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

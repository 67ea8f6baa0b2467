"""Members from the spreadsheet a clerk already keeps (DOMAIN.md §1): a preview first,
row by row, then the good rows written in one unit of work when the clerk confirms.

Rows with errors are left out and listed with their row numbers; the clerk corrects the
file and imports it again. A member already in the same category is left as they are, so
importing the corrected file again adds only the rows that were missing. People already
in the record (same name, same agency) are seated as they are, not added twice; a new
agency becomes a new organisation. A named substitute with no agency of their own is
taken to come from the member's agency (002 §4.2: someone able to act for it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import Category, Person
from clerk_app.rules.limits import excerpt
from clerk_app.services import membership, organisations
from clerk_app.services.audit import audit
from clerk_app.services.errors import ClerkError
from clerk_app.services.member_list import SheetRow, parse_date, parse_votes, read_sheet
from clerk_app.services.names import check_name
from clerk_app.services.organisations import folded

PersonKey = tuple[str, str]  # (name, agency), folded


@dataclass(frozen=True)
class PlannedRow:
    """What importing one row will do, or why it cannot."""

    number: int  # as the spreadsheet numbers it: the headings are row 1
    name: str
    agency: str
    category: str  # the category's name as the body calls it, or the text as typed
    seat: str
    substitute: str
    new_person: bool = False
    new_organisations: tuple[str, ...] = ()
    unchanged: bool = False  # already holds a seat in this category: left as it is
    errors: tuple[str, ...] = ()

    @property
    def ready(self) -> bool:
        return not self.errors and not self.unchanged


@dataclass(frozen=True)
class _Write:
    """A ready row, resolved: what the unit of work writes."""

    person: PersonKey
    name: str
    person_id: int | None
    agency: str
    role: str
    email: str
    category: Category
    seat: str
    voting: bool | None
    start: date | None
    substitute: PersonKey | None
    substitute_name: str
    substitute_id: int | None
    substitute_agency: str


@dataclass(frozen=True)
class Preview:
    """The file as it will be imported; nothing has been written."""

    file_name: str
    sheet: tuple[SheetRow, ...]
    rows: tuple[PlannedRow, ...]

    @property
    def ready(self) -> int:
        return sum(r.ready for r in self.rows)

    @property
    def with_errors(self) -> int:
        return sum(bool(r.errors) for r in self.rows)

    @property
    def unchanged(self) -> int:
        return sum(r.unchanged for r in self.rows)


@dataclass
class _Planner:
    """Reads the body and the record once, then judges the rows in the file's order,
    each against the record and against the rows above it."""

    session: Session
    body_id: int
    categories: list[Category] = field(default_factory=list)
    people: dict[str, list[Person]] = field(default_factory=dict)
    held: dict[int, list[int]] = field(default_factory=dict)  # person -> category ids
    filled: Counter = field(default_factory=Counter)  # category id -> seats taken
    labels: dict[tuple[int, str], str] = field(default_factory=dict)  # (cat, label) -> by
    seen: dict[PersonKey, int] = field(default_factory=dict)  # -> row number

    def __post_init__(self) -> None:
        self.categories = list(self.session.exec(
            select(Category).where(Category.body_id == self.body_id)
            .order_by(Category.position)))
        for person in self.session.exec(select(Person)):
            self.people.setdefault(folded(person.name), []).append(person)
        for m in membership.active_memberships(self.session, self.body_id):
            self.held.setdefault(m.person_id, []).append(m.category_id)
            self.filled[m.category_id] += 1
            if m.seat_label:
                holder = self.session.get(Person, m.person_id)
                self.labels[(m.category_id, folded(m.seat_label))] = holder.name

    def category(self, typed: str) -> Category | None:
        key = folded(typed)
        return next((c for c in self.categories
                     if key in (folded(c.name), folded(c.key))), None)

    def org_word(self, agency: str) -> str:
        org = organisations.resolve(self.session, agency)
        return folded(org.name if org else agency)

    def existing(self, name: str, agency: str) -> tuple[Person | None, str]:
        """The person of the record a name (and agency, if given) means, or why none can
        be chosen."""
        same_name = self.people.get(folded(name), [])
        if agency.strip():
            org = organisations.resolve(self.session, agency)
            match = [p for p in same_name if org is not None and p.agency_id == org.id]
            return (match[0] if match else None), ""
        if len(same_name) > 1:
            return None, (f"{len(same_name)} people in the record are called {name}: write "
                          "their agency in the Agency column to say which.")
        return (same_name[0] if same_name else None), ""

    def new_organisations(self, *agencies: str) -> tuple[str, ...]:
        found = [a for a in agencies if a.strip()
                 and organisations.resolve(self.session, a) is None]
        return tuple(dict.fromkeys(found))

    def seat_errors(self, cat: Category, seat: str) -> tuple[str, list[str]]:
        """The seat label as the body spells it, and any reason the seat cannot be had."""
        errors = []
        if self.filled[cat.id] >= cat.seats:
            errors.append(f"All {cat.seats} seat(s) in {cat.name} are taken, by members "
                          "in the record or rows above: end a membership in Body set-up, "
                          "or add seats to the category.")
        if not seat.strip():
            return seat, errors
        if cat.seat_labels:
            labels = {folded(label): label for label in cat.seat_labels}
            if folded(seat) not in labels:
                return seat, [*errors, f"{cat.name} has no seat “{excerpt(seat, 80)}”: its seats "
                                       f"are {'; '.join(cat.seat_labels)}."]
            seat = labels[folded(seat)]
        holder = self.labels.get((cat.id, folded(seat)))
        if holder is not None:
            errors.append(f"The seat “{excerpt(seat, 80)}” in {cat.name} is already held, "
                          f"by {holder}.")
        return seat, errors

    def take(self, cat: Category, seat: str, number: int) -> None:
        """A ready row's seat is no longer free for the rows below it."""
        self.filled[cat.id] += 1
        if seat.strip():
            self.labels[(cat.id, folded(seat))] = f"row {number}"

    def plan(self, row: SheetRow) -> tuple[PlannedRow, _Write | None]:
        name, agency = row.text("Name"), row.text("Agency")
        typed_category, seat = row.text("Category"), row.text("Seat")
        substitute = row.text("Named substitute")
        sub_agency = row.text("Substitute's agency") or agency
        errors = _text_errors(name, agency, substitute, sub_agency)
        cat = self.category(typed_category)
        if cat is None:
            errors.append(_category_error(typed_category, self.categories))
        voting, start = _value(row, "Votes", parse_votes, errors), _value(
            row, "Start date", parse_date, errors)
        key = (folded(name), self.org_word(agency))
        person, why = self.existing(name, agency) if name.strip() else (None, "")
        errors += [why] if why else []
        sub_key = (folded(substitute), self.org_word(sub_agency)) if substitute.strip() else None
        if sub_key is not None and sub_key == key:
            errors.append(f"{name} is named as their own substitute: name someone else, "
                          "or leave Named substitute blank.")
        if name.strip() and key in self.seen:
            errors.append(f"{name} is also on row {self.seen[key]}: keep one of the rows.")
        self.seen.setdefault(key, row.number)
        unchanged = False
        if person is not None and cat is not None and person.id in self.held:
            unchanged = cat.id in self.held[person.id]
            if not unchanged:
                others = [c.name for c in self.categories if c.id in self.held[person.id]]
                errors.append(f"{name} is already a member, in {', '.join(others)}: end "
                              "that membership in Body set-up first, or correct the category.")
        if cat is not None and not unchanged:
            seat, seat_errors = self.seat_errors(cat, seat)
            errors += seat_errors
        planned = PlannedRow(
            row.number, name, agency, cat.name if cat else typed_category, seat, substitute,
            new_person=person is None, new_organisations=self.new_organisations(
                agency, sub_agency if substitute.strip() else ""),
            unchanged=unchanged and not errors, errors=tuple(errors))
        if not planned.ready:
            return planned, None
        self.take(cat, seat, row.number)
        sub_person = self.existing(substitute, sub_agency)[0] if sub_key else None
        return planned, _Write(
            key, name, person.id if person else None, agency, row.text("Role"),
            row.text("Email"), cat, seat, None if voting == cat.voting else voting, start,
            sub_key, substitute, sub_person.id if sub_person else None, sub_agency)


def _text_errors(name: str, agency: str, substitute: str, sub_agency: str) -> list[str]:
    """Names are stored exactly as typed; only empty, overlong or broken ones are refused."""
    if not name.strip():
        return ["No name: fill in the Name column, or delete the row."]
    errors = []
    for text, what in ((name, "name"), (agency, "agency"), (substitute, "substitute's name"),
                       (sub_agency, "substitute's agency")):
        try:
            if text or what == "name":
                check_name(text, what)
        except ClerkError as error:
            errors.append(str(error))
    return errors


def _category_error(typed: str, categories: Sequence[Category]) -> str:
    names = "; ".join(c.name for c in categories) or "none yet: add them in Body set-up"
    if not typed.strip():
        return f"No category: write one of the body's categories: {names}."
    return f"This body has no category “{excerpt(typed, 80)}”. Its categories are: {names}."


def _value(row: SheetRow, column: str, parse, errors: list[str]):
    raw = row.cells.get(column)
    try:
        return parse(raw) if raw is not None else None
    except ValueError as error:
        errors.append(str(error))
        return None


def _planned(session: Session, body_id: int, sheet: Sequence[SheetRow]):
    planner = _Planner(session, body_id)
    return [planner.plan(row) for row in sheet]


def preview(engine: Engine, body_id: int, path: Path | str) -> Preview:
    """Read a membership list and say, row by row, what importing it would do.

    Raises ClerkError when the file cannot be read or has no Name and Category headings."""
    sheet = tuple(read_sheet(path))
    with Session(engine) as session:
        rows = tuple(planned for planned, _ in _planned(session, body_id, sheet))
    return Preview(Path(path).name, sheet, rows)


def import_members(engine: Engine, body_id: int, seen: Preview) -> int:
    """Write the rows the clerk saw ready, all in one unit of work; returns how many.

    The rows are judged again against the record as it is now: if that no longer gives
    what the clerk saw, nothing is written and the clerk is asked to look again."""
    with unit_of_work(engine) as session:
        planned = _planned(session, body_id, seen.sheet)
        if [p for p, _ in planned] != list(seen.rows):
            raise ClerkError("The record has changed since this preview: nothing was "
                             "imported. Choose the file again to see what it would do now.")
        made: dict[PersonKey, int] = {}
        writes = [w for _, w in planned if w is not None]
        for w in writes:
            person_id = w.person_id or _person(session, made, w.person, w.name, w.agency,
                                               w.role, w.email)
            sub_id = w.substitute_id or (_person(
                session, made, w.substitute, w.substitute_name, w.substitute_agency)
                if w.substitute else None)
            membership.seat(session, body_id, person_id, w.category, seat_label=w.seat,
                            voting=w.voting, start_date=w.start, named_substitute_id=sub_id)
        audit(session, None, "members.import", body_id=body_id, file=seen.file_name,
              rows=len(writes))
        return len(writes)


def _person(session: Session, made: dict[PersonKey, int], key: PersonKey, name: str,
            agency: str, role: str = "", email: str = "") -> int:
    """A person new to the record, added once however many rows name them."""
    if key not in made:
        agency_id = organisations.known_or_new(session, agency)
        person = Person(name=name, agency_id=agency_id,
                        employer_id=agency_id, role_title=role, email=email)
        session.add(person)
        session.flush()
        audit(session, None, "person.add", person_id=person.id, name=person.name)
        made[key] = person.id
    return made[key]

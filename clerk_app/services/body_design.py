"""Changing an existing body's design: its seat categories, quorum groups and offices
(DOMAIN.md §1, §3), after it was made from a preset or from scratch.

Each change is one unit of work with its audit entry, and the rules read the body again
before it is kept, so nothing the quorum or the office rules cannot read is ever stored.
A refusal is a `ClerkError` that says what to do. Keys are made from the names the clerk
gives (unique, lower_snake_case) and are never shown; "Chair" and "Vice-Chair" get the
keys the rules give meaning to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import BodySetting, Category, Membership, Office, OfficeTerm
from clerk_app.rules.limits import TextKind
from clerk_app.rules.roster import active_on
from clerk_app.rules.vocabulary import SettingKey
from clerk_app.services import organisations
from clerk_app.services.audit import audit
from clerk_app.services.body_draft import key_from_name
from clerk_app.services.constitution import body_rules
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.membership import active_memberships
from clerk_app.services.names import check_name, check_text

MAX_SEATS = 500


def _checked(session: Session, body_id: int) -> None:
    """Refuse a design the rules can no longer read; the whole change is then undone."""
    session.flush()
    try:
        body_rules(session, body_id)
    except (ValueError, TypeError, ZeroDivisionError) as error:
        raise ClerkError(f"The body's rules could not read that change: {error}. "
                         "Nothing was changed.") from error


def _categories(session: Session, body_id: int) -> list[Category]:
    return list(session.exec(select(Category).where(Category.body_id == body_id)
                             .order_by(Category.position, Category.id)))


def _offices(session: Session, body_id: int) -> list[Office]:
    return list(session.exec(select(Office).where(Office.body_id == body_id)
                             .order_by(Office.id)))


def _quorum_row(session: Session, body_id: int) -> BodySetting | None:
    return session.exec(select(BodySetting).where(
        BodySetting.body_id == body_id, BodySetting.key == SettingKey.QUORUM)).first()


def _quorum_value(session: Session, body_id: int) -> dict[str, Any]:
    row = _quorum_row(session, body_id)
    return dict(row.value) if row is not None and isinstance(row.value, dict) else {}


def _groups_naming(session: Session, body_id: int, what: str, key: str) -> list[str]:
    """Labels of the quorum groups that a category or office (`what`) fills."""
    value = _quorum_value(session, body_id)
    return [g.get("label", g["key"]) for part in ("groups", "required")
            for g in value.get(part, []) if key in g.get(what, [])]


# --- Seat categories ---------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryDesign:
    """What the clerk says about a seat category. An observer is a seat without a vote
    that is not a core seat (002 §4.1: "observer with speaking rights")."""

    name: str
    seats: int = 1
    seat_labels: tuple[str, ...] = ()
    voting: bool = True
    core: bool = True
    source: str = ""
    notes: str = ""

    def checked(self) -> CategoryDesign:
        check_name(self.name, "category's name")
        check_text(self.source, TextKind.TEXT, "source")
        check_text(self.notes, TextKind.NOTES, "notes")
        if not 0 <= self.seats <= MAX_SEATS:
            raise ClerkError(f"A category has from 0 to {MAX_SEATS} seats, not {self.seats}.")
        labels = tuple(label.strip() for label in self.seat_labels)
        labels = labels[:len(labels) - next(
            (n for n, label in enumerate(reversed(labels)) if label), len(labels))]
        if len(labels) > self.seats:
            raise ClerkError(f"{len(labels)} seat names are given for {self.seats} seat(s): "
                             "add seats, or remove a seat's name.")
        for label in labels:
            if label:
                check_name(label, "seat's name")
        return CategoryDesign(self.name, self.seats, labels, self.voting, self.core,
                              self.source.strip(), self.notes.strip())


def _category(session: Session, body_id: int, key: str) -> Category:
    cat = session.exec(select(Category).where(Category.body_id == body_id,
                                              Category.key == key)).first()
    if cat is None:
        raise NotFound("That category is no longer in the body: the set-up was refreshed.")
    return cat


def _apply(cat: Category, design: CategoryDesign) -> None:
    cat.name, cat.seats, cat.seat_labels = design.name, design.seats, list(design.seat_labels)
    cat.voting, cat.core = design.voting, design.core
    cat.source, cat.notes, cat.assumed = design.source, design.notes, False


def add_category(engine: Engine, body_id: int, design: CategoryDesign) -> str:
    """A new seat category, after the others; returns its key."""
    design = design.checked()
    with unit_of_work(engine) as session:
        existing = _categories(session, body_id)
        key = key_from_name(design.name, (c.key for c in existing), fallback="category")
        cat = Category(body_id=body_id, key=key, name=design.name,
                       position=max((c.position for c in existing), default=-1) + 1)
        _apply(cat, design)
        session.add(cat)
        _checked(session, body_id)
        audit(session, None, "category.add", body_id=body_id, category=key, name=design.name,
              seats=design.seats, voting=design.voting, core=design.core)
        return key


def change_category(engine: Engine, body_id: int, key: str, design: CategoryDesign) -> None:
    """Change a category; refused when it would have fewer seats than members now hold."""
    with unit_of_work(engine) as session:
        cat = _category(session, body_id, key)
        holding = [m for m in active_memberships(session, body_id) if m.category_id == cat.id]
        if design.seats < len(holding):
            raise ClerkError(
                f"{len(holding)} members now hold seats in {cat.name}: it cannot have "
                f"{design.seats}. End a membership first, or keep at least {len(holding)} "
                "seats.")
        design = design.checked()
        old = {"name": cat.name, "seats": cat.seats, "voting": cat.voting, "core": cat.core}
        _apply(cat, design)
        session.add(cat)
        _checked(session, body_id)
        audit(session, None, "category.change", body_id=body_id, category=key, old=old,
              new={"name": design.name, "seats": design.seats, "voting": design.voting,
                   "core": design.core})


def move_category(engine: Engine, body_id: int, key: str, step: int) -> None:
    """Move a category up (step -1) or down (+1) in the order the lists show."""
    with unit_of_work(engine) as session:
        cats = _categories(session, body_id)
        index = next((n for n, c in enumerate(cats) if c.key == key), None)
        if index is None:
            raise NotFound("That category is no longer in the body: the set-up was refreshed.")
        target = index + step
        if not 0 <= target < len(cats):
            raise ClerkError(f"{cats[index].name} is already {'first' if step < 0 else 'last'}.")
        cats[index], cats[target] = cats[target], cats[index]
        for position, cat in enumerate(cats):
            cat.position = position
            session.add(cat)
        audit(session, None, "category.move", body_id=body_id, category=key, position=target)


def remove_category(engine: Engine, body_id: int, key: str) -> None:
    """Remove a category nobody holds a seat in and no quorum group or office names."""
    with unit_of_work(engine) as session:
        cat = _category(session, body_id, key)
        members = [m for m in session.exec(select(Membership).where(
            Membership.category_id == cat.id))]
        if any(active_on(m.start_date, m.end_date, None) for m in members):
            raise ClerkError(f"Members hold seats in {cat.name}: end their memberships "
                             "before removing it.")
        if members:
            raise ClerkError(f"People have held seats in {cat.name}, and past meetings keep "
                             "their record, so it stays. Give it 0 seats if it has none now.")
        groups = _groups_naming(session, body_id, "categories", key)
        if groups:
            raise ClerkError(f"The quorum group(s) {', '.join(groups)} count {cat.name}: "
                             "change or remove them first (Quorum groups tab).")
        offices = [o.name for o in _offices(session, body_id) if key in o.only_categories]
        if offices:
            raise ClerkError(f"Only members of {cat.name} may hold the office(s) "
                             f"{', '.join(offices)}: change who may hold them first "
                             "(Offices tab).")
        session.delete(cat)
        _checked(session, body_id)
        audit(session, None, "category.remove", body_id=body_id, category=key, name=cat.name)


# --- Quorum groups -----------------------------------------------------------------------

GROUPS, REQUIRED = "groups", "required"  # the two lists of the "quorum" setting


@dataclass(frozen=True)
class GroupDesign:
    """A quorum group: filled by a counting member of these categories, or by the holder
    of one of these offices (000 §10.4: "Chair or Vice Chair", "Education"…)."""

    label: str
    categories: tuple[str, ...] = ()
    offices: tuple[str, ...] = ()
    required: bool = False  # must be present, rather than one of the groups needed

    def setting(self, key: str) -> dict[str, Any]:
        return {"key": key, "label": self.label, "categories": sorted(self.categories),
                "offices": sorted(self.offices)}


def _check_group(session: Session, body_id: int, design: GroupDesign) -> None:
    check_name(design.label, "group's name")
    if not design.categories and not design.offices:
        raise ClerkError(f"Nobody could fill {design.label}: tick at least one category "
                         "or office whose members fill it.")
    categories = {c.key for c in _categories(session, body_id)}
    offices = {o.key for o in _offices(session, body_id)}
    if not set(design.categories) <= categories or not set(design.offices) <= offices:
        raise NotFound("A category or office chosen is no longer in the body: "
                       "close the dialog and try again.")


def _save_quorum(session: Session, body_id: int, value: dict[str, Any]) -> None:
    """Store the quorum setting with the clerk's groups, and let the rules read it.

    An assumed rule stays marked "assumed" (DOMAIN.md §3): adding a group does not
    confirm the rest of it, such as an assumed one third."""
    row = _quorum_row(session, body_id) or BodySetting(
        body_id=body_id, key=SettingKey.QUORUM, value={}, source="set by the clerk")
    row.value = value
    session.add(row)
    if not value.get(GROUPS) and not value.get(REQUIRED) and not value.get("head_count") \
            and not value.get("fraction"):
        raise ClerkError("That would leave the body with no quorum rule: set a head count "
                         "or a fraction of seats first (Constitution tab, Quorum).")
    _checked(session, body_id)


def add_quorum_group(engine: Engine, body_id: int, design: GroupDesign) -> str:
    """A new quorum group; the number of groups needed stays as it is (1 for the first)."""
    with unit_of_work(engine) as session:
        _check_group(session, body_id, design)
        value = _quorum_value(session, body_id)
        part = REQUIRED if design.required else GROUPS
        listed = list(value.get(part, []))
        key = key_from_name(design.label, (g["key"] for g in listed), fallback="group")
        value[part] = [*listed, design.setting(key)]
        if part == GROUPS and not value.get("groups_needed"):
            value["groups_needed"] = 1
        _save_quorum(session, body_id, value)
        audit(session, None, "quorum_group.add", body_id=body_id, group=key,
              label=design.label, required=design.required)
        return key


def _find_group(value: dict[str, Any], key: str, required: bool) -> tuple[list, int]:
    listed = list(value.get(REQUIRED if required else GROUPS, []))
    index = next((n for n, g in enumerate(listed) if g["key"] == key), None)
    if index is None:
        raise NotFound("That quorum group is no longer in the rule: the set-up was refreshed.")
    return listed, index


def change_quorum_group(engine: Engine, body_id: int, key: str, design: GroupDesign) -> None:
    """Change a group's name and who fills it (its list stays the same)."""
    with unit_of_work(engine) as session:
        _check_group(session, body_id, design)
        value = _quorum_value(session, body_id)
        listed, index = _find_group(value, key, design.required)
        old = listed[index]
        listed[index] = design.setting(key)
        value[REQUIRED if design.required else GROUPS] = listed
        _save_quorum(session, body_id, value)
        audit(session, None, "quorum_group.change", body_id=body_id, group=key, old=old,
              new=listed[index])


def remove_quorum_group(engine: Engine, body_id: int, key: str, required: bool) -> None:
    """Remove a group; refused while the rule needs more groups than would be left."""
    with unit_of_work(engine) as session:
        value = _quorum_value(session, body_id)
        listed, index = _find_group(value, key, required)
        removed = listed.pop(index)
        needed = int(value.get("groups_needed", 0) or 0)
        if not required and listed and needed > len(listed):
            raise ClerkError(
                f"The quorum needs {needed} of the {len(listed) + 1} groups: lower the number "
                "of groups needed first (Constitution tab, Quorum), then remove "
                f"{removed.get('label', key)}.")
        value[REQUIRED if required else GROUPS] = listed
        if not required and not listed:
            value["groups_needed"] = 0  # the last group goes, and that form of the rule
        _save_quorum(session, body_id, value)
        audit(session, None, "quorum_group.remove", body_id=body_id, group=key,
              label=removed.get("label", key))


# --- Offices -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeDesign:
    """An office and who may hold it (000 §10.2-10.3; 002 §4.1)."""

    name: str
    term_months: int | None = None
    only_categories: tuple[str, ...] = ()
    core_member_only: bool = False
    not_same_agency_as: tuple[str, ...] = ()
    excluded_employers: tuple[str, ...] = ()  # organisations, by name
    source: str = ""


def _check_office(session: Session, body_id: int, design: OfficeDesign,
                  key: str | None) -> None:
    check_name(design.name, "office's name")
    check_text(design.source, TextKind.TEXT, "source")
    if design.term_months is not None and not 1 <= design.term_months <= 120:
        raise ClerkError("A term is from 1 to 120 months; leave it unset if none is stated.")
    categories = {c.key for c in _categories(session, body_id)}
    offices = {o.key for o in _offices(session, body_id)} - {key}
    if not set(design.only_categories) <= categories:
        raise NotFound("A category chosen is no longer in the body: try again.")
    if not set(design.not_same_agency_as) <= offices:
        raise NotFound("An office chosen is no longer in the body: try again.")
    for employer in design.excluded_employers:
        if organisations.resolve(session, employer) is None:
            raise ClerkError(f"{employer} is not an organisation in the record: add it "
                             "first, or choose one from the list.")


def _apply_office(office: Office, design: OfficeDesign) -> None:
    office.name, office.term_months = design.name, design.term_months
    office.only_categories = list(design.only_categories)
    office.core_member_only = design.core_member_only
    office.not_same_agency_as = list(design.not_same_agency_as)
    office.excluded_employers = list(design.excluded_employers)
    office.eligibility_source = office.source = design.source.strip()
    office.assumed = False


def add_office(engine: Engine, body_id: int, design: OfficeDesign) -> str:
    """A new office; one named "Chair" or "Vice-Chair" gets the key the rules know."""
    with unit_of_work(engine) as session:
        _check_office(session, body_id, design, None)
        key = key_from_name(design.name, (o.key for o in _offices(session, body_id)),
                            fallback="office")
        office = Office(body_id=body_id, key=key, name=design.name)
        _apply_office(office, design)
        session.add(office)
        _checked(session, body_id)
        audit(session, None, "office.add", body_id=body_id, office=key, name=design.name)
        return key


def _office(session: Session, body_id: int, key: str) -> Office:
    office = session.exec(select(Office).where(Office.body_id == body_id,
                                               Office.key == key)).first()
    if office is None:
        raise NotFound("That office is no longer in the body: the set-up was refreshed.")
    return office


def change_office(engine: Engine, body_id: int, key: str, design: OfficeDesign) -> None:
    """Change an office's name, term or eligibility. Its holder stays in office: the
    rules are checked at the next appointment."""
    with unit_of_work(engine) as session:
        _check_office(session, body_id, design, key)
        office = _office(session, body_id, key)
        old = office.name
        _apply_office(office, design)
        session.add(office)
        _checked(session, body_id)
        audit(session, None, "office.change", body_id=body_id, office=key, old=old,
              name=design.name)


def remove_office(engine: Engine, body_id: int, key: str) -> None:
    """Remove an office nobody holds or has held, that no rule names."""
    with unit_of_work(engine) as session:
        office = _office(session, body_id, key)
        terms = list(session.exec(select(OfficeTerm).where(OfficeTerm.office_id == office.id)))
        if any(t.end_date is None or active_on(t.start_date, t.end_date, None) for t in terms):
            raise ClerkError(f"Someone holds the office of {office.name} now: end the term "
                             "by appointing someone else, or keep the office.")
        if terms:
            raise ClerkError(f"People have held the office of {office.name}, and the record "
                             "keeps who held it, so it stays.")
        _refuse_if_named(session, body_id, office)
        session.delete(office)
        _checked(session, body_id)
        audit(session, None, "office.remove", body_id=body_id, office=key, name=office.name)


def _refuse_if_named(session: Session, body_id: int, office: Office) -> None:
    groups = _groups_naming(session, body_id, "offices", office.key)
    if groups:
        raise ClerkError(f"The quorum group(s) {', '.join(groups)} count the {office.name}: "
                         "change or remove them first (Quorum groups tab).")
    others = [o.name for o in _offices(session, body_id)
              if office.key in o.not_same_agency_as and o.id != office.id]
    if others:
        raise ClerkError(f"The rules for {', '.join(others)} compare with the {office.name}'s "
                         "agency: change them first.")


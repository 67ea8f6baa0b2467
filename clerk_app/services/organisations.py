"""The organisations people come from and work for (DOMAIN.md §1 "Offices").

A person's agency and employer are organisations, each known by its name, a short name
("KCC") and aliases ("Kent CC"). Whatever the clerk types, a name, short name or alias
resolves to one organisation, so the office rules compare organisations, not spellings
(000 §10.2-10.3). No two organisations may answer to the same word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import Organisation, Person
from clerk_app.rules.limits import excerpt
from clerk_app.rules.offices import OrgRef
from clerk_app.services.audit import audit
from clerk_app.services.errors import ClerkError
from clerk_app.services.names import check_name


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    short_name: str
    aliases: tuple[str, ...]

    @property
    def label(self) -> str:
        """The name with its short name, as a list shows it: "Kent County Council (KCC)"."""
        return f"{self.name} ({self.short_name})" if self.short_name.strip() else self.name


def folded(text: str) -> str:
    """Names typed by different people: the same ignoring case and spacing."""
    return " ".join(text.split()).casefold()


def _words(org: Organisation) -> list[str]:
    """Every word the organisation answers to: its name, short name and aliases."""
    return [w for w in (org.name, org.short_name, *org.aliases) if folded(w)]


def _row(org: Organisation) -> OrganisationRow:
    return OrganisationRow(org.id, org.name, org.short_name, tuple(org.aliases))


def list_organisations(engine: Engine) -> list[OrganisationRow]:
    """Every organisation in the record, by name."""
    with Session(engine) as session:
        return [_row(o) for o in all_of(session)]


def all_of(session: Session) -> list[Organisation]:
    return sorted(session.exec(select(Organisation)).all(), key=lambda o: folded(o.name))


def resolve(session: Session, typed: str) -> Organisation | None:
    """The organisation a typed name, short name or alias means; None for blank or
    unknown text."""
    key = folded(typed)
    if not key:
        return None
    for org in session.exec(select(Organisation)):
        if key in {folded(w) for w in _words(org)}:
            return org
    return None


def find(engine: Engine, typed: str) -> OrganisationRow | None:
    """The organisation a typed name, short name or alias means, if any."""
    with Session(engine) as session:
        org = resolve(session, typed)
        return _row(org) if org else None


def find_by_id(engine: Engine, organisation_id: int | None) -> OrganisationRow | None:
    with Session(engine) as session:
        org = session.get(Organisation, organisation_id) if organisation_id else None
        return _row(org) if org else None


def _clash(session: Session, words: Iterable[str], other_than: int | None) -> None:
    for word in words:
        org = resolve(session, word)
        if org is not None and org.id != other_than:
            raise ClerkError(
                f"“{excerpt(' '.join(word.split()), 80)}” already names {org.name}. "
                f"Choose {org.name} "
                "from the list, or give the new organisation another name, short name or "
                "alias."
            )


def create(session: Session, name: str, short_name: str = "",
           aliases: Iterable[str] = (), uuid: str | None = None) -> Organisation:
    """Add an organisation inside the caller's unit of work; refused when any of its
    words already names another organisation. The words are kept as given; blank
    aliases are left out. `uuid` keeps the identity it has in a record file."""
    check_name(name, "organisation's name")
    aliases = [a for a in aliases if a.strip()]
    for word in (short_name, *aliases):
        if word.strip():
            check_name(word, "short name or alias")
    _clash(session, [name, short_name, *aliases], None)
    org = Organisation(name=name, short_name=short_name, aliases=aliases,
                       **({"uuid": uuid} if uuid else {}))
    session.add(org)
    session.flush()
    audit(session, None, "organisation.add", organisation_id=org.id, name=org.name)
    return org


def add_organisation(engine: Engine, name: str, short_name: str = "",
                     aliases: Iterable[str] = ()) -> int:
    """Add an organisation with its short name and aliases; returns its id.

    Raises ClerkError when the name is empty, or when the name, the short name or an
    alias already names another organisation (one word, one organisation)."""
    with unit_of_work(engine) as session:
        return create(session, name, short_name, aliases).id


def known_or_new(session: Session, typed: str) -> int | None:
    """The id of the organisation a typed name means, adding it when the record does not
    know it (loading presets, demo data and older files); None for blank text."""
    if not folded(typed):
        return None
    org = resolve(session, typed)
    return (org or create(session, typed)).id


def name_of(session: Session, organisation_id: int | None) -> str:
    """The organisation's name, as the register, minutes and reports show it."""
    org = session.get(Organisation, organisation_id) if organisation_id else None
    return org.name if org else ""


def names_by_id(session: Session) -> dict[int, str]:
    """Every organisation's name by id, for naming many people at once: one query, where
    `name_of` for each person would ask again for each (the session keeps no organisation
    it is not holding)."""
    return dict(session.exec(select(Organisation.id, Organisation.name)).all())


def agency_of(session: Session, person: Person) -> str:
    """The name of the agency a person represents ("" when unknown)."""
    return name_of(session, person.agency_id)


def ref(session: Session, organisation_id: int | None) -> OrgRef | None:
    """An organisation as the rules compare it."""
    org = session.get(Organisation, organisation_id) if organisation_id else None
    return OrgRef(org.id, org.name) if org else None


def ref_named(session: Session, typed: str) -> OrgRef | None:
    """The organisation a name, short name or alias means, as the rules compare it."""
    org = resolve(session, typed)
    return OrgRef(org.id, org.name) if org else None

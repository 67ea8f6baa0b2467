"""Who may hold an office: checked when the clerk fills it, saying which rule a choice breaks.

DOMAIN.md §1 "Offices". Kent LCSP: the Chair "can be drawn from any membership category";
the Vice Chair "should not be from the same agency as the Chair" (000 §10.2) and is
appointed "from amongst core members who are not KCC employees" (000 §10.3).
Lincolnshire: the Director of Children's Services chairs (002 §4.1).

Agencies and employers are organisations, compared by identity: an employer typed "KCC"
is the organisation Kent County Council once the services have resolved it, never a
different text that slips past the rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from clerk_app.rules.vocabulary import OfficeRole


@dataclass(frozen=True)
class OrgRef:
    """An organisation as the rules see it: its identity, and its name for the clerk."""

    id: int
    name: str


@dataclass(frozen=True)
class OfficeRules:
    """The eligibility rules for one office of one body.

    Attributes:
        office: the office key, e.g. "vice_chair".
        name: its display name, e.g. "Vice-Chair".
        only_categories: seat category keys the holder must sit in; empty for any
            category (Lincolnshire's Chair: the DCS seat only, 002 §4.1).
        not_same_agency_as: office keys whose holders' agency this holder must not share
            (Kent's Vice-Chair and the Chair, 000 §10.2).
        core_member_only: the holder must be a core member (000 §10.3).
        excluded_employers: organisations whose staff may not hold it (Kent: KCC,
            000 §10.3).
        source: where the rules come from, e.g. "000 §10.2-10.3".
        category_names: the categories' names, so a refusal never shows a key.
    """

    office: str
    name: str
    only_categories: frozenset[str] = frozenset()
    not_same_agency_as: tuple[str, ...] = ()
    core_member_only: bool = False
    excluded_employers: frozenset[OrgRef] = frozenset()
    source: str = ""
    category_names: Mapping[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Candidate:
    """A person proposed for an office, with what the rules look at.

    Attributes:
        agency: the organisation they represent on the board; None when unknown.
        employer: the organisation that employs them (may differ from the agency they
            represent); None when unknown.
        category: key of their seat's category; None without a seat.
        core: holds a core membership seat.
        is_member: a member of the body; guests and officers are not.
    """

    person_id: int
    name: str
    agency: OrgRef | None
    employer: OrgRef | None
    category: str | None
    core: bool
    is_member: bool = True


@dataclass(frozen=True)
class Breach:
    """One rule a choice breaks: a sentence for the clerk, and where the rule comes from."""

    rule: str
    source: str


def _office_name(key: str) -> str:
    # The usual offices have their label; any other key is shown from its spelling.
    role = OfficeRole.of(key)
    return role.label if role else key.replace("_", " ").title()


def office_breaches(
    rules: OfficeRules, candidate: Candidate, holders: Mapping[str, Candidate]
) -> list[Breach]:
    """Every rule of the office that this candidate would break; empty when eligible.

    All breaches are listed, not just the first, so the clerk sees the whole picture.
    An unknown agency or employer never matches anything: unknown is not "the same".

    Args:
        rules: the office's rules.
        candidate: the person proposed.
        holders: office key -> its current holder, for rules that compare offices.
    """
    broken = [
        _not_a_member(rules, candidate),
        _outside_categories(rules, candidate),
        *_same_agency_as_holders(rules, candidate, holders),
        _not_core(rules, candidate),
        _excluded_employer(rules, candidate),
    ]
    return [Breach(rule, rules.source) for rule in broken if rule is not None]


def _not_a_member(rules: OfficeRules, candidate: Candidate) -> str | None:
    """Is the candidate outside the board's membership?"""
    # An office is held by a member of the board (000 §10.2 "drawn from any
    # membership category"); officers and guests never hold one.
    if candidate.is_member:
        return None
    return f"The {rules.name} must be a member of the board; {candidate.name} is not."


def _outside_categories(rules: OfficeRules, candidate: Candidate) -> str | None:
    """Does the candidate sit outside the categories the office is drawn from?"""
    if not rules.only_categories or candidate.category in rules.only_categories:
        return None
    names = sorted(rules.category_names.get(key, key) for key in rules.only_categories)
    if len(names) == 1:
        allowed = f"the {names[0]} category"
    else:
        allowed = "one of the categories " + ", ".join(names)
    return f"The {rules.name} must sit in {allowed}; {candidate.name} does not."


def _same_agency_as_holders(
    rules: OfficeRules, candidate: Candidate, holders: Mapping[str, Candidate]
) -> list[str]:
    """Which offices, that this one must not share an agency with, hold the same agency?"""
    broken = []
    for key in rules.not_same_agency_as:
        holder = holders.get(key)
        if holder is None or holder.agency is None or candidate.agency is None:
            continue
        if holder.agency.id == candidate.agency.id:
            broken.append(
                f"The {rules.name} must not be from the same agency as the "
                f"{_office_name(key)} ({holder.agency.name})."
            )
    return broken


def _not_core(rules: OfficeRules, candidate: Candidate) -> str | None:
    """Does the office need a core member, and is the candidate not one?"""
    if not rules.core_member_only or candidate.core:
        return None
    return f"The {rules.name} must be a core member; {candidate.name} is not."


def _excluded_employer(rules: OfficeRules, candidate: Candidate) -> str | None:
    """Is the candidate employed by an employer whose staff may not hold the office?"""
    employer = candidate.employer
    if employer is None or employer.id not in {e.id for e in rules.excluded_employers}:
        return None
    return (
        f"The {rules.name} must not be employed by {employer.name}; "
        f"{candidate.name} is."
    )

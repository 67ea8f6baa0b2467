"""Who may hold an office: checked when the clerk fills it, saying which rule a choice breaks.

DOMAIN.md §1 "Offices". Kent LCSP: the Chair "can be drawn from any membership category";
the Vice Chair "should not be from the same agency as the Chair" (000 §10.2) and is
appointed "from amongst core members who are not KCC employees" (000 §10.3).
Lincolnshire: the Director of Children's Services chairs (002 §4.1).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Display names for the usual office keys; any other key is shown from its spelling.
_OFFICE_NAMES = {"chair": "Chair", "vice_chair": "Vice-Chair"}


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
        excluded_employers: employers whose staff may not hold it (Kent: KCC, 000 §10.3).
        source: where the rules come from, e.g. "000 §10.2-10.3".
    """

    office: str
    name: str
    only_categories: frozenset[str] = frozenset()
    not_same_agency_as: tuple[str, ...] = ()
    core_member_only: bool = False
    excluded_employers: frozenset[str] = frozenset()
    source: str = ""


@dataclass(frozen=True)
class Candidate:
    """A person proposed for an office, with what the rules look at.

    Attributes:
        agency: the organisation they represent on the board.
        employer: who employs them (may differ from the agency they represent).
        category: key of their seat's category; None without a seat.
        core: holds a core membership seat.
        is_member: a member of the body; guests and officers are not.
    """

    person_id: int
    name: str
    agency: str
    employer: str
    category: str | None
    core: bool
    is_member: bool = True


@dataclass(frozen=True)
class Breach:
    """One rule a choice breaks: a sentence for the clerk, and where the rule comes from."""

    rule: str
    source: str


def _same(a: str, b: str) -> bool:
    """Organisation names typed by different people: ignore case and spacing."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _office_name(key: str) -> str:
    return _OFFICE_NAMES.get(key, key.replace("_", " ").title())


def office_breaches(
    rules: OfficeRules, candidate: Candidate, holders: Mapping[str, Candidate]
) -> list[Breach]:
    """Every rule of the office that this candidate would break; empty when eligible.

    All breaches are listed, not just the first, so the clerk sees the whole picture.
    An empty agency or employer never matches anything: unknown is not "the same".

    Args:
        rules: the office's rules.
        candidate: the person proposed.
        holders: office key -> its current holder, for rules that compare offices.
    """
    name, who = rules.name, candidate.name
    texts = []
    if not candidate.is_member:
        # An office is held by a member of the board (000 §10.2 "drawn from any
        # membership category"); officers and guests never hold one.
        texts.append(f"The {name} must be a member of the board; {who} is not.")
    if rules.only_categories and candidate.category not in rules.only_categories:
        texts.append(f"The {name} must sit in {_allowed(rules.only_categories)}; {who} does not.")
    texts += _same_agency(rules, candidate, holders)
    if rules.core_member_only and not candidate.core:
        texts.append(f"The {name} must be a core member; {who} is not.")
    if candidate.employer.strip() and any(
        _same(candidate.employer, excluded) for excluded in rules.excluded_employers
    ):
        texts.append(f"The {name} must not be employed by {candidate.employer.strip()}; "
                     f"{who} is.")
    return [Breach(text, rules.source) for text in texts]


def _allowed(categories: frozenset[str]) -> str:
    if len(categories) == 1:
        return f"the {next(iter(categories))} category"
    return "one of the categories " + ", ".join(sorted(categories))


def _same_agency(
    rules: OfficeRules, candidate: Candidate, holders: Mapping[str, Candidate]
) -> list[str]:
    """The office may not share an agency with another office's holder (000 §10.2-10.3)."""
    texts = []
    for key in rules.not_same_agency_as:
        holder = holders.get(key)
        if holder is None or not holder.agency.strip() or not candidate.agency.strip():
            continue
        if _same(holder.agency, candidate.agency):
            texts.append(f"The {rules.name} must not be from the same agency as the "
                         f"{_office_name(key)} ({holder.agency.strip()}).")
    return texts

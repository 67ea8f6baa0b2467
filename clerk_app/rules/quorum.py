"""Quorum: is the meeting able to decide, right now, for this item, and why (DOMAIN.md §3).

A rule is any combination of four forms (head count, fraction of voting seats, groups
represented, required presence); all forms in use must hold. The result carries its own
explanation so the screen, the warning and the minutes all say the same thing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from clerk_app.rules.roster import Attendee, Capacity
from clerk_app.rules.vocabulary import QuorumForm

_FRACTION_WORDS = {
    Fraction(1): "all",
    Fraction(1, 2): "one half",
    Fraction(1, 3): "one third",
    Fraction(2, 3): "two thirds",
    Fraction(1, 4): "one quarter",
    Fraction(3, 4): "three quarters",
}


@dataclass(frozen=True)
class QuorumGroup:
    """A group a counting person can fill, by seat category or by office held in person.

    Kent LCSP (000 §10.4) lists organisations, plus "Chair or Vice Chair", which is an
    office group: categories=frozenset(), offices={"chair", "vice_chair"}.
    """

    key: str
    label: str
    categories: frozenset[str] = frozenset()
    offices: frozenset[str] = frozenset()


@dataclass(frozen=True)
class QuorumRule:
    """A body's quorum rule; every form in use must hold (DOMAIN.md §3, form 5).

    Forms: 1 head count (``head_count`` > 0); 2 fraction of voting seats rounded up, not
    fewer than ``fraction_floor`` (``fraction`` set); 3 at least ``groups_needed`` of
    ``groups`` filled (``groups`` non-empty); 4 every group in ``required`` filled. A rule
    with no form in use is always quorate and says "no quorum rule set".

    The two interpretation flags are the body's visible settings (DOMAIN.md §3): whether
    one person fills every group they belong to, and whether a substitute for an office
    holder fills the office's group.
    """

    head_count: int = 0
    fraction: Fraction | None = None
    fraction_floor: int = 0
    vacancies_in_base: bool = True
    groups: tuple[QuorumGroup, ...] = ()
    groups_needed: int = 0
    required: tuple[QuorumGroup, ...] = ()
    person_fills_every_group: bool = True
    substitute_fills_office: bool = False

    def __post_init__(self) -> None:
        if self.head_count < 0 or self.fraction_floor < 0:
            raise ValueError("head count and fraction floor cannot be negative")
        if self.fraction is not None and not 0 < self.fraction <= 1:
            raise ValueError(f"quorum fraction must be above 0 and at most 1, not {self.fraction}")
        if self.groups and not 1 <= self.groups_needed <= len(self.groups):
            raise ValueError(
                f"groups needed must be between 1 and {len(self.groups)}, not {self.groups_needed}"
            )
        if not self.groups and self.groups_needed:
            raise ValueError("groups needed is set but no groups are listed")
        for groups in (self.groups, self.required):
            keys = [g.key for g in groups]
            if len(set(keys)) != len(keys):
                raise ValueError(f"duplicate group keys: {keys}")

    @property
    def in_use(self) -> bool:
        """Whether any form is set; a body may not have a quorum at all."""
        return bool(self.head_count or self.fraction is not None or self.groups or self.required)


@dataclass(frozen=True)
class GroupFill:
    """One group and the counting people filling it, for the "why" of the quorum display."""

    key: str
    label: str
    filled_by: tuple[str, ...]

    @property
    def filled(self) -> bool:
        """At least one counting person fills the group."""
        return bool(self.filled_by)

    def line(self) -> str:
        """One explanation line: 'Education: filled by A. Head' or 'Police: not filled'."""
        if self.filled:
            return f"{self.label}: filled by {', '.join(self.filled_by)}"
        return f"{self.label}: not filled"


@dataclass(frozen=True)
class QuorumCheck:
    """One form of the rule, evaluated."""

    form: QuorumForm
    label: str
    have: int
    need: int
    met: bool
    detail: str


@dataclass(frozen=True)
class QuorumResult:
    """The verdict with its reasons; ``quorate`` is exactly "every check met"."""

    quorate: bool
    counting: tuple[str, ...]
    checks: tuple[QuorumCheck, ...]
    groups: tuple[GroupFill, ...]
    required: tuple[GroupFill, ...]
    more_needed: int
    summary: str

    def explanation(self) -> list[str]:
        """Human lines: each check, then who fills each group (DOMAIN.md §3 "says why")."""
        if not self.checks:
            return ["No quorum rule set."]
        lines = [check.detail for check in self.checks]
        lines += [fill.line() for fill in self.groups]
        lines += [f"Required: {fill.line()}" for fill in self.required]
        return lines


def evaluate_quorum(
    rule: QuorumRule,
    attendees: Sequence[Attendee],
    voting_seats: int,
    filled_voting_seats: int,
    substitute_offices: Mapping[int, frozenset[str]] | None = None,
) -> QuorumResult:
    """Evaluate the rule over one snapshot (one moment, one agenda item).

    Args:
        rule: the body's quorum rule.
        attendees: everyone on the register; only ``counts_for_quorum`` people count.
        voting_seats: all voting seats of the body (base of the fraction form).
        filled_voting_seats: voting seats with a member (base when vacancies are left out).
        substitute_offices: substitute's person_id -> offices of the member replaced; read
            only when ``rule.substitute_fills_office`` (a substitute never holds the office
            itself, DOMAIN.md §1).
    """
    if voting_seats < 0 or not 0 <= filled_voting_seats <= voting_seats:
        raise ValueError(
            f"seat counts do not add up: {filled_voting_seats} filled of {voting_seats} voting"
        )
    counting = [a for a in attendees if a.counts_for_quorum]
    sub_offices = substitute_offices if rule.substitute_fills_office else None
    checks: list[QuorumCheck] = [
        check for check in (_head_count_check(rule, len(counting)),
                            _fraction_check(rule, len(counting), voting_seats,
                                            filled_voting_seats))
        if check is not None]
    group_fills: tuple[GroupFill, ...] = ()
    if rule.groups:
        group_fills = _fill(rule.groups, counting, rule.person_fills_every_group, sub_offices)
        checks.append(_groups_check(rule, group_fills))
    required_fills: tuple[GroupFill, ...] = ()
    if rule.required:
        required_fills = _fill(rule.required, counting, rule.person_fills_every_group, sub_offices)
        checks.append(_required_check(rule, required_fills))

    quorate = all(check.met for check in checks)
    more_needed = max((c.need - c.have for c in checks if not c.met), default=0)
    return QuorumResult(
        quorate=quorate,
        counting=tuple(a.name for a in counting),
        checks=tuple(checks),
        groups=group_fills,
        required=required_fills,
        more_needed=more_needed,
        summary=_summary(quorate, checks),
    )


def _head_count_check(rule: QuorumRule, have: int) -> QuorumCheck | None:
    if not rule.head_count:
        return None
    return QuorumCheck(
        form=QuorumForm.HEAD_COUNT,
        label="Members present",
        have=have,
        need=rule.head_count,
        met=have >= rule.head_count,
        detail=f"{_members(have)} counting, {rule.head_count} needed",
    )


def _fraction_check(rule: QuorumRule, have: int, voting_seats: int,
                    filled_voting_seats: int) -> QuorumCheck | None:
    if rule.fraction is None:
        return None
    base = voting_seats if rule.vacancies_in_base else filled_voting_seats
    need = max(math.ceil(rule.fraction * base), rule.fraction_floor)
    seats = "voting seats" if rule.vacancies_in_base else "filled voting seats"
    basis = f"{_fraction_words(rule.fraction)} of {base} {seats}, rounded up"
    if rule.fraction_floor:
        basis += f", not fewer than {rule.fraction_floor}"
    return QuorumCheck(
        form=QuorumForm.FRACTION,
        label="Share of voting seats",
        have=have,
        need=need,
        met=have >= need,
        detail=f"{_members(have)} counting, {need} needed ({basis})",
    )


def _groups_check(rule: QuorumRule, fills: tuple[GroupFill, ...]) -> QuorumCheck:
    have = sum(fill.filled for fill in fills)
    need = rule.groups_needed
    return QuorumCheck(
        form=QuorumForm.GROUPS,
        label="Groups represented",
        have=have,
        need=need,
        met=have >= need,
        detail=f"{have} of {len(rule.groups)} groups, {need} needed",
    )


def _required_check(rule: QuorumRule, fills: tuple[GroupFill, ...]) -> QuorumCheck:
    missing = [fill.label for fill in fills if not fill.filled]
    if missing:
        detail = f"required but not present: {', '.join(missing)}"
    else:
        detail = f"required and present: {', '.join(f.label for f in fills)}"
    return QuorumCheck(
        form=QuorumForm.REQUIRED,
        label="Required presence",
        have=sum(fill.filled for fill in fills),
        need=len(rule.required),
        met=not missing,
        detail=detail,
    )


def _fill(
    groups: Sequence[QuorumGroup],
    counting: Sequence[Attendee],
    fills_every_group: bool,
    sub_offices: Mapping[int, frozenset[str]] | None,
) -> tuple[GroupFill, ...]:
    """Who fills each group: everyone in it, or one distinct person per group."""
    candidates = [
        [i for i, a in enumerate(counting) if _in_group(a, g, sub_offices)] for g in groups
    ]
    if fills_every_group:
        filled_by = [tuple(counting[i].name for i in c) for c in candidates]
    else:
        # Each person fills at most one group; the best assignment decides, so the clerk
        # never sees "not quorate" when some assignment of the people present would do.
        matched = _max_matching(candidates)
        filled_by = [
            (counting[matched[g]].name,) if g in matched else () for g in range(len(groups))
        ]
    return tuple(
        GroupFill(key=g.key, label=g.label, filled_by=names)
        for g, names in zip(groups, filled_by, strict=True)
    )


def _in_group(
    a: Attendee, group: QuorumGroup, sub_offices: Mapping[int, frozenset[str]] | None
) -> bool:
    """A person is in a group by seat category, or by office held in person."""
    if a.category is not None and a.category in group.categories:
        return True
    if a.offices & group.offices:
        return True
    # Interpretation setting (DOMAIN.md §3): a substitute may stand in for the office group.
    if sub_offices is not None and a.capacity is Capacity.SUBSTITUTE:
        return bool(sub_offices.get(a.person_id, frozenset()) & group.offices)
    return False


def _max_matching(candidates: Sequence[Sequence[int]]) -> dict[int, int]:
    """Maximum bipartite matching, groups to people (augmenting paths); returns group -> person.

    Groups are few (Kent has seven), so the simple algorithm is plenty.
    """
    owner: dict[int, int] = {}  # person -> group

    def augment(group: int, seen: set[int]) -> bool:
        # Prefer a free person, so assignments stay as people would expect them.
        for person in candidates[group]:
            if person not in owner:
                owner[person] = group
                return True
        for person in candidates[group]:
            if person in seen:
                continue
            seen.add(person)
            if augment(owner[person], seen):
                owner[person] = group
                return True
        return False

    for group in range(len(candidates)):
        augment(group, set())
    return {group: person for person, group in owner.items()}


def _members(n: int) -> str:
    return f"{n} member" if n == 1 else f"{n} members"


def _fraction_words(fraction: Fraction) -> str:
    return _FRACTION_WORDS.get(fraction, f"{fraction.numerator}/{fraction.denominator}")


QUORATE_LABEL, NOT_QUORATE_LABEL = "QUORATE:", "NOT QUORATE:"


@dataclass(frozen=True)
class StoredQuorum:
    """A quorum verdict as it was stored at the time: the verdict and its reasons
    ("4 of 7 groups, 5 needed (1 more)"), kept apart so that no reader strips a label."""

    quorate: bool
    reasons: str = ""


def _summary(quorate: bool, checks: Sequence[QuorumCheck]) -> str:
    """One line for the status bar; a failing numeric check says how many more."""
    if not checks:
        return f"{QUORATE_LABEL} no quorum rule set"
    if quorate:
        return f"{QUORATE_LABEL} " + "; ".join(c.detail for c in checks)
    parts = []
    for check in checks:
        if check.met:
            continue
        if check.form is QuorumForm.REQUIRED:
            parts.append(check.detail)  # already names what is missing
        else:
            parts.append(f"{check.detail} ({check.need - check.have} more)")
    return f"{NOT_QUORATE_LABEL} " + "; ".join(parts)


def stored_quorum(quorate: bool, summary: str) -> StoredQuorum:
    """A summary stored when it was written (by `_summary` above, or as a record file
    carried it), as its verdict and reasons: the verdict label this module put in front
    is taken off here, where it was written, so that no reader has to."""
    reasons = summary.strip()
    for label in (NOT_QUORATE_LABEL, QUORATE_LABEL):
        if reasons.startswith(label):
            reasons = reasons[len(label):].lstrip()
            break
    return StoredQuorum(quorate, reasons)

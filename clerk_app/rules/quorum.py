"""Quorum: is the meeting able to decide, right now, for this item, and why (DOMAIN.md §3).

A body's rule is a combination of forms — head count, fraction of voting seats, groups
represented, required presence — and every form in use must hold. Each form is a small
rule object that reads its part of the body's "quorum" setting, evaluates itself over
the room, and says itself in words, so the set-up screen, the warning and the minutes
all say the same thing. A new form is one class here, listed in `FORMS`, with its
editor in the body set-up.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar, TypeVar

from clerk_app.rules.fractions import (
    fraction_with_percent,
    fraction_words,
    parse_fraction,
    setting_text,
)
from clerk_app.rules.quorum_groups import GroupFill, QuorumGroup, fill_groups
from clerk_app.rules.quorum_result import QuorumCheck, QuorumResult
from clerk_app.rules.roster import Attendee


def _groups(raw: Sequence[Mapping[str, Any]]) -> tuple[QuorumGroup, ...]:
    return tuple(QuorumGroup.from_setting(g) for g in raw)


def _distinct(groups: Sequence[QuorumGroup]) -> None:
    keys = [g.key for g in groups]
    if len(set(keys)) != len(keys):
        raise ValueError(f"duplicate group keys: {keys}")


@dataclass(frozen=True)
class Room:
    """What a form is evaluated over: the people counting and the body's seats."""

    counting: tuple[Attendee, ...]
    voting_seats: int
    filled_voting_seats: int
    person_fills_every_group: bool
    substitute_offices: Mapping[int, frozenset[str]] | None  # only where the setting says

    def fill(self, groups: Sequence[QuorumGroup]) -> tuple[GroupFill, ...]:
        return fill_groups(groups, self.counting, self.person_fills_every_group,
                           self.substitute_offices)


@dataclass(frozen=True)
class Outcome:
    """One form evaluated: its check, and who fills its groups (if it has any)."""

    check: QuorumCheck
    groups: tuple[GroupFill, ...] = ()
    required: tuple[GroupFill, ...] = ()


class QuorumForm(ABC):
    """One form of a quorum rule: parses its part of the setting, evaluates, says itself.

    `form` names the form in results (`QuorumCheck.form`); `KEYS` are the keys of the
    "quorum" setting it owns, so an editor can write the form back.
    """

    form: ClassVar[str]
    label: ClassVar[str]
    KEYS: ClassVar[tuple[str, ...]]

    @classmethod
    @abstractmethod
    def from_setting(cls, value: Mapping[str, Any]) -> QuorumForm | None:
        """The form as the setting states it; None when the setting does not use it."""

    @abstractmethod
    def setting(self) -> dict[str, Any]:
        """The form's part of the setting, as `from_setting` reads it."""

    @abstractmethod
    def evaluate(self, room: Room) -> Outcome:
        """The form's check over the room."""

    @abstractmethod
    def describe(self) -> str:
        """The form in a clause, for the set-up screen: "at least 4 voting members present"."""


@dataclass(frozen=True)
class HeadCount(QuorumForm):
    """Form 1: at least `count` members counting."""

    count: int
    form: ClassVar[str] = "head_count"
    label: ClassVar[str] = "Members present"
    KEYS: ClassVar[tuple[str, ...]] = ("head_count",)

    def __post_init__(self) -> None:
        if self.count < 0:
            raise ValueError("head count and fraction floor cannot be negative")
        if self.count == 0:
            raise ValueError("a head count of 0 is no head count: leave the form out")

    @classmethod
    def from_setting(cls, value: Mapping[str, Any]) -> HeadCount | None:
        count = int(value.get("head_count", 0) or 0)
        return cls(count) if count else None

    def setting(self) -> dict[str, Any]:
        return {"head_count": self.count}

    def evaluate(self, room: Room) -> Outcome:
        have = len(room.counting)
        return Outcome(QuorumCheck(
            form=self.form, label=self.label, have=have, need=self.count,
            met=have >= self.count, detail=f"{_members(have)} counting, {self.count} needed"))

    def describe(self) -> str:
        return f"at least {self.count} voting members present"


@dataclass(frozen=True)
class FractionOfSeats(QuorumForm):
    """Form 2: a fraction of the voting seats, rounded up, and not fewer than `floor`.

    Vacant seats count in the base unless `vacancies_in_base` is off (DOMAIN.md §3).
    """

    fraction: Fraction
    floor: int = 0
    vacancies_in_base: bool = True
    form: ClassVar[str] = "fraction"
    label: ClassVar[str] = "Share of voting seats"
    KEYS: ClassVar[tuple[str, ...]] = ("fraction", "fraction_floor", "vacancies_in_base")

    def __post_init__(self) -> None:
        if self.floor < 0:
            raise ValueError("head count and fraction floor cannot be negative")
        if not 0 < self.fraction <= 1:
            raise ValueError(f"quorum fraction must be above 0 and at most 1, not {self.fraction}")

    @classmethod
    def from_setting(cls, value: Mapping[str, Any]) -> FractionOfSeats | None:
        raw = value.get("fraction") or None
        if raw is None:
            return None
        return cls(parse_fraction(raw), int(value.get("fraction_floor", 0) or 0),
                   bool(value.get("vacancies_in_base", True)))

    def setting(self) -> dict[str, Any]:
        return {"fraction": setting_text(self.fraction), "fraction_floor": self.floor,
                "vacancies_in_base": self.vacancies_in_base}

    @property
    def seats(self) -> str:
        return "voting seats" if self.vacancies_in_base else "filled voting seats"

    def evaluate(self, room: Room) -> Outcome:
        base = room.voting_seats if self.vacancies_in_base else room.filled_voting_seats
        need = max(math.ceil(self.fraction * base), self.floor)
        have = len(room.counting)
        basis = f"{fraction_words(self.fraction)} of {base} {self.seats}, rounded up"
        if self.floor:
            basis += f", not fewer than {self.floor}"
        return Outcome(QuorumCheck(
            form=self.form, label=self.label, have=have, need=need, met=have >= need,
            detail=f"{_members(have)} counting, {need} needed ({basis})"))

    def describe(self) -> str:
        floor = f", and not fewer than {self.floor}" if self.floor else ""
        return f"{fraction_with_percent(self.fraction)} of the {self.seats}, rounded up{floor}"


@dataclass(frozen=True)
class GroupsRepresented(QuorumForm):
    """Form 3: at least `needed` of the groups filled (Kent 000 §10.4: five of seven)."""

    groups: tuple[QuorumGroup, ...]
    needed: int
    form: ClassVar[str] = "groups"
    label: ClassVar[str] = "Groups represented"
    KEYS: ClassVar[tuple[str, ...]] = ("groups", "groups_needed")

    def __post_init__(self) -> None:
        if not self.groups:
            raise ValueError("groups needed is set but no groups are listed")
        if not 1 <= self.needed <= len(self.groups):
            raise ValueError(
                f"groups needed must be between 1 and {len(self.groups)}, not {self.needed}"
            )
        _distinct(self.groups)

    @classmethod
    def from_setting(cls, value: Mapping[str, Any]) -> GroupsRepresented | None:
        groups = _groups(value.get("groups", []))
        needed = int(value.get("groups_needed", 0) or 0)
        return cls(groups, needed) if groups or needed else None

    def setting(self) -> dict[str, Any]:
        return {"groups": [g.setting() for g in self.groups], "groups_needed": self.needed}

    def evaluate(self, room: Room) -> Outcome:
        fills = room.fill(self.groups)
        have = sum(fill.filled for fill in fills)
        return Outcome(QuorumCheck(
            form=self.form, label=self.label, have=have, need=self.needed,
            met=have >= self.needed,
            detail=f"{have} of {len(self.groups)} groups, {self.needed} needed"), groups=fills)

    def describe(self) -> str:
        labels = ", ".join(g.label for g in self.groups)
        return f"{self.needed} of these {len(self.groups)} represented: {labels}"


@dataclass(frozen=True)
class RequiredPresence(QuorumForm):
    """Form 4: every one of these groups filled (e.g. the Chair or the Vice-Chair)."""

    groups: tuple[QuorumGroup, ...]
    form: ClassVar[str] = "required"
    label: ClassVar[str] = "Required presence"
    KEYS: ClassVar[tuple[str, ...]] = ("required",)

    def __post_init__(self) -> None:
        if not self.groups:
            raise ValueError("required presence lists no groups")
        _distinct(self.groups)

    @classmethod
    def from_setting(cls, value: Mapping[str, Any]) -> RequiredPresence | None:
        groups = _groups(value.get("required", []))
        return cls(groups) if groups else None

    def setting(self) -> dict[str, Any]:
        return dict(required=[g.setting() for g in self.groups])

    def evaluate(self, room: Room) -> Outcome:
        fills = room.fill(self.groups)
        missing = [fill.label for fill in fills if not fill.filled]
        if missing:
            detail = f"required but not present: {', '.join(missing)}"
        else:
            detail = f"required and present: {', '.join(f.label for f in fills)}"
        return Outcome(QuorumCheck(
            form=self.form, label=self.label, have=sum(fill.filled for fill in fills),
            need=len(self.groups), met=not missing, detail=detail), required=fills)

    def describe(self) -> str:
        return "; and ".join(f"{group.label} present" for group in self.groups)


# Every form, in the order the checks are shown and said.
FORMS: tuple[type[QuorumForm], ...] = (HeadCount, FractionOfSeats, GroupsRepresented,
                                       RequiredPresence)

F = TypeVar("F", bound=QuorumForm)


@dataclass(frozen=True, init=False)
class QuorumRule:
    """The combination: a body's quorum rule, every form in use must hold (DOMAIN.md §3).

    Made from its forms, from the body's setting (`from_setting`), or with the four
    standard forms' keywords, as a setting names them: `head_count`; `fraction` with
    `fraction_floor` and `vacancies_in_base`; `groups` with `groups_needed`; `required`.
    Keywords given with forms change those forms (so `dataclasses.replace` works). A rule
    with no form in use is always quorate and says "no quorum rule set".

    The two interpretation flags are the body's visible settings (DOMAIN.md §3): whether
    one person fills every group they belong to, and whether a substitute for an office
    holder fills the office's group.
    """

    forms: tuple[QuorumForm, ...]
    person_fills_every_group: bool
    substitute_fills_office: bool

    def __init__(self, *more: QuorumForm, forms: Sequence[QuorumForm] = (),
                 person_fills_every_group: bool = True, substitute_fills_office: bool = False,
                 **standard: Any) -> None:
        chosen = [*forms, *more]
        kinds = [type(form) for form in chosen]
        if len(set(kinds)) != len(kinds):
            raise ValueError("a quorum rule takes each form once")
        if standard:
            value: dict[str, Any] = {}
            for form in chosen:
                value.update(form.setting())
            value.update(_standard_setting(standard))
            parsed = (kind.from_setting(value) for kind in FORMS)
            chosen = [form for form in parsed if form is not None]
        object.__setattr__(self, "forms",
                           tuple(sorted(chosen, key=_form_order)))
        object.__setattr__(self, "person_fills_every_group", person_fills_every_group)
        object.__setattr__(self, "substitute_fills_office", substitute_fills_office)

    @classmethod
    def from_setting(cls, value: Mapping[str, Any], *, person_fills_every_group: bool = True,
                     substitute_fills_office: bool = False) -> QuorumRule:
        """The rule as a body's "quorum" setting states it; ValueError if it cannot be read."""
        forms = (kind.from_setting(value) for kind in FORMS)
        return cls(*(form for form in forms if form is not None),
                   person_fills_every_group=person_fills_every_group,
                   substitute_fills_office=substitute_fills_office)

    def setting(self, previous: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The "quorum" setting for these forms; keys no form owns are kept from `previous`."""
        owned = {key for kind in FORMS for key in kind.KEYS}
        value = {k: v for k, v in (previous or {}).items() if k not in owned}
        for form in self.forms:
            value.update(form.setting())
        return value

    def form(self, kind: type[F]) -> F | None:
        """The rule's form of this kind, if it has one."""
        return next((form for form in self.forms if isinstance(form, kind)), None)

    @property
    def in_use(self) -> bool:
        """Whether any form is set; a body may not have a quorum at all."""
        return bool(self.forms)

    def describe(self) -> str:
        """The rule in a sentence, for the set-up screen."""
        if not self.forms:
            return "No quorum rule set"
        text = "; and ".join(form.describe() for form in self.forms)
        return text[0].upper() + text[1:]

    # The standard forms' figures, for readers that ask for one of them.
    @property
    def head_count(self) -> int:
        form = self.form(HeadCount)
        return form.count if form else 0

    @property
    def fraction(self) -> Fraction | None:
        form = self.form(FractionOfSeats)
        return form.fraction if form else None

    @property
    def fraction_floor(self) -> int:
        form = self.form(FractionOfSeats)
        return form.floor if form else 0

    @property
    def vacancies_in_base(self) -> bool:
        form = self.form(FractionOfSeats)
        return form.vacancies_in_base if form else True

    @property
    def groups(self) -> tuple[QuorumGroup, ...]:
        form = self.form(GroupsRepresented)
        return form.groups if form else ()

    @property
    def groups_needed(self) -> int:
        form = self.form(GroupsRepresented)
        return form.needed if form else 0

    @property
    def required(self) -> tuple[QuorumGroup, ...]:
        form = self.form(RequiredPresence)
        return form.groups if form else ()


def _form_order(form: QuorumForm) -> int:
    """The forms in the order of `FORMS`; any other form after them, as given."""
    kind = type(form)
    return FORMS.index(kind) if kind in FORMS else len(FORMS)


def _standard_setting(standard: Mapping[str, Any]) -> dict[str, Any]:
    """The standard forms' keywords in the rule's own types, as the setting writes them."""
    unknown = set(standard) - {key for kind in FORMS for key in kind.KEYS}
    if unknown:
        raise TypeError(f"a quorum rule has no setting {', '.join(sorted(unknown))}")
    if standard.get("head_count", 0) < 0 or standard.get("fraction_floor", 0) < 0:
        raise ValueError("head count and fraction floor cannot be negative")
    value = dict(standard)
    if "fraction" in value:
        value["fraction"] = "" if value["fraction"] is None else setting_text(
            Fraction(value["fraction"]))
    for key in ("groups", "required"):
        if key in value:
            value[key] = [group.setting() for group in value[key]]
    return value


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
    room = Room(
        counting=tuple(a for a in attendees if a.counts_for_quorum),
        voting_seats=voting_seats,
        filled_voting_seats=filled_voting_seats,
        person_fills_every_group=rule.person_fills_every_group,
        substitute_offices=substitute_offices if rule.substitute_fills_office else None,
    )
    outcomes = [form.evaluate(room) for form in rule.forms]
    checks = [outcome.check for outcome in outcomes]
    quorate = all(check.met for check in checks)
    return QuorumResult(
        quorate=quorate,
        counting=tuple(a.name for a in room.counting),
        checks=tuple(checks),
        groups=tuple(fill for outcome in outcomes for fill in outcome.groups),
        required=tuple(fill for outcome in outcomes for fill in outcome.required),
        more_needed=max((c.need - c.have for c in checks if not c.met), default=0),
        detail=_detail(quorate, checks),
        remote_not_counted=tuple(a.name for a in attendees
                                 if a.remote_uncounted and a.voting and not a.withdrawn),
    )


def _members(n: int) -> str:
    return f"{n} member" if n == 1 else f"{n} members"


def _detail(quorate: bool, checks: Sequence[QuorumCheck]) -> str:
    """What the verdict rests on; a failing numeric check says how many more."""
    if not checks:
        return "no quorum rule set"
    if quorate:
        return "; ".join(c.detail for c in checks)
    parts = []
    for check in checks:
        if check.met:
            continue
        if check.form == RequiredPresence.form:
            parts.append(check.detail)  # already names what is missing
        else:
            parts.append(f"{check.detail} ({check.need - check.have} more)")
    return "; ".join(parts)

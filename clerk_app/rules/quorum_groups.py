"""Quorum groups (DOMAIN.md §3, forms 3 and 4): who fills each group of a quorum rule.

Kent LCSP (000 §10.4) counts organisations represented; a person fills a group by seat
category or by an office held in person, and — where the body's setting says so — a
substitute for an office holder fills the office's group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from clerk_app.rules.roster import Attendee, Capacity


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

    @classmethod
    def from_setting(cls, raw: Mapping[str, Any]) -> QuorumGroup:
        return cls(
            key=raw["key"],
            label=raw.get("label", raw["key"]),
            categories=frozenset(raw.get("categories", [])),
            offices=frozenset(raw.get("offices", [])),
        )

    def setting(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "categories": sorted(self.categories),
                "offices": sorted(self.offices)}


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


def fill_groups(
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

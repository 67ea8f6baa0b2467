"""The year's figures in words, the same on screen, in the PDF registers and in the
spreadsheets: a rate, a member's standing against the threshold, deputies used (§7)."""

from __future__ import annotations

from fractions import Fraction
from typing import Protocol

from clerk_app.rules.attendance import Status, Threshold, YearStats


class MemberStanding(Protocol):
    """What the wording reads of one member's year (year_data.MemberYear)."""

    stats: YearStats
    remaining: int
    deputies_used: int
    deputy_limit: int | None

    @property
    def over_deputy_limit(self) -> bool: ...


def percent(rate: Fraction | None) -> str:
    """A rate as people write it: 3/4 -> "75%", 2/3 -> "67%", None -> "—"."""
    if rate is None:
        return "—"
    return f"{round(float(rate) * 100)}%"


def status_words(member: MemberStanding) -> str:
    """The member's standing in words, never colour alone (§7)."""
    stats = member.stats
    if stats.status is Status.MET:
        return "Met"
    if stats.status is Status.AT_RISK:
        if member.remaining == 1:
            return "At risk: must attend the one meeting left"
        if stats.needed == member.remaining:
            return f"At risk: must attend all {member.remaining} meetings left"
        return f"At risk: must attend {stats.needed} of the {member.remaining} meetings left"
    if stats.status is Status.MISSED:
        return "Missed: out of reach this year"
    return "No meetings held yet"


def counted_words(threshold: Threshold) -> str:
    """What counts as attended besides being in the room, as every year view says it."""
    substitute = "counts" if threshold.substitute_counts else "does not count"
    remote = "counts" if threshold.remote_counts else "does not count"
    return (f"A substitute's attendance {substitute} as attended. Attending remotely "
            f"{remote} as attended" + ("" if threshold.remote_counts else
                                       " (the body does not count remote attendance for "
                                       "quorum or votes)") + ".")


def deputy_words(member: MemberStanding) -> str:
    """Deputies used against the yearly limit: "1 of 1", "2 of 1 — over the limit"."""
    if member.deputy_limit is None:
        return f"{member.deputies_used} (no limit)"
    words = f"{member.deputies_used} of {member.deputy_limit}"
    return words + (" — over the limit" if member.over_deputy_limit else "")

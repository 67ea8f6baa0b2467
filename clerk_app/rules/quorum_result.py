"""A quorum verdict: as the rules work it out now, and as it was stored at the time.

The verdict word and what it rests on are kept apart, so that the banner, the record
and the minutes show them without cutting a sentence apart (DOMAIN.md §3).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from clerk_app.rules.quorum_groups import GroupFill
from clerk_app.rules.vocabulary import QuorumEventKind


@dataclass(frozen=True)
class QuorumCheck:
    """One form of the rule, evaluated."""

    form: str
    label: str
    have: int
    need: int
    met: bool
    detail: str


QUORATE, NOT_QUORATE = "QUORATE", "NOT QUORATE"


@dataclass(frozen=True)
class QuorumResult:
    """The verdict with its reasons; ``quorate`` is exactly "every check met"."""

    quorate: bool
    counting: tuple[str, ...]
    checks: tuple[QuorumCheck, ...]
    groups: tuple[GroupFill, ...]
    required: tuple[GroupFill, ...]
    more_needed: int
    detail: str  # what the verdict rests on: "5 of 7 groups", "2 more members needed"
    # In the meeting by video link but not counted, as the body's setting says (§9).
    remote_not_counted: tuple[str, ...] = ()

    @property
    def verdict(self) -> str:
        return QUORATE if self.quorate else NOT_QUORATE

    @property
    def summary(self) -> str:
        """One line for the status bar and the record: "NOT QUORATE: 4 of 7 groups…"."""
        return f"{self.verdict}: {self.detail}"

    def explanation(self) -> list[str]:
        """Human lines: each check, then who fills each group (DOMAIN.md §3 "says why")."""
        if not self.checks:
            return ["No quorum rule set."]
        lines = [check.detail for check in self.checks]
        lines += [fill.line() for fill in self.groups]
        lines += [f"Required: {fill.line()}" for fill in self.required]
        return lines + self.remote_lines()

    def groups_unfilled_by(self, after: QuorumResult) -> tuple[str, ...]:
        """The groups filled now that `after` leaves unfilled, by label, in the rule's
        order: why a departure or withdrawal would break quorum (DOMAIN.md §3, "says
        why"). When the Chair, an Education headteacher, leaves: ("Chair or Vice-Chair",
        "Education")."""
        filled = {g.key for g in after.groups + after.required if g.filled}
        lost = [g.label for g in self.groups + self.required
                if g.filled and g.key not in filled]
        return tuple(dict.fromkeys(lost))

    def remote_lines(self) -> list[str]:
        """Who is left out of the count because they attend remotely (DOMAIN.md §9)."""
        if not self.remote_not_counted:
            return []
        return [f"Attending remotely, not counted (the body's setting): "
                f"{', '.join(self.remote_not_counted)}"]


@dataclass(frozen=True)
class StoredQuorum:
    """A quorum verdict as it was stored at the time: the verdict and what it rested on
    ("4 of 7 groups, 5 needed (1 more)"), kept apart so that no reader strips a label."""

    quorate: bool
    reasons: str = ""


def stored_quorum(quorate: bool, summary: str) -> StoredQuorum:
    """A summary stored when it was written (`QuorumResult.summary`, or as a record file
    carried it), as its verdict and reasons: the verdict this module put in front is
    taken off here, where it was written, so that no reader has to."""
    reasons = summary.strip()
    for verdict in (NOT_QUORATE, QUORATE):
        if reasons.startswith(f"{verdict}:"):
            reasons = reasons[len(verdict) + 1:].lstrip()
            break
    return StoredQuorum(quorate, reasons)


def quorate_before(events: Iterable[tuple[QuorumEventKind, datetime]],
                   opened_at: datetime | None) -> tuple[bool, ...]:
    """For each quorum event (kind, time), in time order: whether the meeting had been
    quorate at some moment before it.

    A meeting is quorate when it opens unless its first event is quorum lost at the
    opening; quorum reached after such an opening is reached for the first time, not
    "again" (DOMAIN.md §3, §9).
    """
    been = True
    answers = []
    for n, (kind, at) in enumerate(events):
        if n == 0 and kind is QuorumEventKind.LOST and at == opened_at:
            been = False
        answers.append(been)
        been = been or kind is QuorumEventKind.REGAINED
    return tuple(answers)

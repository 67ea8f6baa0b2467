"""How the table says things: the heading, who presides, an item's details and
declarations, and the status line of each action.

The services hand the table ids, kinds and verdicts; this module alone turns them into
the clerk's words, so no other part of the table builds a sentence from a kind or reads
one back.
"""

from __future__ import annotations

from collections.abc import Sequence

from clerk_app import clock
from clerk_app.gui.models.register_model import OFFICE_WORDS
from clerk_app.rules.declarations import InterestMatch
from clerk_app.rules.eligibility import Presiding
from clerk_app.rules.vocabulary import (
    InterestEffect,
    InterestKind,
    MeetingStatus,
    MinutesStatus,
)
from clerk_app.services.meetings import AgendaLine, ItemDeclaration, MeetingSummary
from clerk_app.services.state import RegisterLine

# An interest as a sentence names it: "declared a pecuniary interest".
INTEREST_NOUNS = {InterestKind.PECUNIARY: "pecuniary interest",
                  InterestKind.NON_PECUNIARY: "non-pecuniary interest",
                  InterestKind.OTHER: "interest"}
# What the declaration does, as the item's list of declarations says it.
EFFECT_VERBS = {InterestEffect.PARTICIPATES: "participates", InterestEffect.SILENT: "silent",
                InterestEffect.WITHDRAWS: "withdraws"}
def heading(summary: MeetingSummary) -> str:
    """Body, day, time, venue, and where the meeting stands."""
    when = f"{summary.date:%A %d %B %Y}"
    if summary.start_time:
        when += f", {summary.start_time:%H:%M}"
    status = MeetingStatus(summary.status)
    words = status.label
    if status is MeetingStatus.IN_PROGRESS and summary.opened_at:
        words += f" since {clock.hhmm(summary.opened_at)}"
    if status is MeetingStatus.CLOSED and summary.closed_at:
        words += f", closed at {clock.hhmm(summary.closed_at)}"
    if summary.recorded_afterwards:
        words += " — entered afterwards from the signing-in sheet"
    if summary.minutes_status == MinutesStatus.APPROVED:
        words += " — minutes approved, so the record is locked"
    return f"{summary.body_name}\n{when} — {summary.venue or 'venue not set'} — {words}"


def presiding(who: Presiding) -> str:
    """ "Presiding: Helen Marsh (Chair)." with the reason, unless the Chair presides."""
    if who.person_id is None:
        return f"Presiding: nobody yet. {who.reason}"
    office = OFFICE_WORDS.get(who.office or "", "")
    name = f"{who.name} ({office})" if office else who.name
    reason = "" if who.by_the_chair else f" {who.reason}"
    return f"Presiding: {name}.{reason}"


def item_details(line: AgendaLine) -> str:
    details = []
    if line.added_reason:  # a late or urgent item (DOMAIN.md §9)
        details.append(f"{line.added.label}: {line.added_reason}")
    if line.presenter:
        details.append(f"Presented by {line.presenter}.")
    if line.papers:
        details.append(f"Papers: {line.papers}.")
    if line.exempt:
        excluded = " The public were excluded." if line.public_excluded else ""
        details.append(f"Exempt: {line.exempt_reason}.{excluded}")
    if line.started_at:
        details.append(f"Taken at {clock.hhmm(line.started_at)}.")
    return " ".join(details)


def declaration(d: ItemDeclaration) -> str:
    """ "Helen Marsh: pecuniary interest, withdraws (governor)"."""
    text = f"{d.name}: {INTEREST_NOUNS[d.kind]}, {EFFECT_VERBS[d.effect]}"
    if d.description:
        text += f" ({d.description})"
    if d.dispensation_by:
        text += f"; dispensation granted by {d.dispensation_by}"
    return text


def declarations(line: AgendaLine) -> str:
    if not line.declarations:
        return "No declarations on this item."
    return "Declarations: " + "; ".join(declaration(d) for d in line.declarations)


def declaration_due(matches: Sequence[InterestMatch]) -> str:
    """The prompt that a declaration may be due, or "" when none is."""
    if not matches:
        return ""
    return ("A declaration may be due: this item mentions "
            + "; ".join(f"{m.name}'s registered interest “{m.interest}”" for m in matches)
            + ".")


def declared(name: str, kind: InterestKind, position: int, withdraws: bool) -> str:
    """The status line of a declaration: "Helen Marsh declared a pecuniary interest in
    item 4 and withdraws"."""
    noun = INTEREST_NOUNS[InterestKind(kind)]
    article = "an" if noun[0] in "aeiou" else "a"
    text = f"{name} declared {article} {noun} in item {position}"
    return text + " and withdraws" if withdraws else text


def listed(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C": quorum groups named in a sentence."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def presiding_choice(line: RegisterLine) -> str:
    """A member the meeting may choose to preside; a substitute says for whom, since the
    absent member's office does not come with the seat (DOMAIN.md §1)."""
    if line.substitute_for_name:
        return f"{line.name} (substitute for {line.substitute_for_name})"
    return line.name

"""Declarations of interest as the minutes tell them (DOMAIN.md §4, §9): declared once,
in full, under "Declarations of interest"; at the item concerned, one sentence saying
what the member then did: "Having declared a pecuniary interest (minute 2), Tomás Ó
Briain left the meeting for this item at 10:40." A member with a dispensation stays, and the
minute says so and who granted it. A declaration made at the item itself is told there,
in full, with what the member did."""

from __future__ import annotations

from datetime import datetime

from clerk_app.export.minutes_data import DeclarationLine
from clerk_app.export.minutes_words import hhmm, item_ref, minute_ref, sentence, with_agency
from clerk_app.rules.declarations import must_withdraw
from clerk_app.rules.vocabulary import InterestEffect, InterestKind

# In a sentence ("declared a pecuniary interest"); "other" is just "an interest".
INTEREST_KIND = {InterestKind.PECUNIARY: "pecuniary",
                 InterestKind.NON_PECUNIARY: "non-pecuniary (personal)", InterestKind.OTHER: ""}


def interest(kind_key: InterestKind | None) -> str:
    """"a pecuniary interest", "a non-pecuniary (personal) interest", "an interest"."""
    kind = INTEREST_KIND.get(kind_key, "")
    return f"a {kind} interest" if kind else "an interest"


def withdraws(x: DeclarationLine) -> bool:
    """Whether the declaration takes the member out of the room for the item."""
    return must_withdraw(x.effect, bool(x.dispensation_by.strip()))


def _dispensation(x: DeclarationLine) -> str:
    text = f"a dispensation granted by {x.dispensation_by.strip()}"
    return text + (f" ({x.dispensation_note.strip()})" if x.dispensation_note.strip() else "")


def declared(x: DeclarationLine) -> str:
    """The declaration in full, under "Declarations of interest"."""
    text = (f"{with_agency(x.person, x.agency)} declared {interest(x.kind)} in "
            f"{item_ref(x.minute)} ({x.item_title})")
    text += f": {sentence(x.description)}" if x.description.strip() else "."
    if x.dispensation_by.strip():
        text += f" {x.person} holds {_dispensation(x)} to take part in that item."
    return text


def _what_they_did(x: DeclarationLine, left_at: str | None) -> str:
    """"left the meeting for this item", "remained and took part in this item under a
    dispensation granted by …"; empty when there is nothing to add."""
    if x.dispensation_by.strip():
        return f"remained and took part in this item under {_dispensation(x)}"
    if withdraws(x):
        if left_at is None:  # not in the room when the item was taken
            return "took no part in this item"
        return f"left the meeting for this item at {left_at}"
    if x.effect is InterestEffect.SILENT:
        return "remained but did not speak or vote on this item"
    return "remained and took part in this item"


def at_the_item(x: DeclarationLine, withdrew: datetime | None) -> str:
    """The declaration at the item concerned. `withdrew` is when the member left the
    room for it, if they did: the minutes give the time (DOMAIN.md §9)."""
    did = _what_they_did(x, None if withdrew is None else hhmm(withdrew))
    if x.declared_under:
        return f"Having declared {interest(x.kind)} ({minute_ref(x.declared_under)}), " \
               f"{x.person} {did}."
    text = f"{x.person} declared {interest(x.kind)}"
    text += f": {sentence(x.description)}" if x.description.strip() else "."
    if x.effect is InterestEffect.PARTICIPATES and not x.dispensation_by.strip():
        return text  # recorded only (DOMAIN.md §4)
    return f"{text} {x.person} {did}."

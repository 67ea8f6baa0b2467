"""Who was there, as the minutes tell it (DOMAIN.md §6): Present (the Chair first,
members with agency, substitutes "A. Name (Agency), substitute for B. Name"), in
attendance, apologies, absent, the members of the public; and item 1's apologies and
substitutions. Each fact is said once, in plain sentences: a time is ", arrived at 10:20",
never a second pair of brackets."""

from __future__ import annotations

from clerk_app.export import document as d
from clerk_app.export.document import italic, line
from clerk_app.export.minutes_data import MinutesData, PersonLine
from clerk_app.export.minutes_words import (
    capitalised,
    hhmm,
    join,
    number_words,
    sentence,
    with_agency,
)

ATTENDED_REMOTELY = "attended remotely"  # by video link, DOMAIN.md §9


def substitution(p: PersonLine) -> str:
    """"substitute for Ann Lee", "substitute for Ann Lee until 10:40, when Ann Lee
    arrived": the member arriving ends the substitution (DOMAIN.md §1)."""
    text = f"substitute for {p.substitute_for}"
    if p.substitute_until:
        text += f" until {hhmm(p.substitute_until)}, when {p.substitute_for} arrived"
    return text


def _present_line(p: PersonLine) -> d.Line:
    parts = [with_agency(p.name, p.agency)]
    if p.substitute_for:
        parts.append(substitution(p))
    if p.office:
        parts.append(p.office)
    if not p.voting:
        parts.append("non-voting")
    if p.remote:
        parts.append(ATTENDED_REMOTELY)
    if p.arrived:
        parts.append(f"arrived at {hhmm(p.arrived)}")
    if p.left:
        parts.append(f"left at {hhmm(p.left)}")
    return line(", ".join(parts))


def _attendance_line(p: PersonLine) -> d.Line:
    text = with_agency(p.name, p.agency)
    if p.role:
        text += f", {p.role}"
    if p.for_items:
        text += f", for {p.for_items}"
    if p.remote:
        text += f", {ATTENDED_REMOTELY}"
    return line(text)


def _apology_line(p: PersonLine) -> d.Line:
    text = with_agency(p.name, p.agency)
    if p.substituted_by:
        text += f", represented by {p.substituted_by}"
    return line(text, italic(f" ({p.role})") if p.role else "")


def _people(title: str, people: tuple[PersonLine, ...], word, none: str | None) -> list[d.Block]:
    if not people and none is None:
        return []
    body: d.Block = d.Lines(tuple(word(p) for p in people)) if people else \
        d.Paragraph(line(none))
    return [d.Heading(title), body]


def public_sentence(count: int, names: str) -> str:
    """"Three members of the public were present.", "One member of the public was
    present: Jo Bloggs.", "No members of the public were present."."""
    if count == 1:
        text = "One member of the public was present"
    else:
        text = f"{capitalised(number_words(count))} members of the public were present"
    if count and names.strip():
        return f"{text}: {sentence(names.strip())}"
    return f"{text}."


def register_blocks(data: MinutesData) -> list[d.Block]:
    """The lists at the head of the minutes."""
    blocks = _people("Present", data.present, _present_line, "No members were present.")
    if data.in_the_chair:
        blocks.append(d.Paragraph(line(f"{data.in_the_chair} in the chair.")))
    blocks += _people("In attendance", data.in_attendance, _attendance_line, None)
    blocks += _people("Apologies", data.apologies, _apology_line, "None.")
    blocks += _people("Absent", data.absent, _attendance_line, "None.")
    blocks += [d.Heading("Members of the public"),
               d.Paragraph(line(public_sentence(data.public_count, data.public_names)))]
    return blocks


def apologies_item(data: MinutesData) -> list[d.Block]:
    """Item 1: the apologies received and the substitutions, each said once. Notice of
    arriving late is not an apology for absence, so only the apologies list counts."""
    names = [with_agency(p.name, p.agency) for p in data.apologies]
    blocks: list[d.Block] = [d.Paragraph(line(
        f"Apologies were received from {join(names)}." if names
        else "There were no apologies."))]
    for p in data.present:
        if p.substitute_for:
            blocks.append(d.Paragraph(line(
                f"{with_agency(p.name, p.agency)} attended as {substitution(p)}.")))
    return blocks

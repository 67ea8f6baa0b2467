"""The wording of the minutes and of the agenda, decided once for PDF and Word alike.

The order and phrases follow DOMAIN.md §5-§6 (UK committee practice, 002 §6.3): body,
date, time, venue; Present (Chair first, members with agency, substitutes "A. Name
(Agency), substitute for B. Name"); In attendance; Apologies; Absent; members of the
public; numbered items; the action list; time closed; next meeting. Exempt items appear
in the public version only as a title and the reason the public were excluded; their
content goes into a separate confidential annex (002 §6.6-6.7).
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from clerk_app import clock
from clerk_app.export import document as d
from clerk_app.export.document import bold, italic, line
from clerk_app.export.minutes_arising import matters_arising
from clerk_app.export.minutes_data import (
    AgendaData,
    AgendaLine,
    ChairChange,
    ChairLine,
    DeclarationLine,
    Happening,
    Milestone,
    MinuteItem,
    MinutesData,
    Outcome,
    PersonLine,
)
from clerk_app.rules.vocabulary import (
    AttendanceKind,
    DecisionKind,
    InterestEffect,
    InterestKind,
    ItemAddition,
    ItemKind,
    Position,
)


class Version(StrEnum):
    """Which minutes: everything (the clerk's copy), the public version, or the annex."""

    FULL = "full"  # the public minutes followed by the confidential annex
    PUBLIC = "public"
    CONFIDENTIAL = "confidential"  # the annex alone


# In a sentence ("declared a pecuniary interest"); "other" is just "an interest".
INTEREST_KIND = {InterestKind.PECUNIARY: "pecuniary",
                 InterestKind.NON_PECUNIARY: "non-pecuniary (personal)", InterestKind.OTHER: ""}
# The minutes say why a member is listed as withdrawn; otherwise the vocabulary's label.
POSITION_LABEL = {**{p: p.label for p in Position}, Position.WITHDRAWN: "Withdrawn (interest)"}
NO_CONFIDENTIAL = "This meeting had no exempt items, so there is no confidential annex."


def long_date(day: date) -> str:
    """Tuesday 15 September 2026."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _hhmm(at: datetime | None) -> str:
    return clock.hhmm(at)


def _clock(t: time | None) -> str:
    return f"{t:%H:%M}" if t else ""


def _sentence(text: str) -> str:
    """Text ending in a full stop (or the question or exclamation mark typed)."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…" else text + "."


def _that(text: str) -> str:
    """"that …" once: the clerk may or may not have typed the "that"."""
    stripped = text.strip()
    return stripped if stripped.lower().startswith("that ") else f"that {stripped}"


def _referral(o: Outcome) -> str:
    """"that the item be referred to the Board for a decision": what it is referred for
    is optional, and the clerk may or may not have typed its "for"."""
    purpose = o.text.strip()
    if purpose and not purpose.lower().startswith("for "):
        purpose = f"for {purpose}"
    return f"that the item be referred to {o.referred_to.strip()} {purpose}".rstrip()


def _with_agency(name: str, agency: str) -> str:
    return f"{name} ({agency})" if agency.strip() else name


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# --- People ------------------------------------------------------------------------------

ATTENDED_REMOTELY = "attended remotely"  # by video link, DOMAIN.md §9


def _present_line(p: PersonLine) -> d.Line:
    text = _with_agency(p.name, p.agency)
    if p.substitute_for:
        text += f", substitute for {p.substitute_for}"
    if p.office:
        text += f", {p.office}"
    if not p.voting:
        text += ", non-voting"
    if p.remote:
        text += f", {ATTENDED_REMOTELY}"
    times = []
    if p.arrived:
        times.append(f"arrived {_hhmm(p.arrived)}")
    if p.left:
        times.append(f"left {_hhmm(p.left)}")
    return line(text, italic(f" ({'; '.join(times)})") if times else "")


def _attendance_line(p: PersonLine) -> d.Line:
    text = _with_agency(p.name, p.agency)
    if p.role:
        text += f", {p.role}"
    if p.for_items:
        text += f", for {p.for_items}"
    if p.remote:
        text += f", {ATTENDED_REMOTELY}"
    return line(text)


def _apology_line(p: PersonLine) -> d.Line:
    text = _with_agency(p.name, p.agency)
    if p.substituted_by:
        text += f", represented by {p.substituted_by}"
    return line(text, italic(f" ({p.role})") if p.role else "")


def _people(title: str, people: tuple[PersonLine, ...], word, none: str | None) -> list[d.Block]:
    if not people and none is None:
        return []
    body: d.Block = d.Lines(tuple(word(p) for p in people)) if people else \
        d.Paragraph(line(none))
    return [d.Heading(title), body]


def _head(data: MinutesData, heading: str) -> list[d.Block]:
    when = long_date(data.date)
    if data.start_time:
        when += f" at {_clock(data.start_time)}"
    blocks: list[d.Block] = [
        d.Heading(data.body_name, 1),
        d.Paragraph(line(bold(heading), f" of the meeting held on {when}")),
    ]
    if data.venue.strip():
        blocks.append(d.Paragraph(line(bold("Venue: "), data.venue)))
    if data.approved and data.approved_on:
        blocks.append(d.Paragraph(line(
            bold("Approved "), f"as a correct record at the meeting held on "
            f"{long_date(data.approved_on)}.")))
    else:
        blocks.append(d.Paragraph(line(italic(
            "Draft minutes: not yet approved. They become final when the next meeting "
            "agrees them as a correct record.")), "note"))
    return blocks


# --- Items -------------------------------------------------------------------------------


def _quorum(reasons: str) -> str:
    """The reasons stored with a quorum verdict: ": 4 of 7 groups, 5 needed (1 more)."
    (the sentence already says which verdict)."""
    return f": {_sentence(reasons)}" if reasons else "."


_QUORUM_WORDS = {Milestone.QUORUM_LOST: "The meeting became inquorate at {at}",
                 Milestone.QUORUM_REGAINED: "The meeting became quorate again at {at}",
                 Milestone.QUORUM_REACHED: "The meeting became quorate at {at}",
                 Milestone.OPENED_INQUORATE: "The meeting was not quorate when it opened at {at}"}


def _happening(h: Happening) -> d.Block:
    at = _hhmm(h.at)
    if h.kind in _QUORUM_WORDS:
        return d.Paragraph(line(italic(_QUORUM_WORDS[h.kind].format(at=at)
                                       + _quorum(h.detail))))
    text = {
        AttendanceKind.ARRIVE: f"{h.person} arrived at {at}.",
        AttendanceKind.LEAVE: f"{h.person} left the meeting at {at}.",
        AttendanceKind.WITHDRAW: f"{h.person} withdrew from the meeting for this item at {at}.",
        AttendanceKind.RETURN: f"{h.person} returned to the meeting at {at}.",
        Milestone.CAME_BACK: f"{h.person} returned to the meeting at {at}.",
        Milestone.DECLARATION: f"{h.person} declared {_interest(h.interest_kind)}"
                               + (f": {_sentence(h.detail)}" if h.detail.strip() else "."),
    }[h.kind]
    return d.Paragraph(line(text))


def _interest(kind_key: InterestKind | None) -> str:
    """"a pecuniary interest", "a non-pecuniary (personal) interest", "an interest"."""
    kind = INTEREST_KIND.get(kind_key, "")
    return f"a {kind} interest" if kind else "an interest"


def _declaration(x: DeclarationLine) -> str:
    text = (f"{_with_agency(x.person, x.agency)} declared {_interest(x.kind)} in item "
            f"{x.item_number} ({x.item_title})")
    text += f": {_sentence(x.description)}" if x.description.strip() else "."
    if x.dispensation_by.strip():
        text += (f" A dispensation granted by {x.dispensation_by} allowed {x.person} to take "
                 "part")
        text += f" ({x.dispensation_note})." if x.dispensation_note.strip() else "."
    elif x.effect is InterestEffect.WITHDRAWS:
        text += f" {x.person} left the room for that item."
    elif x.effect is InterestEffect.SILENT:
        text += f" {x.person} remained but did not speak or vote on that item."
    return text


def _outcome(o: Outcome) -> list[d.Block]:
    blocks: list[d.Block] = []
    text = o.text.strip()
    if o.kind is DecisionKind.CONSENSUS:
        blocks.append(d.Paragraph(line(bold("RESOLVED:"), f" {_sentence(_that(text))}")))
    elif o.kind is DecisionKind.REFERRED:
        blocks.append(d.Paragraph(line(bold("RESOLVED:"), f" {_sentence(_referral(o))}")))
    elif o.kind is DecisionKind.VOTE:
        blocks.append(d.Paragraph(line(bold("Motion:"), f" {_sentence(_that(text))}")))
    elif o.kind is not DecisionKind.ELECTION:
        # Noted, deferred, and any kind without a form of its own: "NOTED: …", "DEFERRED."
        label = o.kind.label.upper()
        blocks.append(d.Paragraph(line(bold(f"{label}:" if text else f"{label}."),
                                       f" {_sentence(text)}" if text else "")))
    if o.vote is not None and o.vote.recount_reason:
        blocks.append(d.Paragraph(line(
            f"On a show of hands: {o.vote.show_of_hands} A recount was held, by name "
            f"({o.vote.recount_reason.strip().rstrip('.')}):")))
    if o.vote is not None:
        blocks.append(d.Paragraph(line(o.vote.sentence)))
        if o.vote.positions:
            blocks.append(d.Lines(tuple(
                line(bold(f"{POSITION_LABEL.get(position, position)}: "), ", ".join(names))
                for position, names in o.vote.positions)))
    if o.kind is DecisionKind.VOTE and o.vote is not None and o.vote.carried:
        blocks.append(d.Paragraph(line(bold("RESOLVED:"), f" {_sentence(_that(text))}")))
    if o.kind is DecisionKind.ELECTION:
        blocks.append(d.Paragraph(line(bold("RESOLVED:"), f" {_sentence(_that(text))}")))
    if not o.quorate:
        reason = o.inquorate_reason.strip()
        wording = f"This was decided while the meeting was inquorate{_quorum(o.quorum_reasons)}"
        if reason:
            wording += f" The meeting proceeded because: {_sentence(reason)}"
        blocks.append(d.Paragraph(line(italic(wording))))
    return blocks


def _notes(notes: str) -> list[d.Block]:
    """The clerk's notes: a blank line starts a new paragraph; other line breaks stay."""
    paragraphs = [p.strip("\n") for p in notes.replace("\r\n", "\n").split("\n\n")]
    return [d.Paragraph(line(p)) for p in paragraphs if p.strip()]


def _standard_item_text(item: MinuteItem, data: MinutesData) -> list[d.Block]:
    if item.kind is ItemKind.APOLOGIES:
        blocks: list[d.Block] = []
        names = [_with_agency(p.name, p.agency) for p in data.apologies]
        blocks.append(d.Paragraph(line(
            f"Apologies were received from {_join(names)}." if names
            else "There were no apologies.")))
        for p in data.present:
            if p.substitute_for:
                blocks.append(d.Paragraph(line(
                    f"{_with_agency(p.name, p.agency)} attended as substitute for "
                    f"{p.substitute_for}.")))
        return blocks
    if item.kind is ItemKind.DECLARATIONS:
        if not data.declarations:
            return [d.Paragraph(line("None."))]
        return [d.Lines(tuple(line(_declaration(x)) for x in data.declarations))]
    if item.kind is ItemKind.PREVIOUS_MINUTES:
        blocks = []
        for approved in data.approved_here:
            if approved.item_number not in (None, item.number):
                continue
            if approved.corrections:
                blocks.append(d.Paragraph(line(
                    f"The following corrections to the minutes of the meeting held on "
                    f"{long_date(approved.meeting_date)} were agreed:")))
                blocks.append(d.Lines(tuple(line(c) for c in approved.corrections)))
        return blocks
    return []


def _item_heading(item: MinuteItem) -> d.Heading:
    return d.Heading(f"{item.number}. {item.title}" + (" (exempt)" if item.exempt else ""), 3)


def _exempt_note(item: MinuteItem) -> d.Paragraph:
    reason = _sentence(item.exempt_reason.strip()) if item.exempt_reason.strip() else ""
    return d.Paragraph(line(italic(
        ("The public and press were excluded for this item. " if item.public_excluded
         else "This item was exempt from publication. ") + (f"Reason: {reason}" if reason
                                                             else ""))))


def _added(item: MinuteItem | AgendaLine) -> list[d.Block]:
    """"Taken as an urgent item: …", "Late item: …" (DOMAIN.md §9 "Agenda changes")."""
    words = {ItemAddition.URGENT: "Taken as an urgent item", ItemAddition.LATE: "Late item"}
    if item.added not in words:
        return []
    return [d.Paragraph(line(italic(f"{words[item.added]}: "), _sentence(item.added_reason)))]


def _chair(c: ChairLine) -> d.Paragraph:
    """"The Vice-Chair took the chair for this item.", "Helen Marsh resumed the chair."
    (DOMAIN.md §9): an office holder deputising for one item is named by the office."""
    who = f"The {c.office}" if c.office and c.change is ChairChange.TOOK_FOR_ITEM else c.person
    return d.Paragraph(line(italic(f"{who} {c.change.value}.")))


def _item_full(item: MinuteItem, data: MinutesData) -> list[d.Block]:
    blocks: list[d.Block] = [_item_heading(item), *_added(item)]
    if item.exempt:
        blocks.append(_exempt_note(item))
    presented = []
    if item.presenter.strip():
        presented.append(f"Presented by {_sentence(item.presenter)}")
    if item.papers.strip():
        presented.append(f"Papers: {_sentence(item.papers)}")
    if presented:
        blocks.append(d.Paragraph(line(" ".join(presented)), "note"))
    first_outcome = min((o.at for o in item.outcomes), default=None)
    early = [h for h in item.happenings if first_outcome is None or h.at <= first_outcome]
    late = [h for h in item.happenings if first_outcome is not None and h.at > first_outcome]
    blocks += [_happening(h) for h in early]
    if item.chair:  # after the withdrawal or arrival that moved it
        blocks.append(_chair(item.chair))
    blocks += _standard_item_text(item, data)
    blocks += _notes(item.notes)
    stream: list[tuple[datetime, int, object]] = [(o.at, 0, o) for o in item.outcomes]
    stream += [(h.at, 1, h) for h in late]
    for _at, _order, thing in sorted(stream, key=lambda s: (s[0], s[1])):
        blocks += _outcome(thing) if isinstance(thing, Outcome) else [_happening(thing)]
    for a in item.actions:
        blocks.append(d.Paragraph(line(bold("ACTION:"),
                                       f" {_action(a.description, a.owner, a.due)}")))
    return blocks


def _action(text: str, owner: str, due: date | None) -> str:
    """"Publish the plan (Joanna Fairweather, by Thursday 1 October 2026)."."""
    parts = [p for p in (owner.strip(), due and f"by {long_date(due)}") if p]
    text = text.strip().removesuffix(".")
    return _sentence(f"{text} ({', '.join(parts)})" if parts else text)


def _item_public(item: MinuteItem, data: MinutesData) -> list[d.Block]:
    if not item.exempt:
        return _item_full(item, data)
    return [_item_heading(item), *_added(item), _exempt_note(item),
            *([_chair(item.chair)] if item.chair else []), d.Paragraph(line(italic(
        "The minute of this item is in the confidential annex, which is not for "
        "publication.")))]


# --- The whole ---------------------------------------------------------------------------


def _action_table(data: MinutesData, include_exempt: bool) -> list[d.Block]:
    actions = [a for a in data.actions if include_exempt or not a.exempt]
    if not actions:
        return [d.Heading("Action list"), d.Paragraph(line("No actions were agreed."))]
    rows = tuple(
        (str(a.item_number) if a.item_number else "", a.description, a.owner,
         f"{a.due.day} {a.due:%B %Y}" if a.due else "")
        for a in actions)
    return [d.Heading("Action list"),
            d.Table(("Item", "Action", "Owner", "Due"), rows, (0.08, 0.49, 0.22, 0.21))]


def _closing(data: MinutesData) -> list[d.Block]:
    blocks: list[d.Block] = []
    if data.closed_at:
        blocks.append(d.Paragraph(line(f"The meeting closed at {_hhmm(data.closed_at)}.")))
    blocks.append(d.Paragraph(line(bold("Date of next meeting: "),
                                   data.next_meeting or "to be confirmed.")))
    if data.corrections:
        blocks.append(d.Heading("Corrections to these minutes"))
        blocks.append(d.Lines(tuple(
            line(italic(f"Agreed at the meeting held on {long_date(c.agreed_at)}: ")
                 if c.agreed_at else italic(f"Recorded on {long_date(c.recorded_on)}: "),
                 c.text)
            for c in data.corrections)))
    if data.approved:
        blocks.append(d.Paragraph(line(
            "Signed (Chair) ………………………………………   Date ………………………")))
    return blocks


def _register(data: MinutesData) -> list[d.Block]:
    blocks = _people("Present", data.present, _present_line, "No members were present.")
    if data.in_the_chair:
        blocks.append(d.Paragraph(line(f"{data.in_the_chair} in the chair.")))
    blocks += _people("In attendance", data.in_attendance, _attendance_line, None)
    blocks += _people("Apologies", data.apologies, _apology_line, "None.")
    blocks += _people("Absent", data.absent, _attendance_line, "None.")
    public = (f"{data.public_count}" if data.public_count else "None")
    if data.public_count and data.public_names.strip():
        public += f" ({data.public_names.strip()})"
    blocks += [d.Heading("Members of the public"), d.Paragraph(line(public))]
    blocks += [_happening(h) for h in data.before_items]
    return blocks


def compose_minutes(data: MinutesData, version: Version = Version.FULL) -> d.Document:
    """The minutes as a document; raises ValueError for an annex of a meeting with no
    exempt items (there is nothing to send)."""
    exempt = [i for i in data.items if i.exempt]
    draft = not data.approved
    label = f"{data.body_name} — minutes of {long_date(data.date)}"
    note = f" — minutes, {data.date.day} {data.date:%B %Y}"
    if version is Version.CONFIDENTIAL:
        if not exempt:
            raise ValueError(NO_CONFIDENTIAL)
        blocks = _head(data, "Confidential annex to the minutes")
        blocks.append(d.Paragraph(line(bold(
            "Not for publication: the public were excluded for these items.")), "body"))
        for item in exempt:
            blocks += _item_full(item, data)
        marking = "CONFIDENTIAL — NOT FOR PUBLICATION" + (" — DRAFT" if draft else "")
        return d.Document(title=f"Confidential annex: {label}", footer=data.body_name,
                          footer_note=f" — confidential annex, {data.date.day} "
                                      f"{data.date:%B %Y}",
                          blocks=tuple(blocks), marking=marking,
                          watermark="DRAFT" if draft else "", subject="Confidential annex")
    blocks = _head(data, "Minutes")
    blocks += _register(data)
    for item in data.items:
        blocks += _item_public(item, data)
    blocks += matters_arising(data)
    blocks += _action_table(data, include_exempt=False)
    blocks += _closing(data)
    if version is Version.FULL and exempt:
        blocks += [d.PageBreak(), d.Heading("Confidential annex — not for publication", 2),
                   d.Paragraph(line(italic(
                       "The public were excluded for these items. Remove this annex "
                       "before publishing the minutes.")), "note")]
        for item in exempt:
            blocks += _item_full(item, data)
    marking = "DRAFT — NOT YET APPROVED" if draft else ""
    if version is Version.FULL and exempt:
        marking = " — ".join(filter(None, [marking, "CONTAINS A CONFIDENTIAL ANNEX"]))
    return d.Document(title=f"Minutes: {label}", footer=data.body_name, footer_note=note,
                      blocks=tuple(blocks),
                      marking=marking, watermark="DRAFT" if draft else "",
                      subject="Draft minutes" if draft else "Minutes")


def compose_agenda(data: AgendaData) -> d.Document:
    """The agenda the clerk sends out (002 §6.2): items in order, presenters, papers,
    exempt marks, and the date by which the papers go out."""
    when = long_date(data.date) + (f" at {_clock(data.start_time)}" if data.start_time else "")
    blocks: list[d.Block] = [
        d.Heading(data.body_name, 1),
        d.Paragraph(line(bold("Agenda"), f" for the meeting on {when}")),
    ]
    if data.venue.strip():
        blocks.append(d.Paragraph(line(bold("Venue: "), data.venue)))
    blocks.append(d.Paragraph(line(
        f"Papers to be sent to members by {long_date(data.dispatch_by)}."), "note"))
    rows = []
    for item in data.items:
        title = item.title
        if item.description.strip():
            title += f"\n{item.description.strip()}"
        if item.added is not ItemAddition.ON_AGENDA:
            title += f"\n{item.added.label.upper()}: {_sentence(item.added_reason)}"
        if item.exempt:
            title += ("\nEXEMPT: the public are likely to be excluded for this item"
                      + (f". Reason: {_sentence(item.exempt_reason.strip())}"
                         if item.exempt_reason.strip() else "."))
        rows.append((str(item.number), title, item.presenter, item.papers))
    blocks.append(d.Table(("No.", "Item", "Presented by", "Papers"), tuple(rows),
                          (0.08, 0.48, 0.24, 0.2)))
    if any(i.exempt for i in data.items):
        blocks.append(d.Paragraph(line(italic(
            "Items marked EXEMPT are likely to be taken with the public and press excluded "
            "(002 §6.6-6.7).")), "note"))
    label = f"{data.body_name} — agenda for {long_date(data.date)}"
    return d.Document(title=f"Agenda: {label}", footer=data.body_name,
                      footer_note=f" — agenda, {data.date.day} {data.date:%B %Y}",
                      blocks=tuple(blocks),
                      subject="Agenda")

"""The wording of the minutes and of the agenda, decided once for PDF and Word alike.

The order and phrases follow DOMAIN.md §5-§6 (UK committee practice, 002 §6.3): body,
date, time, venue; Present (Chair first, members with agency, substitutes "A. Name
(Agency), substitute for B. Name"); In attendance; Apologies; Absent; members of the
public; numbered items; the action list; time closed; next meeting. Exempt items appear
in the public version only as a title and the reason the public were excluded; their
content goes into a separate confidential annex (002 §6.6-6.7).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from clerk_app.export import document as d
from clerk_app.export.document import bold, italic, line
from clerk_app.export.minutes_arising import matters_arising
from clerk_app.export.minutes_data import (
    AgendaData,
    AgendaLine,
    ChairChange,
    ChairLine,
    Happening,
    Milestone,
    MinuteItem,
    MinutesData,
    Outcome,
)
from clerk_app.export.minutes_interests import at_the_item, declared, interest, withdraws
from clerk_app.export.minutes_people import apologies_item, register_blocks
from clerk_app.export.minutes_words import clock_time, hhmm, long_date, sentence, that
from clerk_app.rules.vocabulary import (
    AttendanceKind,
    DecisionKind,
    ItemAddition,
    ItemKind,
    Position,
)

__all__ = ["Version", "compose_agenda", "compose_minutes", "long_date"]


class Version(StrEnum):
    """Which minutes: everything (the clerk's copy), the public version, or the annex."""

    FULL = "full"  # the public minutes followed by the confidential annex
    PUBLIC = "public"
    CONFIDENTIAL = "confidential"  # the annex alone


# The minutes say why a member is listed as withdrawn; otherwise the vocabulary's label.
POSITION_LABEL = {**{p: p.label for p in Position}, Position.WITHDRAWN: "Withdrawn (interest)"}
NO_CONFIDENTIAL = "This meeting had no exempt items, so there is no confidential annex."
# Items whose own text says what was noted: a bare "NOTED." would only repeat it.
STANDARD_ITEMS = (ItemKind.APOLOGIES, ItemKind.DECLARATIONS, ItemKind.PREVIOUS_MINUTES)


def _referral(o: Outcome) -> str:
    """"that the item be referred to the Board for a decision": what it is referred for
    is optional, and the clerk may or may not have typed its "for"."""
    purpose = o.text.strip()
    if purpose and not purpose.lower().startswith("for "):
        purpose = f"for {purpose}"
    return f"that the item be referred to {o.referred_to.strip()} {purpose}".rstrip()


def _head(data: MinutesData, heading: str) -> list[d.Block]:
    when = long_date(data.date)
    if data.start_time:
        when += f" at {clock_time(data.start_time)}"
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
    return f": {sentence(reasons)}" if reasons else "."


_QUORUM_WORDS = {Milestone.QUORUM_LOST: "The meeting became inquorate at {at}",
                 Milestone.QUORUM_REGAINED: "The meeting became quorate again at {at}",
                 Milestone.QUORUM_REACHED: "The meeting became quorate at {at}",
                 Milestone.OPENED_INQUORATE: "The meeting was not quorate when it opened at {at}"}


def _happening(h: Happening) -> d.Block:
    at = hhmm(h.at)
    if h.kind in _QUORUM_WORDS:
        return d.Paragraph(line(italic(_QUORUM_WORDS[h.kind].format(at=at)
                                       + _quorum(h.detail))))
    text = {
        AttendanceKind.ARRIVE: f"{h.person} arrived at {at}.",
        AttendanceKind.LEAVE: f"{h.person} left the meeting at {at}.",
        AttendanceKind.WITHDRAW: f"{h.person} withdrew from the meeting for this item at {at}.",
        AttendanceKind.RETURN: f"{h.person} returned to the meeting at {at}.",
        Milestone.CAME_BACK: f"{h.person} returned to the meeting at {at}.",
        Milestone.DECLARATION: f"{h.person} declared {interest(h.interest_kind)}"
                               + (f": {sentence(h.detail)}" if h.detail.strip() else "."),
    }[h.kind]
    return d.Paragraph(line(text))


def _told(item: MinuteItem) -> list[tuple[datetime, d.Block]]:
    """The item's happenings, each at its time; a declaration and the withdrawal it
    caused are one sentence, told when the member left."""
    happenings = list(item.happenings)
    told: list[tuple[datetime, d.Block]] = []
    for h in list(happenings):
        x = h.declaration
        if h.kind is not Milestone.DECLARATION or x is None:
            continue
        left = next((w for w in happenings if w.kind is AttendanceKind.WITHDRAW
                     and w.person == h.person and w.at >= h.at), None) if withdraws(x) else None
        if left is not None:
            happenings.remove(left)
        happenings.remove(h)
        when = left.at if left else max(h.at, item.started_at or h.at)
        told.append((when, d.Paragraph(line(
            at_the_item(x, left.at if left else None)))))
    told += [(h.at, _happening(h)) for h in happenings]
    return sorted(told, key=lambda pair: pair[0])


def _outcome(o: Outcome, standard_item: bool = False) -> list[d.Block]:
    """A decision as the minutes word it; on the standard items a bare "noted" says
    nothing the item's own text does not."""
    blocks: list[d.Block] = []
    text = o.text.strip()
    if o.kind is DecisionKind.CONSENSUS:
        blocks.append(d.Paragraph(line(bold("RESOLVED:"), f" {sentence(that(text))}")))
    elif o.kind is DecisionKind.REFERRED:
        blocks.append(d.Paragraph(line(bold("RESOLVED:"), f" {sentence(_referral(o))}")))
    elif o.kind is DecisionKind.VOTE:
        blocks.append(d.Paragraph(line(bold("Motion:"), f" {sentence(that(text))}")))
    elif o.kind is not DecisionKind.ELECTION and text:
        # Noted, deferred, and any kind without a form of its own: "NOTED: …".
        blocks.append(d.Paragraph(line(bold(f"{o.kind.label.upper()}:"),
                                       f" {sentence(text)}")))
    elif o.kind is not DecisionKind.ELECTION and not standard_item:
        blocks.append(d.Paragraph(line(f"The item was {o.kind.label.lower()}.")))
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
    if o.kind is DecisionKind.ELECTION or (
            o.kind is DecisionKind.VOTE and o.vote is not None and o.vote.carried):
        blocks.append(d.Paragraph(line(bold("RESOLVED:"), f" {sentence(that(text))}")))
    if not o.quorate:
        reason = o.inquorate_reason.strip()
        wording = f"This was decided while the meeting was inquorate{_quorum(o.quorum_reasons)}"
        if reason:
            wording += f" The meeting proceeded because: {sentence(reason)}"
        blocks.append(d.Paragraph(line(italic(wording))))
    return blocks


def _notes(notes: str) -> list[d.Block]:
    """The clerk's notes: a blank line starts a new paragraph; other line breaks stay."""
    paragraphs = [p.strip("\n") for p in notes.replace("\r\n", "\n").split("\n\n")]
    return [d.Paragraph(line(p)) for p in paragraphs if p.strip()]


def _standard_item_text(item: MinuteItem, data: MinutesData) -> list[d.Block]:
    if item.kind is ItemKind.APOLOGIES:
        return apologies_item(data)
    if item.kind is ItemKind.DECLARATIONS:
        here = [x for x in data.declarations if x.declared_under == item.minute]
        if not here:
            return [d.Paragraph(line("None."))]
        return [d.Lines(tuple(line(declared(x)) for x in here))]
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


def _item_heading(item: MinuteItem, level: int) -> d.Heading:
    """"4. Early help plan" by agenda number; "27/26 Early help plan" when minutes run
    through the year."""
    number = f"{item.minute}." if item.minute.isdigit() else item.minute
    return d.Heading(f"{number} {item.title}" + (" (exempt)" if item.exempt else ""), level)


def _exempt_note(item: MinuteItem) -> d.Paragraph:
    reason = sentence(item.exempt_reason.strip()) if item.exempt_reason.strip() else ""
    return d.Paragraph(line(italic(
        ("The public and press were excluded for this item. " if item.public_excluded
         else "This item was exempt from publication. ") + (f"Reason: {reason}" if reason
                                                             else ""))))


def _added(item: MinuteItem | AgendaLine) -> list[d.Block]:
    """"Taken as an urgent item: …", "Late item: …" (DOMAIN.md §9 "Agenda changes")."""
    words = {ItemAddition.URGENT: "Taken as an urgent item", ItemAddition.LATE: "Late item"}
    if item.added not in words:
        return []
    return [d.Paragraph(line(italic(f"{words[item.added]}: "), sentence(item.added_reason)))]


def _chair(c: ChairLine) -> d.Paragraph:
    """"The Vice-Chair took the chair for this item.", "Helen Marsh resumed the chair."
    (DOMAIN.md §9): an office holder deputising for one item is named by the office."""
    who = f"The {c.office}" if c.office and c.change is ChairChange.TOOK_FOR_ITEM else c.person
    return d.Paragraph(line(italic(f"{who} {c.change.value}.")))


def _item_full(item: MinuteItem, data: MinutesData, level: int = 2) -> list[d.Block]:
    blocks: list[d.Block] = [_item_heading(item, level), *_added(item)]
    if item.exempt:
        blocks.append(_exempt_note(item))
    presented = []
    if item.presenter.strip():
        presented.append(f"Presented by {sentence(item.presenter)}")
    if item.papers.strip():
        presented.append(f"Papers: {sentence(item.papers)}")
    if presented:
        blocks.append(d.Paragraph(line(" ".join(presented)), "note"))
    first_outcome = min((o.at for o in item.outcomes), default=None)
    told = _told(item)
    blocks += [block for at, block in told if first_outcome is None or at <= first_outcome]
    if item.chair:  # after the withdrawal or arrival that moved it
        blocks.append(_chair(item.chair))
    blocks += _standard_item_text(item, data)
    blocks += _notes(item.notes)
    standard = item.kind in STANDARD_ITEMS
    stream: list[tuple[datetime, int, list[d.Block]]] = [
        (o.at, 0, _outcome(o, standard)) for o in item.outcomes]
    stream += [(at, 1, [block]) for at, block in told
               if first_outcome is not None and at > first_outcome]
    for _at, _order, said in sorted(stream, key=lambda s: (s[0], s[1])):
        blocks += said
    for a in item.actions:
        blocks.append(d.Paragraph(line(bold("ACTION:"),
                                       f" {_action(a.description, a.owner, a.due)}")))
    return blocks


def _action(text: str, owner: str, due: date | None) -> str:
    """"Publish the plan (Joanna Fairweather, by Thursday 1 October 2026)."."""
    parts = [p for p in (owner.strip(), due and f"by {long_date(due)}") if p]
    text = text.strip().removesuffix(".")
    return sentence(f"{text} ({', '.join(parts)})" if parts else text)


def _item_public(item: MinuteItem, data: MinutesData) -> list[d.Block]:
    if not item.exempt:
        return _item_full(item, data)
    return [_item_heading(item, 2), *_added(item), _exempt_note(item),
            *([_chair(item.chair)] if item.chair else []), d.Paragraph(line(italic(
        "The minute of this item is in the confidential annex, which is not for "
        "publication.")))]


# --- The whole ---------------------------------------------------------------------------


def _action_table(data: MinutesData, include_exempt: bool) -> list[d.Block]:
    actions = [a for a in data.actions if include_exempt or not a.exempt]
    if not actions:
        return [d.Heading("Action list"), d.Paragraph(line("No actions were agreed."))]
    rows = tuple((a.minute, a.description, a.owner,
                  f"{a.due.day} {a.due:%B %Y}" if a.due else "") for a in actions)
    running = any(not a.minute.isdigit() for a in actions if a.minute)
    return [d.Heading("Action list"),
            d.Table(("Minute" if running else "Item", "Action", "Owner", "Due"), rows,
                    (0.1, 0.47, 0.22, 0.21) if running else (0.08, 0.49, 0.22, 0.21))]


def _closing(data: MinutesData) -> list[d.Block]:
    blocks: list[d.Block] = []
    if data.closed_at:
        blocks.append(d.Paragraph(line(f"The meeting closed at {hhmm(data.closed_at)}.")))
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


def compose_minutes(data: MinutesData, version: Version = Version.FULL) -> d.Document:
    """The minutes as a document; raises ValueError for an annex of a meeting with no
    exempt items (there is nothing to send)."""
    exempt = [i for i in data.items if i.exempt]
    draft = not data.approved
    of_meeting = f"the meeting held on {long_date(data.date)}"
    note = f" — minutes, {data.date.day} {data.date:%B %Y}"
    if version is Version.CONFIDENTIAL:
        if not exempt:
            raise ValueError(NO_CONFIDENTIAL)
        blocks = _head(data, "Confidential annex to the minutes")
        blocks.append(d.Paragraph(line(bold(
            "Not for publication: the public were excluded for these items.")), "body"))
        for item in exempt:
            blocks += _item_full(item, data, 2)
        marking = "CONFIDENTIAL — NOT FOR PUBLICATION" + (" — DRAFT" if draft else "")
        return d.Document(title=f"{data.body_name}: confidential annex to the minutes of "
                                f"{of_meeting}", footer=data.body_name, author=data.body_name,
                          footer_note=f" — confidential annex, {data.date.day} "
                                      f"{data.date:%B %Y}",
                          blocks=tuple(blocks), marking=marking,
                          watermark="DRAFT" if draft else "", subject="Confidential annex")
    blocks = _head(data, "Minutes")
    blocks += register_blocks(data)
    blocks += [_happening(h) for h in data.before_items]
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
        for item in exempt:  # under the annex's heading in the document's outline
            blocks += _item_full(item, data, 3)
    marking = "DRAFT — NOT YET APPROVED" if draft else ""
    if version is Version.FULL and exempt:
        marking = " — ".join(filter(None, [marking, "CONTAINS A CONFIDENTIAL ANNEX"]))
    return d.Document(title=f"{data.body_name}: minutes of {of_meeting}",
                      footer=data.body_name, footer_note=note, author=data.body_name,
                      blocks=tuple(blocks),
                      marking=marking, watermark="DRAFT" if draft else "",
                      subject="Draft minutes" if draft else "Minutes")


def compose_agenda(data: AgendaData) -> d.Document:
    """The agenda the clerk sends out (002 §6.2): items in order, presenters, papers,
    exempt marks, and the date by which the papers go out."""
    when = long_date(data.date) + (f" at {clock_time(data.start_time)}" if data.start_time else "")
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
            title += f"\n{item.added.label.upper()}: {sentence(item.added_reason)}"
        if item.exempt:
            title += ("\nEXEMPT: the public are likely to be excluded for this item"
                      + (f". Reason: {sentence(item.exempt_reason.strip())}"
                         if item.exempt_reason.strip() else "."))
        rows.append((str(item.number), title, item.presenter, item.papers))
    blocks.append(d.Table(("No.", "Item", "Presented by", "Papers"), tuple(rows),
                          (0.08, 0.48, 0.24, 0.2)))
    if any(i.exempt for i in data.items):
        blocks.append(d.Paragraph(line(italic(
            "Items marked EXEMPT are likely to be taken with the public and press "
            "excluded.")), "note"))
    return d.Document(title=f"{data.body_name}: agenda for the meeting on "
                            f"{long_date(data.date)}", footer=data.body_name,
                      footer_note=f" — agenda, {data.date.day} {data.date:%B %Y}",
                      blocks=tuple(blocks), subject="Agenda", author=data.body_name)

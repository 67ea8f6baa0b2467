"""The minutes' facts, taken from a meeting's snapshot (rules/snapshot.py).

Who was present, late or gone early, who held which office, which item each happening
belongs to: each is a rule's answer (rules/register.py, rules/roster.py), read here, not
worked out again. What was stored when it happened (a vote's sentence, a quorum verdict
with its reasons) is used as stored.
"""

from __future__ import annotations

from datetime import date

from clerk_app.export.minutes_data import (
    ActionLine,
    AgendaData,
    AgendaLine,
    ApprovedHere,
    ArisingLine,
    ChairChange,
    ChairLine,
    Correction,
    DeclarationLine,
    Happening,
    Milestone,
    MinuteItem,
    MinutesData,
    Outcome,
    PersonLine,
    RunningNumbers,
    VoteRecord,
)
from clerk_app.rules.quorum_result import quorate_before
from clerk_app.rules.register import NOWHERE, back_after_leaving
from clerk_app.rules.snapshot import ItemSnap, MeetingSnapshot, VoteSnap
from clerk_app.rules.vocabulary import (
    AttendanceKind,
    Capacity,
    ItemKind,
    MinutesStatus,
    Position,
    QuorumEventKind,
)

# The Chair first, then the Vice-Chair, then everyone in the register's order.
OFFICE_ORDER = ("chair", "vice_chair")
POSITION_ORDER = (Position.FOR, Position.AGAINST, Position.ABSTAINED, Position.DID_NOT_VOTE,
                  Position.WITHDRAWN, Position.NOT_ENTITLED, Position.ABSENT)
_QUORUM_MILESTONE = {QuorumEventKind.LOST: Milestone.QUORUM_LOST,
                     QuorumEventKind.REGAINED: Milestone.QUORUM_REGAINED}


def _office_key(snap: MeetingSnapshot, held: dict[int, set[str]], person_id: int) -> str:
    return next((key for key in OFFICE_ORDER if key in held.get(person_id, ())), "")


def register_lines(snap: MeetingSnapshot) -> tuple[list[PersonLine], ...]:
    """Present, in attendance, apologies, absent: the lists at the head of the minutes."""
    room, held = snap.whereabouts(), snap.offices_held()
    present: list[tuple[int, PersonLine]] = []
    attending, apologies, absent = [], [], []
    substitutes = {e.substitute_for_membership_id: e.person_id for e in snap.register
                   if e.capacity is Capacity.SUBSTITUTE
                   and room.get(e.person_id, NOWHERE).arrived}
    rank = {key: i for i, key in enumerate(OFFICE_ORDER)}
    for e in snap.register:
        who = snap.people[e.person_id]
        where = room.get(e.person_id, NOWHERE)
        if e.capacity is Capacity.IN_ATTENDANCE:
            if where.arrived:
                attending.append(PersonLine(who.name, who.agency, role=e.role_note,
                                            for_items=e.for_items, remote=e.remote))
        elif where.arrived:
            late = where.arrived if snap.opened_at and where.arrived > snap.opened_at else None
            left = where.left if where.left and (
                snap.closed_at is None or where.left < snap.closed_at) else None
            key = _office_key(snap, held, e.person_id) if e.capacity is Capacity.MEMBER else ""
            member = snap.seat_holder(e.substitute_for_membership_id)
            # The member arriving ends the substitution (DOMAIN.md §1).
            until = room.get(member, NOWHERE).arrived if member is not None else None
            present.append((rank.get(key, len(rank)), PersonLine(
                who.name, who.agency, office=snap.office_names.get(key, key) if key else "",
                voting=snap.seat_votes(e.substitute_for_membership_id or e.membership_id),
                substitute_for=snap.name(member), arrived=late, left=left, remote=e.remote,
                substitute_until=until)))
        elif e.apologies:
            apologies.append(PersonLine(
                who.name, who.agency, role=e.apologies_note,
                substituted_by=snap.name(substitutes.get(e.membership_id))))
        elif e.capacity is Capacity.MEMBER:
            absent.append(PersonLine(who.name, who.agency))
    present.sort(key=lambda ranked: ranked[0])
    return [line for _rank, line in present], attending, apologies, absent


def _named_casting(snap: MeetingSnapshot, sentence: str, presiding: str) -> str:
    """"The Chair, Helen Marsh, used the casting vote …": the stored sentence names the
    office only; the minutes name the person too."""
    if not presiding:
        return sentence
    for office in snap.office_names.values():
        for verb in ("used the casting vote", "declined to use the casting vote"):
            sentence = sentence.replace(f"The {office} {verb}",
                                        f"The {office}, {presiding}, {verb}")
    return sentence


def _vote(snap: MeetingSnapshot, v: VoteSnap | None, presiding: str) -> VoteRecord | None:
    if v is None:
        return None
    grouped: dict[Position, list[str]] = {}
    for person_id, position in v.positions:
        grouped.setdefault(position, []).append(snap.name(person_id))
    positions = tuple((p, tuple(grouped[p])) for p in POSITION_ORDER if grouped.get(p))
    return VoteRecord(v.method, _named_casting(snap, v.sentence, presiding), v.carried,
                      positions, v.recount_reason, v.show_of_hands)


def happenings(snap: MeetingSnapshot, declarations: tuple[DeclarationLine, ...] = ()
               ) -> tuple[dict[int | None, list[Happening]], list[Happening]]:
    """Each item's happenings; those before any item was taken go first. `declarations`
    are `snap.declarations` as the minutes tell them, in the same order."""
    opened, closed = snap.opened_at, snap.closed_at
    by_item: dict[int | None, list[Happening]] = {}

    def add(item_id: int | None, h: Happening) -> None:
        by_item.setdefault(item_id, []).append(h)

    for e, back in zip(snap.events, back_after_leaving(snap.events), strict=True):
        if e.kind in (AttendanceKind.WITHDRAW, AttendanceKind.RETURN):
            add(e.item_id, Happening(e.at, e.kind, snap.name(e.person_id)))
        elif opened and e.at > opened and (closed is None or e.at < closed):
            add(snap.item_at(e.at), Happening(e.at, Milestone.CAME_BACK if back else e.kind,
                                              snap.name(e.person_id)))
    been_quorate = quorate_before(((q.kind, q.at) for q in snap.quorum_events), opened)
    for q, again in zip(snap.quorum_events, been_quorate, strict=True):
        at_opening = bool(opened and q.at == opened and q.kind is QuorumEventKind.LOST)
        kind = Milestone.OPENED_INQUORATE if at_opening else _QUORUM_MILESTONE[q.kind]
        if q.kind is QuorumEventKind.REGAINED and not again:
            kind = Milestone.QUORUM_REACHED
        add(q.item_id or (None if at_opening else snap.item_at(q.at)),
            Happening(q.at, kind, detail=q.quorum.reasons))
    told = declarations or (None,) * len(snap.declarations)
    for x, line in zip(snap.declarations, told, strict=True):
        add(x.item_id, Happening(x.declared_at, Milestone.DECLARATION, snap.name(x.person_id),
                                 x.description, x.kind, line))
    # At the same minute, a declaration comes before the withdrawal it causes.
    for listed in by_item.values():
        listed.sort(key=lambda h: (h.at, h.kind is not Milestone.DECLARATION))
    return by_item, by_item.pop(None, [])


def chair_changes(snap: MeetingSnapshot) -> tuple[int | None, dict[int, ChairLine]]:
    """Who was in the chair at the start, and where it changed hands, item by item in
    the order they were taken (DOMAIN.md §9 "Who presides, for how long"): someone who
    had the chair before resumes it; someone who hands it back at the next item took it
    for that item only."""
    taken = sorted((i for i in snap.items if i.started_at is not None),
                   key=lambda i: (i.started_at, i.position))
    current = snap.presiding_at_opening or next(
        (i.presided_by for i in taken if i.presided_by), None)
    opening, held, seen = current, snap.offices_held(), {current}
    changes: dict[int, ChairLine] = {}
    for n, item in enumerate(taken):
        who = item.presided_by
        if who is None or who == current:
            continue
        handed_back = current is not None and n + 1 < len(taken) \
            and taken[n + 1].presided_by == current
        change = ChairChange.RESUMED if who in seen else \
            ChairChange.TOOK_FOR_ITEM if handed_back else ChairChange.TOOK
        key = _office_key(snap, held, who)
        changes[item.id] = ChairLine(change, snap.name(who),
                                     snap.office_names.get(key, key) if key else "")
        seen.add(who)
        current = who
    return opening, changes


def _items(snap: MeetingSnapshot, actions: list[ActionLine],
           by_item: dict[int | None, list[Happening]], minute: dict[int, str]
           ) -> list[MinuteItem]:
    items = []
    _opening, chair = chair_changes(snap)
    for i in as_taken(snap):
        outcomes = tuple(
            Outcome(x.kind, x.text, x.decided_at, x.quorum.quorate, x.quorum.reasons,
                    x.inquorate_reason, _vote(snap, x.vote, snap.name(i.presided_by)),
                    x.referred_to)
            for x in snap.decisions if x.item_id == i.id)
        items.append(MinuteItem(
            number=i.position, title=i.title, kind=i.kind, presenter=i.presenter,
            papers=i.papers, exempt=i.exempt, exempt_reason=i.exempt_reason,
            public_excluded=i.public_excluded, notes=i.notes,
            happenings=tuple(by_item.get(i.id, ())), outcomes=outcomes,
            actions=tuple(line for line, raw in zip(actions, snap.actions, strict=True)
                          if raw.item_id == i.id),
            chair=chair.get(i.id), added=i.added, added_reason=i.added_reason,
            minute=minute[i.id], started_at=i.started_at))
    return items


def as_taken(snap: MeetingSnapshot) -> list[ItemSnap]:
    """The items in the order they were taken, keeping their agenda numbers (DOMAIN.md
    §9); items never taken follow, in agenda order."""
    taken = sorted((i for i in snap.items if i.started_at is not None),
                   key=lambda i: (i.started_at, i.position))
    return taken + [i for i in snap.items if i.started_at is None]


def minute_labels(snap: MeetingSnapshot, running: RunningNumbers | None) -> dict[int, str]:
    """Item id -> how the minutes refer to it: its agenda number ("2"), or its number
    running through the body's year ("23/26", DOMAIN.md §6)."""
    if running is None:
        return {i.id: str(i.position) for i in snap.items}
    return {i.id: running.label(i.position) for i in snap.items}


def _declarations(snap: MeetingSnapshot, minute: dict[int, str]
                  ) -> tuple[DeclarationLine, ...]:
    """The declarations; those made under "Declarations of interest" (or before any item
    was taken) are minuted there, the others at the item concerned."""
    heading = next((i.id for i in snap.items if i.kind is ItemKind.DECLARATIONS), None)
    lines = []
    for x in snap.declarations:
        under = snap.item_at(x.declared_at)
        listed = heading is not None and under in (None, heading) and x.item_id != heading
        lines.append(DeclarationLine(
            snap.name(x.person_id), snap.people[x.person_id].agency, minute[x.item_id],
            snap.item(x.item_id).title, x.kind, x.effect, x.description, x.dispensation_by,
            x.dispensation_note, x.declared_at,
            declared_under=minute[heading] if listed else ""))
    return tuple(lines)


def minutes_data(snap: MeetingSnapshot, corrections: tuple[Correction, ...] = (),
                 approved_here: tuple[ApprovedHere, ...] = (),
                 next_meeting: str = "",
                 matters_arising: tuple[ArisingLine, ...] = (),
                 running: RunningNumbers | None = None) -> MinutesData:
    """Everything the minutes say, as plain data; minutes numbered by agenda item unless
    `running` numbers them through the year."""
    present, attending, apologies, absent = register_lines(snap)
    minute = minute_labels(snap, running)
    declarations = _declarations(snap, minute)
    by_item, before_items = happenings(snap, declarations)
    exempt = {i.id for i in snap.items if i.exempt}
    actions = [ActionLine(a.description, a.owner, a.due_date, minute.get(a.item_id),
                          a.item_id in exempt) for a in snap.actions]
    return MinutesData(
        body_name=snap.body_name, date=snap.date, start_time=snap.start_time,
        venue=snap.venue, opened_at=snap.opened_at, closed_at=snap.closed_at,
        present=tuple(present), in_attendance=tuple(attending), apologies=tuple(apologies),
        absent=tuple(absent), public_count=snap.public_count, public_names=snap.public_names,
        items=tuple(_items(snap, actions, by_item, minute)), declarations=declarations,
        actions=tuple(actions),
        before_items=tuple(before_items), corrections=corrections,
        approved_here=approved_here, approved=snap.minutes_status is MinutesStatus.APPROVED,
        approved_on=snap.minutes_approved_on, next_meeting=next_meeting,
        in_the_chair=snap.name(chair_changes(snap)[0]), matters_arising=matters_arising,
    )


def agenda_data(snap: MeetingSnapshot, dispatch_by: date) -> AgendaData:
    """The agenda as plain data, with the date the papers must go out by (002 §6.2)."""
    return AgendaData(
        body_name=snap.body_name, date=snap.date, start_time=snap.start_time,
        venue=snap.venue, dispatch_by=dispatch_by,
        items=tuple(AgendaLine(i.position, i.title, i.presenter, i.papers, i.exempt,
                               i.exempt_reason, i.description, i.added, i.added_reason)
                    for i in snap.items))

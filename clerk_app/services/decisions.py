"""Declarations, decisions and votes (DOMAIN.md §4, §5); elections are in `elections`.

A vote is stored with everything known at the moment it was taken — the eligible
voters and why others were not, the person presiding, the quorum — so a past decision
is never recomputed from a later register.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import (
    AgendaItem,
    Decision,
    Meeting,
    Vote,
    VotePosition,
)
from clerk_app.rules.limits import TextKind
from clerk_app.rules.roster import represented
from clerk_app.rules.vocabulary import (
    Capacity,
    CastingChoice,
    CastingMode,
    DecisionKind,
    OfficeRole,
    Position,
    VoteMethod,
)
from clerk_app.rules.voting import (
    Tally,
    TallyError,
    VoteResult,
    casting_choices,
    check_named,
    check_tally,
    hands_problem,
    tally_named,
    vote_result,
)
from clerk_app.services.declarations import declare_interest  # noqa: F401 (called from here)
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.names import check_name, check_text
from clerk_app.services.recording import (
    audit,
    moment,
    writable_meeting,
)
from clerk_app.services.state import MeetingState, meeting_state

# The outcomes of an item recorded without a vote (000 §11.2-11.3).
DECISION_KINDS = (DecisionKind.CONSENSUS, DecisionKind.REFERRED, DecisionKind.NOTED,
                  DecisionKind.DEFERRED)
# What the meeting resolves, and so may do only while quorate or with the reason it went on.
RESOLUTIONS = frozenset({DecisionKind.CONSENSUS, DecisionKind.REFERRED})


def _item_and_meeting(session: Session, item_id: int) -> tuple[AgendaItem, Meeting]:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound("That item is not in the record.")
    return item, writable_meeting(session, item.meeting_id)


# --- Decisions -----------------------------------------------------------------------


def check_quorate(state: MeetingState, resolving: bool, reason: str) -> None:
    """While inquorate nothing is resolved, unless the clerk records why (DOMAIN.md §3).

    Shared by every action that records a resolution (the approval of minutes too).

    Raises:
        ClerkError: resolving while inquorate without a reason.
    """
    if resolving and not state.quorum.quorate and not reason.strip():
        raise ClerkError(f"The meeting is not quorate ({state.quorum.summary}). A decision "
                         "cannot be recorded as resolved: note or defer the item, or give "
                         "the reason the meeting proceeded.")


def add_decision(session: Session, item: AgendaItem, meeting: Meeting, kind: DecisionKind,
                 text: str, when: datetime, state: MeetingState, reason: str,
                 referred_to: str = "") -> Decision:
    """Add an item's decision with the quorum at that moment, and record who presided
    when it was taken (the Vice-Chair, if the Chair withdrew after the item was taken).
    Flushes, never commits (the caller's unit of work)."""
    check_text(text, TextKind.NOTES, "decision's text")
    check_text(reason, TextKind.TEXT, "reason the meeting proceeded")
    if state.presiding.person_id not in (None, item.presiding_person_id):
        item.presiding_person_id = state.presiding.person_id
        session.add(item)
    decision = Decision(item_id=item.id, kind=kind, text=text, referred_to=referred_to,
                        decided_at=when, quorate=state.quorum.quorate,
                        quorum_summary=state.quorum.summary, inquorate_reason=reason)
    session.add(decision)
    session.flush()
    return decision


def record_decision(
    engine: Engine, item_id: int, kind: DecisionKind | str, text: str = "",
    inquorate_reason: str = "", at: datetime | None = None, referred_to: str = "",
) -> int:
    """Agreed by consensus, referred elsewhere, noted, or deferred (000 §11.2-11.3).

    A referral names the body or group the item goes to, as typed (the Health and
    Wellbeing Board, a task-and-finish group); `text` says what for.

    Raises:
        ClerkError: another kind (a vote is recorded as a vote); a referral that names
            nowhere; a resolution while inquorate without the reason the meeting proceeded.
    """
    if kind not in DECISION_KINDS:
        raise ClerkError(f"A decision is one of {', '.join(DECISION_KINDS)}; for a vote, "
                         "record the vote.")
    kind = DecisionKind(kind)
    if kind is DecisionKind.REFERRED:
        check_name(referred_to, "body or group it is referred to", TextKind.TEXT)
    else:
        referred_to = ""
    with unit_of_work(engine) as session:
        item, meeting = _item_and_meeting(session, item_id)
        when = moment(meeting, at)
        state = meeting_state(session, meeting.id, item_id=item_id)
        check_quorate(state, kind in RESOLUTIONS, inquorate_reason)
        decision = add_decision(session, item, meeting, kind, text, when, state,
                                inquorate_reason, referred_to)
        audit(session, meeting, "decision.record", item_id=item_id, kind=kind, text=text,
              **({"referred_to": referred_to} if referred_to else {}))
        return decision.id


@dataclass(frozen=True)
class RecordedVote:
    vote_id: int
    result: VoteResult


def presiding_label(state: MeetingState) -> str:
    """How the minutes name the person presiding: "The Vice-Chair", "The person presiding
    (Sam Lee)"."""
    presiding = state.presiding
    role = OfficeRole.of(presiding.office)
    if role is not None:
        return f"The {role.label}"
    return f"The person presiding ({presiding.name})" if presiding.name else "The person presiding"


def _evaluate(state: MeetingState, tally: Tally | None, positions: Mapping[int, str] | None,
              casting: str | None) -> tuple[VoteResult, dict[int, Position]]:
    if casting and state.presiding.person_id is None:
        # DOMAIN.md §9: with nobody presiding, a tie cannot be broken by a casting vote.
        raise ClerkError("Nobody presides over this item, so nobody has a casting vote: "
                         "the members present choose who presides first.")
    eligible = state.eligibility
    named: dict[int, Position] = {}
    try:
        if positions is not None:
            named = {pid: Position(p) for pid, p in positions.items()}
            names = {a.person_id: a.name for a in state.attendees}
            problems = check_named(named, eligible.eligible_ids, names)
            tally = tally_named(named)
        else:
            problems = []
        tally = tally or Tally()
        problems += check_tally(tally, len(eligible.eligible))
        if problems:
            raise ClerkError(" ".join(problems))
        result = vote_result(tally, state.rules.votes,
                             CastingChoice(casting) if casting else None,
                             presiding_label(state), len(eligible.eligible))
    except TallyError as error:
        raise ClerkError(str(error)) from error
    except ValueError as error:
        raise ClerkError(f"Unknown vote or casting position: {error}.") from error
    return result, named


def record_vote(
    engine: Engine, item_id: int, motion: str, tally: Tally | None = None,
    positions: Mapping[int, str] | None = None, casting: str | None = None,
    inquorate_reason: str = "", at: datetime | None = None,
    did_not_vote_confirmed: bool = False,
) -> RecordedVote:
    """A show of hands (tally) or a recorded vote (positions by person id).

    Refused: counts beyond the eligible voters or negative; a show of hands with no hand
    counted, or short of the members present who may vote unless the clerk confirms
    that the others did not vote (§9); a named vote by someone not eligible; a casting
    vote without a tie or where the body has none; a tie still waiting for the casting
    vote; a vote while inquorate without a reason.
    """
    with unit_of_work(engine) as session:
        item, meeting = _item_and_meeting(session, item_id)
        when = moment(meeting, at)
        state = meeting_state(session, meeting.id, item_id=item_id)
        check_quorate(state, True, inquorate_reason)
        result, named = _evaluate(state, tally, positions, casting)
        if result.needs_casting:
            may_decline = CastingChoice.DECLINED in casting_choices(state.rules.votes.casting)
            raise ClerkError(
                "The vote is tied: record the casting vote of "
                f"{presiding_label(state).lower().removeprefix('the ')} (for, against"
                f"{', or declined' if may_decline else ''})."
            )
        if positions is None:
            problem = hands_problem(result.tally, len(state.eligibility.eligible),
                                    did_not_vote_confirmed)
            if problem:
                raise ClerkError(problem)
        decision = add_decision(session, item, meeting, DecisionKind.VOTE, motion, when, state,
                                inquorate_reason)
        vote = Vote(
            decision_id=decision.id,
            method=VoteMethod.RECORDED if positions is not None else VoteMethod.SHOW_OF_HANDS,
            motion=motion, votes_for=result.tally.for_, votes_against=result.tally.against,
            abstained=result.tally.abstained,
            casting=result.casting.value if result.casting else None, carried=result.carried,
            presiding_person_id=state.presiding.person_id,
            presiding_label=presiding_label(state),
            eligible=[{"person_id": a.person_id, "name": a.name}
                      for a in state.eligibility.eligible],
            ineligible=[{"person_id": i.person_id, "name": i.name, "reason": i.reason}
                        for i in state.eligibility.ineligible],
            sentence=result.sentence,
        )
        session.add(vote)
        session.flush()
        _store_positions(session, vote, state, named)
        audit(session, meeting, "vote.record", item_id=item_id, vote_id=vote.id,
              tally=[result.tally.for_, result.tally.against, result.tally.abstained],
              casting=vote.casting, carried=result.carried)
        return RecordedVote(vote.id, result)


def everyone_positions(state: MeetingState,
                       named: Mapping[int, Position]) -> dict[int, Position]:
    """Every member's position on a vote, not just for/against (DOMAIN.md §5): the named
    position of each eligible voter (did not vote if none), and for everyone else why
    they did not vote. People in attendance have no position, nor has a member whose
    substitute is in the room: the substitute's position stands for the seat."""
    eligible = state.eligibility.eligible_ids
    stood_in_for = represented(state.attendees)
    positions: dict[int, Position] = {}
    for attendee in state.attendees:
        if attendee.capacity is Capacity.IN_ATTENDANCE or attendee.person_id in stood_in_for:
            continue
        if attendee.person_id in eligible:
            position = named.get(attendee.person_id, Position.DID_NOT_VOTE)
        elif not attendee.in_room:
            position = Position.ABSENT
        elif attendee.withdrawn:
            position = Position.WITHDRAWN
        else:
            position = Position.NOT_ENTITLED
        positions[attendee.person_id] = position
    return positions


def _store_positions(session: Session, vote: Vote, state: MeetingState,
                     named: Mapping[int, Position]) -> None:
    """Every member's position on a recorded vote (DOMAIN.md §5)."""
    if vote.method != VoteMethod.RECORDED:
        return
    for person_id, position in everyone_positions(state, named).items():
        session.add(VotePosition(vote_id=vote.id, person_id=person_id,
                                 position=position.value))


def make_vote_recorded(engine: Engine, vote_id: int, positions: Mapping[int, str],
                       casting: str | None = None, recount_reason: str = "") -> VoteResult:
    """A member requires a recorded vote just after a show of hands (practice, SI 1993/202).

    The names record the vote just taken, so they must give its figures; names that give
    others are a recount, allowed only with the reason it was held, which the minutes
    state with the show of hands it replaced (DOMAIN.md §9).

    Raises:
        ClerkError: already a recorded vote; names that cannot be; a tie without its
            casting vote; other figures than the show of hands without a recount's reason.
    """
    with unit_of_work(engine) as session:
        vote = session.get(Vote, vote_id)
        if vote is None:
            raise NotFound("That vote is not in the record.")
        decision = session.get(Decision, vote.decision_id)
        item, meeting = _item_and_meeting(session, decision.item_id)
        if vote.method == VoteMethod.RECORDED:
            raise ClerkError("This vote is already a recorded vote.")
        state = meeting_state(session, meeting.id, at=decision.decided_at, item_id=item.id)
        result, named = _evaluate(state, None, positions, casting)
        if result.needs_casting:
            raise ClerkError("The recorded vote is tied: record the casting vote.")
        hands = Tally(vote.votes_for, vote.votes_against, vote.abstained)
        if result.tally != hands:
            if not recount_reason.strip():
                raise ClerkError(
                    f"The names give {result.tally.figures} The show of hands gave "
                    f"{hands.figures} A recorded vote records the vote just taken: correct "
                    "the names, or, if the meeting held a recount, say so and why.")
            check_text(recount_reason, TextKind.TEXT, "reason for the recount")
            vote.recount_reason, vote.show_of_hands = recount_reason, hands.figures
        old = [vote.votes_for, vote.votes_against, vote.abstained]
        vote.method = VoteMethod.RECORDED
        vote.votes_for, vote.votes_against = result.tally.for_, result.tally.against
        vote.abstained = result.tally.abstained
        vote.casting = result.casting.value if result.casting else None
        vote.carried = result.carried
        vote.sentence = result.sentence
        session.add(vote)
        _store_positions(session, vote, state, named)
        audit(session, meeting, "vote.make_recorded", vote_id=vote_id, old_tally=old,
              **({"recount_reason": vote.recount_reason} if vote.recount_reason else {}))
        return result


# --- Previews for the vote screen ----------------------------------------------------

# The positions the vote screen counts the members present under, in its order (DOMAIN.md
# §5, Popolo); absent members are not present.
BREAKDOWN = (Position.FOR, Position.AGAINST, Position.ABSTAINED, Position.DID_NOT_VOTE,
             Position.WITHDRAWN, Position.NOT_ENTITLED)

Breakdown = tuple[tuple[Position, int], ...]


@dataclass(frozen=True)
class VotePreview:
    """What a vote would record, shown before it is: the result, the members present
    under each position, which always add up to `present` (DOMAIN.md §5), and what the
    person presiding may do with a casting vote on a tie."""

    result: VoteResult
    breakdown: Breakdown
    present: int
    casting_choices: tuple[CastingChoice, ...]
    casting_mode: CastingMode


def _breakdown(state: MeetingState, voted: Mapping[Position, int],
               shown: tuple[Position, ...]) -> tuple[Breakdown, int]:
    """Members present under each position; voters not counted in `voted` did not vote."""
    everyone = everyone_positions(state, {})
    present = [p for p in everyone.values() if p is not Position.ABSENT]
    counts = {position: present.count(position) for position in BREAKDOWN}
    counts.update(voted)
    counts[Position.DID_NOT_VOTE] = len(state.eligibility.eligible) - sum(voted.values())
    return tuple((position, counts[position]) for position in shown), len(present)


def preview(state: MeetingState, tally: Tally | None = None,
            positions: Mapping[int, str] | None = None,
            casting: str | None = None) -> VotePreview:
    """The vote as it would be recorded on this snapshot; ClerkError if impossible.

    Takes the snapshot the vote screen already holds, so it can check every keystroke
    without reading the record again; `record_vote` checks the same way when saving.
    """
    result, _named = _evaluate(state, tally, positions, casting)
    voted = {Position.FOR: result.tally.for_, Position.AGAINST: result.tally.against,
             Position.ABSTAINED: result.tally.abstained}
    breakdown, present = _breakdown(state, voted, BREAKDOWN)
    mode = CastingMode(state.rules.votes.casting)
    return VotePreview(result, breakdown, present, casting_choices(mode), mode)

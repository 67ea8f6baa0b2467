"""Elections to office at the table (DOMAIN.md §5): recorded, and previewed on the
snapshot the election screen holds. Most votes wins; a tie goes to the casting vote of
the person presiding, or by lot when they have no vote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import Vote
from clerk_app.rules.elections import ElectionResult, election_problem, election_result
from clerk_app.rules.vocabulary import DecisionKind, Position, VoteMethod
from clerk_app.rules.voting import TallyError
from clerk_app.services.decisions import (
    Breakdown,
    _breakdown,
    _item_and_meeting,
    add_decision,
    check_quorate,
    presiding_label,
)
from clerk_app.services.errors import ClerkError
from clerk_app.services.recording import audit, moment
from clerk_app.services.state import MeetingState, meeting_state

# An election has no against or abstained: every vote cast is counted under "for".
ELECTION_BREAKDOWN = (Position.FOR, Position.DID_NOT_VOTE, Position.WITHDRAWN,
                      Position.NOT_ENTITLED)


def record_election(
    engine: Engine, item_id: int, office: str, votes: Mapping[str, int],
    casting_for: str | None = None, lot_winner: str | None = None,
    inquorate_reason: str = "", at: datetime | None = None,
    did_not_vote_confirmed: bool = False,
) -> ElectionResult:
    """An election to office: most votes wins; a tie goes to the casting vote of the
    person presiding, or by lot when they have no vote (DOMAIN.md §5). Votes short of
    the members who may vote need the clerk's confirmation that the others did not
    vote (§9)."""
    with unit_of_work(engine) as session:
        item, meeting = _item_and_meeting(session, item_id)
        when = moment(meeting, at)
        state = meeting_state(session, meeting.id, item_id=item_id)
        check_quorate(state, True, inquorate_reason)
        presiding_id = state.presiding.person_id
        result = _election(state, votes, casting_for, lot_winner)
        if result.needs:
            raise ClerkError(f"The votes are equal: record the {result.needs} to decide.")
        problem = election_problem(votes, len(state.eligibility.eligible),
                                   did_not_vote_confirmed)
        if problem:
            raise ClerkError(problem)
        decision = add_decision(session, item, meeting, DecisionKind.ELECTION,
                                f"that {result.winner} be elected {office}", when, state,
                                inquorate_reason)
        session.add(Vote(
            decision_id=decision.id, method=VoteMethod.SHOW_OF_HANDS,
            motion=f"Election of {office}",
            presiding_person_id=presiding_id, presiding_label=presiding_label(state),
            eligible=[{"person_id": a.person_id, "name": a.name}
                      for a in state.eligibility.eligible],
            ineligible=[{"person_id": i.person_id, "name": i.name, "reason": i.reason}
                        for i in state.eligibility.ineligible],
            candidates=[{"name": n, "votes": v} for n, v in result.counts],
            election_method=result.method, carried=True, sentence=result.sentence,
        ))
        audit(session, meeting, "election.record", item_id=item_id, office=office,
              winner=result.winner, method=result.method)
        return result


def _election(state: MeetingState, votes: Mapping[str, int], casting_for: str | None,
              lot_winner: str | None) -> ElectionResult:
    has_vote = presiding_has_vote(state)
    try:
        return election_result(votes, len(state.eligibility.eligible), has_vote,
                               casting_for, lot_winner)
    except (TallyError, ValueError) as error:
        raise ClerkError(str(error)) from error


@dataclass(frozen=True)
class ElectionPreview:
    result: ElectionResult
    breakdown: Breakdown
    present: int
    presiding_has_vote: bool


def preview_election(state: MeetingState, votes: Mapping[str, int],
                     casting_for: str | None = None,
                     lot_winner: str | None = None) -> ElectionPreview:
    """An election as it would be recorded on this snapshot; ClerkError if impossible.

    The breakdown counts every vote cast under `Position.FOR` (one vote per voter for a
    candidate), so the members present still add up."""
    result = _election(state, votes, casting_for, lot_winner)
    breakdown, present = _breakdown(state, {Position.FOR: sum(votes.values())},
                                    ELECTION_BREAKDOWN)
    return ElectionPreview(result, breakdown, present, presiding_has_vote(state))


def presiding_has_vote(state: MeetingState) -> bool:
    """Whether the person presiding holds a vote to give on a tie: a voting member in the
    room, not silent on the item, whether or not they also vote in the ordinary count."""
    return any(a.person_id == state.presiding.person_id and a.may_vote
               for a in state.attendees)

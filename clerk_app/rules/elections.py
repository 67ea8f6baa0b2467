"""Elections to office: most votes wins; a tie goes to a casting vote or to lot.

DOMAIN.md §5 "Elections". The Chair is elected annually (000 §10.2); the first meeting is
convened and opened by the LCSP Manager, who has no vote (000 §9.3). On a tie the person
presiding must give a casting vote, or, where that person has no vote, the tie is settled
by lot (practice); the minutes say which.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from clerk_app.rules.vocabulary import ElectionMethod
from clerk_app.rules.voting import TallyError, not_accounted_for


@dataclass(frozen=True)
class ElectionResult:
    """The outcome of an election as the minutes state it.

    Attributes:
        counts: (candidate, votes), most votes first; equal counts keep the order given.
        winner: the person elected, or None while a tie is unsettled or nobody voted.
        tied: the candidates sharing the most votes when more than one does, else ().
        method: how the winner was decided (votes, casting vote or lot); None with no winner.
        needs: what the clerk must still record to settle a tie: a casting vote or a lot.
        sentence: the minutes wording, figures first.
    """

    counts: tuple[tuple[str, int], ...]
    winner: str | None
    tied: tuple[str, ...]
    method: ElectionMethod | None
    needs: ElectionMethod | None
    sentence: str


def _check(votes: Mapping[str, int], eligible: int) -> None:
    if not votes:
        raise TallyError("An election needs at least one candidate: add the candidates first.")
    for name, count in votes.items():
        if count < 0:
            raise TallyError(f"The votes for {name} cannot be negative ({count}): enter 0 or more.")
    total = sum(votes.values())
    if total > eligible:
        allowed = "no member may vote" if eligible <= 0 else f"only {eligible} may vote"
        noun = "vote" if total == 1 else "votes"
        raise TallyError(
            f"{total} {noun} recorded but {allowed} in this election: check the counts."
        )


def election_problem(votes: Mapping[str, int], eligible: int, confirmed: bool) -> str:
    """Votes short of the members present who may vote stand only once the clerk
    confirms that the others did not vote (DOMAIN.md §9); "" when none is missing."""
    short = eligible - sum(votes.values())
    if short > 0 and not confirmed:
        return not_accounted_for(short, "the votes cast", "correct the votes")
    return ""


def election_result(
    votes: Mapping[str, int],
    eligible: int,
    presiding_has_vote: bool,
    casting_for: str | None = None,
    lot_winner: str | None = None,
) -> ElectionResult:
    """Decide an election and word it for the minutes (§5).

    One vote per eligible voter; the candidate with most votes is elected. If nobody
    received a vote (every count 0), nobody is elected and the vote should be taken again:
    a casting vote or lot settles equal votes, not an absence of votes. A sole candidate
    with at least one vote is elected on the votes.

    Args:
        votes: candidate name -> votes received, in the order the clerk lists them.
        eligible: how many people may vote in the election.
        presiding_has_vote: whether the person presiding holds a vote; a non-voting officer
            (Kent's LCSP Manager, 000 §9.3) cannot give a casting vote, so a tie goes to lot.
        casting_for: the tied candidate the person presiding gave the casting vote to.
        lot_winner: the tied candidate drawn by lot.

    Raises:
        TallyError: no candidates, a negative count, more votes than voters, or a casting
            vote or lot that does not fit the result (no tie, a candidate who is not tied,
            a casting vote from someone with no vote, a lot where a casting vote is due).
    """
    _check(votes, eligible)
    counts = tuple(sorted(votes.items(), key=lambda item: -item[1]))  # sorted() is stable
    figures = _figures(counts, eligible - sum(votes.values()))  # and who did not vote (§9)
    top = counts[0][1]
    leaders = tuple(name for name, count in counts if count == top)
    tied = leaders if len(leaders) > 1 else ()

    if casting_for is not None and lot_winner is not None:
        raise TallyError("Record either a casting vote or a draw by lot, not both.")
    if not tied or top == 0:
        if casting_for is not None:
            raise TallyError("There is no tie, so there is no casting vote to record.")
        if lot_winner is not None:
            raise TallyError("There is no tie, so there is no lot to draw.")
    if top == 0:
        return ElectionResult(counts, None, (), None, None,
                              f"{figures} No votes were cast, so no one was elected.")
    if not tied:
        winner = leaders[0]
        return ElectionResult(counts, winner, (), ElectionMethod.VOTES, None,
                              f"{figures} {winner} was elected.")
    if casting_for is not None:
        return _elected_on_casting_vote(counts, figures, tied, casting_for, presiding_has_vote)
    if lot_winner is not None:
        return _elected_by_lot(counts, figures, tied, lot_winner, presiding_has_vote)
    if presiding_has_vote:
        return ElectionResult(
            counts, None, tied, None, ElectionMethod.CASTING,
            f"{figures} The votes are equal: the person presiding must give a casting vote.")
    return ElectionResult(
        counts, None, tied, None, ElectionMethod.LOT,
        f"{figures} The votes are equal and the person presiding has no vote: "
        "the tie is to be settled by lot.")


def _figures(counts: tuple[tuple[str, int], ...], did_not_vote: int = 0) -> str:
    """The votes each received and, when some who might have voted did not, how many.
    "A. Smith 4, B. Jones 3; 1 did not vote." When nobody voted at all, the sentence says so."""
    text = ", ".join(f"{name} {count}" for name, count in counts)
    voted = any(count for _name, count in counts)
    return f"{text}; {did_not_vote} did not vote." if voted and did_not_vote > 0 else f"{text}."


def _elected_on_casting_vote(counts: tuple[tuple[str, int], ...], figures: str,
                             tied: tuple[str, ...], winner: str,
                             presiding_has_vote: bool) -> ElectionResult:
    if not presiding_has_vote:
        raise TallyError(
            "The person presiding has no vote, so cannot give a casting vote: "
            "settle the tie by lot."
        )
    if winner not in tied:
        raise TallyError(
            f"{winner} is not one of the tied candidates ({', '.join(tied)}): "
            "the casting vote must go to one of them."
        )
    return ElectionResult(
        counts, winner, tied, ElectionMethod.CASTING, None,
        f"{figures} {winner} was elected on the casting vote of the person presiding.")


def _elected_by_lot(counts: tuple[tuple[str, int], ...], figures: str,
                    tied: tuple[str, ...], winner: str,
                    presiding_has_vote: bool) -> ElectionResult:
    if presiding_has_vote:
        raise TallyError(
            "The person presiding has a vote, so the tie is settled by their casting "
            "vote, not by lot."
        )
    if winner not in tied:
        raise TallyError(
            f"{winner} is not one of the tied candidates ({', '.join(tied)}): "
            "the lot must be drawn between them."
        )
    return ElectionResult(
        counts, winner, tied, ElectionMethod.LOT, None,
        f"{figures} {winner} was elected by lot, the votes being equal and the "
        "person presiding having no vote.")

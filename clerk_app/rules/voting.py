"""Votes on a motion: checking the figures, the result, and the minutes sentence.

DOMAIN.md §5. The board decides "through compromise, consensus and if necessary
voting. In the event of a tied vote the Chair may use his/her casting vote" (000 §11.3).
Everything here works on counts the clerk has already taken; who is eligible to vote is
worked out elsewhere (roster.Attendee.may_vote) and arrives as a number or a set of ids.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from clerk_app.rules.vocabulary import CastingChoice, CastingMode, Majority, Position

# The positions that are figures in the tally; the others are recorded but not counted.
VOTING_POSITIONS = frozenset({Position.FOR, Position.AGAINST, Position.ABSTAINED})


@dataclass(frozen=True)
class VoteSettings:
    """A body's voting rules (§5), each an editable setting, never a hidden constant.

    Attributes:
        casting: whether the person presiding has a casting vote on a tie, and whether
            they may decline to use it.
        chair_ordinary_vote: the chair also votes as a member (practice, LGA 1972
            Sch. 12 para 39 "second or casting vote"). Used when listing eligible voters;
            the result below does not depend on it.
        chair_votes_only_to_change_result: Robert's Rules practice: the chair casts the
            ordinary vote only when it would change the result. The clerk records the
            tally with that vote already in it (or not), so the result logic is the same;
            the setting tells the vote screen to remind the clerk.
        majority: simple or two-thirds.
    """

    casting: CastingMode = CastingMode.OPTIONAL
    chair_ordinary_vote: bool = True
    chair_votes_only_to_change_result: bool = False
    majority: Majority = Majority.SIMPLE


@dataclass(frozen=True)
class Tally:
    """The figures of a vote: for, against, abstentions (a show of hands, or a count of names)."""

    for_: int = 0
    against: int = 0
    abstained: int = 0

    @property
    def total(self) -> int:
        """Every hand counted, abstentions included: it cannot exceed the eligible voters."""
        return self.for_ + self.against + self.abstained

    @property
    def figures(self) -> str:
        """The figures as the minutes give them (§5)."""
        return self.figures_with(0)

    def figures_with(self, did_not_vote: int) -> str:
        """The figures and, when some present eligible members neither voted nor
        abstained, how many did not vote (DOMAIN.md §9): "For 4, Against 2, Abstentions
        0; 1 did not vote."."""
        text = f"For {self.for_}, Against {self.against}, Abstentions {self.abstained}"
        return f"{text}; {did_not_vote} did not vote." if did_not_vote > 0 else f"{text}."


class TallyError(ValueError):
    """A vote that cannot be recorded; the message tells the clerk what is wrong and what to do."""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def check_tally(tally: Tally, eligible: int) -> list[str]:
    """Say what is wrong with a tally, so it is refused before it reaches the minutes.

    §5: invalid tallies (negative counts, more votes than eligible voters) are refused with
    a clear message; the well-known failure is figures that nobody checked against the room.

    Returns:
        One message per problem; an empty list when the tally may be recorded.
    """
    problems = [
        f"The {label} count cannot be negative ({count}): enter 0 or more."
        for label, count in (
            ("For", tally.for_),
            ("Against", tally.against),
            ("Abstentions", tally.abstained),
        )
        if count < 0
    ]
    if tally.total > eligible:
        allowed = (
            "no member may vote"
            if eligible <= 0
            else f"only {_plural(eligible, 'member')} may vote"
        )
        problems.append(
            f"{_plural(tally.total, 'vote')} recorded but {allowed} on this item: check the counts."
        )
    return problems


def not_accounted_for(short: int, where: str, fix: str) -> str:
    """The members present who may vote and are not in the figures, and what to do (§9)."""
    verb = "is" if short == 1 else "are"
    return (f"{_plural(short, 'member')} who may vote {verb} not in {where}: confirm that "
            f"they did not vote, or {fix}.")


def hands_problem(tally: Tally, eligible: int, confirmed: bool) -> str:
    """Why a show of hands cannot be recorded as counted, or "" (DOMAIN.md §9).

    No hand counted at all is not a vote (one Enter must not record a lost motion);
    figures short of the members present who may vote stand only once the clerk
    confirms that the others did not vote, so the minutes can say how many did not."""
    if tally.total == 0:
        return ("No hands are counted: enter the figures for, against and abstaining "
                "from the show of hands.")
    short = eligible - tally.total
    if short > 0 and not confirmed:
        return not_accounted_for(short, "the figures", "correct the counts")
    return ""


def tally_named(positions: Mapping[int, Position]) -> Tally:
    """The figures of a recorded (named) vote, so both methods give the minutes one shape."""
    values = list(positions.values())
    return Tally(
        for_=values.count(Position.FOR),
        against=values.count(Position.AGAINST),
        abstained=values.count(Position.ABSTAINED),
    )


def check_named(
    positions: Mapping[int, Position],
    eligible_ids: Collection[int],
    names: Mapping[int, str] = {},
) -> list[str]:
    """Refuse a named vote from anyone not eligible on the item, naming them (§5).

    Only for, against and abstained are votes; anyone may be listed as withdrawn, not
    entitled, absent or did not vote.

    Args:
        positions: person id -> position recorded.
        eligible_ids: the people who may vote on this item at this moment.
        names: person id -> name, for the message ("someone not on the register" when a
            name is missing: the clerk never reads a raw id).

    Returns:
        One message per person wrongly recorded as voting; empty when valid.
    """
    problems = []
    for person_id, position in positions.items():
        if position in VOTING_POSITIONS and person_id not in eligible_ids:
            name = names.get(person_id, "Someone not on the register")
            problems.append(
                f"{name} is not eligible to vote on this item, so cannot be recorded as "
                f"'{Position(position).value}': record them as not entitled, withdrawn or absent."
            )
    return problems


@dataclass(frozen=True)
class VoteResult:
    """The outcome of a vote as the minutes state it.

    Attributes:
        tally: the figures.
        tie: for equals against under a simple majority, with at least one vote cast.
        needs_casting: a tie that the person presiding has still to settle; while true
            the result is not known and carried is None.
        casting: the casting choice recorded, if any.
        carried: True or False; None only while a needed casting vote is missing.
        sentence: the minutes wording, figures first.
        did_not_vote: present eligible members who neither voted nor abstained.
    """

    tally: Tally
    tie: bool
    needs_casting: bool
    casting: CastingChoice | None
    carried: bool | None
    sentence: str
    did_not_vote: int = 0


def casting_choices(mode: CastingMode) -> tuple[CastingChoice, ...]:
    """What the person presiding may do with a casting vote under the body's rules (§5):
    nothing where there is none; for or against; and decline only where it is optional
    (Kent's "may", 000 §11.3)."""
    mode = CastingMode(mode)
    if mode is CastingMode.NONE:
        return ()
    if mode is CastingMode.REQUIRED:
        return (CastingChoice.FOR, CastingChoice.AGAINST)
    return (CastingChoice.FOR, CastingChoice.AGAINST, CastingChoice.DECLINED)


def _carried_by_votes(tally: Tally, majority: Majority) -> bool:
    if majority is Majority.TWO_THIRDS:
        # Integer arithmetic: for / (for + against) >= 2/3 without rounding.
        return tally.for_ > 0 and 3 * tally.for_ >= 2 * (tally.for_ + tally.against)
    return tally.for_ > tally.against


def vote_result(
    tally: Tally,
    settings: VoteSettings,
    casting: CastingChoice | None = None,
    presiding_label: str = "The Chair",
    eligible: int | None = None,
) -> VoteResult:
    """Decide a vote and word it for the minutes (§5; 000 §11.3).

    A tie exists only under a simple majority and only when some vote was cast: with
    0 for and 0 against (everyone abstained, or nobody voted) there is no majority for the
    motion, so it is not carried and there is nothing for a casting vote to break. Under a
    two-thirds majority the motion either reaches two thirds or it does not, so there is
    never a tie.

    On a tie: with no casting vote the motion is not carried; otherwise the person
    presiding for the item (not necessarily the Chair, §5 "Who presides") casts for or
    against, or, where the casting vote is optional as in Kent ("may", 000 §11.3),
    declines, and a declined casting vote means the motion is not carried.

    VoteSettings.chair_votes_only_to_change_result does not change anything here: the
    chair's ordinary vote, if cast, is already in the tally.

    Args:
        tally: the figures, already checked with check_tally.
        settings: the body's voting rules.
        casting: the casting choice, once the person presiding has made it.
        presiding_label: how the minutes name the person presiding, e.g. "The Vice-Chair".
        eligible: the members who could vote; those the figures leave out did not vote,
            and the sentence says how many (DOMAIN.md §9). None: not known, not said.

    Raises:
        TallyError: a negative count, or a casting vote that cannot be recorded (no
            casting vote in this body's rules, no tie, or declined where it is required).
    """
    if min(tally.for_, tally.against, tally.abstained) < 0:
        raise TallyError(check_tally(tally, tally.total)[0])
    # Accept plain strings from stored settings as well as the enums.
    mode = CastingMode(settings.casting)
    majority = Majority(settings.majority)
    casting = None if casting is None else CastingChoice(casting)
    tie = majority is Majority.SIMPLE and tally.for_ == tally.against and tally.for_ > 0
    _check_casting(mode, tie, casting)
    label = presiding_label[:1].upper() + presiding_label[1:]
    if tie and (casting is not None or mode is not CastingMode.NONE):
        needs, carried, ending = _tie_outcome(mode, casting, label)
    else:
        needs, carried, ending = False, *_outcome_by_votes(tally, majority, tie)
    did_not_vote = max(eligible - tally.total, 0) if eligible is not None else 0
    return VoteResult(tally=tally, tie=tie, needs_casting=needs, casting=casting,
                      carried=carried, sentence=f"{tally.figures_with(did_not_vote)} {ending}",
                      did_not_vote=did_not_vote)


def _check_casting(mode: CastingMode, tie: bool, casting: CastingChoice | None) -> None:
    """Refuse a casting vote the body's rules or the figures do not allow (§5)."""
    if casting is None:
        return
    if mode is CastingMode.NONE:
        raise TallyError(
            "This body's rules give no casting vote, so none can be recorded: "
            "a tied motion is not carried."
        )
    if not tie:
        raise TallyError("There is no tie, so there is no casting vote to record.")
    if casting is CastingChoice.DECLINED and mode is CastingMode.REQUIRED:
        raise TallyError(
            "This body's rules require the person presiding to use the casting vote: "
            "record it for or against the motion."
        )


def _tie_outcome(mode: CastingMode, casting: CastingChoice | None,
                 label: str) -> tuple[bool, bool | None, str]:
    """(casting vote still needed, carried, the sentence's ending) on a tie that a casting
    vote may break (000 §11.3)."""
    if casting is None:
        if mode is CastingMode.REQUIRED:
            return True, None, f"The votes are equal. {label} must use the casting vote."
        return True, None, f"The votes are equal. {label} may use the casting vote, or decline it."
    if casting is CastingChoice.FOR:
        return False, True, f"{label} used the casting vote for the motion, which was carried."
    if casting is CastingChoice.AGAINST:
        return (False, False,
                f"{label} used the casting vote against the motion, which was not carried.")
    return (False, False,
            f"{label} declined to use the casting vote, so the motion was not carried.")


def _outcome_by_votes(tally: Tally, majority: Majority, tie: bool) -> tuple[bool, str]:
    """(carried, the sentence's ending) when no casting vote comes into it."""
    if tie:
        return False, "The votes being equal, the motion was not carried."
    if _carried_by_votes(tally, majority):
        return True, "The motion was carried."
    if tally.for_ == 0 and tally.against == 0:
        return False, "No votes were cast for or against, so the motion was not carried."
    if majority is Majority.TWO_THIRDS and tally.for_ > tally.against:
        return False, "The motion was not carried, a two-thirds majority being required."
    return False, "The motion was not carried."

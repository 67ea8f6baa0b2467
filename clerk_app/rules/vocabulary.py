"""Every fixed vocabulary of the record, each value with its one label.

A decision kind, a meeting status or a vote position is a member of one of these enums:
the column type in `db/tables.py`, the enum in the record file's schema, and the
choices a widget offers. Each member carries its label (how a clerk reads it on screen)
beside its value (how it is stored), so a new value cannot be added without its words.
Sentences built from a value (the minutes' "RESOLVED: that") belong to the module that
words them; this is only the name of the thing.

Comparing a stored value with a string literal anywhere else is a defect
(`tests/test_vocabulary.py` walks the code for it).
"""

from __future__ import annotations

from enum import StrEnum


class Vocabulary(StrEnum):
    """A StrEnum whose members are declared as `NAME = "value", "Label"`."""

    label: str

    def __new__(cls, value: str, label: str) -> Vocabulary:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, Vocabulary]]:
        """(label, member) pairs in declaration order, for a combo box or a menu."""
        return [(member.label, member) for member in cls]


# --- Meetings and their agendas (DOMAIN.md §2, §6, §9) ----------------------------------


class MeetingStatus(Vocabulary):
    SCHEDULED = "scheduled", "Scheduled"
    IN_PROGRESS = "in_progress", "In progress"
    CLOSED = "closed", "Held"
    CANCELLED = "cancelled", "Cancelled"


class MinutesStatus(Vocabulary):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"


class ItemKind(Vocabulary):
    """What an agenda item is for: the standard items drive the register and approval."""

    APOLOGIES = "apologies", "Apologies"
    DECLARATIONS = "declarations", "Declarations of interest"
    PREVIOUS_MINUTES = "previous_minutes", "Minutes of the previous meeting"
    BUSINESS = "business", "Business"
    ELECTION = "election", "Election"


# --- The register (DOMAIN.md §2, §3) ----------------------------------------------------


class Capacity(Vocabulary):
    """Why a person is on the register (DOMAIN.md §2)."""

    MEMBER = "member", "Member"
    SUBSTITUTE = "substitute", "Substitute"  # sits in an absent member's seat
    IN_ATTENDANCE = "in_attendance", "In attendance"  # never counts, never votes


class AttendanceKind(Vocabulary):
    """One event on the register's timeline."""

    ARRIVE = "arrive", "Arrived"
    LEAVE = "leave", "Left"
    WITHDRAW = "withdraw", "Withdrew from"
    RETURN = "return", "Returned to"


class RegisterState(Vocabulary):
    """Where a line of the register stands at a moment, as the register shows it."""

    EXPECTED = "expected", "Not arrived"
    PRESENT = "present", "Present"
    LEFT = "left", "Left"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"
    SUBSTITUTE = "substitute", "Substitute"
    IN_ATTENDANCE = "in_attendance", "In attendance"


class QuorumForm(Vocabulary):
    """The forms a quorum rule combines; every form in use must hold (DOMAIN.md §3)."""

    HEAD_COUNT = "head_count", "Head count"
    FRACTION = "fraction", "Fraction of voting seats"
    GROUPS = "groups", "Groups represented"
    REQUIRED = "required", "Required presence"


class QuorumEventKind(Vocabulary):
    LOST = "lost", "Quorum lost"
    REGAINED = "regained", "Quorum regained"


# --- Declarations of interest (DOMAIN.md §4) ---------------------------------------------


class InterestKind(Vocabulary):
    """The kinds of interest (002 §6.4), plus "other" for bodies that do not distinguish."""

    PECUNIARY = "pecuniary", "Pecuniary"
    NON_PECUNIARY = "non_pecuniary", "Non-pecuniary (personal)"
    OTHER = "other", "Other"


class InterestEffect(Vocabulary):
    """What a declaration does to the declarer for one item (DOMAIN.md §4)."""

    PARTICIPATES = "participates", "Took part"  # recorded only
    SILENT = "silent", "Stayed, did not speak or vote"  # 002 §6.4
    WITHDRAWS = "withdraws", "Left the room"  # 000 §7.2


# --- Decisions and votes (DOMAIN.md §5) --------------------------------------------------


class DecisionKind(Vocabulary):
    CONSENSUS = "consensus", "Agreed"
    VOTE = "vote", "Vote"
    NOTED = "noted", "Noted"
    DEFERRED = "deferred", "Deferred"
    ELECTION = "election", "Election"


class VoteMethod(Vocabulary):
    SHOW_OF_HANDS = "show_of_hands", "Show of hands"
    RECORDED = "recorded", "Recorded vote"


class Position(Vocabulary):
    """One member's position on a vote, kept distinct as Popolo's vote options are (§5).

    A recorded vote lists every member present under one of these, so the figures always
    add up to the members present.
    """

    FOR = "for", "For"
    AGAINST = "against", "Against"
    ABSTAINED = "abstained", "Abstained"
    DID_NOT_VOTE = "did_not_vote", "Did not vote"
    WITHDRAWN = "withdrawn", "Withdrawn"  # left the room for the item (§4)
    NOT_ENTITLED = "not_entitled", "Not entitled to vote"  # non-voting, or silent (§4)
    ABSENT = "absent", "Absent"


class CastingMode(Vocabulary):
    """What the person presiding may do on a tie (a body setting, §5)."""

    NONE = "none", "No casting vote"  # a tie is simply not carried
    OPTIONAL = "optional", "May use a casting vote"  # Kent 000 §11.3 "may"
    REQUIRED = "required", "Must use a casting vote"


class CastingChoice(Vocabulary):
    """What the person presiding did with the casting vote."""

    FOR = "for", "For"
    AGAINST = "against", "Against"
    DECLINED = "declined", "Declined"  # only where optional; the motion then fails


class Majority(Vocabulary):
    """The majority a motion needs (§5; practice: simple, unless the body sets otherwise)."""

    SIMPLE = "simple", "Simple majority"  # for > against; abstentions are not votes cast
    TWO_THIRDS = "two_thirds", "Two thirds"  # for >= 2/3 of (for + against), at least one


class ElectionMethod(Vocabulary):
    """How an election was decided (§8)."""

    VOTES = "votes", "Most votes"
    CASTING = "casting", "Casting vote"
    LOT = "lot", "Drawing lots"


# --- The clerk's year (DOMAIN.md §7) -----------------------------------------------------


class Mark(Vocabulary):
    """How a member is recorded for one meeting (the register's end state, §2)."""

    PRESENT = "present", "Present"
    SUBSTITUTE = "substitute", "Substitute"  # represented by their named substitute
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class AttendanceStatus(Vocabulary):
    """Where a member stands against the attendance threshold."""

    MET = "met", "Meets the threshold"
    AT_RISK = "at_risk", "At risk"  # recoverable in the remaining meetings
    MISSED = "missed", "Cannot meet it this year"
    NO_MEETINGS = "no_meetings", "No meetings yet"


class YearMeetingState(Vocabulary):
    """Where a meeting stands in the attendance year (§7)."""

    HELD = "held", "Held"  # or its day has passed: it counts
    TO_COME = "to_come", "To come"
    CANCELLED = "cancelled", "Cancelled"  # counted for nobody


class DispatchCounting(Vocabulary):
    """How "seven working days before" is counted (an interpretation, a body setting)."""

    WORKING_DAYS = "working_days", "Working days"  # the dispatch day counts
    CLEAR_DAYS = "clear_days", "Clear days"  # neither end counts


# Every vocabulary, for the tests that check labels, the schema and the code against them.
VOCABULARIES: tuple[type[Vocabulary], ...] = tuple(Vocabulary.__subclasses__())

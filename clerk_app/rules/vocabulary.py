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


class ItemAddition(Vocabulary):
    """How an item came onto the agenda (DOMAIN.md §9 "Agenda changes")."""

    ON_AGENDA = "on_agenda", "On the agenda"
    LATE = "late", "Late item"  # added after the papers were dispatched
    URGENT = "urgent", "Urgent item"  # taken during the meeting, the chair agreeing


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
    REMOTE = "remote", "Attending remotely"  # DOMAIN.md §9, where the body records it




class QuorumEventKind(Vocabulary):
    LOST = "lost", "Quorum lost"
    REGAINED = "regained", "Quorum regained"


class OfficeRole(Vocabulary):
    """The offices the rules give a part in a meeting (000 §10): who presides, and how the
    register and the vote screen name the holder. A body may hold other offices too; their
    keys are not in this vocabulary."""

    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-Chair"

    @classmethod
    def of(cls, key: str | None) -> OfficeRole | None:
        """The role an office key names, or None for any other office (or none)."""
        try:
            return cls(key)
        except ValueError:
            return None


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
    WITHDRAWS = "withdraws", "Withdrew"  # left the room for the item, 000 §7.2


# --- Decisions and votes (DOMAIN.md §5) --------------------------------------------------


class DecisionKind(Vocabulary):
    """What an item came to, with the words its line opens with on screen and in reports
    ("RESOLVED: that …"); the minutes set the same words in their own type."""

    opening: str

    def __new__(cls, value: str, label: str, opening: str) -> DecisionKind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.opening = opening
        return member

    def line(self, text: str, referred_to: str = "") -> str:
        """The decision as one plain line: "RESOLVED: that …", "Referred to the Board: …"."""
        if self is DecisionKind.REFERRED:
            return f"{self.opening} {referred_to}" + (f": {text}" if text else "")
        return f"{self.opening} {text}".strip()

    CONSENSUS = "consensus", "Agreed", "RESOLVED: that"
    VOTE = "vote", "Vote", "Motion: that"
    NOTED = "noted", "Noted", "Noted."
    DEFERRED = "deferred", "Deferred", "Deferred."
    ELECTION = "election", "Election", "RESOLVED:"  # its text is "that A. Name be elected …"
    REFERRED = "referred", "Referred", "Referred to"  # to another body or a working group


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
    REMOTE = "remote", "Attended remotely"  # by video link (DOMAIN.md §9)
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



class DeadlineTask(Vocabulary):
    """What a deadline is for (§6), in the order a day's deadlines are listed."""

    RECORD = "record", "Meeting record"  # the day passed and the meeting was never opened
    PAPERS = "papers", "Agenda papers"  # 002 §6.2
    MINUTES = "minutes", "Minutes"  # 002 §6.3


class DeadlineState(Vocabulary):
    """Where a deadline stands today; the order is the order of urgency."""

    UNRECORDED = "unrecorded", "Day passed, never opened"
    OVERDUE = "overdue", "Overdue"
    DUE = "due", "Due"
    DONE_LATE = "done_late", "Done late"
    DONE = "done", "Done"
    APPROVED = "approved", "Minutes approved; distribution date not recorded"
# --- A body's constitution (DOMAIN.md §1, §3, §5, §7, §8) --------------------------------


class SettingKey(Vocabulary):
    """The name of one of a body's rule settings; the label is how the clerk reads it."""

    QUORUM = "quorum", "Quorum"
    QUORUM_PERSON_FILLS_EVERY_GROUP = (
        "quorum_person_fills_every_group",
        "One person fills every quorum group they belong to",
    )
    QUORUM_SUBSTITUTE_FILLS_OFFICE = (
        "quorum_substitute_fills_office",
        "A substitute for an office holder fills the office's quorum group",
    )
    CASTING_VOTE = "casting_vote", "Casting vote on a tie"
    CHAIR_ORDINARY_VOTE = "chair_ordinary_vote", "The person presiding also has an ordinary vote"
    CHAIR_VOTES_ONLY_TO_CHANGE_RESULT = (
        "chair_votes_only_to_change_result",
        "The person presiding votes only to change the result",
    )
    MAJORITY = "majority", "What carries a motion"
    SUBSTITUTES = "substitutes", "Who may substitute for a member"
    DEPUTY_LIMIT_PER_YEAR = (
        "deputy_limit_per_year",
        "Substitute attendances allowed per member per year",
    )
    ATTENDANCE_THRESHOLD = (
        "attendance_threshold",
        "Expected attendance over the year",
    )
    ATTENDANCE_YEAR_START_MONTH = (
        "attendance_year_start_month",
        "The attendance year starts in",
    )
    SUBSTITUTE_COUNTS_AS_ATTENDANCE = (
        "substitute_counts_as_attendance",
        "A substitute's attendance counts for the member",
    )
    DISPATCH_WORKING_DAYS = "dispatch_working_days", "Agenda papers sent out before the meeting"
    DISPATCH_COUNTING = "dispatch_counting", "How the dispatch deadline is counted"
    MINUTES_DUE_DAYS = "minutes_due_days", "Draft minutes due after the meeting"
    DECLARATION_EFFECTS = "declaration_effects", "Usual effect of a declared interest"
    MEETING_FREQUENCY_MONTHS = "meeting_frequency_months", "How often the body meets"
    MEETINGS_OPEN_TO_PUBLIC = "meetings_open_to_public", "Meetings are open to the public"
    REMOTE_ATTENDANCE = "remote_attendance", "Members attending by video link"
    MINUTE_NUMBERING = "minute_numbering", "How minutes are numbered"


class RemoteAttendance(Vocabulary):
    """Whether a body records members attending by video link, and whether they count
    (a body setting, DOMAIN.md §9 "Remote attendance")."""

    NOT_RECORDED = "not_recorded", "Remote attendance is not recorded"
    RECORDED = "recorded", "Recorded, not counted for quorum or votes"
    COUNTED = "counted", "Counted for quorum and votes"


class MinuteNumbering(Vocabulary):
    """How a body numbers its minutes, and so how one minute refers to another (a body
    setting, DOMAIN.md §6): by the agenda's item numbers, or running through the body's
    year ("Minute 23/26")."""

    BY_ITEM = "by_item", "By agenda item number"
    BY_YEAR = "by_year", "Running through the year"


class Substitutes(Vocabulary):
    """Who may attend in a member's place (a body setting, DOMAIN.md §2)."""

    NAMED_ONLY = "named_only", "Named substitute only"  # 002 §4.2
    NAMED_OR_SAME_AGENCY = "named_or_same_agency", "Named substitute or same agency"


class SeatKind(Vocabulary):
    """What a category's seats carry, as a body's terms of reference say it (DOMAIN.md §1):
    a vote, a non-voting membership (Kent's LCSP Managers, 000 §9.3) or an observer's
    place (Lincolnshire's Independent Chair of the LSCB, 002 §4.1)."""

    VOTING = "voting_member", "Voting members"
    NON_VOTING = "non_voting_member", "Members without a vote"
    OBSERVER = "observer", "Observers"


# Every vocabulary, for the tests that check labels, the schema and the code against them.
VOCABULARIES: tuple[type[Vocabulary], ...] = tuple(Vocabulary.__subclasses__())

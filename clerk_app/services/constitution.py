"""A body's constitution: its rule settings, read as the rules' dataclasses, changed or
confirmed by the clerk, and said in the clerk's words (DOMAIN.md §1, §3, §5, §7, §8).

Each setting is a row of `BodySetting` with its source, or an "assumed" mark until the
clerk confirms it. `body_rules` turns them into the rules' plain dataclasses with the
documented defaults; a change is refused when the rules cannot read the new value.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app import clock
from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import BodySetting, Category, Office
from clerk_app.rules.attendance import Threshold
from clerk_app.rules.fractions import fraction_with_percent, parse_fraction
from clerk_app.rules.limits import TextKind
from clerk_app.rules.offices import OfficeRules
from clerk_app.rules.quorum import QuorumRule
from clerk_app.rules.vocabulary import (
    CastingMode,
    DispatchCounting,
    InterestEffect,
    InterestKind,
    Majority,
    MinuteNumbering,
    RemoteAttendance,
    SettingKey,
    Substitutes,
)
from clerk_app.rules.voting import VoteSettings
from clerk_app.services import organisations
from clerk_app.services.audit import audit
from clerk_app.services.errors import ClerkError
from clerk_app.services.names import check_text
from clerk_app.services.sources import cited

# --- The constitution as rules -----------------------------------------------------------


@dataclass(frozen=True)
class BodyRules:
    """A body's constitution in the rules' own terms."""

    quorum: QuorumRule
    votes: VoteSettings
    threshold: Threshold
    deputy_limit: int | None
    substitutes_same_agency: bool
    dispatch_working_days: int
    dispatch_counting: DispatchCounting
    minutes_due_days: int
    declaration_effects: dict[str, str]
    offices: dict[str, OfficeRules]
    remote: RemoteAttendance = RemoteAttendance.RECORDED
    year_start_month: int = 4  # the attendance year: April to March unless the body says
    minute_numbering: MinuteNumbering = MinuteNumbering.BY_ITEM

    @property
    def remote_counts(self) -> bool:
        """A member on a video link counts for quorum, votes and the attendance
        expectation like anyone in the room (DOMAIN.md §9 "Remote attendance")."""
        return self.remote is RemoteAttendance.COUNTED


def settings_of(session: Session, body_id: int) -> dict[str, Any]:
    """Setting key -> value, for one body."""
    rows = session.exec(select(BodySetting).where(BodySetting.body_id == body_id))
    return {row.key: row.value for row in rows}


def office_rules(session: Session, office: Office) -> OfficeRules:
    """The office's rules; the excluded employers it names ("Kent County Council") are
    resolved to organisations, so that a short name or alias cannot slip past them."""
    excluded = (organisations.ref_named(session, name) for name in office.excluded_employers)
    categories = session.exec(select(Category).where(Category.body_id == office.body_id))
    return OfficeRules(
        office=office.key,
        name=office.name,
        only_categories=frozenset(office.only_categories),
        not_same_agency_as=tuple(office.not_same_agency_as),
        core_member_only=office.core_member_only,
        excluded_employers=frozenset(org for org in excluded if org is not None),
        source=office.eligibility_source or office.source,
        category_names={c.key: c.name for c in categories},
    )


def quorum_of(settings: dict[str, Any]) -> QuorumRule:
    """The quorum rule, with the two interpretation settings beside it (DOMAIN.md §3)."""
    return QuorumRule.from_setting(
        settings.get(SettingKey.QUORUM, {}),
        person_fills_every_group=settings.get(SettingKey.QUORUM_PERSON_FILLS_EVERY_GROUP, True),
        substitute_fills_office=settings.get(SettingKey.QUORUM_SUBSTITUTE_FILLS_OFFICE, False),
    )


def body_rules(session: Session, body_id: int) -> BodyRules:
    """Read a body's settings into the rules' dataclasses, with the documented defaults."""
    s = settings_of(session, body_id)
    deputy_limit = s.get(SettingKey.DEPUTY_LIMIT_PER_YEAR, -1)
    offices = session.exec(select(Office).where(Office.body_id == body_id))
    substitutes = Substitutes(s.get(SettingKey.SUBSTITUTES, Substitutes.NAMED_ONLY))
    remote = RemoteAttendance(s.get(SettingKey.REMOTE_ATTENDANCE, REMOTE_DEFAULT.value))
    return BodyRules(
        quorum=quorum_of(s),
        votes=VoteSettings(
            casting=CastingMode(s.get(SettingKey.CASTING_VOTE, CastingMode.OPTIONAL)),
            chair_ordinary_vote=s.get(SettingKey.CHAIR_ORDINARY_VOTE, True),
            chair_votes_only_to_change_result=s.get(
                SettingKey.CHAIR_VOTES_ONLY_TO_CHANGE_RESULT, False),
            majority=Majority(s.get(SettingKey.MAJORITY, Majority.SIMPLE)),
        ),
        threshold=Threshold(
            fraction=parse_fraction(s.get(SettingKey.ATTENDANCE_THRESHOLD, "3/4")),
            substitute_counts=s.get(SettingKey.SUBSTITUTE_COUNTS_AS_ATTENDANCE, True),
            remote_counts=remote is RemoteAttendance.COUNTED,
        ),
        deputy_limit=None if deputy_limit is None or deputy_limit < 0 else deputy_limit,
        substitutes_same_agency=substitutes is Substitutes.NAMED_OR_SAME_AGENCY,
        dispatch_working_days=s.get(SettingKey.DISPATCH_WORKING_DAYS, 7),
        dispatch_counting=DispatchCounting(
            s.get(SettingKey.DISPATCH_COUNTING, DispatchCounting.WORKING_DAYS)),
        minutes_due_days=s.get(SettingKey.MINUTES_DUE_DAYS, 10),
        declaration_effects=dict(s.get(SettingKey.DECLARATION_EFFECTS, {})),
        offices={o.key: office_rules(session, o) for o in offices},
        remote=remote,
        year_start_month=_month(s.get(SettingKey.ATTENDANCE_YEAR_START_MONTH,
                                      YEAR_START_DEFAULT.value)),
        minute_numbering=MinuteNumbering(s.get(SettingKey.MINUTE_NUMBERING,
                                               MINUTE_NUMBERING_DEFAULT.value)),
    )


def _month(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 12:
        raise ValueError("the year must start in a month numbered 1 (January) to 12")
    return value


# A setting that later versions added, for a body made before it shipped (or from a
# record file without it): its assumed value, shown to be confirmed like a preset's.
@dataclass(frozen=True)
class AssumedDefault:
    value: Any
    source: str
    note: str = ""


REMOTE_DEFAULT = AssumedDefault(
    RemoteAttendance.RECORDED,
    "practice: a partnership board that is not a council committee may allow "
    "remote attendance if its terms of reference say so; recorded, not counted, until the "
    "board decides",
    "A member on a video link is listed as attending remotely but does not count for "
    "quorum, does not vote and does not count toward the attendance expectation.",
)
YEAR_START_DEFAULT = AssumedDefault(
    4, "practice: the financial year, April to March",
    "Attendance is counted over the year starting in this month.")
MINUTE_NUMBERING_DEFAULT = AssumedDefault(
    MinuteNumbering.BY_ITEM,
    "practice: the seeds are silent on numbering minutes; by agenda item until the body "
    "says otherwise",
    "Many bodies number minutes through the year (“Minute 23/26”) so that later "
    "minutes can refer to them; the year starts in the month the attendance year does.")
ADDED_SETTINGS: dict[SettingKey, AssumedDefault] = {
    SettingKey.REMOTE_ATTENDANCE: REMOTE_DEFAULT,
    SettingKey.ATTENDANCE_YEAR_START_MONTH: YEAR_START_DEFAULT,
    SettingKey.MINUTE_NUMBERING: MINUTE_NUMBERING_DEFAULT,
}


# --- Changing and confirming -------------------------------------------------------------


def change_setting(engine: Engine, body_id: int, key: str, value: Any, source: str = "") -> None:
    """Set a rule setting; a clerk's change counts as confirmed.

    Raises:
        ClerkError: the rules cannot read the value; nothing is changed.
    """
    check_text(source, TextKind.TEXT, "source")
    with unit_of_work(engine) as session:
        row = session.exec(
            select(BodySetting).where(BodySetting.body_id == body_id, BodySetting.key == key)
        ).first()
        if row is None:
            row = BodySetting(body_id=body_id, key=key, value=value)
        old = row.value
        row.value = value
        row.source = source or row.source or "set by the clerk"
        row.assumed = False
        row.confirmed_at = clock.now()
        session.add(row)
        session.flush()
        try:
            body_rules(session, body_id)  # refuse a value the rules cannot read
        except (ValueError, TypeError, ZeroDivisionError) as error:
            raise ClerkError(
                f"The setting {setting_label(key)!r} cannot take that value: {error}. "
                "Nothing was changed."
            ) from error
        audit(session, None, "setting.change", body_id=body_id, key=key, old=old, new=value)


def confirm_setting(engine: Engine, body_id: int, key: str) -> None:
    """The clerk confirms an assumed setting as it stands."""
    with unit_of_work(engine) as session:
        row = session.exec(
            select(BodySetting).where(BodySetting.body_id == body_id, BodySetting.key == key)
        ).first()
        if row is None:  # a setting added since the body was made: confirm its default
            default = ADDED_SETTINGS[SettingKey(key)]
            row = BodySetting(body_id=body_id, key=key, value=default.value,
                              source=default.source, note=default.note, assumed=True)
        row.confirmed_at = clock.now()
        session.add(row)
        audit(session, None, "setting.confirm", body_id=body_id, key=key)


# --- In the clerk's words ----------------------------------------------------------------

# The values a choice setting may take, each with its meaning (the rules' own enums).
SETTING_CHOICES: dict[SettingKey, dict[str, str]] = {
    SettingKey.CASTING_VOTE: {
        CastingMode.NONE: "No casting vote: a tie is not carried",
        CastingMode.OPTIONAL: "The person presiding may give a casting vote, or decline",
        CastingMode.REQUIRED: "The person presiding must give a casting vote",
    },
    SettingKey.MAJORITY: {
        Majority.SIMPLE: "More for than against; abstentions are not votes cast",
        Majority.TWO_THIRDS: "Two thirds of the votes cast",
    },
    SettingKey.SUBSTITUTES: {
        Substitutes.NAMED_ONLY: "Only the member's named substitute",
        Substitutes.NAMED_OR_SAME_AGENCY: "The named substitute, or another person from the "
                                          "member's agency",
    },
    SettingKey.REMOTE_ATTENDANCE: {
        RemoteAttendance.NOT_RECORDED: "Not recorded: members must attend in person",
        RemoteAttendance.RECORDED: "Recorded as attending remotely, but not counted for "
                                   "quorum, votes or the attendance expectation",
        RemoteAttendance.COUNTED: "Counted for quorum, votes and attendance like anyone in "
                                  "the room",
    },
    SettingKey.MINUTE_NUMBERING: {
        MinuteNumbering.BY_ITEM: "By agenda item: minutes 1, 2, 3 at each meeting",
        MinuteNumbering.BY_YEAR: "Running through the year: Minute 23/26 is the year's "
                                 "23rd, in the year that began in 2026",
    },
    SettingKey.DISPATCH_COUNTING: {
        DispatchCounting.WORKING_DAYS: "Working days; the meeting day is not counted",
        DispatchCounting.CLEAR_DAYS: "Clear days; neither the meeting day nor the "
                                     "dispatch day is counted",
    },
}
# What a declared interest of each kind usually does, as the setting says it.
EFFECT_RULE_WORDS = {
    InterestEffect.PARTICIPATES: "Takes part (recorded only)",
    InterestEffect.SILENT: "Stays but does not speak or vote",
    InterestEffect.WITHDRAWS: "Leaves the room for the item",
}
NO_DEPUTY_LIMIT = -1  # deputy_limit_per_year: substitutes may attend without limit


def known_setting(key: str) -> SettingKey | None:
    """The setting a stored key names; None for a key this version does not know."""
    try:
        return SettingKey(key)
    except ValueError:
        return None


def setting_label(key: str) -> str:
    """A setting's name in the clerk's words; a setting the app does not know, by its key."""
    setting = known_setting(key)
    return setting.label if setting else key.replace("_", " ").capitalize()


def _frequency(value: Any) -> str:
    if not value:
        return "Not set"
    return f"Every {value} months" if value > 1 else "Monthly"


def _year_start(value: Any) -> str:
    if not isinstance(value, int) or not 1 <= value <= 12:
        return str(value)
    first, last = calendar.month_name[value], calendar.month_name[(value - 2) % 12 + 1]
    return f"{first} (the year runs {first} to {last})"


def _effects(value: dict[str, str]) -> str:
    kinds = {kind.value: kind.label for kind in InterestKind}
    effects = {effect.value: words for effect, words in EFFECT_RULE_WORDS.items()}
    return "; ".join(f"{kinds.get(k, k)}: {effects.get(v, v).lower()}" for k, v in value.items())


_WORDS: dict[SettingKey, Callable[[Any], str]] = {
    SettingKey.QUORUM: lambda value: QuorumRule.from_setting(value).describe(),
    SettingKey.DEPUTY_LIMIT_PER_YEAR:
        lambda value: "No limit" if value is None or value < 0 else f"{value} a year",
    SettingKey.ATTENDANCE_THRESHOLD: lambda value: (
        f"At least {fraction_with_percent(parse_fraction(value))} of the year's meetings"),
    SettingKey.DISPATCH_WORKING_DAYS: lambda value: f"{value} working days before",
    SettingKey.MINUTES_DUE_DAYS: lambda value: f"{value} calendar days after",
    SettingKey.MEETING_FREQUENCY_MONTHS: _frequency,
    SettingKey.ATTENDANCE_YEAR_START_MONTH: _year_start,
    SettingKey.DECLARATION_EFFECTS: _effects,
}
_SHAPES: dict[SettingKey, type] = {SettingKey.QUORUM: dict, SettingKey.DECLARATION_EFFECTS: dict}


def describe_setting(key: str, value: Any) -> str:
    """A setting's value in the clerk's words, for the set-up screen."""
    setting = known_setting(key)
    if setting in SETTING_CHOICES:
        return SETTING_CHOICES[setting].get(str(value), str(value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if setting in _WORDS and isinstance(value, _SHAPES.get(setting, object)):
        return _WORDS[setting](value)
    return str(value)


@dataclass(frozen=True)
class SettingRow:
    key: str
    label: str
    value: Any
    text: str  # the value in words
    source: str
    note: str
    assumed: bool
    confirmed_at: datetime | None

    @property
    def needs_confirming(self) -> bool:
        """Shown "assumed — please confirm" until the clerk confirms or changes it."""
        return self.assumed and self.confirmed_at is None


def setting_rows(session: Session, body_id: int) -> tuple[SettingRow, ...]:
    """The body's settings in the order the preset gives them, each with its words."""
    rows = session.exec(select(BodySetting).where(BodySetting.body_id == body_id)
                        .order_by(BodySetting.id)).all()
    stored = {s.key for s in rows}
    added = tuple(  # shown as assumed until the clerk confirms or changes it (a row then)
        SettingRow(key.value, key.label, d.value, describe_setting(key, d.value), d.source,
                   d.note, True, None)
        for key, d in ADDED_SETTINGS.items() if key not in stored)
    return tuple(
        SettingRow(s.key, setting_label(s.key), s.value, describe_setting(s.key, s.value),
                   s.source, s.note, s.assumed, s.confirmed_at)
        for s in rows
    ) + added


def setting_citation(session: Session, body_id: int, key: SettingKey) -> str:
    """What a refusal applying this setting cites: the body's own source for it, in the
    clerk's words, or "assumed — please confirm" (a body without the setting runs on the
    documented default, which is an assumption too)."""
    row = next((r for r in setting_rows(session, body_id) if r.key == key), None)
    if row is None:
        return cited("", assumed=True)
    return cited(row.source, row.needs_confirming)

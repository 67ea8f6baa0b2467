"""A body not yet made: a draft in the preset format (database/presets/README.md), as the
guided set-up builds it page by page and a preset gives it whole.

The draft is plain data (dicts and lists, as a preset's TOML reads), so a preset, the
guided set-up and a draft kept from an interrupted set-up all go through one
`presets.create_body_from_draft`. This module checks a draft and says what to fix; it
writes nothing.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from clerk_app.rules.vocabulary import (
    CastingMode,
    DispatchCounting,
    InterestEffect,
    InterestKind,
    Majority,
    MinuteNumbering,
    RemoteAttendance,
    SeatKind,
    SettingKey,
    Substitutes,
)
from clerk_app.services.errors import ClerkError
from clerk_app.services.names import check_name

CHAIR, VICE_CHAIR = "chair", "vice_chair"  # the offices the rules give meaning to

# What each kind of seat is, as the rules read a category (rules/roster.py: a person
# counts for quorum and may vote only in a `voting` seat; `core` matters only to an
# office that must go to a core member, 000 §10.3). A member without a vote is still a
# member of the board (core); an observer is neither a voter nor a core member.
SEAT_FLAGS: dict[SeatKind, tuple[bool, bool]] = {  # kind -> (voting, core)
    SeatKind.VOTING: (True, True),
    SeatKind.NON_VOTING: (False, True),
    SeatKind.OBSERVER: (False, False),
}


def seat_kind(category: dict[str, Any]) -> SeatKind:
    """The kind of a draft's category, from its voting and core flags."""
    if category.get("voting", True):
        return SeatKind.VOTING
    return SeatKind.NON_VOTING if category.get("core", True) else SeatKind.OBSERVER


def key_from_name(name: str, taken: Iterable[str], separator: str = "_",
                  fallback: str = "item") -> str:
    """A lower_snake_case key made from a name, numbered when already taken: "Schools"
    -> "schools", "Siân" -> "sian"; a name with no Latin letters (e.g. right-to-left)
    gets the fallback word, numbered like any other."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", separator, plain).strip(separator)[:60].strip(separator)
    base = base or fallback
    taken = set(taken)
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}{separator}{number}"
    return key


PRACTICE = "practice: ordinary UK committee practice, offered when the body was set up"
# The values offered for a body typed by hand: each stays "assumed — please confirm"
# until the clerk sets it or says where it comes from. The quorum is the one DOMAIN.md §3
# assumes where a constitution gives none: one third of voting seats, not fewer than 3.
OFFERED_SETTINGS: dict[SettingKey, Any] = {
    SettingKey.QUORUM: {"head_count": 0, "fraction": "1/3", "fraction_floor": 3,
                        "vacancies_in_base": True, "groups_needed": 0},
    SettingKey.QUORUM_PERSON_FILLS_EVERY_GROUP: True,
    SettingKey.QUORUM_SUBSTITUTE_FILLS_OFFICE: False,
    SettingKey.CASTING_VOTE: CastingMode.OPTIONAL.value,
    SettingKey.CHAIR_ORDINARY_VOTE: True,
    SettingKey.CHAIR_VOTES_ONLY_TO_CHANGE_RESULT: False,
    SettingKey.MAJORITY: Majority.SIMPLE.value,
    SettingKey.SUBSTITUTES: Substitutes.NAMED_ONLY.value,
    SettingKey.DEPUTY_LIMIT_PER_YEAR: -1,
    SettingKey.ATTENDANCE_THRESHOLD: "3/4",
    SettingKey.ATTENDANCE_YEAR_START_MONTH: 4,
    SettingKey.SUBSTITUTE_COUNTS_AS_ATTENDANCE: True,
    SettingKey.DISPATCH_WORKING_DAYS: 5,
    SettingKey.DISPATCH_COUNTING: DispatchCounting.WORKING_DAYS.value,
    SettingKey.MINUTES_DUE_DAYS: 10,
    SettingKey.DECLARATION_EFFECTS: {InterestKind.PECUNIARY.value: InterestEffect.WITHDRAWS.value,
                                     InterestKind.NON_PECUNIARY.value:
                                         InterestEffect.PARTICIPATES.value,
                                     InterestKind.OTHER.value: InterestEffect.PARTICIPATES.value},
    SettingKey.MEETING_FREQUENCY_MONTHS: 0,
    SettingKey.MEETINGS_OPEN_TO_PUBLIC: True,
    SettingKey.REMOTE_ATTENDANCE: RemoteAttendance.RECORDED.value,
    SettingKey.MINUTE_NUMBERING: MinuteNumbering.BY_ITEM.value,
}


def blank_draft() -> dict[str, Any]:
    """A body typed by hand starts here: no seats yet, a Chair and a Vice-Chair, and every
    setting at its offered value, assumed."""
    return {
        "body": {"name": "", "short_name": "", "description": ""},
        "categories": [],
        "offices": [
            {"key": CHAIR, "name": "Chair", "source": PRACTICE, "assumed": True},
            {"key": VICE_CHAIR, "name": "Vice-Chair", "source": PRACTICE, "assumed": True},
        ],
        "organisations": [],
        "settings": {key.value: {"value": copy.deepcopy(value), "source": PRACTICE,
                                 "assumed": True}
                     for key, value in OFFERED_SETTINGS.items()},
    }


def check_draft(draft: dict[str, Any]) -> None:
    """Refuse a draft that cannot make a body, saying what to fix.

    Raises:
        ClerkError: an empty or overlong name, no seats, two categories or offices with
            one key, seats fewer than one, an eligibility rule or quorum group naming a
            category or office the body does not have.
    """
    check_name(draft.get("body", {}).get("name", ""), "body name")
    categories = draft.get("categories", [])
    if not categories:
        raise ClerkError("The body has no seats: add at least one category of seats.")
    category_keys = _unique(categories, "category")
    for category in categories:
        check_name(category.get("name", ""), "category name")
        if not isinstance(category.get("seats"), int) or category["seats"] < 1:
            raise ClerkError(f"The category {category['name']!r} needs at least one seat.")
    offices = draft.get("offices", [])
    office_keys = _unique(offices, "office")
    for office in offices:
        check_name(office.get("name", ""), "office name")
        _names_known(office.get("only_categories", []), category_keys,
                     f"The {office['name']} may only come from", "category")
        _names_known(office.get("not_same_agency_as", []), office_keys,
                     f"The {office['name']}'s agency rule names", "office")
    quorum = draft.get("settings", {}).get(SettingKey.QUORUM.value, {}).get("value", {})
    groups = [*quorum.get("groups", []), *quorum.get("required", [])]
    for group in groups:
        where = f"The quorum group {group.get('label', group.get('key'))!r} names"
        _names_known(group.get("categories", []), category_keys, where, "category")
        _names_known(group.get("offices", []), office_keys, where, "office")
        if not group.get("categories") and not group.get("offices"):
            raise ClerkError(f"The quorum group {group.get('label')!r} has no category or "
                             "office in it: tick who fills it, or remove it.")
    if quorum.get("groups_needed", 0) > len(quorum.get("groups", [])):
        raise ClerkError(f"The quorum needs {quorum['groups_needed']} groups but the body has "
                         f"{len(quorum.get('groups', []))}: add groups or need fewer.")


def _unique(rows: list[dict[str, Any]], what: str) -> set[str]:
    keys = [row.get("key", "") for row in rows]
    for key in keys:
        if keys.count(key) > 1 or not key:
            raise ClerkError(f"Two {what} names make the same key {key!r}: give each "
                             f"{what} a different name.")
    return set(keys)


def _names_known(named: Iterable[str], known: set[str], where: str, what: str) -> None:
    for key in named:
        if key not in known:
            raise ClerkError(f"{where} a {what} {key!r} the body does not have: remove it "
                             f"or add the {what}.")


def forget_missing(draft: dict[str, Any]) -> None:
    """After a category or an office is removed, the rules that named it forget it: an
    office's eligible categories, the quorum groups (a group left naming nothing goes)."""
    categories = {c["key"] for c in draft.get("categories", [])}
    offices = {o["key"] for o in draft.get("offices", [])}
    for office in draft.get("offices", []):
        for name, known in (("only_categories", categories), ("not_same_agency_as", offices)):
            if name in office:
                office[name] = [key for key in office[name] if key in known]
    quorum = draft.get("settings", {}).get(SettingKey.QUORUM.value, {}).get("value", {})
    for form in ("groups", "required"):
        kept = []
        for group in quorum.get(form, []):
            group["categories"] = [k for k in group.get("categories", []) if k in categories]
            group["offices"] = [k for k in group.get("offices", []) if k in offices]
            if group["categories"] or group["offices"]:
                kept.append(group)
        if form in quorum:
            quorum[form] = kept
    if "groups_needed" in quorum:
        quorum["groups_needed"] = min(quorum["groups_needed"], len(quorum.get("groups", [])))


def with_every_setting(draft: dict[str, Any]) -> dict[str, Any]:
    """The draft with every setting the set-up asks about: one a preset does not carry
    (added since it was written) is offered, assumed."""
    settings = draft.setdefault("settings", {})
    for key, value in OFFERED_SETTINGS.items():
        settings.setdefault(key.value, {"value": copy.deepcopy(value), "source": PRACTICE,
                                        "assumed": True})
    return draft


# --- A set-up interrupted ---------------------------------------------------------------


def _kept_path(engine: Engine) -> Path | None:
    """Beside the record file: "record.sqlite3.set-up-draft.json"; none in memory."""
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(f"{database}.set-up-draft.json")


def keep_draft(engine: Engine, draft: dict[str, Any], preset_key: str | None) -> None:
    """Keep the draft beside the record after each page, so a crash loses nothing typed."""
    path = _kept_path(engine)
    if path is not None:
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"preset_key": preset_key, "typed": draft},
                                        ensure_ascii=False), encoding="utf-8")
        temporary.replace(path)


def kept_draft(engine: Engine) -> tuple[dict[str, Any], str | None] | None:
    """The draft of a set-up left unfinished, with its preset; None if there is none or
    it cannot be read (it is then set aside, never in the way)."""
    path = _kept_path(engine)
    if path is None or not path.exists():
        return None
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        return with_every_setting(kept["typed"]), kept.get("preset_key")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def discard_draft(engine: Engine) -> None:
    """The set-up finished or was cancelled: its draft is not offered again."""
    path = _kept_path(engine)
    if path is not None:
        path.unlink(missing_ok=True)

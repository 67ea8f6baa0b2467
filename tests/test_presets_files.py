"""The shipped body presets (database/presets/*.toml) against their README and seeds.

Every preset must parse, follow the format of database/presets/README.md, mark every
rule with its source or as assumed, name no real person (DOMAIN.md §8), and carry the
figures the seeds give.
"""

from __future__ import annotations

import math
import re
import tomllib
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

PRESETS = Path(__file__).resolve().parent.parent / "database" / "presets"

EXPECTED_FILES = {
    "kent-lcsp": "000",
    "kent-ct": "001",
    "lincolnshire-cypsp": "002",
    "kent-ct-county-board": "003",
    "cumbria-cypb": "004",
}

BODY_KEYS = {"key", "name", "short_name", "seed", "description"}
CATEGORY_REQUIRED = {"key", "name", "seats", "voting", "core"}
CATEGORY_ALLOWED = CATEGORY_REQUIRED | {"seat_labels", "source", "assumed", "notes"}
OFFICE_REQUIRED = {"key", "name"}
OFFICE_ALLOWED = OFFICE_REQUIRED | {
    "term_months",
    "source",
    "assumed",
    "notes",
    "only_categories",
    "not_same_agency_as",
    "core_member_only",
    "excluded_employers",
    "eligibility_source",
}
SETTING_ALLOWED = {"value", "source", "assumed", "note"}
QUORUM_VALUE_ALLOWED = {
    "head_count",
    "fraction",
    "fraction_floor",
    "vacancies_in_base",
    "groups_needed",
    "groups",
    "required",
}
GROUP_ALLOWED = {"key", "label", "offices", "categories"}

EFFECTS = {"participates", "silent", "withdraws"}
BOOL_SETTINGS = {
    "quorum_person_fills_every_group",
    "quorum_substitute_fills_office",
    "chair_ordinary_vote",
    "chair_votes_only_to_change_result",
    "substitute_counts_as_attendance",
    "meetings_open_to_public",
}
ENUM_SETTINGS = {
    "casting_vote": {"none", "optional", "required"},
    "majority": {"simple", "two_thirds"},
    "substitutes": {"named_only", "named_or_same_agency"},
    "dispatch_counting": {"working_days", "clear_days"},
    "remote_attendance": {"not_recorded", "recorded", "counted"},
    "minute_numbering": {"by_item", "by_year"},
}
INT_SETTINGS = {
    "deputy_limit_per_year",
    "dispatch_working_days",
    "minutes_due_days",
    "meeting_frequency_months",
    "attendance_year_start_month",
}
ALL_SETTINGS = (
    {"quorum", "attendance_threshold", "declaration_effects"}
    | BOOL_SETTINGS
    | set(ENUM_SETTINGS)
    | INT_SETTINGS
)

SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
FRACTION = re.compile(r"^([1-9][0-9]*)/([1-9][0-9]*)$")
# A seed reference ("000 §10.4", "002 §4.1", "001 Appendix 2") or ordinary practice.
SOURCE = re.compile(r"^(practice: .+|00[0-4] .+)$")

# Every personal name that appears in the five seeds (authors, contacts, and the
# members listed in 001's membership table). None may appear in a preset.
SEED_PERSONAL_NAMES = [
    # 000
    "Joy Ackroyd",
    # 001, membership table and distribution list
    "Graham Badman",
    "Chris Wells",
    "Stephen Venner",
    "Mark Dance",
    "Bill Anderson",
    "Sarah Andrews",
    "Alan Barham",
    "Sam Bennet",
    "Gordon Bernard",
    "Sonia Blandford",
    "Barry Clout",
    "Ian Craig",
    "Derek Cuff",
    "Lesley Davies",
    "Roland Gooding",
    "Marilyn Hodges",
    "Amanda Honey",
    "David Hughes",
    "Hillary James",
    "Alexa Kersting-Woods",
    "Richard Murrells",
    "Richard Samuel",
    "Jenny Thomas",
    "Rob Woolley",
    "Molly Norley",
    "Hilary Williams",
    "Ruth Armstrong-Thompson",
    "Jaime Palmer",
    # 002
    "David McWilliams",
    # 003 (author; and the child protection review cited by its author's name)
    "Marisa White",
    "Eileen Munro",
    # 004
    "Moira Swann",
    "Philip Chappelhow",
]


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _preset_paths() -> list[Path]:
    return sorted(PRESETS.glob("*.toml"))


PRESET_IDS = sorted(EXPECTED_FILES)


@pytest.fixture(scope="module")
def presets() -> dict[str, dict[str, Any]]:
    return {path.stem: _load(path) for path in _preset_paths()}


@pytest.fixture(params=PRESET_IDS)
def preset(request: pytest.FixtureRequest, presets: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return presets[request.param]


def _marked(entry: dict[str, Any]) -> bool:
    """The entry names a source or says it is assumed."""
    source = entry.get("source")
    return (isinstance(source, str) and source.strip() != "") or entry.get("assumed") is True


def _check_marks(where: str, entry: dict[str, Any]) -> None:
    assert _marked(entry), f"{where}: needs a source or assumed = true"
    if "assumed" in entry:
        assert isinstance(entry["assumed"], bool), f"{where}: assumed must be a bool"
    if "source" in entry:
        source = entry["source"]
        assert isinstance(source, str) and SOURCE.match(source), f"{where}: bad source {source!r}"
        if source.startswith("practice"):
            assert entry.get("assumed") is True, f"{where}: a practice value must be assumed"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# ---------------------------------------------------------------- the set of files


def test_exactly_the_five_presets_ship() -> None:
    assert {path.stem for path in _preset_paths()} == set(EXPECTED_FILES)


@pytest.mark.parametrize("stem", PRESET_IDS)
def test_every_preset_parses(stem: str) -> None:
    data = _load(PRESETS / f"{stem}.toml")
    assert {"body", "categories", "offices", "settings"} <= set(data)
    assert set(data) <= {"body", "categories", "offices", "settings", "organisations"}


# ---------------------------------------------------------------- body


def test_body_keys(preset: dict[str, Any]) -> None:
    body = preset["body"]
    assert set(body) == BODY_KEYS
    for key in BODY_KEYS:
        assert isinstance(body[key], str) and body[key].strip(), key
    assert EXPECTED_FILES[body["key"]] == body["seed"]


def test_body_key_is_the_file_name(presets: dict[str, dict[str, Any]]) -> None:
    for stem, data in presets.items():
        assert data["body"]["key"] == stem


# ---------------------------------------------------------------- categories


def test_categories(preset: dict[str, Any]) -> None:
    categories = preset["categories"]
    assert categories, "a body needs at least one category"
    keys = [category.get("key") for category in categories]
    assert len(keys) == len(set(keys)), f"duplicate category keys: {keys}"
    for category in categories:
        where = f"{preset['body']['key']} category {category.get('key')!r}"
        assert CATEGORY_REQUIRED <= set(category), f"{where}: missing keys"
        assert set(category) <= CATEGORY_ALLOWED, f"{where}: unknown keys"
        assert SNAKE.match(category["key"]), f"{where}: key is not lower_snake_case"
        assert isinstance(category["name"], str) and category["name"].strip()
        assert _is_int(category["seats"]) and category["seats"] >= 1, where
        assert isinstance(category["voting"], bool), where
        assert isinstance(category["core"], bool), where
        if "seat_labels" in category:
            labels = category["seat_labels"]
            assert isinstance(labels, list), where
            assert len(labels) == category["seats"], f"{where}: seat_labels != seats"
            assert all(isinstance(label, str) and label.strip() for label in labels), where
        _check_marks(where, category)


def test_at_least_one_voting_seat(preset: dict[str, Any]) -> None:
    assert any(category["voting"] for category in preset["categories"])


# ---------------------------------------------------------------- offices


def test_offices(preset: dict[str, Any]) -> None:
    offices = preset["offices"]
    office_keys = [office.get("key") for office in offices]
    assert len(office_keys) == len(set(office_keys)), f"duplicate offices: {office_keys}"
    assert "chair" in office_keys
    category_keys = {category["key"] for category in preset["categories"]}
    for office in offices:
        where = f"{preset['body']['key']} office {office.get('key')!r}"
        assert OFFICE_REQUIRED <= set(office), f"{where}: missing keys"
        assert set(office) <= OFFICE_ALLOWED, f"{where}: unknown keys"
        assert SNAKE.match(office["key"]), where
        _check_marks(where, office)
        if "term_months" in office:
            assert _is_int(office["term_months"]) and office["term_months"] > 0, where
        for category in office.get("only_categories", []):
            assert category in category_keys, f"{where}: unknown category {category!r}"
        for other in office.get("not_same_agency_as", []):
            assert other in office_keys and other != office["key"], where
        if "core_member_only" in office:
            assert isinstance(office["core_member_only"], bool), where
        declared = {o["name"] for o in preset.get("organisations", [])}
        for employer in office.get("excluded_employers", []):
            assert employer in declared, f"{where}: {employer!r} is not a declared organisation"
        rules = {"only_categories", "not_same_agency_as", "core_member_only", "excluded_employers"}
        if rules & set(office):
            assert office.get("eligibility_source") or office.get("assumed") is True, where


# ---------------------------------------------------------------- settings


def test_all_settings_present_and_marked(preset: dict[str, Any]) -> None:
    settings = preset["settings"]
    assert set(settings) == ALL_SETTINGS
    for name, setting in settings.items():
        where = f"{preset['body']['key']} setting {name}"
        assert "value" in setting, f"{where}: no value"
        assert set(setting) <= SETTING_ALLOWED, f"{where}: unknown keys"
        _check_marks(where, setting)


def test_setting_value_types(preset: dict[str, Any]) -> None:
    settings = preset["settings"]
    for name in BOOL_SETTINGS:
        assert isinstance(settings[name]["value"], bool), name
    for name, allowed in ENUM_SETTINGS.items():
        assert settings[name]["value"] in allowed, name
    for name in INT_SETTINGS:
        assert _is_int(settings[name]["value"]), name
    assert settings["deputy_limit_per_year"]["value"] >= -1
    assert settings["dispatch_working_days"]["value"] >= 0
    assert settings["minutes_due_days"]["value"] >= 0
    assert settings["meeting_frequency_months"]["value"] >= 0

    threshold = settings["attendance_threshold"]["value"]
    match = FRACTION.match(threshold) if isinstance(threshold, str) else None
    assert match, f"attendance_threshold {threshold!r} is not a fraction"
    assert 0 < Fraction(int(match[1]), int(match[2])) <= 1

    effects = settings["declaration_effects"]["value"]
    assert set(effects) == {"pecuniary", "non_pecuniary", "other"}
    assert set(effects.values()) <= EFFECTS


def _check_group(where: str, group: dict[str, Any], categories: set, offices: set) -> None:
    assert {"key", "label"} <= set(group) <= GROUP_ALLOWED, where
    assert SNAKE.match(group["key"]), where
    members = list(group.get("offices", [])) + list(group.get("categories", []))
    assert members, f"{where}: a group needs an office or a category"
    for office in group.get("offices", []):
        assert office in offices, f"{where}: unknown office {office!r}"
    for category in group.get("categories", []):
        assert category in categories, f"{where}: unknown category {category!r}"


def test_quorum_rule(preset: dict[str, Any]) -> None:
    body = preset["body"]["key"]
    quorum = preset["settings"]["quorum"]["value"]
    assert isinstance(quorum, dict)
    assert set(quorum) <= QUORUM_VALUE_ALLOWED
    categories = {category["key"] for category in preset["categories"]}
    offices = {office["key"] for office in preset["offices"]}

    head_count = quorum.get("head_count", 0)
    fraction = quorum.get("fraction", "")
    floor = quorum.get("fraction_floor", 0)
    assert _is_int(head_count) and head_count >= 0
    assert _is_int(floor) and floor >= 0
    assert isinstance(quorum.get("vacancies_in_base", True), bool)
    assert fraction == "" or FRACTION.match(fraction), fraction

    groups = quorum.get("groups", [])
    required = quorum.get("required", [])
    needed = quorum.get("groups_needed", 0)
    assert _is_int(needed) and 0 <= needed <= len(groups)
    assert (needed == 0) == (not groups), "groups_needed and groups go together"
    for kind, entries in (("groups", groups), ("required", required)):
        keys = [entry["key"] for entry in entries]
        assert len(keys) == len(set(keys)), f"{body}: duplicate quorum {kind}"
        for entry in entries:
            _check_group(f"{body} quorum {kind} {entry['key']}", entry, categories, offices)

    used = head_count > 0 or fraction != "" or needed > 0 or bool(required)
    assert used, f"{body}: the quorum rule uses no form"


# ---------------------------------------------------------------- no people (DOMAIN §8)


@pytest.mark.parametrize("stem", PRESET_IDS)
def test_no_real_person_is_named(stem: str) -> None:
    text = (PRESETS / f"{stem}.toml").read_text(encoding="utf-8").lower()
    for name in SEED_PERSONAL_NAMES:
        first, last = name.lower().split(" ", 1)
        assert name.lower() not in text, f"{stem}: names {name}"
        assert f"{last}, {first}" not in text, f"{stem}: names {name}"
        assert not re.search(rf"\b{re.escape(last)}\b", text), f"{stem}: surname of {name}"


@pytest.mark.parametrize("stem", PRESET_IDS)
def test_no_contact_details(stem: str) -> None:
    text = (PRESETS / f"{stem}.toml").read_text(encoding="utf-8")
    assert "@" not in text, f"{stem}: e-mail address"
    assert not re.search(r"\b0\d{3,4}\s?\d{5,7}\b", text), f"{stem}: telephone number"
    assert "http" not in text, f"{stem}: web address"


# ---------------------------------------------------------------- the seeds' figures


def _categories(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {category["key"]: category for category in data["categories"]}


def _offices(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {office["key"]: office for office in data["offices"]}


def _value(data: dict[str, Any], name: str) -> Any:
    return data["settings"][name]["value"]


def _assumed_quorum_size(data: dict[str, Any]) -> int:
    quorum = _value(data, "quorum")
    voting = sum(c["seats"] for c in data["categories"] if c["voting"])
    numerator, denominator = (int(part) for part in quorum["fraction"].split("/"))
    return max(math.ceil(voting * numerator / denominator), quorum["fraction_floor"])


def test_kent_lcsp_quorum_is_five_of_seven_groups(presets: dict[str, dict[str, Any]]) -> None:
    """000 §10.4: quorate if five of seven listed organisations are present."""
    data = presets["kent-lcsp"]
    quorum = _value(data, "quorum")
    assert data["settings"]["quorum"]["source"].startswith("000 §10.4")
    assert "assumed" not in data["settings"]["quorum"]
    assert quorum["groups_needed"] == 5
    groups = {group["key"]: group for group in quorum["groups"]}
    assert set(groups) == {
        "chair_or_vice",
        "education",
        "police",
        "youth_offending_youth_service",
        "health",
        "district_council",
        "voluntary_community",
    }
    assert set(groups["chair_or_vice"]["offices"]) == {"chair", "vice_chair"}
    assert groups["chair_or_vice"].get("categories", []) == []
    for key, group in groups.items():
        if key != "chair_or_vice":
            assert group["categories"] == [key]
    in_quorum = {c for group in quorum["groups"] for c in group.get("categories", [])}
    assert "children_social_services" not in in_quorum
    assert _categories(data)["children_social_services"]["core"] is True
    assert quorum.get("head_count", 0) == 0 and quorum.get("fraction", "") == ""
    assert quorum.get("required", []) == []


def test_kent_lcsp_membership_and_offices(presets: dict[str, dict[str, Any]]) -> None:
    data = presets["kent-lcsp"]
    cats = _categories(data)
    assert list(cats) == [
        "education",
        "district_council",
        "children_social_services",
        "health",
        "youth_offending_youth_service",
        "police",
        "voluntary_community",
        "lcsp_manager",
    ]
    assert cats["education"]["seats"] == 5
    assert sum(c["seats"] for c in cats.values()) == 12
    assert cats["lcsp_manager"]["voting"] is False
    assert cats["lcsp_manager"]["core"] is False
    assert all(c["voting"] and c["core"] for k, c in cats.items() if k != "lcsp_manager")
    offices = _offices(data)
    assert offices["chair"]["term_months"] == 12
    assert "only_categories" not in offices["chair"]
    vice = offices["vice_chair"]
    assert vice["not_same_agency_as"] == ["chair"]
    assert vice["core_member_only"] is True
    assert vice["excluded_employers"] == ["Kent County Council"]


def test_kent_lcsp_settings(presets: dict[str, dict[str, Any]]) -> None:
    data = presets["kent-lcsp"]
    settings = data["settings"]
    assert _value(data, "attendance_threshold") == "3/4"
    assert _value(data, "deputy_limit_per_year") == 1
    assert _value(data, "substitutes") == "named_only"
    assert _value(data, "casting_vote") == "optional"
    assert _value(data, "meeting_frequency_months") == 2
    assert _value(data, "declaration_effects") == {
        "pecuniary": "withdraws",
        "non_pecuniary": "participates",
        "other": "participates",
    }
    for name in (
        "attendance_threshold",
        "deputy_limit_per_year",
        "substitutes",
        "casting_vote",
        "meeting_frequency_months",
        "declaration_effects",
    ):
        assert settings[name].get("assumed", False) is False, name
        assert settings[name]["source"].startswith("000 "), name
    for name in ("dispatch_working_days", "minutes_due_days"):
        assert settings[name]["assumed"] is True, name


# Lincolnshire CYPSP, 002 §4.1: seats per category as the seed lists them.
LINCOLNSHIRE_SEATS = {
    "dcs": 1,
    "lcc_lead_member": 1,
    "lcc_adult_public_health": 2,
    "ccgs": 4,
    "police": 1,
    "probation": 1,
    "schools": 4,
    "district_councils": 7,
    "health_providers": 2,
    "voluntary_sector_forum": 2,
    "fe_colleges": 1,
    "work_based_providers": 1,
    "lscb_independent_chair": 1,
    "economic_development": 1,
    "lpag_chair": 1,
}


def test_lincolnshire_seats(presets: dict[str, dict[str, Any]]) -> None:
    """002 §4.1: fifteen categories; their seats add up to 30, one of them an observer."""
    data = presets["lincolnshire-cypsp"]
    cats = _categories(data)
    assert list(cats) == list(LINCOLNSHIRE_SEATS)
    assert {key: c["seats"] for key, c in cats.items()} == LINCOLNSHIRE_SEATS
    assert sum(c["seats"] for c in cats.values()) == 30
    assert all(c["source"] == "002 §4.1" for c in cats.values())
    assert cats["lscb_independent_chair"]["voting"] is False
    assert [k for k, c in cats.items() if not c["voting"]] == ["lscb_independent_chair"]
    assert sum(c["seats"] for c in cats.values() if c["voting"]) == 29
    assert cats["schools"]["seat_labels"] == [
        "School Forum",
        "Primary head teacher",
        "Secondary head teacher",
        "Special school head teacher",
    ]
    assert _offices(data)["chair"]["only_categories"] == ["dcs"]


def test_lincolnshire_settings(presets: dict[str, dict[str, Any]]) -> None:
    data = presets["lincolnshire-cypsp"]
    settings = data["settings"]
    assert _value(data, "attendance_threshold") == "7/10"
    assert settings["attendance_threshold"]["source"].startswith("002 §5.1")
    assert _value(data, "substitutes") == "named_only"
    assert _value(data, "dispatch_working_days") == 7
    assert _value(data, "minutes_due_days") == 10
    assert _value(data, "declaration_effects")["pecuniary"] == "silent"
    assert _value(data, "declaration_effects")["non_pecuniary"] == "participates"
    assert _value(data, "meetings_open_to_public") is True
    for name in (
        "attendance_threshold",
        "substitutes",
        "dispatch_working_days",
        "minutes_due_days",
        "declaration_effects",
        "meetings_open_to_public",
    ):
        assert settings[name].get("assumed", False) is False, name
    assert settings["quorum"]["assumed"] is True
    assert _assumed_quorum_size(data) == 10


@pytest.mark.parametrize(
    ("stem", "size"),
    [("kent-ct", 12), ("lincolnshire-cypsp", 10), ("kent-ct-county-board", 3), ("cumbria-cypb", 4)],
)
def test_assumed_quorum_is_one_third_floor_three(
    presets: dict[str, dict[str, Any]], stem: str, size: int
) -> None:
    """DOMAIN §3: bodies whose seed gives no quorum ship one third, not fewer than 3."""
    data = presets[stem]
    quorum = _value(data, "quorum")
    assert data["settings"]["quorum"]["assumed"] is True
    assert quorum["fraction"] == "1/3" and quorum["fraction_floor"] == 3
    assert quorum.get("groups_needed", 0) == 0 and quorum.get("head_count", 0) == 0
    assert _assumed_quorum_size(data) == size


def test_kent_ct_and_county_board(presets: dict[str, dict[str, Any]]) -> None:
    kct = presets["kent-ct"]
    assert _value(kct, "substitutes") == "named_or_same_agency"
    assert kct["settings"]["substitutes"]["source"] == "001 §4.7"
    assert sum(c["seats"] for c in kct["categories"]) == 36

    board = presets["kent-ct-county-board"]
    assert len(board["categories"]) == 7
    assert all(c["seats"] == 1 for c in board["categories"])
    assert _value(board, "meeting_frequency_months") == 3
    assert board["settings"]["meeting_frequency_months"]["source"] == "003 §4.1c"
    assert _offices(board)["chair"]["source"] == "003 §4.3"


def test_cumbria_decision_making_is_flagged(presets: dict[str, dict[str, Any]]) -> None:
    data = presets["cumbria-cypb"]
    for name in ("quorum", "casting_vote", "majority"):
        setting = data["settings"][name]
        assert setting["assumed"] is True
        assert "004 §3.6" in setting["note"], name
    assert all(s.get("assumed") is True for s in data["settings"].values())

"""DOMAIN.md §4 Declarations of interest: default effects and the register prompt."""

from __future__ import annotations

import pytest

from clerk_app.rules.declarations import (
    DEFAULT_EFFECTS,
    InterestKind,
    InterestMatch,
    default_effect,
    interests_mentioned,
    may_declare,
    must_stay_silent,
    must_withdraw,
)
from clerk_app.rules.roster import InterestEffect
from clerk_app.rules.vocabulary import Capacity


def test_default_effects_by_kind():
    # Lincolnshire: a personal pecuniary interest means remaining silent (002 §6.4).
    assert default_effect(InterestKind.PECUNIARY) is InterestEffect.SILENT
    assert default_effect(InterestKind.NON_PECUNIARY) is InterestEffect.PARTICIPATES
    assert default_effect(InterestKind.OTHER) is InterestEffect.PARTICIPATES
    assert set(DEFAULT_EFFECTS) == set(InterestKind)


def test_default_effects_cannot_be_changed_by_accident():
    with pytest.raises(TypeError):
        DEFAULT_EFFECTS[InterestKind.OTHER] = InterestEffect.WITHDRAWS  # type: ignore[index]


def test_body_setting_overrides_the_default():
    # Kent: where there is potential for personal gain "members would be expected to leave
    # the meeting" (000 §7.2).
    kent = {"pecuniary": "withdraws"}
    assert default_effect(InterestKind.PECUNIARY, kent) is InterestEffect.WITHDRAWS
    assert default_effect(InterestKind.NON_PECUNIARY, kent) is InterestEffect.PARTICIPATES
    assert default_effect(InterestKind.PECUNIARY, {}) is InterestEffect.SILENT
    assert default_effect("other", {"other": "silent"}) is InterestEffect.SILENT  # type: ignore[arg-type]


REGISTER = [
    (1, "A. Smith", "Trustee, Maidstone Youth Trust"),
    (2, "B. Jones", "Director of Acme Care Ltd; spouse employed by Kent Police"),
    (3, "C. Patel", "Governor, St Mary's Primary School"),
    (4, "D. Okafor", "Non-executive director, Kent Community Health NHS Foundation Trust"),
    (5, "E. Lefèvre", "Trustee, Café Jeunesse"),
]


def who(item: str) -> list[int]:
    return [m.person_id for m in interests_mentioned(item, REGISTER)]


def test_item_naming_a_registered_organisation_prompts():
    matches = interests_mentioned("Grant to Maidstone Youth Trust for summer activities", REGISTER)
    assert matches == [
        InterestMatch(1, "A. Smith", "Trustee, Maidstone Youth Trust", "Maidstone Youth Trust")
    ]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("Contract award: ACME CARE short breaks", [2]),  # case-insensitive
        ("Kent Police update on missing children", [2]),  # second phrase of the interest
        ("St Marys Primary expansion", [3]),  # apostrophe left out, "School" not needed
        ("Report from Kent Community Health NHS Foundation Trust", [4]),
        ("kent health visiting: NHS commissioning intentions", [4]),  # words in any order
        ("Maidstone youth provision review", [1]),  # a prompt worth having
    ],
)
def test_true_positives(item, expected):
    assert who(item) == expected


@pytest.mark.parametrize(
    "item",
    [
        "Youth Justice Plan",  # "youth" without "Maidstone"
        "Care leavers' strategy",  # "care" without "Acme"
        "Police and Crime Plan consultation",  # "police" without "Kent"
        "Primary school funding formula",  # no "Marys"
        "Health visiting in Kent",  # no "NHS"
        "Report of the trustees",  # role words never match
        "Executive summary",  # nor does "Non-executive director"
        "Maidstonian youth work",  # whole words only
        "Cafeteria contract",  # whole words only
    ],
)
def test_false_positives_avoided(item):
    assert who(item) == []


def test_accents_are_ignored_both_ways():
    assert who("Grant to Cafe Jeunesse") == [5]
    assert who("Grant to CAFÉ JEUNESSE") == [5]
    accented_register = [(6, "F. Brown", "Trustee, Cafe Jeunesse")]
    assert [m.person_id for m in interests_mentioned("Café Jeunesse", accented_register)] == [6]


def test_one_match_per_interest_and_several_members():
    item = "Kent Police and Acme Care: joint bid with Maidstone Youth Trust"
    matches = interests_mentioned(item, REGISTER)
    assert [m.person_id for m in matches] == [1, 2]
    assert matches[1].matched == "Director of Acme Care Ltd"


def test_an_interest_of_only_common_words_never_matches():
    register = [(7, "G. Green", "Member, the Trust; school governor")]
    assert interests_mentioned("Member of the trust: school governor report", register) == []


def test_empty_register_and_item():
    assert interests_mentioned("Anything", []) == []
    assert interests_mentioned("", REGISTER) == []


def test_who_withdraws_or_stays_silent_and_who_declares():
    assert must_withdraw(InterestEffect.WITHDRAWS, dispensation=False)
    assert not must_withdraw(InterestEffect.WITHDRAWS, dispensation=True)
    assert not must_withdraw(InterestEffect.SILENT, dispensation=False)
    assert not must_withdraw(None, dispensation=False)
    assert must_stay_silent(InterestEffect.SILENT, dispensation=False)
    assert not must_stay_silent(InterestEffect.SILENT, dispensation=True)
    assert [may_declare(c) for c in Capacity] == [True, True, False]

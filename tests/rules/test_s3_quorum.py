"""DOMAIN.md §3 Quorum, on the seed bodies' own constitutions (000 Kent LCSP, 002 Lincolnshire)."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from clerk_app.rules.quorum import QuorumGroup, QuorumRule, evaluate_quorum
from clerk_app.rules.roster import Attendee, Capacity, InterestEffect

# --- Kent LCSP (000) ------------------------------------------------------------------------

CHAIR_OR_VICE = QuorumGroup(
    "chair_or_vice", "Chair or Vice-Chair", offices=frozenset({"chair", "vice_chair"})
)


def _category_group(key: str, label: str) -> QuorumGroup:
    return QuorumGroup(key, label, categories=frozenset({key}))


# 000 §10.4: "quorate if five of the following organisations are present".
KENT_GROUPS = (
    CHAIR_OR_VICE,
    _category_group("education", "Education"),
    _category_group("police", "Police"),
    _category_group("youth_offending_youth_service", "Youth Offending Service/Youth Service"),
    _category_group("health", "Health"),
    _category_group("district_council", "District Council Officer"),
    _category_group("voluntary_community", "Voluntary and Community Sector"),
)
# The groups form ignores seat counts (000 §9.3 gives none); any consistent figure will do.
KENT_VOTING_SEATS = 9


def kent_lcsp_rule(**settings: object) -> QuorumRule:
    """Kent LCSP quorum as 000 §10.4 words it; settings override the interpretations."""
    return QuorumRule(groups=KENT_GROUPS, groups_needed=5, **settings)  # type: ignore[arg-type]


def member(person_id: int, name: str, category: str | None, **kw: object) -> Attendee:
    return Attendee(person_id, name, Capacity.MEMBER, category, **kw)  # type: ignore[arg-type]


CHAIR = member(1, "A. Head", "education", offices=frozenset({"chair"}))  # a headteacher
VICE = member(2, "V. Deputy", "voluntary_community", offices=frozenset({"vice_chair"}))
EDUCATION = member(3, "E. Early", "education")
POLICE = member(4, "P. Inspector", "police")
YOUTH = member(5, "Y. Worker", "youth_offending_youth_service")
HEALTH = member(6, "H. Commissioner", "health")
DISTRICT = member(7, "D. Officer", "district_council")
VOLUNTARY = member(8, "C. Sector", "voluntary_community")
SOCIAL = member(9, "S. Manager", "children_social_services")
MANAGER = member(10, "M. Manager", "lcsp_manager", voting=False)  # 000 §9.3: no vote


def kent(attendees: list[Attendee], **settings: object):
    return evaluate_quorum(
        kent_lcsp_rule(**settings), attendees, KENT_VOTING_SEATS, KENT_VOTING_SEATS
    )


def group(result, key: str):
    return next(g for g in result.groups if g.key == key)


def test_kent_five_of_seven_groups_is_quorate():
    result = kent([VICE, POLICE, YOUTH, HEALTH, DISTRICT])
    # the Vice-Chair fills both "Chair or Vice-Chair" and Voluntary and Community Sector
    assert result.quorate
    check = result.checks[0]
    assert (check.form, check.have, check.need, check.met) == ("groups", 6, 5, True)
    assert result.summary == "QUORATE: 6 of 7 groups, 5 needed"
    assert result.more_needed == 0


def test_kent_four_of_seven_groups_is_not_quorate():
    result = kent([POLICE, YOUTH, HEALTH, DISTRICT])
    assert not result.quorate
    assert result.checks[0].have == 4
    assert result.more_needed == 1
    assert result.summary == "NOT QUORATE: 4 of 7 groups, 5 needed (1 more)"


def test_kent_several_people_in_one_group_fill_it_once():
    sergeant = replace(POLICE, person_id=40, name="P. Sergeant")
    result = kent([POLICE, sergeant, HEALTH, DISTRICT])
    assert result.checks[0].have == 3
    assert group(result, "police").filled_by == ("P. Inspector", "P. Sergeant")


def test_chair_who_is_a_headteacher_fills_two_groups():
    # DOMAIN §3 interpretation default: the chair's organisation is present too.
    result = kent([CHAIR, POLICE, YOUTH, HEALTH])
    assert group(result, "chair_or_vice").filled_by == ("A. Head",)
    assert group(result, "education").filled_by == ("A. Head",)
    assert result.checks[0].have == 5
    assert result.quorate


def test_chair_fills_only_one_group_when_each_person_fills_one():
    result = kent([CHAIR, POLICE, YOUTH, HEALTH], person_fills_every_group=False)
    assert result.checks[0].have == 4
    assert not result.quorate
    filled_by_chair = [g.key for g in result.groups if g.filled_by == ("A. Head",)]
    assert len(filled_by_chair) == 1


def test_one_group_per_person_finds_the_best_assignment():
    # Greedy "chair fills Education" would leave Chair-or-Vice empty; the best
    # assignment gives Education to E. Early and the office group to the chair.
    attendees = [EDUCATION, CHAIR, POLICE, YOUTH, HEALTH]
    for order in (attendees, attendees[::-1]):
        result = kent(order, person_fills_every_group=False)
        assert result.quorate
        assert result.checks[0].have == 5
        assert group(result, "chair_or_vice").filled_by == ("A. Head",)
        assert group(result, "education").filled_by == ("E. Early",)


def test_withdrawal_for_an_item_breaks_quorum():
    present = [CHAIR, POLICE, YOUTH, HEALTH, DISTRICT]
    assert kent(present).quorate
    # 000 §7.2: "leave the meeting if asked by the chair" where there is personal gain
    withdrawn = replace(DISTRICT, interest_effect=InterestEffect.WITHDRAWS)
    result = kent([CHAIR, POLICE, YOUTH, HEALTH, withdrawn])
    assert result.quorate  # chair fills two groups: still 5
    result = kent([EDUCATION, POLICE, YOUTH, HEALTH, withdrawn])
    assert not result.quorate
    assert "D. Officer" not in result.counting
    assert group(result, "district_council").filled_by == ()


def test_silent_member_still_counts_for_quorum():
    silent = replace(DISTRICT, interest_effect=InterestEffect.SILENT)
    result = kent([EDUCATION, POLICE, YOUTH, HEALTH, silent])
    assert result.quorate  # DOMAIN §4: only withdrawal takes a member out of the count


def test_dispensation_keeps_a_withdrawn_member_counting():
    dispensed = replace(DISTRICT, interest_effect=InterestEffect.WITHDRAWS, dispensation=True)
    result = kent([EDUCATION, POLICE, YOUTH, HEALTH, dispensed])
    assert result.quorate
    assert "D. Officer" in result.counting


def test_childrens_social_services_present_does_not_help():
    result = kent([POLICE, YOUTH, HEALTH, DISTRICT, SOCIAL])
    assert not result.quorate
    assert result.checks[0].have == 4
    assert "S. Manager" in result.counting  # counts as a member, fills no listed group


def test_substitute_for_police_member_fills_police():
    sub = Attendee(
        41,
        "Q. Sergeant",
        Capacity.SUBSTITUTE,
        "police",
        substitute_for_id=POLICE.person_id,
        substitute_for_name=POLICE.name,
    )
    result = kent([sub, YOUTH, HEALTH, DISTRICT, EDUCATION])
    assert result.quorate
    assert group(result, "police").filled_by == ("Q. Sergeant",)


def _chair_substitute() -> Attendee:
    # the substitute takes the chair's seat and category, never the office (DOMAIN §1)
    return Attendee(
        11,
        "B. Deputy",
        Capacity.SUBSTITUTE,
        "education",
        substitute_for_id=CHAIR.person_id,
        substitute_for_name=CHAIR.name,
    )


def test_substitute_for_chair_does_not_fill_chair_group_by_default():
    sub = _chair_substitute()
    result = evaluate_quorum(
        kent_lcsp_rule(),
        [sub, POLICE, YOUTH, HEALTH],
        9,
        9,
        substitute_offices={sub.person_id: frozenset({"chair"})},
    )
    assert group(result, "chair_or_vice").filled_by == ()
    assert group(result, "education").filled_by == ("B. Deputy",)
    assert not result.quorate


def test_substitute_for_chair_fills_chair_group_when_the_body_says_so():
    sub = _chair_substitute()
    result = evaluate_quorum(
        kent_lcsp_rule(substitute_fills_office=True),
        [sub, POLICE, YOUTH, HEALTH],
        9,
        9,
        substitute_offices={sub.person_id: frozenset({"chair"})},
    )
    assert group(result, "chair_or_vice").filled_by == ("B. Deputy",)
    assert result.quorate


def test_substitute_offices_never_apply_to_members():
    result = evaluate_quorum(
        kent_lcsp_rule(substitute_fills_office=True),
        [POLICE],
        9,
        9,
        substitute_offices={POLICE.person_id: frozenset({"chair"})},
    )
    assert group(result, "chair_or_vice").filled_by == ()


def test_people_in_attendance_never_count():
    guests = [
        Attendee(20 + i, f"Guest {i}", Capacity.IN_ATTENDANCE, cat)
        for i, cat in enumerate(["education", "police", "health", "district_council"])
    ]
    # even a guest somehow carrying a category and an office fills nothing (000 §10.5)
    guests.append(
        Attendee(30, "Officer", Capacity.IN_ATTENDANCE, None, offices=frozenset({"chair"}))
    )
    result = kent([YOUTH, *guests])
    assert result.counting == ("Y. Worker",)
    assert result.checks[0].have == 1


def test_non_voting_manager_does_not_count():
    result = kent([MANAGER, POLICE])
    assert result.counting == ("P. Inspector",)


def test_people_who_left_do_not_count():
    left = replace(HEALTH, in_room=False)
    result = kent([EDUCATION, POLICE, YOUTH, DISTRICT, left])
    assert not result.quorate
    assert group(result, "health").filled_by == ()


def test_counting_names_keep_input_order():
    result = kent([HEALTH, MANAGER, POLICE, EDUCATION])
    assert result.counting == ("H. Commissioner", "P. Inspector", "E. Early")


def test_explanation_names_fillers_and_missing_groups():
    result = kent([CHAIR, POLICE, YOUTH, HEALTH])
    assert result.explanation() == [
        "5 of 7 groups, 5 needed",
        "Chair or Vice-Chair: filled by A. Head",
        "Education: filled by A. Head",
        "Police: filled by P. Inspector",
        "Youth Offending Service/Youth Service: filled by Y. Worker",
        "Health: filled by H. Commissioner",
        "District Council Officer: not filled",
        "Voluntary and Community Sector: not filled",
    ]
    assert result.summary == "QUORATE: 5 of 7 groups, 5 needed"


def test_explanation_says_how_many_more():
    result = kent([POLICE, YOUTH, HEALTH])
    assert result.summary == "NOT QUORATE: 3 of 7 groups, 5 needed (2 more)"
    assert result.more_needed == 2
    assert result.explanation()[0] == "3 of 7 groups, 5 needed"


# --- Lincolnshire CYPSP (002): no quorum in the source, so the assumed rule ---------------

# 002 §4.1 seats, (category, count, voting); the LSCB chair is an observer.
LINCS_SEATS = [
    ("dcs_chair", 1, True),
    ("lcc_lead_member", 1, True),
    ("lcc_adult_public_health", 2, True),
    ("ccg", 4, True),
    ("police", 1, True),
    ("probation", 1, True),
    ("schools", 4, True),
    ("district_councils", 7, True),
    ("health_providers", 2, True),
    ("voluntary_sector_forum", 2, True),
    ("fe_colleges", 1, True),
    ("work_based_providers", 1, True),
    ("lscb_independent_chair", 1, False),  # "Observer with speaking rights"
    ("economic_development", 1, True),
    ("lpag_chair", 1, True),
]
LINCS_TOTAL_SEATS = sum(n for _, n, _ in LINCS_SEATS)
LINCS_VOTING_SEATS = sum(n for _, n, voting in LINCS_SEATS if voting)
# DOMAIN §3: assumed "one third of voting seats, rounded up, not fewer than 3" (practice)
LINCS_RULE = QuorumRule(fraction=Fraction(1, 3), fraction_floor=3)


def lincs_members(n: int) -> list[Attendee]:
    return [member(100 + i, f"Member {i}", "district_councils") for i in range(n)]


def test_lincolnshire_seat_counts_from_the_terms_of_reference():
    assert (LINCS_TOTAL_SEATS, LINCS_VOTING_SEATS) == (30, 29)


def test_lincolnshire_assumed_rule_one_third_of_voting_seats_rounded_up():
    need = 10  # ceil(29 / 3)
    short = evaluate_quorum(LINCS_RULE, lincs_members(need - 1), LINCS_VOTING_SEATS, 29)
    enough = evaluate_quorum(LINCS_RULE, lincs_members(need), LINCS_VOTING_SEATS, 29)
    assert not short.quorate and short.more_needed == 1
    assert enough.quorate
    assert enough.checks[0].need == need
    assert enough.summary == (
        "QUORATE: 10 members counting, 10 needed "
        "(one third of 29 voting seats, rounded up, not fewer than 3)"
    )


def test_lincolnshire_observer_does_not_count():
    observer = member(99, "L. Independent", "lscb_independent_chair", voting=False)
    result = evaluate_quorum(LINCS_RULE, [*lincs_members(9), observer], 29, 29)
    assert "L. Independent" not in result.counting
    assert not result.quorate
    assert result.checks[0].have == 9


def test_vacancies_left_out_of_the_base():
    # 29 voting seats, 8 vacant: 21 filled -> one third is 7 (vs 10 with vacancies in)
    rule = replace(LINCS_RULE, vacancies_in_base=False)
    result = evaluate_quorum(rule, lincs_members(7), LINCS_VOTING_SEATS, 21)
    assert result.quorate
    assert result.checks[0].need == 7
    assert "one third of 21 filled voting seats" in result.checks[0].detail
    assert not evaluate_quorum(LINCS_RULE, lincs_members(7), LINCS_VOTING_SEATS, 21).quorate


def test_fraction_floor_applies_to_a_small_base():
    result = evaluate_quorum(LINCS_RULE, lincs_members(2), 4, 4)  # ceil(4/3) = 2 < 3
    assert result.checks[0].need == 3
    assert not result.quorate


# --- the other forms -------------------------------------------------------------------------


def test_head_count_form():
    rule = QuorumRule(head_count=4)
    result = evaluate_quorum(rule, [POLICE, YOUTH, HEALTH, MANAGER], 9, 9)
    assert not result.quorate
    assert result.summary == "NOT QUORATE: 3 members counting, 4 needed (1 more)"
    assert evaluate_quorum(rule, [POLICE, YOUTH, HEALTH, DISTRICT], 9, 9).quorate


def test_required_presence_form():
    rule = QuorumRule(required=(CHAIR_OR_VICE,))
    missing = evaluate_quorum(rule, [POLICE, YOUTH, HEALTH], 9, 9)
    assert not missing.quorate
    assert missing.more_needed == 1
    assert missing.summary == "NOT QUORATE: required but not present: Chair or Vice-Chair"
    assert missing.explanation() == [
        "required but not present: Chair or Vice-Chair",
        "Required: Chair or Vice-Chair: not filled",
    ]
    present = evaluate_quorum(rule, [POLICE, VICE], 9, 9)
    assert present.quorate
    assert present.required[0].filled_by == ("V. Deputy",)


def test_combination_form_needs_every_part():
    rule = kent_lcsp_rule(head_count=6, required=(CHAIR_OR_VICE,))
    # five groups filled by four people and no chair: groups fail, required fails, count fails
    result = evaluate_quorum(rule, [EDUCATION, POLICE, YOUTH, HEALTH], 9, 9)
    assert [c.form for c in result.checks] == ["head_count", "groups", "required"]
    assert [c.met for c in result.checks] == [False, False, False]
    assert result.more_needed == 2  # head count: 4 of 6
    # groups met and chair present, but only five people
    result = evaluate_quorum(rule, [CHAIR, POLICE, YOUTH, HEALTH, DISTRICT], 9, 9)
    assert [c.met for c in result.checks] == [False, True, True]
    assert not result.quorate
    assert result.summary == "NOT QUORATE: 5 members counting, 6 needed (1 more)"
    result = evaluate_quorum(rule, [CHAIR, POLICE, YOUTH, HEALTH, DISTRICT, SOCIAL], 9, 9)
    assert result.quorate
    assert result.summary.startswith("QUORATE: 6 members counting, 6 needed; 6 of 7 groups")


def test_no_rule_set_is_quorate_and_says_so():
    result = evaluate_quorum(QuorumRule(), [], 0, 0)
    assert result.quorate
    assert result.checks == ()
    assert result.summary == "QUORATE: no quorum rule set"
    assert result.explanation() == ["No quorum rule set."]


@pytest.mark.parametrize(
    "settings",
    [
        {"head_count": -1},
        {"fraction": Fraction(0)},
        {"fraction": Fraction(3, 2)},
        {"groups": KENT_GROUPS, "groups_needed": 8},
        {"groups": KENT_GROUPS, "groups_needed": 0},
        {"groups_needed": 2},
        {"groups": (CHAIR_OR_VICE, CHAIR_OR_VICE), "groups_needed": 1},
    ],
)
def test_impossible_rules_are_refused(settings):
    with pytest.raises(ValueError):
        QuorumRule(**settings)


def test_seat_counts_must_add_up():
    with pytest.raises(ValueError):
        evaluate_quorum(LINCS_RULE, [], 10, 11)

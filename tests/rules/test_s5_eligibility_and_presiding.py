"""DOMAIN.md §5 Eligible voters and Who presides (000 §10.3, §11.3; 002 §4.1, §6.4)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from clerk_app.rules.eligibility import eligible_voters, presiding_choices, presiding_member
from clerk_app.rules.roster import Attendee, Capacity, InterestEffect


def member(person_id: int, name: str, category: str | None, **kw: object) -> Attendee:
    return Attendee(person_id, name, Capacity.MEMBER, category, **kw)  # type: ignore[arg-type]


CHAIR = member(1, "A. Head", "education", offices=frozenset({"chair"}))
VICE = member(2, "V. Deputy", "voluntary_community", offices=frozenset({"vice_chair"}))
POLICE = member(3, "P. Inspector", "police")
HEALTH = member(4, "H. Commissioner", "health")
OBSERVER = member(5, "L. Independent", "lscb_independent_chair", voting=False)  # 002 §4.1
GUEST = Attendee(6, "G. Specialist", Capacity.IN_ATTENDANCE, None)  # 000 §10.5
CHAIR_SUB = Attendee(
    7,
    "B. Stand-in",
    Capacity.SUBSTITUTE,
    "education",
    substitute_for_id=CHAIR.person_id,
    substitute_for_name=CHAIR.name,
)

WITHDRAWS = InterestEffect.WITHDRAWS
SILENT = InterestEffect.SILENT


# --- eligible voters --------------------------------------------------------------------------


def test_counting_members_with_a_vote_are_eligible():
    result = eligible_voters([CHAIR, VICE, POLICE, CHAIR_SUB])
    assert result.eligible == (CHAIR, VICE, POLICE, CHAIR_SUB)  # a substitute votes (§2)
    assert result.ineligible == ()
    assert result.eligible_ids == frozenset({1, 2, 3, 7})


def test_each_ineligible_person_has_a_reason():
    withdrawn = replace(POLICE, interest_effect=WITHDRAWS)
    silent = replace(HEALTH, interest_effect=SILENT)  # 002 §6.4 pecuniary interest
    left = replace(VICE, in_room=False)
    result = eligible_voters([CHAIR, withdrawn, silent, OBSERVER, GUEST, left])
    assert result.eligible == (CHAIR,)
    assert [(i.person_id, i.name, i.reason) for i in result.ineligible] == [
        (3, "P. Inspector", "withdrawn (declared interest)"),
        (4, "H. Commissioner", "silent (declared interest)"),
        (5, "L. Independent", "non-voting seat"),
        (6, "G. Specialist", "in attendance, not a member"),
        (2, "V. Deputy", "not in the room"),
    ]


def test_declaring_and_participating_keeps_the_vote():
    declared = replace(POLICE, interest_effect=InterestEffect.PARTICIPATES)
    assert eligible_voters([declared]).eligible_ids == {3}


def test_dispensation_restores_the_vote():
    # DOMAIN §4: a dispensation lets a member with an interest take part
    result = eligible_voters(
        [
            replace(POLICE, interest_effect=WITHDRAWS, dispensation=True),
            replace(HEALTH, interest_effect=SILENT, dispensation=True),
        ]
    )
    assert result.eligible_ids == {3, 4}


def test_everyone_lands_in_exactly_one_list():
    people = [CHAIR, OBSERVER, GUEST, replace(POLICE, interest_effect=SILENT), CHAIR_SUB]
    result = eligible_voters(people)
    ids = [a.person_id for a in result.eligible] + [i.person_id for i in result.ineligible]
    assert sorted(ids) == sorted(a.person_id for a in people)


# --- who presides -----------------------------------------------------------------------------


def test_the_chair_presides():
    result = presiding_member([VICE, CHAIR, POLICE])
    assert (result.person_id, result.name, result.office) == (1, "A. Head", "chair")
    assert result.reason == "The Chair presides."


def test_vice_chair_presides_when_chair_withdraws_for_the_item():
    # 000 §10.3: the Vice-Chair deputises; the casting vote (000 §11.3) goes with it
    result = presiding_member([replace(CHAIR, interest_effect=WITHDRAWS), VICE, POLICE])
    assert (result.person_id, result.office) == (2, "vice_chair")
    assert result.reason == "The Vice-Chair presides: the Chair has withdrawn for this item."


def test_silent_chair_does_not_preside():
    result = presiding_member([replace(CHAIR, interest_effect=SILENT), VICE])
    assert result.office == "vice_chair"
    assert result.reason == (
        "The Vice-Chair presides: the Chair is silent on this item (declared interest)."
    )


def test_chair_with_dispensation_still_presides():
    chair = replace(CHAIR, interest_effect=WITHDRAWS, dispensation=True)
    assert presiding_member([chair, VICE]).office == "chair"


@pytest.mark.parametrize(
    ("attendees", "why"),
    [
        ([VICE, POLICE], "the Chair is not present"),
        ([replace(CHAIR, in_room=False), VICE], "the Chair is not in the room"),
    ],
)
def test_vice_chair_presides_when_chair_is_away(attendees, why):
    result = presiding_member(attendees)
    assert result.office == "vice_chair"
    assert result.reason == f"The Vice-Chair presides: {why}."


def test_nobody_available_asks_the_meeting_to_choose():
    attendees = [replace(CHAIR, interest_effect=WITHDRAWS), replace(VICE, in_room=False), POLICE]
    result = presiding_member(attendees)
    assert (result.person_id, result.name, result.office) == (None, None, None)
    assert result.reason == (
        "Neither the Chair nor the Vice-Chair is available: the members present choose one "
        "of themselves to preside (practice, LGA 1972 Sch. 12 para 11)."
    )


def test_the_member_chosen_by_the_meeting_presides():
    result = presiding_member([POLICE, HEALTH], chosen_person_id=HEALTH.person_id)
    assert (result.person_id, result.name, result.office) == (4, "H. Commissioner", None)
    assert "chose H. Commissioner to preside" in result.reason


def test_a_choice_is_ignored_while_the_chair_is_available():
    assert presiding_member([CHAIR, HEALTH], chosen_person_id=HEALTH.person_id).office == "chair"


@pytest.mark.parametrize(
    "chosen",
    [
        replace(HEALTH, interest_effect=WITHDRAWS),
        replace(HEALTH, interest_effect=SILENT),
        replace(HEALTH, in_room=False),
        replace(GUEST, person_id=HEALTH.person_id),
    ],
)
def test_the_chosen_member_must_be_able_to_preside(chosen):
    with pytest.raises(ValueError, match="cannot preside"):
        presiding_member([POLICE, chosen], chosen_person_id=HEALTH.person_id)


def test_unknown_chosen_person_is_refused_without_a_raw_id():
    with pytest.raises(ValueError, match="not a member at this meeting") as error:
        presiding_member([POLICE], chosen_person_id=999)
    assert "999" not in str(error.value)


def test_a_refused_choice_names_the_person():
    with pytest.raises(ValueError, match="^H. Commissioner cannot preside"):
        presiding_member([POLICE, replace(HEALTH, in_room=False)], HEALTH.person_id)


def test_substitute_for_the_chair_does_not_preside():
    # DOMAIN §1: a substitute takes the seat and vote, never the office
    result = presiding_member([CHAIR_SUB, VICE])
    assert (result.person_id, result.office) == (2, "vice_chair")
    assert result.reason == "The Vice-Chair presides: the Chair is not present."
    assert presiding_member([CHAIR_SUB, POLICE]).person_id is None


def test_substitute_wrongly_carrying_an_office_still_does_not_preside():
    odd = replace(CHAIR_SUB, offices=frozenset({"chair"}))
    assert presiding_member([odd]).person_id is None


def test_non_voting_chair_may_still_preside():
    # DOMAIN §5: presiding does not need a vote (e.g. an officer presiding over an election)
    assert presiding_member([replace(CHAIR, voting=False)]).office == "chair"


# --- whom the meeting may choose to preside ---------------------------------------------------


def test_the_meeting_chooses_among_members_in_the_room_free_of_the_items_interest():
    away = replace(POLICE, in_room=False)
    silent = replace(HEALTH, interest_effect=SILENT)
    withdrawn = replace(OBSERVER, interest_effect=WITHDRAWS)
    people = [CHAIR, VICE, away, silent, withdrawn, GUEST, CHAIR_SUB,
              member(8, "M. Member", "district")]
    # Office holders may be chosen too (they are members); a non-voting member may
    # preside; so may a substitute, a member for the meeting without the absent
    # member's office (DOMAIN §1); people in attendance never are.
    assert [a.person_id for a in presiding_choices(people)] == [1, 2, CHAIR_SUB.person_id, 8]
    for chosen in presiding_choices(people):
        others = [a for a in (away, silent, withdrawn, GUEST, CHAIR_SUB) if a != chosen]
        assert presiding_member([*others, chosen],
                                chosen.person_id).person_id == chosen.person_id

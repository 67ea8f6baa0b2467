"""DOMAIN.md §3 Quorum: each form of a rule reads its setting, evaluates and says itself in
words, so the set-up screen, the engine and the minutes read one rule the same way."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

import pytest

from clerk_app.rules.fractions import fraction_words, parse_fraction
from clerk_app.rules.quorum import (
    FORMS,
    FractionOfSeats,
    GroupsRepresented,
    HeadCount,
    Outcome,
    QuorumCheck,
    QuorumForm,
    QuorumGroup,
    QuorumRule,
    RequiredPresence,
    Room,
    evaluate_quorum,
)
from clerk_app.rules.roster import Attendee, Capacity

# 000 §10.4, as the Kent LCSP preset stores it (two of the seven groups, for brevity).
KENT = {
    "head_count": 0, "fraction": "", "fraction_floor": 0, "vacancies_in_base": True,
    "groups_needed": 1,
    "groups": [
        {"key": "chair_or_vice", "label": "Chair or Vice Chair",
         "offices": ["chair", "vice_chair"], "categories": []},
        {"key": "education", "label": "Education", "offices": [], "categories": ["education"]},
    ],
}
# 002 is silent; the preset assumes one third, not fewer than 3 (DOMAIN.md §3).
LINCS = {"fraction": "1/3", "fraction_floor": 3}


def member(person_id: int, category: str, offices: frozenset[str] = frozenset()) -> Attendee:
    return Attendee(person_id=person_id, name=f"Member {person_id}", capacity=Capacity.MEMBER,
                    category=category, voting=True, offices=offices, in_room=True)


def test_a_setting_is_read_into_its_forms_and_written_back_unchanged():
    kent = QuorumRule.from_setting(KENT)
    assert [type(f) for f in kent.forms] == [GroupsRepresented]
    assert kent.form(GroupsRepresented).needed == 1 and kent.form(HeadCount) is None
    assert QuorumRule.from_setting(kent.setting()) == kent
    lincs = QuorumRule.from_setting(LINCS)
    assert lincs.form(FractionOfSeats) == FractionOfSeats(Fraction(1, 3), 3, True)
    assert lincs.setting(KENT)["fraction"] == "1/3"
    assert "groups" not in lincs.setting(KENT)  # a form left out is not kept from before


def test_each_form_says_itself_and_the_rule_joins_them():
    rule = QuorumRule(HeadCount(4), RequiredPresence((QuorumGroup("chair", "The Chair"),)))
    assert rule.describe() == "At least 4 voting members present; and The Chair present"
    assert QuorumRule.from_setting(LINCS).describe() == (
        "One third (33%) of the voting seats, rounded up, and not fewer than 3")
    assert QuorumRule.from_setting(KENT).describe() == (
        "1 of these 2 represented: Chair or Vice Chair, Education")
    assert QuorumRule().describe() == "No quorum rule set"


def test_one_table_of_fractions_serves_the_engine_and_the_set_up_screen():
    rule = QuorumRule(FractionOfSeats(Fraction(7, 10)))
    assert rule.describe().startswith("Seventy per cent (70%) of the voting seats")
    result = evaluate_quorum(rule, [member(1, "police")], 10, 10)
    assert "seventy per cent of 10 voting seats" in result.checks[0].detail
    assert fraction_words(Fraction(5, 8)) == "5/8"


@pytest.mark.parametrize(("value", "message"), [
    ({"fraction": "one third"}, "'one third' is not a fraction"),
    ({"head_count": -2}, "cannot be negative"),
    ({"groups_needed": 2}, "no groups are listed"),
    ({**KENT, "groups_needed": 3}, "between 1 and 2"),
])
def test_a_setting_the_rules_cannot_read_is_refused_in_words(value, message):
    with pytest.raises(ValueError, match=message):
        QuorumRule.from_setting(value)


def test_a_fraction_is_read_as_a_setting_writes_it():
    assert parse_fraction(" 3/4 ") == Fraction(3, 4)
    assert parse_fraction(Fraction(1, 3)) == Fraction(1, 3)
    with pytest.raises(ValueError, match="not a fraction: write it like 1/3"):
        parse_fraction("3 quarters")


@dataclass(frozen=True)
class CoreMembers(QuorumForm):
    """A form no preset has: at least `count` members from core categories."""

    count: int
    form: ClassVar[str] = "core"
    label: ClassVar[str] = "Core members present"
    KEYS: ClassVar[tuple[str, ...]] = ("core_members",)

    @classmethod
    def from_setting(cls, value: dict[str, Any]) -> CoreMembers | None:
        return cls(value["core_members"]) if value.get("core_members") else None

    def setting(self) -> dict[str, Any]:
        return {"core_members": self.count}

    def evaluate(self, room: Room) -> Outcome:
        have = sum(a.category == "police" for a in room.counting)
        return Outcome(QuorumCheck(self.form, self.label, have, self.count,
                                   have >= self.count, f"{have} core, {self.count} needed"))

    def describe(self) -> str:
        return f"at least {self.count} core members present"


def test_a_new_form_is_one_class_and_the_rule_evaluates_and_words_it():
    rule = QuorumRule(CoreMembers(2), HeadCount(1))
    assert [f.form for f in rule.forms] == ["head_count", "core"]  # the known forms first
    assert rule.describe() == ("At least 1 voting members present; "
                               "and at least 2 core members present")
    result = evaluate_quorum(rule, [member(1, "police"), member(2, "health")], 5, 5)
    assert not result.quorate
    assert result.summary == "NOT QUORATE: 1 core, 2 needed (1 more)"


def test_every_form_owns_its_own_keys_of_the_setting():
    keys = [key for kind in FORMS for key in kind.KEYS]
    assert len(keys) == len(set(keys))

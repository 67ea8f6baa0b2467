"""Properties of quorum and eligibility over any roster and any course of a meeting.

A meeting is modelled as a roster plus a list of operations (arrive, leave, withdraw,
return, fall silent, receive a dispensation); the invariants hold after every operation,
as the live display must (DOMAIN.md §3 "changes the instant someone arrives, leaves...").
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.rules.eligibility import eligible_voters
from clerk_app.rules.quorum import QuorumGroup, QuorumRule, evaluate_quorum
from clerk_app.rules.roster import Attendee, Capacity, InterestEffect

CATEGORIES = ("education", "police", "health", "district_council", "social", "voluntary")
OFFICES = ("chair", "vice_chair")
OPERATIONS = ("arrive", "leave", "withdraw", "return", "silence", "dispense")

categories = st.sampled_from(CATEGORIES)
office_sets = st.frozensets(st.sampled_from(OFFICES), max_size=2)


@st.composite
def people(draw) -> list[Attendee]:
    """A register: members (maybe holding offices), substitutes and people in attendance."""
    count = draw(st.integers(min_value=0, max_value=10))
    roster = []
    for pid in range(count):
        capacity = draw(st.sampled_from(Capacity))
        roster.append(
            Attendee(
                person_id=pid,
                name=f"Person {pid}",
                capacity=capacity,
                category=None if capacity is Capacity.IN_ATTENDANCE else draw(categories),
                voting=draw(st.booleans()),
                offices=draw(office_sets) if capacity is Capacity.MEMBER else frozenset(),
                in_room=draw(st.booleans()),
            )
        )
    return roster


@st.composite
def quorum_groups(draw, prefix: str) -> tuple[QuorumGroup, ...]:
    count = draw(st.integers(min_value=1, max_value=5))
    return tuple(
        QuorumGroup(
            key=f"{prefix}{i}",
            label=f"Group {prefix}{i}",
            categories=draw(st.frozensets(categories, max_size=2)),
            offices=draw(st.frozensets(st.sampled_from(OFFICES), max_size=1)),
        )
        for i in range(count)
    )


@st.composite
def rules(draw) -> QuorumRule:
    """Any combination of the four forms, with either interpretation setting."""
    groups = draw(st.one_of(st.just(()), quorum_groups("g")))
    return QuorumRule(
        head_count=draw(st.integers(min_value=0, max_value=6)),
        fraction=draw(st.one_of(st.none(), st.sampled_from([Fraction(1, 3), Fraction(1, 2)]))),
        fraction_floor=draw(st.integers(min_value=0, max_value=4)),
        vacancies_in_base=draw(st.booleans()),
        groups=groups,
        groups_needed=draw(st.integers(min_value=1, max_value=len(groups))) if groups else 0,
        required=draw(st.one_of(st.just(()), quorum_groups("r"))),
        person_fills_every_group=draw(st.booleans()),
        substitute_fills_office=draw(st.booleans()),
    )


operations = st.lists(
    st.tuples(st.sampled_from(OPERATIONS), st.integers(min_value=0, max_value=9)), max_size=25
)


def apply(attendee: Attendee, op: str) -> Attendee:
    """One register event for one person, as the services would record it."""
    if op == "arrive":
        return replace(attendee, in_room=True)
    if op == "leave":
        return replace(attendee, in_room=False)
    if op == "withdraw":
        return replace(attendee, interest_effect=InterestEffect.WITHDRAWS)
    if op == "return":
        return replace(attendee, interest_effect=None, dispensation=False)
    if op == "silence":
        return replace(attendee, interest_effect=InterestEffect.SILENT)
    return replace(attendee, dispensation=True)


def course_of_meeting(roster: list[Attendee], ops: list[tuple[str, int]]) -> list[list[Attendee]]:
    """The snapshot before any operation and after each one."""
    register = {a.person_id: a for a in roster}
    snapshots = [list(register.values())]
    for op, pid in ops:
        if pid in register:
            register[pid] = apply(register[pid], op)
        snapshots.append(list(register.values()))
    return snapshots


def seats(snapshot: list[Attendee], vacancies: int) -> tuple[int, int]:
    filled = sum(1 for a in snapshot if a.capacity is not Capacity.IN_ATTENDANCE and a.voting)
    return filled + vacancies, filled


def substitute_offices(snapshot: list[Attendee], offices: frozenset[str]):
    return {a.person_id: offices for a in snapshot if a.capacity is Capacity.SUBSTITUTE}


meetings = st.tuples(people(), operations, st.integers(min_value=0, max_value=5), office_sets)


@settings(max_examples=200)
@given(rule=rules(), meeting=meetings)
def test_explanation_agrees_with_the_verdict(rule, meeting):
    roster, ops, vacancies, sub_offices = meeting
    for snapshot in course_of_meeting(roster, ops):
        voting, filled = seats(snapshot, vacancies)
        result = evaluate_quorum(
            rule, snapshot, voting, filled, substitute_offices(snapshot, sub_offices)
        )
        assert result.quorate == all(check.met for check in result.checks)
        assert result.summary.startswith("QUORATE" if result.quorate else "NOT QUORATE")
        for check in result.checks:
            assert check.met == (check.have >= check.need)
        by_form = {check.form: check for check in result.checks}
        if rule.groups:
            assert sum(g.filled for g in result.groups) == by_form["groups"].have
            assert [g.key for g in result.groups] == [g.key for g in rule.groups]
        if rule.required:
            assert sum(g.filled for g in result.required) == by_form["required"].have
        lines = result.explanation()
        assert lines[: len(result.checks)] == [c.detail for c in result.checks]
        assert len(lines) == max(1, len(result.checks) + len(rule.groups) + len(rule.required))
        # nobody fills a group without counting
        fillers = {n for g in result.groups + result.required for n in g.filled_by}
        assert fillers <= set(result.counting)


@settings(max_examples=200)
@given(rule=rules(), meeting=meetings)
def test_more_needed_is_zero_exactly_when_quorate(rule, meeting):
    roster, ops, vacancies, _ = meeting
    for snapshot in course_of_meeting(roster, ops):
        result = evaluate_quorum(rule, snapshot, *seats(snapshot, vacancies))
        assert (result.more_needed == 0) == result.quorate
        assert result.more_needed >= 0


@settings(max_examples=200)
@given(meeting=meetings)
def test_eligible_voters_are_a_subset_of_those_counting(meeting):
    roster, ops, _, _ = meeting
    for snapshot in course_of_meeting(roster, ops):
        counting = set(evaluate_quorum(QuorumRule(head_count=1), snapshot, 0, 0).counting)
        split = eligible_voters(snapshot)
        assert {a.name for a in split.eligible} <= counting
        assert len(split.eligible) + len(split.ineligible) == len(snapshot)


@settings(max_examples=200)
@given(
    rule=rules(),
    meeting=meetings,
    newcomer_category=categories,
    newcomer_offices=office_sets,
    newcomer_capacity=st.sampled_from([Capacity.MEMBER, Capacity.SUBSTITUTE]),
)
def test_a_counting_arrival_never_breaks_quorum(
    rule, meeting, newcomer_category, newcomer_offices, newcomer_capacity
):
    # Stated for person_fills_every_group=True; it also holds with one group per person,
    # because a maximum matching never shrinks when a person is added.
    roster, ops, vacancies, sub_offices = meeting
    newcomer = Attendee(
        person_id=100,
        name="Newcomer",
        capacity=newcomer_capacity,
        category=newcomer_category,
        offices=newcomer_offices if newcomer_capacity is Capacity.MEMBER else frozenset(),
    )
    assert newcomer.counts_for_quorum
    for snapshot in course_of_meeting(roster, ops):
        voting, filled = seats(snapshot, vacancies)
        before = evaluate_quorum(
            rule, snapshot, voting, filled, substitute_offices(snapshot, sub_offices)
        )
        after_roster = [*snapshot, newcomer]
        after = evaluate_quorum(
            rule, after_roster, voting, filled, substitute_offices(after_roster, sub_offices)
        )
        if before.quorate:
            assert after.quorate
        assert after.more_needed <= before.more_needed


@settings(max_examples=200)
@given(rule=rules(), meeting=meetings)
def test_one_group_per_person_never_fills_more_groups(rule, meeting):
    roster, ops, vacancies, _ = meeting
    every = replace(rule, person_fills_every_group=True)
    one = replace(rule, person_fills_every_group=False)
    for snapshot in course_of_meeting(roster, ops):
        voting, filled = seats(snapshot, vacancies)
        generous = evaluate_quorum(every, snapshot, voting, filled)
        strict = evaluate_quorum(one, snapshot, voting, filled)
        for loose, tight in zip(generous.checks, strict.checks, strict=True):
            assert tight.have <= loose.have
        # each person fills at most one group, and no more groups than people count
        names = [n for g in strict.groups for n in g.filled_by]
        assert len(names) == len(set(names))
        assert sum(g.filled for g in strict.groups) <= len(strict.counting)


def hall_maximum(groups: tuple[QuorumGroup, ...], counting: list[Attendee]) -> int:
    """Largest number of groups distinct people can fill: |G| - max over S of (|S| - |N(S)|)."""
    members = [
        {a.person_id for a in counting if a.category in g.categories or a.offices & g.offices}
        for g in groups
    ]
    deficiency = 0
    for mask in range(1 << len(groups)):
        chosen = [members[i] for i in range(len(groups)) if mask >> i & 1]
        deficiency = max(deficiency, len(chosen) - len(set().union(*chosen)))
    return len(groups) - deficiency


@settings(max_examples=200)
@given(rule=rules(), meeting=meetings)
def test_one_group_per_person_finds_the_best_assignment(rule, meeting):
    roster, ops, vacancies, _ = meeting
    rule = replace(rule, person_fills_every_group=False)
    for snapshot in course_of_meeting(roster, ops):
        result = evaluate_quorum(rule, snapshot, *seats(snapshot, vacancies))
        counting = [a for a in snapshot if a.counts_for_quorum]
        assert sum(g.filled for g in result.groups) == hall_maximum(rule.groups, counting)
        assert sum(g.filled for g in result.required) == hall_maximum(rule.required, counting)

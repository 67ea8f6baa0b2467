"""The facts every reader asks of a meeting, each answered once in the rules: a term
active on a day, whether a seat votes, who held which office, who was in the room at a
moment, which item was under discussion, and a stored quorum verdict's reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from clerk_app.rules.quorum_result import quorate_before, stored_quorum
from clerk_app.rules.register import (
    NOWHERE,
    back_after_leaving,
    item_under_discussion,
    whereabouts,
)
from clerk_app.rules.roster import Term, active_on, office_holders, offices_of, seat_votes
from clerk_app.rules.vocabulary import AttendanceKind, QuorumEventKind

DAY = date(2026, 9, 15)


def t(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 9, 15, hour, minute).astimezone()


@dataclass(frozen=True)
class Ev:
    person_id: int
    kind: AttendanceKind
    at: datetime
    item_id: int | None = None


@dataclass(frozen=True)
class It:
    id: int
    position: int
    started_at: datetime | None


def test_a_term_is_active_from_its_first_day_to_its_last():
    assert active_on(None, None, DAY)
    assert active_on(DAY, DAY, DAY)
    assert not active_on(date(2026, 9, 16), None, DAY)
    assert not active_on(None, date(2026, 9, 14), DAY)


def test_without_a_day_a_term_is_active_until_it_ends():
    assert active_on(date(2030, 1, 1), None, None)
    assert not active_on(None, date(2020, 1, 1), None)


def test_a_seat_votes_as_its_membership_says_or_else_as_its_category_does():
    assert seat_votes(None, True) and not seat_votes(None, False)
    assert seat_votes(True, False) and not seat_votes(False, True)


def test_office_holders_on_a_day_the_newer_appointment_on_a_changeover_day():
    terms = (Term("chair", 1, date(2025, 4, 1), DAY), Term("chair", 2, DAY, None),
             Term("vice_chair", 2, None, None), Term("vice_chair", 3, None, date(2026, 1, 1)))
    assert office_holders(terms, DAY) == {"chair": 2, "vice_chair": 2}
    assert offices_of(terms, DAY) == {2: {"chair", "vice_chair"}}
    assert office_holders(terms, date(2025, 6, 1)) == {"chair": 1, "vice_chair": 3}


def test_who_was_in_the_room_at_a_moment():
    events = (Ev(1, AttendanceKind.ARRIVE, t(9, 50)), Ev(2, AttendanceKind.ARRIVE, t(9, 55)),
              Ev(1, AttendanceKind.WITHDRAW, t(10, 30), item_id=5),
              Ev(2, AttendanceKind.LEAVE, t(10, 40)), Ev(1, AttendanceKind.RETURN, t(10, 50), 5),
              Ev(2, AttendanceKind.ARRIVE, t(11, 0)))
    at_1045 = whereabouts(events, t(10, 45), item_id=5)
    assert at_1045[1].in_room and at_1045[1].withdrawn
    assert not at_1045[2].in_room and at_1045[2].left == t(10, 40)
    assert at_1045[2].arrived == t(9, 55)
    at_end = whereabouts(events)
    assert at_end[2].in_room and at_end[2].left is None and at_end[2].arrived == t(9, 55)
    assert not whereabouts(events, t(10, 45), item_id=4)[1].withdrawn
    assert whereabouts(events, t(9, 0)).get(1, NOWHERE) == NOWHERE


def test_the_item_under_discussion_is_the_one_started_last():
    items = (It(1, 1, t(10, 0)), It(2, 2, t(10, 5)), It(3, 3, None), It(4, 4, t(10, 5)))
    assert item_under_discussion(items, t(9, 59)) is None
    assert item_under_discussion(items, t(10, 3)) == 1
    assert item_under_discussion(items, t(10, 5)) == 4  # the same minute: the later item
    assert item_under_discussion(items, None) == 4


def test_a_stored_quorum_summary_is_its_verdict_and_reasons():
    assert stored_quorum(False, "NOT QUORATE: 4 of 7 groups, 5 needed (1 more)") == \
        stored_quorum(False, "4 of 7 groups, 5 needed (1 more)")
    assert stored_quorum(True, "  QUORATE:  6 present ").reasons == "6 present"
    assert stored_quorum(True, "").reasons == ""


def test_s9_quorum_reached_after_an_inquorate_opening_is_the_first_time():
    lost, regained = QuorumEventKind.LOST, QuorumEventKind.REGAINED
    events = [(lost, t(10)), (regained, t(10, 10)), (lost, t(10, 20)), (regained, t(10, 30))]
    assert quorate_before(events, t(10)) == (False, False, True, True)
    # Opened quorate: quorum lost later and regained is "again".
    assert quorate_before(events[2:], t(10)) == (True, True)


def test_s9_an_arrival_after_leaving_is_a_return():
    arrive, leave = AttendanceKind.ARRIVE, AttendanceKind.LEAVE
    events = [Ev(1, arrive, t(9, 50)), Ev(2, arrive, t(10, 5)), Ev(1, leave, t(10, 20)),
              Ev(1, arrive, t(10, 35)), Ev(2, AttendanceKind.WITHDRAW, t(10, 40), 4)]
    assert back_after_leaving(events) == (False, False, False, True, False)

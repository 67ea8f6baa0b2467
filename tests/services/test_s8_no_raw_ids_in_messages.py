"""DOMAIN.md §8 and the clerk's words: no message the services give — a refusal, a
warning, a quorum verdict — shows a raw identifier ("person 12", "meeting 7", "id=").
Driven on the demonstration record; every refusal also writes nothing."""

from __future__ import annotations

import re
from datetime import date, time

import pytest
from sqlmodel import Session, select

from clerk_app import clock
from clerk_app.db.tables import Person
from clerk_app.rules.vocabulary import AttendanceKind
from clerk_app.rules.voting import Tally
from clerk_app.services import (
    decisions,
    demo,
    interests,
    meetings,
    membership,
    register,
    schedule,
)
from clerk_app.services.errors import ClerkError

DAY = date(2026, 10, 13)
RAW = re.compile(r"\b(person|people|meeting|body|member|category|office|vote|decision)\s+"
                 r"#?\d+\b|\bid\s*=|_id\b|\bPerson \d+", re.IGNORECASE)


def _at(hour: int, minute: int = 0):
    return clock.at(DAY, time(hour, minute))


@pytest.fixture
def record(engine, monkeypatch):
    """The demonstration body, and a meeting of it today with the Chair, the Vice-Chair
    and two others present, at its first item of business."""
    monkeypatch.setattr(clock, "now", lambda: _at(11, 0))
    body = demo.build_demo(engine, upcoming_from=date(2026, 11, 1))
    with Session(engine) as session:
        ids = {p.name: p.id for p in session.exec(select(Person))}
    meeting = meetings.create_meeting(engine, body, DAY, time(10, 0), "Sessions House",
                                      ["Early help plan", "Youth contract"])
    items = {i.position: i.item_id for i in meetings.meeting_summary(engine, meeting).items}
    for n, name in enumerate(["Helen Marsh", "Inspector Daniel Okafor", "Marcus Bell",
                              "Peter O'Neill", "Tomás Ó Briain"]):
        register.arrive(engine, meeting, ids[name], _at(9, 50 + n))
    register.add_in_attendance(engine, meeting, "Olu Guest", "Kent Police", at=_at(9, 56))
    ids.update({p.name: p.id for p in Session(engine).exec(select(Person))})
    meetings.open_meeting(engine, meeting, _at(10, 0))
    business = max(items)  # the last item is business, whatever the standard items are
    meetings.start_item(engine, meeting, items[business - 1], _at(10, 5))
    return engine, body, meeting, items, ids


def _refusals(engine, body, meeting, items, ids):
    """(what, action) for each refusal the clerk can meet at this meeting."""
    item = items[max(items) - 1]
    who = ids.__getitem__
    gone = 10_000  # an id the record does not hold: something deleted meanwhile
    return [
        ("arrive twice", lambda: register.arrive(engine, meeting, who("Helen Marsh"),
                                                 _at(10, 10))),
        ("leave before arriving", lambda: register.leave(engine, meeting, who("Karen Whitlock"),
                                                         _at(10, 10))),
        ("apologies when present", lambda: register.send_apologies(
            engine, meeting, who("Marcus Bell"))),
        ("substitute not named", lambda: register.add_substitute(
            engine, meeting, who("Dr Siân Pritchard"), who("Sergeant Priya Nair"),
            _at(10, 10))),
        ("substitute for someone present", lambda: register.add_substitute(
            engine, meeting, who("Inspector Daniel Okafor"), who("Sergeant Priya Nair"),
            _at(10, 10))),
        ("substitute for someone gone", lambda: register.add_substitute(
            engine, meeting, gone, who("Sergeant Priya Nair"), _at(10, 10))),
        ("a guest chosen to preside", lambda: meetings.choose_presiding(
            engine, item, who("Olu Guest"))),
        ("someone gone chosen to preside", lambda: meetings.choose_presiding(
            engine, item, gone)),
        ("a time on another day", lambda: register.arrive(
            engine, meeting, who("Karen Whitlock"), clock.at(date(2026, 10, 14), time(9)))),
        ("a tally beyond the voters", lambda: decisions.record_vote(
            engine, item, "the plan be approved", Tally(40, 0, 0), at=_at(10, 20))),
        ("a named vote by a guest", lambda: decisions.record_vote(
            engine, item, "the plan be approved",
            positions={who("Olu Guest"): "for", who("Helen Marsh"): "for"}, at=_at(10, 20))),
        ("a vice-chair employed by KCC", lambda: membership.appoint_office(
            engine, body, "vice_chair", who("Karen Whitlock"),
            start_date=date(2026, 10, 1))),
        ("a category gone", lambda: membership.add_member(
            engine, body, who("Olu Guest"), "no_such_category")),
        ("an office gone", lambda: membership.appoint_office(
            engine, body, "no_such_office", who("Olu Guest"))),
        ("a meeting gone", lambda: meetings.meeting_summary(engine, gone)),
        ("a meeting gone, for its deadlines", lambda: meetings.deadlines(engine, gone)),
        ("a meeting gone, for its register", lambda: register.state(engine, gone)),
        ("a body gone, for its interests", lambda: interests.interests_register(engine, gone)),
        ("a body gone, for its meetings", lambda: schedule.meeting_frequency(engine, gone)),
        ("an item gone", lambda: register.withdraw(engine, meeting, who("Marcus Bell"), gone,
                                                   _at(10, 10))),
    ]


def test_s8_no_refusal_shows_a_raw_id_and_none_writes(record, dump):
    engine, body, meeting, items, ids = record
    positions = set(items)
    for what, action in _refusals(engine, body, meeting, items, ids):
        before = dump()
        try:
            action()
        except ClerkError as error:
            message = error.message
        else:
            pytest.fail(f"{what}: not refused")
        assert dump() == before, what
        assert not RAW.search(message), f"{what}: {message}"
        # "item 4" is an agenda number (the agreement's "item 10" is a document's).
        for number in re.findall(r"(?<!Agreement )\bitem (\d+)", message, re.IGNORECASE):
            assert int(number) in positions, f"{what}: {message}"


def test_s8_warnings_and_verdicts_name_people_not_ids(record):
    engine, _body, meeting, items, ids = record
    before, after = register.quorum_if(engine, meeting, ids["Helen Marsh"],
                                       AttendanceKind.LEAVE)
    texts = [before.summary, after.summary, *after.explanation(),
             *before.groups_unfilled_by(after)]
    assert "Chair or Vice Chair" not in before.groups_unfilled_by(after)  # the Vice is here
    state = register.state(engine, meeting)
    texts += [state.presiding.reason, *(i.reason for i in state.eligibility.ineligible)]
    for text in texts:
        assert not RAW.search(text), text

"""Hostile input: random and adversarial values (huge strings, control characters,
markup, right-to-left text, wrong types, missing keys, wrong references) thrown at the
import of the meeting record file and at the recording services. Every case is either
refused with a ClerkError and nothing written, or stored and read back exactly."""

from __future__ import annotations

import copy
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from clerk_app.db.migrate import open_database
from clerk_app.db.tables import Decision
from clerk_app.services import actions, decisions, demo, meetings, records, register
from clerk_app.services.errors import ClerkError
from tests.conftest import at

NASTY_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),  # control characters too
    st.sampled_from(["", " ", "<font color='red'>Chair</font>", "A & B <b>", "x" * 5000,
                     "\u202eevil\u202c", "שלום עולם", "Zoë Ó Briain-Łukasiewicz",
                     "\x00nul", "line\nbreak\r\n", "\ud800", "'; DROP TABLE person; --",
                     "person/1", "item/1", "\t"]),
)
NASTY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.sampled_from([2**63, -2**70, 10**30]),
    st.floats(allow_nan=False, allow_infinity=False), NASTY_TEXT,
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(),
                                                         max_size=2),
)


def _paths(value, where=()):
    if where:
        yield where
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*where, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _paths(inner, (*where, index))


@pytest.fixture(scope="module")
def demo_record(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    engine = open_database(folder / "source.sqlite3")
    record = records.export_record(engine, body_id=demo.build_demo(engine))
    engine.dispose()
    empty = folder / "empty.sqlite3"
    open_database(empty).dispose()
    return record, empty, sorted(_paths(record), key=str)


def _comparable(record) -> str:
    record = copy.deepcopy(record)
    record.pop("generator", None)
    record["organization"]["settings"].sort(key=lambda s: s["key"])  # exported by key
    for meeting in record["meetings"]:
        meeting.pop("derived", None)  # importers derive afresh
    return json.dumps(record, sort_keys=True)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_import_refuses_or_keeps_exactly_whatever_the_file_holds(demo_record, tmp_path, data):
    record, empty, paths = demo_record
    hostile = copy.deepcopy(record)
    where = data.draw(st.sampled_from(paths), label="where")
    parent = hostile
    for key in where[:-1]:
        parent = parent[key]
    change = data.draw(st.sampled_from(["replace", "delete", "add"]), label="change")
    if change == "delete" and isinstance(parent, dict):
        del parent[where[-1]]
    elif change == "add" and isinstance(parent[where[-1]], dict):
        parent[where[-1]][data.draw(NASTY_TEXT, label="key")] = data.draw(NASTY_VALUE)
    else:
        parent[where[-1]] = data.draw(NASTY_VALUE, label="value")
    path = tmp_path / f"import-{data.draw(st.uuids()).hex}.sqlite3"
    shutil.copy(empty, path)
    with sqlite3.connect(path) as connection:
        before = list(connection.iterdump())
    engine = open_database(path)
    try:
        body_id = records.import_record(engine, hostile)
    except ClerkError as refused:
        assert refused.message
        engine.dispose()
        with sqlite3.connect(path) as connection:
            assert list(connection.iterdump()) == before
        return
    assert _comparable(records.export_record(engine, body_id=body_id)) == _comparable(hostile)
    engine.dispose()


PERSON_ID = st.one_of(st.integers(min_value=-3, max_value=40), st.sampled_from([2**63, 10**30]),
                      st.text(max_size=5), st.none(), st.floats(allow_nan=False))


@pytest.fixture
def in_progress(kent):
    m = kent.meeting()
    for key in ("chair", "edu2", "police", "yos", "district", "vcs"):
        register.arrive(kent.engine, m, kent.ids[key], at(9, 50))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 1))
    return m


def _dump(db_path: Path) -> list[str]:
    with sqlite3.connect(db_path) as connection:
        return list(connection.iterdump())


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_recording_refuses_or_keeps_exactly_whatever_is_typed(in_progress, kent, db_path,
                                                              data):
    e, m, item = kent.engine, in_progress, kent.items[4]
    text = data.draw(NASTY_TEXT, label="text")
    action = data.draw(st.sampled_from([
        "walk-in", "notes", "action", "decision", "arrive", "public", "declare", "vote"]))
    before = _dump(db_path)

    def read_back():
        if action == "walk-in":
            person = register.add_in_attendance(e, m, text, agency=text, role_note=text,
                                                at=at(10, 2))
            line = register.state(e, m).line(person)
            return (line.name, line.agency), (text, text)
        if action == "notes":
            meetings.set_item_notes(e, item, text)
            return next(i for i in meetings.meeting_summary(e, m).items
                        if i.item_id == item).notes, text
        if action == "action":
            actions.add_action(e, m, text, owner=text)
            kept = records.export_record(e, [m])["meetings"][0]["actions"][-1]
            return (kept["description"], kept["owner"]), (text, text)
        if action == "decision":
            kind = data.draw(st.one_of(st.sampled_from(["noted", "deferred", "consensus"]),
                                       NASTY_TEXT), label="kind")
            decision_id = decisions.record_decision(e, item, kind, text, at=at(10, 3))
            with Session(e) as session:
                kept = session.get(Decision, decision_id)
                return (kept.kind, kept.text), (kind, text)
        if action == "arrive":
            person = data.draw(PERSON_ID, label="person")
            register.arrive(e, m, person, at(10, 4))
            return register.state(e, m).line(person).state, "present"
        if action == "public":
            count = data.draw(PERSON_ID, label="count")
            meetings.set_public_count(e, m, count, text)
            summary = meetings.meeting_summary(e, m)
            return summary.public_count, count
        if action == "declare":
            person = data.draw(PERSON_ID, label="person")
            kind = data.draw(st.one_of(st.just("non_pecuniary"), NASTY_TEXT), label="kind")
            decisions.declare_interest(e, item, person, kind, text, effect="participates",
                                       at=at(10, 5))
            kept = records.export_record(e, [m])["meetings"][0]["declarations"][-1]
            return (kept["kind"], kept["description"]), (kind, text)
        positions = data.draw(st.dictionaries(PERSON_ID, NASTY_TEXT, max_size=3),
                              label="positions")
        decisions.record_vote(e, item, text, positions=positions, at=at(10, 6))
        kept = records.export_record(e, [m])["meetings"][0]["decisions"][-1]["vote_event"]
        return kept["motion"]["text"], text

    try:
        kept, typed = read_back()
    except ClerkError as refused:
        assert refused.message
        assert _dump(db_path) == before
        return
    assert kept == typed

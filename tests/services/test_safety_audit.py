"""The audit trail: every change to a meeting's record, undo and corrections included,
with its time, in a log that only ever grows; approved minutes locked except through a
recorded correction; the trail in the clerk's words and in the record file."""

from __future__ import annotations

import ast
import re
import sqlite3
from datetime import date

import pytest
from sqlmodel import Session, delete, select, update

from clerk_app import paths
from clerk_app.db.engine import AuditLogIsAppendOnly
from clerk_app.db.tables import AuditEntry
from clerk_app.rules.voting import Tally
from clerk_app.services import actions, decisions, meetings, minutes, records, register
from clerk_app.services.audit import meeting_trail
from clerk_app.services.errors import ClerkError
from clerk_app.services.undo import UndoStack
from tests.conftest import at

NEXT_DAY = date(2026, 10, 20)


def _trail(db_path) -> list[tuple]:
    with sqlite3.connect(db_path) as connection:
        return connection.execute(
            "SELECT id, meeting_id, at, action, detail FROM auditentry ORDER BY id").fetchall()


@pytest.fixture
def held(kent):
    """A meeting held, with an undo and a redo, and a correction before approval."""
    e, ids = kent.engine, kent.ids
    m = kent.meeting()
    items = dict(kent.items)
    stack = UndoStack(e, m)
    steps = [
        lambda: [register.arrive(e, m, ids[k], at(9, 50 + n))
                 for n, k in enumerate(("chair", "edu2", "police", "yos", "district", "vcs"))],
        lambda: meetings.open_meeting(e, m, at(10, 0)),
        lambda: meetings.start_item(e, m, items[4], at(10, 5)),
        lambda: stack.record("Siân Pritchard arrived",
                             lambda: register.arrive(e, m, ids["health"], at(10, 6))),
        lambda: stack.undo(),
        lambda: stack.redo(),
        lambda: decisions.declare_interest(e, items[4], ids["vcs"], "pecuniary", "Trustee",
                                           at=at(10, 7)),
        lambda: stack.record("Vote on item 4", lambda: decisions.record_vote(
            e, items[4], "approve the plan", Tally(5, 1, 0), at=at(10, 20))),
        lambda: stack.undo(),
        lambda: decisions.record_vote(e, items[4], "approve the plan", Tally(4, 1, 1),
                                      at=at(10, 21)),
        lambda: meetings.close_meeting(e, m, at(11, 0)),
        lambda: minutes.record_correction(e, m, "Item 4: the vote was 4-1-1, not 5-1-0."),
    ]
    return m, stack, steps


def test_the_trail_only_grows_through_a_meeting_with_undo_and_corrections(held, db_path):
    m, _stack, steps = held
    before = _trail(db_path)
    for step in steps:
        step()
        after = _trail(db_path)
        assert after[:len(before)] == before  # nothing earlier changed or went
        assert len(after) > len(before)  # and this change is there
        before = after
    actions = [line.action for line in meeting_trail_for(db_path, m)]
    assert actions.count("undo") == 2 and "minutes.correct" in actions


def meeting_trail_for(db_path, meeting_id):
    from clerk_app.db.migrate import open_database

    engine = open_database(db_path)
    try:
        return meeting_trail(engine, meeting_id)
    finally:
        engine.dispose()


def test_approved_minutes_are_locked_except_through_a_recorded_correction(held, kent,
                                                                          db_path, dump):
    m, stack, steps = held
    for step in steps:
        step()
    e, ids = kent.engine, kent.ids
    nxt = kent.meeting(day=NEXT_DAY)
    for n, key in enumerate(("chair", "edu2", "police", "yos", "district", "vcs")):
        register.arrive(e, nxt, ids[key], at(9, 50 + n, NEXT_DAY))
    meetings.open_meeting(e, nxt, at(10, 0, NEXT_DAY))
    meetings.start_item(e, nxt, kent.items[3], at(10, 5, NEXT_DAY))
    minutes.approve_minutes(e, kent.items[3], ["Item 4: Tomás Ó Briain left the room."],
                            at=at(10, 6, NEXT_DAY))
    before = dump()
    first_item = meetings.meeting_summary(e, m).items[3].item_id
    refused = [
        lambda: register.arrive(e, m, ids["manager"], at(10, 30)),
        lambda: register.leave(e, m, ids["chair"], at(10, 59)),
        lambda: decisions.record_decision(e, first_item, "noted", "late addition"),
        lambda: actions.add_action(e, m, "Rewrite history"),
        lambda: meetings.set_item_notes(e, first_item, "changed afterwards"),
        lambda: meetings.set_public_count(e, m, 12),
        lambda: minutes.record_correction(e, m, "a quiet change after approval"),
        lambda: stack.undo(),
    ]
    for attempt in refused:
        with pytest.raises(ClerkError, match="approved"):
            attempt()
    assert dump() == before
    trail = {line.action: line.description for line in meeting_trail(e, m)}
    assert trail["minutes.correct"] == "Item 4: the vote was 4-1-1, not 5-1-0."
    assert trail["minutes.approved"] == "Agreed as a correct record at the meeting of " \
                                        "20 October 2026"
    assert "minutes.approve" in {line.action for line in meeting_trail(e, nxt)}


def test_the_trail_reads_in_names_not_numbers(held, kent):
    m, _stack, steps = held
    for step in steps:
        step()
    lines = [(line.label, line.description) for line in meeting_trail(kent.engine, m)]
    assert ("Arrival", "Helen Marsh arrived at 09:50") in lines
    assert ("Undone", "Undone: Siân Pritchard arrived") in lines
    assert ("Declaration of interest", "Tomás Ó Briain declared an interest (pecuniary) in "
            "item 4 (Early help plan): withdraws") in lines
    assert ("Vote", "Item 4 (Early help plan): 4 for, 1 against, 1 abstaining, carried") \
        in lines
    assert not any(re.search(r"\bperson_id\b|\bid \d", d) for _label, d in lines)


def test_the_record_file_carries_the_trail_with_references_not_ids(held, kent):
    m, _stack, steps = held
    for step in steps:
        step()
    exported = records.export_record(kent.engine, [m])
    trail = exported["meetings"][0]["audit"]
    assert [t["action"] for t in trail] == [line.action for line in
                                            meeting_trail(kent.engine, m)]
    arrivals = [t["detail"]["person_id"] for t in trail if t["action"] == "register.arrive"]
    names = {p["id"]: p["name"] for p in exported["persons"]}
    assert names[arrivals[0]] == "Helen Marsh"
    records.validate_record(exported)


def test_changing_or_deleting_an_audit_entry_is_refused(held, kent, db_path):
    _m, _stack, steps = held
    steps[0]()
    before = _trail(db_path)
    with Session(kent.engine) as session:
        entry = session.exec(select(AuditEntry)).first()
        entry.action = "register.leave"
        session.add(entry)
        with pytest.raises(AuditLogIsAppendOnly):
            session.commit()
    with Session(kent.engine) as session:
        session.delete(session.exec(select(AuditEntry)).first())
        with pytest.raises(AuditLogIsAppendOnly):
            session.commit()
    with Session(kent.engine) as session:
        for statement in (delete(AuditEntry), update(AuditEntry).values(action="x")):
            with pytest.raises(AuditLogIsAppendOnly):
                session.exec(statement)
    assert _trail(db_path) == before


def test_no_code_changes_or_deletes_the_trail():
    """Entries are only ever added: nothing in the application updates or deletes one,
    by the ORM or by SQL (the engine also refuses it at run time, see above)."""
    raw_sql = re.compile(r"(update\s+auditentry|delete\s+from\s+auditentry)", re.I)
    for source in (paths.ROOT / "clerk_app").rglob("*.py"):
        where = source.relative_to(paths.ROOT / "clerk_app").as_posix()
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                args = [ast.unparse(a) for a in node.args]
                if name.split(".")[-1] in ("update", "delete") and "AuditEntry" in args:
                    raise AssertionError(f"{where} changes or deletes audit entries")
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not raw_sql.search(node.value), f"{where} has SQL against the trail"

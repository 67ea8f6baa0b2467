"""Huge values: one maximum length per kind of text, in the schema, the services, the
import and the messages; text an earlier version kept longer still opens and exports."""

from __future__ import annotations

import copy
import json
import sqlite3

import pytest
from sqlmodel import Session

from clerk_app import cli
from clerk_app.db.tables import Person
from clerk_app.rules.limits import FIELD_KINDS, TextKind, excerpt, kind_of
from clerk_app.rules.vocabulary import DecisionKind
from clerk_app.services import (
    actions,
    decisions,
    demo,
    meetings,
    membership,
    minutes,
    opening,
    records,
    register,
)
from clerk_app.services.errors import ClerkError
from tests.conftest import at
from tests.services.test_s2_register import arrive_all
from tests.services.test_s5_referral import QUORATE

FIFTY_MB = 50_000_000
VENUE = "Council Chamber, Sessions House, Maidstone"


def string_fields(node, field=""):
    """Every string field of the schema (those fixed by an enum or a constant aside),
    with the name of the property that holds it."""
    if isinstance(node, dict):
        types = node.get("type") if isinstance(node.get("type"), list) else [node.get("type")]
        if "string" in types and "enum" not in node and "const" not in node:
            yield field, node
        for key, inner in node.items():
            if key == "properties":
                for name, prop in inner.items():
                    yield from string_fields(prop, name)
            else:
                yield from string_fields(inner, field)
    elif isinstance(node, list):
        for inner in node:
            yield from string_fields(inner, field)


def one_short_line(message: str) -> None:
    assert "\n" not in message
    assert len(message) < 300, message[:400]


def refused(dump, action, *words) -> str:
    before = dump()
    with pytest.raises(ClerkError) as error:
        action()
    one_short_line(error.value.message)
    for word in words:
        assert word in error.value.message, error.value.message
    assert dump() == before
    return error.value.message


def test_the_schema_gives_every_text_field_the_limit_of_its_kind():
    fields = list(string_fields(records.schema()))
    assert len(fields) > 100
    for field, node in fields:
        kind = kind_of(field)
        assert kind is not None, f"{field} has no kind in clerk_app/rules/limits.py"
        assert node.get("maxLength") == kind.limit, field
    named = {field for field, _ in fields}
    assert {"venue", "notes", "name", "title", "summary"} <= named
    assert set(FIELD_KINDS) - {"date", "id", "at"} <= named  # no kind for a field that is gone


def test_the_limits_are_those_a_clerk_never_meets():
    assert TextKind.NAME.limit == 500
    assert TextKind.TEXT.limit == 10_000
    assert TextKind.NOTES.limit == 200_000
    assert kind_of("venue") is TextKind.TEXT and kind_of("notes") is TextKind.NOTES
    assert excerpt("x" * 10) == "x" * 10
    assert excerpt("y" * 1000) == "y" * 24 + "…"
    cut = excerpt("\u202eשלום " + "z" * 100 + "\u202c")
    assert cut.startswith("\u202eשלום") and cut.endswith("\u202c…")  # the override closed
    assert excerpt("\u2067x\u2069" + "z" * 100).endswith("z…")  # already closed


@pytest.fixture(scope="module")
def demo_record(tmp_path_factory):
    from clerk_app.db.migrate import open_database

    engine = open_database(tmp_path_factory.mktemp("limits") / "source.sqlite3")
    record = records.export_record(engine, body_id=demo.build_demo(engine))
    engine.dispose()
    return record


def test_a_50_mb_venue_in_a_record_file_is_refused_in_one_line(demo_record, engine, dump,
                                                               db_path, tmp_path, capsys):
    huge = copy.deepcopy(demo_record)
    huge["meetings"][0]["venue"] = VENUE + "x" * FIFTY_MB
    message = refused(dump, lambda: records.import_record(engine, huge),
                      "meetings/0/venue", "50,000,042 characters", "at most 10,000",
                      "“Council Chamber, Session…”")
    assert message.startswith("The record file is not valid at meetings/0/venue: the venue")
    engine.dispose()
    before = dump()
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(huge), encoding="utf-8")
    assert cli.main(["import", str(path), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and len(err) < 300 and "at most 10,000" in err
    assert dump() == before


def test_a_huge_value_where_the_schema_allows_any_is_refused_too(demo_record, engine, dump):
    huge = copy.deepcopy(demo_record)
    huge["meetings"][0]["audit"][0]["detail"]["note"] = "z" * (TextKind.NOTES.limit + 1)
    refused(dump, lambda: records.import_record(engine, huge),
            "meetings/0/audit/0/detail/note", "at most 200,000")


def test_a_huge_reference_is_refused_without_being_quoted(demo_record, engine, dump):
    huge = copy.deepcopy(demo_record)
    huge["memberships"][0]["person_id"] = "person/" + "9" * 1_000_000
    refused(dump, lambda: records.import_record(engine, huge), "memberships/0/person_id")


def test_a_50_mb_name_typed_is_refused_with_a_short_excerpt(engine, dump):
    name = "Zoë Ó Briain-Łukasiewicz " + "<b>&" * (FIFTY_MB // 4)
    refused(dump, lambda: membership.add_person(engine, name),
            "The name is 50,000,025 characters long (“Zoë Ó Briain-Łukasiewicz…”)",
            "at most 500 are kept: shorten it")


def test_a_name_at_the_limit_is_stored_exactly_and_one_more_is_refused(engine, dump):
    name = ("שלום <b>Ó</b> & " * 40)[:500]
    person_id = membership.add_person(engine, name)
    with Session(engine) as session:
        assert session.get(Person, person_id).name == name
    refused(dump, lambda: membership.add_person(engine, name + "x"), "501 characters")


def test_every_kind_of_text_the_services_store_is_bounded(kent, dump):
    meeting_id = kent.meeting()
    item_id = kent.items[1]
    over = {kind: "w" * (kind.limit + 1) for kind in TextKind}
    refused(dump, lambda: meetings.create_meeting(kent.engine, kent.body_id,
                                                  meetings.meeting_summary(
                                                      kent.engine, meeting_id).date,
                                                  venue=over[TextKind.TEXT]), "venue")
    refused(dump, lambda: meetings.set_item_notes(kent.engine, item_id, over[TextKind.NOTES]),
            "item's notes", "at most 200,000")
    refused(dump, lambda: actions.add_action(kent.engine, meeting_id, over[TextKind.TEXT]),
            "action", "at most 10,000")
    refused(dump, lambda: register.send_apologies(kent.engine, meeting_id, kent.ids["police"],
                                                  over[TextKind.TEXT]), "apologies note")
    refused(dump, lambda: minutes.record_correction(kent.engine, meeting_id,
                                                    over[TextKind.NOTES]), "correction")
    refused(dump, lambda: register.add_in_attendance(kent.engine, meeting_id, "Ann Lee",
                                                     role_note=over[TextKind.TEXT]), "role")
    meetings.set_item_notes(kent.engine, item_id, "n" * TextKind.NOTES.limit)  # at the limit


def test_a_decision_text_over_the_limit_is_refused(kent, dump):
    meeting_id = kent.meeting()
    arrive_all(kent, meeting_id, *QUORATE)
    meetings.open_meeting(kent.engine, meeting_id, at(10, 0))
    meetings.start_item(kent.engine, meeting_id, kent.items[4], at(10, 5))
    refused(dump, lambda: decisions.record_decision(
        kent.engine, kent.items[4], DecisionKind.CONSENSUS, "t" * (TextKind.NOTES.limit + 1),
        at=at(10, 20)), "decision's text")


def test_text_kept_longer_by_an_earlier_version_opens_exports_and_is_flagged(
        kent, db_path):
    meeting_id = kent.meeting()
    long_venue = VENUE + "v" * 20_000
    long_notes = "n" * 250_000
    kent.engine.dispose()
    with sqlite3.connect(db_path) as connection:  # as an earlier version kept them
        connection.execute("UPDATE meeting SET venue = ? WHERE id = ?", (long_venue, meeting_id))
        connection.execute("UPDATE agendaitem SET notes = ? WHERE id = ?",
                           (long_notes, kent.items[1]))
    record = opening.open_record(db_path)
    try:
        warning = next(w for w in record.warnings if "longer than clerk-app now keeps" in w)
        assert "meeting venue (1)" in warning and "agenda item notes (1)" in warning
        assert meetings.meeting_summary(record.engine, meeting_id).venue == long_venue
        assert minutes.render_agenda(record.engine, meeting_id).startswith(b"%PDF")
        exported = records.export_record(record.engine, body_id=kent.body_id)
        assert exported["meetings"][0]["venue"] == long_venue
        with pytest.raises(ClerkError, match="at most 10,000 are kept: shorten it"):
            meetings.create_meeting(record.engine, kent.body_id,
                                    meetings.meeting_summary(record.engine, meeting_id).date,
                                    venue=long_venue)
    finally:
        record.close()


def test_a_record_within_the_limits_opens_without_the_warning(kent, db_path):
    kent.meeting()
    kent.engine.dispose()
    record = opening.open_record(db_path)
    try:
        assert not any("longer than" in w for w in record.warnings)
    finally:
        record.close()

"""The record file's fields are the tables' columns, declared once: every column of every
table of a meeting's record reaches the file (or is named as left out), the schema names
exactly the fields the file writes, and its enumerations are the vocabularies."""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlmodel import SQLModel

from clerk_app.db import tables
from clerk_app.db.migrate import open_database
from clerk_app.db.tables import AuditEntry, VocabularyType
from clerk_app.rules.vocabulary import ItemKind, Position
from clerk_app.services import minutes, records
from clerk_app.services.record_format import PARTS
from tests.conftest import at
from tests.export.minutes_helpers import hold_kent_meeting, start_next_meeting


def _at(schema: dict, path: str) -> dict:
    node = schema
    for step in path.strip("/").split("/"):
        node = node[step]
    return node


def _enum(prop: dict) -> set | None:
    if "enum" in prop:
        return set(prop["enum"])
    for choice in prop.get("anyOf", ()):
        if "enum" in choice:
            return set(choice["enum"]) | ({None} if {"type": "null"} in prop["anyOf"] else set())
    return None


def test_every_table_of_the_record_is_a_part_of_the_file():
    in_file = {part.table for part in PARTS} | {AuditEntry}  # the trail: services/audit.py
    # The mark of a meeting taken offline stays in the team record: it never travels.
    in_file |= {tables.OfflineCopy}
    every = {t for t in vars(tables).values()
             if isinstance(t, type) and issubclass(t, SQLModel) and hasattr(t, "__table__")}
    assert every == in_file


def test_every_column_is_copied_referred_to_or_named_as_left_out():
    for part in PARTS:
        declared = set(part.fields) | set(part.refs) | part.omit | part.by_hand
        assert declared == {c.name for c in part.columns}, part.table.__name__


def test_the_schema_names_exactly_the_fields_the_file_writes():
    schema = records.schema()
    for part in PARTS:
        node = _at(schema, part.path)
        assert set(node["properties"]) == part.keys, part.table.__name__
        assert node["additionalProperties"] is False, part.table.__name__


def test_the_schema_enums_are_the_vocabularies():
    schema = records.schema()
    checked = 0
    for part in PARTS:
        node = _at(schema, part.path)["properties"]
        for column in part.columns:
            if not isinstance(column.type, VocabularyType) or column.name not in part.fields:
                continue
            values = {m.value for m in column.type.vocabulary}
            if column.nullable:
                values.add(None)
            assert _enum(node[column.name]) == values, f"{part.table.__name__}.{column.name}"
            checked += 1
    assert checked >= 14


def test_every_vote_position_has_its_popolo_option():
    assert set(records.POPOLO_OPTION) == set(Position)


def test_the_file_carries_the_approval_of_the_minutes_and_their_corrections(kent, tmp_path):
    held = hold_kent_meeting(kent)
    minutes.record_correction(kent.engine, held.meeting_id, "Item 5: the time was 10:47.")
    day = date(2026, 10, 20)
    following = start_next_meeting(kent, day)
    minutes.approve_minutes(kent.engine, following.items[3], ["Item 4: spelling of a name"],
                            at=at(10, 6, day=day))
    record = records.export_record(kent.engine, [held.meeting_id, following.meeting_id])
    first = record["meetings"][0]
    (approval,) = first["minutes_approvals"]
    assert approval["approved_at_meeting_id"] == record["meetings"][1]["id"]
    assert approval["item_id"] == next(i["id"] for i in record["meetings"][1]["agenda"]
                                       if i["kind"] == ItemKind.PREVIOUS_MINUTES)
    assert approval["approved_on"] == day.isoformat()
    assert datetime.fromisoformat(approval["recorded_at"]) == at(10, 6, day=day)
    assert [c["text"] for c in first["minutes_corrections"]] == [
        "Item 5: the time was 10:47.", "Item 4: spelling of a name"]
    assert [c["at_meeting_id"] for c in first["minutes_corrections"]] == [
        None, record["meetings"][1]["id"]]

    fresh = open_database(tmp_path / "fresh.sqlite3")
    body_id = records.import_record(fresh, record)
    again = records.export_record(fresh, body_id=body_id)
    assert json.dumps(again, sort_keys=True) == json.dumps(record, sort_keys=True)
    fresh.dispose()

"""The meeting record file (JSON): export, import, round trip, refusals."""

from __future__ import annotations

import copy
import json
import stat

import pytest

from clerk_app import cli
from clerk_app.db.migrate import open_database
from clerk_app.services import demo, records
from clerk_app.services.errors import ClerkError


@pytest.fixture
def demo_record(engine):
    body_id = demo.build_demo(engine)
    return records.export_record(engine, body_id=body_id)


def test_record_round_trip_into_an_empty_database_exports_the_same_json(demo_record, tmp_path):
    fresh = open_database(tmp_path / "fresh.sqlite3")
    body_id = records.import_record(fresh, demo_record)
    again = records.export_record(fresh, body_id=body_id)
    assert json.dumps(again, sort_keys=True) == json.dumps(demo_record, sort_keys=True)


def test_record_validates_against_its_schema_and_uses_popolo_names(demo_record):
    records.validate_record(demo_record)
    vote = next(d["vote_event"] for m in demo_record["meetings"] for d in m["decisions"]
                if "vote_event" in d)
    assert {c["option"] for c in vote["counts"]} == {"yes", "no", "abstain"}
    assert vote["casting"] == "for" and vote["result"] == "pass"
    assert "Chair used the casting vote" in vote["sentence"]


def test_record_carries_what_the_rules_derived(demo_record):
    past = demo_record["meetings"][0]
    derived = {i["item_id"]: i for i in past["derived"]["items"]}
    youth_item = next(i["id"] for i in past["agenda"] if i["title"].startswith("Youth"))
    tomas = next(p["id"] for p in demo_record["persons"] if p["name"] == "Tomás Ó Briain")
    assert tomas not in derived[youth_item]["eligible_voters"]
    assert derived[youth_item]["quorum"]["summary"].startswith("QUORATE")
    assert any("Voluntary" in line for line in derived[youth_item]["quorum"]["explanation"])


def test_import_refuses_a_bad_file_with_the_path_of_the_field(demo_record, tmp_path, dump):
    bad = copy.deepcopy(demo_record)
    bad["meetings"][0]["attendance_events"][2]["kind"] = "teleport"
    fresh = open_database(tmp_path / "fresh.sqlite3")
    with pytest.raises(ClerkError, match="meetings/0/attendance_events/2/kind"):
        records.import_record(fresh, bad)
    from clerk_app.services import body_setup

    assert body_setup.list_bodies(fresh) == []


def test_import_refuses_a_dangling_reference_and_writes_nothing(demo_record, tmp_path):
    bad = copy.deepcopy(demo_record)
    bad["memberships"][0]["person_id"] = "person/999"
    fresh = open_database(tmp_path / "fresh.sqlite3")
    with pytest.raises(ClerkError, match="person/999"):
        records.import_record(fresh, bad)
    from clerk_app.services import body_setup

    assert body_setup.list_bodies(fresh) == []


def test_import_refuses_a_body_already_in_the_database(engine, demo_record, dump):
    before = dump()
    with pytest.raises(ClerkError, match="already holds a body"):
        records.import_record(engine, demo_record)
    assert dump() == before


def test_cli_export_then_import_on_another_database(engine, db_path, tmp_path, capsys):
    demo.build_demo(engine)
    out = tmp_path / "meeting.json"
    assert cli.main(["export", "1", "--format", "json", "-o", str(out), "--db", str(db_path)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    other = tmp_path / "other.sqlite3"
    assert cli.main(["import", str(out), "--db", str(other)]) == 0
    assert cli.main(["list", "--db", str(other)]) == 0
    assert "Kent Local Children's Services Partnership Board" in capsys.readouterr().out


def test_cli_reports_a_bad_file_without_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert cli.main(["import", str(bad), "--db", str(tmp_path / "x.sqlite3")]) == 2
    assert "Cannot read" in capsys.readouterr().err

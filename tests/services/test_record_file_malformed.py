"""A malformed record file given to `clerk-app import`: one line, status 2, nothing
written. Hostile shapes a parser or a recursive walk would choke on (deep nesting, a huge
file, a long offending value) are refused before the database is touched."""

from __future__ import annotations

import copy
import json
import uuid

import pytest

from clerk_app import cli
from clerk_app.db.migrate import open_database
from clerk_app.services import demo, record_file, records
from clerk_app.services.errors import ClerkError


@pytest.fixture
def demo_record(tmp_path):
    engine = open_database(tmp_path / "source.sqlite3")
    record = records.export_record(engine, body_id=demo.build_demo(engine))
    engine.dispose()
    return record


@pytest.fixture
def target(tmp_path):
    """An existing record the import is pointed at, and a way to read its bytes."""
    path = tmp_path / "target.sqlite3"
    open_database(path).dispose()
    return path


def _import(file, target, capsys) -> tuple[int, str]:
    before = target.read_bytes()
    status = cli.main(["import", str(file), "--db", str(target)])
    captured = capsys.readouterr()
    assert target.read_bytes() == before, "the record changed"
    assert captured.out == ""
    return status, captured.err


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_a_file_of_a_hundred_thousand_nested_arrays_is_one_line_and_status_2(
        tmp_path, target, capsys):
    deep = tmp_path / "deep.json"
    deep.write_text(_nested(100_000), encoding="utf-8")
    status, err = _import(deep, target, capsys)
    assert status == 2
    assert err.count("\n") == 1 and "more than 40 deep" in err
    assert "Traceback" not in err


def test_a_record_nested_deep_inside_a_valid_file_is_refused_before_it_is_walked(
        demo_record, tmp_path, target, capsys):
    # Under the parser's limit, but deep enough to exhaust the stack of a recursive copy
    # (an older format version is upgraded by copying it) or of the schema's validator.
    demo_record["format_version"] = 1
    demo_record["persons"][0]["name"] = json.loads(_nested(900))
    file = tmp_path / "deep-name.json"
    file.write_text(json.dumps(demo_record), encoding="utf-8")
    status, err = _import(file, target, capsys)
    assert status == 2 and err.count("\n") == 1 and "more than 40 deep" in err


def test_the_service_refuses_deep_nesting_given_as_data_too(demo_record, target):
    deep: list = []
    for _ in range(5000):
        deep = [deep]
    demo_record["meetings"][0]["agenda"][0]["notes"] = deep
    engine = open_database(target)
    with pytest.raises(ClerkError, match="more than 40 deep"):
        records.import_record(engine, demo_record)
    engine.dispose()


def test_a_file_over_the_size_bound_is_refused_without_being_parsed(
        tmp_path, target, capsys, monkeypatch):
    monkeypatch.setattr(record_file, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"padding": "x" * 2000}), encoding="utf-8")
    status, err = _import(big, target, capsys)
    assert status == 2 and err.count("\n") == 1 and "larger than" in err


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe\x00garbage", b"[1, 2",
                                     b"null", b"\"a record\"", b"{\"format_version\": 3}"])
def test_any_malformed_file_is_one_line_and_status_2(content, tmp_path, target, capsys):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    status, err = _import(bad, target, capsys)
    assert status == 2 and err.startswith("clerk-app: ") and err.count("\n") == 1


def test_a_missing_file_is_one_line_and_status_2(tmp_path, target, capsys):
    status, err = _import(tmp_path / "nowhere.json", target, capsys)
    assert status == 2 and "nowhere.json" in err and err.count("\n") == 1


def test_a_schema_error_quoting_a_long_multi_line_value_stays_one_short_line(
        demo_record, tmp_path, target, capsys):
    bad = copy.deepcopy(demo_record)
    bad["meetings"][0]["attendance_events"][0]["kind"] = ["line\nbreak " * 5000]
    file = tmp_path / "long.json"
    file.write_text(json.dumps(bad), encoding="utf-8")
    status, err = _import(file, target, capsys)
    assert status == 2 and err.count("\n") == 1
    assert "meetings/0/attendance_events/0/kind" in err and len(err) < 400


@pytest.mark.parametrize(("part", "field"), [(("meetings", 0, "register"), "person_id"),
                                             (("organization", "settings"), "key"),
                                             (("organization", "posts"), "key"),
                                             (("organization", "offices"), "key")])
def test_a_row_kept_once_but_listed_twice_is_refused_in_the_files_words(
        demo_record, target, part, field):
    # Found by the property test: these ended in an IntegrityError traceback.
    rows = demo_record
    for key in part:
        rows = rows[key]
    again = copy.deepcopy(rows[-1])
    if "uuid" in again:  # another row, kept once all the same (its identity is its own)
        again["uuid"] = str(uuid.uuid4())
    rows.append(again)
    engine = open_database(target)
    with pytest.raises(ClerkError, match=f"two entries in {part[-1]} with the same {field}"):
        records.import_record(engine, demo_record)
    rows[-1] = copy.deepcopy(rows[-2])  # the very same row twice: its identity too
    with pytest.raises(ClerkError, match="Nothing was imported") as refused:
        records.import_record(engine, demo_record)
    engine.dispose()
    assert "\n" not in refused.value.message


@pytest.mark.parametrize("where", [("memberships", 0, "person_id"), ("persons", 0, "id"),
                                   ("organization", "key"), ("meetings", 0, "date")])
def test_a_value_followed_by_a_line_break_is_refused_as_not_matching_its_pattern(
        demo_record, target, where):
    # JSON Schema's `$` is the end of the text; Python's also matched before a final line
    # break, so "person/3\n" passed the schema and the refusal ran over two lines, and a
    # body key ending in a line break was stored.
    parent = demo_record
    for key in where[:-1]:
        parent = parent[key]
    parent[where[-1]] += "\n"
    engine = open_database(target)
    with pytest.raises(ClerkError, match=f"not valid at {'/'.join(map(str, where))}:") as refused:
        records.import_record(engine, demo_record)
    engine.dispose()
    assert "\n" not in refused.value.message


def test_a_date_in_another_scripts_digits_is_refused_by_the_schema(demo_record, target):
    demo_record["meetings"][0]["date"] = "٢٠٢٦-٠١-٠١"  # \d in Python, not in JSON Schema
    engine = open_database(target)
    with pytest.raises(ClerkError, match="not valid at meetings/0/date"):
        records.import_record(engine, demo_record)
    engine.dispose()


def test_nan_or_infinity_which_python_reads_but_json_lacks_is_refused(
        demo_record, tmp_path, target, capsys):
    demo_record["organization"]["settings"][0]["value"] = float("nan")
    file = tmp_path / "nan.json"
    file.write_text(json.dumps(demo_record), encoding="utf-8")  # writes NaN, as Python does
    status, err = _import(file, target, capsys)
    assert status == 2 and err.count("\n") == 1 and "NaN, which is not JSON" in err


def test_a_bad_file_imported_into_a_new_path_leaves_no_record_behind(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(_nested(100), encoding="utf-8")
    folder = tmp_path / "records"
    folder.mkdir()
    assert cli.main(["import", str(bad), "--db", str(folder / "new.sqlite3")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert list(folder.iterdir()) == []

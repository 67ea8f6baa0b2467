"""Mutated record files: every import either succeeds, and then the record survives a
second round trip unchanged, or is refused with one line and writes nothing.

Starts from a real record (the demo body exported) and changes it as a careless editor or
an attacker would: a value of another type, a long or empty value, a value buried in
nesting, an unknown key, an id used twice, a reference to nothing or to the wrong kind of
row, a row dropped or repeated, an older format version, a line break after a value.
Runs a quick profile in the suite; `CLERK_RECORD_PROFILE=long` runs many more (README,
"The meeting record file").
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import sqlite3
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk_app.db.migrate import open_database
from clerk_app.services import demo, records
from clerk_app.services.errors import ClerkError

PROFILES = {
    # The deadline catches an example that hangs (a huge value walked slowly), with room
    # for a machine shared with other work.
    "quick": settings(max_examples=40, deadline=timedelta(seconds=20)),
    "long": settings(max_examples=1000, deadline=None),
}
PROFILE = settings(PROFILES[os.environ.get("CLERK_RECORD_PROFILE", "quick")],
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow, HealthCheck.data_too_large])

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-3, max_value=3),
    st.sampled_from([2**63, -2**63, 10**30, 1.5, -0.0, 1e308]),
    st.text(max_size=12), st.sampled_from(["", " ", "<b>&amp;</b>", "\u202eevil", "\x00",
                                           "line\nbreak", "2026-13-45", "25:61", "person/1"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=6)


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """The demo record and an empty database file to copy."""
    folder = tmp_path_factory.mktemp("mutations")
    engine = open_database(folder / "source.sqlite3")
    record = records.export_record(engine, body_id=demo.build_demo(engine))
    engine.dispose()
    empty = folder / "empty.sqlite3"
    open_database(empty).dispose()
    return record, empty


def _paths(value, where=()):
    if where:
        yield where
    inner = value.items() if isinstance(value, dict) else \
        enumerate(value) if isinstance(value, list) else ()
    for key, item in inner:
        yield from _paths(item, (*where, key))


def _at(record, where):
    for key in where:
        record = record[key]
    return record


def _ids(record) -> list[str]:
    return sorted({v for w, v in _walk(record) if w and w[-1] == "id" and isinstance(v, str)})


def _walk(value, where=()):
    yield where, value
    inner = value.items() if isinstance(value, dict) else \
        enumerate(value) if isinstance(value, list) else ()
    for key, item in inner:
        yield from _walk(item, (*where, key))


def _mutate(data, record) -> str:
    """Change the record in one of the ways named in the module's docstring; say which."""
    paths = sorted(_paths(record), key=str)  # afresh: an earlier change may have moved them
    kind = data.draw(st.sampled_from(["type", "length", "nesting", "unknown key",
                                      "duplicate id", "dangling reference", "list",
                                      "older version", "line break"]),
                     label="kind")
    if kind == "line break":  # after a value that is otherwise right: "person/3\n"
        texts = [w for w, v in _walk(record) if w and isinstance(v, str)]
        where = data.draw(st.sampled_from(texts), label="where")
        _at(record, where[:-1])[where[-1]] += data.draw(st.sampled_from(["\n", "\r\n"]))
        return kind
    if kind == "older version":  # read through the upgrade, which copies the whole file
        record["format_version"] = data.draw(st.sampled_from([1, 2]), label="version")
        return kind
    if kind == "duplicate id":
        wheres = [w for w in paths if w[-1] == "id"]
        where = data.draw(st.sampled_from(wheres), label="where")
        _at(record, where[:-1])["id"] = data.draw(st.sampled_from(_ids(record)), label="to")
        return kind
    if kind == "dangling reference":
        wheres = [w for w in paths if str(w[-1]).endswith("_id")]
        where = data.draw(st.sampled_from(wheres), label="where")
        parent = _at(record, where[:-1])
        # Mostly a row of the right kind (another one, or one the file lacks), so that
        # the change gets past the schema to the import's own checks.
        same = str(parent[where[-1]]).split("/")[0]
        ref = data.draw(st.sampled_from([same, same, same, "person", "item", "membership"]),
                        label="ref kind")
        number = data.draw(st.sampled_from([0, 1, 2, 3, 5, 8, 999]), label="ref number")
        parent[where[-1]] = f"{ref}/{number}"
        return kind
    where = data.draw(st.sampled_from(paths), label="where")
    parent, key = _at(record, where[:-1]), where[-1]
    if kind == "type":
        parent[key] = data.draw(VALUES, label="value")
    elif kind == "length":
        text = data.draw(st.sampled_from(["x", "é", "ש", "<&>", "\n"]), label="char")
        parent[key] = text * data.draw(st.sampled_from([0, 1, 501, 10_001, 200_001]))
    elif kind == "nesting":
        # 300 is deep enough to exhaust a recursive walk of a few frames a level (the
        # upgrade's copy), and three of them still fit json.dumps.
        for _ in range(data.draw(st.sampled_from([1, 2, 31, 33, 300]), label="depth")):
            parent[key] = [parent[key]]
    elif kind == "unknown key":
        target = parent[key] if isinstance(parent[key], dict) else parent
        if isinstance(target, dict):
            target[data.draw(st.text(max_size=8), label="key")] = data.draw(VALUES)
    elif isinstance(parent[key], list) and parent[key]:  # a row dropped or repeated
        rows = parent[key]
        index = data.draw(st.integers(0, len(rows) - 1), label="row")
        if data.draw(st.booleans(), label="drop"):
            del rows[index]
        else:
            rows.append(copy.deepcopy(rows[index]))
    elif isinstance(parent, dict):
        del parent[key]
    return kind


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def _fresh(empty: Path, folder: Path, name: str) -> Path:
    path = folder / f"{name}.sqlite3"
    shutil.copy(empty, path)
    return path


def _import_file(record, folder: Path, database: Path):
    """Through the file, as `clerk-app import` reads it: return the exported result."""
    file = folder / "record.json"
    file.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    engine = open_database(database)
    try:
        body_id = records.import_record(engine, records.read_record_file(file))
        return records.export_record(engine, body_id=body_id)
    finally:
        engine.dispose()


def _comparable(record) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


@PROFILE
@given(data=st.data())
def test_a_mutated_record_is_imported_whole_or_refused_in_one_line(source, tmp_path, data):
    original, empty = source
    record = copy.deepcopy(original)
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        _mutate(data, record)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one per example: tmp_path is shared
    first = _fresh(empty, folder, "first")
    before = _dump(first)
    try:
        exported = _import_file(record, folder, first)
    except ClerkError as refused:
        assert refused.message and "\n" not in refused.message, refused.message
        assert _dump(first) == before
        return
    again = _import_file(exported, folder, _fresh(empty, folder, "second"))
    assert _comparable(again) == _comparable(exported)


@PROFILE
@given(data=st.data())
def test_a_cut_or_garbled_record_file_is_refused_in_one_line(source, tmp_path, data):
    """A file cut short by a full disk or a failed copy, or with bytes changed."""
    original, empty = source
    text = json.dumps(original, ensure_ascii=False, indent=2).encode("utf-8")
    at = data.draw(st.integers(0, len(text) - 1), label="at")
    if data.draw(st.booleans(), label="cut"):
        text = text[:at]
    else:
        text = text[:at] + data.draw(st.binary(min_size=1, max_size=4), label="bytes") + \
            text[at + 1:]
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one per example: tmp_path is shared
    file, database = folder / "record.json", _fresh(empty, folder, "first")
    file.write_bytes(text)
    before = _dump(database)
    engine = open_database(database)
    try:
        records.import_record(engine, records.read_record_file(file))
    except ClerkError as refused:
        assert refused.message and "\n" not in refused.message, refused.message
        assert _dump(database) == before
    finally:
        engine.dispose()

"""Commands that only read (list, export, agenda) never write: no new record, no lock,
no backup, no upgrade, nothing left beside the file; the commands that write still do."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine
from sqlmodel import Session, select

from clerk_app import cli
from clerk_app.db import engine as engine_module
from clerk_app.db.migrate import alembic_config, open_database
from clerk_app.db.tables import Meeting
from clerk_app.services import demo

pytestmark = pytest.mark.sqlite_file  # the reading commands on a team record: test_team_record.py

READING = [
    ["list"],
    ["export", "1", "--format", "json"],
    ["export", "1", "--format", "pdf"],
    ["agenda", "2", "--format", "docx"],
]


def _folder(path: Path) -> dict[str, bytes]:
    """Every file under a folder, with its contents."""
    return {str(f.relative_to(path)): f.read_bytes() for f in sorted(path.rglob("*"))
            if f.is_file()}


def _run(words: list[str], db: Path, out: Path) -> int:
    extra = ["-o", str(out)] if words[0] != "list" else []
    return cli.main([*words, *extra, "--db", str(db)])


@pytest.fixture
def closed_record(engine, db_path):
    """The demonstration record, closed by the copy that wrote it: no -wal, no -shm."""
    demo.build_demo(engine)  # its closed meetings were backed up
    engine.dispose()
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["backups", db_path.name]
    return db_path


def _one_line(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1, captured.err
    assert captured.err.startswith("clerk-app: ") and "Traceback" not in captured.err
    return captured.err


@pytest.mark.parametrize("where", ["typo.sqlite3", "no-such-folder/typo.sqlite3"])
def test_a_missing_record_is_not_created_and_the_clerk_is_told_how(where, tmp_path, capsys):
    before = sorted(tmp_path.rglob("*"))
    assert cli.main(["list", "--db", str(tmp_path / where)]) == 2
    err = _one_line(capsys)
    assert f"There is no record at {tmp_path / where}" in err
    assert f"run `clerk-app --db {tmp_path / where}` to make one" in err
    assert sorted(tmp_path.rglob("*")) == before  # no file, no folder, no lock


@pytest.mark.parametrize("words", READING, ids=lambda w: " ".join(w))
def test_reading_leaves_nothing_beside_the_record(closed_record, tmp_path, words, capsys):
    before = _folder(closed_record.parent)
    out = tmp_path.parent / f"{tmp_path.name}-out"  # outside the record's folder
    assert _run(words, closed_record, out) == 0
    assert _folder(closed_record.parent) == before  # no backup, no lock, no -wal or -shm
    if words[0] == "list":
        assert "  1  " in capsys.readouterr().out
    else:
        assert out.stat().st_size > 0
        out.unlink()


@pytest.mark.parametrize("words", READING, ids=lambda w: " ".join(w))
def test_a_record_that_cannot_be_written_is_still_read(closed_record, tmp_path, words,
                                                       monkeypatch):
    folder = closed_record.parent
    before = _folder(folder)
    out = tmp_path.parent / f"{tmp_path.name}-out"
    closed_record.chmod(0o444)
    folder.chmod(0o555)
    if os.geteuid() == 0:  # the superuser may write anyway: see the file as others do
        monkeypatch.setattr(engine_module, "can_write", lambda path: False)
    try:
        assert _run(words, closed_record, out) == 0
        assert _folder(folder) == before
    finally:
        folder.chmod(0o755)
        closed_record.chmod(0o600)
    if words[0] != "list":
        assert out.stat().st_size > 0
        out.unlink()


def test_an_older_record_is_not_upgraded_by_reading(tmp_path, capsys):
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:  # as the version before this one left it
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
    engine.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
    connection.close()
    before = _folder(tmp_path)
    for words in READING[:2]:
        assert _run(words, path, tmp_path / "out.json") == 2
        err = _one_line(capsys)
        assert "older version" in err and "open it once in the application" in err
        assert "close the other copy" not in err
        assert _folder(tmp_path) == before  # byte for byte, and nothing beside it


def test_a_damaged_record_is_reported_and_left_as_it_is(closed_record, capsys):
    data = bytearray(closed_record.read_bytes())
    data[4096:8192] = os.urandom(4096)
    closed_record.write_bytes(bytes(data))
    before = _folder(closed_record.parent)
    assert cli.main(["list", "--db", str(closed_record)]) == 2
    assert "is damaged" in _one_line(capsys)
    assert _folder(closed_record.parent) == before  # no copy set aside by a reader


def test_the_writing_commands_still_create_lock_and_back_up(closed_record, tmp_path, capsys):
    record_file = tmp_path.parent / f"{tmp_path.name}-meeting.json"
    assert _run(["export", "1", "--format", "json"], closed_record, record_file) == 0
    new = tmp_path / "new" / "record.sqlite3"
    new.parent.mkdir()
    assert cli.main(["import", str(record_file), "--db", str(new)]) == 0  # a new record
    assert new.exists() and (new.parent / "record.sqlite3.lock").exists()
    open_database(tmp_path / "empty.sqlite3").dispose()
    assert cli.main(["import", str(record_file), "--db", str(tmp_path / "empty.sqlite3")]) == 0
    assert any(b.name.startswith("empty") for b in (tmp_path / "backups").iterdir())
    capsys.readouterr()
    assert cli.main(["list", "--db", str(new)]) == 0
    assert capsys.readouterr().out.count("  1  ") == 1
    record_file.unlink()


def test_list_prints_one_short_line_however_long_a_stored_venue(engine, db_path, capsys):
    """A venue an earlier version kept at 50,000 characters is listed by its start."""
    demo.build_demo(engine)
    with Session(engine) as session:
        meeting = session.exec(select(Meeting)).first()
        meeting.venue = "Council Chamber " + "x" * 50_000
        session.add(meeting)
        session.commit()
    engine.dispose()
    assert cli.main(["list", "--db", str(db_path)]) == 0
    printed = capsys.readouterr().out
    assert "Council Chamber xxx" in printed
    assert max(len(line) for line in printed.splitlines()) < 300

"""One writer whatever name the record is reached by: a symbolic link (another folder
and name) or a hard link (another name for the same file) to a record being recorded is
refused for recording, reads what is being recorded, and never starts a second `-wal`
log of its own."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from clerk_app.db.errors import RecordInUse, StorageError
from clerk_app.services import register
from clerk_app.services.opening import open_record
from tests.conftest import at

# Another copy of clerk-app, in its own process: it records through the name it is
# given (an arrival, when told whom), says so, and waits to be closed or killed.
RECORD = textwrap.dedent("""
    import sys
    from clerk_app.services import register
    from clerk_app.services.opening import open_record
    from tests.conftest import at
    record = open_record(sys.argv[1])
    if len(sys.argv) > 2:
        register.arrive(record.engine, int(sys.argv[2]), int(sys.argv[3]), at(9, 55))
    print("recording", flush=True)
    sys.stdin.read()
""")

# Another copy asked to record through a name, then to read through it.
TRY = textwrap.dedent("""
    import json, sys
    from clerk_app.db.errors import RecordInUse
    from clerk_app.services import register
    from clerk_app.services.opening import open_record
    try:
        open_record(sys.argv[1]).close()
        refused = None
    except RecordInUse as error:
        refused = error.message
    record = open_record(sys.argv[1], read_only=True)
    state = register.state(record.engine, int(sys.argv[2])).line(int(sys.argv[3])).state
    print(json.dumps({"refused": refused, "read_only": record.read_only,
                      "chair": str(state)}))
    record.close()
""")


def link(kind: str, db_path: Path) -> Path:
    """Another name for the record, in another folder."""
    elsewhere = db_path.parent / "elsewhere"
    elsewhere.mkdir()
    name = elsewhere / "board.sqlite3"
    if kind == "symbolic":
        name.symlink_to(db_path)
    else:
        os.link(db_path, name)
    return name


def sidecars(name: Path) -> list[Path]:
    """SQLite's log and shared memory that an opening through `name` would start."""
    return [p for p in (name.with_name(name.name + "-wal"), name.with_name(name.name + "-shm"))
            if p.exists() and not p.is_symlink()]


def read(path: Path, query: str) -> list:
    """`query`'s rows, read straight from the file as it is on disk."""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        return connection.execute(query).fetchall()


def integrity(path: Path) -> list:
    return read(path, "PRAGMA integrity_check")


@pytest.fixture
def start():
    """Start other copies of clerk-app; each is killed at the end of the test."""
    started = []

    def run(*args) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-c", RECORD, *map(str, args)],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        started.append(process)
        assert process.stdout.readline().strip() == "recording"
        return process

    yield run
    for process in started:
        process.kill()
        process.wait()


def try_other_name(name: Path, meeting: int, chair: int) -> dict:
    done = subprocess.run([sys.executable, "-c", TRY, str(name), str(meeting), str(chair)],
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("kind", ["symbolic", "hard"])
def test_another_name_for_a_record_being_recorded_is_refused(kind, kent, db_path, dump,
                                                              start):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    kent.engine.dispose()
    other_name = link(kind, db_path)
    start(db_path)
    before = dump()
    with pytest.raises(RecordInUse) as refused:
        open_record(other_name)
    assert "already open for recording in another copy of clerk-app" in refused.value.message
    assert "open this one read-only" in refused.value.message
    if kind == "hard":  # the clerk is told which name the other copy uses
        assert "under the name record.sqlite3" in refused.value.message
    record = open_record(other_name, read_only=True)
    assert record.read_only and record.path == db_path.resolve()
    assert register.state(record.engine, m).line(kent.ids["chair"]).state == "present"
    record.close()
    assert dump() == before
    assert sidecars(other_name) == [] and integrity(db_path) == [("ok",)]


@pytest.mark.parametrize("kind", ["symbolic", "hard"])
def test_another_name_reads_what_is_being_recorded_and_writes_nothing(kind, kent, db_path):
    """The arrival is still only in the recording copy's `-wal` log: a reader through
    another name must find it there, not start a log of its own that would miss it."""
    m, chair = kent.meeting(), kent.ids["chair"]
    kent.engine.dispose()
    record = open_record(db_path)
    register.arrive(record.engine, m, chair, at(9, 55))
    assert db_path.with_name("record.sqlite3-wal").stat().st_size > 0
    other_name = link(kind, db_path)
    seen = try_other_name(other_name, m, chair)
    assert "already open for recording" in seen["refused"]
    assert seen["read_only"] and seen["chair"] == "present"
    assert sidecars(other_name) == []
    assert register.state(record.engine, m).line(chair).state == "present"
    record.close()
    assert integrity(db_path) == [("ok",)]


@pytest.mark.parametrize("kind", ["symbolic", "hard"])
def test_once_closed_the_record_can_be_recorded_through_the_other_name(kind, kent, db_path):
    m, chair = kent.meeting(), kent.ids["chair"]
    kent.engine.dispose()
    open_record(db_path).close()
    other_name = link(kind, db_path)
    record = open_record(other_name)
    assert not record.read_only
    register.arrive(record.engine, m, chair, at(9, 55))
    record.close()
    assert sidecars(other_name) == []  # it recorded through the record's one name
    again = open_record(db_path, read_only=True)
    assert register.state(again.engine, m).line(chair).state == "present"
    again.close()
    assert integrity(db_path) == [("ok",)]


def test_a_copy_killed_while_recording_through_a_hard_link_loses_nothing(kent, db_path,
                                                                         start):
    """Its arrival is left in the hard link's own `-wal` log: opening through the first
    name must replay that log, not start another one beside it and lose the arrival."""
    m, chair = kent.meeting(), kent.ids["chair"]
    kent.engine.dispose()
    other_name = link("hard", db_path)
    holder = start(other_name, m, chair)
    holder.kill()  # SIGKILL: its log is not copied into the file
    holder.wait()
    assert other_name.with_name("board.sqlite3-wal").stat().st_size > 0
    record = open_record(db_path)
    assert not record.read_only and record.path == other_name
    assert register.state(record.engine, m).line(chair).state == "present"
    record.close()
    assert integrity(db_path) == [("ok",)]
    assert read(db_path, "SELECT count(*) FROM attendanceevent") == [(1,)]  # now in the file


def test_a_second_name_is_refused_by_a_copy_recording_through_a_hard_link(kent, db_path,
                                                                          start):
    kent.engine.dispose()
    other_name = link("hard", db_path)
    start(other_name)
    with pytest.raises(RecordInUse, match="under the name board.sqlite3"):
        open_record(db_path)
    assert sidecars(db_path) == []


def test_a_lock_that_cannot_be_written_refuses_recording_and_creates_nothing(
        kent, db_path, dump, tmp_path, monkeypatch):
    m = kent.meeting()
    kent.engine.dispose()
    not_a_folder = tmp_path / "data-home"
    not_a_folder.write_text("a file where the user's data folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(not_a_folder))
    before = dump()
    with pytest.raises(StorageError, match="cannot be opened for recording.*read-only"):
        open_record(db_path)
    new = tmp_path / "new.sqlite3"
    with pytest.raises(StorageError, match="lock file"):
        open_record(new)
    assert not new.exists()
    record = open_record(db_path, read_only=True)  # what the clerk is told to do
    assert register.state(record.engine, m).meeting_id == m
    record.close()
    assert dump() == before

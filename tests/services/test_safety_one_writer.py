"""One writer: a second copy of clerk-app is told, and may only read; a network drive
is warned about; a locked, read-only, full or vanished file gives a clear message and
loses nothing already recorded."""

from __future__ import annotations

import shutil
import socket
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import event

from clerk_app import cli
from clerk_app.db.engine import make_engine
from clerk_app.db.errors import ReadOnlyRecord, RecordInUse, StorageError, storage_error
from clerk_app.db.lock import WriterLock, filesystem_type, is_network_filesystem, network_warning
from clerk_app.services import opening, register
from clerk_app.services.opening import open_record
from tests.conftest import at

HOLD = textwrap.dedent("""
    import sys
    from clerk_app.services.opening import open_record
    record = open_record(sys.argv[1])
    print("recording", flush=True)
    sys.stdin.read()  # until the test closes our stdin, or kills us
""")


@pytest.fixture
def other_copy(db_path, engine):
    """Another copy of clerk-app, in its own process, recording in the file."""
    engine.dispose()
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "recording"
    yield process
    process.kill()
    process.wait()


def test_a_second_copy_is_told_who_is_recording(other_copy, db_path):
    with pytest.raises(RecordInUse) as refused:
        open_record(db_path)
    message = refused.value.message
    assert "already open for recording in another copy of clerk-app" in message
    assert socket.gethostname() in message
    assert "open this one read-only" in message


def test_the_second_copy_may_read_but_never_write(kent, db_path, dump):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    kent.engine.dispose()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "recording"
        record = open_record(db_path, read_only=True)
        assert record.read_only and record.lock is None
        assert register.state(record.engine, m).line(kent.ids["chair"]).state == "present"
        before = dump()
        with pytest.raises(ReadOnlyRecord, match="open read-only"):
            register.arrive(record.engine, m, kent.ids["police"], at(9, 57))
        assert dump() == before
        record.close()
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_copy_leaves_no_lock_behind(other_copy, db_path):
    other_copy.kill()  # SIGKILL: no chance to tidy up; the system drops its lock
    other_copy.wait()
    record = open_record(db_path)
    assert not record.read_only
    record.close()


def test_the_recording_copy_shares_its_own_lock(engine, db_path):
    """The restore dialog runs inside the copy that records: it must not lock itself out."""
    engine.dispose()
    record = open_record(db_path)
    with WriterLock(db_path) as again:
        assert again.held
    assert record.lock.held
    record.close()
    assert not record.lock.held


MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
server:/export/clerks /mnt/clerks nfs4 rw,relatime 0 0
//fileserver/board\\040papers /mnt/board\\040papers cifs rw 0 0
user@host:/srv /home/clerk/remote fuse.sshfs rw 0 0
/dev/sdb1 /media/clerk/USB fuseblk rw 0 0
"""


@pytest.mark.parametrize(("where", "fstype", "network"), [
    ("/home/clerk/record.sqlite3", "ext4", False),
    ("/mnt/clerks/record.sqlite3", "nfs4", True),
    ("/mnt/board papers/record.sqlite3", "cifs", True),
    ("/home/clerk/remote/record.sqlite3", "fuse.sshfs", True),
    ("/media/clerk/USB/record.sqlite3", "fuseblk", False),  # an NTFS USB stick: local
])
def test_a_record_on_a_network_drive_is_recognised(where, fstype, network):
    found = filesystem_type(Path(where), MOUNTS)
    assert found == fstype and is_network_filesystem(found) is network


def test_the_clerk_is_warned_when_the_record_is_on_a_network_drive(engine, db_path,
                                                                      monkeypatch):
    engine.dispose()
    mounts = f"{db_path.parent} {db_path.parent} nfs rw 0 0\n"
    monkeypatch.setattr(opening, "network_warning",
                        lambda path: network_warning(path, mounts))
    record = open_record(db_path)
    record.close()
    assert len(record.warnings) == 1
    assert "network drive (nfs)" in record.warnings[0]
    assert "Copy the record to this computer's own disk" in record.warnings[0]


def test_a_busy_record_refuses_the_action_and_loses_nothing(kent, db_path, dump):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    impatient = make_engine(db_path, busy_timeout_ms=50)
    other = sqlite3.connect(db_path)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        before = dump()
        with pytest.raises(StorageError, match="busy.*not saved.*safe"):
            register.arrive(impatient, m, kent.ids["police"], at(9, 56))
    finally:
        other.rollback()
        other.close()
    assert dump() == before
    register.arrive(impatient, m, kent.ids["police"], at(9, 56))  # and later it works
    impatient.dispose()


def test_a_read_only_file_opens_read_only_with_a_message(kent, db_path, dump, monkeypatch):
    m = kent.meeting()
    kent.engine.dispose()
    # As root the test cannot make a file unwritable; the check is what is replaced.
    monkeypatch.setattr(opening, "can_write", lambda path: False)
    record = open_record(db_path)
    assert record.read_only and "cannot be written to" in record.warnings[0]
    before = dump()
    with pytest.raises(ReadOnlyRecord):
        register.arrive(record.engine, m, kent.ids["chair"], at(9, 55))
    assert dump() == before
    record.close()


def test_a_full_disk_refuses_the_action_and_keeps_the_rest(kent, db_path, dump):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    kent.engine.dispose()
    full = make_engine(db_path)

    @event.listens_for(full, "connect")
    def no_more_pages(dbapi_connection, _record):
        # SQLite's own way to run out of room: the file may not grow.
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    before = dump()
    with pytest.raises(StorageError, match="disk is full.*not saved.*safe"):
        for n in range(200):
            register.add_in_attendance(full, m, f"Guest {n} " + "x" * 480,
                                       role_note="y" * 9000, at=at(10, 0))
    full.dispose()
    after = dump()
    assert [line for line in after if "Helen Marsh" in line] == \
           [line for line in before if "Helen Marsh" in line]
    assert register.state(kent.engine, m).line(kent.ids["chair"]).state == "present"


def test_a_folder_that_vanished_gives_a_clear_message(kent, db_path, tmp_path):
    """The USB stick is pulled out: the next action says so, and the file is not
    recreated empty somewhere else."""
    m = kent.meeting()
    stick = tmp_path / "stick"
    stick.mkdir()
    moved = stick / "record.sqlite3"
    kent.engine.dispose()
    shutil.move(db_path, moved)
    engine = make_engine(moved)
    register.arrive(engine, m, kent.ids["chair"], at(9, 55))
    engine.dispose()
    shutil.rmtree(stick)
    with pytest.raises(StorageError, match="cannot be opened.*USB stick"):
        register.arrive(engine, m, kent.ids["police"], at(9, 56))
    assert not stick.exists()


def test_a_missing_folder_is_refused_not_created(tmp_path):
    where = tmp_path / "typo" / "record.sqlite3"
    with pytest.raises(StorageError, match="does not exist.*Nothing has been created"):
        open_record(where)
    assert not where.parent.exists()


@pytest.mark.parametrize(("sqlite_says", "clerk_reads"), [
    ("database is locked", "busy"),
    ("attempt to write a readonly database", "read-only"),
    ("database or disk is full", "disk is full"),
    ("disk I/O error", "disk error"),
    ("unable to open database file", "cannot be opened"),
    ("file is not a database", "damaged"),
])
def test_each_failure_of_the_disk_has_its_message(sqlite_says, clerk_reads):
    error = storage_error(sqlite3.OperationalError(sqlite_says), "record.sqlite3")
    assert clerk_reads in error.message and "record.sqlite3" in error.message


def test_a_programming_error_is_not_dressed_up_as_a_disk_problem():
    assert storage_error(sqlite3.OperationalError("no such column: nmae"), "x") is None
    assert storage_error(KeyError("x"), "x") is None


def test_the_command_line_reads_beside_the_window_but_never_writes(other_copy, db_path,
                                                                    tmp_path, capsys):
    assert cli.main(["list", "--db", str(db_path)]) == 0  # read-only, while it records
    assert cli.main(["demo", "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("clerk-app: ") and "already open for recording" in err
    assert err.count("\n") == 1

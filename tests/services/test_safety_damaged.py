"""Damaged files: checked on every open, kept aside untouched, the newest good backup
offered; never a traceback, never a silently empty record."""

from __future__ import annotations

import hashlib
import os

import pytest

from clerk_app import cli
from clerk_app.db.backup import list_backups, make_backup
from clerk_app.db.errors import DamagedRecord
from clerk_app.services import backups, register
from clerk_app.services.opening import open_record
from tests.conftest import at


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def recorded(kent, db_path):
    """A record with an arrival, a backup of it, then the file closed."""
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    make_backup(db_path, "manual")
    kent.engine.dispose()
    return m


def _truncate(path, size):
    with path.open("r+b") as handle:
        handle.truncate(size)


def _scribble(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 8192] = os.urandom(8192)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [
    pytest.param(lambda p: _truncate(p, p.stat().st_size // 2), id="truncated"),
    pytest.param(lambda p: _truncate(p, 100), id="cut-to-its-header"),
    pytest.param(lambda p: p.write_bytes(os.urandom(65536)), id="garbage"),
    pytest.param(_scribble, id="overwritten-in-the-middle"),
    pytest.param(lambda p: _truncate(p, 0), id="emptied"),
])
def test_a_damaged_record_is_refused_kept_aside_and_a_backup_offered(recorded, db_path,
                                                                     damage):
    damage(db_path)
    digest = _digest(db_path)
    with pytest.raises(DamagedRecord) as refused:
        open_record(db_path)
    error = refused.value
    assert "is damaged and cannot be opened" in error.message
    assert _digest(db_path) == digest  # left exactly as it was
    assert error.aside is not None and _digest(error.aside) == digest
    assert error.aside.name in error.message
    assert error.backup == list_backups(db_path)[0].path
    assert "newest good backup" in error.message
    # Opening again neither makes a second copy nor quietly starts an empty record.
    with pytest.raises(DamagedRecord) as again:
        open_record(db_path)
    assert again.value.aside == error.aside
    assert len(list(db_path.parent.glob("*.damaged-*.sqlite3"))) == 1


def test_restoring_the_offered_backup_brings_the_record_back(recorded, kent, db_path):
    db_path.write_bytes(os.urandom(65536))
    with pytest.raises(DamagedRecord) as refused:
        open_record(db_path)
    result = backups.restore_backup(db_path, refused.value.backup)
    assert result.safety_copy is None  # a damaged file cannot be backed up: it is aside
    record = open_record(db_path)
    assert register.state(record.engine, recorded).line(kent.ids["chair"]).state == "present"
    record.close()
    assert refused.value.aside.exists()


def test_a_damaged_record_without_backups_is_still_never_replaced(tmp_path):
    path = tmp_path / "lost.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    with pytest.raises(DamagedRecord, match="No good backup") as refused:
        open_record(path)
    assert refused.value.backup is None
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_an_empty_new_file_is_simply_a_new_record(tmp_path):
    path = tmp_path / "new.sqlite3"
    path.touch()
    record = open_record(path)  # no backups: nothing was ever in it
    record.close()
    assert not record.read_only


def test_the_command_line_says_so_in_one_line_and_exits_2(recorded, db_path, capsys):
    _truncate(db_path, 4096)
    assert cli.main(["list", "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("clerk-app: ") and "is damaged" in err
    assert err.count("\n") == 1 and "Traceback" not in err

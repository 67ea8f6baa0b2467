"""Privacy: the record holds personal data and declared interests, so every file that
holds any of it is readable by its owner only: the database, SQLite's -wal and -shm
beside it, the backups and their folder, a damaged file kept aside, exports."""

from __future__ import annotations

import os
import stat

import pytest

from clerk_app import cli
from clerk_app.db.errors import DamagedRecord
from clerk_app.db.lock import identity_lock_path, lock_path
from clerk_app.services import demo, register
from clerk_app.services.opening import open_record


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The laptop's usual umask (022) lets new files be read by everyone: the
    application must not rely on a stricter one."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_every_file_holding_the_record_is_readable_by_its_owner_only(open_umask, tmp_path,
                                                                     capsys):
    path = tmp_path / "record.sqlite3"
    record = open_record(path)
    demo.build_demo(record.engine)  # closes a meeting: a backup
    register.state(record.engine, 1)
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
             lock_path(path), identity_lock_path(path)]
    for file in files:
        assert file.exists() and _mode(file) == 0o600, file
    record.close()
    reopened = open_record(path)  # opening makes a backup too
    reopened.close()
    folder = tmp_path / "backups"
    assert _mode(folder) == 0o700
    assert _mode(identity_lock_path(path).parent) == 0o700  # names the records opened
    made = list(folder.iterdir())
    assert len(made) == 2 and all(_mode(b) == 0o600 for b in made)
    for fmt in ("json", "pdf"):
        out = tmp_path / "exports" / f"meeting.{fmt}"
        assert cli.main(["export", "1", "--format", fmt, "-o", str(out),
                         "--db", str(path)]) == 0
        assert _mode(out) == 0o600, out
    capsys.readouterr()


def test_a_damaged_file_kept_aside_is_private_too(open_umask, engine, db_path):
    engine.dispose()
    db_path.write_bytes(os.urandom(8192))
    with pytest.raises(DamagedRecord) as refused:
        open_record(db_path)
    assert _mode(refused.value.aside) == 0o600

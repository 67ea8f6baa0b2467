"""Backups of a record file: made, checked, listed, rotated, restored.

Every copy goes through SQLite's online backup API (https://sqlite.org/backup.html),
never a file copy: a file copy taken while the application runs can miss the actions
still in the -wal file, or catch a page half-written. Each backup is written under a
temporary name, checked with `PRAGMA quick_check`, and only then given its final name,
so a backup that is listed is a whole one.

Backups live in a `backups` folder beside the record, readable by its owner only, named
`<record>.<UTC time>.<reason>.sqlite3`. Rotation keeps everything from the last seven
days, then the newest of each month (the scheme of Anki's and KeePassXC's backups).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from clerk_app.db.engine import PRIVATE, create_private, sidecar_files
from clerk_app.db.errors import StorageError, storage_error

KEEP_ALL_DAYS = 7
STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(
    r"^(?P<stem>.+)\.(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<n>\d+))?\.(?P<reason>[a-z-]+)\.sqlite3$"
)

REASONS = {
    "open": "when the record was opened",
    "during-meeting": "during a meeting (every ten minutes)",
    "meeting-closed": "when a meeting was closed",
    "before-upgrade": "before an upgrade of clerk-app",
    "before-restore": "before a restore from a backup",
    "manual": "made by the clerk",
}


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime  # aware, UTC
    reason: str

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason.replace("-", " "))


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    return sqlite3.connect(path)


@contextlib.contextmanager
def _sqlite(path: Path, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection that is always closed (sqlite3's own `with` only commits)."""
    connection = _connect(path, read_only)
    try:
        yield connection
    finally:
        connection.close()


def copy_database(source: Path, target: Path, source_read_only: bool = False) -> None:
    """Copy a database page by page through SQLite's backup API, in one step.

    Into a new file, the copy is private and in rollback-journal mode (one file, no
    -wal). Into a live record, SQLite writes the pages in one transaction through its
    own journal, so the record is either wholly the old one or wholly the copy.
    """
    new = not target.exists()
    if new:
        create_private(target)
    try:
        with _sqlite(source, read_only=source_read_only) as src, _sqlite(target) as dst:
            dst.execute("PRAGMA busy_timeout=5000")
            src.backup(dst)
            if new:
                dst.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as error:
        if new:
            target.unlink(missing_ok=True)
        raise storage_error(error, target) or StorageError(
            f"The copy of {source.name} could not be made: {error}.") from error


def check_file(path: Path, read_only: bool = True) -> str | None:
    """What is wrong with a database file (PRAGMA quick_check), or None if it reads well.

    quick_check reads every page and checks its structure, without the slower index
    cross-checks of integrity_check: fast enough to run on every open.
    """
    try:
        with _sqlite(path, read_only=read_only) as connection:
            return check_connection(connection, path)
    except sqlite3.OperationalError as error:  # the file could not be opened
        raise storage_error(error, path) or StorageError(
            f"{path.name} could not be checked: {error}.") from error


def check_connection(connection: sqlite3.Connection, path: Path) -> str | None:
    """`check_file` on a connection already open on the file at `path`."""
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.OperationalError as error:
        # The file could not be reached (locked, unreadable, gone): that is not damage.
        raise storage_error(error, path) or StorageError(
            f"{path.name} could not be checked: {error}.") from error
    except sqlite3.DatabaseError as error:
        return str(error)  # "file is not a database", "database disk image is malformed"
    lines = [line.strip() for row in rows for line in str(row[0]).splitlines()]
    problems = [line for line in lines if line and line != "ok" and not line.startswith("***")]
    return "; ".join(problems[:2]) or None


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def private_folder(folder: Path) -> Path:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(0o700)
    return folder


def make_backup(db_path: Path, reason: str, now: datetime | None = None) -> BackupFile:
    """A checked backup of the record in its backups folder."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    taken_at = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    folder = private_folder(backups_dir(db_path))
    base = f"{db_path.stem}.{taken_at:{STAMP}}"
    final = folder / f"{base}.{reason}.sqlite3"
    n = 1
    while final.exists():
        n += 1
        final = folder / f"{base}-{n}.{reason}.sqlite3"
    partial = final.with_name(final.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        copy_database(db_path, partial)
        problem = check_file(partial)
        if problem:
            raise StorageError(f"The backup of {db_path.name} did not pass its check "
                               f"({problem}); the record itself was not changed.")
        os.replace(partial, final)
        _fsync_folder(folder)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupFile(final, taken_at, reason)


def _parse(path: Path, stem: str) -> BackupFile | None:
    match = _NAME.match(path.name)
    if match is None or match["stem"] != stem:
        return None
    taken_at = datetime.strptime(match["stamp"], STAMP).replace(tzinfo=UTC)
    return BackupFile(path, taken_at, match["reason"])


def list_backups(db_path: Path) -> list[BackupFile]:
    """The record's backups, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = [b for p in folder.iterdir() if (b := _parse(p, db_path.stem)) is not None]
    # Two backups in one second (names are to the second): the file's time decides.
    return sorted(found, key=lambda b: (b.taken_at, b.path.stat().st_mtime_ns), reverse=True)


def backups_to_remove(backups: list[BackupFile], now: datetime) -> list[BackupFile]:
    """Everything from the last seven days stays; before that, the newest of each month."""
    keep_from = now - timedelta(days=KEEP_ALL_DAYS)
    kept_months: set[tuple[int, int]] = set()
    remove = []
    for backup in sorted(backups, key=lambda b: b.taken_at, reverse=True):
        if backup.taken_at >= keep_from:
            continue
        month = (backup.taken_at.year, backup.taken_at.month)
        if month in kept_months:
            remove.append(backup)
        else:
            kept_months.add(month)
    return remove


def rotate(db_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups the rotation no longer keeps, and any left half-written."""
    now = now or datetime.now(UTC)
    removed = []
    for backup in backups_to_remove(list_backups(db_path), now):
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    folder = backups_dir(db_path)
    if folder.is_dir():
        for partial in folder.glob(f"{db_path.stem}.*.sqlite3.partial"):
            partial.unlink(missing_ok=True)  # a backup interrupted by a crash
    return removed


def newest_good_backup(db_path: Path) -> BackupFile | None:
    for backup in list_backups(db_path):
        if check_file(backup.path) is None:
            return backup
    return None


# --- What a backup holds -----------------------------------------------------------------


@dataclass(frozen=True)
class MeetingInBackup:
    body: str
    title: str
    date: date
    status: str


@dataclass(frozen=True)
class BackupContents:
    meetings: tuple[MeetingInBackup, ...]
    revision: str | None
    problem: str | None = None  # why the backup cannot be used, if it cannot


def backup_contents(path: Path) -> BackupContents:
    """The meetings a backup holds, read with plain SQL that every schema version has.

    A backup can be from an older version of the application, so this reads only the
    columns of the first schema rather than the current tables.
    """
    problem = check_file(path)
    if problem:
        return BackupContents((), None, problem)
    try:
        with _sqlite(path, read_only=True) as connection:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            rows = connection.execute(
                "SELECT body.name, meeting.title, meeting.date, meeting.status "
                "FROM meeting JOIN body ON body.id = meeting.body_id "
                "ORDER BY meeting.date, meeting.id").fetchall()
    except sqlite3.DatabaseError as error:
        return BackupContents((), None, f"not a clerk-app record ({error})")
    meetings = tuple(MeetingInBackup(body, title, date.fromisoformat(day), status)
                     for body, title, day, status in rows)
    return BackupContents(meetings, revision[0] if revision else None)


def last_audit_entry(path: Path) -> int | None:
    """The number of the newest audit entry in a backup: every change appends one."""
    try:
        with _sqlite(path, read_only=True) as connection:
            return connection.execute("SELECT max(id) FROM auditentry").fetchone()[0]
    except sqlite3.DatabaseError:
        return None


# --- Damaged files -------------------------------------------------------------------------


def set_aside(db_path: Path, now: datetime | None = None) -> Path:
    """Copy a damaged record (and its -wal) aside, byte for byte, before anything else.

    A byte copy is right here, unlike for backups: SQLite cannot read the file, and the
    point is to keep exactly what was on the disk for someone to try to recover. The
    copy is made once for the same damaged content.
    """
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime(STAMP)
    size = db_path.stat().st_size
    for earlier in sorted(db_path.parent.glob(f"{db_path.stem}.damaged-*.sqlite3")):
        if earlier.stat().st_size == size and _same_bytes(earlier, db_path):
            return earlier
    aside = db_path.with_name(f"{db_path.stem}.damaged-{stamp}.sqlite3")
    wal, aside_wal = sidecar_files(db_path)[0], sidecar_files(aside)[0]
    for source, target in [(db_path, aside), (wal, aside_wal)]:
        if source.exists():
            create_private(target)
            shutil.copyfile(source, target)
            target.chmod(PRIVATE)
    return aside


def _same_bytes(a: Path, b: Path) -> bool:
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            chunk_a, chunk_b = fa.read(1 << 20), fb.read(1 << 20)
            if chunk_a != chunk_b:
                return False
            if not chunk_a:
                return True


def remove_database(db_path: Path) -> None:
    """Remove a record file and SQLite's files beside it (after they were set aside)."""
    for path in [db_path, *sidecar_files(db_path)]:
        path.unlink(missing_ok=True)

"""Opening a record file, the way the application and the command line do it.

In order: the folder must exist (a mistyped path never becomes a new, empty record);
the file is opened through the one name it is recorded through (a symbolic or hard link
leads to the same lock and the same `-wal` log, see `clerk_app.db.lock`);
a network drive is warned about; the writer lock is taken (or the record opened
read-only); the file is checked (PRAGMA quick_check) and, if damaged, copied aside and
refused with the newest good backup named; a backup is made; the schema is brought up
to date. Each refusal is a `ClerkError` whose message the clerk can act on.
`open_record_for_reading`, for the commands that only read, does none of the writing.

A team record on a PostgreSQL server (`postgresql+psycopg://clerk@server/council`) has
no file: the file's lock, damage check and backups do not apply to it. The server's
own backups keep it and its own checks guard it; its schema is brought up to date in
one transaction on the server.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine

from clerk_app import clock
from clerk_app.db.backup import (
    BackupFile,
    check_connection,
    check_file,
    list_backups,
    make_backup,
    newest_good_backup,
    private_folder,
    rotate,
    set_aside,
)
from clerk_app.db.engine import is_server, is_server_url, make_engine, server_name, shown
from clerk_app.db.errors import ClerkError, DamagedRecord, StorageError
from clerk_app.db.lock import WriterLock, can_write, network_warning, record_name
from clerk_app.db.meeting_lock import release_all
from clerk_app.db.migrate import (
    SCHEMA,
    SchemaTooNewError,
    known_revisions,
    open_database,
    peek,
    schema_of,
    upgrade,
)
from clerk_app.services.long_text import long_text_warning


def is_team_record(engine: Engine) -> bool:
    """Whether a record is a team record on a PostgreSQL server (no file behind it)."""
    return is_server(engine)


@dataclass
class OpenRecord:
    """A record file open for recording (holding the writer lock) or read-only, or a
    team record on a PostgreSQL server (`path` is then its URL, any password masked)."""

    path: Path | str
    engine: Engine
    read_only: bool
    lock: WriterLock | None = None
    warnings: list[str] = field(default_factory=list)
    backup: BackupFile | None = None  # the backup made on opening

    def __post_init__(self) -> None:
        # Said on every opening, by the application and the command line alike.
        long_text = long_text_warning(self.engine)
        if long_text:
            self.warnings.append(long_text)

    @property
    def on_server(self) -> bool:
        return is_team_record(self.engine)

    @property
    def label(self) -> str:
        """Where the record is, as the status bar says it (never a server's password)."""
        if not self.on_server:
            return str(self.path)
        return (f"{server_name(str(self.path))}, a team record backed up by the server's "
                "own backups")

    def close(self) -> None:
        release_all(self.engine)  # the meetings its table held (a team record's)
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()


def open_record(path: Path | str, *, read_only: bool = False,
                create_folder: bool = False) -> OpenRecord:
    """Open a record file safely (see the module's docstring for the order of checks).

    Args:
        read_only: open without the writer lock; every change is refused.
        create_folder: create a missing folder (only for the default data folder).

    Raises:
        StorageError: the folder is missing, the file cannot be read.
        RecordInUse: another copy of clerk-app is recording in the file.
        DamagedRecord: the file is damaged; it was copied aside and left untouched.
        SchemaTooNewError, UpgradeFailed: see `clerk_app.db.migrate.upgrade`.
    """
    if is_server_url(path):
        return open_team_record(str(path), read_only=read_only)
    asked = Path(path).expanduser()
    path = record_name(asked)
    folder = path.parent
    if not folder.is_dir():
        if not create_folder:
            raise StorageError(
                f"The folder {folder} does not exist or cannot be reached (is the USB stick "
                "or network drive connected?). Nothing has been created: check the path.")
        private_folder(folder)
    if path.is_dir():
        raise ClerkError(f"{path} is a folder, not a record file: choose the record file.")
    if read_only and not path.exists():
        raise StorageError(f"There is no record file at {path}: nothing to read.")
    warnings = [w for w in [network_warning(path)] if w]
    if not read_only and not can_write(path):
        if not path.exists():
            raise StorageError(f"A new record cannot be created in {folder}: clerk-app may "
                               "not write there. Choose another folder.")
        read_only = True
        warnings.append(f"{path.name} cannot be written to (the file or its folder is "
                        "read-only), so it is open read-only: the record can be read, but "
                        "nothing can be recorded in it.")
    new = not path.exists()
    lock = None if read_only else WriterLock(asked).acquire()  # creates a new file
    try:
        if not new:
            refuse_if_damaged(path, read_only)
        if read_only:
            return OpenRecord(path, open_database(path, read_only=True), True, None, warnings)
        engine = make_engine(path)
        made = None
        if peek(path)[1] == SCHEMA:
            made = make_backup(path, "open")  # an older file gets its backup in upgrade()
        upgrade(engine, path)
        rotate(path)
        return OpenRecord(path, engine, False, lock, warnings, made)
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def open_team_record(url: str, read_only: bool = False,
                     password: str | None = None) -> OpenRecord:
    """Open a team record on a PostgreSQL server, its schema brought up to date.

    What guards a record file does not apply: there is no file to lock, to check for
    damage or to copy as a backup; the server checks its own pages, and IT's backups of
    it keep the record. The record's `path` is its URL with any password masked; a
    `password` the clerk typed goes to the server only (`make_server_engine`).

    Raises:
        StorageError: the server cannot be reached, or has no such database (the
            message never shows a password).
        SignInRefused: the server refused the sign-in (no password, or a wrong one).
        SchemaTooNewError, UpgradeFailed: see `clerk_app.db.migrate.upgrade_server`.
    """
    engine = open_database(url, read_only=read_only, password=password)
    return OpenRecord(shown(url), engine, read_only)


def open_record_for_reading(path: Path | str) -> OpenRecord:
    """Open a record only to read it (the commands that list and export).

    Nothing is created, changed or added beside the file: a missing file is not made, the
    writer lock is not taken (a copy recording in the file goes on), no backup is made,
    and a record at an older schema is not upgraded: the application does that, with
    its backup first. A file that cannot be written is read all the same.

    Raises:
        StorageError: there is no record file at `path`, or it cannot be read.
        DamagedRecord: the file is damaged (nothing is set aside: the application does).
        SchemaTooNewError: the file comes from a newer version.
        ClerkError: the record is at an older schema, or the file is not a record.
    """
    if is_server_url(path):
        return open_team_record(str(path), read_only=True)
    path = Path(path).expanduser()
    if path.is_dir():
        raise ClerkError(f"{path} is a folder, not a record file: choose the record file.")
    if not path.is_file():
        raise StorageError(f"There is no record at {path}: run `clerk-app --db {path}` to "
                           "make one, or check the path.")
    path = record_name(path)  # the one name whose -wal holds what is not yet in the file
    engine = make_engine(path, read_only=True)
    try:
        _refuse_unless_readable(engine, path)
    except BaseException:
        engine.dispose()
        raise
    return OpenRecord(path, engine, True, None, [w for w in [network_warning(path)] if w])


def _refuse_unless_readable(engine: Engine, path: Path) -> None:
    """Check a record opened for reading: whole, a clerk-app record, at this schema."""
    raw = engine.raw_connection()
    try:
        problem = check_connection(raw.driver_connection, path)
        has_tables, revision = (False, None) if problem else schema_of(raw.driver_connection)
    finally:
        raw.close()
    open_it = f"open it once in the application (`clerk-app --db {path}`)"
    if problem is not None:
        raise DamagedRecord(
            f"{path.name} is damaged and cannot be read ({problem}). It has not been "
            f"changed: {open_it} to keep a copy of it aside and find its newest good "
            "backup.", path=path, aside=None, backup=None)
    if revision == SCHEMA:
        return
    if not has_tables:
        raise ClerkError(f"{path.name} holds no record yet: {open_it} to make one, or "
                         "check the path.")
    if revision is None:
        raise ClerkError(f"{path.name} is a database, but not a clerk-app record: it has "
                         "not been changed. Choose a clerk-app record file.")
    if revision not in known_revisions():
        raise SchemaTooNewError(
            "This record was written by a newer version of clerk-app "
            f"(schema {revision}). Open it with that version; it has not been changed.")
    raise ClerkError(f"{path.name} was written by an older version of clerk-app and must "
                     f"be brought up to date before it can be read: {open_it}, then run "
                     "this command again. It has not been changed.")


def refuse_if_damaged(path: Path, read_only: bool = False) -> None:
    """Raise `DamagedRecord` if the file cannot be read as a database.

    An empty file is a new record, unless the record has backups: then it is one that
    lost its contents, and opening it as new would show the clerk a silently empty
    record.
    """
    if not path.exists():
        return
    if path.stat().st_size == 0:
        if not list_backups(path):
            return
        problem = "the file is empty"
    else:
        problem = check_file(path, read_only=read_only)
        if problem is None:
            return
    aside = set_aside(path)
    backup = newest_good_backup(path)
    if backup is not None:
        when = clock.local(backup.taken_at)
        advice = (f"The newest good backup was made at {when:%H:%M on %d %B %Y} "
                  f"({backup.reason_label}): restore it to carry on, then check the actions "
                  "recorded since then.")
    else:
        advice = ("No good backup of it was found. Keep the damaged file: it may be possible "
                  "to recover it.")
    raise DamagedRecord(
        f"{path.name} is damaged and cannot be opened ({problem}). It has been left as it "
        f"was, and a copy kept beside it as {aside.name}. {advice}",
        path=path, aside=aside, backup=backup.path if backup else None)

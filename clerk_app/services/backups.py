"""When the record is backed up, what a backup holds, and restoring one.

Backups are made when the record is opened (clerk_app.services.opening), every ten
minutes while a meeting is being recorded (the window's timer asks `backup_if_due`),
when a meeting is closed, and before an upgrade or a restore. The mechanics (SQLite's
backup API, the check, the rotation) are in clerk_app.db.backup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.backup import (
    BackupContents,
    BackupFile,
    backup_contents,
    check_file,
    copy_database,
    last_audit_entry,
    list_backups,
    make_backup,
    remove_database,
    rotate,
    set_aside,
)
from clerk_app.db.engine import (
    database_path,
    is_read_only,
    is_server,
    make_engine,
    unit_of_work,
)
from clerk_app.db.lock import WriterLock
from clerk_app.db.migrate import SCHEMA, SchemaTooNewError, known_revisions, upgrade
from clerk_app.db.tables import AuditEntry, Meeting
from clerk_app.rules.vocabulary import MeetingStatus
from clerk_app.services.errors import ClerkError
from clerk_app.services.recording import audit

# While a meeting is recorded, no more than ten minutes of it are ever only in one file.
BACKUP_EVERY = timedelta(minutes=10)

# A team record has no file to copy: the ten-minute backup skips it, and a backup asked
# for by hand is refused with this.
SERVER_BACKUPS = ("A team record is backed up by the database server's own backups, not "
                  "by clerk-app: ask the council's IT to restore one.")


def _path(engine: Engine) -> Path | None:
    return None if is_read_only(engine) else database_path(engine)


def backup_due(engine: Engine, now: datetime | None = None) -> bool:
    """A backup is due while a meeting is in progress, ten minutes after the last one,
    if something has been recorded since."""
    path = _path(engine)
    if path is None:
        return False
    now = now or datetime.now(UTC)
    with Session(engine) as session:
        recording = select(Meeting.id).where(Meeting.status == MeetingStatus.IN_PROGRESS)
        if session.exec(recording).first() is None:
            return False
        backups = list_backups(path)
        if not backups:
            return True
        if now - backups[0].taken_at < BACKUP_EVERY:
            return False
        # Every change appends an audit entry: compare the newest with the backup's.
        newest = session.exec(select(func.max(AuditEntry.id))).one()
        return newest != last_audit_entry(backups[0].path)


def backup_if_due(engine: Engine, now: datetime | None = None) -> BackupFile | None:
    """The ten-minute backup, if due (the window's timer calls this every minute)."""
    if not backup_due(engine, now):
        return None
    return backup_now(engine, "during-meeting", now)


def backup_now(engine: Engine, reason: str = "manual", now: datetime | None = None) -> BackupFile:
    path = _path(engine)
    if is_server(engine):
        raise ClerkError(SERVER_BACKUPS)
    if path is None:
        raise ClerkError("This record is open read-only: the copy of clerk-app recording in it "
                         "makes its backups.")
    backup = make_backup(path, reason, now)
    rotate(path, now)
    return backup


def after_meeting_closed(engine: Engine) -> BackupFile | None:
    """The end-of-meeting backup: the whole meeting, in a second file, at once."""
    if _path(engine) is None:
        return None
    try:
        return backup_now(engine, "meeting-closed")
    except (ClerkError, OSError) as error:
        raise ClerkError(f"The meeting is closed and its record saved, but the backup could not "
                         f"be made: {error} Make one from the File menu when you can.") from error


# --- Listing and restoring ---------------------------------------------------------------


def available_backups(db_path: Path) -> list[BackupFile]:
    """The record's backups, newest first (from their names: nothing is opened)."""
    return list_backups(Path(db_path))


def describe_backup(backup_path: Path) -> BackupContents:
    """The meetings a backup holds, or why it cannot be used."""
    contents = backup_contents(Path(backup_path))
    if contents.problem is None and not _known(contents.revision):
        return BackupContents(contents.meetings, contents.revision,
                              "made by a newer version of clerk-app")
    return contents


def _known(revision: str | None) -> bool:
    return revision is None or revision == SCHEMA or revision in known_revisions()


@dataclass(frozen=True)
class Restored:
    backup: Path
    safety_copy: BackupFile | None  # the record as it was, kept before the restore


def restore_backup(db_path: Path, backup_path: Path, engine: Engine | None = None) -> Restored:
    """Put a backup in place of the record, keeping a backup of the record first.

    The backup is copied into the record through SQLite's backup API, in one
    transaction, then brought up to the current schema. A damaged record cannot be
    backed up; it has already been copied aside when it was found damaged, and is
    removed before the backup is copied in.

    Args:
        engine: the application's engine on the record, if open; it is disposed and
            reconnects to the restored record.

    Raises:
        RecordInUse: another copy of clerk-app is recording in the file.
        ClerkError: the backup is damaged or from a newer version.
    """
    db_path, backup_path = Path(db_path), Path(backup_path)
    contents = describe_backup(backup_path)
    if contents.problem:
        raise ClerkError(f"The backup {backup_path.name} cannot be restored: "
                         f"{contents.problem}. Choose another backup.")
    if contents.revision is not None and not _known(contents.revision):
        raise SchemaTooNewError("That backup was made by a newer version of clerk-app.")
    with WriterLock(db_path):
        if engine is not None:
            engine.dispose()
        safety = None
        healthy = (db_path.exists() and db_path.stat().st_size > 0
                   and check_file(db_path, read_only=False) is None)
        if healthy:
            safety = make_backup(db_path, "before-restore")
        elif db_path.exists():
            set_aside(db_path)  # already done when it was found damaged; not repeated
            remove_database(db_path)
        copy_database(backup_path, db_path, source_read_only=True)
        target = engine or make_engine(db_path)
        try:
            upgrade(target, db_path)
            with unit_of_work(target) as session:
                audit(session, None, "record.restore", backup=backup_path.name,
                      safety_copy=safety.path.name if safety else None)
        finally:
            if engine is None:
                target.dispose()
        rotate(db_path)
    return Restored(backup_path, safety)

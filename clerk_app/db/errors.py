"""Errors the clerk can act on, and the one place that words the file's and disk's.

`ClerkError` lives here, at the bottom of the layers, so that the engine itself can turn
SQLite's terse failures ("database or disk is full") into messages the clerk can act
on; `clerk_app.services.errors` re-exports it for the services and the GUI.
"""

from __future__ import annotations

from pathlib import Path


class ClerkError(Exception):
    """An action refused because of the rules or the record; nothing was written.

    The message says what is wrong and what to do, in the clerk's words.
    """

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class StorageError(ClerkError):
    """The file or the disk refused: locked, read-only, full, missing or failing."""


class ReadOnlyRecord(StorageError):
    """A change was attempted on a record opened read-only."""


class RecordInUse(ClerkError):
    """Another copy of clerk-app is recording in this file."""


class MeetingInUse(RecordInUse):
    """Another clerk is recording this meeting of a team record (db/meeting_lock.py)."""


class DamagedRecord(ClerkError):
    """The file is not a readable clerk-app record.

    Attributes:
        path: the damaged file, left where it was.
        aside: the untouched copy kept beside it, or None when none could be made.
        backup: the newest backup that passes the integrity check, or None.
    """

    def __init__(self, message: str, path: Path, aside: Path | None, backup: Path | None):
        super().__init__(message)
        self.path = path
        self.aside = aside
        self.backup = backup


class SignInRefused(StorageError):
    """The PostgreSQL server refused the sign-in: no password was given, or a wrong one."""


class UpgradeFailed(ClerkError):
    """A migration failed; the record file was left exactly as it was."""


NOTHING_LOST = "Everything recorded before this action is safe."


def storage_error(error: BaseException, path: Path | str | None) -> StorageError | None:
    """The clerk's error for a failure of SQLite or of the disk, or None if it is a bug.

    SQLite reports these through its result codes, which Python's sqlite3 gives only as
    text (https://sqlite.org/rescode.html): "database is locked" (SQLITE_BUSY),
    "attempt to write a readonly database" (SQLITE_READONLY), "database or disk is full"
    (SQLITE_FULL), "disk I/O error" (SQLITE_IOERR), "unable to open database file"
    (SQLITE_CANTOPEN), "file is not a database" (SQLITE_NOTADB), "database disk image is
    malformed" (SQLITE_CORRUPT).
    """
    where = f" ({path})" if path else ""
    if isinstance(error, UnicodeEncodeError):
        return StorageError("The text holds a character that cannot be stored (a broken "
                            "character, often from a bad copy and paste): retype it. "
                            "Nothing was changed.")
    if isinstance(error, OverflowError):
        return StorageError("A number is far too large to be recorded: check it. "
                            "Nothing was changed.")
    import sqlite3  # here: the window's frame imports these errors before any database

    if not isinstance(error, sqlite3.Error):
        return None
    text = str(error).lower()
    if "database is locked" in text or "database table is locked" in text:
        return StorageError(
            f"The record is busy: another program is writing to the file{where}. This "
            f"action was not saved; try it again in a moment. {NOTHING_LOST}")
    if "readonly database" in text:
        return ReadOnlyRecord(
            f"This record is open read-only{where}, so nothing can be changed in it: another "
            "copy of clerk-app is recording in it, or the file or its folder cannot be "
            f"written to. This action was not saved. {NOTHING_LOST}")
    if "database or disk is full" in text:
        return StorageError(
            f"The disk is full{where}: this action was not saved. Free some space (or move "
            f"the record to another drive) and try again. {NOTHING_LOST}")
    if "disk i/o error" in text:
        return StorageError(
            f"The computer could not read or write the record file{where}: a disk error. "
            "Is the USB stick or network drive still connected? This action was not "
            f"saved; check the drive and try again. {NOTHING_LOST}")
    if "unable to open database file" in text:
        return StorageError(
            f"The record file{where} cannot be opened: its folder is missing or cannot be "
            "reached (is the USB stick or network drive connected?), or clerk-app may not "
            "write there.")
    if "file is not a database" in text or "malformed" in text:
        return StorageError(
            f"The record file{where} is damaged: it cannot be read as a clerk-app record. "
            "Restore it from a backup (File, Restore from backup…).")
    return None


# PostgreSQL's error classes (https://www.postgresql.org/docs/current/errcodes-appendix.html)
# for what a clerk can act on; anything else is a bug and is not dressed up.
_SERVER_BUSY = {"40001", "40P01", "55P03", "57014"}  # serialisation, deadlock, lock, timeout
_SERVER_GONE = {"57P01", "57P02", "57P03", "08000", "08003", "08006"}
_SERVER_FULL = {"53100", "53200", "53300"}


def server_error(error: BaseException, where: str) -> StorageError | None:
    """The clerk's error for a failure of the PostgreSQL server holding a team record, or
    None if it is a bug. `where` is the record's URL with its password masked; psycopg's
    own text is never shown, as it may name the server's internals."""
    if not type(error).__module__.startswith("psycopg"):
        return storage_error(error, where) if isinstance(
            error, UnicodeEncodeError | OverflowError) else None
    state = getattr(error, "sqlstate", None)
    text = str(error).lower()
    # Failing to connect or sign in has no SQLSTATE: libpq says it in words.
    connecting = state is None and type(error).__name__ == "OperationalError"
    if state == "25006":
        return ReadOnlyRecord(
            f"This team record is open read-only ({where}), so nothing can be changed in "
            f"it. This action was not saved. {NOTHING_LOST}")
    if state in _SERVER_BUSY:
        return StorageError(
            f"The team record is busy ({where}): another clerk's change held it up. This "
            f"action was not saved; try it again in a moment. {NOTHING_LOST}")
    if state in _SERVER_FULL:
        return StorageError(
            f"The database server is out of space or connections ({where}): this action was "
            f"not saved. Ask the council's IT to look at the server. {NOTHING_LOST}")
    if state == "22021" or "nul (0x00)" in text:
        return StorageError("The text holds a character that cannot be stored (a broken "
                            "character, often from a bad copy and paste): retype it. "
                            "Nothing was changed.")
    if state == "22003":
        return StorageError("A number is far too large to be recorded: check it. "
                            "Nothing was changed.")
    if state in {"28000", "28P01"} or (connecting and "password" in text):
        return SignInRefused(
            f"The database server refused the sign-in for {where}: check the user name, "
            "and give the password in PGPASSWORD or in the password file (~/.pgpass). "
            "clerk-app never stores it.")
    if state == "3D000" or (connecting and "does not exist" in text):
        return StorageError(
            f"There is no team record at {where}: check the database name, or ask the "
            "council's IT to create it.")
    if state in _SERVER_GONE or connecting:
        return StorageError(
            f"The database server for {where} cannot be reached: is the network "
            "connected, and is the server running? This action was not saved; try again "
            f"when it is back. {NOTHING_LOST}")
    return None

"""The one place that knows which database holds the record: a SQLite file or a
team record on a PostgreSQL server.

Everything SQLite-specific (PRAGMAs, the file's permissions, the wording of its
failures) lives here, and so does the PostgreSQL engine (`--db
postgresql+psycopg://clerk@server/council`): the same tables and services sit on both.
A server's password never travels in clerk-app's own settings: psycopg reads it from
PGPASSWORD or libpq's password file (~/.pgpass, PGPASSFILE), and a URL that carries one
is only ever shown masked (`shown`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, create_engine

from clerk_app.db.errors import ClerkError, server_error, storage_error
from clerk_app.db.location import is_server_url, shown
from clerk_app.db.lock import can_write
from clerk_app.db.tables import AuditEntry

BUSY_TIMEOUT_MS = 5000
PRIVATE = 0o600  # the record holds personal data and declared interests

_read_only_engines: weakref.WeakSet[Engine] = weakref.WeakSet()


def sidecar_files(path: Path) -> list[Path]:
    """SQLite's files beside a database in WAL mode: the log and the shared memory."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def create_private(path: Path) -> None:
    """Create an empty file readable by its owner only, before SQLite or anyone writes it."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE)
    os.close(fd)


def _make_private(path: Path) -> None:
    # SQLite gives its -wal and -shm files the database file's mode; this also covers a
    # database created before we made files private, for the files we own.
    for file in [path, *sidecar_files(path)]:
        with contextlib.suppress(OSError):
            if file.exists() and file.stat().st_uid == os.getuid():
                file.chmod(PRIVATE)


def _read_only_uri(path: Path) -> str:
    """How to open a file only to read it, leaving nothing beside it.

    A file this process could write is opened as usual (the pragmas make the connection
    query-only): it then shares a recording copy's -wal, and SQLite removes the -wal and
    -shm it made when the last connection closes. A file it cannot write (or in a folder
    it cannot write) is opened read-only; with no -wal beside it, no copy is recording in
    it now, and "immutable" lets SQLite read it without making a -shm it may not be able
    to remove (https://sqlite.org/wal.html#readonly).
    """
    uri = path.resolve().as_uri()
    if can_write(path):
        return f"{uri}?mode=rw"  # never "rwc": reading never creates the file
    if sidecar_files(path)[0].exists():
        return f"{uri}?mode=ro"
    return f"{uri}?immutable=1"


def server_url(url: str) -> URL:
    """A team record's address, checked: a database name, a port that is a number.

    Raises:
        ClerkError: the address cannot be read (it is not repeated: it may hold a password).
    """
    try:
        parts = make_url(url)
    except (ArgumentError, ValueError):
        parts = None
    if parts is None or not parts.database:
        raise ClerkError("That is not the address of a team record: write it as "
                         "postgresql+psycopg://USER@SERVER:PORT/DATABASE (the port is a "
                         "number; the password goes in PGPASSWORD or ~/.pgpass).")
    return parts.set(drivername="postgresql+psycopg")


def server_name(url: str) -> str:
    """A team record as the status bar names it: its database and server, no password."""
    parts = server_url(url)
    return f"{parts.database} on {parts.host or 'localhost'}:{parts.port or 5432}"


def is_server(engine: Engine) -> bool:
    """Whether the engine is on a team record (PostgreSQL), not a SQLite file."""
    return engine.dialect.name == "postgresql"


def make_server_engine(url: str, read_only: bool = False,
                       password: str | None = None) -> Engine:
    """An engine on a team record on PostgreSQL, through psycopg 3.

    A read-only engine refuses every write: each of its transactions is read-only on
    the server itself, so a slip in the code cannot change the team record either.
    A `password` typed by the clerk goes to psycopg beside the URL, never into it, so
    that no address shown or remembered can carry it.
    """
    url_object = server_url(url)
    options = "-c timezone=UTC"  # instants are stored aware; read back in UTC as on SQLite
    if read_only:
        options += " -c default_transaction_read_only=on"
    connect_args: dict[str, object] = {"options": options, "connect_timeout": 10}
    if password is not None:
        connect_args["password"] = password
    engine = create_engine(url_object, pool_pre_ping=True, connect_args=connect_args)

    def words_for_the_clerk(context) -> None:
        error = server_error(context.original_exception, shown(url))
        if error is not None:
            raise error from context.original_exception

    event.listen(engine, "handle_error", words_for_the_clerk)
    if read_only:
        _read_only_engines.add(engine)
    return engine


def make_engine(path: Path | str, read_only: bool = False,
                busy_timeout_ms: int = BUSY_TIMEOUT_MS, password: str | None = None) -> Engine:
    """An engine on a SQLite file, created owner-readable only if it does not exist, or
    on a team record when `path` is a PostgreSQL URL (`make_server_engine`).

    A read-only engine (a second copy of the application, or a file that cannot be
    written) refuses every write with a `ReadOnlyRecord` message and never creates the
    file.
    """
    if is_server_url(path):
        return make_server_engine(str(path), read_only, password)
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            create_private(path)
    if read_only:
        uri = _read_only_uri(path)
        engine = create_engine(f"sqlite:///{path}", creator=lambda: sqlite3.connect(
            uri, uri=True, check_same_thread=False))
    else:
        engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})

    def pragmas(dbapi_connection, _record) -> None:
        # WAL keeps readers and the writer apart; FULL makes every commit survive a power
        # cut; foreign keys are off by default in SQLite and the record depends on them.
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        else:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
        if not read_only:
            _make_private(path)

    def words_for_the_clerk(context) -> None:
        # One place turns SQLite's failures into messages the clerk can act on; the
        # unit of work then rolls back, so the refused action writes nothing.
        error = storage_error(context.original_exception, path)
        if error is not None:
            raise error from context.original_exception

    event.listen(engine, "connect", pragmas)
    event.listen(engine, "handle_error", words_for_the_clerk)
    if read_only:
        _read_only_engines.add(engine)
    return engine


def is_read_only(engine: Engine) -> bool:
    return engine in _read_only_engines


def database_path(engine: Engine) -> Path | None:
    """The file behind an engine (None for an in-memory database or a team record)."""
    if is_server(engine):
        return None
    name = engine.url.database
    return Path(name) if name and name != ":memory:" else None


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One session per user action; commits on success, rolls back on any error.

    Helpers never commit: only this context manager does, so an action is all or nothing.
    A failure of the file or the disk arrives here as a `StorageError` with its message.
    """
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# --- The audit trail is append-only ------------------------------------------------------


class AuditLogIsAppendOnly(RuntimeError):
    """A programming error: something tried to change or remove an audit entry."""


@event.listens_for(OrmSession, "before_flush")
def _refuse_audit_changes(session: OrmSession, _context, _instances) -> None:
    for row in session.deleted:
        if isinstance(row, AuditEntry):
            raise AuditLogIsAppendOnly("Audit entries are never deleted.")
    for row in session.dirty:
        if isinstance(row, AuditEntry) and session.is_modified(row):
            raise AuditLogIsAppendOnly("Audit entries are never changed.")


@event.listens_for(OrmSession, "do_orm_execute")
def _refuse_audit_statements(state) -> None:
    if (state.is_update or state.is_delete) and state.bind_mapper is not None \
            and state.bind_mapper.class_ is AuditEntry:
        raise AuditLogIsAppendOnly("Audit entries are never changed or deleted.")

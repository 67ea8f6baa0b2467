"""Bring a database file to the current schema when it is opened, safely.

Schema changes only ever go through the alembic migrations in database/migrations; the
application never calls create_all, which would drift from them.

An older record is never migrated where it lies. After a backup, a copy is migrated
beside it, checked (foreign keys, quick_check, revision), and only then copied back
into the record through SQLite's backup API, which writes it in one transaction: a
migration that fails, or a crash while it runs, leaves the record exactly as it was.
The migrations run with foreign keys off: alembic's batch mode rebuilds a table by
copying it and dropping the old one, and with foreign keys on, dropping a parent table
(a meeting) would cascade-delete its children (the agenda, the register, the votes).

A team record on PostgreSQL is upgraded where it lies, in one transaction: the server's
DDL is transactional, so a failed migration leaves nothing changed, and its own backups
(not clerk-app's files) keep the record's history.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine

from clerk_app import paths
from clerk_app.db.backup import check_file, copy_database, make_backup, remove_database
from clerk_app.db.engine import database_path, is_server_url, make_engine, shown
from clerk_app.db.errors import ClerkError, UpgradeFailed

if TYPE_CHECKING:
    from alembic.config import Config

# The schema this version of the application writes: the migrations' head (a test
# checks it). A record already at it opens without loading alembic, a fifth of the
# start-up; alembic is imported only to upgrade or to judge an unknown schema.
SCHEMA = "0007"


class SchemaTooNewError(ClerkError):
    """The file was written by a newer version of the application."""


def alembic_config(script_location: Path | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location or paths.MIGRATIONS))
    return config


def head_revision(config: Config | None = None) -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config or alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def peek(path: Path) -> tuple[bool, str | None]:
    """Whether a file holds tables, and its schema revision, read without changing it.

    The application's engine would switch the file to WAL mode on connecting; until the
    file is known to be a clerk-app record at a schema this version can write, nothing
    may change it, not even its header.
    """
    if not path.exists() or path.stat().st_size == 0:
        return False, None
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return schema_of(connection)
    finally:
        connection.close()


def schema_of(connection: sqlite3.Connection) -> tuple[bool, str | None]:
    """`peek` through a connection already open on the file."""
    tables = {r[0] for r in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables:
        return bool(tables), None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return True, row[0] if row else None


def _run_migrations(path: Path, config: Config) -> None:
    """Migrate a file to head with foreign keys off, then check that none dangles."""
    from alembic import command

    engine = create_engine(f"sqlite:///{path}")

    def foreign_keys_off(dbapi_connection, _record) -> None:
        # Set outside any transaction: inside one, SQLite ignores this PRAGMA.
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    event.listen(engine, "connect", foreign_keys_off)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if dangling:
            table, _rowid, parent, _fk = dangling[0]
            raise RuntimeError(f"{len(dangling)} rows of {table} point to missing {parent} rows")
    finally:
        config.attributes.pop("connection", None)
        engine.dispose()


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text if len(text) <= 200 else text[:197] + "…"


def upgrade(engine: Engine, db_path: Path | None = None, config: Config | None = None) -> None:
    """Migrate to head: a new file in place, an older record through a checked copy.

    Raises:
        SchemaTooNewError: the file comes from a newer version; it is not touched.
        UpgradeFailed: a migration failed; the record is exactly as it was.
        ClerkError: the file is a database, but not a clerk-app record.
    """
    path = db_path or database_path(engine)
    if path is None:
        raise ValueError("migrations need a database file")
    has_tables, current = peek(path)
    if current == SCHEMA and config is None:
        return
    config = config or alembic_config()
    if current == head_revision(config):
        return
    if current is not None and current not in known_revisions():
        raise SchemaTooNewError(
            "This record was written by a newer version of clerk-app "
            f"(schema {current}). Open it with that version; it has not been changed."
        )
    engine.dispose()  # the record is replaced under it; it reconnects to the new one
    if current is None:
        if has_tables:
            raise ClerkError(f"{path.name} is a database, but not a clerk-app record: "
                             "it has not been changed. Choose a clerk-app record file.")
        try:
            _run_migrations(path, config)
        except Exception as error:
            remove_database(path)  # it was new and empty: nothing is lost
            raise UpgradeFailed(f"A new record could not be created in {path} "
                                f"({_short(error)}).") from error
        return

    backup = make_backup(path, "before-upgrade")
    work = path.with_name(path.name + ".upgrading")
    remove_database(work)  # left by a crash during an earlier upgrade
    try:
        copy_database(path, work)
        _run_migrations(work, config)
        problem = check_file(work)
        if problem:
            raise RuntimeError(f"the upgraded copy failed its check: {problem}")
    except Exception as error:
        remove_database(work)
        raise UpgradeFailed(
            f"The upgrade of {path.name} to this version of clerk-app failed "
            f"({_short(error)}). The record has not been changed: it still opens in the "
            f"version that wrote it. A backup was made first: {backup.path.name}."
        ) from error
    copy_database(work, path)
    remove_database(work)


# Two clerks opening an older team record at once: one upgrades it, the other waits on
# this advisory lock (held until the upgrade's transaction ends) and finds it done.
UPGRADE_LOCK = 0x636C65726B  # "clerk"


def server_schema(connection: Connection) -> tuple[bool, str | None]:
    """`peek` for a team record: whether the database holds tables, and its revision."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        return bool(tables), None
    return True, connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _too_new(revision: str) -> SchemaTooNewError:
    return SchemaTooNewError(
        "This record was written by a newer version of clerk-app "
        f"(schema {revision}). Open it with that version; it has not been changed.")


def upgrade_server(engine: Engine, config: Config | None = None) -> None:
    """Bring a team record on PostgreSQL to head, in one transaction.

    Raises:
        SchemaTooNewError: the record comes from a newer version; it is not touched.
        UpgradeFailed: a migration failed; the server undid all of it.
        ClerkError: the database holds tables, but is not a clerk-app record.
    """
    where = engine.url.render_as_string(hide_password=True)
    with engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})
        has_tables, current = server_schema(connection)
        if current == SCHEMA and config is None:
            return  # as for a file: alembic is not even loaded
        from alembic import command

        config = config or alembic_config()
        if current == head_revision(config):
            return
        if current is not None and current not in known_revisions():
            raise _too_new(current)
        if current is None and has_tables:
            raise ClerkError(f"{where} is a database, but not a clerk-app record: it has not "
                             "been changed. Check the database name.")
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
        except ClerkError:
            raise
        except Exception as error:
            raise UpgradeFailed(
                f"The upgrade of the team record {where} to this version of clerk-app "
                f"failed ({_short(error)}). The server undid it: the record has not been "
                "changed.") from error
        finally:
            config.attributes.pop("connection", None)


def _open_server(url: str, read_only: bool, password: str | None) -> Engine:
    engine = make_engine(url, read_only=read_only, password=password)
    try:
        if not read_only:
            upgrade_server(engine)
            return engine
        with engine.connect() as connection:
            current = server_schema(connection)[1]
        if current == SCHEMA:
            return engine
        if current is not None and current not in known_revisions():
            raise _too_new(current)
        if current is None:
            raise ClerkError(f"{shown(url)} holds no clerk-app record yet: open it once in "
                             "the application to make one, or check the database name.")
        raise ClerkError(f"The team record {shown(url)} was written by an older version of "
                         "clerk-app and must be brought up to date before it can be read: "
                         "open it once in the application. It has not been changed.")
    except BaseException:
        engine.dispose()
        raise


def open_database(path: Path | str, read_only: bool = False,
                  password: str | None = None) -> Engine:
    """Open (creating if needed) a record file at the current schema, or a team record
    when `path` is a PostgreSQL URL (its database must exist; its tables are made).

    This is the library call (tests, scripts); the application opens a record through
    `clerk_app.services.opening`, which adds the writer lock, the checks and backups.
    `password` is a team record's, typed by the clerk (see `make_server_engine`).
    """
    if is_server_url(path):
        return _open_server(str(path), read_only, password)
    path = Path(path)
    engine = make_engine(path, read_only=read_only)
    if read_only:
        current = peek(path)[1]
        if current != SCHEMA:
            if current is not None and current not in known_revisions():
                raise SchemaTooNewError(
                    "This record was written by a newer version of clerk-app "
                    f"(schema {current}). Open it with that version; it has not been changed.")
            raise ClerkError(
                f"{path.name} must be upgraded to this version of clerk-app before it can be "
                "read, and only the copy recording in it can do that: close the other copy "
                "of clerk-app, then open the record again.")
        return engine
    upgrade(engine, path)
    return engine

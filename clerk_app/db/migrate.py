"""Bring a database file to the current schema when it is opened.

Schema changes only ever go through the alembic migrations in database/migrations; the
application never calls create_all, which would drift from them.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from clerk_app import paths


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer version of the application."""


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(paths.MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def backup_copy(source: Path, target: Path) -> Path:
    """A consistent copy through SQLite's online backup API (a file copy can miss the WAL)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    target.chmod(0o600)
    return target


def upgrade(engine: Engine, db_path: Path | None = None) -> None:
    """Migrate to head; back the file up first if it already holds an older schema."""
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
    head = script.get_current_head()
    if current == head:
        return
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise SchemaTooNewError(
            "This record was written by a newer version of clerk-app "
            f"(schema {current}). Open it with that version; it has not been changed."
        )
    if current is not None and db_path is not None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup_copy(db_path, db_path.with_name(f"{db_path.stem}.before-{head}.{stamp}.sqlite3"))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_database(path: Path | str) -> Engine:
    """Open (creating if needed) a record file at the current schema."""
    from clerk_app.db.engine import make_engine

    path = Path(path)
    engine = make_engine(path)
    upgrade(engine, path)
    return engine

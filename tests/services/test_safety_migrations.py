"""The schema has one history: the migrations form a single line, and the tables the
code declares are exactly the tables the migrations build (no drift in either)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from clerk_app.db import migrate
from clerk_app.db.migrate import alembic_config, open_database


def test_the_migrations_have_exactly_one_head():
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"two schema heads {heads}: rebase the new migration on the other"
    assert heads[0] == migrate.SCHEMA


def test_the_tables_declared_are_the_tables_the_migrations_build(tmp_path):
    engine = open_database(tmp_path / "record.sqlite3")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == [], "a table changed without its migration (or the reverse)"

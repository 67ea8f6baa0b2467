"""SQLite done properly: every action committed on return, the file private, the
schema brought up to date by the migrations when opened."""

from __future__ import annotations

import sqlite3
import stat

import pytest
from sqlalchemy import text

from clerk_app.db.migrate import SCHEMA, current_revision, head_revision, open_database
from clerk_app.services import register
from tests.conftest import at


@pytest.mark.sqlite_file
def test_pragmas_wal_full_sync_foreign_keys(engine):
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_opening_a_new_file_applies_the_migrations(engine):
    assert current_revision(engine) == head_revision()


def test_the_schema_the_application_expects_is_the_migrations_head():
    # A record at SCHEMA opens without consulting the migrations: a new migration must
    # move SCHEMA with it, or records would be taken as up to date when they are not.
    assert SCHEMA == head_revision()


def test_reopening_is_idempotent_and_keeps_the_record(kent, db_path):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    kent.engine.dispose()
    again = open_database(db_path)
    assert register.state(again, m).line(kent.ids["chair"]).state == "present"


def test_an_action_is_committed_when_the_call_returns(kent, db_path):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    # Another connection, as after a crash: the arrival is there.
    with sqlite3.connect(db_path) as other:
        kinds = other.execute("select kind from attendanceevent").fetchall()
    assert kinds == [("arrive",)]


def test_database_file_is_readable_by_its_owner_only(engine, db_path):
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_a_file_from_a_newer_version_is_refused_and_left_unchanged(engine, db_path, dump):
    import pytest

    from clerk_app.db.migrate import SchemaTooNewError

    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'from-the-future'"))
    engine.dispose()
    before = dump()
    with pytest.raises(SchemaTooNewError, match="newer version"):
        open_database(db_path)
    assert dump() == before

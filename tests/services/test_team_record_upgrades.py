"""Upgrading a team record on PostgreSQL: the migrations run there natively (no SQLite
batch copies), in one transaction, and an old record comes out exactly as the same
record upgraded on SQLite; the tables they build are the tables the code declares.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import JSON, Boolean, MetaData, create_engine, text
from sqlmodel import SQLModel

from clerk_app.db.engine import make_engine
from clerk_app.db.errors import UpgradeFailed
from clerk_app.db.migrate import (
    SCHEMA,
    alembic_config,
    current_revision,
    open_database,
    upgrade_server,
)
from clerk_app.services import body_setup, demo, records
from clerk_app.services.opening import open_record
from tests.conftest import admin
from tests.services.test_safety_upgrades import _at_0001, _copy_rows


def _server_at(url: str, revision: str, config=None) -> None:
    """A team record at an older revision, made by alembic as that version made it."""
    engine = create_engine(url)
    config = config or alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        config.attributes.pop("connection", None)
        engine.dispose()


def _as_on_server(kind, value):
    """A value as SQLite keeps it (a flag as 0 or 1, JSON as its text, or as a number by
    the column's numeric affinity), for PostgreSQL."""
    if value is None:
        return None
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, JSON) and isinstance(value, str):
        return json.loads(value)
    return value


def _copy_file_to_server(path, url: str) -> None:
    """Every row of a SQLite record into a team record at the same revision, as a
    dump and restore would: booleans as booleans, sequences past the copied ids."""
    engine = create_engine(url, connect_args={"options": "-c timezone=UTC"})
    tables = MetaData()
    tables.reflect(engine)
    try:
        with sqlite3.connect(path) as source, engine.begin() as target:
            target.execute(text("SET session_replication_role = replica"))  # the cycle
            for table in tables.sorted_tables:
                if table.name == "alembic_version":
                    continue
                cursor = source.execute(f"SELECT * FROM {table.name}")
                names = [c[0] for c in cursor.description]
                rows = [{n: _as_on_server(table.columns[n].type, v)
                         for n, v in zip(names, row, strict=True)} for row in cursor]
                if rows:
                    target.execute(table.insert(), rows)
                    target.execute(text(f"SELECT setval(pg_get_serial_sequence("
                                        f"'{table.name}', 'id'), (SELECT max(id) FROM "
                                        f"{table.name}))"))
    finally:
        engine.dispose()


@pytest.fixture
def server_url(postgres_server):
    """An empty database on the test server, dropped afterwards."""
    with admin(postgres_server) as connection:
        connection.execute("DROP DATABASE IF EXISTS old_team WITH (FORCE)")
        connection.execute("CREATE DATABASE old_team")
    yield postgres_server.url("old_team")
    with admin(postgres_server) as connection:
        connection.execute("DROP DATABASE old_team WITH (FORCE)")


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "demo-head.sqlite3"
    engine = open_database(path)
    demo.build_demo(engine)
    engine.dispose()
    return path


def _everything(engine) -> str:
    """Every body's whole record, as the record file writes it, but for the rows'
    identities: each upgrade gives every row one of its own (0007), so that two copies
    of one old record never pass for the same rows."""
    return json.dumps([_without_identities(records.export_record(engine, body_id=body_id))
                       for body_id, _key, _name in body_setup.list_bodies(engine)],
                      sort_keys=True, ensure_ascii=False)


def _without_identities(value):
    if isinstance(value, dict):
        return {k: _without_identities(v) for k, v in value.items() if k != "uuid"}
    if isinstance(value, list):
        return [_without_identities(v) for v in value]
    return value


def test_an_old_team_record_upgrades_to_what_the_same_file_upgrades_to(tmp_path, demo_file,
                                                                      server_url):
    old_file = tmp_path / "old.sqlite3"
    _at_0001(old_file)
    _copy_rows(demo_file, old_file)
    _server_at(server_url, "0001")
    _copy_file_to_server(old_file, server_url)

    team = open_record(server_url)  # upgraded on opening, as a file is
    laptop = open_record(old_file)
    try:
        assert current_revision(team.engine) == SCHEMA
        assert _everything(team.engine) == _everything(laptop.engine)
    finally:
        team.close()
        laptop.close()


def test_a_record_at_0005_upgrades_its_agencies_into_organisations(server_url):
    _server_at(server_url, "0005")
    engine = create_engine(server_url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO person (name, agency, employer, role_title, email) VALUES "
            "('Helen Marsh', 'Kent Police', 'kent police ', '', ''), "
            "('Daniel Okafor', 'Kent County Council', '', '', '')"))
    engine.dispose()
    upgraded = open_database(server_url)
    try:
        with upgraded.connect() as connection:
            rows = connection.execute(text(
                "SELECT person.name, agency.name, employer.name FROM person "
                "LEFT JOIN organisation agency ON agency.id = person.agency_id "
                "LEFT JOIN organisation employer ON employer.id = person.employer_id "
                "ORDER BY person.id")).all()
    finally:
        upgraded.dispose()
    assert rows == [("Helen Marsh", "Kent Police", "Kent Police"),
                    ("Daniel Okafor", "Kent County Council", None)]


def test_a_failed_migration_leaves_the_team_record_as_it_was(server_url, tmp_path):
    _server_at(server_url, "0005")
    broken = tmp_path / "migrations"
    (broken / "versions").mkdir(parents=True)
    source = alembic_config().get_main_option("script_location")
    for name in ("env.py", "script.py.mako"):
        (broken / name).write_text(open(f"{source}/{name}").read())
    for name in ("0001_first_schema.py", "0002_minutes.py", "0003_referred.py",
                 "0004_recount.py", "0005_table_cycle.py"):
        (broken / "versions" / name).write_text(open(f"{source}/versions/{name}").read())
    (broken / "versions" / "0006_broken.py").write_text(
        "from alembic import op\nrevision = '0006'\ndown_revision = '0005'\n"
        "branch_labels = None\ndepends_on = None\n\n"
        "def upgrade():\n"
        "    op.execute('ALTER TABLE person ADD COLUMN half_done integer')\n"
        "    op.execute('SELECT * FROM no_such_table')\n")
    engine = make_engine(server_url)
    try:
        with pytest.raises(UpgradeFailed, match="has not been changed"):
            upgrade_server(engine, alembic_config(broken))
        with engine.connect() as connection:
            columns = connection.execute(text(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'person'")).scalars().all()
        assert current_revision(engine) == "0005" and "half_done" not in columns
    finally:
        engine.dispose()


def test_the_tables_declared_are_the_tables_the_migrations_build_on_the_server(postgres_url):
    engine = open_database(postgres_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    assert differences == [], "a table differs on PostgreSQL from what the code declares"

"""A team record on PostgreSQL (issue 17, first step): `--db postgresql+psycopg://…`
opens the same tables through the same migrations, on a real server the tests start
(tests/postgres.py); the password comes from the environment and is never shown; what
belongs to a record file (its lock, damage check, backups) is skipped with its reason.
"""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from clerk_app import cli
from clerk_app.db.engine import is_server_url, shown
from clerk_app.db.errors import ReadOnlyRecord, StorageError
from clerk_app.db.location import record_location
from clerk_app.db.migrate import SCHEMA, SchemaTooNewError, current_revision, open_database
from clerk_app.db.tables import Person
from clerk_app.services import backups, body_setup, demo, membership, records
from clerk_app.services.errors import ClerkError
from clerk_app.services.opening import open_record, open_record_for_reading
from tests.conftest import admin
from tests.postgres import TEAM_PASSWORD, TEAM_USER


@pytest.fixture
def blank_url(postgres_server):
    """An empty database on the server, as IT creates it for the team: no tables yet."""
    with admin(postgres_server) as connection:
        connection.execute("DROP DATABASE IF EXISTS blank WITH (FORCE)")
        connection.execute(f"CREATE DATABASE blank OWNER {TEAM_USER}")
    yield postgres_server.url("blank", user=TEAM_USER)
    with admin(postgres_server) as connection:
        connection.execute("DROP DATABASE blank WITH (FORCE)")


@pytest.fixture
def team_password(monkeypatch):
    """The password where libpq looks for it: the environment, never the URL."""
    monkeypatch.setenv("PGPASSWORD", TEAM_PASSWORD)


def test_a_new_team_record_is_made_by_the_migrations_and_holds_a_body(blank_url,
                                                                      team_password):
    record = open_record(blank_url)
    try:
        assert record.on_server and not record.read_only
        assert record.lock is None and record.backup is None  # no file to lock or copy
        assert current_revision(record.engine) == SCHEMA
        person = membership.add_person(record.engine, "Zoë O'Brien-<Ávila> & Co", "Kent Police")
        with Session(record.engine) as session:
            assert session.get(Person, person).name == "Zoë O'Brien-<Ávila> & Co"
    finally:
        record.close()
    again = open_record(blank_url)  # opened a second time: nothing to upgrade, all kept
    try:
        with Session(again.engine) as session:
            assert [p.name for p in session.exec(select(Person))] == \
                ["Zoë O'Brien-<Ávila> & Co"]
    finally:
        again.close()


def test_the_password_comes_from_the_environment_and_is_never_shown(blank_url, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", "not-the-password")
    with pytest.raises(StorageError) as refused:
        open_record(blank_url)
    assert "refused the sign-in" in refused.value.message
    assert "PGPASSWORD" in refused.value.message
    with_password = blank_url.replace(f"{TEAM_USER}@", f"{TEAM_USER}:{TEAM_PASSWORD}@")
    assert TEAM_PASSWORD not in shown(with_password)
    record = open_record(with_password)  # a URL that carries it works, and hides it
    try:
        assert TEAM_PASSWORD not in record.label and TEAM_PASSWORD not in str(record.path)
        assert "backed up by the server's own backups" in record.label
    finally:
        record.close()


def test_a_server_that_cannot_be_reached_is_said_in_words(postgres_server, team_password):
    url = f"postgresql+psycopg://{TEAM_USER}:{TEAM_PASSWORD}@127.0.0.1:1/council"
    with pytest.raises(StorageError) as refused:
        open_record(url)
    assert "cannot be reached" in refused.value.message
    assert TEAM_PASSWORD not in refused.value.message


def test_a_missing_database_is_not_created(postgres_server, team_password):
    with pytest.raises(StorageError) as refused:
        open_record(postgres_server.url("no_such_record", user=TEAM_USER))
    assert "There is no team record" in refused.value.message


def test_file_backups_do_not_apply_and_say_why(postgres_url):
    record = open_record(postgres_url)
    try:
        assert backups.backup_if_due(record.engine) is None  # the ten-minute timer skips
        with pytest.raises(ClerkError, match="server's own backups"):
            backups.backup_now(record.engine)
    finally:
        record.close()


def test_a_read_only_team_record_refuses_every_change(postgres_url):
    record = open_record(postgres_url, read_only=True)
    try:
        with pytest.raises(ReadOnlyRecord):
            membership.add_person(record.engine, "Someone", "Kent Police")
    finally:
        record.close()


def test_a_record_from_a_newer_version_is_refused_unchanged(postgres_url):
    engine = open_database(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(SchemaTooNewError):
        open_record(postgres_url)
    with pytest.raises(SchemaTooNewError):
        open_record_for_reading(postgres_url)


def test_a_database_of_something_else_is_refused_unchanged(blank_url, team_password):
    with psycopg.connect(blank_url.replace("postgresql+psycopg", "postgresql")) as connection:
        connection.execute("CREATE TABLE invoices (id integer PRIMARY KEY)")
    with pytest.raises(ClerkError, match="not a clerk-app record"):
        open_record(blank_url)
    with psycopg.connect(blank_url.replace("postgresql+psycopg", "postgresql")) as connection:
        tables = connection.execute("SELECT tablename FROM pg_tables "
                                    "WHERE schemaname = 'public'").fetchall()
    assert tables == [("invoices",)]


def test_the_command_line_takes_a_team_record(postgres_url, capsys):
    assert record_location(postgres_url) == postgres_url and is_server_url(postgres_url)
    assert cli.main(["demo", "--db", postgres_url]) == 0
    assert cli.main(["list", "--db", postgres_url]) == 0
    listed = capsys.readouterr().out
    engine = open_database(postgres_url)
    try:
        (_, _, name), = body_setup.list_bodies(engine)
    finally:
        engine.dispose()
    assert name == demo.DEMO_NAME and name in listed


def test_the_command_line_says_in_one_line_when_the_server_is_away(capsys):
    url = "postgresql+psycopg://team:hunter2@127.0.0.1:1/council"
    assert cli.main(["list", "--db", url]) == 2
    said = capsys.readouterr().err
    assert "cannot be reached" in said and "hunter2" not in said
    assert said.count("\n") == 1


def test_a_row_kept_once_but_listed_twice_is_refused_in_the_files_words(postgres_url,
                                                                         tmp_path):
    source = open_database(tmp_path / "source.sqlite3")
    record = records.export_record(source, body_id=demo.build_demo(source))
    source.dispose()
    register = record["meetings"][0]["register"]
    register.append(dict(register[-1]))
    engine = open_database(postgres_url)
    try:
        with pytest.raises(ClerkError, match="two entries in register with the same person_id"):
            records.import_record(engine, record)
        assert body_setup.list_bodies(engine) == []  # nothing imported
    finally:
        engine.dispose()


@pytest.mark.parametrize("url", ["postgresql+psycopg://team:hunter2@server:fivefour/council",
                                 "postgresql+psycopg://team:hunter2@server:5432/"])
def test_an_address_that_cannot_be_read_is_refused_in_one_line(url, capsys):
    assert cli.main(["list", "--db", url]) == 2
    said = capsys.readouterr().err
    assert "not the address of a team record" in said and "hunter2" not in said
    assert said.count("\n") == 1


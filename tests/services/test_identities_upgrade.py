"""Migration 0007 gives every row that travels an identity of its own, on a record file
(SQLite, batch mode) and on a team record (PostgreSQL), and keeps every row."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from clerk_app.db.migrate import SCHEMA, alembic_config, current_revision, open_database
from tests.services.test_team_record_upgrades import _server_at, server_url  # noqa: F401

ROWS = (
    "INSERT INTO body (id, key, name, short_name, description) "
    "VALUES (1, 'kent', 'Kent <LCSP> & Board', '', '')",
    "INSERT INTO organisation (id, name, short_name, aliases) VALUES (1, 'Kent Police', '', '[]')",
    "INSERT INTO person (id, name, agency_id, employer_id, role_title, email) VALUES "
    "(1, 'Helen Marsh', 1, NULL, '', ''), (2, 'مريم الحسيني', NULL, NULL, '', '')",
    "INSERT INTO meeting (id, body_id, title, date, venue, status, public_count, public_names, "
    "minutes_status, next_meeting_note, recorded_afterwards) VALUES "
    "(1, 1, '', '2026-11-10', 'Sessions House', 'scheduled', 0, '', 'draft', '', false)",
    "INSERT INTO agendaitem (id, meeting_id, position, title, kind, description, presenter, "
    "papers, exempt, exempt_reason, public_excluded, notes, added, added_reason) VALUES "
    "(1, 1, 1, 'Apologies', 'apologies', '', '', '', false, '', false, '', 'on_agenda', ''), "
    "(2, 1, 2, 'Youth strategy', 'business', '', '', '', false, '', false, '', "
    "'on_agenda', '')",
)
TABLES = ("body", "organisation", "person", "meeting", "agendaitem")


def _identities(engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {t: connection.execute(text(f"SELECT id, uuid FROM {t} ORDER BY id")).all()
                for t in TABLES}


def _check(found: dict[str, list[tuple]]) -> None:
    every = [uuid for rows in found.values() for _id, uuid in rows]
    assert [len(found[t]) for t in TABLES] == [1, 1, 2, 1, 2]  # every row kept
    assert all(uuid and len(uuid) == 36 for uuid in every)
    assert len(set(every)) == len(every)  # each row its own


def _fill(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            for statement in ROWS:
                connection.execute(text(statement))
            if engine.dialect.name == "postgresql":  # as a restore would leave them
                for table in TABLES:
                    connection.execute(text(f"SELECT setval(pg_get_serial_sequence("
                                            f"'{table}', 'id'), 5)"))
    finally:
        engine.dispose()


def test_a_record_file_at_0006_gets_an_identity_on_every_row(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
    config.attributes.pop("connection", None)
    engine.dispose()
    _fill(f"sqlite:///{path}")

    upgraded = open_database(path)
    try:
        assert current_revision(upgraded) == SCHEMA
        _check(_identities(upgraded))
    finally:
        upgraded.dispose()


def test_a_team_record_at_0006_gets_an_identity_on_every_row(server_url):  # noqa: F811
    _server_at(server_url, "0006")
    _fill(server_url)

    upgraded = open_database(server_url)
    try:
        assert current_revision(upgraded) == SCHEMA
        _check(_identities(upgraded))
        with upgraded.begin() as connection, pytest.raises(Exception, match="uuid"):
            connection.execute(text("UPDATE person SET uuid = (SELECT uuid FROM body)"))
    finally:
        upgraded.dispose()

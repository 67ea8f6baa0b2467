"""Fixtures shared by every test: a fresh record (a file, or a team record on a real
PostgreSQL server) and the seed bodies."""

from __future__ import annotations

import inspect
import itertools
import os
import sqlite3
from collections.abc import Callable
from datetime import date, time
from pathlib import Path

import psycopg
import pytest

from clerk_app import clock
from clerk_app.db.migrate import open_database
from clerk_app.services import meetings, membership, presets
from tests.postgres import TEAM_PASSWORD, TEAM_USER, start_server

# GUI tests run without a screen, on any machine.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MEETING_DAY = date(2026, 9, 15)


def at(hour: int, minute: int = 0, day: date = MEETING_DAY):
    """A wall-clock time on the test meeting's day."""
    return clock.at(day, time(hour, minute))


@pytest.fixture
def clock_after_the_meetings(monkeypatch):
    """The laptop's clock read long after the tests' meetings, so that times typed in them
    are not in the future (DOMAIN.md §9): for tests holding meetings dated ahead."""
    monkeypatch.setattr(clock, "now", lambda: clock.at(date(2030, 1, 2), time(12, 0)))


@pytest.fixture(scope="session", autouse=True)
def user_data_folder(tmp_path_factory):
    """The user's data folder (the default record, the writer locks) kept out of the
    home folder; set in the environment so that the copies of clerk-app a test starts
    share it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data-home")))
        yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "record.sqlite3"


ENGINES = ("sqlite", "postgresql")
TEMPLATE = "clerk_template"  # a team record at the current schema, copied for each test
_databases = itertools.count(1)


def pytest_generate_tests(metafunc):
    """A service test on a record runs on both databases: a SQLite file and a team record
    on PostgreSQL. A test of the file itself (it reads `db_path` or `dump`, or is marked
    `sqlite_file`: its pragmas, lock, backups) is about SQLite only."""
    own = set(inspect.signature(metafunc.function).parameters)
    if ("engine" in metafunc.fixturenames and "services" in metafunc.definition.path.parts
            and not own & {"db_path", "dump"}
            and metafunc.definition.get_closest_marker("sqlite_file") is None):
        metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the session (tests/postgres.py), with the template
    record and the password-holding role. Without PostgreSQL's programs the tests fail
    (they never skip), saying how to install them."""
    try:
        server = start_server()
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        with admin(server) as connection:
            connection.execute(f"CREATE DATABASE {TEMPLATE}")
            connection.execute(f"CREATE ROLE {TEAM_USER} LOGIN PASSWORD '{TEAM_PASSWORD}'")
        open_database(server.url(TEMPLATE)).dispose()  # migrated once, copied per test
        yield server
    finally:
        server.stop()


def admin(server) -> psycopg.Connection:
    """The superuser's connection to the server, outside any transaction (CREATE DATABASE)."""
    return psycopg.connect(server.url("postgres").replace("postgresql+psycopg", "postgresql"),
                           autocommit=True)


@pytest.fixture
def postgres_url(postgres_server):
    """The URL of a fresh team record at the current schema, dropped after the test."""
    name = f"record_{os.getpid()}_{next(_databases)}"
    with admin(postgres_server) as connection:
        connection.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        connection.execute(f"GRANT ALL ON DATABASE {name} TO {TEAM_USER}")
    yield postgres_server.url(name)
    with admin(postgres_server) as connection:
        connection.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def engine(request, db_path: Path):
    """A fresh record at the current schema: a SQLite file unless parametrised."""
    if getattr(request, "param", "sqlite") == "postgresql":
        engine = open_database(request.getfixturevalue("postgres_url"))
    else:
        engine = open_database(db_path)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def every_backup_passes_the_integrity_check(request):
    """Every backup a test makes (on open, at a meeting's close, before an upgrade or a
    restore) opens and passes PRAGMA integrity_check."""
    root = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    yield
    if root is None:
        return
    for backup in root.rglob("backups/*.sqlite3"):
        connection = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)], backup
        finally:
            connection.close()


@pytest.fixture
def dump(db_path: Path) -> Callable[[], list[str]]:
    """Every row of the file, read through a separate connection (what a crash would keep)."""

    def read() -> list[str]:
        with sqlite3.connect(db_path) as connection:
            return list(connection.iterdump())

    return read


class Kent:
    """The Kent LCSP preset (000) with one invented person in each seat used by the tests."""

    SEATS = [
        ("chair", "Helen Marsh", "Oakfield Primary School", "education"),
        ("edu2", "Grace Adebayo", "Little Acorns Nursery", "education"),
        ("police", "Daniel Okafor", "Kent Police", "police"),
        ("yos", "Marcus Bell", "Kent County Council", "youth_offending_youth_service"),
        ("health", "Siân Pritchard", "NHS Kent and Medway", "health"),
        ("district", "Peter O'Neill", "Maidstone Borough Council", "district_council"),
        ("vcs", "Tomás Ó Briain", "Kent Youth Trust", "voluntary_community"),
        ("social", "Karen Whitlock", "Kent County Council", "children_social_services"),
        ("manager", "Joanna Fairweather", "Kent County Council", "lcsp_manager"),
    ]

    def __init__(self, engine) -> None:
        self.engine = engine
        self.body_id = presets.create_body_from_preset(engine, "kent-lcsp")
        self.ids: dict[str, int] = {}
        self.ids["police_deputy"] = membership.add_person(engine, "Priya Nair", "Kent Police")
        self.ids["health_deputy"] = membership.add_person(engine, "Zofia Łukasiewicz",
                                                          "NHS Kent and Medway")
        self.ids["colleague"] = membership.add_person(engine, "Sam Police", "Kent Police")
        for key, name, agency, category in self.SEATS:
            self.ids[key] = membership.add_person(engine, name, agency)
            deputy = self.ids.get(f"{key}_deputy")
            membership.add_member(engine, self.body_id, self.ids[key], category,
                                  named_substitute_id=deputy, start_date=date(2026, 4, 1))
        membership.appoint_office(engine, self.body_id, "chair", self.ids["chair"],
                                  start_date=date(2026, 4, 1))
        membership.appoint_office(engine, self.body_id, "vice_chair", self.ids["police"],
                                  start_date=date(2026, 4, 1))

    def meeting(self, day: date = MEETING_DAY, items=("Early help plan", "Youth contract")):
        meeting_id = meetings.create_meeting(self.engine, self.body_id, day, time(10, 0),
                                             "Sessions House", list(items))
        summary = meetings.meeting_summary(self.engine, meeting_id)
        self.items = {i.position: i.item_id for i in summary.items}
        return meeting_id


@pytest.fixture
def kent(engine) -> Kent:
    return Kent(engine)


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item):
    """Delete the widgets a test closed before the next test starts: a dialog left
    waiting for deletion would otherwise live on into tests that change the look."""
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

"""Safe upgrades: a backup first, the record never changed by a migration that fails,
a newer file never downgraded or opened for writing, and an upgrade from the first
released schema (0001) that keeps every row as it was.

Whatever the head revision is, the file under test is built at 0001 and upgraded.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from clerk_app import paths
from clerk_app.db.backup import list_backups
from clerk_app.db.engine import make_engine
from clerk_app.db.errors import ClerkError, UpgradeFailed
from clerk_app.db.migrate import (
    SchemaTooNewError,
    alembic_config,
    current_revision,
    head_revision,
    open_database,
    upgrade,
)
from clerk_app.services import demo
from clerk_app.services.opening import open_record


def _at_0001(path: Path, config=None) -> None:
    """A file at the first released schema, made by alembic as version 0.1 made it."""
    engine = create_engine(f"sqlite:///{path}")
    config = config or alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    config.attributes.pop("connection", None)
    engine.dispose()


def _tables(connection: sqlite3.Connection) -> dict[str, list[str]]:
    names = [r[0] for r in connection.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "AND name != 'alembic_version' ORDER BY name")]
    return {n: [c[1] for c in connection.execute(f"PRAGMA table_info({n})")] for n in names}


# Columns of the first schema that later became references: the text they held then.
MOVED = {("person", "agency"): "(SELECT name FROM organisation WHERE id = agency_id)",
         ("person", "employer"): "(SELECT name FROM organisation WHERE id = employer_id)"}


def _copy_rows(source: Path, target: Path) -> None:
    """Fill the 0001 file with a realistic record: the demo's rows, by raw SQL, in the
    columns the first schema has (an agency as the text it was then)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        dst.execute("PRAGMA foreign_keys=OFF")
        old = _tables(dst)
        new = _tables(src)
        for table, columns in old.items():
            shared = [c for c in columns if c in new.get(table, []) or (table, c) in MOVED]
            listed = ", ".join(shared)
            picked = ", ".join(f"coalesce({MOVED[table, c]}, '')" if (table, c) in MOVED
                               else c for c in shared)
            rows = src.execute(f"SELECT {picked} FROM {table}").fetchall()
            dst.executemany(f"INSERT INTO {table} ({listed}) VALUES "
                            f"({', '.join('?' for _ in shared)})", rows)


def _contents(path: Path, tables: dict[str, list[str]]) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as connection:
        return {t: connection.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY id")
                .fetchall() for t, cols in tables.items()}


@pytest.fixture
def demo_file(tmp_path) -> Path:
    path = tmp_path / "demo-head.sqlite3"
    engine = open_database(path)
    demo.build_demo(engine)
    engine.dispose()
    return path


@pytest.fixture
def old_record(tmp_path, demo_file) -> Path:
    path = tmp_path / "old.sqlite3"
    _at_0001(path)
    _copy_rows(demo_file, path)
    return path


def test_upgrade_from_the_first_schema_keeps_every_row_and_value(old_record):
    with sqlite3.connect(old_record) as connection:
        first_schema = _tables(connection)
    before = _contents(old_record, first_schema)
    assert len(before["attendanceevent"]) > 10 and before["vote"]  # a real meeting's record
    engine = open_database(old_record)
    assert current_revision(engine) == head_revision()
    engine.dispose()
    with sqlite3.connect(old_record) as connection:
        kept = {t: [c for c in cols if (t, c) not in MOVED] for t, cols in first_schema.items()}
        agencies = connection.execute(
            "SELECT p.id, coalesce(a.name, ''), coalesce(e.name, '') FROM person p LEFT JOIN "
            "organisation a ON a.id = p.agency_id LEFT JOIN organisation e "
            "ON e.id = p.employer_id ORDER BY p.id").fetchall()
    assert _contents(old_record, kept) == {
        t: [tuple(v for c, v in zip(first_schema[t], row, strict=True) if c in kept[t])
            for row in rows] for t, rows in before.items()}
    # Each agency and employer typed then is now the organisation of that name (§1).
    assert agencies == [tuple(v for c, v in zip(first_schema["person"], row, strict=True)
                              if c in ("id", "agency", "employer")) for row in before["person"]]
    with sqlite3.connect(old_record) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    backup = list_backups(old_record)[0]
    assert backup.reason == "before-upgrade"
    assert _contents(backup.path, first_schema) == before  # the backup is the 0001 file


def _script_dir(tmp_path: Path, migration: str) -> Path:
    """A copy of the migrations at 0001, with one more migration after it."""
    where = tmp_path / "migrations"
    (where / "versions").mkdir(parents=True)
    shutil.copy(paths.MIGRATIONS / "env.py", where / "env.py")
    shutil.copy(paths.MIGRATIONS / "script.py.mako", where / "script.py.mako")
    shutil.copy(paths.MIGRATIONS / "versions" / "0001_first_schema.py", where / "versions")
    (where / "versions" / "9001_test.py").write_text(
        "from alembic import op\nimport sqlalchemy as sa\n\n"
        "revision = '9001'\ndown_revision = '0001'\nbranch_labels = None\n"
        "depends_on = None\n\n" + migration, encoding="utf-8")
    return where


REBUILD_MEETING = """
def upgrade():
    bind = op.get_bind()
    assert bind.exec_driver_sql("PRAGMA foreign_keys").scalar() == 0, "foreign keys are on"
    # Batch mode rebuilds the parent table: copy, DROP TABLE meeting, rename.
    with op.batch_alter_table("meeting", recreate="always") as batch:
        batch.add_column(sa.Column("webcast_url", sa.String(), nullable=True))
"""


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("meeting", "agendaitem", "registerentry", "attendanceevent",
                          "decision", "vote", "voteposition", "declaration", "action")}


def test_rebuilding_a_parent_table_in_a_migration_keeps_its_children(tmp_path, demo_file):
    config = alembic_config(_script_dir(tmp_path, REBUILD_MEETING))
    path = tmp_path / "old.sqlite3"
    _at_0001(path, config)
    _copy_rows(demo_file, path)
    before = _counts(path)
    engine = make_engine(path)
    upgrade(engine, path, config)
    assert current_revision(engine) == "9001"
    engine.dispose()
    assert _counts(path) == before


def test_the_same_rebuild_with_foreign_keys_on_would_delete_the_record(tmp_path, demo_file):
    """Why the migrations run with foreign keys off: this is what they would do."""
    path = tmp_path / "careless.sqlite3"
    _at_0001(path)
    _copy_rows(demo_file, path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.exec_driver_sql("DROP TABLE meeting")  # what batch mode does
        connection.commit()
        assert connection.execute(text("SELECT count(*) FROM agendaitem")).scalar() == 0
    engine.dispose()


FAILS_HALF_WAY = """
def upgrade():
    op.create_table("webcast", sa.Column("id", sa.Integer(), primary_key=True))
    with op.batch_alter_table("meeting", recreate="always") as batch:
        batch.add_column(sa.Column("webcast_id", sa.Integer(), nullable=True))
    op.execute("UPDATE meeting SET title = 'changed by a broken migration'")
    raise RuntimeError("this migration is broken")
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_failed_migration_leaves_the_record_exactly_as_it_was_and_says_so(tmp_path,
                                                                              demo_file):
    config = alembic_config(_script_dir(tmp_path, FAILS_HALF_WAY))
    path = tmp_path / "old.sqlite3"
    _at_0001(path, config)
    _copy_rows(demo_file, path)
    digest = _digest(path)
    engine = make_engine(path)
    with pytest.raises(UpgradeFailed) as refused:
        upgrade(engine, path, config)
    engine.dispose()
    assert "this migration is broken" in refused.value.message
    assert "has not been changed" in refused.value.message
    assert _digest(path) == digest
    assert not path.with_name(path.name + ".upgrading").exists()
    backup = list_backups(path)[0]
    assert backup.path.name in refused.value.message  # and the backup it names exists
    engine = make_engine(path)
    assert current_revision(engine) == "0001"  # still opens in the version that wrote it
    engine.dispose()


def test_a_file_from_a_newer_version_is_never_opened_for_writing(engine, db_path, dump):
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'from-the-future'"))
    engine.dispose()
    before = dump()
    for read_only in (False, True):
        with pytest.raises(SchemaTooNewError, match="newer version"):
            open_record(db_path, read_only=read_only).close()
    assert dump() == before


def test_a_database_that_is_not_a_clerk_record_is_refused_unchanged(tmp_path):
    other = tmp_path / "places.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE bookmark (id INTEGER PRIMARY KEY, url TEXT)")
        connection.execute("INSERT INTO bookmark (url) VALUES ('https://example.org')")
    digest = _digest(other)
    with pytest.raises(ClerkError, match="not a clerk-app record"):
        open_record(other).close()
    assert _digest(other) == digest

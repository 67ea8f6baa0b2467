"""Automatic backups: made with SQLite's online backup API, when the record is opened,
every ten minutes while a meeting is recorded, when a meeting closes and before an
upgrade or a restore; rotated; listed with the meetings they hold; restored.

(Every backup made by any test is also integrity-checked by tests/conftest.py.)
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from clerk_app.db import backup as db_backup
from clerk_app.db.backup import list_backups, make_backup, rotate
from clerk_app.services import backups, meetings, register
from clerk_app.services.audit import meeting_trail
from clerk_app.services.opening import open_record
from tests.conftest import at


def _names_in(path) -> set[str]:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
        return {row[0] for row in connection.execute(
            "SELECT person.name FROM attendanceevent JOIN person "
            "ON person.id = attendanceevent.person_id")}


def test_a_backup_holds_the_actions_still_in_the_wal_file(kent, db_path):
    """A plain file copy of the record would miss them: they are only in record-wal."""
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.stat().st_size > 0  # the arrival is in the log, not yet in the file
    made = make_backup(db_path, "manual")
    assert _names_in(made.path) == {"Helen Marsh"}
    assert not made.path.with_name(made.path.name + "-wal").exists()  # one whole file


def test_opening_a_record_makes_a_backup_first(kent, db_path):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    kent.engine.dispose()
    record = open_record(db_path)
    try:
        assert record.backup is not None and record.backup.reason == "open"
        assert _names_in(record.backup.path) == {"Helen Marsh"}
    finally:
        record.close()


def test_a_new_record_has_nothing_to_back_up(tmp_path):
    record = open_record(tmp_path / "new.sqlite3")
    record.close()
    assert record.backup is None and list_backups(tmp_path / "new.sqlite3") == []


@pytest.mark.sqlite_file
def test_ten_minute_backups_only_while_a_meeting_is_being_recorded(kent):
    m = kent.meeting()
    engine = kent.engine
    assert not backups.backup_due(engine)  # nothing in progress: nothing due
    meetings.open_meeting(engine, m, at(10, 0))
    assert backups.backup_due(engine)  # in progress and never backed up
    made = backups.backup_if_due(engine)
    assert made is not None and made.reason == "during-meeting"
    later = made.taken_at + timedelta(minutes=9, seconds=59)
    assert backups.backup_if_due(engine, later) is None  # not ten minutes yet
    ten = made.taken_at + timedelta(minutes=10)
    assert not backups.backup_due(engine, ten)  # nothing recorded since: no new copy
    register.arrive(engine, m, kent.ids["chair"], at(10, 5))
    assert backups.backup_due(engine, ten)
    assert backups.backup_if_due(engine, ten).taken_at == ten


def test_closing_a_meeting_backs_up_the_whole_meeting(kent, db_path):
    m = kent.meeting()
    meetings.open_meeting(kent.engine, m, at(10, 0))
    register.arrive(kent.engine, m, kent.ids["police"], at(10, 1))
    meetings.close_meeting(kent.engine, m, at(12, 0))
    newest = list_backups(db_path)[0]
    assert newest.reason == "meeting-closed"
    assert _names_in(newest.path) == {"Daniel Okafor"}


def test_rotation_keeps_the_last_seven_days_then_one_a_month(engine, db_path):
    now = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    taken = [now - timedelta(hours=h) for h in (1, 30, 24 * 6)]  # this week: all kept
    taken += [datetime(2026, 11, 5, 9, tzinfo=UTC), datetime(2026, 11, 2, 9, tzinfo=UTC),
              datetime(2026, 10, 30, 9, tzinfo=UTC), datetime(2026, 10, 3, 9, tzinfo=UTC),
              datetime(2026, 8, 1, 9, tzinfo=UTC)]
    for when in taken:
        make_backup(db_path, "open", when)
    removed = rotate(db_path, now)
    kept = sorted(b.taken_at for b in list_backups(db_path))
    assert kept == sorted([*taken[:3], datetime(2026, 11, 5, 9, tzinfo=UTC),
                           datetime(2026, 10, 30, 9, tzinfo=UTC),
                           datetime(2026, 8, 1, 9, tzinfo=UTC)])
    assert len(removed) == 2


def test_a_backup_interrupted_by_a_crash_is_never_listed_and_is_cleared(engine, db_path):
    folder = db_backup.private_folder(db_backup.backups_dir(db_path))
    half = folder / f"{db_path.stem}.20261120T101010Z.open.sqlite3.partial"
    half.write_bytes(b"SQLite format 3\x00 half")
    assert list_backups(db_path) == []
    rotate(db_path)
    assert not half.exists()


def test_the_list_shows_what_each_backup_holds(kent, db_path):
    kent.meeting()
    made = make_backup(db_path, "manual")
    contents = backups.describe_backup(made.path)
    assert contents.problem is None
    assert [(m.body, m.date.isoformat(), m.status) for m in contents.meetings] == [
        ("Kent Local Children's Services Partnership Board", "2026-09-15", "scheduled")]


def test_restoring_keeps_a_backup_of_the_record_as_it_was(kent, db_path):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    chosen = make_backup(db_path, "manual")
    register.arrive(kent.engine, m, kent.ids["police"], at(9, 56))  # after the backup
    result = backups.restore_backup(db_path, chosen.path, kent.engine)
    # The same engine reconnects to the restored record.
    assert register.state(kent.engine, m).line(kent.ids["police"]).state != "present"
    assert register.state(kent.engine, m).line(kent.ids["chair"]).state == "present"
    # The arrival recorded after the backup is not lost: it is in the safety copy.
    assert result.safety_copy.reason == "before-restore"
    assert _names_in(result.safety_copy.path) == {"Helen Marsh", "Daniel Okafor"}
    # And the restore itself is in the audit trail.
    from sqlmodel import Session, select

    from clerk_app.db.tables import AuditEntry

    with Session(kent.engine) as session:
        last = session.exec(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last.action == "record.restore" and last.detail["backup"] == chosen.path.name
    assert meeting_trail(kent.engine, m)[-1].description == "Helen Marsh arrived at 09:55"

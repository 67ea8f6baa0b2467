"""Opening the record at start-up: a second copy is told and may read; a damaged file
is offered its newest good backup; every problem is a dialog, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from clerk_app.app import build_window
from clerk_app.db.backup import make_backup
from clerk_app.gui import opening
from clerk_app.services import register
from clerk_app.services.errors import ClerkError
from tests.conftest import at
from tests.gui.shell_support import open_with_dialogs
from tests.services.test_safety_one_writer import HOLD


@pytest.fixture
def answer(qtbot, monkeypatch):
    """Answer the next questions by clicking the named buttons; keep what was asked."""
    asked: list[str] = []
    clicks: list[str] = []

    def ask(box):
        qtbot.addWidget(box)
        box.show()
        asked.append(box.text())
        wanted = clicks.pop(0)
        button = next(b for b in box.buttons() if b.text().replace("&", "") == wanted)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return box.clickedButton()

    monkeypatch.setattr(opening, "ask", ask)

    def with_clicks(*buttons: str) -> list[str]:
        clicks.extend(buttons)
        return asked

    return with_clicks


@pytest.fixture
def other_copy(kent, db_path):
    meeting = kent.meeting()
    register.arrive(kent.engine, meeting, kent.ids["chair"], at(9, 55))
    kent.engine.dispose()
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "recording"
    yield meeting
    process.kill()
    process.wait()


def test_a_second_copy_is_told_and_may_open_the_record_read_only(qtbot, answer, other_copy,
                                                                 kent, db_path):
    asked = answer("Open read-only")
    record = open_with_dialogs(qtbot, db_path)
    assert "already open for recording in another copy of clerk-app" in asked[0]
    assert record.read_only
    window = build_window(db_path, record=record)
    qtbot.addWidget(window)
    assert window.record_label.text() == f"Record (read-only): {db_path}"
    with pytest.raises(ClerkError, match="read-only"):
        register.arrive(record.engine, other_copy, kent.ids["police"], at(9, 56))


def test_a_second_copy_can_decline(qtbot, answer, other_copy, db_path):
    answer("Cancel")
    assert open_with_dialogs(qtbot, db_path) is None


def test_a_damaged_record_offers_its_newest_good_backup(qtbot, answer, kent, db_path):
    meeting = kent.meeting()
    register.arrive(kent.engine, meeting, kent.ids["chair"], at(9, 55))
    make_backup(db_path, "manual")
    kent.engine.dispose()
    db_path.write_bytes(os.urandom(32768))  # the USB stick was pulled out mid-write
    asked = answer("Restore the newest good backup")
    record = open_with_dialogs(qtbot, db_path)
    assert "is damaged and cannot be opened" in asked[0]
    assert "kept beside it as record.damaged-" in asked[0]
    assert register.state(record.engine, meeting).line(kent.ids["chair"]).state == "present"
    record.close()


def test_a_damaged_record_is_never_replaced_without_the_clerk_saying_so(qtbot, answer, kent,
                                                                        db_path):
    kent.meeting()
    make_backup(db_path, "manual")
    kent.engine.dispose()
    db_path.write_bytes(b"not a record")
    answer("Close")
    assert open_with_dialogs(qtbot, db_path) is None
    assert db_path.read_bytes() == b"not a record"


def test_a_record_from_a_newer_version_is_explained(qtbot, answer, engine, db_path):
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'from-the-future'"))
    engine.dispose()
    asked = answer("OK")
    assert open_with_dialogs(qtbot, db_path) is None
    assert "written by a newer version of clerk-app" in asked[0]


def test_a_missing_folder_is_explained(qtbot, answer, tmp_path):
    asked = answer("OK")
    assert open_with_dialogs(qtbot, tmp_path / "gone" / "record.sqlite3") is None
    assert "does not exist" in asked[0]


def test_a_hard_link_to_a_record_being_recorded_opens_read_only(qtbot, answer, other_copy,
                                                                 kent, db_path):
    """Another name for the same file is the same record: told, and offered to read."""
    other_name = db_path.with_name("board.sqlite3")
    os.link(db_path, other_name)
    asked = answer("Open read-only")
    record = open_with_dialogs(qtbot, other_name)
    assert asked[0].startswith("board.sqlite3 is already open for recording")
    assert "under the name record.sqlite3" in asked[0]
    assert record.read_only
    window = build_window(other_name, record=record)
    qtbot.addWidget(window)
    assert window.record_label.text() == f"Record (read-only): {other_name}"
    with pytest.raises(ClerkError, match="read-only"):
        register.arrive(record.engine, other_copy, kent.ids["police"], at(9, 56))
    record.close()
    assert not other_name.with_name("board.sqlite3-wal").exists()

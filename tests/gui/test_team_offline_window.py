"""Meeting › Take offline…, Bring back… and Clear offline mark…, and File › Export
everything…, from the window on a team record (a real PostgreSQL server)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from clerk_app import paths
from clerk_app.app import build_window
from clerk_app.db.migrate import open_database
from clerk_app.gui import offline_menu
from clerk_app.rules.vocabulary import MeetingStatus
from clerk_app.services import body_setup, demo, meetings, offline
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)


@pytest.fixture
def window(qtbot, postgres_url, tmp_path, monkeypatch):
    engine = open_database(postgres_url)
    demo.build_demo(engine)
    engine.dispose()
    monkeypatch.setattr(paths, "default_database", lambda: tmp_path / "laptop.sqlite3")
    shown = build_window(postgres_url)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.close()


def _entry(window, menu: str, text: str):
    return next(a for a in window.menus[menu].actions() if a.text() == text)


def _a_meeting_to_come(window) -> int:
    body_id = body_setup.list_bodies(window.engine)[0][0]
    found = next(m for m in meetings.meetings_of(window.engine, body_id)
                 if m.status in (MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS))
    window.select_meeting(found.id)
    return found.id


def test_take_offline_into_this_laptop_then_bring_it_back(window, tmp_path, monkeypatch):
    meeting_id = _a_meeting_to_come(window)
    monkeypatch.setattr(offline_menu, "ask_offline_file", lambda *_: tmp_path / "away.json")
    monkeypatch.setattr(offline_menu, "ask_into_laptop", lambda *_: True)

    _entry(window, "Meeting", "Take &offline…").trigger()

    assert (tmp_path / "away.json").exists()
    assert "this laptop's record" in window.saved_label.text()
    window.show_meeting(meeting_id)
    assert window.saved_label.text().startswith("Taken offline by ")
    table = window.table_view()  # the team's copy: read, not recorded in, and says why
    assert not table.held_bar.isHidden() and table.held.text().startswith("Taken offline by ")
    assert not table.register.isEnabled() and not table.open_button.isEnabled()
    laptop = open_database(tmp_path / "laptop.sqlite3")
    try:
        with_laptop = meetings.meetings_of(laptop, body_setup.list_bodies(laptop)[0][0])
        at_table = next(m.id for m in with_laptop if m.date == meetings.meeting_summary(
            window.engine, meeting_id).date)
        meetings.set_public_count(laptop, at_table, 7)
    finally:
        laptop.dispose()
    monkeypatch.setattr(offline_menu, "ask_laptop_record", lambda *_: tmp_path / "laptop.sqlite3")

    _entry(window, "Meeting", "Bring &back…").trigger()

    assert "brought back" in window.saved_label.text()
    assert meetings.meeting_summary(window.engine, meeting_id).public_count == 7
    assert offline.meeting_away(window.engine, meeting_id) is None


def test_a_file_that_is_not_a_laptop_record_is_refused_in_words(window, tmp_path,
                                                                monkeypatch):
    (tmp_path / "notes.json").write_text(json.dumps({"hello": "<b>&</b>"}))
    monkeypatch.setattr(offline_menu, "ask_laptop_record", lambda *_: tmp_path / "notes.json")
    said: list[str] = []
    monkeypatch.setattr(offline_menu, "warn", lambda *args: said.append(args[2]))

    _entry(window, "Meeting", "Bring &back…").trigger()

    assert said and "record file is not valid" in said[0]


def test_enter_on_clearing_the_mark_keeps_it_and_yes_clears_it(window, qtbot, tmp_path,
                                                              monkeypatch):
    meeting_id = _a_meeting_to_come(window)
    offline.take_offline(window.engine, meeting_id, tmp_path / "away.json", by="clerk-laptop")
    said: list[str] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        said.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Return)  # the default: Cancel

    QTimer.singleShot(0, press_enter)
    _entry(window, "Meeting", "C&lear offline mark…").trigger()
    assert said and "clerk-laptop" in said[0]
    assert offline.meeting_away(window.engine, meeting_id) is not None

    monkeypatch.setattr(offline_menu, "confirm_clear", lambda *_: True)
    _entry(window, "Meeting", "C&lear offline mark…").trigger()
    assert offline.meeting_away(window.engine, meeting_id) is None
    assert "mark cleared" in window.saved_label.text()


def test_export_everything_writes_one_record_file_per_body(window, tmp_path, monkeypatch):
    monkeypatch.setattr(offline_menu, "ask_export_folder", lambda *_: tmp_path / "all")

    _entry(window, "File", "&Export everything…").trigger()

    written = list((tmp_path / "all").glob("*.json"))
    assert len(written) == len(body_setup.list_bodies(window.engine)) == 1
    assert json.loads(written[0].read_text())["format_version"] == 4
    assert "1 record file, one per body" in window.saved_label.text()


def test_a_refusal_naming_a_hostile_path_shows_it_as_typed(window, qtbot, tmp_path,
                                                         monkeypatch):
    missing = tmp_path / "<b>Zoë & Co</b>.json"
    monkeypatch.setattr(offline_menu, "ask_laptop_record", lambda *_: missing)
    seen: list = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        seen.append((box.textFormat(), box.text()))
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, read_and_close)
    _entry(window, "Meeting", "Bring &back…").trigger()

    assert seen and seen[0][0] == Qt.TextFormat.PlainText
    assert "<b>Zoë & Co</b>.json" in seen[0][1]

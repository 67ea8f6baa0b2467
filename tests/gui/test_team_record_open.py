"""File › Open a team record… from the window on a record file: the four values IT gives,
then the password, asked for only when the server wants it (a real PostgreSQL server and
its `team` role), and never kept anywhere the clerk or anyone else could read it."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSettings, Qt

from clerk_app.app import build_window
from clerk_app.db.location import address_parts, team_address
from clerk_app.gui import tasks
from clerk_app.gui.dialogs.team_record_dialog import LAST_ADDRESS, TeamRecordDialog
from tests.conftest import admin
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)
from tests.postgres import TEAM_PASSWORD, TEAM_USER

OPENING = 15000  # ms: the server signs in and checks the schema on the worker


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def team_url(postgres_server):
    """An empty database as IT creates it for the team, owned by the `team` role (who
    signs in with a password): opening it from the window makes its tables."""
    name = f"team_window_{os.getpid()}"
    with admin(postgres_server) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name} OWNER {TEAM_USER}")
    yield postgres_server.url(name, user=TEAM_USER)
    with admin(postgres_server) as connection:
        connection.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def window(qtbot, db_path, settings, monkeypatch, tmp_path):
    # No password from the environment or a password file: the clerk must type it.
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    shown = build_window(db_path, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.close()


def _open_the_dialog(window) -> TeamRecordDialog:
    entry = next(a for a in window.menus["File"].actions()
                 if a.text() == "Open a &team record…")
    entry.trigger()
    assert isinstance(window.dialog, TeamRecordDialog)
    return window.dialog


def _fill(qtbot, dialog: TeamRecordDialog, url: str) -> None:
    server, port, database, user = address_parts(url)
    qtbot.keyClicks(dialog.server, server)
    dialog.port.selectAll()
    qtbot.keyClicks(dialog.port, str(port))
    qtbot.keyClicks(dialog.database, database)
    qtbot.keyClicks(dialog.user, user)


def _press_enter(qtbot, dialog: TeamRecordDialog) -> None:
    focused = dialog.focusWidget() or dialog.user
    qtbot.keyClick(focused, Qt.Key.Key_Return)


def _shown_everywhere(window, settings: QSettings, dialog: TeamRecordDialog) -> str:
    saved = " ".join(str(settings.value(key)) for key in settings.allKeys())
    return " ".join([saved, window.windowTitle(), window.record_label.text(),
                     window.saved_label.text(), dialog.error.text()])


def test_a_clerk_opens_a_team_record_typing_the_password_the_server_asks_for(
        qtbot, window, settings, team_url):
    file_engine = window.engine
    dialog = _open_the_dialog(window)
    assert not dialog.password.isVisible()  # not asked until the server wants it
    _fill(qtbot, dialog, team_url)
    _press_enter(qtbot, dialog)

    qtbot.waitUntil(dialog.password.isVisible, timeout=OPENING)
    assert "asks for the password of team" in dialog.error.text()
    assert dialog.password.hasFocus()
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert window.engine is file_engine  # nothing opened yet
    qtbot.keyClicks(dialog.password, TEAM_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: window.engine is not file_engine, timeout=OPENING)
    assert window.engine.dialect.name == "postgresql"
    assert window.record_label.text().startswith("Record: team_window_")
    assert "a team record backed up by the server's own backups" in window.record_label.text()
    assert not dialog.isVisible()
    assert "s3cret" not in _shown_everywhere(window, settings, dialog)
    assert dialog.password.text() == ""
    server, port, database, _user = address_parts(team_url)
    assert settings.value(LAST_ADDRESS) == team_address(server, port, database, TEAM_USER)

    again = _open_the_dialog(window)  # next time: the same four values, no password
    assert (again.server.text(), again.port.value(), again.database.text(),
            again.user.text()) == (server, port, database, TEAM_USER)
    assert again.password.text() == "" and not again.password.isVisible()
    again.reject()


def test_a_wrong_password_is_asked_again_and_cancel_keeps_the_record_open(
        qtbot, window, settings, team_url):
    file_engine, label = window.engine, window.record_label.text()
    dialog = _open_the_dialog(window)
    _fill(qtbot, dialog, team_url)
    _press_enter(qtbot, dialog)
    qtbot.waitUntil(dialog.password.isVisible, timeout=OPENING)

    qtbot.keyClicks(dialog.password, "not-the-Password<&>")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "refused the password" in dialog.error.text(), timeout=OPENING)
    assert dialog.isVisible() and dialog.password.text() == ""
    assert window.engine is file_engine and window.record_label.text() == label
    assert "not-the-Password" not in _shown_everywhere(window, settings, dialog)

    qtbot.keyClick(dialog.password, Qt.Key.Key_Escape)  # Cancel
    assert not dialog.isVisible()
    assert window.engine is file_engine and window.record_label.text() == label
    assert settings.value(LAST_ADDRESS) is None  # nothing opened, nothing remembered
    window.refresh()  # the record file is still there to work on


def test_enter_on_the_empty_dialog_says_what_to_fill(qtbot, window):
    file_engine = window.engine
    dialog = _open_the_dialog(window)
    qtbot.keyClick(dialog.server, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert ("Fill in the server, the database, your user name" in dialog.error.text())
    qtbot.keyClicks(dialog.server, "db.council.gov.uk")
    qtbot.keyClick(dialog.server, Qt.Key.Key_Return)
    assert "Fill in the database, your user name" in dialog.error.text()
    assert window.engine is file_engine


def test_a_database_that_is_not_there_is_named_and_the_dialog_keeps_what_was_typed(
        qtbot, window, team_url, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", TEAM_PASSWORD)  # signed in: the database is missing
    dialog = _open_the_dialog(window)
    _fill(qtbot, dialog, team_url.replace("/team_window_", "/no_such_record_"))
    _press_enter(qtbot, dialog)
    qtbot.waitUntil(lambda: "There is no team record" in dialog.error.text(),
                    timeout=OPENING)
    assert dialog.isVisible() and dialog.database.text().startswith("no_such_record_")
    assert dialog.ok_button.isEnabled()


def test_a_hostile_user_name_travels_and_is_shown_exactly_as_typed(qtbot, window, team_url):
    typed, pasted = "O'Brien <b>&amp;</b> ", "Zoë عائشة"  # QTest types ASCII only
    hostile = typed + pasted
    dialog = _open_the_dialog(window)
    _fill(qtbot, dialog, team_url)
    dialog.user.clear()
    qtbot.keyClicks(dialog.user, typed)
    dialog.user.insert(pasted)
    _press_enter(qtbot, dialog)
    qtbot.waitUntil(dialog.password.isVisible, timeout=OPENING)  # the server asked
    assert f"the password of {hostile}:" in dialog.error.text()
    assert address_parts(dialog.address)[3] == hostile


def test_cancel_while_connecting_keeps_the_record_and_lets_go_of_the_server(
        qtbot, window, team_url, postgres_server, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", TEAM_PASSWORD)
    file_engine, label = window.engine, window.record_label.text()
    dialog = _open_the_dialog(window)
    _fill(qtbot, dialog, team_url)
    _press_enter(qtbot, dialog)
    assert dialog.ok_button.text() == "Connecting…" and not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Cancel before the server answers
    assert not dialog.isVisible()

    assert tasks.runner().wait(OPENING)
    qtbot.wait(50)  # the answer is delivered on the GUI thread
    assert window.engine is file_engine and window.record_label.text() == label
    database = address_parts(team_url)[2]
    with admin(postgres_server) as connection:
        still = connection.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                                   (database,)).fetchone()[0]
    assert still == 0  # the record that opened meanwhile was closed at once

"""The window on a team record (PostgreSQL): the record and its meetings as on a file;
the status bar names the server without its password and says who backs it up; File ›
Restore from backup… says the server's own backups keep it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from clerk_app.app import build_window
from clerk_app.db.migrate import open_database
from clerk_app.services import demo
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)


def test_the_window_shows_a_team_record_and_names_it_without_its_password(qtbot,
                                                                          postgres_url):
    engine = open_database(postgres_url)
    demo.build_demo(engine)
    engine.dispose()
    with_password = postgres_url.replace("clerk@", "clerk:Sesame<&>@")  # trusted: ignored
    window = build_window(with_password)
    qtbot.addWidget(window)
    window.show()
    assert window.navigator.bodies()[0].text == demo.DEMO_SHORT_NAME
    label = window.record_label.text()
    assert "Sesame" not in label and label.startswith("Record: record_")
    assert "a team record backed up by the server's own backups" in label

    said: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter on the default: OK

    QTimer.singleShot(0, read_and_close)
    restore = next(a for a in window.menus["File"].actions()
                   if a.text() == "&Restore from backup…")
    restore.trigger()
    assert said and "database server's own backups" in said[0]
    window.close()

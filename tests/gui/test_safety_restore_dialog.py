"""Restore from backup…: the backups with their dates and meetings; restoring one keeps
a backup of the record as it was first."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clerk_app.db.backup import list_backups, make_backup
from clerk_app.gui.dialogs import restore_dialog
from clerk_app.gui.dialogs.restore_dialog import RestoreDialog
from clerk_app.services import register
from tests.conftest import at


def _described(dialog) -> bool:
    rows = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
    return bool(rows) and all(row.text(2) != "Checking…" for row in rows)


def test_the_clerk_restores_an_earlier_backup(qtbot, kent, db_path, monkeypatch, tmp_path):
    m = kent.meeting()
    register.arrive(kent.engine, m, kent.ids["chair"], at(9, 55))
    make_backup(db_path, "manual")
    register.arrive(kent.engine, m, kent.ids["police"], at(9, 56))
    make_backup(db_path, "during-meeting")
    asked = []
    monkeypatch.setattr(restore_dialog, "confirm",
                        lambda _parent, _title, text, _yes: asked.append(text) or True)
    dialog = RestoreDialog(db_path, kent.engine)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: _described(dialog), timeout=30_000)
    assert dialog.list.topLevelItemCount() == 2
    newest, older = (dialog.list.topLevelItem(i) for i in range(2))
    assert newest.text(1) == "during a meeting (every ten minutes)"
    assert older.text(2) == "1 meeting, the latest on 15 Sep 2026"
    assert "Kent Local Children's Services Partnership Board" in dialog.details.toPlainText()
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)  # to the older backup
    assert dialog.list.currentItem() is older
    with qtbot.waitSignal(dialog.restored) as restored:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "backed up first" in asked[0]
    assert "kept in the backup made" in restored.args[0]
    assert register.state(kent.engine, m).line(kent.ids["police"]).state != "present"
    assert register.state(kent.engine, m).line(kent.ids["chair"]).state == "present"
    assert [b.reason for b in list_backups(db_path)][0] == "before-restore"
    qtbot.waitUntil(lambda: _described(dialog), timeout=30_000)
    assert dialog.list.topLevelItemCount() == 3
    assert dialog.status.text() == restored.args[0]
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == RestoreDialog.DialogCode.Accepted


def test_with_no_backups_the_dialog_says_so(qtbot, engine, db_path):
    dialog = RestoreDialog(db_path, engine)
    qtbot.addWidget(dialog)
    assert "no backups" in dialog.details.toPlainText()
    assert not dialog.restore_button.isEnabled()


def test_a_damaged_backup_cannot_be_chosen(qtbot, engine, db_path):
    broken = make_backup(db_path, "manual")
    broken.path.write_bytes(b"\x00" * 8192)
    try:
        dialog = RestoreDialog(db_path, engine)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: _described(dialog), timeout=30_000)
        assert dialog.list.topLevelItem(0).text(2).startswith("Cannot be used")
        assert not dialog.restore_button.isEnabled()
    finally:
        broken.path.unlink()  # spoilt by the test, not by the application

"""The month the body's year starts in is chosen by its name (DOMAIN.md §7)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlmodel import Session

from clerk_app.gui.views.body_setup.dialogs import SettingDialog
from clerk_app.rules.vocabulary import SettingKey
from clerk_app.services import body_setup, constitution


def test_the_clerk_picks_september_by_name_and_the_rules_read_it(qtbot, kent):
    setting = next(s for s in body_setup.body_setup(kent.engine, kent.body_id).settings
                   if s.key == SettingKey.ATTENDANCE_YEAR_START_MONTH)
    dialog = SettingDialog(kent.engine, kent.body_id, setting)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    value = dialog.form.itemAt(0, dialog.form.ItemRole.FieldRole).widget()
    assert value.currentText() == "April (the year runs April to March)"
    assert value.count() == 12
    value.setFocus()
    for _ in range(5):  # April → September
        qtbot.keyClick(value, Qt.Key.Key_Down)
    assert value.currentText() == "September (the year runs September to August)"
    qtbot.keyClicks(dialog.source, "Terms of reference, §5")
    qtbot.keyClick(dialog.source, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    with Session(kent.engine) as session:
        assert constitution.body_rules(session, kent.body_id).year_start_month == 9

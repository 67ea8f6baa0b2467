"""Import members… and Export members… from the Body menu, driven as a clerk would:
choose the file, read the preview, press Import (DOMAIN.md §1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app.gui import theme
from clerk_app.gui.dialogs import member_list_dialog
from clerk_app.gui.dialogs.member_list_dialog import MemberImportDialog
from clerk_app.gui.main_window import MainWindow
from clerk_app.services import body_setup, member_import, presets
from tests.gui.every_screen import MEMBERS_CSV
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)


@pytest.fixture
def win(qtbot, engine, db_path):
    theme.apply(QApplication.instance(), theme.LIGHT)
    body_id = presets.create_body_from_preset(engine, "lincolnshire-cypsp")
    window = MainWindow(engine, str(db_path))
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    window.select_body(body_id)
    return window


def held(win) -> list[str]:
    return [s.name for s in body_setup.body_setup(win.engine, win.current_body_id()).members
            if not s.vacant]


def open_import(qtbot, win, monkeypatch, path: Path) -> MemberImportDialog:
    monkeypatch.setattr(MemberImportDialog, "ask_path", lambda self: path)
    action = next(a for a in win.menus["Body"].actions() if a.text() == "&Import members…")
    assert action.isEnabled()
    action.trigger()
    dialog = win.dialog
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    return dialog


def test_the_clerk_sees_both_bad_rows_then_imports_the_good_ones(qtbot, win, monkeypatch):
    dialog = open_import(qtbot, win, monkeypatch, MEMBERS_CSV)
    assert dialog.summary.text() == "28 rows ready, 2 with errors."
    assert dialog.ok_button.text() == "&Import 28 members"
    bad = [dialog.model.row(n) for n in range(dialog.model.rowCount())
           if dialog.model.row(n).errors]
    assert [r.number for r in bad] == [20, 31]
    # The first bad row is chosen, and its whole message is shown under the table.
    assert dialog.row_text.text().startswith("Row 20, Ffion Mallory: Ffion Mallory is named")
    assert dialog.height() <= 560
    assert held(win) == []  # nothing written before the clerk confirms
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert len(held(win)) == 28 and "Harriet Quill" in held(win)
    assert "28 member(s) imported from lincolnshire-cypsp-members.csv; 2 row(s) with " \
           "errors left out" in win.saved_label.text()
    assert "Harriet Quill" in [s.name for s in win.body_setup.setup.members]


def test_a_file_without_headings_is_refused_and_enter_writes_nothing(
        qtbot, win, monkeypatch, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Who,Where\nAnn Lee,Schools\n", encoding="utf-8")
    dialog = open_import(qtbot, win, monkeypatch, path)
    assert dialog.error.isVisible()
    assert "no Name or Category column" in dialog.error.text()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible() and held(win) == []


def test_importing_twice_in_a_row_from_a_stale_preview_is_refused(qtbot, win, monkeypatch):
    dialog = open_import(qtbot, win, monkeypatch, MEMBERS_CSV)
    member_import.import_members(win.engine, win.current_body_id(), dialog.preview)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "changed since this preview" in dialog.error.text()
    assert len(held(win)) == 28


def test_export_members_writes_the_file_the_import_reads(qtbot, win, monkeypatch, tmp_path):
    body_id = win.current_body_id()
    member_import.import_members(win.engine, body_id,
                                 member_import.preview(win.engine, body_id, MEMBERS_CSV))
    target = tmp_path / "members.xlsx"
    monkeypatch.setattr(member_list_dialog, "ask_export_path", lambda parent, name: target)
    action = next(a for a in win.menus["Body"].actions() if a.text() == "E&xport members…")
    action.trigger()
    qtbot.waitUntil(lambda: "members.xlsx" in win.saved_label.text())
    again = member_import.preview(win.engine, body_id, target)
    assert (again.unchanged, again.with_errors) == (28, 0)


def test_export_members_offers_xlsx_first_and_says_why(qtbot, win, monkeypatch, tmp_path):
    """A spreadsheet that ignores a CSV's byte-order mark garbles accented names: the
    save dialog suggests XLSX and says what each format is for."""
    asked = {}

    def choose(_parent, caption, suggested, filters):
        asked.update(caption=caption, suggested=suggested, filters=filters.split(";;"))
        return str(tmp_path / "members"), filters.split(";;")[0]  # typed without a suffix

    monkeypatch.setattr(member_list_dialog.QFileDialog, "getSaveFileName", choose)
    action = next(a for a in win.menus["Body"].actions() if a.text() == "E&xport members…")
    action.trigger()
    assert Path(asked["suggested"]).suffix == ".xlsx"
    assert asked["filters"] == ["Excel workbook, opens correctly in every spreadsheet (*.xlsx)",
                                "CSV file, for other programs (*.csv)"]
    qtbot.waitUntil(lambda: "members.xlsx" in win.saved_label.text())
    assert (tmp_path / "members.xlsx").is_file() and not (tmp_path / "members").exists()

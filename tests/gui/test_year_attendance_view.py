"""The attendance view, driven like a clerk drives it (DOMAIN.md §7): choose the year with
the keyboard, read each member's figures and standing, see the chart with the threshold
line, save the year as a spreadsheet."""

from __future__ import annotations

import csv
import stat
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from clerk_app.gui.views.year import common
from clerk_app.gui.views.year.attendance_view import AttendanceView
from clerk_app.gui.widgets.attendance_chart import SERIES
from clerk_app.services import membership
from tests.gui.year_record import (
    column_texts,
    finish_jobs,
    held,
    unnamed_controls,
    wait_loaded,
)

HOSTILE = "=HYPERLINK(\"x\") <b>Ahmed</b> & Co"


@pytest.fixture(autouse=True)
def _jobs_done():
    yield
    finish_jobs()


@pytest.fixture
def year(kent):
    """Kent LCSP's 2026-27 across the year's boundaries, and 1 April 2027 after it."""
    held(kent, date(2026, 4, 1), present=["chair", "health"],
         substitute=("police", "police_deputy"))
    held(kent, date(2026, 9, 1), present=["chair", "police"], apologies=["health"])
    held(kent, date(2026, 12, 1), present=["chair", "police", "health"])
    held(kent, date(2027, 3, 31), present=["chair"], apologies=["police", "health"])
    held(kent, date(2027, 4, 1), present=["police"])
    person = membership.add_person(kent.engine, HOSTILE, "Kent Police")
    membership.add_member(kent.engine, kent.body_id, person, "education",
                          start_date=date(2026, 4, 1))
    return kent


def open_view(qtbot, kent, today=date(2027, 5, 1)) -> AttendanceView:
    view = AttendanceView(kent.engine, kent.body_id, today=today)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    wait_loaded(qtbot, view)
    return view


def row_of(view, name: str) -> dict[str, str]:
    model = view.model
    for r in range(model.rowCount()):
        if model.index(r, 0).data() == name:
            return {model.headerData(c, Qt.Orientation.Horizontal): model.index(r, c).data()
                    for c in range(model.columnCount())}
    raise AssertionError(f"{name} is not in the table")


def test_s7_the_year_is_chosen_with_the_keyboard_and_the_figures_follow(qtbot, year):
    view = open_view(qtbot, year)
    assert view.year_box.currentText() == "2027-28"  # the year of "today"
    assert row_of(view, "Daniel Okafor")["Held"] == "1"  # 1 April 2027 only
    view.year_box.setFocus()
    with qtbot.waitSignal(view.loaded, timeout=10000):
        qtbot.keyClick(view.year_box, Qt.Key.Key_Down)
    assert view.year_box.currentText() == "2026-27"
    police = row_of(view, "Daniel Okafor")
    # Kent: 3 of 4 (000 §9.2); the deputy's meeting counts, so exactly at the threshold.
    assert [police[h] for h in ("Held", "In person", "By substitute", "Apologies", "Absent",
                                "Rate", "Threshold", "Standing", "Deputies used")] == [
        "4", "2", "1", "1", "0", "75%", "75%", "Met", "1 of 1"]
    health = row_of(view, "Siân Pritchard")
    assert (health["Rate"], health["Standing"]) == ("50%", "Missed: out of reach this year")
    assert ("Threshold: 75% of meetings held (3 of 4) "
            "(Kent LCSP Model Partnership Agreement (June 2008) §9.2") in view.summary.text()
    assert "4 held, 0 to come, 0 cancelled" in view.summary.text()
    # Typed text is shown exactly as typed, never as markup or a formula.
    assert HOSTILE in column_texts(view.table, "Member")


def test_s7_at_risk_in_words_while_the_threshold_is_still_reachable(qtbot, kent):
    held(kent, date(2026, 4, 14), present=["chair"], apologies=["police"])
    held(kent, date(2026, 6, 9), present=["chair", "police"])
    for day in (date(2026, 12, 8), date(2027, 2, 9)):
        kent.meeting(day)
    view = open_view(qtbot, kent, today=date(2026, 11, 23))
    police = row_of(view, "Daniel Okafor")
    assert police["Standing"] == "At risk: must attend all 2 meetings left"
    standing = view.model.columns.index(
        next(c for c in view.model.columns if c.header == "Standing"))
    row = column_texts(view.table, "Member").index("Daniel Okafor")
    tint = view.model.index(row, standing).data(Qt.ItemDataRole.BackgroundRole)
    assert tint is not None  # the colour repeats the words for the members to chase


def test_s7_the_chart_shows_each_member_and_the_threshold_line(qtbot, year):
    view = open_view(qtbot, year, today=date(2027, 3, 31))
    chart = view.chart
    assert chart.series_labels() == ["In person", "Remotely", "By substitute", "Apologies",
                                     "Absent"]
    assert chart.threshold_label == "Threshold 75%"
    members = column_texts(view.table, "Member")  # the chart reads top down, as the table
    police = members.index("Daniel Okafor")
    assert chart.rows[police].shares == (pytest.approx(50), 0, pytest.approx(25),
                                         pytest.approx(25), 0)
    assert "Daniel Okafor 75%, Met" in chart.accessibleDescription()
    assert chart.tooltip_at(chart.bar_rect(police).center()) == "Daniel Okafor: 75%, Met"
    # What is painted: each part in its colour where it should be, the dashed line at 75%.
    image = chart.grab().toImage()
    for part in (0, 2, 3):
        centre = chart.segment_rect(police, part).center().toPoint()
        assert image.pixelColor(centre) == QColor(SERIES[part][1])
    text = chart.palette().color(chart.foregroundRole())
    plot = chart.plot_rect()
    x = round(chart.threshold_x())
    column = [image.pixelColor(x, y) for y in range(round(plot.top()), round(plot.bottom()))]
    inked = [c for c in column if abs(c.lightness() - text.lightness()) < 40]
    assert len(column) / 4 < len(inked) < len(column)  # dashed: ink and gaps


def test_s7_the_year_saves_as_csv_and_xlsx_for_the_owner_only(qtbot, year, tmp_path,
                                                                monkeypatch):
    view = open_view(qtbot, year, today=date(2027, 3, 31))
    targets = iter([tmp_path / "attendance.csv", tmp_path / "attendance.xlsx"])
    monkeypatch.setattr(common, "ask_save_path", lambda *_args: next(targets))
    qtbot.mouseClick(view.csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.notice.text().startswith("Saved attendance.csv"), timeout=10000)
    qtbot.keyClick(view, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)  # Save as &XLSX
    qtbot.waitUntil(lambda: view.notice.text().startswith("Saved attendance.xlsx"),
                    timeout=10000)
    with (tmp_path / "attendance.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["Member", "Agency", "Seat", "Meetings held"]
    police = next(r for r in rows if r[0] == "Daniel Okafor")
    assert police[3:12] == ["4", "2", "0", "1", "1", "0", "75%", "75%", "Met"]
    assert any(r[0] == "'" + HOSTILE for r in rows)  # neutralised, still readable
    sheet = openpyxl.load_workbook(tmp_path / "attendance.xlsx")["By meeting"]
    assert [c.value for c in sheet[1]] == ["Member", "1 Apr 2026", "1 Sep 2026", "1 Dec 2026",
                                           "31 Mar 2027"]
    for name in ("attendance.csv", "attendance.xlsx"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


def test_s7_xlsx_is_offered_before_csv_and_each_dialog_says_what_it_is_for(
        qtbot, year, monkeypatch):
    """A spreadsheet that ignores a CSV's byte-order mark garbles accented names."""
    view = open_view(qtbot, year)
    offered: list[str] = []

    def cancel(_parent, _caption, suggested, filters):
        offered.append(f"{Path(suggested).suffix} {filters}")
        return "", ""

    monkeypatch.setattr(common.QFileDialog, "getSaveFileName", cancel)
    view.year_box.setFocus()
    qtbot.keyClick(view.year_box, Qt.Key.Key_Tab)
    assert view.focusWidget() is view.xlsx_button  # first after the year, then the CSV
    qtbot.keyClick(view.xlsx_button, Qt.Key.Key_Space)
    qtbot.keyClick(view.xlsx_button, Qt.Key.Key_Tab)
    assert view.focusWidget() is view.csv_button
    qtbot.keyClick(view.csv_button, Qt.Key.Key_Space)
    assert offered == [
        ".xlsx Excel workbook, opens correctly in every spreadsheet (*.xlsx)",
        ".csv CSV file, for other programs (*.csv)"]
    assert "garbled" in view.csv_button.toolTip()
    assert view.notice.isHidden()  # cancelled: nothing saved, nothing said


def test_s7_a_refused_save_is_explained_in_the_view(qtbot, year, tmp_path, monkeypatch):
    view = open_view(qtbot, year)
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file where a folder should be")
    monkeypatch.setattr(common, "ask_save_path", lambda *_args: not_a_folder / "a.csv")
    qtbot.mouseClick(view.csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.notice.objectName() == "errorMessage", timeout=10000)
    assert "could not be saved" in view.notice.text()
    assert not_a_folder.read_text() == "a file where a folder should be"


def test_attendance_view_names_every_control_and_its_model_is_well_behaved(
        qtbot, year, qtmodeltester):
    view = open_view(qtbot, year)
    assert unnamed_controls(view) == []
    qtmodeltester.check(view.model)


def test_s7_a_body_whose_year_starts_in_september_shows_that_year(qtbot, kent):
    from clerk_app.rules.vocabulary import SettingKey
    from clerk_app.services import constitution

    constitution.change_setting(kent.engine, kent.body_id,
                                SettingKey.ATTENDANCE_YEAR_START_MONTH, 9)
    held(kent, date(2026, 9, 15), present=["chair"])
    view = open_view(qtbot, kent, today=date(2026, 10, 1))
    assert view.year_box.accessibleName() == "Year, September to August"
    assert view.year_box.currentText() == "2026-27"
    assert "2026-27: 1 September 2026 to 31 August 2027." in view.summary.text()

"""The register of interests view (DOMAIN.md §4) with its printable PDF, the membership
list (§1), and the meeting schedule dialog (§6: every two months, 000 §10.1)."""

from __future__ import annotations

from datetime import date, time

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialog

from clerk_app.gui.views.year import common, schedule_dialog
from clerk_app.gui.views.year.interests_view import (
    AddInterestDialog,
    EndInterestDialog,
    InterestsView,
)
from clerk_app.gui.views.year.schedule_dialog import MeetingEditDialog, ScheduleDialog
from clerk_app.services import decisions, interests, meetings, register, schedule
from tests.conftest import at
from tests.gui.year_record import column_texts, finish_jobs, unnamed_controls, wait_loaded

MARKUP = "<font color=red>Trustee</font> & director, Kent Youth Trust"


@pytest.fixture(autouse=True)
def _jobs_done():
    yield
    finish_jobs()


def open_interests(qtbot, kent) -> InterestsView:
    view = InterestsView(kent.engine, kent.body_id, today=date(2026, 11, 23))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    wait_loaded(qtbot, view)
    return view


def dialog_of(view, kind):
    dialogs = [d for d in view.findChildren(kind) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_s4_add_and_end_an_interest_with_declarations_beside_them(qtbot, kent):
    m = kent.meeting()
    for n, key in enumerate(["chair", "police", "yos", "health", "district", "vcs"]):
        register.arrive(kent.engine, m, kent.ids[key], at(9, 50 + n))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 5))
    decisions.declare_interest(kent.engine, kent.items[5], kent.ids["vcs"], "pecuniary",
                               "Trustee of a bidder", at=at(10, 6))
    view = open_interests(qtbot, kent)
    assert column_texts(view.declaration_table, "Item") == ["Item 5: Youth contract"]
    assert column_texts(view.declaration_table, "Effect") == ["Withdrew"]
    assert column_texts(view.interest_table, "Registered interest") == []

    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(view, AddInterestDialog)
    dialog.member.setCurrentIndex(dialog.member.findData(kent.ids["vcs"]))
    qtbot.keyClicks(dialog.description, MARKUP)
    dialog.kind.setCurrentIndex(dialog.kind.findData("non_pecuniary"))
    dialog.from_date.setDate(QDate(2026, 4, 1))
    with qtbot.waitSignal(view.loaded, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert column_texts(view.interest_table, "Registered interest") == [MARKUP]
    assert column_texts(view.interest_table, "Kind") == ["Non-pecuniary (personal)"]

    view.interest_table.selectRow(0)
    qtbot.mouseClick(view.end_button, Qt.MouseButton.LeftButton)
    ending = dialog_of(view, EndInterestDialog)
    ending.until.setDate(QDate(2026, 3, 1))  # before it began: refused, stays open
    qtbot.mouseClick(ending.ok_button, Qt.MouseButton.LeftButton)
    assert ending.isVisible() and "cannot end before" in ending.error.text()
    ending.until.setDate(QDate(2026, 10, 31))
    with qtbot.waitSignal(view.loaded, timeout=10000):
        qtbot.mouseClick(ending.ok_button, Qt.MouseButton.LeftButton)
    assert column_texts(view.interest_table, "Until") == ["31 Oct 2026"]


def test_s4_the_register_prints_typed_text_as_typed(qtbot, kent, tmp_path, monkeypatch):
    interests.register_interest(kent.engine, kent.body_id, kent.ids["vcs"], MARKUP,
                                from_date=date(2026, 4, 1))
    view = open_interests(qtbot, kent)
    monkeypatch.setattr(common, "ask_save_path", lambda *_args: tmp_path / "register.pdf")
    view.register_button.menu().actions()[0].trigger()
    qtbot.waitUntil(lambda: view.notice.text().startswith("Saved register.pdf"), timeout=20000)
    text = " ".join(p.extract_text() for p in PdfReader(tmp_path / "register.pdf").pages)
    text = " ".join(text.split())
    assert "<font color=red>Trustee</font> & director" in text  # printed, not obeyed
    assert "Tomás Ó Briain" in text and "Register of interests" in text


def test_s1_membership_list_saves_as_pdf_xlsx_and_csv(qtbot, kent, tmp_path, monkeypatch):
    view = open_interests(qtbot, kent)
    targets = iter([tmp_path / "members.pdf", tmp_path / "members.xlsx",
                    tmp_path / "members.csv"])
    monkeypatch.setattr(common, "ask_save_path", lambda *_args: next(targets))
    pdf, xlsx_action, csv_action = view.members_button.menu().actions()
    # XLSX first: a spreadsheet that ignores a CSV's byte-order mark garbles accents.
    assert xlsx_action.text() == "Save as XLSX (opens correctly in every spreadsheet)…"
    assert csv_action.text() == "Save as CSV (for other programs)…"
    assert [a.text() for a in view.register_button.menu().actions()][1:] == [
        xlsx_action.text(), csv_action.text()]
    for action, name in ((pdf, "members.pdf"), (xlsx_action, "members.xlsx"),
                         (csv_action, "members.csv")):
        action.trigger()
        qtbot.waitUntil(lambda name=name: view.notice.text().startswith(f"Saved {name}"),
                        timeout=20000)
    sheet = openpyxl.load_workbook(tmp_path / "members.xlsx").active
    assert [c.value for c in sheet[1]][:4] == ["Category", "Seat", "Member", "Agency"]
    assert "Tomás Ó Briain" in [c.value for c in sheet["C"]]  # accents as typed
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(tmp_path / "members.pdf")
                             .pages).split())
    assert "Membership list" in text and "Vacancy" in text and "Priya Nair" in text
    lines = (tmp_path / "members.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Category,Seat,Member,Agency")
    assert sum("Vacancy" in line for line in lines) == 3  # Kent education: 5 seats, 2 filled


def test_s6_plan_the_year_then_move_and_cancel_a_meeting(qtbot, kent, monkeypatch):
    dialog = ScheduleDialog(kent.engine, kent.body_id, today=date(2026, 3, 2))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.year_box.setCurrentIndex(dialog.year_box.findData(2026))  # planning ahead
    assert dialog.every.value() == 2  # Kent LCSP: every two months (000 §10.1)
    assert "(Kent LCSP Model Partnership Agreement (June 2008) §10.1)" in (
        dialog.frequency_note.text())  # the document by its title, not "000"
    dialog.week.setCurrentIndex(dialog.week.findData(-1))  # the last Monday
    dialog.weekday.setCurrentIndex(0)
    dialog.time.setTime(QTime(14, 0))
    qtbot.keyClicks(dialog.venue, "Sessions House")
    dates = column_texts(dialog.plan_table, "Date")
    assert dates == ["Mon 27 Apr 2026", "Mon 29 Jun 2026", "Tue 1 Sep 2026", "Mon 26 Oct 2026",
                     "Tue 29 Dec 2026", "Mon 22 Feb 2027"]
    assert column_texts(dialog.plan_table, "Note")[2] == (
        "Monday 31 August 2026 is a bank holiday: moved to Tuesday 1 September")
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "6 meetings created for 2026-27" in dialog.notice.text()
    assert column_texts(dialog.year_table, "Status") == ["Scheduled"] * 6
    assert not dialog.create_button.isEnabled()  # running it again would create nothing

    dialog.year_table.selectRow(2)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    edit = dialog_of(dialog, MeetingEditDialog)
    edit.date.setDate(QDate(2026, 9, 8))
    edit.venue.clear()
    qtbot.keyClicks(edit.venue, "Room 2")
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(edit.ok_button, Qt.MouseButton.LeftButton)
    assert column_texts(dialog.year_table, "Date")[2] == "Tue 8 Sep 2026"
    assert column_texts(dialog.year_table, "Venue")[2] == "Room 2"

    monkeypatch.setattr(schedule_dialog, "confirm", lambda *_args: True)
    dialog.year_table.selectRow(4)
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    listed = schedule.year_meetings(kent.engine, kent.body_id, 2026)
    assert [m.status for m in listed].count("cancelled") == 1
    assert listed[4].date == date(2026, 12, 29) and listed[4].start_time == time(14, 0)
    assert unnamed_controls(dialog) == []
    dialog.done(QDialog.DialogCode.Rejected)


def test_interests_view_names_every_control(qtbot, kent):
    view = open_interests(qtbot, kent)
    assert unnamed_controls(view) == []

"""DOMAIN.md §4: a member with a dispensation stays and takes part despite the interest,
so the register of interests says so — on the screen, in the PDF and in the CSV and
XLSX — and never that they withdrew. Shown on the Kent LCSP preset, whose pecuniary
interests otherwise withdraw (000 §7.2)."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from clerk_app.export.spreadsheets import csv_bytes, interests_csv_table
from clerk_app.gui.views.year import common
from clerk_app.services import decisions, meetings, register
from clerk_app.services.interests import interests_register
from tests.conftest import at
from tests.gui.test_year_registers_and_schedule import open_interests
from tests.gui.year_record import column_texts, finish_jobs

GRANTED = "Took part under a dispensation granted by the Monitoring Officer"


@pytest.fixture(autouse=True)
def _jobs_done():
    yield
    finish_jobs()


def _declared_with_a_dispensation(kent) -> None:
    m = kent.meeting()
    for n, key in enumerate(["chair", "police", "yos", "health", "district", "vcs"]):
        register.arrive(kent.engine, m, kent.ids[key], at(9, 50 + n))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 5))
    decisions.declare_interest(kent.engine, kent.items[5], kent.ids["vcs"], "pecuniary",
                               "Trustee of a bidder", dispensation_by="the Monitoring Officer",
                               dispensation_note="All trustees", at=at(10, 6))
    decisions.declare_interest(kent.engine, kent.items[5], kent.ids["health"], "pecuniary",
                               "Shareholder in a bidder", at=at(10, 7))


def test_s4_the_screen_says_the_member_took_part_under_the_dispensation(qtbot, kent):
    _declared_with_a_dispensation(kent)
    view = open_interests(qtbot, kent)
    effects = dict(zip(column_texts(view.declaration_table, "Member"),
                       column_texts(view.declaration_table, "Effect"), strict=True))
    assert effects == {"Tomás Ó Briain": GRANTED, "Siân Pritchard": "Withdrew"}


def test_s4_the_register_pdf_says_took_part_not_withdrew(qtbot, kent, tmp_path, monkeypatch):
    _declared_with_a_dispensation(kent)
    view = open_interests(qtbot, kent)
    monkeypatch.setattr(common, "ask_save_path", lambda *_args: tmp_path / "register.pdf")
    view.register_button.menu().actions()[0].trigger()
    qtbot.waitUntil(lambda: view.notice.text().startswith("Saved register.pdf"), timeout=20000)
    text = " ".join(" ".join(p.extract_text() for p in
                             PdfReader(tmp_path / "register.pdf").pages).split())
    assert GRANTED.replace(" ", "") in text.replace(" ", "")  # a narrow cell may wrap it
    assert "Withdrew (dispensation" not in text


def test_s4_the_csv_and_xlsx_say_took_part_not_withdrew(kent, tmp_path):
    from clerk_app.export.spreadsheets import interests_tables, write_xlsx

    _declared_with_a_dispensation(kent)
    data = interests_register(kent.engine, kent.body_id, on=date(2026, 11, 1))
    text = csv_bytes(interests_csv_table(data)).decode("utf-8-sig")
    line = next(row for row in text.splitlines() if row.startswith("Tomás Ó Briain")
                and "Trustee of a bidder" in row)
    assert line.endswith(GRANTED)
    path = write_xlsx(tmp_path / "register.xlsx", interests_tables(data))
    cells = [c for sheet in openpyxl.load_workbook(path).worksheets
             for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert GRANTED in cells
    assert not any("Withdrew (dispensation" in str(c) for c in cells)

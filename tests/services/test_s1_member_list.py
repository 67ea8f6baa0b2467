"""Members from the clerk's spreadsheet (DOMAIN.md §1): preview, row-by-row errors,
nothing written until confirmed, and the same columns written back."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import Session, select

from clerk_app.db.tables import Membership, Person
from clerk_app.services import body_setup, member_import, member_list, presets
from clerk_app.services.errors import ClerkError

DATA = Path(__file__).resolve().parent.parent / "data" / "lincolnshire-cypsp-members.csv"
HEADERS = ["Name", "Agency", "Category", "Seat", "Votes", "Named substitute",
           "Substitute's agency", "Role", "Email", "Start date"]


@pytest.fixture
def lincs(engine) -> int:
    return presets.create_body_from_preset(engine, "lincolnshire-cypsp")


def members(engine, body_id) -> list[Membership]:
    with Session(engine) as session:
        return list(session.exec(select(Membership).where(Membership.body_id == body_id)))


def write_csv(path: Path, rows, headers=HEADERS, encoding="utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def test_both_bad_rows_are_reported_by_row_number_and_nothing_is_written(engine, lincs):
    seen = member_import.preview(engine, lincs, DATA)
    assert (seen.ready, seen.with_errors) == (28, 2)
    bad = {r.number: r.errors for r in seen.rows if r.errors}
    assert list(bad) == [20, 31]
    assert "own substitute" in bad[20][0]
    assert "no category “Fire and Rescue”" in bad[31][0]
    assert "Clinical Commissioning Groups" in bad[31][0]  # says which categories exist
    assert members(engine, lincs) == []


def test_confirming_writes_the_good_rows_exactly_as_typed(engine, lincs):
    assert member_import.import_members(engine, lincs,
                                        member_import.preview(engine, lincs, DATA)) == 28
    setup = body_setup.body_setup(engine, lincs)
    held = {s.name: s for s in setup.members if not s.vacant}
    assert len(held) == 28
    assert held["Rafael Quintero-Mills"].agency == "Young Futures & Co <Lincs>"
    assert "ليلى الحداد" in held
    assert held["Harriet Quill"].named_substitute == "Owen Bracewell"
    assert held["Harriet Quill"].start_date == date(2026, 4, 1)
    assert held["Kwabena Ashworth"].label == "Primary head teacher"
    assert not held["Winifred Castellane"].voting  # the observer (002 §4.1)
    # Importing the same file again adds nothing and still lists the two bad rows.
    again = member_import.preview(engine, lincs, DATA)
    assert (again.ready, again.with_errors, again.unchanged) == (0, 2, 28)


def test_export_round_trips_through_csv_and_xlsx_with_formula_text_as_typed(
        engine, lincs, tmp_path):
    rows = [["=HYPERLINK(\"http://x\")", "+Agency", "Schools", "Primary head teacher", "",
             "@sub", "", "-role", "a@b.c", "31/01/2026"]]
    member_import.import_members(engine, lincs, member_import.preview(
        engine, lincs, write_csv(tmp_path / "in.csv", rows)))
    for suffix in (".csv", ".xlsx"):
        out = member_list.export_members(engine, lincs, tmp_path / f"out{suffix}")
        if suffix == ".csv":
            first = next(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()[1:]))
            assert first[0].startswith("'=HYPERLINK")  # neutralised, as the other exports
        back = member_import.preview(engine, lincs, out)
        assert (back.unchanged, back.with_errors) == (1, 0)
        assert back.sheet[0].cells["Name"] == "=HYPERLINK(\"http://x\")"
        assert back.sheet[0].cells["Named substitute"] == "@sub"
        assert member_list.parse_date(back.sheet[0].cells["Start date"]) == date(2026, 1, 31)


def test_xlsx_with_date_cells_imports(engine, lincs, tmp_path):
    book = Workbook()
    book.active.append(["NAME", " agency ", "category", "Start date"])
    book.active.append(["Nell Ashby", "Lincolnshire Police", "police", date(2026, 5, 4)])
    book.active.append(["Nell Ashby", "Lincolnshire Police", "Schools", None])
    book.save(tmp_path / "list.xlsx")
    seen = member_import.preview(engine, lincs, tmp_path / "list.xlsx")
    assert seen.rows[0].ready and seen.rows[0].category == "Lincolnshire Police"
    assert "also on row 2" in seen.rows[1].errors[0]
    member_import.import_members(engine, lincs, seen)
    assert [m.start_date for m in members(engine, lincs)] == [date(2026, 5, 4)]
    assert load_workbook(tmp_path / "list.xlsx")  # the clerk's own file is left as it was


def test_cp1252_from_old_excel_and_semicolons_are_read(engine, lincs, tmp_path):
    path = tmp_path / "old.csv"
    path.write_bytes("Name;Category\nRenée Æsir;Schools\n".encode("cp1252"))
    assert member_import.preview(engine, lincs, path).rows[0].name == "Renée Æsir"


@pytest.mark.parametrize(("row", "words"), [
    (["", "", "Schools"], "No name"),
    (["A" * 501, "", "Schools"], "at most 500 are kept"),
    (["Ann Lee", "", "Nowhere"], "no category “Nowhere”"),
    (["Ann Lee", "", "Schools", "Head of maths"], "Schools has no seat “Head of maths”"),
    (["Ann Lee", "", "Lincolnshire Police", "", "maybe"], "neither Yes nor No"),
    (["Ann Lee", "", "Lincolnshire Police", "", "", "", "", "", "", "31/02/2026"],
     "“31/02/2026” is not a date"),
])
def test_each_bad_value_is_said_in_words(engine, lincs, tmp_path, row, words):
    seen = member_import.preview(engine, lincs, write_csv(tmp_path / "x.csv", [row]))
    assert words in " ".join(seen.rows[0].errors)


def test_a_full_category_and_a_taken_seat_are_refused(engine, lincs, tmp_path):
    rows = [[f"Officer {n}", "Lincolnshire Police", "Lincolnshire Police"] for n in (1, 2)]
    rows += [["Kai Moss", "", "Schools", "School Forum"], ["Ola Moss", "", "Schools",
                                                           "school forum"]]
    seen = member_import.preview(engine, lincs, write_csv(tmp_path / "x.csv", rows))
    assert [bool(r.errors) for r in seen.rows] == [False, True, False, True]
    assert "All 1 seat(s) in Lincolnshire Police are taken" in seen.rows[1].errors[0]
    assert "already held, by row 4" in seen.rows[3].errors[0]


def test_a_500_character_name_is_stored_whole(engine, lincs, tmp_path):
    name = "Ä" * 500
    seen = member_import.preview(engine, lincs,
                                 write_csv(tmp_path / "x.csv", [[name, "", "Schools"]]))
    member_import.import_members(engine, lincs, seen)
    with Session(engine) as session:
        assert session.exec(select(Person).where(Person.name == name)).one()


def test_a_file_without_headings_says_which_columns_are_expected(engine, lincs, tmp_path):
    path = write_csv(tmp_path / "x.csv", [["Ann Lee", "Schools"]], headers=["Who", "Where"])
    with pytest.raises(ClerkError, match="no Name or Category column.*Named substitute"):
        member_import.preview(engine, lincs, path)


def test_a_record_changed_since_the_preview_writes_nothing(engine, lincs, tmp_path):
    path = write_csv(tmp_path / "x.csv", [["Ann Lee", "Kent Police", "Lincolnshire Police"]])
    seen = member_import.preview(engine, lincs, path)
    member_import.import_members(engine, lincs, member_import.preview(engine, lincs, path))
    with pytest.raises(ClerkError, match="changed since this preview"):
        member_import.import_members(engine, lincs, seen)
    assert len(members(engine, lincs)) == 1

"""The membership list as clerks keep it in a spreadsheet: one row per member, read from
CSV or XLSX and written back in the same columns (docs/membership-spreadsheet.md).

Headers are in the first row and matched ignoring case and spacing; the columns may come
in any order and other columns are left alone. Only Name and Category are required.
A cell that our own exports neutralised against formula injection (a leading apostrophe
before ``=``, ``+``, ``-`` or ``@``, export/spreadsheets.py) reads back as the text
that was typed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.tables import Category, Person
from clerk_app.export.spreadsheets import Table, is_formula_like, write_csv, write_xlsx
from clerk_app.rules.limits import excerpt
from clerk_app.rules.roster import seat_votes
from clerk_app.rules.vocabulary import SeatKind
from clerk_app.services.errors import ClerkError
from clerk_app.services.membership import active_memberships
from clerk_app.services.organisations import folded, name_of

# The columns, in the order an export writes them, with the other headings clerks use.
COLUMNS: dict[str, tuple[str, ...]] = {
    "Name": ("member", "member name"),
    "Agency": ("organisation", "organization"),
    "Category": ("seat category",),
    "Seat": ("seat label",),
    "Votes": ("voting", "vote"),
    "Named substitute": ("substitute", "deputy", "named deputy"),
    "Substitute's agency": ("substitute agency", "substitute’s agency", "deputy's agency"),
    "Role": ("role title", "job title"),
    "Email": ("e-mail", "email address"),
    "Start date": ("member since", "start"),
}
REQUIRED = ("Name", "Category")
SUFFIXES = (".csv", ".xlsx")

Cell = str | date | None


@dataclass(frozen=True)
class SheetRow:
    """One row below the headers, by column name, with the row number a spreadsheet shows."""

    number: int
    cells: dict[str, Cell]

    def text(self, column: str) -> str:
        value = self.cells.get(column)
        return value if isinstance(value, str) else ""


def _column_of(header: str) -> str | None:
    key = folded(header)
    for column, others in COLUMNS.items():
        if key == folded(column) or key in {folded(o) for o in others}:
            return column
    return None


def _from_neutralised(text: str) -> str:
    """Our exports write a formula-like text as ``'=…``: read it back as typed."""
    return text[1:] if text.startswith("'") and is_formula_like(text[1:]) else text


def _cell(value: object) -> Cell:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = _from_neutralised(str(value))
    return text if text.strip() else None


def sheet_rows(grid: list[list[object]]) -> list[SheetRow]:
    """The rows of a sheet by column; refused when the first row names no known columns."""
    headers = [str(h) if h is not None else "" for h in (grid[0] if grid else [])]
    columns = [_column_of(h) for h in headers]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ClerkError(
            "The first row of the file should hold the column headings, and it has no "
            f"{' or '.join(missing)} column. The columns read are: "
            f"{', '.join(COLUMNS)} (only Name and Category are required)."
        )
    rows = []
    for number, values in enumerate(grid[1:], start=2):
        cells = {c: _cell(v) for c, v in zip(columns, values, strict=False) if c is not None}
        if any(v is not None for v in cells.values()):
            rows.append(SheetRow(number, cells))
    return rows


def _decoded(data: bytes) -> str:
    """UTF-8 (with or without the mark Excel puts first), else Windows-1252: what older
    Excel saves as "CSV", and which any byte sequence decodes as."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_grid(data: bytes) -> list[list[object]]:
    text = _decoded(data)
    first = text.split("\n", 1)[0]
    # Excel in much of Europe separates with semicolons; a tab-separated save is common too.
    delimiter = max(",;\t", key=first.count) if first else ","
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _xlsx_grid(path: Path) -> list[list[object]]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_sheet(path: Path | str) -> list[SheetRow]:
    """The rows of a membership list saved as CSV or XLSX."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise ClerkError(f"{path.name} is not a CSV or XLSX file: save the list as one "
                         "from the spreadsheet (File › Save as) and choose that.")
    try:
        grid = _xlsx_grid(path) if path.suffix.lower() == ".xlsx" else _csv_grid(
            path.read_bytes())
    except OSError as error:
        raise ClerkError(f"{path.name} could not be read ({error.strerror or error}).") from error
    except (KeyError, ValueError, csv.Error) as error:  # openpyxl: not a workbook
        raise ClerkError(f"{path.name} could not be read as a spreadsheet: save it again "
                         "as CSV or XLSX and choose that.") from error
    return sheet_rows(grid)


# --- Reading the cells ----------------------------------------------------------------

_NUMERIC = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_date(value: Cell) -> date | None:
    """A date typed as 31/01/2026 (day first, as in the UK) or 2026-01-31, or a date cell.
    Raises ValueError with what to type instead."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    try:
        if match := _NUMERIC.fullmatch(text):
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"Start date “{excerpt(text, 80)}” is not a date: write it as 31/01/2026 "
                         "or 2026-01-31.") from None


def parse_votes(value: str) -> bool | None:
    """Yes or No; blank leaves it to the category. Raises ValueError otherwise."""
    key = folded(value)
    if not key:
        return None
    if key in {"yes", "y", "true", "voting"}:
        return True
    if key in {"no", "n", "false", "non-voting", "not voting", SeatKind.OBSERVER}:
        return False
    raise ValueError(f"Votes “{excerpt(value, 80)}” is neither Yes nor No: write Yes, No, or "
                     "leave it blank for the category to decide.")


# --- Export ---------------------------------------------------------------------------


def member_table(engine: Engine, body_id: int, on: date | None = None) -> Table:
    """The body's current members in the import's columns, seat by seat."""
    with Session(engine) as session:
        categories = {c.id: c for c in session.exec(
            select(Category).where(Category.body_id == body_id))}
        members = sorted(active_memberships(session, body_id, on),
                         key=lambda m: (categories[m.category_id].position, m.id))
        rows = []
        for m in members:
            person = session.get(Person, m.person_id)
            cat = categories[m.category_id]
            sub = session.get(Person, m.named_substitute_id) if m.named_substitute_id else None
            rows.append([
                person.name, name_of(session, person.agency_id), cat.name, m.seat_label,
                "Yes" if seat_votes(m.voting, cat.voting) else "No",
                sub.name if sub else "", name_of(session, sub.agency_id) if sub else "",
                person.role_title, person.email, m.start_date])
    return Table("Members", tuple(COLUMNS), rows)


def export_members(engine: Engine, body_id: int, path: Path | str) -> Path:
    """Write the members list as XLSX or, for any other name, CSV."""
    path = Path(path)
    table = member_table(engine, body_id)
    try:
        if path.suffix.lower() == ".xlsx":
            return write_xlsx(path, [table])
        return write_csv(path if path.suffix.lower() == ".csv" else path.with_suffix(".csv"),
                         table)
    except OSError as error:
        raise ClerkError(f"The members list could not be saved in {path.parent}: "
                         f"{error.strerror or error}. Choose another folder.") from error

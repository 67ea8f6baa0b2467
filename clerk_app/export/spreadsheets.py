"""CSV and XLSX files that a spreadsheet opens safely, readable by their owner only.

Formula injection (OWASP, "CSV Injection"): a cell whose text begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return may be run as a formula by Excel, LibreOffice or
Google Sheets. A member's name or an interest typed as ``=HYPERLINK(...)`` must never do
that on the clerk's laptop or a recipient's.

- CSV has no types, so such a cell is written with a leading apostrophe, as OWASP
  advises: the spreadsheet shows ``'=1+1`` as text and evaluates nothing.
- XLSX has types: such a cell is written as a string cell with the "quote prefix" style,
  which is exactly what a spreadsheet stores when someone types an apostrophe before the
  text. It shows the text as typed (``=1+1``) and is never evaluated, not even after the
  cell is edited.

Only text is neutralised; numbers and dates we write ourselves stay numbers and dates.
Files are written by `export.files.write_private_file`: readable by the owner only
(exports carry personal data and declared interests), and never half written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from clerk_app.export.files import write_private_file
from clerk_app.export.year_data import InterestsRegister, MembershipList
from clerk_app.export.year_data import YearReport as AttendanceReport
from clerk_app.export.year_words import status_words
from clerk_app.rules.vocabulary import YearMeetingState

# The first characters a spreadsheet may read as the start of a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_TEXT = 32767  # the most characters a spreadsheet cell holds

Cell = str | int | float | Fraction | date | None


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """The CSV form of a text cell: an apostrophe first when it could start a formula."""
    return "'" + text if is_formula_like(text) else text


@dataclass(frozen=True)
class Table:
    """One sheet: a title (the XLSX sheet name), headers and rows of plain values.

    A Fraction is a rate (written "75%" in CSV, a percentage cell in XLSX).
    """

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[int] = field(default=())  # XLSX column widths in characters


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Fraction):
        return f"{round(float(value) * 100)}%"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()  # unambiguous, and every spreadsheet reads it as a date
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def csv_bytes(table: Table) -> bytes:
    """The table as CSV, UTF-8 with a byte-order mark so that Excel reads accents right."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_csv_text(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([_csv_text(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(path: Path | str, table: Table) -> Path:
    return write_private_file(path, csv_bytes(table))


def _put(sheet, row: int, column: int, value: Cell) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, Fraction):
        cell.value = float(value)
        cell.number_format = "0%"
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = "d mmm yyyy hh:mm"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "d mmm yyyy"
    elif isinstance(value, str):
        # Control characters cannot be stored in XLSX at all; show where one was.
        text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        if len(text) > XLSX_MAX_TEXT:
            more = f" … ({len(text)} characters in the record)"
            text = text[: XLSX_MAX_TEXT - len(more)] + more
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever the text begins with
        if is_formula_like(text):
            cell.quotePrefix = True
    else:
        cell.value = value


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title))
        for column, header in enumerate(table.headers, start=1):
            _put(sheet, 1, column, header)
            sheet.cell(row=1, column=column).font = bold
        for row_number, row in enumerate(table.rows, start=2):
            for column, value in enumerate(row, start=1):
                _put(sheet, row_number, column, value)
                if isinstance(value, str) and len(value) > 60:
                    sheet.cell(row=row_number, column=column).alignment = Alignment(
                        wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        for column, width in enumerate(table.widths or _widths(table), start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(path: Path | str, tables: Sequence[Table]) -> Path:
    return write_private_file(path, xlsx_bytes(tables))


def _sheet_title(title: str) -> str:
    # XLSX sheet names: at most 31 characters, none of []:*?/\ .
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in title)
    return cleaned[:31] or "Sheet"


def _widths(table: Table) -> list[int]:
    widths = []
    for column, header in enumerate(table.headers):
        longest = max([len(str(header))] + [len(_csv_text(r[column])) for r in table.rows
                                            if column < len(r)])
        widths.append(min(max(longest + 2, 8), 60))
    return widths


# --- The clerk's year as tables -------------------------------------------------------


def attendance_tables(report: AttendanceReport) -> list[Table]:
    """The year's attendance (DOMAIN.md §7), and each member's mark at each meeting."""
    summary = Table(
        f"Attendance {report.label}",
        ("Member", "Agency", "Seat", "Meetings held", "In person", "Remotely", "By substitute",
         "Apologies", "Absent", "Rate", "Threshold", "Standing", "Deputies used",
         "Deputy limit a year"),
        [(m.name, m.agency, m.category, m.stats.held, m.stats.present, m.stats.remote,
          m.stats.substitute,
          m.stats.apologies, m.stats.absent, m.stats.rate,
          Fraction(str(report.threshold.fraction)), status_words(m), m.deputies_used,
          "No limit" if m.deputy_limit is None else m.deputy_limit)
         for m in report.members],
    )
    held = [m for m in report.meetings if m.state is YearMeetingState.HELD]
    grid = []
    for member in report.members:
        marks = {mark.meeting_date: mark.mark.label for mark in member.marks}
        grid.append([member.name] + [marks.get(m.date, "Not a member") for m in held])
    by_meeting = Table("By meeting", ["Member"] + [f"{m.date.day} {m.date:%b %Y}" for m in held],
                       grid, widths=[30] + [13] * len(held))
    return [summary, by_meeting]


def interests_tables(register: InterestsRegister) -> list[Table]:
    """The register of interests and, beside it, the declarations made at meetings."""
    registered = Table(
        "Registered interests",
        ("Member", "Agency", "Seat", "Interest", "Kind", "From", "Until"),
        [(m.name, m.agency, m.seat, i.description, i.kind_words, i.from_date, i.to_date)
         for m in register.members for i in m.interests],
    )
    declared = Table(
        "Declarations at meetings",
        ("Member", "Meeting", "Item", "Interest declared", "Kind", "Effect",
         "Dispensation note"),
        [(d.name, d.meeting_date, d.item_words, d.description, d.kind_words, d.effect_words,
          d.dispensation_note) for d in register.declarations],
    )
    return [registered, declared]


def interests_csv_table(register: InterestsRegister) -> Table:
    """Both halves of the register in one CSV, told apart by the "Entry" column."""
    rows: list[list[Cell]] = []
    for m in register.members:
        rows += [[m.name, m.agency, "Registered interest", i.description, i.kind_words,
                  i.from_date, i.to_date, None, "", ""] for i in m.interests]
        rows += [[m.name, m.agency, "Declared at a meeting", d.description, d.kind_words,
                  None, None, d.meeting_date, d.item_words, d.effect_words]
                 for d in m.declarations]
    return Table("Register of interests",
                 ("Member", "Agency", "Entry", "Interest", "Kind", "From", "Until", "Meeting",
                  "Item", "Effect"), rows)


def membership_table(members: MembershipList) -> Table:
    """Seats with their holders and substitutes, vacancies as rows, offices and terms."""
    offices = {o.holder: f"{o.office} ({o.term_words})" for o in members.offices if o.holder}
    rows: list[list[Cell]] = [
        [s.category, s.seat_label, s.holder or "Vacancy", s.agency,
         "Yes" if s.voting else "No", "Yes" if s.core else "No", s.substitute,
         offices.get(s.holder, "") if s.holder else "", s.since, s.agreement_signed_on]
        for s in members.seats]
    rows += [["Office", o.office, "Not filled", "", "", "", "", o.office, None, None]
             for o in members.offices if not o.holder]
    return Table(f"Membership {members.as_of:%Y-%m-%d}",
                 ("Category", "Seat", "Member", "Agency", "Voting", "Core member",
                  "Named substitute", "Office and term", "Member since", "Agreement signed"),
                 rows)

"""The signing-in sheet for a meeting (DOMAIN.md §9): the paper passed round the table,
and the one the clerk types the register from when a meeting is entered afterwards.

Body and meeting, date, time and venue at the top; the members in seat order, each with
their agency, a space to sign and, under each, a line for a substitute attending in
their place; the officers expected in attendance; blank lines for anyone else. Every
piece of typed text goes through `fonts.markup`, so a name such as ``<b>x</b>`` is
printed as typed, never obeyed; a very long name wraps and its row runs onto the next
page rather than being cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from io import BytesIO
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer, TableStyle
from reportlab.platypus import Paragraph as P

from clerk_app.export.files import write_private_file
from clerk_app.export.fonts import SANS, SANS_BOLD, markup, register_fonts
from clerk_app.export.minutes_pdf import (
    PageTable,
    _numbered_canvas,  # the footer every print has
)

MARGIN = 16 * mm
WIDTH = A4[0] - 2 * MARGIN
HEIGHT = A4[1] - 2 * MARGIN - 4 * mm  # the footer's line sits a little higher
RULE = colors.HexColor("#9e9e9e")
GREY = colors.HexColor("#555555")
SHADE = colors.HexColor("#eeeeee")
BLANK_LINES = 6  # for visitors and officers not expected
LONG_TEXT = 600  # characters: beyond this a row may be taller than a page


@dataclass(frozen=True)
class SheetMember:
    name: str
    agency: str
    seat: str  # the category, with the seat label if the seat has one
    named_substitute: str = ""
    apologies: bool = False


@dataclass(frozen=True)
class SheetOfficer:
    name: str
    agency: str
    role: str


@dataclass(frozen=True)
class SigningSheet:
    body_name: str
    title: str
    day: date
    start: time | None
    venue: str
    members: tuple[SheetMember, ...]
    officers: tuple[SheetOfficer, ...]


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=SANS, fontSize=10, leading=13)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=SANS_BOLD, fontSize=16,
                                leading=20, spaceAfter=2),
        "body": ParagraphStyle("bodyname", parent=base, fontName=SANS_BOLD, fontSize=12,
                               leading=15, spaceAfter=2),
        "line": ParagraphStyle("line", parent=base, spaceAfter=1),
        "note": ParagraphStyle("note", parent=base, fontSize=8.5, leading=11,
                               textColor=GREY),
        "section": ParagraphStyle("section", parent=base, fontName=SANS_BOLD, fontSize=11.5,
                                  leading=15, spaceBefore=8, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12),
        "name": ParagraphStyle("name", parent=base, fontName=SANS_BOLD, fontSize=10,
                               leading=12.5),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11,
                                textColor=GREY),
        "head": ParagraphStyle("head", parent=base, fontName=SANS_BOLD, fontSize=9,
                               leading=11),
    }


def _when(sheet: SigningSheet) -> str:
    when = f"{sheet.day:%A} {sheet.day.day} {sheet.day:%B %Y}"
    return when + (f", {sheet.start:%H:%M}" if sheet.start else "")


class _SheetTable(PageTable):
    page_room = HEIGHT


def _table(rows: list[list], widths: tuple[float, ...], extra: list,
           longest: int) -> PageTable:
    # A row is kept whole on its page (a member with their substitute's line); only a
    # name too long for any page lets rows split, or the sheet could not be drawn.
    table = _SheetTable(rows, colWidths=[w * WIDTH for w in widths], repeatRows=1,
                        splitInRow=1 if longest > LONG_TEXT else 0, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), SANS),  # else reportlab names Helvetica, unused
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 1), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 12),  # room to sign by hand
        *extra,
    ]))
    return table


def _members(sheet: SigningSheet, s: dict[str, ParagraphStyle]) -> list:
    rows: list[list] = [[P("Member and agency", s["head"]), P("Seat", s["head"]),
                         P("Signature", s["head"]), P("Arrived", s["head"]),
                         P("Left", s["head"])]]
    extra: list = []
    for member in sheet.members:
        who = [P(markup(member.name, bold=True), s["name"])]
        if member.agency:
            who.append(P(markup(member.agency), s["cell"]))
        if member.apologies:
            who.append(P("Apologies received", s["small"]))
        rows.append([who, P(markup(member.seat), s["cell"]), "", "", ""])
        hint = (f" (named substitute: {markup(member.named_substitute)})"
                if member.named_substitute else "")
        rows.append([P(f"Substitute attending instead — print name{hint}:", s["small"]),
                     "", "", "", ""])
        n = len(rows) - 1
        extra += [("SPAN", (0, n), (1, n)), ("NOSPLIT", (0, n - 1), (-1, n)),
                  ("TOPPADDING", (0, n), (-1, n), 2), ("BOTTOMPADDING", (0, n), (-1, n), 16)]
    return [P("Members", s["section"]),
            _table(rows, (0.35, 0.19, 0.24, 0.11, 0.11), extra, max(
                (len(m.name + m.agency + m.seat + m.named_substitute) for m in sheet.members),
                default=0))]


def _others(sheet: SigningSheet, s: dict[str, ParagraphStyle]) -> list:
    head = [P("Name", s["head"]), P("Agency and role", s["head"]), P("Signature", s["head"]),
            P("Arrived", s["head"]), P("Left", s["head"])]
    rows: list[list] = [head]
    for officer in sheet.officers:
        role = ", ".join(part for part in (officer.agency, officer.role) if part)
        rows.append([P(markup(officer.name, bold=True), s["name"]),
                     P(markup(role), s["cell"]), "", "", ""])
    rows += [["", "", "", "", ""] for _ in range(BLANK_LINES)]
    extra = [("BOTTOMPADDING", (0, len(rows) - BLANK_LINES), (-1, -1), 20)]
    return [P("Officers and others in attendance", s["section"]),
            P("Officers expected are listed; anyone else attending, please print your name "
              "and agency on a blank line and sign.", s["note"]),
            Spacer(0, 3), _table(rows, (0.3, 0.24, 0.24, 0.11, 0.11), extra, max(
                (len(o.name + o.agency + o.role) for o in sheet.officers), default=0))]


def signing_sheet_pdf(sheet: SigningSheet) -> bytes:
    """The sheet as PDF bytes, A4 portrait."""
    register_fonts()
    s = _styles()
    story = [P("Signing-in sheet", s["title"]), P(markup(sheet.body_name), s["body"])]
    if sheet.title and sheet.title != sheet.body_name:
        story.append(P(markup(sheet.title), s["line"]))
    story += [P(markup(_when(sheet)), s["line"]),
              P(markup(sheet.venue or "Venue not set"), s["line"]),
              Spacer(0, 2),
              P("Please sign beside your name. If you attend in place of a member, print "
                "your name on the line under theirs and sign there.", s["note"]),
              *_members(sheet, s), *_others(sheet, s)]
    out = BytesIO()
    template = BaseDocTemplate(
        out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm, title=f"Signing-in sheet — {sheet.body_name}",
        author="", creator="clerk-app", invariant=1, initialFontName=SANS)
    frame = Frame(MARGIN, MARGIN + 4 * mm, WIDTH, HEIGHT, id="text",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    template.build(story, canvasmaker=_numbered_canvas(
        sheet.body_name, f" — signing-in sheet, {sheet.day.day} {sheet.day:%b %Y}"))
    return out.getvalue()


def write_signing_sheet(path: Path | str, sheet: SigningSheet) -> Path:
    return write_private_file(path, signing_sheet_pdf(sheet))

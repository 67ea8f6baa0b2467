"""Every PDF the application writes, as a reader sees it: a table's header at the top of
each page it runs onto and nowhere else, and only the fonts it uses, embedded (a font
left to the reader's machine prints differently, or not at all, elsewhere)."""

from __future__ import annotations

from datetime import date, time
from io import BytesIO
from pathlib import Path

import pypdf

from clerk_app.export.registers_pdf import (
    annual_report_pdf,
    interests_register_pdf,
    membership_list_pdf,
)
from clerk_app.export.signing_sheet import signing_sheet_pdf
from clerk_app.services import decisions, meetings, minutes, register
from clerk_app.services.interests import interests_register
from clerk_app.services.meetings import ItemSpec
from clerk_app.services.reports import annual_report, membership_list
from clerk_app.services.signing_sheet import signing_sheet
from tests.conftest import at

HEADER = "Presented by"  # the agenda table's third column
STANDARD_14 = {"Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Helvetica",
               "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Courier",
               "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Symbol",
               "ZapfDingbats"}


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(BytesIO(data)).pages]


def _agenda(kent, description: str) -> bytes:
    meeting_id = meetings.create_meeting(
        kent.engine, kent.body_id, date(2026, 5, 5), time(10, 0), "Sessions House",
        [ItemSpec("Early help plan", presenter="Joanna Fairweather", papers="Report A",
                  description=description),
         ItemSpec("Budget monitoring", presenter="Finance lead", papers="Report B")])
    return minutes.render_agenda(kent.engine, meeting_id, "pdf")


def test_a_row_longer_than_a_page_runs_on_under_one_header_per_page(kent):
    data = _agenda(kent, " ".join(f"point{n}" for n in range(1, 1000)))
    pages = _pages(data)
    assert len(pages) >= 2
    # Before the fix page 1 drew the header twice: above the short items, then again
    # above the long one, which reportlab split in the space left on the same page.
    assert [page.count(HEADER) for page in pages] == [1] * len(pages)
    # The long row starts on page 1, right under the items before it, and runs on.
    assert "point1 " in pages[0] and "point999" not in pages[0]
    assert "Budget monitoring" in pages[-1]


def test_a_row_that_fits_a_page_moves_whole_under_the_header_on_the_next(kent):
    # Too long for the space left on page 1, short enough for a page of its own.
    data = _agenda(kent, " ".join(f"point{n}" for n in range(1, 240)))
    pages = _pages(data)
    assert len(pages) == 2
    assert [page.count(HEADER) for page in pages] == [1, 1]
    assert "Declarations of interest" in pages[0]
    assert "point1 " not in pages[0]  # not split: the whole row is on page 2
    assert "Early help plan" in pages[1] and "point239" in pages[1]


def _fonts(data: bytes) -> dict[str, dict]:
    """Every font resource of every page (and of the forms it draws), by its base name."""
    found: dict[str, dict] = {}

    def visit(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
        for xobject in (resources.get("/XObject") or {}).values():
            visit(xobject.get_object().get("/Resources"))

    for page in pypdf.PdfReader(BytesIO(data)).pages:
        visit(page.get("/Resources"))
    return found


def _embedded(font) -> bool:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else {}
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _held_meeting(kent) -> int:
    meeting_id = kent.meeting(date(2026, 9, 15), items=(ItemSpec("Early help plan"),))
    for n, key in enumerate(["chair", "police", "yos", "health", "district", "vcs"]):
        register.arrive(kent.engine, meeting_id, kent.ids[key], at(9, 50 + n))
    meetings.open_meeting(kent.engine, meeting_id, at(10, 0))
    meetings.start_item(kent.engine, meeting_id, kent.items[4], at(10, 1))
    decisions.record_decision(kent.engine, kent.items[4], "consensus", "the plan be approved",
                              at=at(10, 10))
    meetings.close_meeting(kent.engine, meeting_id, at(11, 0))
    return meeting_id


def _every_pdf(kent, tmp_path: Path) -> dict[str, bytes]:
    agenda = _agenda(kent, " ".join(f"point{n}" for n in range(1, 1000)))
    held = _held_meeting(kent)
    paths = {
        "membership list": membership_list_pdf(tmp_path / "members.pdf",
                                               membership_list(kent.engine, kent.body_id)),
        "interests register": interests_register_pdf(
            tmp_path / "interests.pdf", interests_register(kent.engine, kent.body_id)),
        "annual report": annual_report_pdf(
            tmp_path / "annual.pdf",
            annual_report(kent.engine, kent.body_id, 2026, date(2026, 11, 23))),
    }
    return {"minutes": minutes.render_minutes(kent.engine, held, "pdf"), "agenda": agenda,
            "signing-in sheet": signing_sheet_pdf(signing_sheet(kent.engine, held)),
            **{name: Path(path).read_bytes() for name, path in paths.items()}}


def test_every_pdf_embeds_every_font_it_names_and_no_standard_one(kent, tmp_path):
    for name, data in _every_pdf(kent, tmp_path).items():
        fonts = _fonts(data)
        assert fonts, name
        for base, font in fonts.items():
            assert base.lstrip("/") not in STANDARD_14, f"{name} names {base}"
            assert _embedded(font), f"{name}: {base} is not embedded"
        # The raw file too: no font object anywhere (used or not) left to the reader.
        assert b"/Helvetica" not in data, name


def test_text_in_chinese_embeds_its_fallback_font_too(kent):
    fonts = _fonts(_agenda(kent, "漢字 の 名前"))
    assert any("MicroHei" in base for base in fonts), sorted(fonts)
    assert all(_embedded(font) for font in fonts.values())

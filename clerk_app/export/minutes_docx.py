"""A `Document` (minutes, agenda) as a Word file the clerk can polish: real headings,
bulleted lists and tables, the marking in the page header, "Page x of y" in the footer.

Word lays out Arabic, Hebrew and CJK text itself, so the text goes in as typed, in
reading order; only characters that an XML file cannot hold are replaced (fonts.printable).
"""

from __future__ import annotations

from io import BytesIO

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from clerk_app.export import document as d
from clerk_app.export.fonts import printable

MARK_RED = RGBColor(0xB3, 0x26, 0x1E)
GREY = RGBColor(0x55, 0x55, 0x55)
# Word's own heading blues are about 4:1 on white; this navy is over 12:1 (4.5:1 needed).
HEADING_COLOUR = RGBColor(0x1F, 0x38, 0x64)
HEADING_LEVEL = {1: 1, 2: 2, 3: 3}


def _add_runs(paragraph, runs: d.Line, size: float | None = None, colour=None) -> None:
    for r in runs:
        run = paragraph.add_run(printable(r.text))
        run.bold = r.bold or None
        run.italic = r.italic or None
        if size:
            run.font.size = Pt(size)
        if colour is not None:
            run.font.color.rgb = colour


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the pages out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_furniture(docx, doc: d.Document) -> None:
    section = docx.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    if doc.marking:
        head = section.header.paragraphs[0]
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_runs(head, d.line(d.bold(doc.marking)), 10, MARK_RED)
    foot = section.footer.paragraphs[0]
    foot.paragraph_format.tab_stops.add_tab_stop(Mm(170), WD_TAB_ALIGNMENT.RIGHT)
    _add_runs(foot, d.line(doc.footer + doc.footer_note, "\tPage "), 8.5, GREY)
    _field(foot, "PAGE")
    _add_runs(foot, d.line(" of "), 8.5, GREY)
    _field(foot, "NUMPAGES")


def _table(docx, block: d.Table) -> None:
    table = docx.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.paragraphs[0].add_run(printable(text)).bold = True
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.paragraphs[0].add_run(printable(text))
    for column, width in zip(table.columns, block.widths, strict=True):
        column.width = Mm(170 * width)  # the grid, which LibreOffice reads
        for cell in column.cells:
            cell.width = Mm(170 * width)
    # The header row repeats on each page the table runs onto.
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)


def _styles(docx) -> None:
    """UK English for the spelling checker and screen readers; headings dark enough to
    read (WCAG 1.4.3)."""
    docx.styles["Normal"].font.size = Pt(10.5)
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    lang.set(qn("w:val"), d.LANGUAGE)
    for level in HEADING_LEVEL.values():
        docx.styles[f"Heading {level}"].font.color.rgb = HEADING_COLOUR


def render_docx(doc: d.Document) -> bytes:
    """The document as the bytes of a .docx file."""
    docx = new_docx()
    _styles(docx)
    props = docx.core_properties
    props.title = printable(doc.title)
    props.subject = printable(doc.subject)
    props.language = d.LANGUAGE
    props.author = printable(doc.author)
    props.last_modified_by = ""
    props.comments = ""
    _page_furniture(docx, doc)
    for block in doc.blocks:
        if isinstance(block, d.Heading):
            heading = docx.add_heading(level=HEADING_LEVEL.get(block.level, 3))
            _add_runs(heading, d.line(block.text))
        elif isinstance(block, d.Paragraph):
            paragraph = docx.add_paragraph()
            if block.style == "note":
                _add_runs(paragraph, block.runs, 9, GREY)
            else:
                _add_runs(paragraph, block.runs)
        elif isinstance(block, d.Lines):
            for runs in block.lines:
                _add_runs(docx.add_paragraph(style="List Bullet"), runs)
        elif isinstance(block, d.Table):
            _table(docx, block)
            docx.add_paragraph()
        elif isinstance(block, d.PageBreak):
            docx.add_page_break()
    out = BytesIO()
    docx.save(out)
    return out.getvalue()

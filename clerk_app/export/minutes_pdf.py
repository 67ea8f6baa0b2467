"""A `Document` (minutes, agenda) as a PDF: A4, the fonts embedded, "Page x of y" and the
body's name at the foot of every page, the DRAFT or CONFIDENTIAL marking at the head.

Every piece of text goes through `fonts.markup`, which escapes it: a name such as
`<font color=red>x</font>` is printed as those characters, never obeyed.
"""

from __future__ import annotations

from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph as RLParagraph

from clerk_app.export import document as d
from clerk_app.export.document import LANGUAGE
from clerk_app.export.fonts import SANS, SANS_BOLD, fit, markup, register_fonts

MARGIN = 20 * mm
TEXT_WIDTH = A4[0] - 2 * MARGIN
TEXT_HEIGHT = A4[1] - 2 * MARGIN
MARK_RED = colors.HexColor("#b3261e")
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#9e9e9e")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=SANS, fontSize=10, leading=14, spaceAfter=5)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=SANS_BOLD, fontSize=16,
                                leading=20, spaceAfter=4),
        "section": ParagraphStyle("section", parent=base, fontName=SANS_BOLD, fontSize=11.5,
                                  leading=15, spaceBefore=9, spaceAfter=3, keepWithNext=1),
        "item": ParagraphStyle("item", parent=base, fontName=SANS_BOLD, fontSize=11,
                               leading=15, spaceBefore=10, spaceAfter=3, keepWithNext=1),
        "body": base,
        "note": ParagraphStyle("note", parent=base, fontSize=9, leading=12, textColor=GREY),
        "line": ParagraphStyle("line", parent=base, spaceAfter=1, leftIndent=4 * mm),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12, spaceAfter=0),
        "head": ParagraphStyle("head", parent=base, fontName=SANS_BOLD, fontSize=9,
                               leading=12, spaceAfter=0),
    }


def _runs(runs: d.Line) -> str:
    return "".join(markup(r.text, bold=r.bold, italic=r.italic) for r in runs)


def _flowables(doc: d.Document, styles: dict[str, ParagraphStyle]) -> list:
    out: list = []
    for block in doc.blocks:
        if isinstance(block, d.Heading):
            style = {1: "title", 2: "section"}.get(block.level, "item")
            out.append(RLParagraph(markup(block.text), styles[style]))
        elif isinstance(block, d.Paragraph):
            out.append(RLParagraph(_runs(block.runs), styles[block.style]))
        elif isinstance(block, d.Lines):
            out.extend(RLParagraph(_runs(r), styles["line"]) for r in block.lines)
            out.append(Spacer(0, 4))
        elif isinstance(block, d.Table):
            out += [_table(block, styles), Spacer(0, 8)]
        elif isinstance(block, d.PageBreak):
            out.append(RLPageBreak())
    return out


class PageTable(Table):
    """A table whose header row repeats only at the top of a page.

    reportlab splits a table between rows, then places the rest, header repeated, in
    the space left on the same page, where the next row is split inside itself under a
    second header. Here a row that fits a page (`page_room`, the frame's height) moves
    whole to the next page; only a row taller than a page is split, where it starts.
    """

    page_room = TEXT_HEIGHT

    def split(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        self._calc(availWidth, availHeight)
        heights = self._rowHeights
        first_over = self._getFirstPossibleSplitRowPosition(availHeight)
        if not self.splitInRow or first_over >= len(heights):
            return super().split(availWidth, availHeight)
        header = sum(heights[:self.repeatRows])
        if header + heights[first_over] > self.page_room:
            # Split inside the row here; with too little room even for that, the rows
            # before it stay and the rest starts the next page.
            return (self._splitRows(availHeight, doInRowSplit=1)
                    or self._splitRows(availHeight, doInRowSplit=0))
        parts = self._splitRows(availHeight, doInRowSplit=0)
        if parts or availHeight < self.page_room - 1:
            return parts  # [] moves the rest to the next page
        # A whole page and rows kept together still too tall for it: split inside a row.
        return super().split(availWidth, availHeight)


def _table(block: d.Table, styles: dict[str, ParagraphStyle]) -> Table:
    data = [[RLParagraph(markup(h), styles["head"]) for h in block.header]]
    data += [[RLParagraph(markup(c), styles["cell"]) for c in row] for row in block.rows]
    table = PageTable(data, colWidths=[w * TEXT_WIDTH for w in block.widths], repeatRows=1,
                      splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), SANS),  # else reportlab names Helvetica, unused
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _numbered_canvas(footer: str, note: str):
    """A canvas that knows the page count when it writes each page's footer."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            page = f"Page {self._pageNumber} of {total}"
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, 14 * mm, A4[0] - MARGIN, 14 * mm)
            self.setFont(SANS, 8.5)
            self.setFillColor(GREY)
            self.drawRightString(A4[0] - MARGIN, 9 * mm, page)
            room = TEXT_WIDTH - self.stringWidth(page, SANS, 8.5) - 8 * mm
            lead = fit(footer, SANS, 8.5, room - self.stringWidth(note, SANS, 8.5))
            label = RLParagraph(markup(lead + note),
                                ParagraphStyle("foot", fontName=SANS, fontSize=8.5,
                                               leading=10, textColor=GREY))
            label.wrapOn(self, room, 12 * mm)
            label.drawOn(self, MARGIN, 9 * mm - 1)
            self.restoreState()

    return NumberedCanvas


def _on_page(doc: d.Document):
    """The marking and watermark, drawn under the page's text before it is set."""

    def draw(canvas, _template) -> None:
        canvas.saveState()
        if doc.watermark:
            canvas.setFillColor(colors.Color(0.93, 0.93, 0.93))
            canvas.setFont(SANS_BOLD, 110)
            canvas.translate(A4[0] / 2, A4[1] / 2)
            canvas.rotate(50)
            canvas.drawCentredString(0, -40, doc.watermark)
            canvas.rotate(-50)
            canvas.translate(-A4[0] / 2, -A4[1] / 2)
        if doc.marking:
            canvas.setFillColor(MARK_RED)
            canvas.setFont(SANS_BOLD, 10)
            canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, doc.marking)
            canvas.setStrokeColor(MARK_RED)
            canvas.setLineWidth(0.8)
            canvas.line(MARGIN, A4[1] - 14 * mm, A4[0] - MARGIN, A4[1] - 14 * mm)
        canvas.restoreState()

    return draw


def render_pdf(doc: d.Document) -> bytes:
    """The document as PDF bytes; the same document always gives the same bytes."""
    register_fonts()
    out = BytesIO()
    template = BaseDocTemplate(
        out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=doc.title, subject=doc.subject, author=doc.author,
        creator="clerk-app", invariant=1, initialFontName=SANS,  # not Helvetica, unused
        lang=LANGUAGE,
    )
    frame = Frame(MARGIN, MARGIN, TEXT_WIDTH, TEXT_HEIGHT, id="text",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                            onPage=_on_page(doc))])
    template.build(_flowables(doc, _styles()), canvasmaker=_numbered_canvas(doc.footer,
                                                                          doc.footer_note))
    return out.getvalue()

"""A document as plain blocks: what the minutes and the agenda say, not how they look.

The wording is decided once (export/minutes_text.py) as a `Document`; the PDF and Word
renderers draw the same blocks, so both formats always say the same thing. Every string
here is plain text exactly as typed: the renderers, not the wording, deal with markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of text in one weight."""

    text: str
    bold: bool = False
    italic: bool = False


Line = tuple[Run, ...]


def line(*parts: str | Run) -> Line:
    """A line from strings (plain) and runs (bold or italic), dropping empty parts."""
    return tuple(p if isinstance(p, Run) else Run(p) for p in parts if p)


def bold(text: str) -> Run:
    return Run(text, bold=True)


def italic(text: str) -> Run:
    return Run(text, italic=True)


@dataclass(frozen=True)
class Heading:
    """Its level in the document's outline: 1, the title (one per document); 2, a
    section or a minute item (Present, 4. Early help plan, Action list); 3, under a
    section (an item in the confidential annex)."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; a newline in a run is a line break, kept as typed."""

    runs: Line
    style: str = "body"  # body | note (smaller, grey: presenters, papers, remarks)


@dataclass(frozen=True)
class Lines:
    """Short lines set close together: the names under Present, Apologies, a vote's For."""

    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; widths are fractions of the text width."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Lines | Table | PageBreak


@dataclass(frozen=True)
class Document:
    """Everything a renderer needs.

    Attributes:
        title: the file's title (document properties).
        footer: said at the foot of every page, left, with "Page x of y" on the right:
            the body's name (cut short with an ellipsis if the line is too long) followed
            by `footer_note` (never cut: which document, which meeting).
        marking: said at the head of every page ("DRAFT …", "CONFIDENTIAL …"); empty for
            none.
        watermark: a large word across every page ("DRAFT"); empty for none.
        author: the document's author in its properties: the body whose document it is.
    """

    title: str
    footer: str
    blocks: tuple[Block, ...]
    footer_note: str = ""
    marking: str = ""
    watermark: str = ""
    subject: str = field(default="")
    author: str = ""


# The documents' language, in their properties and for a spelling checker: UK English.
LANGUAGE = "en-GB"

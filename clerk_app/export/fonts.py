"""Text as typed, set in real glyphs: the embedded fonts and the one place that turns
plain text into reportlab paragraph markup.

Nothing a clerk typed is ever read as markup: every run of text is escaped here, and
only this module writes the few tags (font changes, line breaks) that the PDF needs.

Three things reportlab does not do for us:
- **Fallback**: DejaVu Sans covers European scripts, Arabic and Hebrew; a character it
  lacks (Chinese, Japanese, Korean) is set in WenQuanYi Micro Hei, run by run.
- **Arabic joining**: letters take their initial, medial and final forms
  (arabic-reshaper), so a name is written, not spelled out in isolated letters.
- **Right-to-left order**: reportlab draws left to right; a run of Arabic or Hebrew is
  put into visual order here (for a left-to-right paragraph, the only kind the minutes
  have). PDF text extractors put it back into reading order.

Limits: the right-to-left runs are ordered before lines are broken, so a right-to-left
phrase that wraps onto a second line reads its lines in the wrong order; vowel marks
are kept but positioned by the font alone.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

import arabic_reshaper
from arabic_reshaper.ligatures import LETTERS_LIGATURES, SENTENCES_LIGATURES, WORDS_LIGATURES
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from clerk_app import paths

SANS = "ClerkSans"
SANS_BOLD = "ClerkSans-Bold"
FALLBACK = "ClerkCJK"


@cache
def register_fonts() -> None:
    """Register the embedded fonts with reportlab (once per process)."""
    pdfmetrics.registerFont(TTFont(SANS, str(paths.resource("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(SANS_BOLD,
                                   str(paths.resource("fonts", "DejaVuSans-Bold.ttf"))))
    # <b> inside a paragraph picks the bold face of the family.
    for bold_flag, italic_flag, name in ((0, 0, SANS), (1, 0, SANS_BOLD), (0, 1, SANS),
                                         (1, 1, SANS_BOLD)):
        addMapping(SANS, bold_flag, italic_flag, name)


@cache
def _fallback_registered() -> None:
    """The CJK font is 5 MB: loaded only for a document that needs it."""
    pdfmetrics.registerFont(TTFont(FALLBACK, str(paths.resource("fonts", "wqy-microhei.ttc")),
                                   subfontIndex=0))
    for bold_flag in (0, 1):
        for italic_flag in (0, 1):
            addMapping(FALLBACK, bold_flag, italic_flag, FALLBACK)


def _covers(font_name: str) -> dict[int, int]:
    return pdfmetrics.getFont(font_name).face.charToGlyph


@cache
def _fallback_chars() -> frozenset[int]:
    _fallback_registered()
    return frozenset(_covers(FALLBACK))


@cache
def _reshaper() -> arabic_reshaper.ArabicReshaper:
    """Arabic joining forms, limited to the ligatures DejaVu Sans has glyphs for."""
    register_fonts()
    cmap = _covers(SANS)
    config: dict[str, object] = {"delete_harakat": False, "support_ligatures": True}
    for name, (_letters, forms) in (*SENTENCES_LIGATURES, *WORDS_LIGATURES,
                                    *LETTERS_LIGATURES):
        config[name] = all(ord(f) in cmap for f in forms if f)
    return arabic_reshaper.ArabicReshaper(configuration=config)


# --- Right-to-left runs -----------------------------------------------------------------

_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))


def _kind(char: str) -> str:
    """R: right-to-left letter; L: left-to-right letter; D: digit; N: neutral."""
    kind = unicodedata.bidirectional(char)
    if kind in ("R", "AL"):
        return "R"
    if kind == "L":
        return "L"
    if kind in ("EN", "AN"):
        return "D"
    return "N"


def _clusters(text: str) -> list[str]:
    """Characters with their combining marks (a vowel mark stays on its letter)."""
    out: list[str] = []
    for char in text:
        if out and unicodedata.combining(char):
            out[-1] += char
        else:
            out.append(char)
    return out


def _reverse_run(clusters: list[str]) -> list[str]:
    """A right-to-left run in visual order: numbers keep their own order, brackets turn."""
    groups: list[list[str]] = []
    for c in clusters:
        if _kind(c[0]) == "D" and groups and _kind(groups[-1][-1][0]) == "D":
            groups[-1].append(c)
        else:
            groups.append([c])
    out: list[str] = []
    for group in reversed(groups):
        out.extend(_MIRROR.get(c, c) if len(c) == 1 else c for c in group)
    return out


def visual_order(text: str) -> str:
    """A left-to-right line with its right-to-left runs as they are to be drawn.

    A run starts and ends with a right-to-left letter and holds no left-to-right letter;
    spaces, punctuation and numbers inside it belong to it (Unicode's bidi algorithm
    for the common cases; see the module's limits).
    """
    if not any(_kind(c) == "R" for c in text):
        return text
    if any("\u0600" <= c <= "\u06ff" for c in text):
        text = _reshaper().reshape(text)
    clusters = _clusters(text)
    out: list[str] = []
    i = 0
    while i < len(clusters):
        if _kind(clusters[i][0]) != "R":
            out.append(clusters[i])
            i += 1
            continue
        end = i  # the last right-to-left letter before the next left-to-right one
        j = i
        while j < len(clusters) and _kind(clusters[j][0]) != "L":
            if _kind(clusters[j][0]) == "R":
                end = j
            j += 1
        # A closing bracket whose opening one is in the run belongs to it ("(משטרה)").
        run = clusters[i:end + 1]
        unclosed = sum(c in "([{<«‹" for c in run) - sum(c in ")]}>»›" for c in run)
        while unclosed > 0 and end + 1 < len(clusters) and clusters[end + 1] in ")]}>»›":
            end += 1
            unclosed -= 1
        out.extend(_reverse_run(clusters[i:end + 1]))
        i = end + 1
    return "".join(out)


# --- Markup -----------------------------------------------------------------------------


def printable(text: str) -> str:
    """Control characters (other than line breaks and tabs) cannot be drawn or stored in
    a Word file: each is shown as the replacement character instead of being dropped."""
    return "".join(
        c if c in "\n\t" or (unicodedata.category(c) not in ("Cc", "Cs")
                               and c not in "\ufffe\uffff") else "\ufffd"
        for c in text
    )


@dataclass(frozen=True)
class _Span:
    text: str
    fallback: bool


def _spans(text: str) -> list[_Span]:
    """Split text where the font must change; spaces stay with the run they are in."""
    register_fonts()
    main = _covers(SANS)
    spans: list[_Span] = []
    for char in text:
        code = ord(char)
        need = code not in main and not char.isspace()
        fallback = need and code in _fallback_chars()
        if spans and (spans[-1].fallback == fallback or char.isspace()):
            spans[-1] = _Span(spans[-1].text + char, spans[-1].fallback)
        else:
            spans.append(_Span(char, fallback))
    return spans


_PLAIN: set[str] = {"\n", "\t"}  # characters seen to need no fallback, reordering or repair


def _plain(char: str) -> bool:
    """A character the main font draws as it is: no fallback font, not right-to-left,
    not a combining mark, not a control character. Remembered once seen."""
    plain = (ord(char) in _covers(SANS) and _kind(char) != "R"
             and not unicodedata.combining(char)
             and unicodedata.category(char) not in ("Cc", "Cs"))
    if plain:
        _PLAIN.add(char)
    return plain


def markup(text: str, bold: bool = False, italic: bool = False) -> str:
    """reportlab paragraph markup for plain text, every character escaped."""
    register_fonts()
    chars = set(text)
    if chars <= _PLAIN or all(_plain(c) for c in chars - _PLAIN):
        # Most minutes are in the main font's own letters: no need to look closer (a
        # long meeting's minutes are thousands of pieces of text).
        lines = text.replace("\t", " ").split("\n")
        out = [escape(text_line) for text_line in lines]
    else:
        lines = [visual_order(part) for part in printable(text).replace("\t", " ").split("\n")]
        out = []
        for text_line in lines:
            pieces = []
            for span in _spans(text_line):
                piece = escape(span.text)
                pieces.append(f'<font name="{FALLBACK}">{piece}</font>' if span.fallback
                              else piece)
            out.append("".join(pieces))
    body = "<br/>".join(out)
    if italic:
        body = f"<i>{body}</i>"
    if bold:
        body = f"<b>{body}</b>"
    return body


def fit(text: str, font: str, size: float, width: float) -> str:
    """Plain text cut with an ellipsis to fit a width (a page footer is one line)."""
    text = printable(text).replace("\n", " ")
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[: max(0, len(text) - max(1, len(text) // 8))]
    return text + "…"

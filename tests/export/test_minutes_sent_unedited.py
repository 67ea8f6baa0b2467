"""Draft minutes a clerk sends with no editing (DOMAIN.md §4-§6, §9): each thing said
once and in the usual form, read back from the PDF and the Word file as a reader's
software sees them; the Word file in UK English with a true outline and readable
headings; the PDF with its title, author and language."""

from __future__ import annotations

import re
from collections import Counter
from io import BytesIO

import docx
import pypdf
import pytest

from clerk_app.rules.vocabulary import MinuteNumbering, SettingKey
from clerk_app.services import (
    constitution,
    decisions,
    demo,
    elections,
    meetings,
    minutes,
    register,
)
from tests.conftest import at
from tests.export.minutes_helpers import (
    docx_parts,
    flat,
    hold_kent_meeting,
    pdf_body,
    text_of,
)

FORMATS = ("pdf", "docx")
DRAFT_MARK = "DRAFT — NOT YET APPROVED"


def body_text(data: bytes, fmt: str) -> str:
    """The minutes' own text, without what every page repeats."""
    if fmt == "pdf":
        pages = pdf_body(data, DRAFT_MARK, "DRAFT")
        return flat("\n".join(line for line in pages.splitlines()
                              if " — minutes, " not in line))
    return flat(docx_parts(data)[0])


def repeated_sentences(text: str) -> list[str]:
    """Sentences said more than once ("None." under two headings is not a sentence)."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)]
    counts = Counter(s for s in sentences if s and s != "None.")
    return [s for s, n in counts.items() if n > 1]


@pytest.fixture
def demo_minutes(engine) -> dict[str, bytes]:
    demo.build_demo(engine)
    return {fmt: minutes.render_minutes(engine, 1, fmt) for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_demo_minutes_say_each_thing_once_in_the_usual_form(demo_minutes, fmt):
    text = body_text(demo_minutes[fmt], fmt)
    for sentence in (
        "Apologies were received from Dr Siân Pritchard (NHS Kent and Medway).",
        "Tomás Ó Briain (Kent Youth Trust) declared a pecuniary interest in item 5 (Youth "
        "service contract renewal): Trustee of Kent Youth Trust, a bidder for the contract.",
        "Having declared a pecuniary interest (minute 2), Tomás Ó Briain left the meeting "
        "for this item at 10:40.",
        "Three members of the public were present.",
        "Peter O'Neill (Maidstone Borough Council), left at 11:10",
        "Marcus Bell (Kent County Council), arrived at 10:20",
        "For 4, Against 4, Abstentions 2. The Chair, Helen Marsh, used the casting vote for "
        "the motion, which was carried.",
    ):
        assert sentence in text
    # Notice of arriving late is no apology; a declaration is told in full once.
    assert "arriving late" not in text
    assert text.count("Trustee of Kent Youth Trust") == 1
    assert "NOTED." not in text and "NOTED: Tomás" not in text
    assert ") (" not in text  # no double brackets
    assert repeated_sentences(text) == []


def hold_meeting(kent) -> int:
    """Declarations under item 2, one withdrawing and one with a dispensation (issue 19
    case 4); a substitute whose member arrives (case 7); an election; one member of the
    public, named; bare "noted" decisions on the standard items."""
    ids, m = kent.ids, kent.meeting(items=("Early help plan", "Election of the Chair"))
    for key in ("chair", "edu2", "police", "yos", "district", "vcs", "manager"):
        register.arrive(kent.engine, m, ids[key], at(9, 50))
    register.add_substitute(kent.engine, m, ids["health"], ids["health_deputy"], at(9, 55))
    meetings.set_public_count(kent.engine, m, 1, "Jo Bloggs")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[1], at(10, 0))
    decisions.record_decision(kent.engine, kent.items[1], "noted", at=at(10, 1))
    meetings.start_item(kent.engine, m, kent.items[2], at(10, 1))
    decisions.declare_interest(kent.engine, kent.items[4], ids["edu2"], "pecuniary",
                               "Director of a nursery bidding for the contract", at=at(10, 2))
    decisions.declare_interest(kent.engine, kent.items[5], ids["vcs"], "pecuniary",
                               "Trustee of a bidder", dispensation_by="the Monitoring Officer",
                               dispensation_note="1 September 2026", at=at(10, 2))
    decisions.record_decision(kent.engine, kent.items[2], "noted", at=at(10, 3))
    meetings.start_item(kent.engine, m, kent.items[3], at(10, 3))
    decisions.record_decision(kent.engine, kent.items[3], "consensus",
                              "the minutes of the last meeting be agreed", at=at(10, 4))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    register.arrive(kent.engine, m, ids["health"], at(10, 10))
    decisions.record_decision(kent.engine, kent.items[4], "consensus",
                              "the early help plan be approved", at=at(10, 15))
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 20))
    elections.record_election(kent.engine, kent.items[5], "Chair",
                              {"Helen Marsh": 5, "Daniel Okafor": 2},
                              did_not_vote_confirmed=True, at=at(10, 25))
    meetings.close_meeting(kent.engine, m, at(10, 30))
    return m


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_meeting_built_here_reads_as_a_clerk_writes_it(kent, fmt):
    text = body_text(minutes.render_minutes(kent.engine, hold_meeting(kent), fmt), fmt)
    for sentence in (
        # Issue 19 case 7: the member's arrival ends the substitution, and the list says when.
        "Zofia Łukasiewicz (NHS Kent and Medway), substitute for Siân Pritchard until 10:10, "
        "when Siân Pritchard arrived",
        "Siân Pritchard (NHS Kent and Medway), arrived at 10:10",
        "One member of the public was present: Jo Bloggs.",
        "There were no apologies.",
        "Zofia Łukasiewicz (NHS Kent and Medway) attended as substitute for Siân Pritchard "
        "until 10:10, when Siân Pritchard arrived.",
        "Grace Adebayo (Little Acorns Nursery) declared a pecuniary interest in item 4 (Early "
        "help plan): Director of a nursery bidding for the contract.",
        "Tomás Ó Briain (Kent Youth Trust) declared a pecuniary interest in item 5 (Election "
        "of the Chair): Trustee of a bidder. Tomás Ó Briain holds a dispensation granted by "
        "the Monitoring Officer (1 September 2026) to take part in that item.",
        "Having declared a pecuniary interest (minute 2), Grace Adebayo left the meeting for "
        "this item at 10:05.",
        # Issue 19 case 4: the item's own minute says the dispensation and that he stayed.
        "Having declared a pecuniary interest (minute 2), Tomás Ó Briain remained and took "
        "part in this item under a dispensation granted by the Monitoring Officer (1 "
        "September 2026).",
        "RESOLVED: that Helen Marsh be elected Chair.",
    ):
        assert sentence in text
    assert "Elected:" not in text
    assert "NOTED" not in text  # the standard items' own text says what was noted
    assert repeated_sentences(text) == []


def test_a_bare_noted_on_an_ordinary_item_is_a_sentence(kent):
    m = kent.meeting()
    for key in ("chair", "edu2", "police", "yos", "district", "vcs"):
        register.arrive(kent.engine, m, kent.ids[key], at(9, 50))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 0))
    decisions.record_decision(kent.engine, kent.items[4], "noted", at=at(10, 1))
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 2))
    decisions.record_decision(kent.engine, kent.items[5], "deferred", at=at(10, 3))
    text = text_of(minutes.render_minutes(kent.engine, m, "docx"), "docx")
    assert "4. Early help plan The item was noted." in text
    assert "5. Youth contract The item was deferred." in text
    assert "No members of the public were present." in text


def relative_luminance(rgb: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(rgb[i:i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def outline(document) -> list[tuple[int, str]]:
    """(level, text) of each heading; one title first, and no level skipped."""
    headings = [(int(p.style.name.removeprefix("Heading ")), p.text)
                for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [level for level, _text in headings].count(1) == 1 and headings[0][0] == 1
    for (before, _), (level, text) in zip(headings, headings[1:], strict=False):
        assert level <= before + 1, f"{text!r} skips a level"
    return headings


def test_the_word_file_is_uk_english_with_a_true_outline_and_readable_headings(demo_minutes):
    document = docx.Document(BytesIO(demo_minutes["docx"]))
    defaults = document.styles.element.find(docx.oxml.ns.qn("w:docDefaults"))
    lang = defaults.find(".//" + docx.oxml.ns.qn("w:lang"))
    assert lang.get(docx.oxml.ns.qn("w:val")) == "en-GB"
    assert document.core_properties.language == "en-GB"
    headings = outline(document)
    levels = dict((text, level) for level, text in headings)
    # Sections and items side by side: no item sits under "Members of the public".
    assert levels["Members of the public"] == levels["4. Early help commissioning plan 2026-27"] \
        == levels["Action list"] == 2
    for level in {level for level, _text in headings}:
        colour = document.styles[f"Heading {level}"].font.color
        assert colour.theme_color is None and colour.rgb is not None
        ratio = 1.05 / (relative_luminance(str(colour.rgb)) + 0.05)  # on white
        assert ratio >= 4.5, f"Heading {level}: {ratio:.1f}:1"


def test_the_pdf_carries_title_author_and_language(demo_minutes):
    reader = pypdf.PdfReader(BytesIO(demo_minutes["pdf"]))
    assert reader.metadata.title == (f"{demo.DEMO_NAME}: minutes of the meeting held on "
                                     "Tuesday 15 September 2026")
    assert reader.metadata.author == demo.DEMO_NAME
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    word = docx.Document(BytesIO(demo_minutes["docx"])).core_properties
    assert (word.title, word.author) == (reader.metadata.title, demo.DEMO_NAME)


@pytest.mark.parametrize("fmt", FORMATS)
def test_minutes_numbered_through_the_year_are_referred_to_by_that_number(engine, fmt):
    body_id = demo.build_demo(engine)
    constitution.change_setting(engine, body_id, SettingKey.MINUTE_NUMBERING,
                                MinuteNumbering.BY_YEAR)
    text = body_text(minutes.render_minutes(engine, 1, fmt), fmt)
    for words in ("2/26 Declarations of interest",
                  "declared a pecuniary interest in minute 5/26 (Youth service contract "
                  "renewal)",
                  "5/26 Youth service contract renewal",
                  "Having declared a pecuniary interest (minute 2/26), Tomás Ó Briain left the "
                  "meeting for this item at 10:40."):
        assert words in text
    assert "(minute 2)" not in text and "item 5" not in text


def test_a_declaration_made_under_another_item_is_told_in_full_at_its_own(kent):
    """Declared while item 3 was discussed, for item 5: item 2 did not hear it, so item 5
    tells it in full; one declared before the meeting opened is listed under item 2."""
    ids, m = kent.ids, kent.meeting()
    for key in ("chair", "edu2", "police", "yos", "district", "vcs"):
        register.arrive(kent.engine, m, ids[key], at(9, 50))
    decisions.declare_interest(kent.engine, kent.items[4], ids["district"], "non_pecuniary",
                               "Governor of a school in the plan", at=at(9, 55))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    for number, minute in ((1, 0), (2, 1), (3, 2)):
        meetings.start_item(kent.engine, m, kent.items[number], at(10, minute))
    decisions.declare_interest(kent.engine, kent.items[5], ids["vcs"], "pecuniary",
                               "Trustee of a bidder", at=at(10, 3))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 10))
    text = text_of(minutes.render_minutes(kent.engine, m, "docx"), "docx")
    assert ("2. Declarations of interest Peter O'Neill (Maidstone Borough Council) declared "
            "a non-pecuniary (personal) interest in item 4 (Early help plan): Governor of a "
            "school in the plan. 3.") in text
    assert ("Having declared a non-pecuniary (personal) interest (minute 2), Peter O'Neill "
            "remained and took part in this item.") in text
    assert ("Tomás Ó Briain declared a pecuniary interest: Trustee of a bidder. Tomás Ó "
            "Briain left the meeting for this item at 10:10.") in text
    assert text.count("Trustee of a bidder") == 1


def test_the_confidential_annex_items_sit_under_the_annex_in_the_outline(kent):
    held = hold_kent_meeting(kent)
    document = docx.Document(BytesIO(minutes.render_minutes(kent.engine, held.meeting_id,
                                                            "docx")))
    headings = outline(document)
    annex = headings.index((2, "Confidential annex — not for publication"))
    assert headings[annex + 1] == (3, "6. Staffing matter (exempt)")
    assert (2, "6. Staffing matter (exempt)") in headings[:annex]  # the public minute

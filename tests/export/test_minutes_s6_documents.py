"""Draft minutes and the agenda as PDF and Word (DOMAIN.md §5-§6): read back as text, the
documents say everything the record holds, in the usual order, and the public version
leaves out what the public were excluded from."""

from __future__ import annotations

import re
from datetime import date, time
from io import BytesIO

import docx
import pytest

from clerk_app.services import demo, meetings, minutes
from clerk_app.services.errors import ClerkError
from clerk_app.services.meetings import ItemSpec
from tests.export.minutes_helpers import (
    EXEMPT_REASON,
    INQUORATE_REASON,
    SECRET_ACTION,
    SECRET_NOTES,
    SECRET_RESOLUTION,
    docx_parts,
    flat,
    hold_kent_meeting,
    pdf_pages,
    text_of,
)

FORMATS = ("pdf", "docx")
SECRETS = ("SECRET-NOTE-77", "SECRET-RES-77", "SECRET-ACTION-77")


def in_order(text: str, *parts: str) -> None:
    """Each part appears, after the one before it."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing (or out of order) in: …{text[position:][:300]}"
        position = found + len(part)


@pytest.mark.parametrize("fmt", FORMATS)
def test_s6_demo_minutes_tell_the_whole_meeting_in_order(engine, fmt):
    demo.build_demo(engine)
    text = text_of(minutes.render_minutes(engine, 1, fmt), fmt)
    in_order(
        text,
        "Kent Local Children's Services Partnership Board",
        "Minutes of the meeting held on Tuesday 15 September 2026 at 10:00",
        "Venue: Council Chamber, Sessions House, Maidstone",
        "Present",
        "Helen Marsh (Oakfield Primary School), Chair",  # the Chair first
        "Inspector Daniel Okafor (Kent Police), Vice-Chair",
        "Peter O'Neill (Maidstone Borough Council), left at 11:10",
        "Marcus Bell (Kent County Council), arrived at 10:20",
        "Joanna Fairweather (Kent County Council), non-voting",
        "Zofia Łukasiewicz (NHS Kent and Medway), substitute for Dr Siân Pritchard",
        "In attendance",
        "Ellie Brookes (Kent County Council), Democratic Services Officer (clerk)",
        "Apologies", "Dr Siân Pritchard (NHS Kent and Medway), represented by Zofia Łukasiewicz",
        "Absent", "None.",
        "Members of the public", "Three members of the public were present.",
        "1. Apologies and substitutions",
        "Apologies were received from Dr Siân Pritchard (NHS Kent and Medway).",
        "2. Declarations of interest",
        "Tomás Ó Briain (Kent Youth Trust) declared a pecuniary interest in item 5 (Youth "
        "service contract renewal): Trustee of Kent Youth Trust, a bidder for the contract.",
        "3. Minutes of the previous meeting",
        "RESOLVED: that the minutes of the meeting held on 14 July 2026 be agreed as a "
        "correct record.",
        "4. Early help commissioning plan 2026-27",
        "Presented by Joanna Fairweather. Papers: Report A.",
        "Marcus Bell arrived at 10:20.",
        "The LCSP Manager presented the draft early help commissioning plan.",
        "Motion: that the early help commissioning plan 2026-27 be approved.",
        "For 4, Against 4, Abstentions 2. The Chair, Helen Marsh, used the casting vote for the "
        "motion, which was carried.",
        "RESOLVED: that the early help commissioning plan 2026-27 be approved.",
        "5. Youth service contract renewal",
        "Having declared a pecuniary interest (minute 2), Tomás Ó Briain left the meeting for "
        "this item at 10:40.",
        "RESOLVED: that the youth service contract be extended for twelve months.",
        "Tomás Ó Briain returned to the meeting at 11:02.",
        "ACTION: Circulate the revised contract specification (Marcus Bell, by Thursday 15 "
        "October 2026).",
        "6. Any other business",
        "Peter O'Neill left the meeting at 11:10.",
        "Action list",
        "The meeting closed at 11:20.",
        "Date of next meeting:",
    )


def test_s6_demo_pdf_says_draft_and_its_page_on_every_page(engine):
    demo.build_demo(engine)
    pages = [flat(p) for p in pdf_pages(minutes.render_minutes(engine, 1, "pdf"))]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "DRAFT — NOT YET APPROVED" in page
        assert f"Page {number} of {len(pages)}" in page
        # The body's name is cut short in the footer; the demonstration's mark leads it.
        assert re.search(r"Demonstration \(invented people\): Kent Local[^—]* — minutes, "
                         r"15 September 2026", page)


def test_s6_demo_action_list_is_a_table_of_action_owner_due(engine):
    demo.build_demo(engine)
    data = minutes.render_minutes(engine, 1, "docx")
    table = docx.Document(BytesIO(data)).tables[0]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows == [["Item", "Action", "Owner", "Due"],
                    ["5", "Circulate the revised contract specification", "Marcus Bell",
                     "15 October 2026"]]
    pdf = flat("\n".join(pdf_pages(minutes.render_minutes(engine, 1, "pdf"))))
    in_order(pdf, "Action list", "Item", "Action", "Owner", "Due", "5",
             "Circulate the revised contract specification", "Marcus Bell", "15 October 2026")


def test_s6_word_file_has_real_headings_lists_and_the_marking_in_the_header(engine):
    demo.build_demo(engine)
    document = docx.Document(BytesIO(minutes.render_minutes(engine, 1, "docx")))
    styles = {(p.style.name, p.text) for p in document.paragraphs}
    assert ("Heading 1", demo.DEMO_NAME) in styles
    assert ("Heading 2", "Present") in styles
    assert ("Heading 2", "4. Early help commissioning plan 2026-27") in styles
    assert ("List Bullet", "Helen Marsh (Oakfield Primary School), Chair") in styles
    _body, header, footer = docx_parts(minutes.render_minutes(engine, 1, "docx"))
    assert header == "DRAFT — NOT YET APPROVED"
    assert footer.startswith(f"{demo.DEMO_NAME} — minutes, 15 September 2026")
    assert "Page" in footer and "of" in footer
    fields = [f.get(f"{{{f.nsmap['w']}}}instr") for f in
              document.sections[0].footer._element.iter() if f.tag.endswith("fldSimple")]
    assert fields == ["PAGE", "NUMPAGES"]  # Word numbers the pages itself


@pytest.mark.parametrize("fmt", FORMATS)
def test_s3_s5_s6_a_meeting_built_here_gives_every_event_in_the_minutes(kent, fmt):
    held = hold_kent_meeting(kent)
    text = text_of(minutes.render_minutes(kent.engine, held.meeting_id, fmt), fmt)
    in_order(
        text,
        "Helen Marsh (Oakfield Primary School), Chair",
        "Daniel Okafor (Kent Police), Vice-Chair, left at 10:40",
        "Zofia Łukasiewicz (NHS Kent and Medway), substitute for Siân Pritchard",
        "Ellie Brookes (Kent County Council), Clerk",
        "Apologies", "Siân Pritchard (NHS Kent and Medway), represented by Zofia Łukasiewicz",
        "Absent", "Karen Whitlock (Kent County Council)",
        "Members of the public", "Two members of the public were present.",
        "Zofia Łukasiewicz (NHS Kent and Medway) attended as substitute for Siân Pritchard.",
        # Declared at the item itself, not under "Declarations of interest" (§9).
        "2. Declarations of interest", "None.",
        # A recorded vote: names under For, Against and Abstained (§5), the casting vote.
        "Motion: that the early help plan be approved.",
        "For 2, Against 2, Abstentions 3. The Chair, Helen Marsh, used the casting vote for the "
        "motion, which was carried.",
        "For: Helen Marsh, Grace Adebayo",
        "Against: Daniel Okafor, Marcus Bell",
        "Abstained: Peter O'Neill, Tomás Ó Briain, Zofia Łukasiewicz",
        "Not entitled to vote: Joanna Fairweather",
        "RESOLVED: that the early help plan be approved.",
        "5. Youth contract",
        "Tomás Ó Briain declared a pecuniary interest: Trustee of a bidder. Tomás Ó Briain "
        "left the meeting for this item at 10:31.",
        "Daniel Okafor left the meeting at 10:40.",
        "Marcus Bell left the meeting at 10:45.",
        "The meeting became inquorate at 10:45",  # 000 §10.4: four of seven groups
        "RESOLVED: that the youth contract be extended for six months.",
        "This was decided while the meeting was inquorate",
        f"The meeting proceeded because: {INQUORATE_REASON}.",
        "Marcus Bell returned to the meeting at 10:50.",
        "The meeting became quorate again at 10:50",
        "Tomás Ó Briain returned to the meeting at 10:52.",
        "6. Staffing matter (exempt)",
        "Action list", "Publish the approved plan", "Joanna Fairweather", "1 October 2026",
        "The meeting closed at 11:20.",
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_s6_public_version_gives_the_exempt_item_only_its_title_and_reason(kent, fmt):
    held = hold_kent_meeting(kent)
    public = text_of(minutes.render_minutes(kent.engine, held.meeting_id, fmt, "public"), fmt)
    in_order(public, "6. Staffing matter (exempt)",
             "The public and press were excluded for this item.", f"Reason: {EXEMPT_REASON}.",
             "The minute of this item is in the confidential annex")
    for secret in (*SECRETS, "Report C", "Write to the post holder"):
        assert secret not in public
    assert "Publish the approved plan" in public  # the open business is all there
    assert "Confidential annex" not in public


@pytest.mark.parametrize("fmt", FORMATS)
def test_s6_confidential_annex_holds_the_exempt_item_and_nothing_else(kent, fmt):
    held = hold_kent_meeting(kent)
    annex = text_of(minutes.render_minutes(kent.engine, held.meeting_id, fmt,
                                           "confidential"), fmt)
    in_order(annex, "CONFIDENTIAL — NOT FOR PUBLICATION — DRAFT",
             "Confidential annex to the minutes",
             "6. Staffing matter (exempt)", "Presented by Joanna Fairweather",
             SECRET_NOTES, f"RESOLVED: that {SECRET_RESOLUTION}.", SECRET_ACTION)
    assert "Early help plan" not in annex and "Publish the approved plan" not in annex


def test_s6_every_page_of_the_annex_is_marked_confidential(kent):
    held = hold_kent_meeting(kent)
    full = [flat(p) for p in pdf_pages(minutes.render_minutes(kent.engine, held.meeting_id,
                                                              "pdf"))]
    annex_pages = [p for p in full if "Confidential annex — not for publication" in p]
    assert annex_pages and "SECRET-NOTE-77" in annex_pages[0]
    assert all("CONTAINS A CONFIDENTIAL ANNEX" in p for p in full)
    assert not any("SECRET" in p for p in full[: full.index(annex_pages[0])])


def test_s6_no_annex_for_a_meeting_without_exempt_items(engine):
    demo.build_demo(engine)
    with pytest.raises(ClerkError, match="no exempt items"):
        minutes.render_minutes(engine, 1, "pdf", "confidential")


def test_s6_no_minutes_before_the_meeting_is_held(engine):
    demo.build_demo(engine)
    with pytest.raises(ClerkError, match="not been opened"):
        minutes.render_minutes(engine, 2, "pdf")


@pytest.mark.parametrize("fmt", FORMATS)
def test_s6_agenda_lists_items_presenters_papers_exempt_marks_and_dispatch(kent, fmt):
    meeting_id = meetings.create_meeting(
        kent.engine, kent.body_id, date(2026, 5, 5), time(10, 0), "Sessions House",
        [ItemSpec("Early help plan", presenter="Joanna Fairweather", papers="Report A"),
         ItemSpec("Staffing matter", exempt=True, exempt_reason=EXEMPT_REASON,
                  papers="Report B")])
    text = text_of(minutes.render_agenda(kent.engine, meeting_id, fmt), fmt)
    in_order(
        text,
        "Kent Local Children's Services Partnership Board",
        "Agenda for the meeting on Tuesday 5 May 2026 at 10:00",
        "Venue: Sessions House",
        # 002 §6.2, seven working days, the bank holiday on 4 May not counted (DOMAIN §6).
        "Papers to be sent to members by Thursday 23 April 2026.",
        "1", "Apologies and substitutions", "2", "Declarations of interest",
        "3", "Minutes of the previous meeting",
        "4", "Early help plan", "Joanna Fairweather", "Report A",
        "5", "Staffing matter",
        f"EXEMPT: the public are likely to be excluded for this item. Reason: {EXEMPT_REASON}.",
        "Report B",
    )


def test_s6_same_record_same_pdf(engine):
    """The preview shows the very file that is saved: rendering is deterministic."""
    demo.build_demo(engine)
    assert minutes.render_minutes(engine, 1, "pdf") == minutes.render_minutes(engine, 1, "pdf")


def test_s6_unknown_format_is_refused(engine):
    demo.build_demo(engine)
    with pytest.raises(ClerkError, match="pdf or docx"):
        minutes.render_minutes(engine, 1, "odt")


def test_s6_pdf_embeds_its_fonts(engine):
    demo.build_demo(engine)
    data = minutes.render_minutes(engine, 1, "pdf")
    assert re.search(rb"/FontFile2", data)  # TrueType embedded (as a subset)
    assert re.search(rb"/BaseFont /[A-Z]{6}\+DejaVuSans", data)

"""Reading generated minutes back as text, and a Kent LCSP meeting with everything in it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from io import BytesIO

import docx
import pypdf

from clerk_app.services import actions, decisions, meetings, register
from clerk_app.services.meetings import ItemSpec
from tests.bodies import body_from_preset
from tests.conftest import at

SECRET_NOTES = "The post holder's contract ends in March (SECRET-NOTE-77)."
SECRET_RESOLUTION = "the recommendation in the confidential report be agreed (SECRET-RES-77)"
SECRET_ACTION = "Write to the post holder (SECRET-ACTION-77)"
EXEMPT_REASON = "Information relating to an individual (LGA 1972 Sch 12A para 1)"
INQUORATE_REASON = "The contract expires on 30 September and cannot wait"


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text as a PDF reader extracts it, compatibility forms folded (NFKC:
    Arabic is drawn in its joined presentation forms)."""
    reader = pypdf.PdfReader(BytesIO(data))
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]


def pdf_body(data: bytes, *furniture: str) -> str:
    """The PDF's text without what every page repeats (marking, watermark, footer), so
    text running from one page onto the next reads as one."""
    kept = []
    for page in pdf_pages(data):
        for text_line in page.splitlines():
            stripped = text_line.strip()
            if stripped in furniture or re.fullmatch(r"Page \d+ of \d+", stripped):
                continue
            kept.append(text_line)
    return "\n".join(kept)


def docx_parts(data: bytes) -> tuple[str, str, str]:
    """(body, headers, footers) of a Word file: paragraphs and table cells in order."""
    document = docx.Document(BytesIO(data))
    body = []
    for block in document.iter_inner_content():  # paragraphs and tables, in order
        if isinstance(block, docx.table.Table):
            body += [" | ".join(cell.text for cell in row.cells) for row in block.rows]
        else:
            body.append(block.text)
    section = document.sections[0]
    headers = "\n".join(p.text for p in section.header.paragraphs)
    footers = "\n".join(p.text for p in section.footer.paragraphs)
    return "\n".join(body), headers, footers


def flat(text: str) -> str:
    """Whitespace (a line wrapped on the page) read as one space."""
    return " ".join(text.split())


def text_of(data: bytes, fmt: str) -> str:
    if fmt == "pdf":
        return flat("\n".join(pdf_pages(data)))
    body, headers, footers = docx_parts(data)
    return flat("\n".join([headers, body, footers]))


@dataclass
class Held:
    meeting_id: int
    items: dict[int, int]


def hold_kent_meeting(kent, day: date | None = None) -> Held:
    """A Kent LCSP meeting (000) with everything the minutes must tell.

    Siân Pritchard sends apologies and her named substitute sits; Karen Whitlock is
    absent; Tomás Ó Briain declares a pecuniary interest on item 5 and withdraws
    (Kent's default, settings.declaration_effects), then returns; Daniel Okafor and
    Marcus Bell leave so that only four of the seven quorum groups remain (000 §10.4:
    five needed) and the item is resolved inquorate with a reason; Marcus Bell comes
    back; a recorded vote on item 4 ties and the Chair's casting vote carries it
    (000 §11.3); item 6 is exempt.
    """
    ids = kent.ids
    items = ("Early help plan", "Youth contract",
             ItemSpec("Staffing matter", exempt=True, exempt_reason=EXEMPT_REASON,
                      presenter="Joanna Fairweather", papers="Report C (exempt)"))
    meeting_id = kent.meeting(day=day, items=items) if day else kent.meeting(items=items)
    item = kent.items
    d = day or date(2026, 9, 15)

    def t(h, m):
        return at(h, m, day=d)

    for key in ("chair", "edu2", "police", "yos", "district", "vcs", "manager"):
        register.arrive(kent.engine, meeting_id, ids[key], t(9, 50))
    register.add_substitute(kent.engine, meeting_id, ids["health"], ids["health_deputy"],
                            t(9, 55))
    register.add_in_attendance(kent.engine, meeting_id, "Ellie Brookes", "Kent County Council",
                               role_note="Clerk", at=t(9, 45))
    meetings.set_public_count(kent.engine, meeting_id, 2)
    meetings.open_meeting(kent.engine, meeting_id, t(10, 0))

    meetings.start_item(kent.engine, meeting_id, item[1], t(10, 0))
    decisions.record_decision(kent.engine, item[1], "noted", at=t(10, 1))
    meetings.start_item(kent.engine, meeting_id, item[2], t(10, 1))
    decisions.record_decision(kent.engine, item[2], "noted", at=t(10, 2))
    meetings.start_item(kent.engine, meeting_id, item[3], t(10, 2))
    decisions.record_decision(kent.engine, item[3], "consensus",
                              "the minutes of the last meeting be agreed", at=t(10, 3))

    meetings.start_item(kent.engine, meeting_id, item[4], t(10, 5))
    meetings.set_item_notes(kent.engine, item[4], "Members discussed the plan.")
    positions = {ids["chair"]: "for", ids["edu2"]: "for", ids["police"]: "against",
                 ids["yos"]: "against", ids["health_deputy"]: "abstained",
                 ids["district"]: "abstained", ids["vcs"]: "abstained"}
    decisions.record_vote(kent.engine, item[4], "the early help plan be approved",
                          positions=positions, casting="for", at=t(10, 15))
    actions.add_action(kent.engine, meeting_id, "Publish the approved plan",
                         "Joanna Fairweather", date(2026, 10, 1), item[4])

    meetings.start_item(kent.engine, meeting_id, item[5], t(10, 30))
    decisions.declare_interest(kent.engine, item[5], ids["vcs"], "pecuniary",
                               "Trustee of a bidder", at=t(10, 31))
    register.leave(kent.engine, meeting_id, ids["police"], t(10, 40))
    register.leave(kent.engine, meeting_id, ids["yos"], t(10, 45))
    decisions.record_decision(kent.engine, item[5], "consensus",
                              "the youth contract be extended for six months",
                              inquorate_reason=INQUORATE_REASON, at=t(10, 47))
    register.arrive(kent.engine, meeting_id, ids["yos"], t(10, 50))
    register.return_to_item(kent.engine, meeting_id, ids["vcs"], item[5], t(10, 52))

    meetings.start_item(kent.engine, meeting_id, item[6], t(11, 0), public_excluded=True)
    meetings.set_item_notes(kent.engine, item[6], SECRET_NOTES)
    decisions.record_decision(kent.engine, item[6], "consensus", SECRET_RESOLUTION,
                              at=t(11, 10))
    actions.add_action(kent.engine, meeting_id, SECRET_ACTION, "Helen Marsh",
                         date(2026, 9, 30), item[6])
    meetings.close_meeting(kent.engine, meeting_id, t(11, 20))
    return Held(meeting_id, dict(item))


def start_next_meeting(kent, day: date) -> Held:
    """The following meeting, opened and quorate, at its "Minutes of the previous
    meeting" item."""
    meeting_id = kent.meeting(day=day, items=("Any other business",))
    for key in ("chair", "edu2", "police", "yos", "district", "vcs"):
        register.arrive(kent.engine, meeting_id, kent.ids[key], at(9, 55, day=day))
    meetings.open_meeting(kent.engine, meeting_id, at(10, 0, day=day))
    meetings.start_item(kent.engine, meeting_id, kent.items[3], at(10, 5, day=day))
    return Held(meeting_id, dict(kent.items))



def build_large_meeting(engine) -> int:
    """A long meeting of Lincolnshire CYPSP (002 §4.1, 30 seats): 60 people (every seat
    filled, 30 officers in attendance), 40 items, 30 votes by show of hands."""
    from datetime import time as clock_time

    from sqlmodel import Session, select

    from clerk_app.db.tables import Category
    from clerk_app.rules.voting import Tally
    from clerk_app.services import membership

    day = date(2026, 9, 15)
    body = body_from_preset(engine, "lincolnshire-cypsp")
    with Session(engine) as session:
        seats = [(c.key, c.seats) for c in session.exec(
            select(Category).where(Category.body_id == body).order_by(Category.position))]
    members = []
    for key, count in seats:
        for n in range(count):
            person = membership.add_person(engine, f"Member {len(members) + 1} ({key} {n + 1})",
                                           f"Agency {len(members) + 1}")
            membership.add_member(engine, body, person, key, start_date=date(2026, 4, 1))
            members.append(person)
    meeting_id = meetings.create_meeting(
        engine, body, day, clock_time(10, 0), "County Offices, Lincoln",
        [ItemSpec(f"Business item {n}", presenter=f"Officer {n}", papers=f"Report {n}")
         for n in range(1, 38)])
    items = [i.item_id for i in meetings.meeting_summary(engine, meeting_id).items]
    for person in members:
        register.arrive(engine, meeting_id, person, at(9, 50, day=day))
    for n in range(30):
        register.add_in_attendance(engine, meeting_id, f"Officer {n + 1}", "Lincolnshire CC",
                                   role_note="Adviser", at=at(9, 55, day=day))
    meetings.open_meeting(engine, meeting_id, at(10, 0, day=day))
    for n, item in enumerate(items):
        when = at(10 + n // 12, (n % 12) * 5, day=day)
        meetings.start_item(engine, meeting_id, item, when)
        meetings.set_item_notes(engine, item, f"The board discussed item {n + 1} at length. "
                                "Members asked about costs, timescales and risks. " * 3)
        if n >= 10:
            decisions.record_vote(engine, item, f"recommendation {n + 1} be agreed",
                                  Tally(15, 10, 3), at=when, did_not_vote_confirmed=True)
        else:
            decisions.record_decision(engine, item, "noted", at=when)
    meetings.close_meeting(engine, meeting_id, at(13, 30, day=day))
    return meeting_id

"""Every character as typed (issue: minutes): names, notes and titles with markup, entities,
accents, Welsh, Polish and Irish letters, Arabic, Hebrew, Chinese, Japanese and Korean
reach the PDF and the Word file literally — never obeyed as markup, never dropped."""

from __future__ import annotations

from datetime import date, time

import pytest

from clerk_app.export.fonts import markup, visual_order
from clerk_app.rules.voting import Tally
from clerk_app.services import actions, decisions, meetings, membership, minutes, register
from clerk_app.services.meetings import ItemSpec
from tests.bodies import body_from_preset
from tests.conftest import at
from tests.export.minutes_helpers import flat, pdf_body, text_of

LONG_NAME = ("Łukasiewicz-Ó-Briain-ap-Ŵyn-" * 20)[:500]

TYPED = {
    "body": "Board <b>of</b> A&B",
    "venue": '<a href="x">Council Chamber</a>',
    "public names": "<i>Ann</i> & Bob",
    "item title": "<font color=red>x</font> plan",
    "presenter": "Dr <i>Who</i> & co",
    "papers": "Report A&B <br/> appendix",
    "exempt title": "Exempt & <secret> matter",
    "exempt reason": "&lt;para 1&gt; &amp; 3",
    "notes": "Line one <b>not bold</b>\nLine two & <more>",
    "apologies note": "Ill — <unwell>",
    "attendee": "O'Brien <script>alert(1)</script>",
    "attendee agency": "A&E <Dept>",
    "attendee role": "Finance <officer>",
    "declaration": "Director of <Acme & Co>",
    "dispensation by": "Monitoring Officer <MO>",
    "dispensation note": "Granted 1/4 & valid",
    "decision": "the <plan> be agreed & published",
    "motion": 'the "budget" <amendment> be approved',
    "action": "Write to <council> & partners",
    "action owner": "J. Smith <js@example.org>",
    "correction": "Item 4: read “<para>” for “&para;”",
    "chair": "Siân ap Ŵyn Ŷr",
    "arabic member": "محمد عبد الله",
    "hebrew member": "שרה כהן",
    "chinese member": "王小明",
    "japanese member": "山田太郎",
    "korean member": "김민준",
    "polish substitute": "Zofia Łukasiewicz",
    "irish member": "Tomás Ó Briain",
}


def typed_meeting(engine) -> int:
    """A Kent LCSP body and meeting with the hostile text in every field the minutes
    print."""
    body = body_from_preset(engine, "kent-lcsp", name=TYPED["body"])
    people = {}
    for key, category, agency in (
        ("chair", "education", "Ysgol <Gymraeg>"),
        ("arabic member", "education", "جمعية الخير"),
        ("hebrew member", "police", "משטרה"),
        ("chinese member", "youth_offending_youth_service", "青少年服务"),
        ("japanese member", "district_council", "区役所"),
        ("korean member", "voluntary_community", "청소년 재단"),
        ("irish member", "children_social_services", "Cúram Leanaí"),
    ):
        people[key] = membership.add_person(engine, TYPED[key], agency)
        membership.add_member(engine, body, people[key], category, start_date=date(2026, 4, 1))
    substitute = membership.add_person(engine, TYPED["polish substitute"], "NHS <Kent> & Medway")
    people["long"] = membership.add_person(engine, LONG_NAME, "NHS <Kent> & Medway")
    membership.add_member(engine, body, people["long"], "health", named_substitute_id=substitute,
                          start_date=date(2026, 4, 1))
    membership.appoint_office(engine, body, "chair", people["chair"], start_date=date(2026, 4, 1))

    meeting_id = meetings.create_meeting(
        engine, body, date(2026, 9, 15), time(10, 0), TYPED["venue"],
        [ItemSpec(TYPED["item title"], presenter=TYPED["presenter"], papers=TYPED["papers"]),
         ItemSpec(TYPED["exempt title"], exempt=True, exempt_reason=TYPED["exempt reason"])])
    items = {i.position: i.item_id for i in meetings.meeting_summary(engine, meeting_id).items}
    for key in ("chair", "arabic member", "hebrew member", "chinese member", "japanese member",
                "korean member"):
        register.arrive(engine, meeting_id, people[key], at(9, 50))
    register.send_apologies(engine, meeting_id, people["irish member"], TYPED["apologies note"])
    register.add_substitute(engine, meeting_id, people["long"], substitute, at(9, 55))
    register.add_in_attendance(engine, meeting_id, TYPED["attendee"], TYPED["attendee agency"],
                               role_note=TYPED["attendee role"], at=at(9, 56))
    meetings.set_public_count(engine, meeting_id, 2, TYPED["public names"])
    meetings.open_meeting(engine, meeting_id, at(10, 0))
    meetings.start_item(engine, meeting_id, items[4], at(10, 5))
    decisions.declare_interest(engine, items[4], people["korean member"], "non_pecuniary",
                               TYPED["declaration"], dispensation_by=TYPED["dispensation by"],
                               dispensation_note=TYPED["dispensation note"], at=at(10, 6))
    meetings.set_item_notes(engine, items[4], TYPED["notes"])
    decisions.record_decision(engine, items[4], "consensus", TYPED["decision"], at=at(10, 10))
    decisions.record_vote(engine, items[4], TYPED["motion"], Tally(4, 1, 1), at=at(10, 15),
                          did_not_vote_confirmed=True)
    actions.add_action(engine, meeting_id, TYPED["action"], TYPED["action owner"],
                         date(2026, 10, 1), items[4])
    meetings.start_item(engine, meeting_id, items[5], at(10, 20), public_excluded=True)
    meetings.close_meeting(engine, meeting_id, at(10, 30))
    minutes.record_correction(engine, meeting_id, TYPED["correction"])
    return meeting_id


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_every_field_reaches_the_minutes_exactly_as_typed(engine, fmt):
    meeting_id = typed_meeting(engine)
    data = minutes.render_minutes(engine, meeting_id, fmt)
    text = text_of(data, fmt)
    missing = {field: value for field, value in TYPED.items() if flat(value) not in text}
    assert not missing
    for agency in ("Ysgol <Gymraeg>", "NHS <Kent> & Medway", "Cúram Leanaí", "جمعية الخير",
                   "משטרה", "青少年服务", "청소년 재단"):
        assert agency in text
    # 5,000 characters without a space wrap over many lines and pages: compare the text
    # without line breaks and without what each page repeats.
    if fmt == "pdf":
        text = pdf_body(data, "DRAFT", "DRAFT — NOT YET APPROVED — CONTAINS A CONFIDENTIAL "
                        "ANNEX", f"{TYPED['body']} — minutes, 15 September 2026")
    assert LONG_NAME in "".join(text.split())
    assert "\ufffd" not in text and "\x00" not in text  # no glyph was lost


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_agenda_prints_hostile_text_as_typed(engine, fmt):
    meeting_id = typed_meeting(engine)
    text = text_of(minutes.render_agenda(engine, meeting_id, fmt), fmt)
    for field in ("body", "venue", "item title", "presenter", "papers", "exempt title",
                  "exempt reason"):
        assert flat(TYPED[field]) in text, field


def test_markup_escapes_everything_a_user_typed():
    assert markup('<font color=red>x</font> & <a href="x">') == \
        '&lt;font color=red&gt;x&lt;/font&gt; &amp; &lt;a href="x"&gt;'
    assert markup("&amp;") == "&amp;amp;"
    assert markup("one\ntwo") == "one<br/>two"


def test_right_to_left_runs_are_drawn_in_visual_order():
    # Hebrew has no joining forms: the run is simply reversed, the English stays put.
    assert visual_order("Name: שרה כהן (Police)") == "Name: ןהכ הרש (Police)"
    # Numbers keep their own order inside a right-to-left run.
    assert visual_order("שרה 12 כהן") == "ןהכ 12 הרש"
    assert visual_order("Siân Łukasiewicz") == "Siân Łukasiewicz"


def test_the_cjk_font_is_used_only_for_the_characters_that_need_it():
    text = markup("Mr 王小明 and Siân")
    assert text == 'Mr <font name="ClerkCJK">王小明 </font>and Siân'

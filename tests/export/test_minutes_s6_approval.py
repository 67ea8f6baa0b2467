"""Approval of the minutes at the next meeting, corrections, distribution (DOMAIN.md §6,
002 §6.3): once approved, the record is locked and the minutes lose their DRAFT mark."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.services import actions, meetings, minutes, register
from clerk_app.services.errors import ClerkError
from tests.conftest import at
from tests.export.minutes_helpers import (
    hold_kent_meeting,
    pdf_pages,
    start_next_meeting,
    text_of,
)

NEXT_DAY = date(2026, 10, 20)
CORRECTION = "Item 4: Grace Adebayo voted for the motion, not against it."


def test_s6_next_meeting_approves_the_minutes_with_corrections(kent):
    first = hold_kent_meeting(kent)
    minutes.record_correction(kent.engine, first.meeting_id,
                              "Item 5: the contract is extended for six months, not twelve.")
    second = start_next_meeting(kent, NEXT_DAY)
    minutes.approve_minutes(kent.engine, second.items[3], [CORRECTION], at=at(10, 6, NEXT_DAY))

    for fmt in ("pdf", "docx"):
        approved = text_of(minutes.render_minutes(kent.engine, first.meeting_id, fmt), fmt)
        assert "DRAFT" not in approved
        assert "Approved as a correct record at the meeting held on Tuesday 20 October 2026." \
            in approved
        assert f"Agreed at the meeting held on Tuesday 20 October 2026: {CORRECTION}" \
            in approved
        assert "Item 5: the contract is extended for six months, not twelve." in approved
        assert "Signed (Chair)" in approved

        record_of_next = text_of(minutes.render_minutes(kent.engine, second.meeting_id, fmt),
                                 fmt)
        assert ("3. Minutes of the previous meeting The following corrections to the minutes "
                f"of the meeting held on Tuesday 15 September 2026 were agreed: {CORRECTION} "
                "RESOLVED: that the minutes of the meeting held on Tuesday 15 September 2026 "
                "be agreed as a correct record, subject to the corrections set out above."
                ) in record_of_next
        assert "DRAFT — NOT YET APPROVED" in record_of_next  # its own minutes wait their turn
    pages = pdf_pages(minutes.render_minutes(kent.engine, first.meeting_id, "pdf"))
    assert not any("DRAFT" in page for page in pages)
    status = minutes.minutes_status(kent.engine, first.meeting_id)
    assert status.status == "approved" and status.approved_on == NEXT_DAY
    assert status.corrections == 2
    assert "locked" in status.summary


def test_s6_approved_minutes_lock_the_record(kent, dump):
    first = hold_kent_meeting(kent)
    second = start_next_meeting(kent, NEXT_DAY)
    minutes.approve_minutes(kent.engine, second.items[3], at=at(10, 6, NEXT_DAY))
    before = dump()
    refused = [
        lambda: register.arrive(kent.engine, first.meeting_id, kent.ids["social"], at(10, 30)),
        lambda: meetings.set_item_notes(kent.engine, first.items[4], "Rewritten afterwards"),
        lambda: actions.add_action(kent.engine, first.meeting_id, "A late action"),
        lambda: minutes.record_correction(kent.engine, first.meeting_id, "Too late"),
        lambda: minutes.mark_distributed(kent.engine, first.meeting_id, NEXT_DAY),
        lambda: minutes.approve_minutes(kent.engine, second.items[3],
                                        at=at(10, 8, NEXT_DAY)),
    ]
    for attempt in refused:
        with pytest.raises(ClerkError, match="approved"):
            attempt()
    assert dump() == before


def test_s6_approval_is_recorded_under_the_previous_minutes_item_only(kent, dump):
    hold_kent_meeting(kent)
    second = start_next_meeting(kent, NEXT_DAY)
    before = dump()
    with pytest.raises(ClerkError, match="Minutes of the previous meeting"):
        minutes.approve_minutes(kent.engine, second.items[4], at=at(10, 6, NEXT_DAY))
    assert dump() == before


def test_s6_minutes_of_a_meeting_not_yet_closed_cannot_be_approved(kent, dump):
    first = kent.meeting()
    for key in ("chair", "edu2", "police", "yos", "district", "vcs"):
        register.arrive(kent.engine, first, kent.ids[key], at(9, 55))
    meetings.open_meeting(kent.engine, first, at(10, 0))
    second = start_next_meeting(kent, NEXT_DAY)
    before = dump()
    with pytest.raises(ClerkError, match="was not held and closed"):
        minutes.approve_minutes(kent.engine, second.items[3], at=at(10, 6, NEXT_DAY))
    assert dump() == before


def test_s3_approval_is_a_resolution_refused_while_inquorate_without_a_reason(kent, dump):
    hold_kent_meeting(kent)
    second = kent.meeting(day=NEXT_DAY)
    for key in ("chair", "police", "yos"):  # three of seven groups: 000 §10.4 needs five
        register.arrive(kent.engine, second, kent.ids[key], at(9, 55, NEXT_DAY))
    meetings.open_meeting(kent.engine, second, at(10, 0, NEXT_DAY))
    meetings.start_item(kent.engine, second, kent.items[3], at(10, 5, NEXT_DAY))
    before = dump()
    with pytest.raises(ClerkError, match="not quorate"):
        minutes.approve_minutes(kent.engine, kent.items[3], at=at(10, 6, NEXT_DAY))
    assert dump() == before


def test_s6_minutes_due_ten_days_after_until_distributed(kent):
    first = hold_kent_meeting(kent)
    status = minutes.minutes_status(kent.engine, first.meeting_id, today=date(2026, 9, 20))
    assert status.due == date(2026, 9, 25) and not status.overdue  # 002 §6.3: ten days
    assert status.summary == ("Draft minutes due by Friday 25 September 2026; not yet "
                              "distributed.")
    late = minutes.minutes_status(kent.engine, first.meeting_id, today=date(2026, 9, 28))
    assert late.overdue and "overdue" in late.summary
    minutes.mark_distributed(kent.engine, first.meeting_id, date(2026, 9, 24))
    done = minutes.minutes_status(kent.engine, first.meeting_id, today=date(2026, 9, 28))
    assert not done.overdue and done.distributed_on == date(2026, 9, 24)
    assert "distributed on Thursday 24 September 2026" in done.summary


def test_s6_minutes_cannot_go_out_before_the_meeting(kent, dump):
    first = hold_kent_meeting(kent)
    before = dump()
    with pytest.raises(ClerkError, match="before the meeting"):
        minutes.mark_distributed(kent.engine, first.meeting_id, date(2026, 9, 1))
    with pytest.raises(ClerkError, match="empty"):
        minutes.record_correction(kent.engine, first.meeting_id, "   ")
    assert dump() == before

"""DOMAIN.md §9 "Agenda changes" through the services, on the Kent LCSP preset (000):
free editing before dispatch, late items after it, urgent items during the meeting with
the reason in the minutes, items taken out of order, and the meeting's details."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlmodel import Session, select

from clerk_app.db.tables import AgendaItem, AuditEntry
from clerk_app.rules.vocabulary import ItemAddition, MinutesStatus
from clerk_app.services import agenda, decisions, meetings, minutes, register, schedule
from clerk_app.services.agenda import MeetingDetails
from clerk_app.services.errors import ClerkError
from clerk_app.services.meetings import ItemSpec
from tests.conftest import MEETING_DAY, at
from tests.export.minutes_helpers import text_of

HOSTILE = "<b>Budget</b> & \u05e2\u05d1\u05e8\u05d9\u05ea review"


def titles(engine, meeting_id: int) -> list[str]:
    return [f"{line.position}. {line.title}" for line in meetings.agenda(engine, meeting_id)]


def trail(engine, meeting_id: int) -> list[str]:
    with Session(engine) as session:
        return [e.action for e in session.exec(
            select(AuditEntry).where(AuditEntry.meeting_id == meeting_id)
            .order_by(AuditEntry.id))]


def test_s9_agenda_before_dispatch_add_rename_move_remove_and_exempt(kent):
    m = kent.meeting()
    added = agenda.add_item(kent.engine, m, ItemSpec("Budget"))
    agenda.move_item(kent.engine, added, -1)
    agenda.update_item(kent.engine, kent.items[4], ItemSpec(
        HOSTILE, presenter="Joanna Fairweather", papers="Report A", exempt=True,
        exempt_reason="Information about an individual"))
    agenda.remove_item(kent.engine, kent.items[5])
    assert titles(kent.engine, m)[3:] == ["4. " + HOSTILE, "5. Budget"]
    line = meetings.agenda(kent.engine, m)[3]
    assert (line.presenter, line.papers, line.exempt, line.added) == (
        "Joanna Fairweather", "Report A", True, ItemAddition.ON_AGENDA)
    assert {"item.add", "item.move", "item.edit", "item.remove"} <= set(trail(kent.engine, m))


def test_s9_agenda_refusals_say_what_to_do_and_write_nothing(kent):
    m = kent.meeting()
    before = titles(kent.engine, m)
    with pytest.raises(ClerkError, match="give the reason"):
        agenda.update_item(kent.engine, kent.items[4], ItemSpec("Plan", exempt=True))
    with pytest.raises(ClerkError, match="type the item title"):
        agenda.update_item(kent.engine, kent.items[4], ItemSpec("  "))
    with pytest.raises(ClerkError, match="already the first"):
        agenda.move_item(kent.engine, kent.items[1], -1)
    meetings.set_item_notes(kent.engine, kent.items[5], "Draft contract circulated")
    with pytest.raises(ClerkError, match="has something recorded under it"):
        agenda.remove_item(kent.engine, kent.items[5])
    assert titles(kent.engine, m) == before


def test_s9_agenda_after_dispatch_an_added_item_is_late_with_its_reason(kent):
    m = kent.meeting()
    schedule.set_papers_dispatched(kent.engine, m, date(2026, 9, 7), today=date(2026, 9, 8))
    with pytest.raises(ClerkError, match="late item: type the reason"):
        agenda.add_item(kent.engine, m, ItemSpec("Ofsted letter"))
    late = agenda.add_item(kent.engine, m, ItemSpec("Ofsted letter"),
                           "The letter arrived after the papers went out")
    line = meetings.agenda(kent.engine, m)[-1]
    assert (line.item_id, line.added, line.added_reason) == (
        late, ItemAddition.LATE, "The letter arrived after the papers went out")
    # Moving is still allowed before the meeting opens, and the trail says it came late.
    agenda.move_item(kent.engine, late, -1)
    with Session(kent.engine) as session:
        moved = session.exec(select(AuditEntry).where(AuditEntry.action == "item.move")).one()
    assert moved.detail["after_dispatch"] is True
    text = text_of(minutes.render_agenda(kent.engine, m, "pdf"), "pdf")
    assert "LATE ITEM: The letter arrived after the papers went out." in text


def test_s9_agenda_once_opened_items_are_neither_moved_nor_removed(kent):
    m = kent.meeting()
    meetings.open_meeting(kent.engine, m, at(10, 0))
    for change in (lambda: agenda.move_item(kent.engine, kent.items[5], -1),
                   lambda: agenda.remove_item(kent.engine, kent.items[5])):
        with pytest.raises(ClerkError, match="press “Start this item”"):
            change()


def _urgent_meeting_taken_out_of_order(kent) -> tuple[int, int]:
    m = kent.meeting()
    for key in ("chair", "edu2", "police", "yos", "district", "vcs"):
        register.arrive(kent.engine, m, kent.ids[key], at(9, 55))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    with pytest.raises(ClerkError, match="agree that the item is urgent"):
        agenda.add_item(kent.engine, m, ItemSpec("Flood damage"))
    urgent = agenda.add_item(kent.engine, m, ItemSpec("Flood damage to the youth centre"),
                             "The insurer needs an answer by Friday")
    meetings.start_item(kent.engine, m, kent.items[1], at(10, 1))
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 5))  # item 5 before item 4
    decisions.record_decision(kent.engine, kent.items[5], "noted", at=at(10, 6))
    meetings.start_item(kent.engine, m, urgent, at(10, 10))
    decisions.record_decision(kent.engine, urgent, "consensus", "the repairs go ahead",
                              at=at(10, 12))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 20))
    meetings.close_meeting(kent.engine, m, at(10, 30))
    return m, urgent


def test_s9_agenda_urgent_item_reason_and_the_order_taken_in_the_minutes(kent):
    m, _urgent = _urgent_meeting_taken_out_of_order(kent)
    text = text_of(minutes.render_minutes(kent.engine, m, "pdf"), "pdf")
    assert "Taken as an urgent item: The insurer needs an answer by Friday." in text
    # Taken: 1, 5, 6 (urgent), 4; never taken: 2, 3 follow in agenda order.
    order = [text.index(f"{n}. {title}") for n, title in (
        (1, "Apologies"), (5, "Youth contract"), (6, "Flood damage to the youth centre"),
        (4, "Early help plan"), (2, "Declarations of interest"),
        (3, "Minutes of the previous meeting"))]
    assert order == sorted(order)


def test_s9_agenda_nothing_added_after_the_close(kent):
    m = kent.meeting()
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.close_meeting(kent.engine, m, at(11, 0))
    with pytest.raises(ClerkError, match="next meeting's agenda"):
        agenda.add_item(kent.engine, m, ItemSpec("Forgotten"), "reason")


def test_s9_agenda_meeting_details_edited_until_the_minutes_are_approved(kent):
    m = kent.meeting()
    details = agenda.meeting_details(kent.engine, m)
    agenda.set_meeting_details(kent.engine, m, MeetingDetails(
        HOSTILE, date(2026, 9, 16), time(14, 0), "County Hall, Maidstone",
        "Tuesday 8 December 2026, 10:00", "A. Reporter & B. Smith"))
    after = agenda.meeting_details(kent.engine, m)
    assert (after.title, after.date, after.start_time, after.venue, after.next_meeting_note,
            after.public_names) == (HOSTILE, date(2026, 9, 16), time(14, 0),
                                    "County Hall, Maidstone", "Tuesday 8 December 2026, 10:00",
                                    "A. Reporter & B. Smith")
    assert details.title != after.title
    assert {"meeting.reschedule", "meeting.details"} <= set(trail(kent.engine, m))


def test_s9_agenda_meeting_details_date_fixed_once_opened_and_locked_once_approved(kent):
    m = kent.meeting()
    meetings.open_meeting(kent.engine, m, at(10, 0))
    details = agenda.meeting_details(kent.engine, m)
    with pytest.raises(ClerkError, match="already started"):
        agenda.set_meeting_details(kent.engine, m, MeetingDetails(
            details.title, date(2026, 9, 16), details.start_time, details.venue, "", ""))
    agenda.set_meeting_details(kent.engine, m, MeetingDetails(
        details.title, MEETING_DAY, details.start_time, "Room 2, Sessions House",
        "To be arranged", ""))
    assert agenda.meeting_details(kent.engine, m).venue == "Room 2, Sessions House"
    meetings.close_meeting(kent.engine, m, at(11, 0))
    with Session(kent.engine) as session:
        from clerk_app.db.tables import Meeting

        row = session.get(Meeting, m)
        row.minutes_status = MinutesStatus.APPROVED
        session.add(row)
        session.commit()
    assert agenda.meeting_details(kent.engine, m).locked
    with pytest.raises(ClerkError, match="locked"):
        agenda.set_meeting_details(kent.engine, m, details)
    with Session(kent.engine) as session:
        assert session.exec(select(AgendaItem).where(AgendaItem.meeting_id == m)).first()

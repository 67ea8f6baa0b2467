"""DOMAIN.md §9 "Mistaken entries", through the services on the Kent LCSP preset (000):
an entry made by mistake is struck out with a reason, never deleted; the audit trail and
the record file keep it, and nothing that counts or words the meeting sees it again."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import Session, select

from clerk_app.db.migrate import open_database
from clerk_app.db.tables import Meeting, RegisterEntry
from clerk_app.rules.vocabulary import AttendanceKind, MinutesStatus, RegisterState
from clerk_app.services import actions, audit, decisions, meetings, minutes, records, register
from clerk_app.services.attendance import year_report
from clerk_app.services.errors import ClerkError
from clerk_app.services.strike_out import Entry, item_entries, person_entries, strike_out
from tests.conftest import at
from tests.export.minutes_helpers import text_of

REASON = "Marked present by mistake: she sent apologies"


def minutes_text(kent, meeting_id: int) -> str:
    return text_of(minutes.render_minutes(kent.engine, meeting_id, "pdf"), "pdf")


def refused(dump, action, *words):
    before = dump()
    with pytest.raises(ClerkError) as error:
        action()
    for word in words:
        assert word in error.value.message
    assert dump() == before


def inquorate_then_a_mistaken_arrival(kent):
    """Four of Kent's seven groups at the opening; Siân Pritchard (Health) marked
    arrived at 10:10 by mistake, which made the meeting quorate."""
    m = kent.meeting()
    for key in ("chair", "police", "yos"):
        register.arrive(kent.engine, m, kent.ids[key], at(9, 55))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 0))
    register.arrive(kent.engine, m, kent.ids["health"], at(10, 10))
    assert register.state(kent.engine, m).quorum.quorate
    return m


def arrival_of(kent, m, key):
    return next(e for e in person_entries(kent.engine, m, kent.ids[key])
                if e.entry is Entry.EVENT and e.kind == AttendanceKind.ARRIVE)


def test_s9_a_struck_out_arrival_no_longer_counts_for_quorum_the_register_or_the_minutes(kent):
    m = inquorate_then_a_mistaken_arrival(kent)
    strike_out(kent.engine, m, Entry.EVENT, arrival_of(kent, m, "health").row_id, REASON)

    state = register.state(kent.engine, m)
    line = state.line(kent.ids["health"])
    assert (line.state, line.arrived_at) == (RegisterState.EXPECTED, None)
    assert not state.quorum.quorate
    # Quorum lost and regained are worked out again without it.
    assert meetings.meeting_summary(kent.engine, m).quorum_events == (
        "The meeting became inquorate at 10:00.",)
    text = minutes_text(kent, m)
    assert "quorate at 10:10" not in text
    assert "Siân Pritchard arrived" not in text
    assert person_entries(kent.engine, m, kent.ids["health"]) == []
    # The audit trail keeps what was struck and why.
    trail = [line.description for line in audit.meeting_trail(kent.engine, m)]
    assert any("Siân Pritchard" in t and REASON in t for t in trail)


def test_s9_a_struck_out_arrival_gives_no_vote_taken_later(kent):
    m = inquorate_then_a_mistaken_arrival(kent)
    for key in ("district", "vcs"):
        register.arrive(kent.engine, m, kent.ids[key], at(10, 12))
    strike_out(kent.engine, m, Entry.EVENT, arrival_of(kent, m, "vcs").row_id,
               "Tomás Ó Briain was not there")
    voters = {v.person_id for v in register.state(kent.engine, m).eligibility.eligible}
    assert kent.ids["vcs"] not in voters and kent.ids["district"] in voters


def test_s9_striking_out_needs_a_reason_and_writes_nothing_without_one(kent, dump):
    m = inquorate_then_a_mistaken_arrival(kent)
    event = arrival_of(kent, m, "health").row_id
    refused(dump, lambda: strike_out(kent.engine, m, Entry.EVENT, event, "   "),
            "Say why the entry is struck out")
    strike_out(kent.engine, m, Entry.EVENT, event, REASON)
    refused(dump, lambda: strike_out(kent.engine, m, Entry.EVENT, event, REASON),
            "already been struck out")


def test_s9_nothing_is_struck_out_once_the_minutes_are_approved(kent, dump):
    m = inquorate_then_a_mistaken_arrival(kent)
    meetings.close_meeting(kent.engine, m, at(11, 0))
    with Session(kent.engine) as session:
        row = session.get(Meeting, m)
        row.minutes_status = MinutesStatus.APPROVED
        session.add(row)
        session.commit()
    refused(dump, lambda: strike_out(kent.engine, m, Entry.EVENT,
                                     arrival_of(kent, m, "health").row_id, REASON),
            "approved", "locked")


def test_s9_an_arrival_with_a_later_departure_is_refused_until_that_is_struck_out(kent, dump):
    m = inquorate_then_a_mistaken_arrival(kent)
    register.leave(kent.engine, m, kent.ids["health"], at(10, 40))
    arrival = arrival_of(kent, m, "health").row_id
    refused(dump, lambda: strike_out(kent.engine, m, Entry.EVENT, arrival, REASON),
            "Strike out the later entry first")
    departure = next(e for e in person_entries(kent.engine, m, kent.ids["health"])
                     if e.kind == AttendanceKind.LEAVE)
    strike_out(kent.engine, m, Entry.EVENT, departure.row_id, REASON)
    strike_out(kent.engine, m, Entry.EVENT, arrival, REASON)
    assert register.state(kent.engine, m).line(kent.ids["health"]).state \
        is RegisterState.EXPECTED


def test_s9_a_walk_in_who_never_came_is_struck_out_with_their_line(kent, dump):
    m = inquorate_then_a_mistaken_arrival(kent)
    walk_in = register.add_in_attendance(kent.engine, m, "Pat Visitor", "Kent Police",
                                         "Observer", at=at(10, 5))
    line = next(e for e in person_entries(kent.engine, m, walk_in) if e.entry is Entry.LINE)
    strike_out(kent.engine, m, Entry.LINE, line.row_id, "Added to the wrong meeting")
    assert register.state(kent.engine, m).line(walk_in) is None
    assert "Pat Visitor" not in minutes_text(kent, m)
    # A member's line is the body's: their arrival is struck out instead.
    with Session(kent.engine) as session:
        chair_line = session.exec(select(RegisterEntry).where(
            RegisterEntry.meeting_id == m, RegisterEntry.person_id == kent.ids["chair"])).one()
    refused(dump, lambda: strike_out(kent.engine, m, Entry.LINE, chair_line.id, REASON),
            "Helen Marsh is a member", "Strike out their arrival instead")


def test_s9_a_struck_out_declaration_takes_its_withdrawal_with_it(kent):
    m = inquorate_then_a_mistaken_arrival(kent)
    register.arrive(kent.engine, m, kent.ids["vcs"], at(10, 12))
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 20))
    # Kent: a pecuniary interest withdraws (000 §7.2), here on the item under discussion.
    decisions.declare_interest(kent.engine, kent.items[5], kent.ids["vcs"], "pecuniary",
                               "Trustee of a bidder", at=at(10, 21))
    assert register.state(kent.engine, m).line(kent.ids["vcs"]).withdrawn
    declared = item_entries(kent.engine, kent.items[5])
    assert [(e.entry, e.name, e.text) for e in declared] == [
        (Entry.DECLARATION, "Tomás Ó Briain", "Trustee of a bidder")]
    strike_out(kent.engine, m, Entry.DECLARATION, declared[0].row_id,
               "Declared on the wrong item")
    state = register.state(kent.engine, m)
    assert not state.line(kent.ids["vcs"]).withdrawn
    assert kent.ids["vcs"] in {v.person_id for v in state.eligibility.eligible}
    text = minutes_text(kent, m)
    assert "Trustee of a bidder" not in text and "withdrew" not in text
    # Struck out, it no longer stands in the way of the right declaration.
    decisions.declare_interest(kent.engine, kent.items[5], kent.ids["vcs"], "non_pecuniary",
                               "Volunteer with a bidder", at=at(10, 25))


def test_s9_a_struck_out_action_leaves_the_actions_log_and_the_minutes(kent):
    m = inquorate_then_a_mistaken_arrival(kent)
    action = actions.add_action(kent.engine, m, "Circulate the specification", "Marcus Bell",
                                date(2026, 10, 1), kent.items[4])
    assert [e.text for e in item_entries(kent.engine, kent.items[4])] == [
        "Circulate the specification"]
    strike_out(kent.engine, m, Entry.ACTION, action, "Agreed under the next item instead")
    assert actions.actions_log(kent.engine) == []
    assert "No actions were agreed" in minutes_text(kent, m)
    assert item_entries(kent.engine, kent.items[4]) == []


def test_s9_a_struck_out_arrival_does_not_count_in_the_attendance_year(kent):
    m = inquorate_then_a_mistaken_arrival(kent)
    strike_out(kent.engine, m, Entry.EVENT, arrival_of(kent, m, "health").row_id, REASON)
    meetings.close_meeting(kent.engine, m, at(11, 0))
    report = {r.name: r.stats for r in year_report(kent.engine, kent.body_id, 2026,
                                                   today=date(2026, 11, 1)).members}
    assert report["Siân Pritchard"].present == 0
    assert report["Helen Marsh"].present == 1


def test_s9_the_record_file_keeps_struck_out_entries_with_their_reason(kent, tmp_path):
    m = inquorate_then_a_mistaken_arrival(kent)
    strike_out(kent.engine, m, Entry.EVENT, arrival_of(kent, m, "health").row_id, REASON)
    exported = records.export_record(kent.engine, [m])
    records.validate_record(exported)
    struck = [e for e in exported["meetings"][0]["attendance_events"]
              if e["struck_out_reason"]]
    assert [e["struck_out_reason"] for e in struck] == [REASON]
    assert struck[0]["struck_out_at"]
    fresh = open_database(tmp_path / "fresh.sqlite3")
    body_id = records.import_record(fresh, exported)
    again = records.export_record(fresh, body_id=body_id)
    assert json.dumps(again["meetings"], sort_keys=True) == \
        json.dumps(exported["meetings"], sort_keys=True)
    imported = again["meetings"][0]
    # Imported, it is still struck out: the register read from the file agrees.
    state = register.state(fresh, records_meeting_id(fresh))
    assert state.line(next(p for p in state.register
                           if p.name == "Siân Pritchard").person_id).arrived_at is None
    assert imported["attendance_events"]


def records_meeting_id(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(Meeting.id)).one()


def test_s9_a_hostile_reason_is_kept_as_typed(kent):
    m = inquorate_then_a_mistaken_arrival(kent)
    reason = "<b>not</b> here & \u202eשלום\u202c " + "x" * 5000
    strike_out(kent.engine, m, Entry.EVENT, arrival_of(kent, m, "health").row_id, reason)
    kept = [e["struck_out_reason"] for e in
            records.export_record(kent.engine, [m])["meetings"][0]["attendance_events"]
            if e["struck_out_reason"]]
    assert kept == [reason]
    trail = [line.description for line in audit.meeting_trail(kent.engine, m)]
    assert any(t.endswith(reason) for t in trail)

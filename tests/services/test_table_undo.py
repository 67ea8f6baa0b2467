"""Undo and redo of recording actions at the table (issue 3), on the Kent LCSP preset.

Undo removes exactly what the action created and puts back what it changed, leaving an
"undo" entry in the append-only audit trail; redo re-applies through the same service.
"""

from __future__ import annotations

from functools import partial

import pytest
from sqlmodel import Session, select

from clerk_app.db.tables import AuditEntry, QuorumEvent
from clerk_app.rules.voting import Tally
from clerk_app.services import decisions, meetings, register
from clerk_app.services.errors import ClerkError
from clerk_app.services.undo import UndoStack
from tests.conftest import at
from tests.services.test_s2_register import arrive_all


def rows_without_audit(dump) -> list[str]:
    return [line for line in dump() if "auditentry" not in line.casefold()]


def audit_actions(engine) -> list[str]:
    with Session(engine) as session:
        return [a.action for a in session.exec(select(AuditEntry).order_by(AuditEntry.id))]


def test_s2_undo_of_a_mistaken_arrival_leaves_the_record_as_before(kent, dump):
    m = kent.meeting()
    stack = UndoStack(kent.engine, m)
    before = rows_without_audit(dump)
    stack.record("Helen Marsh arrived",
                 partial(register.arrive, kent.engine, m, kent.ids["chair"], at(9, 55)))
    assert register.state(kent.engine, m).line(kent.ids["chair"]).state == "present"
    assert stack.undo() == "Helen Marsh arrived"
    assert register.state(kent.engine, m).line(kent.ids["chair"]).state == "expected"
    assert rows_without_audit(dump) == before
    assert audit_actions(kent.engine)[-2:] == ["register.arrive", "undo"]
    with Session(kent.engine) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "undo")).one()
    assert entry.detail["undone"] == "Helen Marsh arrived"
    assert [r["table"] for r in entry.detail["removed"]] == ["AttendanceEvent"]


def test_s2_redo_repeats_the_arrival_at_its_original_time(kent):
    m = kent.meeting()
    stack = UndoStack(kent.engine, m)
    stack.record("arrived", partial(register.arrive, kent.engine, m, kent.ids["chair"],
                                    at(9, 55)))
    stack.undo()
    assert stack.redo_label == "arrived"
    stack.redo()
    line = register.state(kent.engine, m).line(kent.ids["chair"])
    assert (line.state, line.arrived_at) == ("present", at(9, 55))
    assert stack.undo_label == "arrived" and stack.redo_label is None


def test_s3_undo_removes_the_quorum_event_the_departure_caused(kent):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "police", "yos", "health")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    stack = UndoStack(kent.engine, m)
    stack.record("Siân Pritchard left",
                 partial(register.leave, kent.engine, m, kent.ids["health"], at(10, 30)))
    with Session(kent.engine) as session:
        assert [q.kind for q in session.exec(select(QuorumEvent))] == ["lost"]
    stack.undo()
    with Session(kent.engine) as session:
        assert session.exec(select(QuorumEvent)).all() == []
    assert register.state(kent.engine, m).quorum.quorate


def test_s4_undo_of_a_declaration_removes_its_automatic_withdrawal(kent, dump):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "edu2", "police", "yos", "health", "district")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    before = rows_without_audit(dump)
    stack = UndoStack(kent.engine, m)
    stack.record("Helen Marsh declared", partial(
        decisions.declare_interest, kent.engine, kent.items[4], kent.ids["chair"],
        "pecuniary", "governor of a bidder", at=at(10, 6)))
    assert register.state(kent.engine, m).line(kent.ids["chair"]).withdrawn
    stack.undo()
    assert rows_without_audit(dump) == before
    assert not register.state(kent.engine, m).line(kent.ids["chair"]).withdrawn


def test_s5_undo_of_a_vote_removes_decision_vote_and_positions(kent, dump):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "edu2", "police", "yos", "health")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    stack = UndoStack(kent.engine, m)
    before = rows_without_audit(dump)
    vote = stack.record("vote", partial(decisions.record_vote, kent.engine, kent.items[4],
                                        "approve", Tally(3, 1, 1), at=at(10, 20)))
    stack.record("named", partial(decisions.make_vote_recorded, kent.engine, vote.vote_id,
                                  {kent.ids[k]: "for" for k in ("chair", "edu2", "police")},
                                  recount_reason="a member doubted the count"))
    stack.undo()  # the names
    stack.undo()  # the vote
    assert rows_without_audit(dump) == before
    stack.redo()
    stack.redo()  # same row numbers again, so the recorded vote redoes too
    summary = meetings.meeting_summary(kent.engine, m)
    assert any("For 3, Against 0" in o for o in summary.items[3].outcomes)


def test_s2_undo_of_a_walk_in_removes_the_person_too(kent, dump):
    m = kent.meeting()
    stack = UndoStack(kent.engine, m)
    before = rows_without_audit(dump)
    stack.record("walk-in", partial(register.add_in_attendance, kent.engine, m,
                                    "<b>Ellie</b> & Brookes", "KCC", "Clerk", at=at(9, 45)))
    assert any(line.name == "<b>Ellie</b> & Brookes"
               for line in register.state(kent.engine, m).register)
    stack.undo()
    assert rows_without_audit(dump) == before


def test_s2_undo_puts_back_the_public_count_and_an_opening(kent):
    m = kent.meeting()
    stack = UndoStack(kent.engine, m)
    stack.record("public", partial(meetings.set_public_count, kent.engine, m, 4))
    stack.record("opened", partial(meetings.open_meeting, kent.engine, m, at(10, 0)))
    stack.undo()
    stack.undo()
    summary = meetings.meeting_summary(kent.engine, m)
    assert (summary.status, summary.public_count, summary.opened_at) == ("scheduled", 0, None)
    assert meetings.meeting_summary(kent.engine, m).quorum_events == ()


def test_undo_is_refused_when_the_record_changed_since(kent, dump):
    m = kent.meeting()
    stack = UndoStack(kent.engine, m)
    stack.record("arrived", partial(register.arrive, kent.engine, m, kent.ids["chair"],
                                    at(9, 55)))
    register.arrive(kent.engine, m, kent.ids["police"], at(9, 56))  # not through the stack
    before = dump()
    with pytest.raises(ClerkError, match="cannot be undone"):
        stack.undo()
    assert dump() == before


def test_notes_typed_after_an_action_do_not_block_its_undo_and_survive_it(kent):
    m = kent.meeting()
    stack = UndoStack(kent.engine, m)
    stack.record("arrived", partial(register.arrive, kent.engine, m, kent.ids["chair"],
                                    at(9, 55)))
    meetings.set_item_notes(kent.engine, kent.items[4], "Members discussed the plan.")
    stack.undo()
    assert meetings.agenda(kent.engine, m)[3].notes == "Members discussed the plan."


def test_a_new_action_empties_the_redo_list(kent):
    m = kent.meeting()
    stack = UndoStack(kent.engine, m)
    stack.record("chair", partial(register.arrive, kent.engine, m, kent.ids["chair"],
                                  at(9, 55)))
    stack.undo()
    stack.record("police", partial(register.arrive, kent.engine, m, kent.ids["police"],
                                   at(9, 56)))
    assert stack.redo_label is None
    with pytest.raises(ClerkError, match="nothing to redo"):
        stack.redo()


def test_a_refused_action_is_not_remembered(kent):
    m = kent.meeting()
    stack = UndoStack(kent.engine, m)
    with pytest.raises(ClerkError):
        stack.record("left", partial(register.leave, kent.engine, m, kent.ids["chair"],
                                     at(10, 0)))
    assert stack.undo_label is None


def test_undo_is_refused_once_the_minutes_are_approved(kent, engine, dump):
    from clerk_app.db.engine import unit_of_work
    from clerk_app.db.tables import Meeting

    m = kent.meeting()
    stack = UndoStack(kent.engine, m)
    stack.record("arrived", partial(register.arrive, kent.engine, m, kent.ids["chair"],
                                    at(9, 55)))
    with unit_of_work(engine) as session:
        meeting = session.get(Meeting, m)
        meeting.minutes_status = "approved"
        session.add(meeting)
    before = dump()
    with pytest.raises(ClerkError, match="approved"):
        stack.undo()
    assert dump() == before

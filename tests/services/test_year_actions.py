"""The actions log across meetings (DOMAIN.md §6, the minutes' action list): overdue
first, each action tied to the minute it came from, marked done and undone."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from clerk_app.db.tables import AuditEntry, Meeting
from clerk_app.services import actions
from clerk_app.services.actions import actions_log, set_done
from clerk_app.services.errors import ClerkError


def test_s6_actions_across_meetings_overdue_first_with_their_minute(kent):
    july = kent.meeting(date(2026, 7, 14), items=("Early help plan",))
    july_item = kent.items[4]
    sept = kent.meeting(date(2026, 9, 15), items=("Youth contract", "Budget"))
    budget_item = kent.items[5]
    no_due = actions.add_action(kent.engine, sept, "Draft a newsletter", "Joanna Fairweather")
    soon = actions.add_action(kent.engine, sept, "Circulate the budget", "Marcus Bell",
                                date(2026, 12, 1), budget_item)
    oldest = actions.add_action(kent.engine, july, "Report on early help", "Helen Marsh",
                                  date(2026, 8, 31), july_item)
    recent = actions.add_action(kent.engine, sept, "Visit the youth centre", "Tomás Ó Briain",
                                  date(2026, 11, 1))
    log = actions_log(kent.engine, kent.body_id, today=date(2026, 11, 23))
    assert [a.action_id for a in log] == [oldest, recent, soon, no_due]
    assert [a.overdue for a in log] == [True, True, False, False]
    assert log[0].minute == "14 Jul 2026, item 4: Early help plan"
    assert log[0].state_words == "Overdue by 84 days"
    assert log[2].minute == "15 Sep 2026, item 5: Budget"
    assert log[3].minute == "15 Sep 2026" and log[3].state_words == "Open, no due date"


def test_s6_marking_done_hides_the_action_undo_brings_it_back_both_audited(kent):
    m = kent.meeting(date(2026, 9, 15))
    action = actions.add_action(kent.engine, m, "Circulate the specification", "Marcus Bell",
                                  date(2026, 10, 15))
    set_done(kent.engine, action, date(2026, 10, 20), today=date(2026, 11, 23))
    assert actions_log(kent.engine, today=date(2026, 11, 23)) == []
    done = actions_log(kent.engine, include_done=True, today=date(2026, 11, 23))
    assert done[0].state_words == "Done 20 Oct 2026" and not done[0].overdue
    set_done(kent.engine, action, None)
    assert actions_log(kent.engine, today=date(2026, 11, 23))[0].overdue
    with Session(kent.engine) as session:
        trail = [a.action for a in session.exec(select(AuditEntry).where(
            AuditEntry.meeting_id == m).order_by(AuditEntry.id))]
    assert trail[-2:] == ["action.done", "action.reopen"]


def test_s6_actions_can_be_done_after_the_minutes_are_approved(kent, dump):
    m = kent.meeting(date(2026, 9, 15))
    action = actions.add_action(kent.engine, m, "Circulate the specification", "Marcus Bell")
    with Session(kent.engine) as session:
        row = session.get(Meeting, m)
        row.minutes_status = "approved"
        session.add(row)
        session.commit()
    before = dump()
    with pytest.raises(ClerkError, match="has not come yet"):
        set_done(kent.engine, action, date(2026, 12, 1), today=date(2026, 11, 23))
    with pytest.raises(ClerkError, match="before the meeting"):
        set_done(kent.engine, action, date(2026, 9, 1), today=date(2026, 11, 23))
    assert dump() == before
    set_done(kent.engine, action, date(2026, 11, 2), today=date(2026, 11, 23))
    assert actions_log(kent.engine, include_done=True)[0].done_on == date(2026, 11, 2)

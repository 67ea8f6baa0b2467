"""DOMAIN.md §9 "Actions" on the Kent LCSP preset (000): an action agreed under an item
has a description, an owner and a due date; it is listed at later meetings as a matter
arising until marked done, with the meeting where it was closed."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from clerk_app.db.tables import Action, AuditEntry, Meeting
from clerk_app.rules.vocabulary import MinutesStatus
from clerk_app.services import actions
from clerk_app.services.errors import ClerkError

SEPT, NOV, JAN = date(2026, 9, 15), date(2026, 11, 17), date(2027, 1, 19)


def _actions(engine) -> list[Action]:
    with Session(engine) as session:
        return list(session.exec(select(Action)))


def _trail(engine, meeting_id: int) -> list[str]:
    with Session(engine) as session:
        return [a.action for a in session.exec(select(AuditEntry).where(
            AuditEntry.meeting_id == meeting_id).order_by(AuditEntry.id))]


def test_s9_actions_agreed_under_an_item_with_owner_and_due_date_audited(kent):
    sept = kent.meeting(SEPT)
    item = kent.items[4]
    action_id = actions.agree_action(kent.engine, item, "Circulate the <revised> plan & map",
                                     "Kent Police", date(2026, 10, 15))
    [row] = actions.meeting_actions(kent.engine, sept, today=SEPT)
    assert (row.action_id, row.item_id, row.description, row.owner, row.due_date) == (
        action_id, item, "Circulate the <revised> plan & map", "Kent Police",
        date(2026, 10, 15))
    assert _trail(kent.engine, sept)[-1] == "action.add"


@pytest.mark.parametrize(("description", "owner", "due", "says"), [
    ("", "Marcus Bell", date(2026, 10, 1), "The action is empty"),
    ("   ", "Marcus Bell", date(2026, 10, 1), "The action is empty"),
    ("Write to schools", "", date(2026, 10, 1), "Nobody owns the action"),
    ("Write to schools", "Marcus Bell", None, "no due date"),
    ("Write to schools", "Marcus Bell", date(2026, 9, 14),
     "before the meeting (Tuesday 15 September 2026): give a date on or after it"),
])
def test_s9_actions_refused_without_what_who_and_when_write_nothing(
        kent, dump, description, owner, due, says):
    kent.meeting(SEPT)
    before = dump()
    with pytest.raises(ClerkError) as refused:
        actions.agree_action(kent.engine, kent.items[4], description, owner, due)
    assert says in refused.value.message
    assert dump() == before


def test_s9_actions_due_on_the_meeting_day_itself_is_allowed(kent):
    kent.meeting(SEPT)
    actions.agree_action(kent.engine, kent.items[4], "Tell the press", "Helen Marsh", SEPT)
    assert _actions(kent.engine)[0].due_date == SEPT


def test_s9_actions_open_ones_are_matters_arising_until_closed_at_a_meeting(kent):
    sept = kent.meeting(SEPT)
    early_help = kent.items[4]
    publish = actions.agree_action(kent.engine, early_help, "Publish the plan",
                                   "Joanna Fairweather", date(2026, 10, 1))
    visit = actions.agree_action(kent.engine, early_help, "Visit the youth centre",
                                 "Tomás Ó Briain", date(2026, 12, 1))
    nov = kent.meeting(NOV)
    own = actions.agree_action(kent.engine, kent.items[4], "Not a matter arising here",
                               "Marcus Bell", date(2027, 1, 5))
    arising = actions.matters_arising(kent.engine, nov, today=NOV)
    assert [r.action_id for r in arising] == [publish, visit]  # overdue first
    assert arising[0].state_words == "Overdue by 47 days"
    assert arising[0].minute == "15 Sep 2026, item 4: Early help plan"

    actions.close_at_meeting(kent.engine, publish, nov, today=NOV)
    arising = actions.matters_arising(kent.engine, nov, today=NOV)
    assert [(r.action_id, r.done_on) for r in arising] == [(visit, None), (publish, NOV)]
    assert arising[1].state_words == "Done at the meeting of 17 Nov 2026"
    assert arising[1].closed_at_meeting_id == nov
    # Audited where it was agreed and where it was closed.
    assert _trail(kent.engine, sept)[-1] == "action.done"
    assert _trail(kent.engine, nov)[-1] == "action.done"

    jan = kent.meeting(JAN)
    assert [r.action_id for r in actions.matters_arising(kent.engine, jan, today=JAN)] == [
        visit, own]  # closed ones are no longer arising
    log = actions.actions_log(kent.engine, kent.body_id, include_done=True, today=JAN)
    assert {r.action_id: r.state_words for r in log}[publish] == \
        "Done at the meeting of 17 Nov 2026"


def test_s9_actions_closing_is_refused_for_the_meetings_own_a_future_meeting_or_twice(
        kent, dump):
    sept = kent.meeting(SEPT)
    publish = actions.agree_action(kent.engine, kent.items[4], "Publish the plan",
                                   "Joanna Fairweather", date(2026, 10, 1))
    nov = kent.meeting(NOV)
    before = dump()
    with pytest.raises(ClerkError, match="earlier meeting of this body"):
        actions.close_at_meeting(kent.engine, publish, sept, today=NOV)
    with pytest.raises(ClerkError, match="has not come yet"):
        actions.close_at_meeting(kent.engine, publish, nov, today=date(2026, 11, 1))
    assert dump() == before
    actions.close_at_meeting(kent.engine, publish, nov, today=NOV)
    with pytest.raises(ClerkError, match="already marked done on Tuesday 17 November 2026"):
        actions.close_at_meeting(kent.engine, publish, nov, today=NOV)


def test_s9_actions_cannot_be_added_once_the_minutes_are_approved(kent, dump):
    sept = kent.meeting(SEPT)
    with Session(kent.engine) as session:
        row = session.get(Meeting, sept)
        row.minutes_status = MinutesStatus.APPROVED
        session.add(row)
        session.commit()
    before = dump()
    with pytest.raises(ClerkError, match="record is locked"):
        actions.agree_action(kent.engine, kent.items[4], "Too late", "Helen Marsh",
                             date(2026, 10, 1))
    assert dump() == before


def test_s9_actions_hostile_text_kept_exactly(kent):
    kent.meeting(SEPT)
    text = "<b>RTL \u202eשלום</b> & " + "x" * 4980
    owner = text[:500]  # the longest name kept
    with pytest.raises(ClerkError, match="The owner is 4,999 characters long .*at most 500"):
        actions.agree_action(kent.engine, kent.items[4], text, text, date(2026, 10, 1))
    actions.agree_action(kent.engine, kent.items[4], text, owner, date(2026, 10, 1))
    [row] = _actions(kent.engine)
    assert (row.description, row.owner) == (text, owner)

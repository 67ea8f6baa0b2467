"""DOMAIN.md §9 "Actions" in the minutes, on the Kent LCSP preset (000): the next
meeting's minutes list the actions still open from earlier meetings as matters arising,
saying which it marked done; an action agreed under an exempt item stays confidential."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from clerk_app.db.tables import Action
from clerk_app.services import actions, minutes
from tests.export.minutes_helpers import (
    SECRET_ACTION,
    hold_kent_meeting,
    start_next_meeting,
    text_of,
)

NEXT_DAY = date(2026, 10, 20)


def test_s9_matters_arising_in_the_next_meetings_minutes(kent):
    first = hold_kent_meeting(kent)
    second = start_next_meeting(kent, NEXT_DAY)
    with Session(kent.engine) as session:
        publish = session.exec(select(Action.id).where(
            Action.description == "Publish the approved plan")).one()
    actions.agree_action(kent.engine, second.items[4], "Chase the <overdue> returns & forms",
                         "Kent Police", date(2026, 11, 30))
    actions.close_at_meeting(kent.engine, publish, second.meeting_id, today=NEXT_DAY)

    text = text_of(minutes.render_minutes(kent.engine, second.meeting_id, "pdf"), "pdf")
    arising = text[text.index("Matters arising: actions from earlier meetings"):
                   text.index("Action list")]
    assert "15 Sep 2026, item 4 Publish the approved plan Joanna Fairweather 1 October " \
           "2026 Done at this meeting" in arising
    assert SECRET_ACTION not in text  # agreed under an exempt item: confidential
    # This meeting's own action is in its action list, not a matter arising.
    assert "Chase the <overdue> returns & forms" not in arising
    assert "Chase the <overdue> returns & forms" in text[text.index("Action list"):]

    first_text = text_of(minutes.render_minutes(kent.engine, first.meeting_id, "pdf"), "pdf")
    assert "Matters arising" not in first_text  # nothing open before the first meeting


def test_s9_matters_arising_left_open_until_marked_done(kent):
    hold_kent_meeting(kent)
    second = start_next_meeting(kent, NEXT_DAY)
    text = text_of(minutes.render_minutes(kent.engine, second.meeting_id, "pdf"), "pdf")
    assert "Publish the approved plan Joanna Fairweather 1 October 2026 Open" in text

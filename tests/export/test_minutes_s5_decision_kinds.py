"""DOMAIN.md §5-§6: every kind of decision the clerk can record reaches the minutes in
words, so that a kind added to the vocabulary cannot be silently left out of them."""

from __future__ import annotations

import pytest

from clerk_app.rules.vocabulary import DecisionKind
from clerk_app.services import decisions, meetings, minutes
from clerk_app.services.decisions import DECISION_KINDS
from tests.conftest import at
from tests.export.minutes_helpers import text_of
from tests.services.test_s2_register import arrive_all

OPENING = {DecisionKind.CONSENSUS: "RESOLVED: that", DecisionKind.REFERRED: "RESOLVED: that",
           DecisionKind.NOTED: "NOTED:", DecisionKind.DEFERRED: "DEFERRED:"}


@pytest.mark.parametrize("kind", DECISION_KINDS, ids=str)
def test_s6_each_decision_kind_is_worded_in_the_minutes(kent, kind):
    m = kent.meeting()
    arrive_all(kent, m, "chair", "edu2", "police", "yos", "health", "district", "vcs")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    decisions.record_decision(kent.engine, kent.items[4], kind, "the plan goes ahead 7Q",
                              at=at(10, 20), referred_to="the Schools Forum")
    meetings.close_meeting(kent.engine, m, at(11, 0))
    text = text_of(minutes.render_minutes(kent.engine, m, "pdf"), "pdf")
    assert "the plan goes ahead 7Q" in text
    assert OPENING[kind] in text

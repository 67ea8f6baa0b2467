"""DOMAIN.md §4 and §9 "A declaration's timing", through the services on the Kent LCSP
preset (000): a member who declares under "Declarations of interest" an interest that
requires withdrawal leaves when the item concerned is taken and returns when the next
item is; the minutes give those times. A declaration says what the interest is."""

from __future__ import annotations

import pytest

from clerk_app.rules.vocabulary import AttendanceKind
from clerk_app.services import decisions, meetings, minutes, register
from clerk_app.services.errors import ClerkError
from tests.conftest import at
from tests.export.minutes_helpers import text_of

ITEMS = ("Early help plan", "Youth contract", "Any other business")  # items 4, 5, 6


def quorate_meeting_under_declarations(kent):
    """All seven of Kent's groups present; item 2, "Declarations of interest", taken."""
    m = kent.meeting(items=ITEMS)
    for key in ("chair", "police", "yos", "health", "district", "vcs"):
        register.arrive(kent.engine, m, kent.ids[key], at(9, 55))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[2], at(10, 1))
    return m


def events_of(kent, m, key):
    return [(e.kind, e.at, e.item_id)
            for e in register.person_events(kent.engine, m, kent.ids[key])]


def test_s9_declared_under_declarations_withdraws_when_the_item_is_taken(kent):
    m = quorate_meeting_under_declarations(kent)
    # Kent: a pecuniary interest withdraws (000 §7.2); declared for item 5, now.
    decisions.declare_interest(kent.engine, kent.items[5], kent.ids["vcs"], "pecuniary",
                               "Trustee of a bidder", at=at(10, 3))
    assert events_of(kent, m, "vcs") == [(AttendanceKind.ARRIVE, at(9, 55), None)]
    assert not register.state(kent.engine, m, kent.items[5]).line(kent.ids["vcs"]).withdrawn

    meetings.start_item(kent.engine, m, kent.items[4], at(10, 10))
    assert len(events_of(kent, m, "vcs")) == 1  # item 4 is not the item concerned
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 30))
    state = register.state(kent.engine, m)
    assert state.line(kent.ids["vcs"]).withdrawn
    assert kent.ids["vcs"] not in {v.person_id for v in state.eligibility.eligible}
    meetings.start_item(kent.engine, m, kent.items[6], at(10, 50))
    assert events_of(kent, m, "vcs")[1:] == [
        (AttendanceKind.WITHDRAW, at(10, 30), kent.items[5]),
        (AttendanceKind.RETURN, at(10, 50), kent.items[5])]
    assert not register.state(kent.engine, m).line(kent.ids["vcs"]).withdrawn

    text = text_of(minutes.render_minutes(kent.engine, m, "pdf"), "pdf")
    assert ("Having declared a pecuniary interest (minute 2), Tomás Ó Briain left the "
            "meeting for this item at 10:30.") in text
    assert "Tomás Ó Briain returned to the meeting at 10:50" in text
    assert "withdrew from the meeting for this item at 10:03" not in text


def test_s4_declared_on_the_item_under_discussion_withdraws_at_once(kent):
    m = quorate_meeting_under_declarations(kent)
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 30))
    decisions.declare_interest(kent.engine, kent.items[5], kent.ids["vcs"], "pecuniary",
                               "Trustee of a bidder", at=at(10, 32))
    assert events_of(kent, m, "vcs")[1:] == [
        (AttendanceKind.WITHDRAW, at(10, 32), kent.items[5])]


def test_s4_a_withdrawal_is_not_stamped_for_a_member_with_a_dispensation(kent):
    m = quorate_meeting_under_declarations(kent)
    decisions.declare_interest(kent.engine, kent.items[5], kent.ids["vcs"], "pecuniary",
                               "Trustee of a bidder", dispensation_by="Monitoring Officer",
                               at=at(10, 3))
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 30))
    assert len(events_of(kent, m, "vcs")) == 1


def test_s4_a_declaration_must_say_what_the_interest_is(kent, dump):
    m = quorate_meeting_under_declarations(kent)
    before = dump()
    with pytest.raises(ClerkError, match="Say what the interest is"):
        decisions.declare_interest(kent.engine, kent.items[5], kent.ids["vcs"], "pecuniary",
                                   "  ", at=at(10, 3))
    assert dump() == before
    assert register.state(kent.engine, m).quorum.quorate


def test_s9_quorum_lost_while_the_member_is_out_comes_back_with_the_next_item(kent):
    m = kent.meeting(items=ITEMS)
    # Chair (Chair or Vice-Chair, and Education), Police, YOS, VCS: five of seven groups.
    for key in ("chair", "police", "yos", "vcs"):
        register.arrive(kent.engine, m, kent.ids[key], at(9, 55))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[2], at(10, 1))
    decisions.declare_interest(kent.engine, kent.items[5], kent.ids["vcs"], "pecuniary",
                               "Trustee of a bidder", at=at(10, 3))
    for position, minute in ((4, 10), (5, 30), (6, 50)):
        meetings.start_item(kent.engine, m, kent.items[position], at(10, minute))
    assert meetings.meeting_summary(kent.engine, m).quorum_events == (
        "The meeting became inquorate at 10:30.",
        "The meeting became quorate again at 10:50.")

"""The vote and election screens refuse what cannot have happened, through the real
widgets on the Kent LCSP preset (000): figures short of the members who may vote wait for
the clerk's confirmation (DOMAIN.md §9), nothing counted is not a vote, an impossible tally
shows the problem rather than the figures before it, and letters in a count are not
dropped without a word (issue 13 items 7 and 9)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clerk_app.gui.dialogs.election_dialog import ElectionDialog
from clerk_app.gui.dialogs.vote_dialog import VoteDialog
from tests.gui.table_support import Clock, drive
from tests.gui.test_table_agenda import CHAIR, HEALTH, POLICE, YOS, sitting

FIVE = (CHAIR, "Grace", POLICE, YOS, HEALTH)  # five members who may vote on item 4


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


def count(qtbot, spin, text: str) -> None:
    """Type over a count, as the clerk does."""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def figures(dialog) -> list[tuple[str, str]]:
    return [(label.text(), number.text()) for label, number in dialog._figure_labels
            if label.isVisible()]


def test_s9_an_election_short_of_the_members_who_may_vote_waits_for_confirmation(
        qtbot, kent, clock, monkeypatch):
    view = sitting(qtbot, kent, clock, *FIVE, items=("Election of the Chair for 2026-27",))
    seen = {}

    def elect(dialog: ElectionDialog) -> None:
        (first, first_votes), (second, second_votes) = dialog.candidates
        first.setCurrentText("Helen Marsh")
        second.setCurrentText("Siân Pritchard")
        count(qtbot, first_votes, "3")
        count(qtbot, second_votes, "1")
        seen["note"] = dialog.did_not_vote_note.text()
        seen["problem"] = dialog.problem.text() if dialog.problem.isVisible() else ""
        seen["enabled"] = dialog.record.isEnabled()
        qtbot.mouseClick(dialog.confirm_did_not_vote, Qt.MouseButton.LeftButton)
        seen["confirmed"] = dialog.record.isEnabled()
        qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, ElectionDialog, elect)
    qtbot.mouseClick(view.agenda.election, Qt.MouseButton.LeftButton)
    assert seen["note"] == ("The votes cast account for 4 of the 5 members present who may "
                            "vote: 1 did not vote.")
    assert seen["problem"] == ("1 member who may vote is not in the votes cast: confirm that "
                               "they did not vote, or correct the votes.")
    assert seen["enabled"] is False and seen["confirmed"] is True
    assert "RESOLVED: that Helen Marsh be elected Chair" in view.agenda.outcomes.text()


def test_s5_nothing_counted_cannot_be_recorded_by_one_enter(qtbot, kent, clock, monkeypatch,
                                                             dump):
    view = sitting(qtbot, kent, clock, *FIVE)
    seen = {}

    def vote(dialog: VoteDialog) -> None:
        qtbot.keyClicks(dialog.motion, "the plan be approved")
        if dialog.confirm_did_not_vote.isVisible():  # nothing to confirm: nobody counted
            qtbot.mouseClick(dialog.confirm_did_not_vote, Qt.MouseButton.LeftButton)
        seen["enabled"] = dialog.record.isEnabled()
        seen["problem"] = dialog.problem.text() if dialog.problem.isVisible() else ""
        seen["result"] = dialog.sentence.text()
        qtbot.keyClick(dialog.motion, Qt.Key.Key_Return)
        seen["open"] = dialog.isVisible()

    drive(monkeypatch, qtbot, VoteDialog, vote)
    before = dump()
    qtbot.mouseClick(view.agenda.vote, Qt.MouseButton.LeftButton)
    assert seen["enabled"] is False and seen["open"] is True
    assert seen["problem"] == ("No hands are counted: enter the figures for, against and "
                               "abstaining from the show of hands.")
    assert seen["result"] == ""  # no "motion was not carried" before anyone voted
    assert dump() == before


def test_s5_an_impossible_tally_shows_the_problem_not_the_figures_before_it(
        qtbot, kent, clock, monkeypatch):
    view = sitting(qtbot, kent, clock, *FIVE)
    seen = {}

    def vote(dialog: VoteDialog) -> None:
        qtbot.keyClicks(dialog.motion, "the plan be approved")
        count(qtbot, dialog.votes_for, "2")
        count(qtbot, dialog.votes_against, "2")
        seen["tie"] = dialog.casting_box.isVisible(), dialog.casting_text.text()
        seen["tie figures"] = figures(dialog)
        count(qtbot, dialog.votes_against, "9")
        seen["tie after"] = dialog.casting_box.isVisible()
        seen["figures after"] = figures(dialog)
        seen["result"] = dialog.sentence.text()
        seen["problem"] = dialog.problem.text() if dialog.problem.isVisible() else ""
        seen["enabled"] = dialog.record.isEnabled()

    drive(monkeypatch, qtbot, VoteDialog, vote)
    qtbot.mouseClick(view.agenda.vote, Qt.MouseButton.LeftButton)
    assert seen["tie"] == (True, "The votes are equal. The Chair (Helen Marsh) may use the "
                                 "casting vote.")
    assert ("For", "2") in seen["tie figures"]
    assert seen["tie after"] is False
    assert seen["figures after"] == []
    assert seen["result"] == ""
    assert seen["problem"] == ("11 votes recorded but only 5 members may vote on this item: "
                               "check the counts.")
    assert seen["enabled"] is False


def test_letters_typed_into_a_count_say_so(qtbot, kent, clock, monkeypatch):
    view = sitting(qtbot, kent, clock, *FIVE)
    seen = {}

    def vote(dialog: VoteDialog) -> None:
        count(qtbot, dialog.votes_for, "4x")
        seen["for"] = dialog.votes_for.value()
        seen["problem"] = dialog.problem.text() if dialog.problem.isVisible() else ""

    drive(monkeypatch, qtbot, VoteDialog, vote)
    qtbot.mouseClick(view.agenda.vote, Qt.MouseButton.LeftButton)
    assert seen["for"] == 4
    assert seen["problem"] == "A count is a number: type digits only (“x” was not taken)."


def test_letters_typed_into_an_election_count_say_so(qtbot, kent, clock, monkeypatch):
    view = sitting(qtbot, kent, clock, *FIVE, items=("Election of the Chair for 2026-27",))
    seen = {}

    def elect(dialog: ElectionDialog) -> None:
        dialog.candidates[0][0].setCurrentText("Helen Marsh")
        count(qtbot, dialog.candidates[0][1], "three")
        seen["problem"] = dialog.problem.text() if dialog.problem.isVisible() else ""

    drive(monkeypatch, qtbot, ElectionDialog, elect)
    qtbot.mouseClick(view.agenda.election, Qt.MouseButton.LeftButton)
    assert seen["problem"] == "A count is a number: type digits only (“e” was not taken)."

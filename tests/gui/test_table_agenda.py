"""At the table: the agenda, declarations and votes, driven through the real widgets on
the Kent LCSP preset (000): a pecuniary interest withdraws the member (000 §7.2), the
Vice-Chair presides when the Chair withdraws (000 §10.3) and may use a casting vote on a
tie (000 §11.3)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlmodel import Session, select

from clerk_app.db.tables import Vote, VotePosition
from clerk_app.gui.dialogs import prompts
from clerk_app.gui.dialogs.decision_dialog import DecisionDialog
from clerk_app.gui.dialogs.declare_dialog import DeclareDialog
from clerk_app.gui.dialogs.election_dialog import ElectionDialog
from clerk_app.gui.dialogs.vote_dialog import VoteDialog
from clerk_app.rules.vocabulary import SettingKey
from clerk_app.services import constitution, interests, meetings, register
from clerk_app.services.meetings import ItemSpec
from tests.gui.table_support import (
    Clock,
    answer_confirm,
    arrive_by_name,
    drive,
    open_table,
    press,
    select_person,
    state_of,
)

CHAIR, POLICE, YOS, HEALTH = "Helen", "okafor", "Marcus", "sian"
EVERYONE = (CHAIR, "Grace", POLICE, YOS, HEALTH, "Peter", "Briain", "Joanna")


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


def sitting(qtbot, kent, clock, *names, items=("Early help plan", "Youth contract")):
    """A Kent meeting opened at 10:00 with these people, at item 4."""
    view = open_table(qtbot, kent.engine, kent.meeting(items=items))
    arrive_by_name(qtbot, view, *names)
    clock.set(10, 0)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    view.agenda.select_item(kent.items[4])
    clock.set(10, 5)
    qtbot.mouseClick(view.agenda.start, Qt.MouseButton.LeftButton)
    assert view.agenda.now.text() == f"Under discussion: item 4. {items[0]}"
    return view


def declare_chair(qtbot, monkeypatch, kent):
    """The Chair declares a pecuniary interest in item 4, with the body's default effect."""
    seen = {}

    def declare(dialog: DeclareDialog) -> None:
        dialog.person.setCurrentIndex(dialog.person.findData(kent.ids["chair"]))
        dialog.kind.setCurrentIndex(dialog.kind.findData("pecuniary"))
        seen["effect"] = dialog.effect.currentData()
        qtbot.keyClicks(dialog.description, "Governor of a school bidding for the service")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["error"] = dialog.error.text() if dialog.isVisible() else ""

    drive(monkeypatch, qtbot, DeclareDialog, declare)
    return seen


def test_s4_chair_declares_a_pecuniary_interest_and_withdraws(qtbot, kent, clock, monkeypatch):
    view = sitting(qtbot, kent, clock, *EVERYONE)
    assert view.agenda.presiding.text() == "Presiding: Helen Marsh (Chair)."
    asked = answer_confirm(monkeypatch, True)
    seen = declare_chair(qtbot, monkeypatch, kent)
    clock.set(10, 6)
    qtbot.mouseClick(view.agenda.declare, Qt.MouseButton.LeftButton)
    assert seen["effect"] == "withdraws"  # Kent's default for a pecuniary interest (000 §7.2)
    assert asked == []  # still quorate without her: no warning
    assert state_of(view, "Helen Marsh") == "Withdrawn (this item)"
    assert view.agenda.presiding.text().startswith(
        "Presiding: Daniel Okafor (Vice-Chair). The Vice-Chair presides: the Chair has "
        "withdrawn for this item.")
    assert "Helen Marsh: pecuniary interest, withdraws" in view.agenda.declarations.text()
    assert view.status.text() == ("Saved 10:06 — Helen Marsh declared a pecuniary interest in "
                                  "item 4 and withdraws")
    clock.set(10, 30)
    select_person(view, kent.ids["chair"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_R)
    assert state_of(view, "Helen Marsh") == "Present"
    assert view.status.text() == "Saved 10:30 — Helen Marsh returned to item 4"


def test_s3_declaration_that_would_break_quorum_warns_first(qtbot, kent, clock, monkeypatch,
                                                           dump):
    view = sitting(qtbot, kent, clock, CHAIR, POLICE, YOS, HEALTH)  # five groups exactly
    asked = answer_confirm(monkeypatch, False)
    seen = declare_chair(qtbot, monkeypatch, kent)
    before = dump()
    qtbot.mouseClick(view.agenda.declare, Qt.MouseButton.LeftButton)
    assert "Helen Marsh withdrawing from item 4 would make the meeting inquorate" in asked[0]
    assert "NOT QUORATE: 4 of 7 groups, 5 needed (1 more)" in asked[0]
    assert "Not recorded" in seen["error"]
    assert dump() == before
    asked = answer_confirm(monkeypatch, True)
    declare_chair(qtbot, monkeypatch, kent)
    qtbot.mouseClick(view.agenda.declare, Qt.MouseButton.LeftButton)
    assert asked and view.banner.verdict.text() == "NOT QUORATE"
    assert "Education: NOT filled" in view.banner.explanation.text()


def test_s5_tie_decided_by_the_presiding_vice_chairs_casting_vote(qtbot, kent, clock,
                                                                  monkeypatch):
    view = sitting(qtbot, kent, clock, *EVERYONE)
    answer_confirm(monkeypatch, True)
    declare_chair(qtbot, monkeypatch, kent)
    qtbot.mouseClick(view.agenda.declare, Qt.MouseButton.LeftButton)
    seen = {}

    def vote(dialog: VoteDialog) -> None:
        qtbot.keyClicks(dialog.motion, "the early help plan be approved")
        for spin, n in ((dialog.votes_for, 2), (dialog.votes_against, 2),
                        (dialog.abstained, 1)):
            spin.setFocus()
            spin.selectAll()
            qtbot.keyClicks(spin, str(n))
        assert dialog.casting_box.isVisible()
        seen["tie"] = dialog.casting_text.text()
        assert not dialog.record.isEnabled()  # the casting vote must be given first
        seen["figures"] = [(label.text(), number.text())
                           for label, number in dialog._figure_labels if label.isVisible()]
        qtbot.mouseClick(dialog.casting_buttons["for"], Qt.MouseButton.LeftButton)
        seen["result"] = dialog.sentence.text()
        # One member who may vote is not in the figures: the clerk confirms it (§9).
        qtbot.mouseClick(dialog.confirm_did_not_vote, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)
        seen["after"] = dialog.sentence.text()
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, VoteDialog, vote)
    clock.set(10, 35)
    qtbot.mouseClick(view.agenda.vote, Qt.MouseButton.LeftButton)
    assert seen["tie"] == ("The votes are equal. The Vice-Chair (Daniel Okafor) may use the "
                           "casting vote.")
    # Seven members present: 2 + 2 + 1 + 1 did not vote + 1 withdrawn, and the
    # non-voting LCSP Manager (000 §9.3).
    assert seen["figures"] == [("For", "2"), ("Against", "2"), ("Abstained", "1"),
                               ("Did not vote", "1"), ("Withdrawn (interest)", "1"),
                               ("Not entitled to vote", "1"), ("Members present", "8")]
    sentence = ("For 2, Against 2, Abstentions 1; 1 did not vote. The Vice-Chair used the "
                "casting vote for the motion, which was carried.")
    assert seen["result"] == f"Result if recorded now: {sentence}"
    assert seen["after"] == f"Recorded. {sentence}"
    assert sentence in view.agenda.outcomes.text()
    assert view.status.text() == "Saved 10:35 — Vote on item 4: carried"


def test_s5_an_impossible_tally_is_refused_as_typed(qtbot, kent, clock, monkeypatch, dump):
    view = sitting(qtbot, kent, clock, CHAIR, "Grace", POLICE, YOS, HEALTH, "Peter")
    seen = {}

    def vote(dialog: VoteDialog) -> None:
        qtbot.keyClicks(dialog.motion, "the plan be approved")
        dialog.votes_for.setFocus()
        dialog.votes_for.selectAll()
        qtbot.keyClicks(dialog.votes_for, "5")
        dialog.votes_against.setFocus()
        dialog.votes_against.selectAll()
        qtbot.keyClicks(dialog.votes_against, "3")
        seen["problem"] = dialog.problem.text() if dialog.problem.isVisible() else ""
        seen["enabled"] = dialog.record.isEnabled()
        qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)
        seen["open"] = dialog.isVisible()

    drive(monkeypatch, qtbot, VoteDialog, vote)
    before = dump()
    qtbot.mouseClick(view.agenda.vote, Qt.MouseButton.LeftButton)
    assert seen["problem"] == ("8 votes recorded but only 6 members may vote on this item: "
                               "check the counts.")
    assert seen["enabled"] is False and seen["open"] is True
    assert dump() == before


def test_s5_a_member_asks_for_a_recorded_vote_after_the_show_of_hands(qtbot, kent, clock,
                                                                      monkeypatch):
    view = sitting(qtbot, kent, clock, CHAIR, "Grace", POLICE, YOS, HEALTH)

    def vote(dialog: VoteDialog) -> None:
        qtbot.keyClicks(dialog.motion, "the plan be approved")
        dialog.votes_for.setValue(4)
        dialog.votes_against.setValue(1)
        qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.ask_named, Qt.MouseButton.LeftButton)
        assert dialog.pages.currentIndex() == 1
        qtbot.mouseClick(dialog.all_for, Qt.MouseButton.LeftButton)
        table = dialog.voters_table
        table.setFocus()
        table.setCurrentIndex(dialog.voters.index(1, 0))  # Grace Adebayo
        qtbot.keyClick(table, Qt.Key.Key_A)
        qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, VoteDialog, vote)
    qtbot.mouseClick(view.agenda.vote, Qt.MouseButton.LeftButton)
    with Session(kent.engine) as session:
        vote_row = session.exec(select(Vote)).one()
        positions = {p.person_id: p.position for p in session.exec(select(VotePosition))}
    assert vote_row.method == "recorded"
    assert (vote_row.votes_for, vote_row.votes_against) == (4, 1)
    assert positions[kent.ids["edu2"]] == "against"
    assert positions[kent.ids["chair"]] == "for"
    assert positions[kent.ids["district"]] == "absent"
    assert view.status.text() == "Saved 10:05 — Vote on item 4 recorded by name"


def test_s5_election_tie_goes_to_the_casting_vote(qtbot, kent, clock, monkeypatch):
    view = sitting(qtbot, kent, clock, CHAIR, "Grace", POLICE, YOS, HEALTH,
                   items=("Election of the Chair for 2026-27",))
    seen = {}

    def elect(dialog: ElectionDialog) -> None:
        dialog.office.setCurrentText("Chair")
        (first, first_votes), (second, second_votes) = dialog.candidates
        first.setCurrentText("Helen Marsh")
        second.setCurrentText("Siân Pritchard")
        first_votes.setValue(2)
        second_votes.setValue(2)
        seen["tie"] = dialog.casting_text.text()
        dialog.tie_choice.setCurrentIndex(dialog.tie_choice.findData("Helen Marsh"))
        seen["result"] = dialog.sentence.text()
        # Four votes from five members who may vote: the clerk confirms one did not (§9).
        qtbot.mouseClick(dialog.confirm_did_not_vote, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, ElectionDialog, elect)
    qtbot.mouseClick(view.agenda.election, Qt.MouseButton.LeftButton)
    assert "casting vote" in seen["tie"]
    assert seen["result"] == ("Result if recorded now: Helen Marsh 2, Siân Pritchard 2; 1 did "
                              "not vote. Helen Marsh was elected on the casting vote of the "
                              "person presiding.")
    assert "RESOLVED: that Helen Marsh be elected Chair" in view.agenda.outcomes.text()


def test_s3_a_resolution_while_inquorate_needs_the_reason(qtbot, kent, clock, monkeypatch):
    view = sitting(qtbot, kent, clock, CHAIR, POLICE, YOS)  # four groups: inquorate
    seen = {}

    def decide(dialog: DecisionDialog) -> None:
        assert dialog.reason.isVisible()
        qtbot.keyClicks(dialog.text, "the plan be approved")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["refused"] = dialog.error.text()
        qtbot.keyClicks(dialog.reason, "grant deadline tomorrow")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, DecisionDialog, decide)
    qtbot.mouseClick(view.agenda.decision, Qt.MouseButton.LeftButton)
    assert "not quorate" in seen["refused"] and "reason" in seen["refused"]
    assert "Taken while inquorate: grant deadline tomorrow" in view.agenda.outcomes.text()


def test_s2_an_exempt_item_asks_for_the_public_to_be_excluded(qtbot, kent, clock, monkeypatch):
    meeting = meetings.create_meeting(kent.engine, kent.body_id, clock.now.date(), items=[
        ItemSpec("Provider performance", exempt=True,
                 exempt_reason="commercially sensitive information")])
    meetings.set_public_count(kent.engine, meeting, 3)
    view = open_table(qtbot, kent.engine, meeting)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    view.agenda.select_item(meetings.agenda(kent.engine, meeting)[-1].item_id)
    asked = answer_confirm(monkeypatch, False)
    qtbot.mouseClick(view.agenda.start, Qt.MouseButton.LeftButton)
    assert "exempt: commercially sensitive information" in asked[0]
    assert "public (3 present)" in asked[0]
    assert view.agenda.now.text() == "No item has been started yet."
    answer_confirm(monkeypatch, True)
    qtbot.mouseClick(view.agenda.start, Qt.MouseButton.LeftButton)
    assert view.agenda.now.text() == "Under discussion: item 4. Provider performance"
    assert view.banner.text().endswith("Public present: 3")
    assert "The public were excluded." in view.agenda.item_details.text()


def test_s4_an_item_mentioning_a_registered_interest_prompts_a_declaration(qtbot, kent, clock):
    interests.register_interest(kent.engine, kent.body_id, kent.ids["vcs"],
                                "Trustee, Kent Youth Trust")
    view = sitting(qtbot, kent, clock, *EVERYONE,
                   items=("Grant to Kent Youth Trust", "Youth contract"))
    assert view.agenda.prompt.isVisible()
    assert "Tomás Ó Briain's registered interest “Trustee, Kent Youth Trust”" in \
        view.agenda.prompt.text()


def test_notes_are_saved_as_the_clerk_types(qtbot, kent, clock):
    view = sitting(qtbot, kent, clock, CHAIR)
    view.agenda.notes.setFocus()
    with qtbot.waitSignal(view.recorded) as saved:  # after the pause in typing
        qtbot.keyClicks(view.agenda.notes, "Members discussed the plan.")
    assert saved.args == ["Saved 10:05 — notes on item 4"]
    assert meetings.agenda(kent.engine, view.meeting_id)[3].notes == "Members discussed the plan."
    assert register.state(kent.engine, view.meeting_id).item_id == kent.items[4]


def test_s5_an_item_referred_elsewhere_names_where(qtbot, kent, clock, monkeypatch):
    view = sitting(qtbot, kent, clock, *EVERYONE)
    seen = {}

    def refer(dialog: DecisionDialog) -> None:
        assert not dialog.referred_to.isVisible()  # only a referral asks where
        dialog.kind.setFocus()
        qtbot.keyClicks(dialog.kind, "Referred")
        assert dialog.referred_to.isVisible()
        qtbot.keyClick(dialog.referred_to, Qt.Key.Key_Return)  # Enter on an empty name
        seen["refused"] = dialog.error.text()
        seen["open"] = dialog.isVisible()
        qtbot.keyClicks(dialog.referred_to, "the Health & Wellbeing Board")
        qtbot.keyClicks(dialog.text, "a decision on the funding")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, DecisionDialog, refer)
    clock.set(10, 20)
    qtbot.mouseClick(view.agenda.decision, Qt.MouseButton.LeftButton)
    assert seen["open"] and "Type where the item is referred to" in seen["refused"]
    assert ("Referred to the Health & Wellbeing Board: a decision on the funding"
            in view.agenda.outcomes.text())


@pytest.mark.parametrize("ordinary_vote", [True, False])
def test_s9_the_vote_screen_says_whether_the_chair_is_in_the_ordinary_count(
        qtbot, kent, clock, monkeypatch, ordinary_vote):
    constitution.change_setting(kent.engine, kent.body_id, SettingKey.CHAIR_ORDINARY_VOTE,
                                ordinary_vote)
    view = sitting(qtbot, kent, clock, *EVERYONE)
    seen = {}

    def look(dialog: VoteDialog) -> None:
        seen["may"] = dialog.voters_panel.may.text()
        seen["may_not"] = dialog.voters_panel.may_not.text()

    drive(monkeypatch, qtbot, VoteDialog, look)
    qtbot.mouseClick(view.agenda.vote, Qt.MouseButton.LeftButton)
    if ordinary_vote:
        assert "Helen Marsh (Chair, presiding, also votes as a member)" in seen["may"]
    else:
        assert "Helen Marsh" not in seen["may"]
        assert "Helen Marsh — presiding: a casting vote only" in seen["may_not"]


def test_s9_figures_short_of_the_eligible_are_confirmed_as_did_not_vote(qtbot, kent, clock,
                                                                       monkeypatch):
    # Six members who may vote; the show of hands accounts for four of them.
    view = sitting(qtbot, kent, clock, CHAIR, "Grace", POLICE, YOS, HEALTH, "Peter")
    seen = {}

    def vote(dialog: VoteDialog) -> None:
        qtbot.keyClicks(dialog.motion, "the plan be approved")
        for spin, n in ((dialog.votes_for, 3), (dialog.votes_against, 1)):
            spin.setFocus()
            spin.selectAll()
            qtbot.keyClicks(spin, str(n))
        seen["note"] = dialog.did_not_vote_note.text()
        seen["problem"] = dialog.problem.text()
        seen["blocked"] = not dialog.record.isEnabled()
        seen["box"] = dialog.confirm_did_not_vote.isVisible()
        qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)  # nothing happens
        seen["still_open"] = dialog.isVisible()
        # Alt+V ticks the confirmation; a changed count asks again.
        press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(dialog.confirm_did_not_vote.isChecked)  # Alt+letter animates a click
        assert dialog.record.isEnabled()
        dialog.abstained.setFocus()
        dialog.abstained.selectAll()
        qtbot.keyClicks(dialog.abstained, "1")
        seen["asked_again"] = not dialog.confirm_did_not_vote.isChecked()
        seen["note_again"] = dialog.did_not_vote_note.text()
        qtbot.mouseClick(dialog.confirm_did_not_vote, Qt.MouseButton.LeftButton)
        seen["result"] = dialog.sentence.text()
        qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, VoteDialog, vote)
    clock.set(10, 20)
    qtbot.mouseClick(view.agenda.vote, Qt.MouseButton.LeftButton)
    assert seen["note"] == ("The figures account for 4 of the 6 members present who may "
                            "vote: 2 did not vote.")
    assert seen["problem"] == ("2 members who may vote are not in the figures: confirm that "
                               "they did not vote, or correct the counts.")
    assert seen["blocked"] and seen["box"] and seen["still_open"]
    assert seen["asked_again"]
    assert seen["note_again"] == ("The figures account for 5 of the 6 members present who "
                                  "may vote: 1 did not vote.")
    sentence = "For 3, Against 1, Abstentions 1; 1 did not vote. The motion was carried."
    assert seen["result"] == f"Result if recorded now: {sentence}"
    assert sentence in view.agenda.outcomes.text()


def test_s9_figures_that_account_for_everyone_ask_for_no_confirmation(qtbot, kent, clock,
                                                                     monkeypatch):
    view = sitting(qtbot, kent, clock, CHAIR, "Grace", POLICE, YOS, HEALTH)
    seen = {}

    def vote(dialog: VoteDialog) -> None:
        qtbot.keyClicks(dialog.motion, "the plan be approved")
        dialog.votes_for.setValue(4)
        dialog.abstained.setValue(1)
        seen["box"] = dialog.confirm_did_not_vote.isVisible()
        seen["note"] = dialog.did_not_vote_note.isVisible()
        seen["enabled"] = dialog.record.isEnabled()

    drive(monkeypatch, qtbot, VoteDialog, vote)
    qtbot.mouseClick(view.agenda.vote, Qt.MouseButton.LeftButton)
    assert seen == {"box": False, "note": False, "enabled": True}


def test_s9_a_tie_with_nobody_presiding_offers_to_choose_who_presides(
        qtbot, kent, clock, monkeypatch):
    view = sitting(qtbot, kent, clock, "Grace", "Marcus", "sian", "Peter", "Briain")
    asked = []

    def choose(parent, title, label, options):
        asked.append(options)
        return options.index("Siân Pritchard")

    monkeypatch.setattr(prompts, "choose", choose)
    seen = {}

    def vote(dialog: VoteDialog) -> None:
        qtbot.keyClicks(dialog.motion, "the early help plan be approved")
        for spin, n in ((dialog.votes_for, 2), (dialog.votes_against, 2)):
            spin.setFocus()
            spin.selectAll()
            qtbot.keyClicks(spin, str(n))
        if dialog.reason.isVisible():
            qtbot.keyClicks(dialog.reason, "grant deadline")
        seen["nobody"] = dialog.casting_text.text()
        seen["buttons"] = [b.isVisible() for b in dialog.casting_buttons.values()]
        seen["blocked"] = not dialog.record.isEnabled()
        qtbot.mouseClick(dialog.choose_presiding, Qt.MouseButton.LeftButton)
        seen["then"] = dialog.casting_text.text()
        qtbot.mouseClick(dialog.casting_buttons["for"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.confirm_did_not_vote, Qt.MouseButton.LeftButton)  # 1 of 5
        qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)
        seen["after"] = dialog.sentence.text()

    drive(monkeypatch, qtbot, VoteDialog, vote)
    clock.set(10, 35)
    qtbot.mouseClick(view.agenda.vote, Qt.MouseButton.LeftButton)
    assert "nobody presides over this item" in seen["nobody"]
    assert seen["buttons"] == [False, False, False] and seen["blocked"]
    assert "Siân Pritchard" in asked[0]
    assert "Siân Pritchard" in seen["then"] and "casting vote" in seen["then"]
    assert "used the casting vote for the motion, which was carried" in seen["after"]
    assert view.agenda.presiding.text().startswith("Presiding: Siân Pritchard")


def test_s9_names_that_change_the_show_of_hands_are_a_recount_with_its_reason(
        qtbot, kent, clock, monkeypatch):
    view = sitting(qtbot, kent, clock, CHAIR, "Grace", POLICE, YOS, HEALTH)
    seen = {}

    def vote(dialog: VoteDialog) -> None:
        qtbot.keyClicks(dialog.motion, "the plan be approved")
        dialog.votes_for.setValue(4)
        dialog.votes_against.setValue(1)
        qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.ask_named, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.all_for, Qt.MouseButton.LeftButton)
        table = dialog.voters_table
        table.setFocus()
        for row in (1, 2):  # two against where the hands showed one
            table.setCurrentIndex(dialog.voters.index(row, 0))
            qtbot.keyClick(table, Qt.Key.Key_A)
        seen["blocked"] = not dialog.record.isEnabled()
        seen["problem"] = dialog.problem.text()
        seen["asks"] = dialog.recount.isVisible()
        qtbot.mouseClick(dialog.recount, Qt.MouseButton.LeftButton)
        seen["still blocked"] = not dialog.record.isEnabled()  # the reason is needed too
        qtbot.keyClicks(dialog.recount_reason, "a member doubted the count")
        qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)

    drive(monkeypatch, qtbot, VoteDialog, vote)
    qtbot.mouseClick(view.agenda.vote, Qt.MouseButton.LeftButton)
    assert seen["blocked"] and seen["asks"] and seen["still blocked"]
    assert seen["problem"] == ("The names give For 3, Against 2, Abstentions 0. The show of "
                               "hands gave For 4, Against 1, Abstentions 0. Correct the "
                               "names, or tick that this was a recount and say why.")
    with Session(kent.engine) as session:
        vote_row = session.exec(select(Vote)).one()
    assert (vote_row.votes_for, vote_row.votes_against) == (3, 2)
    assert vote_row.recount_reason == "a member doubted the count"
    assert vote_row.show_of_hands == "For 4, Against 1, Abstentions 0."

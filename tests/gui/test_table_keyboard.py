"""At the table without a mouse, and for everyone: keyboard-only flow, tab order, accessible
names, click targets, and the Qt models (issue 3, "Keyboard and accessibility")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QApplication
from sqlmodel import Session, select

from clerk_app.db.tables import Vote
from clerk_app.gui.dialogs.decision_dialog import DecisionDialog
from clerk_app.gui.dialogs.declare_dialog import DeclareDialog
from clerk_app.gui.dialogs.election_dialog import ElectionDialog
from clerk_app.gui.dialogs.substitute_dialog import SubstituteDialog
from clerk_app.gui.dialogs.time_edit_dialog import TimeEditDialog
from clerk_app.gui.dialogs.vote_dialog import VoteDialog
from clerk_app.gui.dialogs.walk_in_dialog import WalkInDialog
from clerk_app.gui.models.agenda_model import AgendaModel
from clerk_app.gui.models.register_model import RegisterFilter, RegisterModel
from clerk_app.gui.models.voters_model import VotersModel
from clerk_app.rules.voting import Position
from clerk_app.services import demo, meetings, register, substitutes
from tests.gui.table_support import (
    Clock,
    drive,
    interactive_widgets,
    open_table,
    press,
    state_of,
    type_text,
)

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


def test_keyboard_only_takes_the_register_and_records_a_vote(qtbot, kent, clock, monkeypatch):
    view = open_table(qtbot, kent.engine, kent.meeting())
    assert QApplication.focusWidget() is view.register.filter  # ready for the first name
    for name in ("Helen", "okafor", "Marcus", "sian", "Grace"):
        type_text(qtbot, name)
        press(qtbot, Qt.Key.Key_Return)
    assert view.banner.verdict.text() == "QUORATE"
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # back to the name box
    type_text(qtbot, "Peter")
    press(qtbot, Qt.Key.Key_Down)  # into the register, on Peter O'Neill
    press(qtbot, Qt.Key.Key_A)  # apologies
    assert state_of(view, "Peter O'Neill") == "Apologies"

    # A button's Alt+letter "animates" its click, so each waits for the action's signal.
    clock.set(10, 0)
    with qtbot.waitSignal(view.recorded):
        press(qtbot, Qt.Key.Key_O, ALT)  # open the meeting
    assert view.heading.text().endswith("In progress since 10:00")
    for _ in range(4):
        with qtbot.waitSignal(view.recorded):
            press(qtbot, Qt.Key.Key_X, ALT)  # next item, four times: item 4
    assert view.agenda.now.text() == "Under discussion: item 4. Early help plan"

    def vote_by_keys(dialog: VoteDialog) -> None:
        assert QApplication.focusWidget() is dialog.motion
        type_text(qtbot, "the early help plan be approved")
        press(qtbot, Qt.Key.Key_F, ALT)
        type_text(qtbot, "3")
        press(qtbot, Qt.Key.Key_A, ALT)
        type_text(qtbot, "1")
        press(qtbot, Qt.Key.Key_B, ALT)
        type_text(qtbot, "1")
        press(qtbot, Qt.Key.Key_Return)  # record the vote
        assert dialog.sentence.text() == ("Recorded. For 3, Against 1, Abstentions 1. The "
                                          "motion was carried.")
        press(qtbot, Qt.Key.Key_Return)  # close

    shown = drive(monkeypatch, qtbot, VoteDialog, vote_by_keys)
    clock.set(10, 20)
    with qtbot.waitSignal(view.recorded):
        press(qtbot, Qt.Key.Key_T, ALT)  # Vo&te… (Alt+V is the View menu)
    assert shown and not shown[0].isVisible()
    with Session(kent.engine) as session:
        vote = session.exec(select(Vote)).one()
    assert (vote.votes_for, vote.votes_against, vote.abstained, vote.carried) == (3, 1, 1, True)
    assert view.status.text() == "Saved 10:20 — Vote on item 4: carried"
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # and undo it
    assert meetings.agenda(kent.engine, view.meeting_id)[3].outcomes == ()


def in_progress(qtbot, kent, clock):
    meeting = kent.meeting()
    for key in ("chair", "police", "yos", "health", "edu2"):
        register.arrive(kent.engine, meeting, kent.ids[key])
    meetings.open_meeting(kent.engine, meeting)
    meetings.start_item(kent.engine, meeting, kent.items[4])
    return open_table(qtbot, kent.engine, meeting)


def test_tab_walks_every_interactive_widget_without_a_trap(qtbot, kent, clock):
    view = in_progress(qtbot, kent, clock)
    wanted = set(interactive_widgets(view))
    assert view.agenda.notes in wanted and view.register.table in wanted
    start = QApplication.focusWidget()
    visited = [start]
    for _ in range(len(wanted) * 2):
        press(qtbot, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not visited[-1], f"focus stuck on {now.accessibleName()!r}"
        if now is start:
            break
        visited.append(now)
    assert QApplication.focusWidget() is start  # round the whole view and back
    missing = [w.accessibleName() or type(w).__name__ for w in wanted - set(visited)]
    assert missing == []
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is visited[-1]  # and backwards


def accessible_name(widget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface else ""


def dialogs(kent, view):
    state = register.state(kent.engine, view.meeting_id, kent.items[4])
    events = register.person_events(kent.engine, view.meeting_id, kent.ids["chair"])
    items = [(i.item_id, i.title) for i in meetings.agenda(kent.engine, view.meeting_id)]
    choices = substitutes.substitute_choices(kent.engine, view.meeting_id, kent.ids["vcs"])
    return [
        VoteDialog(state, "4. Early help plan", print, print, parent=view),
        ElectionDialog(state, "4. Early help plan", print, parent=view),
        DeclareDialog([(kent.ids["chair"], "Helen Marsh")], items, kent.items[4],
                      state.rules.declaration_effects, {}, print, parent=view),
        DecisionDialog("4. Early help plan", state.quorum, print, parent=view),
        SubstituteDialog("Tomás Ó Briain", choices, print, parent=view),
        TimeEditDialog("Helen Marsh", clock_day(), events, print, parent=view),
        WalkInDialog(kent.engine, print, parent=view),
    ]


def clock_day():
    from tests.conftest import MEETING_DAY

    return MEETING_DAY


def test_every_interactive_widget_has_an_accessible_name(qtbot, kent, clock):
    view = in_progress(qtbot, kent, clock)
    view.banner.why.setChecked(True)
    unnamed = [type(w).__name__ for w in interactive_widgets(view) if not accessible_name(w)]
    assert unnamed == []
    for dialog in dialogs(kent, view):
        dialog.show()
        if isinstance(dialog, VoteDialog):
            dialog.named.setChecked(True)
        unnamed = [type(w).__name__ for w in interactive_widgets(dialog)
                   if not accessible_name(w)]
        assert unnamed == [], dialog.windowTitle()
        dialog.reject()


def test_click_targets_are_at_least_24_pixels(qtbot, kent, clock):
    view = in_progress(qtbot, kent, clock)
    small = [(w.accessibleName() or type(w).__name__, w.width(), w.height())
             for w in interactive_widgets(view)
             if not isinstance(w, QAbstractItemView) and min(w.width(), w.height()) < 24]
    assert small == []
    rows = view.register.table.verticalHeader().defaultSectionSize()
    assert rows >= 24


def test_nothing_relies_on_colour_alone(qtbot, kent, clock):
    view = in_progress(qtbot, kent, clock)
    assert view.banner.verdict.text() == "QUORATE"  # the word, not only the green
    view.banner.why.setChecked(True)
    lines = view.banner.explanation.text().splitlines()
    assert all("filled by" in line or "NOT filled" in line for line in lines if "✓" in line
               or "✗" in line)
    assert state_of(view, "Peter O'Neill") == "Not arrived"


def test_models_are_well_behaved(qtmodeltester, engine):
    demo.build_demo(engine)
    state = register.state(engine, 1)
    model = RegisterModel()
    model.set_rows(list(state.register))
    qtmodeltester.check(model)
    proxy = RegisterFilter()
    proxy.setSourceModel(model)
    proxy.set_text("kent")
    qtmodeltester.check(proxy)
    agenda = AgendaModel()
    agenda.set_rows(meetings.agenda(engine, 1), state.item_id)
    qtmodeltester.check(agenda)
    voters = VotersModel([(a.person_id, a.name) for a in state.eligibility.eligible])
    voters.set_all(Position.FOR)
    voters.set_position(0, Position.AGAINST)
    qtmodeltester.check(voters)

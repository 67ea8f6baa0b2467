"""The actions log driven with clicks and keys: overdue first, the minute each action came
from, mark done and undo (DOMAIN.md §6, the minutes' action list)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from sqlmodel import Session

from clerk_app.db.tables import Action
from clerk_app.gui.views.year.actions_view import ActionsView
from clerk_app.services import actions
from tests.gui.year_record import column_texts, finish_jobs, unnamed_controls, wait_loaded


@pytest.fixture(autouse=True)
def _jobs_done():
    yield
    finish_jobs()


@pytest.fixture
def log(kent):
    july = kent.meeting(date(2026, 7, 14), items=("Early help plan",))
    plan_item = kent.items[4]
    sept = kent.meeting(date(2026, 9, 15), items=("Youth contract",))
    ids = {
        "soon": actions.add_action(kent.engine, sept, "Circulate the budget", "Marcus Bell",
                                     date(2026, 12, 1)),
        "late": actions.add_action(kent.engine, july, "Report on early help <b>referrals</b>",
                                     "Helen Marsh", date(2026, 8, 31), plan_item),
    }
    return kent, ids, july, plan_item


def open_view(qtbot, engine) -> ActionsView:
    view = ActionsView(engine, today=date(2026, 11, 23))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    wait_loaded(qtbot, view)
    return view


def test_s6_overdue_first_with_the_minute_it_came_from(qtbot, log):
    kent, _ids, _july, _item = log
    view = open_view(qtbot, kent.engine)
    assert column_texts(view.table, "Action") == ["Report on early help <b>referrals</b>",
                                                  "Circulate the budget"]
    assert column_texts(view.table, "State") == ["Overdue by 84 days", "Due in 8 days"]
    assert column_texts(view.table, "From the minute") == [
        "14 Jul 2026, item 4: Early help plan", "15 Sep 2026"]
    assert view.summary.text() == "2 open, 1 overdue."


def test_s6_mark_done_with_the_keyboard_then_undo_it(qtbot, log):
    kent, ids, _july, _item = log
    view = open_view(qtbot, kent.engine)
    view.table.setFocus()  # the first row, the longest overdue action, is chosen
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_Up)
    assert view.done_button.isEnabled() and not view.reopen_button.isEnabled()
    view.done_on.setDate(QDate(2026, 11, 20))
    with qtbot.waitSignal(view.loaded, timeout=10000):
        qtbot.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # Mar&k done
    assert column_texts(view.table, "Action") == ["Circulate the budget"]
    assert "Done on 20 November 2026" in view.notice.text()
    with Session(kent.engine) as session:
        assert session.get(Action, ids["late"]).done_on == date(2026, 11, 20)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        qtbot.mouseClick(view.show_done, Qt.MouseButton.LeftButton)
    assert column_texts(view.table, "State") == ["Due in 8 days", "Done 20 Nov 2026"]
    view.table.selectRow(1)
    assert view.reopen_button.isEnabled() and not view.done_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=10000):
        qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton)
    assert column_texts(view.table, "State")[0] == "Overdue by 84 days"
    with Session(kent.engine) as session:
        assert session.get(Action, ids["late"]).done_on is None


def test_s6_enter_on_an_action_asks_for_its_minute(qtbot, log):
    kent, _ids, july, item = log
    view = open_view(qtbot, kent.engine)
    view.table.setFocus()
    view.table.selectRow(0)
    with qtbot.waitSignal(view.minute_activated) as signal:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert signal.args == [july, item]


def test_actions_view_names_every_control_and_its_model_is_well_behaved(qtbot, log,
                                                                         qtmodeltester):
    kent, *_rest = log
    view = open_view(qtbot, kent.engine)
    assert unnamed_controls(view) == []
    qtmodeltester.check(view.model)

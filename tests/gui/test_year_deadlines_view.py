"""The deadlines dashboard driven with clicks and keys (DOMAIN.md §6): dispatch deadlines
around Easter, the May bank holidays and Christmas in both counting settings, overdue
first, marking papers sent and minutes distributed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from sqlmodel import Session

from clerk_app.db.tables import Meeting
from clerk_app.gui.views.year.deadlines_view import DeadlinesView
from clerk_app.services import constitution, meetings, presets
from tests.gui.year_record import column_texts, finish_jobs, held, unnamed_controls, wait_loaded


@pytest.fixture(autouse=True)
def _jobs_done():
    yield
    finish_jobs()


def open_view(qtbot, engine, today) -> DeadlinesView:
    view = DeadlinesView(engine, today=today)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    wait_loaded(qtbot, view)
    return view


def rows(view) -> list[tuple[str, ...]]:
    return list(zip(column_texts(view.table, "Body"), column_texts(view.table, "Meeting"),
                    column_texts(view.table, "Deadline"), column_texts(view.table, "Due by"),
                    column_texts(view.table, "State"), strict=True))


def test_s6_dispatch_deadlines_around_bank_holidays_in_both_countings(qtbot, kent):
    # A second Kent LCSP board that counts "clear days" (DOMAIN.md §6's alternative).
    clear = presets.create_body_from_preset(kent.engine, "kent-lcsp", key="kent-lcsp-clear")
    constitution.change_setting(kent.engine, clear, "dispatch_counting", "clear_days")
    for day in (date(2026, 4, 15), date(2026, 5, 26), date(2027, 1, 5)):
        kent.meeting(day)
        meetings.create_meeting(kent.engine, clear, day)
    view = open_view(qtbot, kent.engine, today=date(2026, 3, 2))
    shown = [(row.body_id, text[3]) for row, text in zip(view.model.rows(), rows(view),
                                                              strict=True)]
    # Easter 2026 (Good Friday 3 April, Easter Monday 6 April); the spring bank holiday,
    # Monday 25 May; Christmas Day, Boxing Day (observed Monday 28 December), New Year.
    assert [due for body, due in shown if body == kent.body_id] == [
        "Thu 2 Apr 2026", "Thu 14 May 2026", "Tue 22 Dec 2026"]
    # Clear days leave the dispatch day out too: one working day earlier each time.
    assert [due for body, due in shown if body == clear] == [
        "Wed 1 Apr 2026", "Wed 13 May 2026", "Mon 21 Dec 2026"]
    assert set(column_texts(view.table, "Rule")) == {
        "7 working days before (meeting day not counted)",
        "7 clear working days before (neither day counted)"}
    # The body filter narrows the list to one body's rule.
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.body_box.setCurrentIndex(view.body_box.findData(clear))
    assert len(rows(view)) == 3


def test_s6_overdue_first_then_mark_papers_sent_with_keys_and_clicks(qtbot, kent):
    minutes_late = held(kent, date(2026, 10, 13))
    upcoming = kent.meeting(date(2026, 12, 8))  # papers due by Friday 27 November
    view = open_view(qtbot, kent.engine, today=date(2026, 11, 30))
    assert [r[2:] for r in rows(view)] == [
        ("Minutes", "Fri 23 Oct 2026", "Overdue by 38 days"),
        ("Agenda papers", "Fri 27 Nov 2026", "Overdue by 3 days"),
    ]
    assert view.summary.text().startswith("2 overdue")
    view.table.setFocus()  # the first row is chosen; Down moves to the papers
    assert view.mark_button.text() == "Mar&k minutes distributed"
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.mark_button.text() == "Mar&k papers sent"
    view.done_on.setDate(QDate(2026, 11, 30))
    with qtbot.waitSignal(view.loaded, timeout=10000):
        qtbot.mouseClick(view.mark_button, Qt.MouseButton.LeftButton)
    assert "Agenda papers sent on Monday 30 November 2026" in view.notice.text()
    papers = next(r for r in rows(view) if r[2] == "Agenda papers")
    assert papers[4] == "Sent 30 November 2026, 3 days late"
    with Session(kent.engine) as session:
        assert session.get(Meeting, upcoming).papers_dispatched_on == date(2026, 11, 30)
    # Undo: the papers were not sent after all (still the selected row).
    assert view.undo_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=10000):
        qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    with Session(kent.engine) as session:
        assert session.get(Meeting, upcoming).papers_dispatched_on is None
    # The minutes of the meeting held: distributed today.
    view.table.selectRow(0)
    assert view.mark_button.text() == "Mar&k minutes distributed"
    with qtbot.waitSignal(view.loaded, timeout=10000):
        qtbot.keyClick(view.mark_button, Qt.Key.Key_Space)
    with Session(kent.engine) as session:
        assert session.get(Meeting, minutes_late).minutes_distributed_on == date(2026, 11, 30)
    assert [r[2] for r in rows(view)] == ["Agenda papers"]


def test_s6_a_refused_mark_is_explained_and_nothing_changes(qtbot, kent):
    m = held(kent, date(2026, 9, 15))
    with Session(kent.engine) as session:  # approved at a later meeting: locked (§6)
        row = session.get(Meeting, m)
        row.minutes_status = "approved"
        session.add(row)
        session.commit()
    view = open_view(qtbot, kent.engine, today=date(2026, 11, 23))
    assert rows(view) == []
    assert view.summary.text().startswith("Nothing due")
    with qtbot.waitSignal(view.loaded, timeout=10000):
        qtbot.mouseClick(view.show_done, Qt.MouseButton.LeftButton)
    assert [r[2] for r in rows(view)] == ["Agenda papers", "Minutes"]
    assert rows(view)[1][4] == "Minutes approved; distribution date not recorded"
    view.table.selectRow(0)
    qtbot.mouseClick(view.mark_button, Qt.MouseButton.LeftButton)
    assert view.notice.objectName() == "errorMessage"
    assert "approved" in view.notice.text()
    with Session(kent.engine) as session:
        assert session.get(Meeting, m).papers_dispatched_on is None


def test_s6_enter_on_a_row_asks_to_open_that_meeting(qtbot, kent):
    m = kent.meeting(date(2026, 12, 8))
    view = open_view(qtbot, kent.engine, today=date(2026, 11, 23))
    view.table.setFocus()
    view.table.selectRow(0)
    with qtbot.waitSignal(view.meeting_activated) as signal:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert signal.args == [m]
    assert unnamed_controls(view) == []

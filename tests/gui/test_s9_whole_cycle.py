"""DOMAIN.md §9, the whole cycle from the window (issue 13, "Done when"), on the Kent LCSP
preset (000), through the real widgets only: a meeting created from the window and its
agenda edited (an item added, two swapped, one marked exempt with its reason), the papers
marked sent, a late item added with its reason, the meeting run (the register until it
is quorate, an urgent item with its reason, an action, a vote) and closed; the next
meeting, created from the window, agrees the first one's minutes with a correction; the
first is then locked and its minutes saved as a PDF without DRAFT, with the correction,
the action and the urgent item's reason.

The meetings are dated from the laptop's calendar (the new-meeting dialog suggests a day
two weeks on, and the deadlines list counts from today); the clock the table reads is
pinned to each meeting's day, so that recording is live."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlmodel import Session, select

from clerk_app import clock
from clerk_app.db.tables import Action, Meeting
from clerk_app.gui.dialogs.action_dialog import ActionDialog
from clerk_app.gui.dialogs.approval_dialog import ApprovalDialog
from clerk_app.gui.dialogs.decision_dialog import DecisionDialog
from clerk_app.gui.dialogs.item_dialog import ItemDialog
from clerk_app.gui.dialogs.minutes_preview import MinutesPreviewDialog
from clerk_app.gui.dialogs.new_meeting_dialog import NewMeetingDialog
from clerk_app.gui.dialogs.vote_dialog import VoteDialog
from clerk_app.gui.main_window import MainWindow
from clerk_app.gui.views.year.deadlines_view import DeadlinesView
from clerk_app.rules.vocabulary import DeadlineTask, ItemAddition, MeetingStatus, MinutesStatus
from clerk_app.services import agenda, meetings, minutes
from tests.export.minutes_helpers import text_of
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)
from tests.gui.table_support import activate, arrive_by_name, drive
from tests.gui.year_record import finish_jobs

EXEMPT_REASON = "Commercially sensitive (LGA 1972 Sch 12A para 3)"
LATE_REASON = "The inspection letter arrived after the papers went out"
URGENT_REASON = "The insurer needs an answer before the next meeting"
ACTION = "Circulate the revised early help plan to every school"
CORRECTION = "Item 5: the vote was 5 for, 1 against, with 1 abstention."
WAIT_MS = 60_000  # a ceiling for a slow machine, not a timing assertion


@pytest.fixture(autouse=True)
def _jobs_done():
    yield
    finish_jobs()


class Laptop:
    """The clock the table reads, pinned to a wall-clock time on a chosen day."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = clock.at(date.today(), time(9, 0))
        monkeypatch.setattr(clock, "now", lambda: self.now)

    def set(self, day: date, hour: int, minute: int) -> datetime:
        self.now = clock.at(day, time(hour, minute))
        return self.now


@pytest.fixture
def laptop(monkeypatch) -> Laptop:
    return Laptop(monkeypatch)


def open_window(qtbot, kent, db_path) -> MainWindow:
    win = MainWindow(kent.engine, str(db_path))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    activate(qtbot, win)
    return win


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_row(qtbot, view, index) -> None:
    """Click a row of a list or table, where it is on the screen."""
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(index).center())


def click_item(qtbot, table, item_id: int) -> None:
    panel = table.agenda
    click_row(qtbot, panel.list, panel.model.index(panel.model.row_of(item_id), 0))
    assert panel.selected_item() == item_id


def click_entry(qtbot, win: MainWindow, meeting_id: int) -> None:
    """Click a meeting's entry in the bodies-and-meetings list."""
    entry = next(e for e in win.navigator.meeting_entries() if e.meeting_id == meeting_id)
    index = win.navigator.index_of(entry)
    win.navigator.scrollTo(index)
    qtbot.mouseClick(win.navigator.viewport(), Qt.MouseButton.LeftButton,
                     pos=win.navigator.visualRect(index).center())
    assert win.current_meeting_id() == meeting_id


def rows(table) -> list[str]:
    model = table.agenda.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def item_ids(engine, meeting_id: int) -> dict[str, int]:
    return {line.title: line.item_id for line in meetings.agenda(engine, meeting_id)}


def type_over(qtbot, field, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def count(qtbot, spin, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def fill_item(qtbot, title: str = "", reason: str = "", exempt_reason: str = ""):
    """A script for the item dialog: type what is given, then press its main button."""
    def script(dialog: ItemDialog) -> None:
        if title:
            type_over(qtbot, dialog.title, title)
        if reason:
            dialog.reason.setFocus()
            qtbot.keyClicks(dialog.reason, reason)
        if exempt_reason:
            click(qtbot, dialog.exempt)
            qtbot.keyClicks(dialog.exempt_reason, exempt_reason)
        click(qtbot, dialog.ok_button)
        assert not dialog.isVisible(), dialog.error.text()
    return script


def new_meeting(qtbot, win: MainWindow, day: date, venue: str, *titles: str) -> int:
    """Meeting › New meeting… (Ctrl+N) from the list, typed in and created."""
    win.navigator.setFocus()
    qtbot.keyClick(win.navigator, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = win.dialog
    assert isinstance(dialog, NewMeetingDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.focusWidget() is dialog.day
    qtbot.keyClicks(dialog.day, f"{day:%d/%m/%Y}")
    type_over(qtbot, dialog.start, "10:00")
    type_over(qtbot, dialog.venue, venue)
    dialog.title.setFocus()
    for title in titles:
        qtbot.keyClicks(dialog.title, title)
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)  # adds the item
    assert dialog.items.count() == len(titles)
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible(), dialog.error.text()
    activate(qtbot, win)
    meeting_id = win.current_meeting_id()
    assert meeting_id == dialog.meeting_id
    summary = meetings.meeting_summary(win.engine, meeting_id)
    assert (summary.date, summary.start_time, summary.venue) == (day, time(10, 0), venue)
    return meeting_id


def test_s9_the_whole_cycle_from_the_window(qtbot, kent, laptop, db_path, monkeypatch,
                                            tmp_path):
    win, engine = open_window(qtbot, kent, db_path), kent.engine
    today = date.today()
    first_day = today + timedelta(days=14)
    next_day = first_day + timedelta(days=35)

    # --- A meeting created from the window, two weeks on. -----------------------------
    first = new_meeting(qtbot, win, first_day, "Sessions House", "Early help plan",
                        "Youth contract")
    table = win.table_view()
    assert win.pages.currentWidget() is table and table.meeting_id == first

    # --- Its agenda edited before the papers go out. ----------------------------------
    drive(monkeypatch, qtbot, ItemDialog, fill_item(qtbot, "Budget monitoring"))
    click(qtbot, table.agenda.add_item)
    assert rows(table)[3:] == ["4. Early help plan", "5. Youth contract",
                               "6. Budget monitoring"]
    ids = item_ids(engine, first)
    click_item(qtbot, table, ids["Budget monitoring"])  # item 6 above item 5, by keys
    qtbot.keyClick(table.agenda.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    click_item(qtbot, table, ids["Youth contract"])
    drive(monkeypatch, qtbot, ItemDialog, fill_item(qtbot, exempt_reason=EXEMPT_REASON))
    click(qtbot, table.agenda.edit_item)
    assert rows(table)[3:] == ["4. Early help plan", "5. Budget monitoring",
                               "6. Youth contract (exempt)"]
    assert meetings.agenda(engine, first)[5].exempt_reason == EXEMPT_REASON

    # --- The papers marked sent today, from Year › Deadlines. -------------------------
    next(a for a in win.menus["Year"].actions() if a.text() == "&Deadlines").trigger()
    deadlines = win.pages.currentWidget()
    assert isinstance(deadlines, DeadlinesView)
    qtbot.waitUntil(lambda: any(r.meeting_id == first and r.task == DeadlineTask.PAPERS
                                for r in deadlines.model.rows()), timeout=WAIT_MS)
    row = next(n for n, r in enumerate(deadlines.model.rows())
               if r.meeting_id == first and r.task == DeadlineTask.PAPERS)
    click_row(qtbot, deadlines.table, deadlines.model.index(row, 0))
    assert deadlines.mark_button.text() == "Mar&k papers sent"
    with qtbot.waitSignal(deadlines.loaded, timeout=WAIT_MS):
        click(qtbot, deadlines.mark_button)
    with Session(engine) as session:
        assert session.get(Meeting, first).papers_dispatched_on == today

    # --- Back at the meeting: an item added now is a late item, with its reason. ------
    click_entry(qtbot, win, first)
    assert win.pages.currentWidget() is table
    assert table.agenda.add_item.text() == "Add a late item…"
    drive(monkeypatch, qtbot, ItemDialog, fill_item(qtbot, "Ofsted letter", LATE_REASON))
    click(qtbot, table.agenda.add_item)
    assert rows(table)[-1] == "7. Ofsted letter (late item)"
    late = meetings.agenda(engine, first)[6]
    assert (late.added, late.added_reason) == (ItemAddition.LATE, LATE_REASON)

    # --- The meeting day: the register until quorate, opened. -------------------------
    laptop.set(first_day, 9, 45)
    click_entry(qtbot, win, first)
    assert table.banner.text().startswith("NOT QUORATE"), table.banner.text()
    arrive_by_name(qtbot, table, "Helen", "Grace", "okafor", "Marcus", "sian", "Peter",
                   "Briain")
    assert table.banner.text().startswith("QUORATE"), table.banner.text()
    laptop.set(first_day, 10, 0)
    click(qtbot, table.open_button)
    assert meetings.meeting_summary(engine, first).status == MeetingStatus.IN_PROGRESS

    # Item 4: an action with its owner and due date.
    ids = item_ids(engine, first)
    laptop.set(first_day, 10, 5)
    click_item(qtbot, table, ids["Early help plan"])
    click(qtbot, table.agenda.start)
    due = first_day + timedelta(days=30)

    def record_action(dialog: ActionDialog) -> None:
        qtbot.keyClicks(dialog.description, ACTION)
        dialog.owner.setFocus()
        qtbot.keyClicks(dialog.owner.lineEdit(), "Daniel Okafor")
        dialog.due.setFocus()
        qtbot.keyClicks(dialog.due, f"{due:%d/%m/%Y}")
        click(qtbot, dialog.ok_button)
        assert not dialog.isVisible(), dialog.error.text()

    drive(monkeypatch, qtbot, ActionDialog, record_action)
    laptop.set(first_day, 10, 15)
    click(qtbot, table.agenda.actions.add)
    with Session(engine) as session:
        [action] = session.exec(select(Action)).all()
    assert (action.description, action.owner, action.due_date, action.item_id) == (
        ACTION, "Daniel Okafor", due, ids["Early help plan"])

    # Item 5: a vote by show of hands, every member who may vote counted.
    laptop.set(first_day, 10, 20)
    click_item(qtbot, table, ids["Budget monitoring"])
    click(qtbot, table.agenda.start)
    seen = {}

    def vote(dialog: VoteDialog) -> None:
        qtbot.keyClicks(dialog.motion, "the budget monitoring report be accepted")
        for spin, n in ((dialog.votes_for, "5"), (dialog.votes_against, "1"),
                        (dialog.abstained, "1")):
            count(qtbot, spin, n)
        assert dialog.record.isEnabled(), dialog.problem.text()
        click(qtbot, dialog.record)
        seen["after"] = dialog.sentence.text()
        click(qtbot, dialog.close_button)

    drive(monkeypatch, qtbot, VoteDialog, vote)
    laptop.set(first_day, 10, 30)
    click(qtbot, table.agenda.vote)
    assert seen["after"].startswith("Recorded. For 5, Against 1, Abstentions 1")
    assert "carried" in table.agenda.outcomes.text()

    # An urgent item, agreed by the person presiding, taken now.
    laptop.set(first_day, 10, 40)
    shown = drive(monkeypatch, qtbot, ItemDialog,
                  fill_item(qtbot, "Flood damage to the youth centre", URGENT_REASON))
    assert table.agenda.add_item.text() == "Add an urgent item…"
    click(qtbot, table.agenda.add_item)
    assert "urgent" in shown[0].intro.text()
    assert rows(table)[-1] == "8. Flood damage to the youth centre (urgent item)"
    click(qtbot, table.agenda.start)  # the new item is selected: take it now
    assert table.agenda.now.text() == \
        "Under discussion: item 8. Flood damage to the youth centre"

    def consensus(dialog: DecisionDialog) -> None:
        qtbot.keyClicks(dialog.text, "the repairs go ahead")
        click(qtbot, dialog.ok_button)

    drive(monkeypatch, qtbot, DecisionDialog, consensus)
    click(qtbot, table.agenda.decision)

    laptop.set(first_day, 11, 0)
    click(qtbot, table.close_button)
    assert meetings.meeting_summary(engine, first).status == MeetingStatus.CLOSED
    draft = text_of(minutes.render_minutes(engine, first, "pdf"), "pdf")
    assert "DRAFT" in draft  # what the approval is to take away

    # --- The next meeting, created from the window, agrees the minutes. ---------------
    laptop.set(first_day, 11, 30)
    second = new_meeting(qtbot, win, next_day, "Sessions House", "Any other business")
    assert win.pages.currentWidget() is table and table.meeting_id == second
    laptop.set(next_day, 9, 45)
    click_entry(qtbot, win, second)
    arrive_by_name(qtbot, table, "Helen", "Grace", "okafor", "Marcus", "sian", "Peter")
    laptop.set(next_day, 10, 0)
    click(qtbot, table.open_button)
    laptop.set(next_day, 10, 5)
    click_item(qtbot, table, item_ids(engine, second)["Minutes of the previous meeting"])
    click(qtbot, table.agenda.start)

    def agree(dialog: ApprovalDialog) -> None:
        qtbot.keyClicks(dialog.corrections, CORRECTION)
        click(qtbot, dialog.ok_button)
        assert not dialog.isVisible(), dialog.error.text()

    drive(monkeypatch, qtbot, ApprovalDialog, agree)
    laptop.set(next_day, 10, 10)
    click(qtbot, table.agenda.decision)
    assert "be agreed as a correct record, subject to the corrections" in \
        table.agenda.outcomes.text()

    # --- The first meeting is locked; its minutes saved without DRAFT. ----------------
    assert minutes.minutes_status(engine, first).status is MinutesStatus.APPROVED
    assert agenda.meeting_details(engine, first).locked
    click_entry(qtbot, win, first)
    assert win.navigator.label(win.navigator.current()).endswith("— Closed, minutes approved")
    assert win.pages.currentWidget() is win.meeting_view
    qtbot.keyClick(win.navigator, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    preview = win.dialog
    assert isinstance(preview, MinutesPreviewDialog)
    qtbot.waitUntil(preview.save_pdf.isEnabled, timeout=WAIT_MS)
    target = tmp_path / "minutes.pdf"
    monkeypatch.setattr(MinutesPreviewDialog, "ask_save_path",
                        classmethod(lambda cls, parent, suggested, filter_text: str(target)))
    with qtbot.waitSignal(preview.saved, timeout=WAIT_MS):
        click(qtbot, preview.save_pdf)
    text = text_of(Path(target).read_bytes(), "pdf")
    assert "DRAFT" not in text
    assert CORRECTION in text
    assert ACTION in text and "Daniel Okafor" in text
    assert f"Taken as an urgent item: {URGENT_REASON}." in text
    preview.close()


def test_after_a_year_view_the_chosen_meeting_comes_back_with_a_click_or_enter(
        qtbot, kent, laptop, db_path):
    """Year › Deadlines leaves the meeting chosen in the list: clicking it, or Enter on it,
    shows the meeting again (before, the clerk had to choose another entry and back)."""
    meeting_id = kent.meeting(date.today() + timedelta(days=7))
    win = open_window(qtbot, kent, db_path)
    click_entry(qtbot, win, meeting_id)
    table = win.table_view()
    assert win.pages.currentWidget() is table
    for back in ("click", "enter"):
        next(a for a in win.menus["Year"].actions() if a.text() == "&Deadlines").trigger()
        assert isinstance(win.pages.currentWidget(), DeadlinesView)
        if back == "click":
            click_entry(qtbot, win, meeting_id)
        else:
            win.navigator.setFocus()
            qtbot.keyClick(win.navigator, Qt.Key.Key_Return)
        assert win.pages.currentWidget() is table and table.meeting_id == meeting_id

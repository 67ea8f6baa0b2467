"""DOMAIN.md §9 "Agenda changes" at the meeting table, through the real widgets, on the
Kent LCSP preset (000): the agenda edited before dispatch (an item added, renamed, two
swapped, one marked exempt), a late item after dispatch, an urgent item during the
meeting with its reason in the minutes, items taken out of order, and the meeting's
details."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from clerk_app.gui.dialogs.decision_dialog import DecisionDialog
from clerk_app.gui.dialogs.item_dialog import ItemDialog
from clerk_app.gui.dialogs.meeting_details_dialog import MeetingDetailsDialog
from clerk_app.rules.vocabulary import ItemAddition
from clerk_app.services import agenda, meetings, minutes, schedule
from tests.export.minutes_helpers import text_of
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)
from tests.gui.table_support import Clock, answer_confirm, arrive_by_name, drive, open_table

HOSTILE = "<b>Budget</b> & \u05e2\u05d1\u05e8\u05d9\u05ea review"
LATE_REASON = "The inspection letter arrived after the papers went out"
URGENT_REASON = "The insurer needs an answer before the next meeting"


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_item(qtbot, view, item_id: int) -> None:
    """Click the item's row in the agenda list, as the clerk does."""
    panel = view.agenda
    index = panel.model.index(panel.model.row_of(item_id), 0)
    panel.list.scrollTo(index)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.list.visualRect(index).center())
    assert panel.selected_item() == item_id


def rows(view) -> list[str]:
    model = view.agenda.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def fill_item(qtbot, title: str = "", reason: str = "", exempt_reason: str = ""):
    """A script for the item dialog: type what is given, then press the main button."""
    def script(dialog: ItemDialog) -> None:
        if title:
            dialog.title.selectAll()
            qtbot.keyClicks(dialog.title, title[:6])
            dialog.title.insert(title[6:])  # keys cannot carry every character: pasted
        if reason:
            qtbot.keyClicks(dialog.reason, reason)
        if exempt_reason:
            click(qtbot, dialog.exempt)
            qtbot.keyClicks(dialog.exempt_reason, exempt_reason)
        click(qtbot, dialog.ok_button)
    return script


def test_s9_agenda_edited_before_dispatch_add_rename_swap_exempt(qtbot, kent, clock,
                                                                 monkeypatch):
    m = kent.meeting()
    view = open_table(qtbot, kent.engine, m)
    drive(monkeypatch, qtbot, ItemDialog, fill_item(qtbot, "Budget monitoring"))
    click(qtbot, view.agenda.add_item)
    assert rows(view)[-1] == "6. Budget monitoring"
    assert view.agenda.item_title.text() == "Item 6. Budget monitoring"  # selected

    click_item(qtbot, view, kent.items[4])
    drive(monkeypatch, qtbot, ItemDialog, fill_item(qtbot, HOSTILE))
    click(qtbot, view.agenda.edit_item)
    # Item 5 goes above item 4 with the keyboard, as the clerk would.
    click_item(qtbot, view, kent.items[5])
    qtbot.keyClick(view.agenda.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    click_item(qtbot, view, kent.items[5])
    drive(monkeypatch, qtbot, ItemDialog,
          fill_item(qtbot, exempt_reason="Commercially sensitive (LGA 1972 Sch 12A para 3)"))
    click(qtbot, view.agenda.edit_item)
    assert rows(view)[3:] == ["4. Youth contract (exempt)", f"5. {HOSTILE}",
                              "6. Budget monitoring"]
    line = meetings.agenda(kent.engine, m)[3]
    assert (line.exempt_reason, line.added) == (
        "Commercially sensitive (LGA 1972 Sch 12A para 3)", ItemAddition.ON_AGENDA)
    text = text_of(minutes.render_agenda(kent.engine, m, "pdf"), "pdf")
    # As typed (a PDF reader may drop the space where Hebrew meets English).
    assert "5 <b>Budget</b> & \u05e2\u05d1\u05e8\u05d9\u05ea" in text
    assert "4 Youth contract EXEMPT" in text
    # Undo puts the swap's numbers back, one step at a time.
    click(qtbot, view.undo_button)
    click(qtbot, view.undo_button)
    assert rows(view)[3:5] == [f"4. {HOSTILE}", "5. Youth contract"]


def test_s9_agenda_refusals_show_what_to_do_and_write_nothing(qtbot, kent, clock,
                                                              monkeypatch):
    m = kent.meeting()
    view = open_table(qtbot, kent.engine, m)
    before = rows(view)
    click_item(qtbot, view, kent.items[4])
    shown = drive(monkeypatch, qtbot, ItemDialog, lambda dialog: (
        click(qtbot, dialog.exempt), click(qtbot, dialog.ok_button)))
    click(qtbot, view.agenda.edit_item)
    assert "give the reason the public are excluded" in shown[0].error.text()
    assert rows(view) == before
    # An item with notes typed under it cannot be removed.
    view.agenda.notes.setFocus()
    qtbot.keyClicks(view.agenda.notes, "Draft plan circulated")
    click(qtbot, view.agenda.remove_item)
    assert "has something recorded under it" in view.problem.text()
    assert view.problem.isVisible() and rows(view) == before
    # An item with nothing under it goes with the Delete key, and comes back with undo.
    click_item(qtbot, view, kent.items[5])
    qtbot.keyClick(view.agenda.list, Qt.Key.Key_Delete)
    assert rows(view) == before[:4]
    click(qtbot, view.undo_button)
    assert rows(view) == before


def test_s9_agenda_late_item_after_dispatch(qtbot, kent, clock, monkeypatch):
    m = kent.meeting()
    schedule.set_papers_dispatched(kent.engine, m, date(2026, 9, 7), today=date(2026, 9, 8))
    view = open_table(qtbot, kent.engine, m)
    assert view.agenda.add_item.text() == "Add a late item…"
    shown = drive(monkeypatch, qtbot, ItemDialog, fill_item(qtbot, "Ofsted letter"))
    click(qtbot, view.agenda.add_item)
    assert shown[0].windowTitle() == "Add a late item"
    assert "Type the reason" in shown[0].error.text()
    assert len(rows(view)) == 5  # nothing written
    drive(monkeypatch, qtbot, ItemDialog, fill_item(qtbot, "Ofsted letter", LATE_REASON))
    click(qtbot, view.agenda.add_item)
    assert rows(view)[-1] == "6. Ofsted letter (late item)"
    assert f"Late item: {LATE_REASON}" in view.agenda.item_details.text()
    text = text_of(minutes.render_agenda(kent.engine, m, "pdf"), "pdf")
    assert f"LATE ITEM: {LATE_REASON}." in text
    # Moving an item now changes the numbers on the members' papers: asked first.
    asked = answer_confirm(monkeypatch, False)
    click_item(qtbot, view, meetings.agenda(kent.engine, m)[-1].item_id)
    qtbot.keyClick(view.agenda.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert "The papers went out on 7 September 2026" in asked[0]
    assert rows(view)[-1] == "6. Ofsted letter (late item)"


def _open(qtbot, kent, clock, m: int):
    view = open_table(qtbot, kent.engine, m)
    arrive_by_name(qtbot, view, "Helen", "Grace", "okafor", "Marcus", "sian", "Peter")
    clock.set(10, 0)
    click(qtbot, view.open_button)
    return view


def _decide(qtbot, monkeypatch, view, words: str) -> None:
    def consensus(dialog: DecisionDialog) -> None:
        qtbot.keyClicks(dialog.text, words)
        click(qtbot, dialog.ok_button)

    drive(monkeypatch, qtbot, DecisionDialog, consensus)
    click(qtbot, view.agenda.decision)


def test_s9_agenda_urgent_item_during_the_meeting_is_minuted_with_its_reason(
        qtbot, kent, clock, monkeypatch):
    m = kent.meeting()
    view = _open(qtbot, kent, clock, m)
    assert view.agenda.add_item.text() == "Add an urgent item…"
    assert not view.agenda.move_up.isEnabled() and not view.agenda.remove_item.isEnabled()
    shown = drive(monkeypatch, qtbot, ItemDialog,
                  fill_item(qtbot, "Flood damage to the youth centre", URGENT_REASON))
    clock.set(10, 10)
    click(qtbot, view.agenda.add_item)
    assert "person presiding agrees that it is urgent" in shown[0].intro.text()
    assert rows(view)[-1] == "6. Flood damage to the youth centre (urgent item)"
    click(qtbot, view.agenda.start)  # the new item is selected: take it now
    assert view.agenda.now.text() == "Under discussion: item 6. Flood damage to the youth centre"
    _decide(qtbot, monkeypatch, view, "the repairs go ahead")
    clock.set(10, 30)
    click(qtbot, view.close_button)
    text = text_of(minutes.render_minutes(kent.engine, m, "pdf"), "pdf")
    assert f"6. Flood damage to the youth centre Taken as an urgent item: {URGENT_REASON}." \
        in text


def test_s9_agenda_items_taken_out_of_order_are_minuted_in_that_order(
        qtbot, kent, clock, monkeypatch):
    m = kent.meeting()
    view = _open(qtbot, kent, clock, m)
    click_item(qtbot, view, kent.items[5])
    clock.set(10, 5)
    click(qtbot, view.agenda.start)  # item 5 before item 4
    assert view.agenda.now.text() == "Under discussion: item 5. Youth contract"
    assert view.agenda.next.text() == "Ne&xt: item 1"  # the first item not yet taken
    _decide(qtbot, monkeypatch, view, "the youth contract be extended")
    click_item(qtbot, view, kent.items[4])
    clock.set(10, 20)
    click(qtbot, view.agenda.start)
    _decide(qtbot, monkeypatch, view, "the plan be approved")
    clock.set(10, 30)
    click(qtbot, view.close_button)
    text = text_of(minutes.render_minutes(kent.engine, m, "pdf"), "pdf")
    # Taken first, with their agenda numbers; those never taken follow in agenda order.
    positions = [text.index(heading) for heading in (
        "5. Youth contract", "4. Early help plan", "1. Apologies and substitutions",
        "2. Declarations of interest", "3. Minutes of the previous meeting")]
    assert positions == sorted(positions)


def test_s9_agenda_meeting_details_from_the_table(qtbot, kent, clock, monkeypatch):
    m = kent.meeting()
    view = _open(qtbot, kent, clock, m)

    def edit(dialog: MeetingDetailsDialog) -> None:
        for field, text in ((dialog.venue, "County Hall, Maidstone"),
                            (dialog.next_meeting, "Tuesday 8 December 2026 at 10:00")):
            field.selectAll()
            qtbot.keyClicks(field, text)
        dialog.title.selectAll()
        dialog.title.insert(HOSTILE)
        qtbot.keyClicks(dialog.public_names, "A. Reporter")
        click(qtbot, dialog.ok_button)

    shown = drive(monkeypatch, qtbot, MeetingDetailsDialog, edit)
    click(qtbot, view.details_button)
    assert not shown[0].date.isEnabled()  # opened: the date is part of the record
    details = agenda.meeting_details(kent.engine, m)
    assert (details.title, details.venue, details.next_meeting_note, details.public_names) == (
        HOSTILE, "County Hall, Maidstone", "Tuesday 8 December 2026 at 10:00", "A. Reporter")
    assert "County Hall, Maidstone" in view.heading.text()
    text = text_of(minutes.render_minutes(kent.engine, m, "pdf"), "pdf")
    assert "Date of next meeting: Tuesday 8 December 2026 at 10:00" in text


def test_s9_agenda_meeting_details_refuse_an_empty_title(qtbot, kent, clock, monkeypatch):
    m = kent.meeting()
    view = open_table(qtbot, kent.engine, m)
    before = agenda.meeting_details(kent.engine, m)

    def clear(dialog: MeetingDetailsDialog) -> None:
        dialog.title.selectAll()
        qtbot.keyClick(dialog.title, Qt.Key.Key_Delete)
        click(qtbot, dialog.ok_button)

    shown = drive(monkeypatch, qtbot, MeetingDetailsDialog, clear)
    click(qtbot, view.details_button)
    assert "type the meeting title" in shown[0].error.text()
    assert agenda.meeting_details(kent.engine, m) == before


def test_s9_agenda_meeting_details_of_a_held_meeting_from_the_meeting_menu(
        qtbot, engine, db_path):
    from clerk_app.app import build_window
    from clerk_app.services import demo

    demo.build_demo(engine)
    window = build_window(db_path)
    qtbot.addWidget(window)
    window.show()
    past = window.navigator.bodies()[0].children[1].children[0]
    window.navigator.set_current(past)
    meeting_id = window.current_meeting_id()
    action = next(a for a in window.menus["Meeting"].actions() if a.text() == "&Details…")
    action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, MeetingDetailsDialog) and not dialog.date.isEnabled()
    dialog.next_meeting.selectAll()
    qtbot.keyClicks(dialog.next_meeting, "Thursday 10 December 2026, Sessions House")
    click(qtbot, dialog.ok_button)
    assert agenda.meeting_details(engine, meeting_id).next_meeting_note == \
        "Thursday 10 December 2026, Sessions House"
    assert "Meeting details saved." in window.saved_label.text()

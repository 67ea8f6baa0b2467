"""The first start and every later one (issue 14, items 1 and 7): a record with no bodies
opens on the welcome page; the demonstration is marked as invented people wherever it
shows; a later start opens the meeting in progress, else today's, else the next; the
window title names the body and the meeting shown, never the file."""

from __future__ import annotations

from datetime import date, time, timedelta

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app import clock
from clerk_app.db.migrate import open_database
from clerk_app.export.registers_pdf import interests_register_pdf
from clerk_app.gui.main_window import MainWindow
from clerk_app.services import demo, interests, meetings, minutes
from clerk_app.services.errors import ClerkError
from clerk_app.services.signing_sheet import save_signing_sheet
from tests.bodies import body_from_preset
from tests.export.minutes_helpers import docx_parts, flat, pdf_pages
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)

TODAY = date(2026, 10, 6)  # a Tuesday, the laptop's clock in the later-start tests


@pytest.fixture
def window(qtbot, engine, db_path):
    def make() -> MainWindow:
        win = MainWindow(engine, str(db_path))
        qtbot.addWidget(win)
        win.resize(1024, 600)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
        return win

    return make


@pytest.fixture
def fixed_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: clock.at(TODAY, time(9, 0)))


# --- the welcome page -------------------------------------------------------------------


def test_a_record_with_no_bodies_opens_on_the_welcome_page_its_choices_by_keyboard(
        window, qtbot):
    win = window()
    page = win.welcome
    assert win.pages.currentWidget() is page
    assert win.windowTitle() == "Welcome — clerk-app"
    assert not win.navigator.isVisible()  # an empty list says nothing: the page has it all
    assert str(win.database_label) in win.record_label.text()
    assert QApplication.focusWidget() is page.explore
    qtbot.keyClick(page.explore, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.set_up
    qtbot.keyClick(page.set_up, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.open_file
    for choice in (page.explore, page.set_up, page.open_file):  # a sentence under each
        assert choice.accessibleName() and choice.description()
    # Fits a 1024x600 screen: every choice is drawn inside the window.
    for choice in (page.explore, page.set_up, page.open_file):
        corner = choice.mapTo(win, choice.rect().bottomRight())
        assert win.rect().contains(corner), choice.accessibleName()


def test_set_up_my_body_by_its_mnemonic_opens_the_new_body_dialog(window, qtbot):
    win = window()
    qtbot.keyClick(win.welcome.explore, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: win.dialog is not None)  # a mnemonic clicks after a flash
    assert win.dialog.isVisible()
    win.dialog.reject()
    assert win.pages.currentWidget() is win.welcome  # nothing made: still welcome


def test_a_body_made_from_the_welcome_page_leaves_it_for_the_body_set_up(window, qtbot):
    win = window()
    qtbot.mouseClick(win.welcome.set_up, Qt.MouseButton.LeftButton)
    dialog = win.dialog
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    dialog.start.choice.setCurrentRow(1)  # the first preset, after "a blank body"
    for _page in dialog.pageIds():  # Enter on each page's defaults
        if not dialog.isVisible():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.body_setup)
    assert win.navigator.isVisible() and win.current_body_id() is not None
    assert win.windowTitle() == f"{win.navigator.bodies()[0].text} — clerk-app"


def test_f6_on_the_welcome_page_keeps_the_keyboard_on_its_choices(window, qtbot):
    win = window()
    choices = (win.welcome.explore, win.welcome.set_up, win.welcome.open_file)
    qtbot.keyClick(win.welcome.explore, Qt.Key.Key_F6)
    assert QApplication.focusWidget() in choices
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() in choices


def test_enter_on_the_first_choice_builds_the_demonstration_and_shows_its_next_meeting(
        window, qtbot):
    win = window()
    qtbot.keyClick(win.welcome.explore, Qt.Key.Key_Return)
    # Built on the worker: the page says so, and its choices wait.
    assert "Building the demonstration" in win.welcome.status.text()
    assert not win.welcome.set_up.isEnabled()
    qtbot.waitUntil(lambda: win.current_meeting_id() is not None, timeout=20000)
    assert win.navigator.isVisible()
    assert win.navigator.bodies()[0].text == demo.DEMO_SHORT_NAME
    upcoming = next(m for m in meetings.meetings_of(win.engine, win.current_body_id())
                    if m.date >= date.today())
    assert win.current_meeting_id() == upcoming.id
    assert win.windowTitle().startswith("Demo, invented people: Kent LCSP — "
                                        "meeting of ")
    assert win.demo_strip.isVisible() and "invented" in win.demo_strip.text()
    assert "demonstration body was added" in win.saved_label.text()
    assert win.welcome.set_up.isEnabled()  # ready should the clerk come back to it


def test_a_demonstration_that_cannot_be_built_says_why_and_offers_the_choices_again(
        window, qtbot, monkeypatch):
    def refuse(_engine):
        raise ClerkError("The record file is read-only.")

    monkeypatch.setattr(demo, "build_demo", refuse)
    win = window()
    qtbot.mouseClick(win.welcome.explore, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "could not be built" in win.welcome.status.text())
    assert "The record file is read-only." in win.welcome.status.text()
    assert win.welcome.explore.isEnabled() and win.pages.currentWidget() is win.welcome
    assert win.windowTitle() == "Welcome — clerk-app"


def test_open_a_record_file_from_the_welcome_page(window, qtbot, tmp_path):
    other = tmp_path / "colleague.sqlite3"
    other_engine = open_database(other)
    body_from_preset(other_engine, "lincolnshire-cypsp")
    other_engine.dispose()
    win = window()
    asked = []
    win.ask_database_path = lambda: asked.append(1)  # the clerk cancels the file dialog
    qtbot.keyClick(win.welcome.explore, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: asked == [1])  # a mnemonic clicks after a flash
    assert win.pages.currentWidget() is win.welcome
    win.ask_database_path = lambda: other
    qtbot.mouseClick(win.welcome.open_file, Qt.MouseButton.LeftButton)
    assert str(other) in win.record_label.text()
    assert win.pages.currentWidget() is win.body_setup  # no meetings yet: its set-up
    assert win.windowTitle() == "Lincolnshire CYPSP — clerk-app"
    assert win.navigator.isVisible() and not win.demo_strip.isVisible()
    win.engine.dispose()


# --- later starts, with the clock fixed -------------------------------------------------


def test_a_later_start_opens_todays_meeting_before_the_next(kent, window, fixed_clock):
    kent.meeting(TODAY - timedelta(days=30))
    kent.meeting(TODAY + timedelta(days=14))
    today = kent.meeting(TODAY)
    assert window().current_meeting_id() == today


def test_a_later_start_opens_the_next_meeting_to_come_passing_a_cancelled_one(
        kent, window, fixed_clock):
    kent.meeting(TODAY - timedelta(days=1))  # yesterday's, never held
    cancelled = kent.meeting(TODAY + timedelta(days=3))
    meetings.cancel_meeting(kent.engine, cancelled)
    later = kent.meeting(TODAY + timedelta(days=60))
    following = kent.meeting(TODAY + timedelta(days=14))
    assert later != following
    assert window().current_meeting_id() == following


def test_a_meeting_left_in_progress_comes_first(kent, window, fixed_clock):
    left_open = kent.meeting(TODAY - timedelta(days=7))
    meetings.open_meeting(kent.engine, left_open, clock.at(TODAY - timedelta(days=7),
                                                            time(10, 0)))
    kent.meeting(TODAY)
    assert window().current_meeting_id() == left_open


def test_with_only_past_meetings_a_later_start_opens_the_body_set_up(kent, window,
                                                                    fixed_clock):
    kent.meeting(TODAY - timedelta(days=30))
    win = window()
    assert win.current_meeting_id() is None
    assert win.pages.currentWidget() is win.body_setup
    assert win.windowTitle() == "Kent LCSP — clerk-app"


# --- the window title -------------------------------------------------------------------


def test_the_title_follows_the_navigator_and_never_names_the_file(kent, window, qtbot,
                                                                 fixed_clock):
    first = kent.meeting(date(2026, 9, 15))
    kent.meeting(date(2026, 11, 17))
    win = window()
    assert win.windowTitle() == "Kent LCSP — meeting of Tuesday 17 November 2026 — clerk-app"
    win.select_meeting(first)
    assert win.windowTitle() == "Kent LCSP — meeting of Tuesday 15 September 2026 — clerk-app"
    win.navigator.setFocus()
    qtbot.keyClick(win.navigator, Qt.Key.Key_Up)  # the "Past meetings" heading
    assert win.windowTitle() == "Kent LCSP — clerk-app"
    win.show_body_setup()
    assert win.windowTitle() == "Kent LCSP — clerk-app"
    assert "record.sqlite3" not in win.windowTitle()
    assert "record.sqlite3" in win.record_label.text()


def test_a_hostile_body_name_is_whole_in_the_list_and_cut_short_in_the_title(
        engine, window):
    long_name = "<b>Ünïon & Co</b> " + "x" * 482  # 500 characters, the most kept
    body_from_preset(engine, "kent-lcsp", long_name)
    right_to_left = "مجلس الشراكة للأطفال"
    body_from_preset(engine, "lincolnshire-cypsp", right_to_left)
    win = window()
    names = [body.text for body in win.navigator.bodies()]
    assert long_name in names and right_to_left in names  # stored and shown as typed
    win.navigator.set_current(win.navigator.bodies()[names.index(long_name)])
    title = win.windowTitle()
    assert title.startswith("<b>Ünïon & Co</b> x") and title.endswith("… — clerk-app")
    assert len(title) < 120
    win.navigator.set_current(win.navigator.bodies()[names.index(right_to_left)])
    assert win.windowTitle() == f"{right_to_left} — clerk-app"


# --- the demonstration, marked wherever it shows ------------------------------------------


def test_the_demonstration_is_marked_on_every_page_of_the_window(engine, window):
    body_id = demo.build_demo(engine, upcoming_from=date.today())
    win = window()
    closed, upcoming = sorted(meetings.meetings_of(engine, body_id), key=lambda m: m.date)
    assert "invented people" in win.navigator.bodies()[0].text
    win.select_body(body_id)
    assert "invented people" in win.body_setup.heading.text()
    assert win.demo_strip.isVisible() and "invented" in win.demo_strip.text()
    for meeting in (closed, upcoming):  # its record, and the table
        win.select_meeting(meeting.id)
        assert win.demo_strip.isVisible()
        assert "invented people" in win.windowTitle()
    kent = body_from_preset(engine, "kent-lcsp")  # a real body beside it: no strip
    win.refresh()
    win.select_body(kent)
    assert not win.demo_strip.isVisible()
    assert "invented" not in win.windowTitle()


def test_every_export_of_the_demonstration_says_its_people_are_invented(engine, tmp_path):
    body_id = demo.build_demo(engine)
    closed = next(m.id for m in meetings.meetings_of(engine, body_id) if m.date == demo.DEMO_DAY)
    mark = "Demonstration (invented people)"
    for render in (minutes.render_minutes, minutes.render_agenda):
        pdf = pdf_pages(render(engine, closed, "pdf"))
        assert all(mark in flat(page) for page in pdf)  # the footer of every page too
        body, _header, footer = docx_parts(render(engine, closed, "docx"))
        assert mark in body and mark in footer
    sheet = save_signing_sheet(engine, closed, tmp_path / "sheet.pdf")
    assert mark in flat(pypdf.PdfReader(sheet).pages[0].extract_text())
    register = interests_register_pdf(tmp_path / "interests.pdf",
                                      interests.interests_register(engine, body_id))
    assert mark in flat(pypdf.PdfReader(register).pages[0].extract_text())

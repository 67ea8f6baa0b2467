"""The shell: bodies and meetings in the navigator, a new meeting from the keyboard, the
record and the look chosen from the menus."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from clerk_app.gui import theme
from clerk_app.gui.dialogs.new_meeting_dialog import NewMeetingDialog
from clerk_app.gui.main_window import MainWindow
from clerk_app.services import body_setup, demo, meetings, register
from tests.bodies import body_from_preset
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)


@pytest.fixture
def window(qtbot, engine, db_path):
    def make(**kwargs) -> MainWindow:
        win = MainWindow(engine, str(db_path), **kwargs)
        qtbot.addWidget(win)
        win.resize(1366, 768)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
        return win

    return make


def labels(navigator, entry) -> list[str]:
    """The words of the lines under an entry, as the list shows them."""
    return [navigator.label(child) for child in entry.children]


def test_navigator_lists_upcoming_meetings_soonest_first_then_past_latest_first(kent, window):
    today = date.today()
    for day in (today - timedelta(days=200), today + timedelta(days=60),
                today - timedelta(days=30), today + timedelta(days=7)):
        kent.meeting(day)
    win = window()
    body = win.navigator.bodies()[0]
    assert body.text == "Kent LCSP"
    assert labels(win.navigator, body) == ["Upcoming meetings (2)", "Past meetings (2)"]
    upcoming, past = body.children

    def day_of(entry):
        return meetings.meeting_summary(kent.engine, entry.meeting_id).date

    assert [day_of(upcoming.children[n]) for n in range(2)] == [today + timedelta(days=7),
                                                                 today + timedelta(days=60)]
    assert [day_of(past.children[n]) for n in range(2)] == [today - timedelta(days=30),
                                                             today - timedelta(days=200)]
    assert labels(win.navigator, past)[0].endswith("— Scheduled, not held")
    # The clerk starts at the next meeting.
    assert win.current_meeting_id() == upcoming.children[0].meeting_id


def test_a_meeting_left_in_progress_is_where_the_clerk_starts_again(kent, window):
    kent.meeting(date.today() + timedelta(days=7))
    running = kent.meeting(date.today())
    meetings.open_meeting(kent.engine, running)
    win = window()
    assert win.current_meeting_id() == running


def test_new_meeting_made_with_the_keyboard_alone_appears_with_its_agenda_and_register(
        qtbot, kent, window):
    win = window()
    win.select_body(kent.body_id)
    win.navigator.setFocus()
    qtbot.keyClick(win.navigator, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = win.dialog
    assert isinstance(dialog, NewMeetingDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)

    def typed(widget, text):
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(widget, text)

    assert dialog.focusWidget() is dialog.day  # the day is selected: type over it
    qtbot.keyClicks(dialog.day, "14/01/2027")
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.start
    qtbot.keyClicks(dialog.start, "18:30")
    qtbot.keyClick(dialog.start, Qt.Key.Key_Tab)
    typed(dialog.venue, "Swale House, Sittingbourne")
    qtbot.keyClick(dialog.venue, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.standard
    qtbot.keyClick(dialog.standard, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.title, "Budget 2027-28 & <b>savings</b>")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)  # adds the item, not the meeting
    assert dialog.isVisible() and dialog.items.count() == 1
    qtbot.keyClicks(dialog.title, "Staffing restructure")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.presenter, "Joanna Fairweather")
    qtbot.keyClick(dialog.presenter, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.exempt, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.exempt, Qt.Key.Key_Return)  # no reason yet: refused, kept
    assert "give the reason" in dialog.error.text() and dialog.items.count() == 1
    assert dialog.focusWidget() is dialog.reason
    qtbot.keyClicks(dialog.reason, "Information about individual staff")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.items.count() == 2
    # Apologies already received from the police member: Tab to the list, Space to tick.
    for _ in range(12):  # past the agenda fields, the agenda list and its buttons
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        if dialog.focusWidget() is dialog.expected:
            break
    assert dialog.focusWidget() is dialog.expected
    police = next(n for n in range(dialog.expected.count())
                  if dialog.expected.item(n).text().startswith("Daniel Okafor"))
    for _ in range(police):
        qtbot.keyClick(dialog.expected, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.expected, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.expected, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())  # a mnemonic clicks its button shortly

    meeting_id = win.current_meeting_id()
    assert meeting_id == dialog.meeting_id
    current = win.navigator.current()
    assert win.navigator.label(current) == "Thu 14 Jan 2027 — Scheduled"
    assert current.parent.text.startswith("Upcoming meetings")
    summary = meetings.meeting_summary(kent.engine, meeting_id)
    assert (summary.date, summary.start_time, summary.venue) == (
        date(2027, 1, 14), time(18, 30), "Swale House, Sittingbourne")
    assert [i.title for i in summary.items] == [
        "Apologies and substitutions", "Declarations of interest",
        "Minutes of the previous meeting", "Budget 2027-28 & <b>savings</b>",
        "Staffing restructure"]
    assert summary.items[4].exempt and summary.items[4].presenter == "Joanna Fairweather"
    lines = {line.name: line for line in register.state(kent.engine, meeting_id).register}
    assert set(lines) == {name for _key, name, _agency, _cat in kent.SEATS}
    assert lines["Daniel Okafor"].state == "apologies"
    assert lines["Helen Marsh"].state == "expected"
    assert win.saved_label.text().endswith("Meeting on Thursday 14 January 2027 created.")


def test_new_meeting_is_refused_without_a_body_and_offered_with_one(kent, window):
    win = window()
    new = next(a for a in win.menus["Meeting"].actions() if a.text() == "&New meeting…")
    win.navigator.set_current(None)
    assert not new.isEnabled()
    win.select_body(kent.body_id)
    assert new.isEnabled()


def test_menus_hold_only_working_entries(kent, window):
    win = window()
    titles = {title: [a.text() for a in menu.actions() if not a.isSeparator()]
              for title, menu in win.menus.items()}
    assert titles == {
        "File": ["&Open database…", "Open a &team record…", "&Restore from backup…",
                 "&Export everything…", "&Quit"],
        "Body": ["Set up a &new body…", "Body &set-up", "&Import members…",
                 "E&xport members…"],
        "Meeting": ["&New meeting…", "&Minutes and agenda…", "&Audit trail…", "&Details…",
                    "&Signing-in sheet…", "Take &offline…", "Bring &back…",
                    "C&lear offline mark…"],
        "Year": ["&Attendance", "&Register of interests", "&Deadlines", "Act&ions log",
                 "&Plan the year's meetings…"],
        "View": ["&Follow the system", "&Light", "&Dark", "&Bodies and meetings list",
                 "S&witch between list and page"],
        "Help": ["&Keyboard reference", "This &body's rules in words", "&User guide",
                 "&About clerk-app"],
    }


def test_a_new_menu_entry_is_one_call(kent, window):
    win = window()
    seen = []
    action = win.add_action("Year", "&Attendance…", lambda: seen.append(win.current_body_id()),
                            icon="chart-column", needs="body")
    assert [m.title() for m in (a.menu() for a in win.menuBar().actions())] == [
        "&File", "Bod&y", "&Meeting", "Yea&r", "&View", "&Help"]
    win.select_body(kent.body_id)
    action.trigger()
    assert seen == [kent.body_id]


def test_open_database_switches_the_whole_window_to_the_other_record(kent, window, tmp_path):
    from clerk_app.db.migrate import open_database

    other = tmp_path / "other.sqlite3"
    other_engine = open_database(other)
    demo.build_demo(other_engine)
    other_engine.dispose()
    win = window()
    win.ask_database_path = lambda: other
    win.open_database_dialog()
    assert str(other) in win.record_label.text()
    assert win.windowTitle().startswith(f"{demo.DEMO_SHORT_NAME} — meeting of ")
    assert "other.sqlite3" not in win.windowTitle()  # the file is in the status bar only
    body = win.navigator.bodies()[0]
    assert labels(win.navigator, body)[0].startswith("Upcoming meetings")
    assert body_setup.body_rows(win.engine)[0].key == demo.DEMO_KEY
    assert win.current_meeting_id() is not None
    win.engine.dispose()


def test_open_database_refuses_a_file_that_is_not_a_record_and_keeps_the_current_one(
        kent, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    bad = tmp_path / "notes.sqlite3"
    bad.write_text("These are not the minutes you are looking for.")
    win = window()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    win.ask_database_path = lambda: bad
    before = win.engine
    win.open_database_dialog()
    assert shown and win.engine is before
    assert "record.sqlite3" in win.record_label.text()


def test_view_menu_switches_light_and_dark_and_remembers_it(kent, window, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = window(settings=settings)
    win.theme_actions[theme.DARK].trigger()
    app = QApplication.instance()
    assert app.palette().color(app.palette().ColorRole.Window).name() == \
        theme.PALETTES[theme.DARK]["Window"]
    assert settings.value("view/theme") == "dark"
    win.theme_actions[theme.LIGHT].trigger()
    assert app.palette().color(app.palette().ColorRole.Window).name() == \
        theme.PALETTES[theme.LIGHT]["Window"]
    settings.setValue("view/theme", "dark")
    again = window(settings=settings)
    assert again.theme_actions[theme.DARK].isChecked()


def test_first_run_opens_on_the_welcome_page_and_writes_no_body(qtbot, tmp_path,
                                                                 monkeypatch):
    from clerk_app import paths
    from clerk_app.app import build_window

    monkeypatch.setattr(paths, "default_database", lambda: tmp_path / "first.sqlite3")
    win = build_window(None)
    qtbot.addWidget(win)
    assert win.pages.currentWidget() is win.welcome
    assert win.windowTitle() == "Welcome — clerk-app"
    assert body_setup.body_rows(win.engine) == []
    win.engine.dispose()


def test_f9_gives_the_meeting_the_whole_width_and_f6_never_strands_the_keyboard(
        qtbot, kent, window):
    kent.meeting(date.today() + timedelta(days=7))
    win = window()
    win.navigator.setFocus()
    qtbot.keyClick(win.navigator, Qt.Key.Key_F9)
    assert not win.navigator.isVisible()
    assert win.pages.currentWidget().isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)  # the list is hidden: stay
    assert win.pages.currentWidget().isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F9)
    assert win.navigator.isVisible() and win.navigator.hasFocus()
    qtbot.keyClick(win.navigator, Qt.Key.Key_F6)
    assert win.pages.currentWidget().isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert win.navigator.hasFocus()


def test_year_and_record_entries_open_their_views(kent, window, qtbot):
    from clerk_app.gui.dialogs.audit_dialog import AuditDialog
    from clerk_app.gui.dialogs.minutes_preview import MinutesPreviewDialog
    from clerk_app.gui.views.year.attendance_view import AttendanceView
    from clerk_app.gui.views.year.deadlines_view import DeadlinesView

    win = window()
    actions = {a.text(): a for menu in win.menus.values() for a in menu.actions()}
    win.select_body(kent.body_id)
    actions["&Attendance"].trigger()
    assert isinstance(win.pages.currentWidget(), AttendanceView)
    actions["&Deadlines"].trigger()
    assert isinstance(win.pages.currentWidget(), DeadlinesView)
    meeting_id = kent.meeting()
    win.refresh()
    assert win.select_meeting(meeting_id)
    actions["&Audit trail…"].trigger()
    assert isinstance(win.dialog, AuditDialog)
    actions["&Minutes and agenda…"].trigger()
    assert isinstance(win.dialog, MinutesPreviewDialog)
    dialog = win.dialog
    with qtbot.waitSignal(dialog.rendered, timeout=30000):
        pass  # the agenda of a meeting not yet held renders off the GUI thread
    dialog.close()


def test_a_clerk_of_many_bodies_folds_one_and_steps_to_the_next_by_key(engine, window, qtbot):
    presets_in_turn = ("kent-lcsp", "lincolnshire-cypsp", "cumbria-cypb")
    bodies = [body_from_preset(engine, presets_in_turn[n % 3], f"Partnership {n:02d}")
              for n in range(6)]
    today = date.today()
    held = {body_id: [meetings.create_meeting(engine, body_id, today - timedelta(days=30 * m))
                      for m in range(1, 13)] for body_id in bodies}
    win = window()
    navigator = win.navigator
    assert len(navigator.bodies()) == 6 and len(navigator.meeting_entries()) == 72
    navigator.setFocus()
    navigator.set_current(navigator.bodies()[0])
    qtbot.keyClick(navigator, Qt.Key.Key_Left)  # its year of meetings folded away
    assert not navigator.isExpanded(navigator.index_of(navigator.bodies()[0]))
    qtbot.keyClick(navigator, Qt.Key.Key_Down)
    assert navigator.current() is navigator.bodies()[1]
    assert win.pages.currentWidget() is win.body_setup
    assert win.body_setup.setup.body_id == bodies[1]
    assert win.windowTitle().startswith("Partnership 01")
    # The last body's oldest meeting, chosen and kept through a rebuild of the list.
    oldest = held[bodies[-1]][-1]
    assert win.select_meeting(oldest)
    win.refresh()
    assert win.current_meeting_id() == oldest
    assert navigator.label(navigator.current()).endswith("— Scheduled, not held")


def test_the_list_is_a_well_behaved_qt_model(qtmodeltester, kent, window):
    kent.meeting(date.today() + timedelta(days=7))
    kent.meeting(date.today() - timedelta(days=30))
    win = window()
    qtmodeltester.check(win.navigator.model())


def test_a_meeting_opened_at_the_table_is_relabelled_in_its_place(qtbot, kent, window):
    m = kent.meeting(date.today())
    kent.meeting(date.today() + timedelta(days=30))
    win = window()
    navigator = win.navigator
    entry = navigator.current()
    assert entry.meeting_id == m and navigator.label(entry).endswith("— Scheduled")
    qtbot.mouseClick(win.table_view().open_button, Qt.MouseButton.LeftButton)
    assert navigator.current() is entry  # the same line, not a list rebuilt under the clerk
    assert navigator.label(entry).endswith("— In progress")
    icon = navigator.index_of(entry).data(Qt.ItemDataRole.DecorationRole)
    assert icon.cacheKey() == theme.icon("circle-play").cacheKey()
    assert entry.parent.text == "Upcoming meetings (2)"


def test_typing_a_body_s_first_letters_goes_to_it(qtbot, engine, window):
    body_from_preset(engine, "kent-lcsp", "Kent LCSP")
    lincolnshire = body_from_preset(engine, "lincolnshire-cypsp", "Lincolnshire CYPSP")
    win = window()
    win.navigator.setFocus()
    qtbot.keyClicks(win.navigator, "Lin")
    assert win.current_body_id() == lincolnshire
    assert win.pages.currentWidget() is win.body_setup
    qtbot.keyClick(win.navigator, Qt.Key.Key_Return)  # Enter: into the body's page
    assert win.body_setup.isAncestorOf(QApplication.focusWidget())


def test_a_screen_reader_hears_whose_each_line_is(kent, window):
    kent.meeting(date.today() + timedelta(days=7))
    win = window()
    navigator = win.navigator
    body = navigator.bodies()[0]
    upcoming = body.children[0]
    meeting = upcoming.children[0]

    def description(entry):
        return navigator.index_of(entry).data(Qt.ItemDataRole.AccessibleDescriptionRole)

    name = body_setup.body_rows(kent.engine)[0].name  # the whole name, as recorded
    assert navigator.accessibleName() == "Bodies and meetings"
    assert description(body) == f"{name}: set-up and membership"
    assert description(upcoming) == f"Meetings of {name}"
    assert description(meeting) == f"Meeting of {name}"


def test_on_a_small_screen_a_long_name_is_cut_in_the_list_never_widening_it(engine, window):
    long_name = "<b>Ünïon & Co</b> " + "x" * 482
    body_from_preset(engine, "kent-lcsp", long_name)
    win = window()
    win.resize(1024, 600)
    navigator = win.navigator
    assert navigator.bodies()[0].text == long_name  # whole in the record and the model
    assert navigator.isVisible() and navigator.width() < 400
    # The name asks for no width of its own: the list, and the window, fit the screen.
    assert navigator.minimumSizeHint().width() <= 300
    assert win.minimumSizeHint().width() <= 1024 and win.width() <= 1024


def test_after_a_year_view_the_entry_clicked_or_entered_shows_its_page_again(
        qtbot, kent, window):
    from clerk_app.gui.views.year.attendance_view import AttendanceView

    win = window()
    win.select_body(kent.body_id)
    actions = {a.text(): a for menu in win.menus.values() for a in menu.actions()}
    actions["&Attendance"].trigger()
    assert isinstance(win.pages.currentWidget(), AttendanceView)
    navigator = win.navigator
    line = navigator.visualRect(navigator.index_of(navigator.current()))
    qtbot.mouseClick(navigator.viewport(), Qt.MouseButton.LeftButton, pos=line.center())
    assert win.pages.currentWidget() is win.body_setup
    actions["&Attendance"].trigger()
    navigator.setFocus()
    qtbot.keyClick(navigator, Qt.Key.Key_Return)
    assert win.pages.currentWidget() is win.body_setup
    assert win.body_setup.isAncestorOf(QApplication.focusWidget())

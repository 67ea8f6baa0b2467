"""The menus: the window's own entries (records, bodies, meetings, the look), then the
minutes, the year's views, backups, the audit trail and Help.

Kept apart from the shell so that the main window stays a thin frame: each entry only
builds its view or dialog (imported when first used, so start-up stays quick) and
hands it to the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from clerk_app.gui import help, offline_menu, theme


def install(window) -> None:
    """Add the menus and their entries to a MainWindow."""
    _window_entries(window)
    window.menu("Year", text="Yea&r")  # Alt+Y opens Body
    window.add_action("Meeting", "&Minutes and agenda…", lambda: _minutes(window),
                      shortcut="Ctrl+E", icon="file-down", needs="meeting")
    window.add_action("Meeting", "&Audit trail…", lambda: _audit(window), needs="meeting")
    window.add_action("Meeting", "&Details…", lambda: _details(window), icon="pencil",
                      needs="meeting")
    window.add_action("Meeting", "&Signing-in sheet…", lambda: _signing_sheet(window),
                      icon="printer", needs="meeting")
    window.add_action("Body", "&Import members…", lambda: _import_members(window),
                      icon="user-plus", needs="body")
    window.add_action("Body", "E&xport members…", lambda: _export_members(window),
                      icon="file-down", needs="body")
    window.add_action("Year", "&Attendance", lambda: _attendance(window), needs="body")
    window.add_action("Year", "&Register of interests", lambda: _interests(window),
                      needs="body")
    window.add_action("Year", "&Deadlines", lambda: _deadlines(window), needs="database")
    window.add_action("Year", "Act&ions log", lambda: _actions(window), needs="database")
    window.add_action("Year", "&Plan the year's meetings…", lambda: _schedule(window),
                      needs="body")
    file_menu = window.menus["File"]
    quit_action = file_menu.actions()[-1]
    restore = window.add_action("File", "&Restore from backup…", lambda: _restore(window),
                                needs="database")
    file_menu.removeAction(restore)
    file_menu.insertAction(quit_action, restore)
    offline_menu.install(window)
    help.install(window)


def _window_entries(window) -> None:
    """The window's own entries; the look's and the list's actions are kept on it."""
    # Alt+B is taken by the meeting table ("Pu&blic present"), so Body is Alt+Y.
    for title, text in (("File", "&File"), ("Body", "Bod&y"), ("Meeting", "&Meeting"),
                        ("View", "&View")):
        window.menu(title, before=None, text=text)
    window.add_action("File", "&Open database…", window.open_database_dialog,
                      shortcut=QKeySequence.StandardKey.Open, icon="folder-open",
                      needs="database")
    window.add_action("File", "Open a &team record…", lambda: _open_team_record(window),
                      icon="database", needs="database")
    window.menus["File"].addSeparator()
    window.add_action("File", "&Quit", window.close, shortcut="Ctrl+Q", icon="log-out")
    window.add_action("Body", "Set up a &new body…", lambda: new_body(window), icon="copy-plus",
                      needs="database")
    window.add_action("Body", "Body &set-up", window.show_body_setup, shortcut="Ctrl+B",
                      icon="settings", needs="body")
    window.add_action("Meeting", "&New meeting…", lambda: _new_meeting(window), shortcut="Ctrl+N",
                      icon="calendar-plus", needs="body")
    group = QActionGroup(window)
    window.theme_actions: dict[str, QAction] = {}
    # One of three, shown by the menu's radio mark: no icon, which Fusion would draw in
    # a faint sunken frame instead of the mark.
    group.setExclusive(True)
    for mode, text in ((theme.SYSTEM, "&Follow the system"), (theme.LIGHT, "&Light"),
                       (theme.DARK, "&Dark")):
        action = window.add_action("View", text, lambda m=mode: window.set_theme(m))
        action.setCheckable(True)
        group.addAction(action)
        window.theme_actions[mode] = action
    window.menus["View"].addSeparator()
    window.navigator_action = window.add_action(
        "View", "&Bodies and meetings list", lambda: window.show_navigator(
            window.navigator_action.isChecked()), shortcut="F9", icon="landmark",
        needs="database")  # the list is made with the window's second frame
    window.navigator_action.setCheckable(True)
    window.navigator_action.setChecked(True)
    window.add_action("View", "S&witch between list and page", window.toggle_focus,
                      shortcut="F6", needs="database")


def new_body(window) -> None:
    """Body › Set up a new body… (and the welcome page's "Set up")."""
    from clerk_app.gui.views.body_setup import SetUpBodyDialog

    dialog = SetUpBodyDialog(window.engine, window)
    _open_to_create(window, dialog, lambda: window.select_body(dialog.body_id))


def _new_meeting(window) -> None:
    body_id = window.current_body_id()
    if body_id is None:
        return
    from clerk_app.gui.dialogs.new_meeting_dialog import NewMeetingDialog

    dialog = NewMeetingDialog(window.engine, body_id, window)
    _open_to_create(window, dialog, lambda: window.select_meeting(dialog.meeting_id))


def _open_to_create(window, dialog, select_made) -> None:
    """A dialog that adds to the list: once saved, the list is read again and what was
    made is chosen in it."""

    def created(text: str) -> None:
        window.refresh()
        select_made()
        window.show_saved(text)

    window.open_dialog(dialog, created)

def _open_team_record(window) -> None:
    """A team record opens as a file does (`set_record`); its address, never its
    password, is offered again next time."""
    from clerk_app.gui.dialogs.team_record_dialog import LAST_ADDRESS, TeamRecordDialog

    settings = window.settings
    last = str(settings.value(LAST_ADDRESS, "")) if settings is not None else ""
    dialog = TeamRecordDialog(last, window)

    def opened(_text: str) -> None:
        record = dialog.record
        if settings is not None:
            settings.setValue(LAST_ADDRESS, dialog.address)
        window.set_record(record.engine, record.label, record)
        if record.warnings:
            window.saved_label.setText(" ".join(record.warnings))

    window.open_dialog(dialog, opened)


def _minutes(window) -> None:
    from clerk_app.gui.dialogs.minutes_preview import MinutesPreviewDialog

    meeting_id = window.current_meeting_id()
    if meeting_id is not None:
        window.open_dialog(MinutesPreviewDialog(window.engine, meeting_id, window))


def _details(window) -> None:
    """At the table through its undo stack; for a past meeting, saved directly."""
    from clerk_app.gui.dialogs.meeting_details_dialog import MeetingDetailsDialog
    from clerk_app.services import agenda

    meeting_id = window.current_meeting_id()
    table = window.pages.currentWidget()
    if meeting_id is None:
        return
    if getattr(table, "meeting_id", None) == meeting_id and hasattr(table, "edit_details"):
        table.edit_details()
        return

    def submit(details: agenda.MeetingDetails) -> str:
        warnings = agenda.set_meeting_details(window.engine, meeting_id, details)
        return " ".join(["Meeting details saved.", *warnings])

    def saved(text: str) -> None:
        window.refresh()
        window.show_meeting(meeting_id)
        window.show_saved(text)

    window.open_dialog(MeetingDetailsDialog(agenda.meeting_details(window.engine, meeting_id),
                                            submit, window), saved)


def _audit(window) -> None:
    from clerk_app.gui.dialogs.audit_dialog import AuditDialog

    meeting_id = window.current_meeting_id()
    if meeting_id is not None:
        window.open_dialog(AuditDialog(window.engine, meeting_id, window))


def _signing_sheet(window) -> None:
    """The meeting's signing-in sheet as PDF, saved where the clerk chooses, written on
    the worker; the status bar says where it went, a message why it did not."""
    from PySide6.QtWidgets import QMessageBox

    from clerk_app.gui import tasks
    from clerk_app.gui.views.year import common
    from clerk_app.services import meetings, signing_sheet

    meeting_id = window.current_meeting_id()
    if meeting_id is None:
        return
    summary = meetings.meeting_summary(window.engine, meeting_id, with_items=False)
    suggested = f"signing-in-sheet-{common.safe_name(summary.body_name)}-{summary.date:%Y-%m-%d}"
    path = common.ask_save_path(window, "Save the signing-in sheet", f"{suggested}.pdf", "pdf")
    if path is None:
        return
    task = tasks.runner().submit(signing_sheet.save_signing_sheet, window.engine, meeting_id,
                                 path)
    task.finished.connect(lambda saved: window.show_saved(
        f"the signing-in sheet, as {saved.name} in {saved.parent}"))
    task.failed.connect(lambda message: QMessageBox.warning(
        window, "Signing-in sheet not saved", message))


def _import_members(window) -> None:
    from clerk_app.gui.dialogs.member_list_dialog import MemberImportDialog

    body_id = window.current_body_id()
    if body_id is None:
        return

    def imported(text: str) -> None:
        window.refresh()
        if window.body_setup.body_id == body_id:
            window.body_setup.refresh()
        window.show_saved(text)

    window.open_dialog(MemberImportDialog(window.engine, body_id, window), imported)


def _export_members(window) -> None:
    from clerk_app.gui.dialogs.member_list_dialog import export_members
    from clerk_app.services import body_setup

    body_id = window.current_body_id()
    if body_id is not None:
        export_members(window, body_id, body_setup.body_setup(window.engine, body_id).name)


def _attendance(window) -> None:
    from clerk_app.gui.views.year.attendance_view import AttendanceView

    body_id = window.current_body_id()
    if body_id is not None:
        window.show_view(_cached(window, "attendance", lambda: AttendanceView(
            window.engine, body_id), body_id))


def _interests(window) -> None:
    from clerk_app.gui.views.year.interests_view import InterestsView

    body_id = window.current_body_id()
    if body_id is not None:
        window.show_view(_cached(window, "interests", lambda: InterestsView(
            window.engine, body_id), body_id))


def _deadlines(window) -> None:
    from clerk_app.gui.views.year.deadlines_view import DeadlinesView

    def make():
        view = DeadlinesView(window.engine)
        view.meeting_activated.connect(window.select_meeting)
        return view

    window.show_view(_cached(window, "deadlines", make))


def _actions(window) -> None:
    from clerk_app.gui.views.year.actions_view import ActionsView

    def make():
        view = ActionsView(window.engine)
        view.minute_activated.connect(lambda meeting_id, _item: window.select_meeting(meeting_id))
        return view

    window.show_view(_cached(window, "actions", make))


def _schedule(window) -> None:
    from clerk_app.gui.views.year.schedule_dialog import ScheduleDialog

    body_id = window.current_body_id()
    if body_id is not None:
        dialog = ScheduleDialog(window.engine, body_id, window)
        dialog.changed.connect(window.refresh)
        window.open_dialog(dialog)


def _restore(window) -> None:
    from PySide6.QtWidgets import QMessageBox

    from clerk_app.gui.dialogs.restore_dialog import RestoreDialog
    from clerk_app.services.backups import SERVER_BACKUPS
    from clerk_app.services.opening import is_team_record

    if is_team_record(window.engine):  # no backup files: the server keeps its own
        QMessageBox.information(window, "Restore from backup", SERVER_BACKUPS)
        return
    dialog = RestoreDialog(Path(window.database_label), window.engine, window)
    dialog.restored.connect(lambda text: (window.refresh(), window.show_saved(text)))
    window.open_dialog(dialog)


def _cached(window, key: str, make, body_id: int | None = None):
    """One instance of each year view per window, pointed at the chosen body."""
    views = window.__dict__.setdefault("_year_views", {})
    view = views.get(key)
    if view is None:
        view = views[key] = make()
    elif body_id is not None and hasattr(view, "set_body"):
        view.set_body(body_id)
    return view

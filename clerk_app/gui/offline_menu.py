"""Meeting › Take offline…, Bring back… and Clear offline mark…, and File › Export
everything…: the team record's entries (services/offline.py, services/everything.py).

Each asks where (a file chooser), runs the service and says in the status bar what was
done, or in a message why nothing was. The services work on one meeting's rows, well
under a second, so they run here rather than on the worker; the cursor says so.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore  # QtCore.Qt when used: see theme.system_scheme
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from clerk_app import paths


def install(window) -> None:
    window.add_action("Meeting", "Take &offline…", lambda: take_offline(window),
                      icon="file-down", needs="meeting")
    window.add_action("Meeting", "Bring &back…", lambda: bring_back(window), needs="database")
    window.add_action("Meeting", "C&lear offline mark…", lambda: clear_mark(window),
                      needs="meeting")
    file_menu = window.menus["File"]
    export = window.add_action("File", "&Export everything…", lambda: export_everything(window),
                               icon="file-down", needs="database")
    file_menu.removeAction(export)
    file_menu.insertAction(file_menu.actions()[-1], export)  # above Quit


def _busy(window, title: str, job):
    """Run a service with the wait cursor; a refusal is shown, and gives None."""
    from clerk_app.services.errors import ClerkError

    QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
    try:
        return job()
    except (ClerkError, OSError) as error:
        QApplication.restoreOverrideCursor()
        warn(window, title, str(error))
        return None
    finally:
        if QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()


def warn(window, title: str, text: str) -> None:
    """Why nothing was done, as plain text: a path or a name in it may hold markup (tests
    replace this)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, "", parent=window)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    box.setText(text)
    box.exec()


def ask_offline_file(window, suggested: str) -> Path | None:
    """Where to write the meeting taken offline (tests replace this)."""
    chosen, _filter = QFileDialog.getSaveFileName(
        window, "Take the meeting offline: save its record file",
        str(paths.default_database().parent / suggested), "Meeting record (*.json)")
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".json" else path.with_name(f"{path.name}.json")


def ask_into_laptop(window, laptop: Path) -> bool:
    """Whether to put the meeting into this laptop's own record now (tests replace this)."""
    return QMessageBox.question(
        window, "Take the meeting offline",
        f"Put the meeting into this laptop's own record now?\n\n{laptop}\n\nChoose No to "
        "carry the file to another laptop (on a USB stick) and import it there.",
    ) == QMessageBox.StandardButton.Yes


def take_offline(window) -> None:
    from clerk_app.services import meetings, offline

    meeting_id = window.current_meeting_id()
    if meeting_id is None:
        return
    summary = meetings.meeting_summary(window.engine, meeting_id, with_items=False)
    path = ask_offline_file(window, f"offline-{summary.date:%Y-%m-%d}.json")
    if path is None:
        return
    title = "Meeting not taken offline"
    away = _busy(window, title, lambda: offline.take_offline(window.engine, meeting_id, path))
    if away is None:
        return
    done = f"the meeting taken offline, as {path.name} in {path.parent}."
    laptop = paths.default_database()
    if ask_into_laptop(window, laptop):
        taken = _busy(window, "Meeting not put into this laptop's record",
                      lambda: offline.take_into_record(laptop, path, create_folder=True))
        if taken is not None:
            done += (f" It is in this laptop's record ({laptop}): open it with "
                     "File › Open database… to record the meeting at the table.")
    window.show_meeting(meeting_id)
    window.show_saved(done)


def ask_laptop_record(window) -> Path | None:
    """The laptop's record, or a record file written from it (tests replace this)."""
    chosen, _filter = QFileDialog.getOpenFileName(
        window, "Bring a meeting back from", str(paths.default_database().parent),
        "Laptop record or meeting record (*.sqlite3 *.json);;All files (*)")
    return Path(chosen) if chosen else None


def bring_back(window) -> None:
    from clerk_app.services import offline

    source = ask_laptop_record(window)
    if source is None:
        return
    back = _busy(window, "Meeting not brought back",
                 lambda: offline.bring_back(window.engine, source))
    if back is None:
        return
    window.refresh()
    window.select_meeting(back.meeting_id)
    window.show_saved(f"the meeting of {back.meeting_date}, brought back from "
                      f"{back.taken_by}.")


def confirm_clear(window, words: str) -> bool:
    """The clerk confirms clearing the offline mark (tests replace this)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Clear the offline mark", "", parent=window)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    box.setText(f"{words}\n\nClear the mark only if that laptop's copy is lost or will not "
                "be recorded in: the team's copy can then be recorded in here, and the "
                "laptop's can come back only while the team's stays unchanged.")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter does not clear it
    return box.exec() == QMessageBox.StandardButton.Yes


def clear_mark(window) -> None:
    from clerk_app.services import offline

    meeting_id = window.current_meeting_id()
    if meeting_id is None:
        return
    away = offline.meeting_away(window.engine, meeting_id)
    if away is None:
        QMessageBox.information(window, "Clear the offline mark",
                                "This meeting is not offline: there is no mark to clear.")
        return
    if not confirm_clear(window, away.words()):
        return
    if _busy(window, "Mark not cleared",
             lambda: offline.clear_mark(window.engine, meeting_id) or True):
        window.show_meeting(meeting_id)
        window.show_saved("the offline mark cleared: the meeting can be recorded here again.")


def ask_export_folder(window) -> Path | None:
    """The folder for every body's record file (tests replace this)."""
    chosen = QFileDialog.getExistingDirectory(window, "Export everything into the folder",
                                              str(Path.home()))
    return Path(chosen) if chosen else None


def export_everything(window) -> None:
    from clerk_app.services import everything

    folder = ask_export_folder(window)
    if folder is None:
        return
    written = _busy(window, "Nothing exported",
                    lambda: everything.export_everything(window.engine, folder))
    if written is not None:
        window.show_saved(f"{len(written)} record file{'s' if len(written) != 1 else ''}, "
                          f"one per body, in {folder}.")

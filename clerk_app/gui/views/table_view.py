"""At the table: the one screen a clerk runs a whole meeting in (issue 3).

The quorum banner stays at the top; the register (left) takes arrivals by name plus
Enter and single keys; the agenda (right) takes the item under discussion, declarations,
notes and decisions. This view lays them out and shows the meeting; the register and
agenda controllers (gui/views/table/) record what the clerk asks of each panel, through
the desk the three share (one service call per action, saved the moment it is made,
undoable, then a fresh read of the record; a register event instead shows the state it
brought back, and repaints only the register, the banner and who presides). No widget
computes quorum, eligibility or a result, and no query runs while painting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app.gui.dialogs.meeting_details_dialog import MeetingDetailsDialog
from clerk_app.gui.dialogs.timing_dialogs import MeetingTimesDialog
from clerk_app.gui.views.table import words
from clerk_app.gui.views.table.actions_controller import ActionsController
from clerk_app.gui.views.table.actions_panel import SHORTCUT as ACTION_SHORTCUT
from clerk_app.gui.views.table.agenda_controller import AgendaController
from clerk_app.gui.views.table.agenda_editor import AgendaEditor
from clerk_app.gui.views.table.agenda_panel import AgendaPanel, table_button
from clerk_app.gui.views.table.desk import TableDesk
from clerk_app.gui.views.table.register_controller import RegisterController
from clerk_app.gui.views.table.register_panel import RegisterPanel
from clerk_app.gui.widgets import announce
from clerk_app.gui.widgets.count_box import CountBox
from clerk_app.gui.widgets.fitting import MessageLabel, scrolled
from clerk_app.gui.widgets.flow_layout import FlowLayout
from clerk_app.gui.widgets.quorum_banner import QuorumBanner
from clerk_app.rules.vocabulary import MeetingStatus
from clerk_app.services import agenda, meetings, timing
from clerk_app.services.state import MeetingState


class TableView(QWidget):
    """The meeting table, for a meeting that is scheduled, in progress or closed.

    Construct with `TableView(engine, parent=None)` and call `show_meeting(meeting_id)`.
    Call `flush()` before the application quits (closing or hiding the view does it too)
    so that notes typed in the last moment are saved. On a team record the view holds
    the meeting it shows, so that no other clerk records it (`let_go()`, or closing the
    record, releases it); a meeting another clerk holds is shown read-only, saying who.

    Signals:
        recorded(str): after every successful action, what was saved and when
            ("Saved 10:32 — Helen Marsh arrived"), for the window's status bar.
    """

    recorded = Signal(str)

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Meeting table")
        self.desk = TableDesk(engine, self)
        self.status, self.problem = self.desk.status, self.desk.problem
        self.heading = MessageLabel(objectName="meetingHeading")
        self.held = MessageLabel(objectName="heldElsewhere")
        self.held.setAccessibleName("Why this meeting cannot be recorded here")
        self.retry_button = table_button(
            "history", "T&ry again", "Try again to record this meeting",
            "Record this meeting here, if the other clerk has let it go")
        self.open_button = table_button("circle-play", "&Open the meeting", "Open the meeting",
                                   "The Chair opens the meeting: quorum is tracked from now")
        self.close_button = table_button("calendar-check", "Clos&e the meeting",
                                    "Close the meeting", "Record the time the meeting closed")
        self.times_button = table_button("clock", "Correct times…", "Correct the meeting's times",
                                    "Correct when the meeting opened and closed, and when "
                                    "each item was taken")
        self.undo_button = table_button("undo-2", "Undo", "Undo", "")
        self.redo_button = table_button("redo-2", "Redo", "Redo", "")
        self.banner = QuorumBanner()
        self._quorum_shown: tuple[int | None, bool] = (None, False)  # meeting, quorate
        self.banner.public.hide()  # the public count is edited right beside the banner
        self.public = CountBox(9999)
        self.public.setKeyboardTracking(False)  # one action per number typed, not per digit
        self.public.setAccessibleName("Members of the public present")
        self.public.setMinimumHeight(28)
        self.register = RegisterPanel()
        self.agenda = AgendaPanel()
        self.register_controller = RegisterController(self.desk, self.register)
        self.agenda_controller = AgendaController(self.desk, self.agenda,
                                                  self.register.current_person)
        self.agenda_editor = AgendaEditor(self.desk, self.agenda, self.agenda_controller)
        self.details_button = table_button("pencil", "Details…", "Meeting details",
                                      "Title, date, time, venue, next meeting, names of the "
                                      "public (also Meeting › Details…)")
        self.actions_controller = ActionsController(self.desk, self.agenda.actions,
                                                    self.agenda.selected_item)
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        public_label = QLabel("Pu&blic present:")
        public_label.setBuddy(self.public)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addLayout(FlowLayout().add_widgets(
            self.details_button, self.open_button, self.close_button, self.times_button,
            self.undo_button, self.redo_button), 2)
        self.held_bar = QWidget()
        held_row = QHBoxLayout(self.held_bar)
        held_row.setContentsMargins(0, 0, 0, 0)
        held_row.addWidget(self.held, 1)
        held_row.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        self.held_bar.hide()
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(public_label)
        banner_row.addWidget(self.public)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.register)
        # The agenda's item, notes and buttons scroll when the screen is short.
        splitter.addWidget(scrolled(self.agenda, "Agenda and the item under discussion"))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3000, 2000])  # shared 3:2 from the start, at any width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.held_bar)
        layout.addLayout(banner_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.desk.changed.connect(self._changed)
        self.desk.recorded.connect(self.recorded)
        self.details_button.clicked.connect(self.edit_details)
        self.retry_button.clicked.connect(self.try_again)
        self.open_button.clicked.connect(self._open_meeting)
        self.close_button.clicked.connect(self._close_meeting)
        self.times_button.clicked.connect(self._correct_times)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self.public.valueChanged.connect(self._public_changed)
        self.public.refused.connect(self.desk.refuse)
        self._shortcuts = []
        for key in _keys(QKeySequence.StandardKey.Undo):
            self._shortcut(key, self.undo, "Undo the last action at this meeting")
        for key in _keys(QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")):
            self._shortcut(key, self.redo, "Redo the last action undone")
        self._shortcut(QKeySequence("Ctrl+F"), self._focus_filter,
                       "Go to the register's name box")
        self._shortcut(QKeySequence(ACTION_SHORTCUT), self.actions_controller.add,
                       "Record an action under the selected item")
        self.agenda.selected.connect(lambda _item: self.actions_controller.show())

    def _shortcut(self, key: QKeySequence, slot: Callable, what: str) -> None:
        shortcut = QShortcut(key, self)
        shortcut.setWhatsThis(what)  # Help › Keyboard reference lists it in these words
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        self._shortcuts.append(shortcut)

    # --- showing ------------------------------------------------------------------------

    def show_meeting(self, meeting_id: int) -> None:
        """Show a meeting as its record stands; the clerk starts in the name box."""
        self.flush()
        self.agenda_controller.reset()
        self.desk.show_meeting(meeting_id)
        self.refresh()
        self.register.filter.setFocus()

    @property
    def meeting_id(self) -> int | None:
        return self.desk.meeting_id

    def try_again(self) -> None:
        """Show the meeting again, recordable if the clerk who held it has let it go."""
        if self.desk.meeting_id is not None:
            self.show_meeting(self.desk.meeting_id)

    def let_go(self) -> None:
        """Save what is typed and let other clerks record the meeting shown."""
        self.flush()
        self.desk.let_go()

    def _changed(self, state: MeetingState | None) -> None:
        if state is None:
            self.refresh()
        else:
            self.show_register_event(state)

    def show_register_event(self, state: MeetingState) -> None:
        """A register event: only the register and what depends on it are shown again
        (the banner, who presides, the undo buttons); its changed rows alone repaint.
        The agenda, the actions and the heading did not change and are not rebuilt."""
        self.desk.take(state)
        self._show_banner()
        self.register_controller.show()
        self.agenda_controller.show_now()
        self._update_undo()

    def refresh(self) -> None:
        """Read the record again and show it: after every action but a register event,
        and on showing."""
        desk = self.desk
        if not desk.read():
            return
        summary, status, locked = desk.summary, desk.status_of_meeting, desk.locked
        self.heading.setText(words.heading(summary))
        self.held.setText(desk.held_elsewhere or "")
        self.held_bar.setVisible(desk.held_elsewhere is not None)
        self._show_banner()
        self.public.blockSignals(True)
        self.public.setValue(summary.public_count)
        self.public.blockSignals(False)
        self.register_controller.show()
        self.open_button.setVisible(status is MeetingStatus.SCHEDULED)
        self.close_button.setVisible(desk.in_progress)
        self.times_button.setVisible(summary.opened_at is not None)
        for widget in (self.open_button, self.close_button, self.times_button, self.public,
                       self.register):
            widget.setEnabled(not locked)
        self.register.set_recording(not desk.closed)
        self.agenda_controller.show()
        self.agenda_editor.show()
        self.actions_controller.show()
        self._update_undo()

    def _show_banner(self) -> None:
        desk = self.desk
        current = desk.current_item()
        note = ""
        if current and current.public_excluded and desk.in_progress:
            note = f"excluded for item {current.position}"
        closed = desk.status_of_meeting is MeetingStatus.CLOSED
        quorum = desk.state.quorum
        self.banner.show_result(quorum, desk.summary.public_count,
                                "At the close: " if closed else "", note)
        # A sighted clerk sees the banner turn; a clerk using a screen reader hears it.
        shown = (desk.meeting_id, quorum.quorate)
        if desk.in_progress and self._quorum_shown[0] == desk.meeting_id \
                and self._quorum_shown != shown:
            verdict = "quorate" if quorum.quorate else "NOT quorate"
            announce.announce(self.banner, f"Meeting now {verdict}: {quorum.detail}")
        self._quorum_shown = shown

    def _update_undo(self) -> None:
        locked = self.desk.locked
        for button, label, verb, keys in (
                (self.undo_button, self.desk.undo_label, "Undo", "Ctrl+Z"),
                (self.redo_button, self.desk.redo_label, "Redo", "Ctrl+Shift+Z")):
            button.setEnabled(label is not None and not locked)
            button.setToolTip(f"{verb}: {label} ({keys})" if label
                              else f"Nothing to {verb.lower()}")
            button.setAccessibleName(f"{verb}: {label}" if label else verb)

    # --- the meeting --------------------------------------------------------------------

    def _open_meeting(self) -> None:
        desk = self.desk
        if desk.attempt("Meeting opened", partial(meetings.open_meeting, desk.engine,
                                                  desk.meeting_id, desk.when("the opening"))):
            # The button that had the focus is gone: the clerk goes on at the register.
            self.register.filter.setFocus(Qt.FocusReason.OtherFocusReason)

    def _close_meeting(self) -> None:
        desk = self.desk
        desk.attempt("Meeting closed", partial(meetings.close_meeting, desk.engine,
                                               desk.meeting_id, desk.when("the close")))

    def _correct_times(self) -> None:
        """The opening, the close and each item's time, corrected as one action (§9)."""
        desk = self.desk

        def submit(opened, closed, starts) -> str:
            if opened is None and closed is None and not starts:
                return ""
            desk.record("Meeting times corrected", partial(
                timing.correct_times, desk.engine, desk.meeting_id, opened, closed, starts))
            return desk.status.text()

        MeetingTimesDialog.ask(desk.summary, desk.agenda, submit, parent=self)

    def edit_details(self) -> None:
        """The meeting's title, date, time, venue, next-meeting note and public names."""
        desk = self.desk
        if desk.meeting_id is None:
            return

        def submit(details: agenda.MeetingDetails) -> str:
            warnings = desk.record("Meeting details", partial(
                agenda.set_meeting_details, desk.engine, desk.meeting_id, details))
            if warnings:
                desk.note(" ".join(warnings))
            return desk.status.text()

        details = agenda.meeting_details(desk.engine, desk.meeting_id)
        MeetingDetailsDialog.ask(replace(details, locked=details.locked or desk.locked),
                                 submit, parent=self)

    def _public_changed(self, count: int) -> None:
        desk = self.desk
        if not desk.attempt(f"Public present: {count}", partial(
                meetings.set_public_count, desk.engine, desk.meeting_id, count)):
            self.refresh()  # refused: show the count as recorded

    def _focus_filter(self) -> None:
        self.register.filter.setFocus()
        self.register.filter.selectAll()

    def undo(self) -> None:
        """Undo the last recording action at this meeting (Ctrl+Z)."""
        self.desk.undo()

    def redo(self) -> None:
        """Do again the last action undone (Ctrl+Shift+Z)."""
        self.desk.redo()

    def flush(self) -> None:
        """Save anything typed but not yet saved (the notes); call before quitting."""
        self.agenda_controller.flush()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self.flush()
        super().hideEvent(event)



def _keys(standard: QKeySequence.StandardKey, *more: QKeySequence) -> list[QKeySequence]:
    """The platform's keys for an action plus any extra, each once (a key bound twice
    would make both shortcuts ambiguous, and neither would fire)."""
    keys: dict[str, QKeySequence] = {}
    for key in (*QKeySequence.keyBindings(standard), *more):
        if not key.isEmpty():
            keys.setdefault(key.toString(), key)
    return list(keys.values())

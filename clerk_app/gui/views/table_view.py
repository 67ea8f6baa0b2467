"""At the table: the one screen a clerk runs a whole meeting in (issue 3).

The quorum banner stays at the top; the register (left) takes arrivals by name plus
Enter and single keys; the agenda (right) takes the item under discussion, declarations,
notes and decisions. Every action is one service call, saved the moment it is made,
run through the meeting's undo stack (services/undo.py), and followed by a fresh read
of the record: no widget computes quorum, eligibility or a result, and no query runs
while painting. Actions are fast (a few milliseconds), so they run on the GUI thread.

Warnings before harm (DOMAIN.md §3): a departure, a withdrawal or a declaration that
withdraws the member, which would make a quorate meeting inquorate, is only recorded
after the clerk confirms it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app import clock
from clerk_app.gui import theme
from clerk_app.gui.dialogs import prompts
from clerk_app.gui.dialogs.decision_dialog import DecisionAnswer, DecisionDialog
from clerk_app.gui.dialogs.declare_dialog import KIND_WORDS, DeclarationAnswer, DeclareDialog
from clerk_app.gui.dialogs.election_dialog import ElectionAnswer, ElectionDialog
from clerk_app.gui.dialogs.substitute_dialog import SubstituteDialog
from clerk_app.gui.dialogs.time_edit_dialog import TimeEditDialog
from clerk_app.gui.dialogs.vote_dialog import VoteAnswer, VoteDialog
from clerk_app.gui.dialogs.walk_in_dialog import WalkIn, WalkInDialog
from clerk_app.gui.models.register_model import OFFICE_WORDS
from clerk_app.gui.views.table.agenda_panel import AgendaPanel
from clerk_app.gui.views.table.register_panel import RegisterPanel
from clerk_app.gui.widgets.quorum_banner import QuorumBanner
from clerk_app.rules.declarations import InterestKind
from clerk_app.rules.vocabulary import DecisionKind
from clerk_app.services import decisions, meetings, register
from clerk_app.services.errors import ClerkError
from clerk_app.services.meetings import AgendaLine
from clerk_app.services.state import MeetingState, RegisterLine
from clerk_app.services.undo import UndoStack

# Notes are saved this long after the clerk stops typing, and at once on leaving them.
NOTES_DELAY_MS = 800
STATUS_WORDS = {"scheduled": "Not yet opened", "in_progress": "In progress",
                "closed": "Closed", "cancelled": "Cancelled"}


class TableView(QWidget):
    """The meeting table, for a meeting that is scheduled, in progress or closed.

    Construct with `TableView(engine, parent=None)` and call `show_meeting(meeting_id)`.
    Call `flush()` before the application quits (closing or hiding the view does it too)
    so that notes typed in the last moment are saved.

    Signals:
        recorded(str): after every successful action, what was saved and when
            ("Saved 10:32 — Helen Marsh arrived"), for the window's status bar.
    """

    recorded = Signal(str)

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._meeting_id: int | None = None
        self._stacks: dict[int, UndoStack] = {}
        self._state: MeetingState | None = None
        self._summary: meetings.MeetingSummary | None = None
        self._agenda: list[AgendaLine] = []
        self._item_id: int | None = None  # the item shown in the agenda panel
        self._notes_item_id: int | None = None
        self._notes_dirty = False
        self._prompts: tuple[tuple | None, list] = (None, [])  # (item, people), prompts
        self.setAccessibleName("Meeting table")

        self.heading = QLabel(objectName="meetingHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.open_button = self._button("circle-play", "&Open the meeting", "Open the meeting",
                                        "The Chair opens the meeting: quorum is tracked from now")
        self.close_button = self._button("calendar-check", "Clos&e the meeting",
                                         "Close the meeting", "Record the time the meeting closed")
        self.undo_button = self._button("undo-2", "Undo", "Undo", "")
        self.redo_button = self._button("redo-2", "Redo", "Redo", "")
        self.open_button.clicked.connect(self._open_meeting)
        self.close_button.clicked.connect(self._close_meeting)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)

        self.banner = QuorumBanner()
        self.banner.public.hide()  # the public count is edited right beside the banner
        self.public = QSpinBox()
        self.public.setRange(0, 9999)
        self.public.setKeyboardTracking(False)  # one action per number typed, not per digit
        self.public.setAccessibleName("Members of the public present")
        self.public.setMinimumHeight(28)
        self.public.valueChanged.connect(self._public_changed)
        public_label = QLabel("Pu&blic present:")
        public_label.setBuddy(self.public)

        self.register = RegisterPanel()
        self.register.action.connect(self._register_action)
        self.register.arrive_typed.connect(self._arrive_typed)
        self.register.add_walk_in.connect(self._add_walk_in)
        self.agenda = AgendaPanel()
        self.agenda.selected.connect(self._item_selected)
        self.agenda.request.connect(self._agenda_request)
        self.agenda.notes.textChanged.connect(self._notes_changed)
        self._tips = {button: button.toolTip() for button in (
            self.agenda.decision, self.agenda.vote, self.agenda.election)}
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_DELAY_MS)
        self._notes_timer.timeout.connect(self._save_notes)

        self.status = QLabel(objectName="savedStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("When the record was last saved")
        self.problem = QLabel(objectName="errorMessage")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Why the last action was not saved")
        self.problem.hide()

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        for button in (self.open_button, self.close_button, self.undo_button,
                       self.redo_button):
            top.addWidget(button)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(public_label)
        banner_row.addWidget(self.public)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.register)
        splitter.addWidget(self.agenda)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(banner_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.status)

        self._shortcuts = []
        for key in _keys(QKeySequence.StandardKey.Undo):
            self._shortcut(key, self.undo)
        for key in _keys(QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")):
            self._shortcut(key, self.redo)
        self._shortcut(QKeySequence("Ctrl+F"), self._focus_filter)

    def _button(self, icon: str, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(theme.icon(icon), text)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setMinimumHeight(28)
        return button

    def _shortcut(self, key: QKeySequence, slot: Callable) -> None:
        shortcut = QShortcut(key, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        self._shortcuts.append(shortcut)

    # --- showing ------------------------------------------------------------------------

    def show_meeting(self, meeting_id: int) -> None:
        """Show a meeting as its record stands; the clerk starts in the name box."""
        self.flush()
        self._meeting_id = meeting_id
        self._stacks.setdefault(meeting_id, UndoStack(self._engine, meeting_id))
        self._item_id = None
        self._prompts = (None, [])  # interests may have been registered meanwhile
        self.problem.hide()
        self.refresh()
        saved = meetings.last_saved(self._engine, meeting_id)
        self.status.setText(f"Last saved {clock.local(saved):%H:%M on %A %d %B %Y}" if saved
                            else "Nothing recorded yet")
        self.register.filter.setFocus()

    @property
    def meeting_id(self) -> int | None:
        return self._meeting_id

    def refresh(self, state: MeetingState | None = None) -> None:
        """Read the record again and show it: after every action, and on showing. A
        register action brings the meeting's state as it left it: not read again."""
        m = self._meeting_id
        if m is None:
            return
        self._summary = summary = meetings.meeting_summary(self._engine, m, with_items=False)
        self._agenda = meetings.agenda(self._engine, m)
        self._state = state = state or register.state(self._engine, m)
        when = f"{summary.date:%A %d %B %Y}"
        if summary.start_time:
            when += f", {summary.start_time:%H:%M}"
        status = STATUS_WORDS.get(summary.status, summary.status)
        if summary.status == "in_progress" and summary.opened_at:
            status += f" since {clock.hhmm(summary.opened_at)}"
        if summary.status == "closed" and summary.closed_at:
            status += f" at {clock.hhmm(summary.closed_at)}"
        locked = self._locked()
        if summary.minutes_status == "approved":
            status += " — minutes approved, so the record is locked"
        self.heading.setText(f"{summary.body_name}\n{when} — {summary.venue or 'venue not set'}"
                             f" — {status}")
        current = self._line(state.item_id)
        note = ""
        if current and current.public_excluded and summary.status == "in_progress":
            note = f"excluded for item {current.position}"
        self.banner.show_result(state.quorum, summary.public_count,
                                "At the close: " if summary.status == "closed" else "", note)
        self.public.blockSignals(True)
        self.public.setValue(summary.public_count)
        self.public.blockSignals(False)
        self.register.set_rows(list(state.register))
        self.agenda.model.set_rows(self._agenda, state.item_id)
        if self._item_id is None or self._line(self._item_id) is None:
            self._item_id = state.item_id or (self._agenda[0].item_id if self._agenda else None)
        self.agenda.list.blockSignals(True)
        self.agenda.list.selectionModel().blockSignals(True)
        self.agenda.select_item(self._item_id)
        self.agenda.list.selectionModel().blockSignals(False)
        self.agenda.list.blockSignals(False)
        self.open_button.setVisible(summary.status == "scheduled")
        self.close_button.setVisible(summary.status == "in_progress")
        for widget in (self.open_button, self.close_button, self.public, self.register,
                       self.agenda.declare, self.agenda.choose_presiding):
            widget.setEnabled(not locked)
        # Decisions are taken in a meeting that has been opened (or corrected after it).
        taken = not locked and summary.status in ("in_progress", "closed")
        for widget in (self.agenda.decision, self.agenda.vote, self.agenda.election):
            widget.setEnabled(taken)
            widget.setToolTip(self._tips[widget] if taken else "Open the meeting first")
        self.agenda.notes.setReadOnly(locked)
        self._show_now(state, current)
        self._show_item()
        self._update_undo()

    def _locked(self) -> bool:
        return bool(self._summary and (self._summary.minutes_status == "approved"
                                       or self._summary.status == "cancelled"))

    def _line(self, item_id: int | None) -> AgendaLine | None:
        return next((i for i in self._agenda if i.item_id == item_id), None)

    def _show_now(self, state: MeetingState, current: AgendaLine | None) -> None:
        panel = self.agenda
        in_progress = self._summary.status == "in_progress"
        if current is None:
            panel.now.setText("No item has been started yet." if in_progress else
                              "Open the meeting to take its items.")
            panel.presiding.setText("")
            panel.choose_presiding.hide()
        else:
            panel.now.setText(f"Under discussion: item {current.position}. {current.title}")
            presiding = state.presiding
            if presiding.person_id is None:
                panel.presiding.setText(f"Presiding: nobody yet. {presiding.reason}")
            else:
                office = OFFICE_WORDS.get(presiding.office or "", "")
                who = f"{presiding.name} ({office})" if office else presiding.name
                reason = "" if presiding.office == "chair" else f" {presiding.reason}"
                panel.presiding.setText(f"Presiding: {who}.{reason}")
            panel.choose_presiding.setVisible(presiding.person_id is None and in_progress)
        panel.presiding.setVisible(bool(panel.presiding.text()))
        later = [i for i in self._agenda if current is None or i.position > current.position]
        panel.next.setEnabled(in_progress and bool(later) and not self._locked())
        panel.next.setText(f"Ne&xt: item {later[0].position}" if later else "Ne&xt item")
        panel.next.setAccessibleName(f"Start item {later[0].position}" if later
                                     else "Start the next item")

    def _show_item(self) -> None:
        """The selected item: its details, prompts, declarations, notes and outcomes."""
        panel = self.agenda
        line = self._line(self._item_id)
        if line is None:
            for label in (panel.item_title, panel.item_details, panel.declarations,
                          panel.outcomes):
                label.setText("")
            panel.prompt.hide()
            return
        panel.item_title.setText(f"Item {line.position}. {line.title}")
        details = []
        if line.presenter:
            details.append(f"Presented by {line.presenter}.")
        if line.papers:
            details.append(f"Papers: {line.papers}.")
        if line.exempt:
            excluded = " The public were excluded." if line.public_excluded else ""
            details.append(f"Exempt: {line.exempt_reason}.{excluded}")
        if line.started_at:
            details.append(f"Taken at {clock.hhmm(line.started_at)}.")
        panel.item_details.setText(" ".join(details))
        panel.item_details.setVisible(bool(details))
        # The registered interests of the people on the register: read again only when
        # the item or the people change (not on every arrival).
        key = (line.item_id, frozenset(r.person_id for r in self._state.register))
        if self._prompts[0] != key:
            self._prompts = (key, decisions.interest_prompts(self._engine, line.item_id))
        matches = self._prompts[1]
        declared = {d.split(":", 1)[0] for d in line.declarations}
        due = [m for m in matches if m.name not in declared]
        panel.prompt.setText("A declaration may be due: this item mentions "
                             + "; ".join(f"{m.name}'s registered interest “{m.interest}”"
                                         for m in due) + "." if due else "")
        panel.prompt.setVisible(bool(due))
        panel.declarations.setText("Declarations: " + "; ".join(line.declarations)
                                   if line.declarations else "No declarations on this item.")
        panel.outcomes.setText("\n".join(line.outcomes) if line.outcomes
                               else "No decision recorded yet.")
        if self._notes_item_id != line.item_id:
            panel.notes.blockSignals(True)
            panel.notes.setPlainText(line.notes)
            panel.notes.blockSignals(False)
            self._notes_item_id = line.item_id
            self._notes_dirty = False
        is_current = self._state is not None and self._state.item_id == line.item_id
        panel.start.setEnabled(self._summary.status == "in_progress" and not is_current
                               and not self._locked())

    def _update_undo(self) -> None:
        stack = self._stack()
        for button, label, verb, keys in (
                (self.undo_button, stack.undo_label if stack else None, "Undo", "Ctrl+Z"),
                (self.redo_button, stack.redo_label if stack else None, "Redo", "Ctrl+Shift+Z")):
            button.setEnabled(label is not None and not self._locked())
            button.setToolTip(f"{verb}: {label} ({keys})" if label
                              else f"Nothing to {verb.lower()}")
            button.setAccessibleName(f"{verb}: {label}" if label else verb)

    def _stack(self) -> UndoStack | None:
        return self._stacks.get(self._meeting_id) if self._meeting_id is not None else None

    # --- recording ----------------------------------------------------------------------

    def _when(self) -> datetime | None:
        """The time of an action: now, pinned so that redo repeats it exactly. On any day
        but the meeting's (a rehearsal), the service's own "now" is used instead."""
        now = clock.now()
        return now if self._summary and now.date() == self._summary.date else None

    def _record(self, label: str, action: Callable[[], Any]) -> Any:
        """One recording action, saved and undoable; ClerkError if the rules refuse it."""
        self.flush()
        result = self._stack().record(label, action)
        self._saved(label, result if isinstance(result, MeetingState) else None)
        return result

    def _try(self, label: str, action: Callable[[], Any]) -> bool:
        """Record, showing a refusal in the view instead of raising it; True if saved."""
        try:
            self._record(label, action)
        except ClerkError as error:
            self._refused(error.message)
            return False
        return True

    def _saved(self, label: str, state: MeetingState | None = None) -> None:
        self.problem.hide()
        self.refresh(state)
        text = f"Saved {clock.now():%H:%M} — {label}"
        self.status.setText(text)
        self.recorded.emit(text)

    def _refused(self, message: str) -> None:
        self.problem.setText(f"Not saved: {message}")
        self.problem.show()

    def undo(self) -> None:
        """Undo the last recording action at this meeting (Ctrl+Z)."""
        stack = self._stack()
        if stack is None or stack.undo_label is None:
            return
        self.flush()
        try:
            label = stack.undo()
        except ClerkError as error:
            self._refused(error.message)
            return
        self._saved(f"Undone: {label}")

    def redo(self) -> None:
        """Do again the last action undone (Ctrl+Shift+Z)."""
        stack = self._stack()
        if stack is None or stack.redo_label is None:
            return
        self.flush()
        try:
            label = stack.redo()
        except ClerkError as error:
            self._refused(error.message)
            return
        self._saved(f"Redone: {label}")

    def _warn_if_inquorate(self, person_id: int, kind: str, item_id: int | None,
                           doing: str) -> bool:
        """Before harm (DOMAIN.md §3): True to go ahead. Asks only when the event would
        turn a quorate meeting in progress inquorate."""
        if self._summary.status != "in_progress":
            return True
        before, after = register.quorum_if(self._engine, self._meeting_id, person_id, kind,
                                           item_id)
        if not before.quorate or after.quorate:
            return True
        return prompts.confirm(
            self, "The meeting would become inquorate",
            f"{doing} would make the meeting inquorate:\n{after.summary}.\n\n"
            "Record it anyway? The minutes will say when quorum was lost, and no decision "
            "can then be recorded as resolved without a reason.",
            "Record it anyway")

    # --- the register -------------------------------------------------------------------

    def _person(self, person_id: int) -> RegisterLine:
        return self._state.line(person_id)

    def _arrive_typed(self, person_id: int) -> None:
        line = self._person(person_id)
        if self._try(f"{line.name} arrived", partial(
                register.arrive, self._engine, self._meeting_id, person_id, self._when())):
            self.register.filter.clear()  # ready for the next name

    def _register_action(self, action: str, person_id: int) -> None:
        line = self._person(person_id)
        m, engine = self._meeting_id, self._engine
        if action == "present":
            self._try(f"{line.name} arrived", partial(register.arrive, engine, m, person_id,
                                                      self._when()))
        elif action == "apologies":
            self._try(f"{line.name} sent apologies",
                      partial(register.send_apologies, engine, m, person_id))
        elif action == "leave":
            if self._warn_if_inquorate(person_id, "leave", None, f"{line.name} leaving"):
                self._try(f"{line.name} left", partial(register.leave, engine, m, person_id,
                                                       self._when()))
        elif action == "return":
            if line.withdrawn:
                item = self._line(self._state.item_id)
                self._try(f"{line.name} returned to item {item.position}",
                          partial(register.return_to_item, engine, m, person_id, item.item_id,
                                  self._when()))
            elif line.state == "left":
                self._try(f"{line.name} came back", partial(register.arrive, engine, m,
                                                            person_id, self._when()))
            else:
                self._refused(f"{line.name} has not left or withdrawn, so there is nothing to "
                              "return from.")
        elif action == "withdraw":
            item = self._line(self._state.item_id)
            if item is None:
                self._refused("No item is under discussion: start the item first.")
            elif self._warn_if_inquorate(person_id, "withdraw", item.item_id,
                                         f"{line.name} withdrawing from item {item.position}"):
                self._try(f"{line.name} withdrew from item {item.position}",
                          partial(register.withdraw, engine, m, person_id, item.item_id,
                                  self._when()))
        elif action == "substitute":
            self._substitute(line)
        elif action == "times":
            self._edit_times(line)

    def _substitute(self, member: RegisterLine) -> None:
        if member.capacity != "member":
            self._refused(f"{member.name} is not a member of this body, so cannot be "
                          "substituted.")
            return
        choices = register.substitute_choices(self._engine, self._meeting_id, member.person_id)

        def submit(person_id: int) -> str:
            chosen = self._state.line(person_id)
            in_room = bool(chosen and chosen.arrived_at and chosen.state != "left")
            name = chosen.name if chosen else next(c.name for c in choices
                                                   if c.person_id == person_id)
            warning = self._record(
                f"{name} sits in for {member.name}",
                partial(register.add_substitute, self._engine, self._meeting_id,
                        member.person_id, person_id, self._when(), not in_room))
            if warning:
                self.status.setText(f"{self.status.text()}. Note: {warning}")
            return self.status.text()

        SubstituteDialog.ask(member.name, choices, submit, parent=self)

    def _edit_times(self, line: RegisterLine) -> None:
        events = register.person_events(self._engine, self._meeting_id, line.person_id)

        def submit(changes: dict[int, datetime]) -> str:
            if not changes:
                return ""
            self._record(f"Times corrected for {line.name}",
                         partial(register.set_event_times, self._engine, self._meeting_id,
                                 changes))
            return self.status.text()

        TimeEditDialog.ask(line.name, self._summary.date, events, submit, parent=self)

    def _add_walk_in(self) -> None:
        def submit(walk_in: WalkIn) -> str:
            self._record(f"{walk_in.name} added as {walk_in.role_note or 'in attendance'}",
                         partial(register.add_in_attendance, self._engine, self._meeting_id,
                                 walk_in.name, walk_in.agency, walk_in.role_note,
                                 walk_in.for_items, self._when(), walk_in.arrived))
            return self.status.text()

        WalkInDialog.ask(submit, parent=self)

    def _public_changed(self, count: int) -> None:
        if not self._try(f"Public present: {count}",
                         partial(meetings.set_public_count, self._engine, self._meeting_id,
                                 count, "")):
            self.refresh()  # refused: show the count as recorded

    def _focus_filter(self) -> None:
        self.register.filter.setFocus()
        self.register.filter.selectAll()

    # --- the meeting and its agenda -----------------------------------------------------

    def _open_meeting(self) -> None:
        self._try("Meeting opened", partial(meetings.open_meeting, self._engine,
                                            self._meeting_id, self._when()))

    def _close_meeting(self) -> None:
        self._try("Meeting closed", partial(meetings.close_meeting, self._engine,
                                            self._meeting_id, self._when()))

    def _item_selected(self, item_id: int) -> None:
        if item_id == self._item_id:
            return
        self.flush()
        self._item_id = item_id
        self._show_item()

    def _agenda_request(self, request: str) -> None:
        if request == "start":
            self._start_item(self._line(self._item_id))
        elif request == "next":
            current = self._line(self._state.item_id)
            later = [i for i in self._agenda if current is None or i.position > current.position]
            if later:
                self._start_item(later[0])
        elif request == "declare":
            self._declare()
        elif request == "presiding":
            self._choose_presiding()
        elif request == "decision":
            self._decision()
        elif request in ("vote", "election"):
            self._vote(election=request == "election")

    def _start_item(self, item: AgendaLine | None) -> None:
        if item is None:
            return
        excluded = False
        if item.exempt:
            public = self._summary.public_count
            if not prompts.confirm(
                    self, "Exempt item: exclude the public",
                    f"Item {item.position} ({item.title}) is exempt: {item.exempt_reason}.\n\n"
                    f"Ask the public ({public} present) and anyone who is not a member to "
                    "leave, then confirm that they have left.",
                    "They have left: start the item"):
                return
            excluded = True
        self._item_id = item.item_id
        self._try(f"Item {item.position} started",
                  partial(meetings.start_item, self._engine, self._meeting_id, item.item_id,
                          self._when(), excluded))

    def _choose_presiding(self) -> None:
        item = self._line(self._state.item_id)
        members = [line for line in self._state.register
                   if line.capacity == "member" and line.state == "present"]
        index = prompts.choose(self, "Who presides", "The members present choose who presides "
                               f"over item {item.position}:", [m.name for m in members])
        if index is not None:
            chosen = members[index]
            self._try(f"{chosen.name} presides over item {item.position}",
                      partial(meetings.choose_presiding, self._engine, item.item_id,
                              chosen.person_id))

    def _declare(self) -> None:
        members = [line for line in self._state.register
                   if line.capacity in ("member", "substitute")]
        members.sort(key=lambda line: line.state not in ("present", "substitute"))
        people = [(line.person_id, f"{line.name} — {line.category_name}") for line in members]
        items = [(i.item_id, f"{i.position}. {i.title}") for i in self._agenda]
        found = {i.item_id: decisions.interest_prompts(self._engine, i.item_id)
                 for i in self._agenda}

        def submit(answer: DeclarationAnswer) -> str:
            line = self._state.line(answer.person_id)
            item = self._line(answer.item_id)
            withdraws = answer.effect == "withdraws" and not answer.dispensation_by.strip()
            if withdraws and line.state in ("present", "substitute") and \
                    not self._warn_if_inquorate(answer.person_id, "withdraw", answer.item_id,
                                                f"{line.name} withdrawing from item "
                                                f"{item.position}"):
                raise ClerkError("Not recorded: the declaration would make the meeting "
                                 "inquorate. Change the effect, record a dispensation, or "
                                 "cancel.")
            kind = KIND_WORDS[InterestKind(answer.kind)].split(" (")[0].lower()
            label = f"{line.name} declared a {kind} interest in item {item.position}"
            if withdraws:
                label += " and withdraws"
            self._record(label, partial(
                decisions.declare_interest, self._engine, answer.item_id, answer.person_id,
                answer.kind, answer.description, answer.effect, answer.dispensation_by,
                answer.dispensation_note, self._when()))
            return self.status.text()

        DeclareDialog.ask(people, items, self._item_id, self._state.rules.declaration_effects,
                          found, submit, person_id=self.register.current_person(), parent=self)

    def _decision(self) -> None:
        item = self._line(self._item_id)
        if item is None:
            return
        state = register.state(self._engine, self._meeting_id, item.item_id)
        words = {DecisionKind.CONSENSUS: "agreed by consensus", DecisionKind.NOTED: "noted",
                 DecisionKind.DEFERRED: "deferred"}

        def submit(answer: DecisionAnswer) -> str:
            self._record(f"Item {item.position} {words[answer.kind]}", partial(
                decisions.record_decision, self._engine, item.item_id, answer.kind,
                answer.text, answer.inquorate_reason, self._when()))
            return self.status.text()

        DecisionDialog.ask(f"{item.position}. {item.title}", state.quorum, submit, parent=self)

    def _vote(self, election: bool) -> None:
        item = self._line(self._item_id)
        if item is None:
            return
        state = register.state(self._engine, self._meeting_id, item.item_id)

        def submit_vote(answer: VoteAnswer) -> decisions.RecordedVote:
            result = decisions.preview(state, answer.tally, answer.positions,
                                       answer.casting).result
            outcome = "carried" if result.carried else "not carried"
            return self._record(f"Vote on item {item.position}: {outcome}", partial(
                decisions.record_vote, self._engine, item.item_id, answer.motion,
                answer.tally, answer.positions, answer.casting, answer.inquorate_reason,
                self._when()))

        def make_recorded(vote_id: int, positions: dict[int, str], casting: str | None) -> str:
            self._record(f"Vote on item {item.position} recorded by name", partial(
                decisions.make_vote_recorded, self._engine, vote_id, positions, casting))
            return self.status.text()

        def submit_election(answer: ElectionAnswer) -> str:
            preview = decisions.preview_election(state, answer.votes, answer.casting_for,
                                                 answer.lot_winner)
            self._record(f"Election of {answer.office}: {preview.result.winner} elected",
                         partial(decisions.record_election, self._engine, item.item_id,
                                 answer.office, answer.votes, answer.casting_for,
                                 answer.lot_winner, answer.inquorate_reason, self._when()))
            return self.status.text()

        if election:
            ElectionDialog.ask(state, f"{item.position}. {item.title}", submit_election,
                               parent=self)
        else:
            VoteDialog.ask(state, f"{item.position}. {item.title}", submit_vote, make_recorded,
                           parent=self)

    # --- notes --------------------------------------------------------------------------

    def _notes_changed(self) -> None:
        self._notes_dirty = True
        self._notes_timer.start()

    def _save_notes(self) -> None:
        if not self._notes_dirty or self._notes_item_id is None:
            return
        self._notes_timer.stop()
        self._notes_dirty = False
        item = self._line(self._notes_item_id)
        try:
            meetings.set_item_notes(self._engine, self._notes_item_id,
                                    self.agenda.notes.toPlainText())
        except ClerkError as error:
            self._refused(error.message)
            return
        text = f"Saved {clock.now():%H:%M} — notes on item {item.position if item else ''}"
        self.status.setText(text)
        self.recorded.emit(text)

    def flush(self) -> None:
        """Save anything typed but not yet saved (the notes); call before quitting."""
        self._save_notes()

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

"""The meeting as the table's controllers share it: the record as last read, the
meeting's undo stack, and the one way an action is recorded.

Every action is one service call, saved the moment it is made, run through the
meeting's undo stack (services/undo.py), and followed by a fresh read of the record;
a register event instead brings back the meeting's state as it left it, applied in
memory to the meeting the desk keeps live (services/live.py), so the banner follows
the key press within a frame. Actions are fast, so they run on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from sqlalchemy.engine import Engine

from clerk_app import clock
from clerk_app.gui.dialogs import prompts
from clerk_app.gui.dialogs.timing_dialogs import (
    AFTERWARDS,
    LIVE,
    LiveOrAfterwardsDialog,
    TypedTimeDialog,
)
from clerk_app.gui.views.table import words
from clerk_app.gui.widgets import announce
from clerk_app.gui.widgets.fitting import ElidedLabel, MessageLabel
from clerk_app.rules.vocabulary import AttendanceKind, MeetingStatus, MinutesStatus
from clerk_app.services import meeting_writer, meetings, offline, register, timing
from clerk_app.services.errors import ClerkError
from clerk_app.services.live import LiveMeeting
from clerk_app.services.meeting_writer import MeetingLock
from clerk_app.services.meetings import AgendaLine, MeetingSummary
from clerk_app.services.register import Verdicts
from clerk_app.services.state import MeetingState
from clerk_app.services.undo import UndoStack

# What the two lines are called while they say nothing.
SAVED_CAPTION = "When the record was last saved"
REFUSED_CAPTION = "Why the last action was not saved"


class TableDesk(QObject):
    """What the table knows of one meeting, and how it records.

    Holds the two lines every action reports to: `status` (what was saved, and when)
    and `problem` (why an action was refused). On a team record it holds the right to
    record the meeting shown (services/meeting_writer.py) until it shows another or
    `let_go()`; `held_elsewhere` is then why it is read-only here, or None.

    Signals:
        about_to_record(): an action is about to be recorded: save anything typed first.
        changed(object): the record changed; the MeetingState a register event brought
            back (only the register and what depends on it changed, and `state` is
            already it), or None to read the meeting again.
        recorded(str): after every successful action, what was saved and when.
    """

    about_to_record = Signal()
    changed = Signal(object)
    recorded = Signal(str)

    def __init__(self, engine: Engine, parent: QWidget) -> None:
        super().__init__(parent)
        self.engine = engine
        self.meeting_id: int | None = None
        self.summary: MeetingSummary | None = None
        self.agenda: list[AgendaLine] = []
        self.state: MeetingState | None = None
        self.verdicts: Verdicts | None = None
        self._stacks: dict[int, UndoStack] = {}
        self._live: dict[int, LiveMeeting] = {}
        self._writer: MeetingLock | None = None
        self.held_elsewhere: str | None = None
        self._typed = time(10, 0)  # the last time typed in a meeting entered afterwards
        self.widget = parent  # where questions are asked: dialogs open over it
        self.status = ElidedLabel(objectName="savedStatus")
        self.status.setAccessibleName(SAVED_CAPTION)
        self.problem = MessageLabel(objectName="errorMessage")
        self.problem.setAccessibleName(REFUSED_CAPTION)
        self.problem.hide()

    # --- the record as last read ----------------------------------------------------

    def show_meeting(self, meeting_id: int) -> None:
        self._take(meeting_id)
        self.meeting_id = meeting_id
        self._stacks.setdefault(meeting_id, UndoStack(self.engine, meeting_id))
        self._live.setdefault(meeting_id, LiveMeeting(self.engine, meeting_id))
        self.problem.hide()
        saved = meetings.last_saved(self.engine, meeting_id)
        announce.show_text(self.status, f"Last saved {clock.local(saved):%H:%M on %A %d %B %Y}"
                           if saved else "Nothing recorded yet", SAVED_CAPTION)

    def _take(self, meeting_id: int) -> None:
        """Hold the meeting to be shown, letting go of the one shown before (held again,
        it is kept): another clerk recording it, or its having been taken offline to a
        laptop, makes it read-only here, in their words."""
        away = offline.meeting_away(self.engine, meeting_id)
        if away is not None:  # recorded on a laptop: read here, not recorded in
            self.let_go()
            self.held_elsewhere = away.words()
            return
        if self._writer is not None and self._writer.meeting_id == meeting_id \
                and self._writer.held:
            return
        self.let_go()
        try:
            self._writer = meeting_writer.take_meeting(self.engine, meeting_id)
        except ClerkError as error:  # another clerk has it, or the server is out of reach
            self.held_elsewhere = error.message

    def let_go(self) -> None:
        """Let another clerk record the meeting shown (the window closes, another shows)."""
        if self._writer is not None:
            self._writer.release()
        self._writer, self.held_elsewhere = None, None

    @property
    def live(self) -> LiveMeeting | None:
        """The meeting as the desk keeps it between register events, for the services."""
        return self._live.get(self.meeting_id) if self.meeting_id is not None else None

    def read(self) -> bool:
        """Read the meeting again. False when no meeting is shown."""
        m = self.meeting_id
        if m is None:
            return False
        self.summary = meetings.meeting_summary(self.engine, m, with_items=False)
        self.agenda = meetings.agenda(self.engine, m)
        self.take(self.live.read())
        return True

    def take(self, state: MeetingState) -> None:
        """The meeting's state as a register event left it: nothing else changed."""
        self.state = state
        self.verdicts = register.verdicts(state)

    @property
    def status_of_meeting(self) -> MeetingStatus:
        return MeetingStatus(self.summary.status)

    @property
    def in_progress(self) -> bool:
        return self.status_of_meeting is MeetingStatus.IN_PROGRESS

    @property
    def locked(self) -> bool:
        """Nothing may be recorded: the minutes are approved, the meeting cancelled, or
        another clerk records it."""
        return self.held_elsewhere is not None or bool(self.summary and (
            self.summary.minutes_status == MinutesStatus.APPROVED
            or self.status_of_meeting is MeetingStatus.CANCELLED))

    def line(self, item_id: int | None) -> AgendaLine | None:
        return next((i for i in self.agenda if i.item_id == item_id), None)

    def current_item(self) -> AgendaLine | None:
        """The item under discussion, if one has been started."""
        return self.line(self.state.item_id) if self.state else None

    def later_items(self) -> list[AgendaLine]:
        """The items still to be taken, those after the one under discussion first: the
        person presiding may take items in another order (DOMAIN.md §9), so "Next" is
        the next item not yet taken, then any skipped earlier."""
        current = self.current_item()
        waiting = [i for i in self.agenda if i.started_at is None]
        after = [i for i in waiting if current is None or i.position > current.position]
        taken_after = {i.item_id for i in after}
        return after + [i for i in waiting if i.item_id not in taken_after]

    # --- recording ------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        """Closed: the register takes nothing new, only corrected times (DOMAIN.md §9)."""
        return self.status_of_meeting is MeetingStatus.CLOSED

    def when(self, what: str = "what is being recorded") -> datetime | None:
        """The time of an action: now, pinned so that redo repeats it exactly; typed in
        by the clerk in a meeting entered afterwards. A meeting dated another day first
        asks whether it is taking place now (DOMAIN.md §9); None when the question or
        the time is cancelled (the service then refuses, saying what to do)."""
        if not self.settle_timing():
            return None
        if self.summary.recorded_afterwards:
            at = TypedTimeDialog.ask_time(what, self.summary.date, self._typed,
                                          parent=self.widget)
            if at is not None:
                self._typed = clock.local(at).time()
            return at
        now = clock.now()
        return now if now.date() == self.summary.date else None

    def settle_timing(self) -> bool:
        """Ask, once, whether a meeting dated another day is taking place now or is
        entered afterwards, and record the answer; True when nothing is left to ask."""
        summary = self.summary
        if (summary.recorded_afterwards or summary.date == clock.now().date()
                or self.status_of_meeting is not MeetingStatus.SCHEDULED):
            return True
        question = timing.timing(self.engine, self.meeting_id)
        if question.question is None:
            return True
        answer = LiveOrAfterwardsDialog.choose(summary.date, question.may_be_afterwards,
                                               self.widget)
        if answer == LIVE:
            return self.attempt("Taking place now: dated today", partial(
                timing.take_place_now, self.engine, self.meeting_id))
        if answer == AFTERWARDS:
            self._typed = summary.start_time or time(10, 0)
            return self.attempt("Entered afterwards from the signing-in sheet", partial(
                timing.enter_afterwards, self.engine, self.meeting_id))
        return False

    def record(self, label: str, action: Callable[[], Any]) -> Any:
        """One recording action, saved and undoable; ClerkError if the rules refuse it
        (or another clerk records the meeting)."""
        if self.held_elsewhere is not None:
            raise ClerkError(self.held_elsewhere)
        self.about_to_record.emit()
        result = self._stack().record(label, action)
        self._saved(label, result if isinstance(result, MeetingState) else None)
        return result

    def attempt(self, label: str, action: Callable[[], Any]) -> bool:
        """Record, showing a refusal in the view instead of raising it; True if saved."""
        try:
            self.record(label, action)
        except ClerkError as error:
            self.refuse(error.message)
            return False
        return True

    def note(self, text: str) -> None:
        """Add a note to the status line of the action just saved."""
        announce.show_text(self.status, f"{self.status.text()}. Note: {text}", SAVED_CAPTION,
                           say=True)

    def saved_elsewhere(self, text: str) -> None:
        """Something saved outside the undo stack (the notes): say so."""
        announce.show_text(self.status, text, SAVED_CAPTION, say=True)
        self.recorded.emit(text)

    def _saved(self, label: str, state: MeetingState | None = None) -> None:
        self.problem.hide()
        self.changed.emit(state)
        self.saved_elsewhere(f"Saved {clock.now():%H:%M} — {label}")

    def refuse(self, message: str) -> None:
        self.problem.show()
        announce.show_text(self.problem, f"Not saved: {message}", REFUSED_CAPTION, say=True,
                           urgent=True)

    def warn_if_inquorate(self, person_id: int, kind: AttendanceKind, item_id: int | None,
                          doing: str) -> bool:
        """Before harm (DOMAIN.md §3): True to go ahead. Asks only when the event would
        turn a quorate meeting in progress inquorate."""
        if not self.in_progress:
            return True
        before, after = register.quorum_if(self.engine, self.meeting_id, person_id, kind,
                                           item_id, self.live)
        if not before.quorate or after.quorate:
            return True
        lost = before.groups_unfilled_by(after)
        why = (f" it would leave {words.listed(lost)} unfilled" if lost else "")
        return prompts.confirm(
            self.widget, "The meeting would become inquorate",
            f"{doing} would make the meeting inquorate:{why}.\n{after.summary}.\n\n"
            "Record it anyway? The minutes will say when quorum was lost, and no decision "
            "can then be recorded as resolved without a reason.",
            "Record it anyway")

    # --- undo -----------------------------------------------------------------------

    def _stack(self) -> UndoStack | None:
        return self._stacks.get(self.meeting_id) if self.meeting_id is not None else None

    @property
    def undo_label(self) -> str | None:
        stack = self._stack()
        return stack.undo_label if stack else None

    @property
    def redo_label(self) -> str | None:
        stack = self._stack()
        return stack.redo_label if stack else None

    def undo(self) -> None:
        """Undo the last recording action at this meeting."""
        self._again(self.undo_label, UndoStack.undo, "Undone")

    def redo(self) -> None:
        """Do again the last action undone."""
        self._again(self.redo_label, UndoStack.redo, "Redone")

    def _again(self, label: str | None, step: Callable[[UndoStack], str], done: str) -> None:
        if label is None or self.held_elsewhere is not None:  # a key pressed while disabled
            return
        self.about_to_record.emit()
        try:
            label = step(self._stack())
        except ClerkError as error:
            self.refuse(error.message)
            return
        self._saved(f"{done}: {label}")

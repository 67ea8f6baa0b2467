"""Actions at the table: record one under the selected item, see those agreed, and mark
done the matters arising from earlier meetings (DOMAIN.md §9 "Actions").

Each is one service call through the desk: saved at once, audited and undoable.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject

from clerk_app import clock
from clerk_app.gui.dialogs.action_dialog import ActionAnswer, ActionDialog
from clerk_app.gui.dialogs.matters_arising_dialog import MattersArisingDialog
from clerk_app.gui.views.table.actions_panel import ActionsStrip, action_words, arising_words
from clerk_app.gui.views.table.desk import TableDesk
from clerk_app.rules.vocabulary import Capacity, MeetingStatus
from clerk_app.services import actions

# Actions are agreed in a meeting that has been opened (or corrected after it).
AGREEING = (MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED)


class ActionsController(QObject):
    """Shows the actions strip from the record and records what its buttons ask.

    `selected_item`: the item shown in the agenda panel, if any (actions go under it).
    """

    def __init__(self, desk: TableDesk, strip: ActionsStrip,
                 selected_item: Callable[[], int | None]) -> None:
        super().__init__(strip)
        self._desk, self._strip, self._selected_item = desk, strip, selected_item
        self._tip = strip.add.toolTip()
        strip.add.clicked.connect(lambda _=False: self.add())
        strip.arising_button.clicked.connect(lambda _=False: self.arising())

    def _today(self):
        return clock.now().date()

    def show(self) -> None:
        """The selected item's actions and the matters arising, as recorded."""
        desk, strip = self._desk, self._strip
        if desk.meeting_id is None:
            return
        item_id = self._selected_item()
        agreed = [r for r in actions.meeting_actions(desk.engine, desk.meeting_id,
                                                     self._today()) if r.item_id == item_id]
        strip.actions.setText("\n".join(action_words(r) for r in agreed))
        strip.actions.setVisible(bool(agreed))
        arising = actions.matters_arising(desk.engine, desk.meeting_id, self._today())
        strip.arising.setText(arising_words(arising))
        able = (not desk.locked and desk.status_of_meeting in AGREEING
                and desk.line(item_id) is not None)
        strip.add.setEnabled(able)
        strip.add.setToolTip(self._tip if able else "Open the meeting first")

    def owners(self) -> list[str]:
        """The names offered as owner: the people on the register (members first), then
        their agencies, each once."""
        lines = self._desk.state.register
        people = [line.name for line in lines if line.capacity is not Capacity.SUBSTITUTE]
        people += [line.name for line in lines if line.capacity is Capacity.SUBSTITUTE]
        agencies = sorted({line.agency for line in lines if line.agency})
        return list(dict.fromkeys([*people, *agencies]))

    def add(self) -> None:
        """Record an action under the selected item (the button, or Ctrl+T)."""
        desk = self._desk
        item = desk.line(self._selected_item())
        if item is None or not self._strip.add.isEnabled():
            return

        def submit(answer: ActionAnswer) -> str:
            desk.record(f"Action under item {item.position}: {answer.description}", partial(
                actions.agree_action, desk.engine, item.item_id, answer.description,
                answer.owner, answer.due))
            return desk.status.text()

        ActionDialog.ask(f"{item.position}. {item.title}", self.owners(), submit,
                         desk.summary.date, parent=desk.widget)

    def arising(self) -> None:
        """The open actions from earlier meetings; mark one done at this meeting."""
        desk = self._desk
        meeting_id = desk.meeting_id
        if meeting_id is None:
            return
        today = self._today()

        def close(action_id: int) -> str:
            desk.record("Action marked done at this meeting", partial(
                actions.close_at_meeting, desk.engine, action_id, meeting_id, today))
            return desk.status.text()

        dialog = MattersArisingDialog(
            partial(actions.matters_arising, desk.engine, meeting_id, today), close,
            writable=not desk.locked, parent=desk.widget)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

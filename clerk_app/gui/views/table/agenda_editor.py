"""Changing the agenda at the table: the agenda panel's add, change, move and remove
buttons (and Alt+Up, Alt+Down, Delete in the agenda list), each one recording action.

What may change when is the service's rule (`services/agenda.py`, DOMAIN.md §9): this
controller enables what the rule allows, names the add button after what an added item
would be (late, urgent), and asks before moving or removing an item after the papers
have gone out, because members hold them with the old numbers.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut

from clerk_app.gui.dialogs import prompts
from clerk_app.gui.dialogs.item_dialog import ItemAnswer, ItemDialog
from clerk_app.gui.views.table.agenda_controller import AgendaController
from clerk_app.gui.views.table.agenda_panel import AgendaPanel
from clerk_app.gui.views.table.desk import TableDesk
from clerk_app.rules.vocabulary import ItemAddition, MeetingStatus
from clerk_app.services import agenda
from clerk_app.services.agenda import MeetingDetails
from clerk_app.services.meetings import AgendaLine, ItemSpec

ADD_WORDS = {ItemAddition.ON_AGENDA: ("Add item…", "Add an item to the agenda (Insert)"),
             ItemAddition.LATE: ("Add a late item…", "Add a late item, with its reason (Insert)"),
             ItemAddition.URGENT: ("Add an urgent item…",
                                   "Take an item not on the agenda, as urgent (Insert)")}
ADDED_WORDS = {ItemAddition.ON_AGENDA: "Item", ItemAddition.LATE: "Late item",
               ItemAddition.URGENT: "Urgent item"}

# The agenda list's keys: (key, the panel's button it clicks, what it does).
LIST_KEYS = (("Alt+Up", "move_up", "move the selected item up"),
             ("Alt+Down", "move_down", "move the selected item down"),
             (QKeySequence.StandardKey.Delete, "remove_item", "remove the selected item"),
             (Qt.Key.Key_Insert, "add_item", "add an item"),
             (Qt.Key.Key_F2, "edit_item", "change the selected item"))


class AgendaEditor(QObject):
    """Binds the agenda panel's editing buttons to the agenda services."""

    def __init__(self, desk: TableDesk, panel: AgendaPanel,
                 controller: AgendaController) -> None:
        super().__init__(panel)
        self._desk = desk
        self._panel = panel
        self._controller = controller
        self._details: MeetingDetails | None = None
        for button, slot in ((panel.add_item, self.add), (panel.edit_item, self.edit),
                             (panel.move_up, partial(self.move, -1)),
                             (panel.move_down, partial(self.move, 1)),
                             (panel.remove_item, self.remove)):
            button.clicked.connect(lambda _=False, slot=slot: slot())
        self._shortcuts = []
        # The buttons carry no Alt+letter (the table's letters are taken by the meeting's
        # own actions): the agenda list's keys reach them instead.
        # A key clicks its button, so it does nothing while the button is disabled.
        for key, name, what in LIST_KEYS:
            button = getattr(panel, name)
            shortcut = QShortcut(QKeySequence(key), panel.list)
            shortcut.setWhatsThis(f"In the agenda: {what}")  # for the keyboard reference
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(button.click)
            self._shortcuts.append(shortcut)

    def show(self) -> None:
        desk, panel = self._desk, self._panel
        self._details = details = agenda.meeting_details(desk.engine, desk.meeting_id)
        locked = details.locked or desk.locked  # desk: or another clerk records it
        addition = None if locked else details.addition
        text, tip = ADD_WORDS.get(addition, ADD_WORDS[ItemAddition.ON_AGENDA])
        panel.add_item.setText(text)
        panel.add_item.setAccessibleName(tip)
        panel.add_item.setEnabled(addition is not None)
        panel.add_item.setToolTip(
            tip if addition else "Another clerk is recording this meeting"
            if desk.held_elsewhere else "The meeting has closed: put the item on the next "
            "meeting's agenda")
        selected = self._selected() is not None
        panel.edit_item.setEnabled(selected and not locked)
        movable = selected and not locked and details.status is MeetingStatus.SCHEDULED
        for button in (panel.move_up, panel.move_down, panel.remove_item):
            button.setEnabled(movable)
        for shortcut in self._shortcuts:
            shortcut.setEnabled(movable)

    def _selected(self) -> AgendaLine | None:
        return self._desk.line(self._panel.selected_item())

    def add(self) -> None:
        desk = self._desk
        addition = self._details.addition if self._details else None
        if addition is None:
            return

        def submit(answer: ItemAnswer) -> str:
            number = len(desk.agenda) + 1
            item_id = desk.record(f"{ADDED_WORDS[addition]} {number} added", partial(
                agenda.add_item, desk.engine, desk.meeting_id, answer.spec, answer.reason))
            self._controller.select(item_id)
            self._panel.select_quietly(item_id)
            return desk.status.text()

        ItemDialog.ask(submit, addition, parent=desk.widget)

    def edit(self) -> None:
        desk, line = self._desk, self._selected()
        if line is None:
            return

        def submit(answer: ItemAnswer) -> str:
            if unchanged(answer.spec, line):
                return "Nothing changed"
            desk.record(f"Item {line.position} changed", partial(
                agenda.update_item, desk.engine, line.item_id, answer.spec))
            return desk.status.text()

        ItemDialog.ask(submit, None, line, parent=desk.widget)

    def move(self, step: int) -> None:
        desk, line = self._desk, self._selected()
        if line is None or not self._after_dispatch_ok(
                f"Moving item {line.position}", "Move it anyway"):
            return
        desk.attempt(f"Item {line.position} moved {'up' if step < 0 else 'down'}",
                     partial(agenda.move_item, desk.engine, line.item_id, step))

    def remove(self) -> None:
        desk, line = self._desk, self._selected()
        if line is None or not self._after_dispatch_ok(
                f"Removing item {line.position} ({line.title})", "Remove it anyway"):
            return
        desk.attempt(f"Item {line.position} ({line.title}) removed",
                     partial(agenda.remove_item, desk.engine, line.item_id))

    def _after_dispatch_ok(self, doing: str, yes: str) -> bool:
        """After dispatch, members hold the papers with the old numbers: ask first."""
        sent = self._details.papers_dispatched_on if self._details else None
        if sent is None:
            return True
        return prompts.confirm(
            self._desk.widget, "The agenda papers have been sent",
            f"The papers went out on {sent.day} {sent:%B %Y}. {doing} changes the numbers "
            "members have on their papers: tell them before the meeting. The audit trail "
            "records the change.", yes)


def unchanged(spec: ItemSpec, line: AgendaLine) -> bool:
    return (spec.title, spec.presenter, spec.papers, spec.exempt, spec.exempt_reason) == (
        line.title, line.presenter, line.papers, line.exempt, line.exempt_reason)

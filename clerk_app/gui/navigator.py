"""The list of bodies and their meetings on the left of the window.

Each body is a top-level entry; under it, its upcoming meetings (soonest first) and its
past ones (latest first), each labelled with its date first, as a clerk looks for it.
A view over plain entries (gui/models/navigator_model.py): a council's record lists
thousands of meetings, and the view draws only the lines on screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QTreeView

from clerk_app import clock
from clerk_app.gui import theme
from clerk_app.gui.models.navigator_model import (
    HEADER,
    Entry,
    NavigatorModel,
    body_entry,
    is_upcoming,
)
from clerk_app.rules.vocabulary import MeetingStatus

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

TITLE_NAME_LIMIT = 80  # a 5,000-character body name is cut in the title bar, whole elsewhere


class Navigator(QTreeView):
    """Bodies and their meetings; an entry is known by ("body" | "meeting", id).

    Signals:
        current_changed(Entry | None): another entry became current (not while filling
            the list or when chosen with `select(..., show=False)`).
    The view's own `activated` (Enter, double-click) and `clicked` carry the index.
    """

    current_changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._model = NavigatorModel(self)
        self.setModel(self._model)
        self.setAccessibleName(HEADER)
        self.setAccessibleDescription(
            "Choose a body for its set-up, or a meeting to open it. Upcoming meetings come "
            "first, then past ones.")
        self.setMinimumWidth(240)
        self.setIndentation(12)
        self.setUniformRowHeights(True)  # no line is measured: a council has thousands
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        theme.comfortable_rows(self)
        self.selectionModel().currentChanged.connect(
            lambda index, _previous: self.current_changed.emit(self.entry(index)))
        self._meetings: dict[int, Entry] = {}  # each meeting's entry, by id

    def fill(self, engine: Engine) -> None:
        """Rebuild from the record, without signals; the caller restores the current
        entry."""
        # The services are imported with the record, not with the window (app.py).
        from clerk_app.services import body_setup, meetings

        today = clock.today()
        by_body = meetings.meetings_by_body(engine)
        bodies = [body_entry(body, by_body.get(body.body_id, []), today)
                  for body in body_setup.body_rows(engine)]
        for n, body in enumerate(bodies):
            body.row = n
        self._meetings = {m.meeting_id: m for body in bodies for group in body.children
                          for m in group.children}
        self.blockSignals(True)
        self._model.set_bodies(bodies, today)
        # Every body and group open, as a clerk left them; the lines are laid out once,
        # when next painted (expandAll would ask each meeting whether it has any).
        for body in bodies:
            self.expand(self.index_of(body))
            for group in body.children:
                self.expand(self.index_of(group))
        self.blockSignals(False)

    def clear(self) -> None:
        """An empty list, as while another record opens."""
        self._meetings = {}
        self._model.set_bodies([], clock.today())

    def relabel(self, engine: Engine) -> None:
        """Meetings change status at the table (opened, closed): relabel them; a meeting
        that has closed (or moved to today) changes group at once, the current entry
        staying current. Only lines that change are drawn again: this runs after every
        action at the table, and a council's record lists thousands."""
        from clerk_app.services import meetings

        today = clock.today()
        if today != self._model.today:  # past midnight: meetings "not held", groups moved
            self.fill_keeping_current(engine)
            return
        changed = []
        for held in meetings.meetings_by_body(engine).values():
            for meeting in held:
                entry = self._meetings.get(meeting.id)
                if entry is None or entry.meeting == meeting:
                    continue
                if is_upcoming(meeting, today) != entry.parent.upcoming:  # closed, or moved
                    self.fill_keeping_current(engine)
                    return
                changed.append((entry, meeting))
        for entry, meeting in changed:
            self._model.meeting_changed(entry, meeting)

    def fill_keeping_current(self, engine: Engine) -> None:
        """Rebuild from the record; the current entry stays current, without signals."""
        current = self.identity(self.current())
        self.fill(engine)
        if current is not None:
            self.select(*current, show=False)

    def bodies(self) -> list[Entry]:
        """The top-level entries, one for each body, as listed."""
        return self._model.bodies

    def entries(self) -> Iterator[Entry]:
        """Every entry: bodies, their groups, and the meetings in each."""
        for body in self._model.bodies:
            yield body
            for group in body.children:
                yield group
                yield from group.children

    def entry(self, index: QModelIndex) -> Entry | None:
        return index.internalPointer() if index.isValid() else None

    def index_of(self, entry: Entry) -> QModelIndex:
        return self._model.index_of(entry)

    def label(self, entry: Entry) -> str:
        """The entry's words, as the list shows them."""
        return self.index_of(entry).data()

    def current(self) -> Entry | None:
        return self.entry(self.currentIndex())

    def set_current(self, entry: Entry | None) -> None:
        """Make the entry current (and selected), telling the window; None: no entry."""
        self.setCurrentIndex(QModelIndex() if entry is None else self.index_of(entry))

    @staticmethod
    def identity(entry: Entry | None) -> tuple[str, int] | None:
        if entry is None:
            return None
        if entry.meeting is not None:
            return ("meeting", entry.meeting.id)
        if entry.body is not None:
            return ("body", entry.body_id)
        return None

    def select(self, kind: str, ident: int, show: bool = True) -> bool:
        """Make the entry current; with `show` false, without telling anyone."""
        if kind == "meeting":
            entry = self._meetings.get(ident)
        else:
            entry = next((b for b in self._model.bodies if b.body_id == ident), None)
        if entry is None:
            return False
        if not show:
            self.blockSignals(True)
        self.set_current(entry)
        self.blockSignals(False)
        return True

    def meeting_entries(self) -> list[Entry]:
        return list(self._meetings.values())

    def running(self) -> list[Entry]:
        """The meetings left in progress."""
        return [e for e in self.entries()
                if e.meeting is not None and e.meeting.status is MeetingStatus.IN_PROGRESS]

    def next_meeting(self) -> Entry | None:
        """Today's meeting, else the next one to come, of any body (cancelled ones aside)."""
        today = clock.today()
        to_come = [e for e in self.entries() if e.meeting is not None
                   and e.meeting.date >= today
                   and e.meeting.status is MeetingStatus.SCHEDULED]
        return min(to_come, key=lambda e: e.meeting.date, default=None)

    @staticmethod
    def title(entry: Entry) -> str:
        """The body of an entry, and its meeting: "Lincolnshire CYPSP — meeting of Tuesday
        15 September 2026", for the window title."""
        name = entry.top.text
        if len(name) > TITLE_NAME_LIMIT:
            name = name[:TITLE_NAME_LIMIT - 1] + "…"
        if entry.meeting is None:
            return name
        day = entry.meeting.date
        return f"{name} — meeting of {day:%A} {day.day} {day:%B %Y}"

    @staticmethod
    def is_demonstration(entry: Entry | None) -> bool:
        """Whether the entry belongs to the demonstration body, whose people are invented."""
        if entry is None:
            return False
        from clerk_app.services import demo  # imported with the record, as in fill()

        return entry.top.body.key == demo.DEMO_KEY

    def current_body_id(self) -> int | None:
        entry = self.current()
        return entry.body_id if entry else None

    def current_meeting_id(self) -> int | None:
        entry = self.current()
        return entry.meeting_id if entry else None


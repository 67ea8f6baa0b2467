"""The bodies and meetings of the navigator: an adapter over a tree of plain entries.

The entries are made once from two reads of the record (bodies, then every meeting);
a meeting's words are made only when the view first asks for them, so a council's
thousands of meetings cost what the screen shows. No query runs in data().
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from clerk_app.gui import theme
from clerk_app.rules.vocabulary import MeetingStatus, MinutesStatus

if TYPE_CHECKING:
    from clerk_app.services.body_setup import BodyRow
    from clerk_app.services.meetings import MeetingListRow

NO_PARENT = QModelIndex()
# Nothing is ever under a meeting: its entries share one empty tuple rather than make
# 6,000 lists on a council's record, each for the garbage collector to walk.
NO_CHILDREN: tuple[()] = ()
HEADER = "Bodies and meetings"
STATUS_ICONS = {MeetingStatus.SCHEDULED: "calendar-clock",
                MeetingStatus.IN_PROGRESS: "circle-play",
                MeetingStatus.CLOSED: "calendar-check", MeetingStatus.CANCELLED: "calendar-x"}
# Where the navigator's word differs from the vocabulary's label ("Held"): a closed
# meeting is "Closed" in the list, as tests/gui/test_main_window.py expects.
STATUS_WORDS = {MeetingStatus.CLOSED: "Closed"}


@dataclass(eq=False, slots=True)
class Entry:
    """One line of the list: a body (no parent), one of its two groups, or a meeting.

    Entries are plain Python, kept until the list is next filled: the same entry stands
    for the same line, so it can be compared with `is`."""

    body_id: int
    parent: Entry | None = None
    row: int = 0  # its place under its parent
    children: list[Entry] | tuple[()] = field(default_factory=list)  # a meeting's: ()
    body: BodyRow | None = None  # on a body's entry
    upcoming: bool | None = None  # on a group's entry: True for "Upcoming meetings"
    meeting: MeetingListRow | None = None  # on a meeting's entry
    text: str = ""  # a body's or a group's words; a meeting's, once first asked for

    @property
    def meeting_id(self) -> int | None:
        return self.meeting.id if self.meeting is not None else None

    @property
    def top(self) -> Entry:
        """The body's entry this entry belongs to (itself, for a body)."""
        entry = self
        while entry.parent is not None:
            entry = entry.parent
        return entry

    def add(self, child: Entry) -> Entry:
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child


def meeting_label(meeting: MeetingListRow, today: date) -> str:
    """ "Tue 15 Sep 2026 — Closed": the date first, as a clerk looks for it."""
    days, months = _calendar_words()
    day = meeting.date
    when = f"{days[day.weekday()]} {day.day} {months[day.month - 1]} {day.year}"
    status = meeting.status
    words = STATUS_WORDS.get(status, status.label)
    if status is MeetingStatus.SCHEDULED and meeting.date < today:
        words = "Scheduled, not held"
    if status is MeetingStatus.CLOSED and meeting.minutes_status == MinutesStatus.APPROVED:
        words = "Closed, minutes approved"
    return f"{when} — {words}"


@cache
def _calendar_words() -> tuple[list[str], list[str]]:
    """strftime's short names of the days (Monday first) and the months, asked once, once
    Qt has set the locale: strftime for each of a council's thousands of meetings took a
    third of the time to draw the list."""
    monday = date(2024, 1, 1)
    return ([(monday + timedelta(days=n)).strftime("%a") for n in range(7)],
            [date(2024, n, 1).strftime("%b") for n in range(1, 13)])


def is_upcoming(meeting: MeetingListRow, today: date) -> bool:
    """Under "Upcoming meetings": not yet held, and not closed (a meeting closed today
    is past at once)."""
    return meeting.date >= today and meeting.status is not MeetingStatus.CLOSED


def body_entry(body: BodyRow, held: list[MeetingListRow], today: date) -> Entry:
    """A body's entry with its upcoming meetings (soonest first) and its past ones
    (latest first), each group only when it has meetings."""
    entry = Entry(body.body_id, body=body, text=body.short_name or body.name)
    upcoming = [m for m in held if is_upcoming(m, today)]
    past = [m for m in held if not is_upcoming(m, today)]
    for is_next, rows, word in ((True, upcoming, "Upcoming"), (False, past, "Past")):
        if rows:
            group = entry.add(Entry(body.body_id, upcoming=is_next,
                                    text=f"{word} meetings ({len(rows)})"))
            group.children = [Entry(body.body_id, group, n, NO_CHILDREN, meeting=m)
                              for n, m in enumerate(rows)]
    return entry


class NavigatorModel(QAbstractItemModel):
    """Bodies as top-level rows, their groups under them, the meetings in each group."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.bodies: list[Entry] = []
        self.today = date.min  # the day the words were made for

    def set_bodies(self, bodies: list[Entry], today: date) -> None:
        self.beginResetModel()
        self.bodies, self.today = bodies, today
        self.endResetModel()

    def index_of(self, entry: Entry) -> QModelIndex:
        return self.createIndex(entry.row, 0, entry)

    def meeting_changed(self, entry: Entry, meeting: MeetingListRow) -> None:
        """The meeting's status changed at the table: its line is drawn again, alone."""
        entry.meeting, entry.text = meeting, ""
        index = self.index_of(entry)
        self.dataChanged.emit(index, index)

    # index(), parent() and hasChildren() are asked for every line the view lays out:
    # kept to a few attribute reads each.
    def index(self, row: int, column: int = 0,  # noqa: A003
              parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> QModelIndex:
        siblings = parent.internalPointer().children if parent.isValid() else self.bodies
        if column or row < 0 or row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, 0, siblings[row])

    def parent(self, index=None):  # type: ignore[override]
        if index is None:  # QObject.parent(), asked from Python
            return super().parent()
        up = index.internalPointer().parent if index.isValid() else None
        return QModelIndex() if up is None else self.createIndex(up.row, 0, up)

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 (Qt override)
        if not parent.isValid():
            return len(self.bodies)
        return len(parent.internalPointer().children) if parent.column() == 0 else 0

    def hasChildren(self, parent=NO_PARENT) -> bool:  # noqa: N802 (Qt override)
        return not parent.isValid() or bool(parent.internalPointer().children)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802 (Qt override)
        return 1

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if section == 0 and role == Qt.ItemDataRole.DisplayRole:
            return HEADER
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry: Entry = index.internalPointer()
        if role == Qt.ItemDataRole.DisplayRole:
            if not entry.text:  # a meeting's words, made when first shown
                entry.text = meeting_label(entry.meeting, self.today)
            return entry.text
        if role == Qt.ItemDataRole.DecorationRole:
            return _icon(entry)
        if role == Qt.ItemDataRole.ToolTipRole and entry.body is not None:
            return f"{entry.body.name}: set-up and membership"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return _description(entry)
        return None


def _icon(entry: Entry):
    if entry.body is not None:
        return theme.icon("landmark")
    if entry.meeting is not None:
        return theme.icon(STATUS_ICONS.get(entry.meeting.status, "calendar"))
    return None


def _description(entry: Entry) -> str:
    """What a screen reader says after the line's words: whose it is and what it opens."""
    name = entry.top.body.name
    if entry.body is not None:
        return f"{name}: set-up and membership"
    if entry.meeting is not None:
        return f"Meeting of {name}"
    return f"Meetings of {name}"

"""The list of bodies and their meetings on the left of the window.

Each body is a top-level entry; under it, its upcoming meetings (soonest first) and its
past ones (latest first), each labelled with its date first, as a clerk looks for it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from clerk_app import clock
from clerk_app.gui import theme
from clerk_app.rules.vocabulary import MeetingStatus, MinutesStatus

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from clerk_app.services.meetings import MeetingListRow

MEETING_ROLE = Qt.ItemDataRole.UserRole  # a meeting node's meeting id
BODY_ROLE = Qt.ItemDataRole.UserRole + 1  # the body id, on every node under a body
NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # a body node's full name
STATUS_ROLE = Qt.ItemDataRole.StatusTipRole  # a meeting node's status
UPCOMING_ROLE = Qt.ItemDataRole.UserRole + 3  # a group node: True for upcoming meetings
DATE_ROLE = Qt.ItemDataRole.UserRole + 4  # a meeting node's date
DEMO_ROLE = Qt.ItemDataRole.UserRole + 5  # a body node: True for the demonstration body
TITLE_NAME_LIMIT = 80  # a 5,000-character body name is cut in the title bar, whole elsewhere

STATUS_ICONS = {MeetingStatus.SCHEDULED: "calendar-clock",
                MeetingStatus.IN_PROGRESS: "circle-play",
                MeetingStatus.CLOSED: "calendar-check", MeetingStatus.CANCELLED: "calendar-x"}
# Where the navigator's word differs from the vocabulary's label ("Held"): a closed
# meeting is "Closed" in the list, as tests/gui/test_main_window.py expects.
STATUS_WORDS = {MeetingStatus.CLOSED: "Closed"}


def meeting_label(meeting: MeetingListRow, today: date | None = None) -> str:
    """ "Tue 15 Sep 2026 — Closed": the date first, as a clerk looks for it."""
    today = today or clock.today()
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


@functools.cache
def _calendar_words() -> tuple[list[str], list[str]]:
    """strftime's short names of the days (Monday first) and the months, asked once, once
    Qt has set the locale: strftime for each of a council's thousands of meetings took a
    third of the time to draw the list."""
    monday = date(2024, 1, 1)
    return ([(monday + timedelta(days=n)).strftime("%a") for n in range(7)],
            [date(2024, n, 1).strftime("%b") for n in range(1, 13)])


class Navigator(QTreeWidget):
    """Bodies and their meetings; an entry is known by ("body" | "meeting", id)."""

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderLabel("Bodies and meetings")
        self.setAccessibleName("Bodies and meetings")
        self.setAccessibleDescription(
            "Choose a body for its set-up, or a meeting to open it. Upcoming meetings come "
            "first, then past ones.")
        self.setMinimumWidth(240)
        self.setIndentation(12)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        theme.comfortable_rows(self)
        self._meetings: dict[int, QTreeWidgetItem] = {}  # each meeting's entry, by id

    def fill(self, engine: Engine) -> None:
        """Rebuild from the record, without signals; the caller restores the current
        entry."""
        # The services are imported with the record, not with the window (app.py).
        from clerk_app.services import body_setup, demo, meetings

        self.blockSignals(True)
        self.clear()
        self._meetings = {}
        today = clock.today()
        by_body = meetings.meetings_by_body(engine)
        for body in body_setup.body_rows(engine):
            body_item = QTreeWidgetItem([body.short_name or body.name])
            body_item.setIcon(0, theme.icon("landmark"))
            body_item.setData(0, BODY_ROLE, body.body_id)
            body_item.setData(0, NAME_ROLE, body.name)
            body_item.setData(0, DEMO_ROLE, body.key == demo.DEMO_KEY)
            body_item.setToolTip(0, f"{body.name}: set-up and membership")
            self.addTopLevelItem(body_item)
            held = by_body.get(body.body_id, [])
            upcoming = [m for m in held if _upcoming(m, today)]
            past = [m for m in held if not _upcoming(m, today)]
            for group, rows in (("Upcoming", upcoming), ("Past", past)):
                if rows:
                    self._group(body_item, group, rows, today)
            body_item.setExpanded(True)
        self.blockSignals(False)

    def _group(self, body_item: QTreeWidgetItem, group: str, rows: list,
               today: date) -> None:
        body_id = body_item.data(0, BODY_ROLE)
        group_item = QTreeWidgetItem([f"{group} meetings ({len(rows)})"])
        group_item.setData(0, BODY_ROLE, body_id)
        group_item.setData(0, UPCOMING_ROLE, group == "Upcoming")
        body_item.addChild(group_item)
        children = []
        for m in rows:
            child = QTreeWidgetItem()
            _show_meeting(child, m, today)
            child.setData(0, MEETING_ROLE, m.id)
            child.setData(0, BODY_ROLE, body_id)
            children.append(child)
            self._meetings[m.id] = child
        group_item.addChildren(children)  # at once: a council has thousands
        group_item.setExpanded(True)

    def relabel(self, engine: Engine) -> None:
        """Meetings change status at the table (opened, closed): relabel them; a meeting
        that has closed (or moved to today) changes group at once, the current entry
        staying current. Only entries whose words change are touched: this runs after
        every action at the table, and a council's record lists thousands."""
        from clerk_app.services import meetings

        today = clock.today()
        for held in meetings.meetings_by_body(engine).values():
            for meeting in held:
                item = self._meetings.get(meeting.id)
                label = meeting_label(meeting, today)
                if item is None or item.text(0) == label:  # the words carry every change
                    continue
                if _upcoming(meeting, today) != item.parent().data(0, UPCOMING_ROLE):
                    current = self.identity(self.currentItem())
                    self.fill(engine)
                    if current is not None:
                        self.select(*current, show=False)
                    return
                _show_meeting(item, meeting, today)

    def entries(self) -> Iterator[QTreeWidgetItem]:
        """Every entry: bodies, their groups, and the meetings in each."""
        for b in range(self.topLevelItemCount()):
            body_item = self.topLevelItem(b)
            yield body_item
            for g in range(body_item.childCount()):
                group = body_item.child(g)
                yield group
                for m in range(group.childCount()):
                    yield group.child(m)

    @staticmethod
    def identity(item: QTreeWidgetItem | None) -> tuple[str, int] | None:
        if item is None:
            return None
        if item.data(0, MEETING_ROLE) is not None:
            return ("meeting", item.data(0, MEETING_ROLE))
        if item.parent() is None:
            return ("body", item.data(0, BODY_ROLE))
        return None

    def select(self, kind: str, ident: int, show: bool = True) -> bool:
        """Make the entry current; with `show` false, without telling anyone."""
        if kind == "meeting":
            item = self._meetings.get(ident)
        else:
            item = next((self.topLevelItem(b) for b in range(self.topLevelItemCount())
                         if self.topLevelItem(b).data(0, BODY_ROLE) == ident), None)
        if item is None:
            return False
        if not show:
            self.blockSignals(True)
        self.setCurrentItem(item)
        self.blockSignals(False)
        return True

    def meeting_entries(self) -> list[QTreeWidgetItem]:
        return [i for i in self.entries() if i.data(0, MEETING_ROLE) is not None]

    def running(self) -> list[QTreeWidgetItem]:
        """The meetings left in progress."""
        return [i for i in self.meeting_entries()
                if i.data(0, STATUS_ROLE) == MeetingStatus.IN_PROGRESS]

    def next_meeting(self) -> QTreeWidgetItem | None:
        """Today's meeting, else the next one to come, of any body (cancelled ones aside)."""
        today = clock.today()
        to_come = [i for i in self.meeting_entries()
                   if i.data(0, DATE_ROLE) >= today
                   and i.data(0, STATUS_ROLE) == MeetingStatus.SCHEDULED]
        return min(to_come, key=lambda i: i.data(0, DATE_ROLE), default=None)

    @staticmethod
    def title(item: QTreeWidgetItem) -> str:
        """The body of an entry, and its meeting: "Lincolnshire CYPSP — meeting of Tuesday
        15 September 2026", for the window title."""
        name = _body_item(item).text(0)
        if len(name) > TITLE_NAME_LIMIT:
            name = name[:TITLE_NAME_LIMIT - 1] + "…"
        day = item.data(0, DATE_ROLE)
        return f"{name} — meeting of {day:%A} {day.day} {day:%B %Y}" if day else name

    @staticmethod
    def is_demonstration(item: QTreeWidgetItem | None) -> bool:
        """Whether the entry belongs to the demonstration body, whose people are invented."""
        return item is not None and bool(_body_item(item).data(0, DEMO_ROLE))

    def current_body_id(self) -> int | None:
        item = self.currentItem()
        return item.data(0, BODY_ROLE) if item else None

    def current_meeting_id(self) -> int | None:
        item = self.currentItem()
        return item.data(0, MEETING_ROLE) if item else None


def _body_item(item: QTreeWidgetItem) -> QTreeWidgetItem:
    """The body entry an entry belongs to (itself, for a body)."""
    while item.parent() is not None:
        item = item.parent()
    return item


def _upcoming(meeting, today: date) -> bool:
    """Under "Upcoming meetings": not yet held, and not closed (a meeting closed today
    is past at once)."""
    return meeting.date >= today and meeting.status is not MeetingStatus.CLOSED


def _show_meeting(item: QTreeWidgetItem, meeting: MeetingListRow, today: date) -> None:
    status = meeting.status
    item.setText(0, meeting_label(meeting, today))
    item.setIcon(0, theme.icon(STATUS_ICONS.get(status, "calendar")))
    item.setData(0, STATUS_ROLE, status.value)
    item.setData(0, DATE_ROLE, meeting.date)

"""A new meeting of a body: when and where, its agenda, and who is expected.

Every current member is expected (services/meetings.create_meeting); apologies already
received and officers or guests who will attend can be noted here, so the register is
ready before the day. Built for the keyboard: Enter in an agenda field adds the item.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app.gui import theme
from clerk_app.gui.widgets.form_dialog import FormDialog, TimeEdit, date_edit, date_of
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind
from clerk_app.services import body_setup, meetings, register
from clerk_app.services.errors import ClerkError
from clerk_app.services.meetings import STANDARD_ITEMS, ItemSpec

SPEC = Qt.ItemDataRole.UserRole


def _labelled(text: str, field: QWidget, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setBuddy(field)
    field.setAccessibleName(name or text.replace("&", "").rstrip(":"))
    return label


class NewMeetingDialog(FormDialog):
    """Create a meeting of one body.

    Attributes:
        meeting_id: the meeting created, once saved.
    """

    def __init__(self, engine: Engine, body_id: int, parent: QWidget | None = None) -> None:
        setup = body_setup.body_setup(engine, body_id)
        super().__init__(f"New meeting — {setup.short_name or setup.name}", "Create &meeting",
                         parent)
        self._engine = engine
        self._setup = setup
        self.meeting_id: int | None = None
        self.setMinimumWidth(900)

        # When and where: the weekday is spelt out, so a Sunday is noticed.
        self.day = date_edit(self._suggested_day())
        self.weekday = QLabel()
        self.weekday.setMinimumWidth(self.weekday.fontMetrics().horizontalAdvance(
            "Wednesday 30 September 2026  "))
        self.day.dateChanged.connect(self._show_weekday)
        self._show_weekday()
        self.start = TimeEdit(QTime(10, 0))
        self.start.setDisplayFormat("HH:mm")
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.weekday)
        when.addWidget(_labelled("&Time:", self.start, "Start time"))
        when.addWidget(self.start)
        when.addStretch(1)
        self.form.addRow(_labelled("&Date:", self.day, "Date"), when)
        self.venue = self.add_row("&Venue:", limited(QLineEdit(self._last_venue()), TextKind.TEXT))

        columns = QHBoxLayout()
        columns.addWidget(self._agenda_box(), 3)
        columns.addWidget(self._expected_box(), 2)
        self.body.insertLayout(self.body.indexOf(self.error), columns, 1)

    # --- building -----------------------------------------------------------------------

    def _suggested_day(self) -> date:
        return date.today() + timedelta(days=14)

    def _last_venue(self) -> str:
        held = meetings.meetings_of(self._engine, self._setup.body_id)
        return next((m.venue for m in held if m.venue), "")

    def _show_weekday(self) -> None:
        day = date_of(self.day)
        self.weekday.setText(f"{day:%A} {day.day} {day:%B %Y}")

    def _agenda_box(self) -> QGroupBox:
        box = QGroupBox("Agenda")
        usual = "; ".join(title for _key, title in STANDARD_ITEMS)
        self.standard = QCheckBox("&Begin with the usual opening items")
        self.standard.setChecked(True)
        self.standard.setAccessibleName("Begin with the usual opening items")
        self.standard.setAccessibleDescription(usual)
        self.standard.setToolTip(usual)
        self.title = limited(QLineEdit(), TextKind.TEXT)
        self.presenter = limited(QLineEdit(), TextKind.NAME)
        self.exempt = QCheckBox("E&xempt: the public are excluded")
        self.exempt.setAccessibleName("Exempt item")
        self.reason = limited(QLineEdit(), TextKind.TEXT)
        self.reason.setEnabled(False)
        self.exempt.toggled.connect(self.reason.setEnabled)
        self.add_item_button = QPushButton(theme.icon("plus"), "&Add item")
        self.add_item_button.setAutoDefault(False)
        self.add_item_button.setAccessibleName("Add the item to the agenda")
        self.add_item_button.clicked.connect(self.add_item)
        self.items = QListWidget()
        theme.comfortable_rows(self.items)
        self.items.setAccessibleName("Agenda items")
        self.up_button = self._small_button("arrow-up", "Move &up", "Move the item up")
        self.down_button = self._small_button("arrow-down", "Move do&wn", "Move the item down")
        self.remove_button = self._small_button("trash-2", "&Remove", "Remove the item")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove)
        self.items.currentRowChanged.connect(self._item_selected)

        grid = QGridLayout()
        grid.addWidget(_labelled("Item t&itle:", self.title, "Item title"), 0, 0)
        grid.addWidget(self.title, 0, 1, 1, 3)
        grid.addWidget(_labelled("&Presenter:", self.presenter, "Presenter"), 1, 0)
        grid.addWidget(self.presenter, 1, 1, 1, 3)
        grid.addWidget(self.exempt, 2, 1, 1, 3)
        grid.addWidget(_labelled("Reas&on:", self.reason,
                                 "Why the public are excluded"), 3, 0)
        grid.addWidget(self.reason, 3, 1, 1, 3)
        grid.addWidget(self.add_item_button, 4, 3, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(1, 1)
        hint = QLabel("Press Enter in the title to add the item; the usual opening items "
                      "come first, then these in this order.")
        hint.setWordWrap(True)
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        moves.addWidget(self.remove_button)
        moves.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.standard)
        layout.addLayout(grid)
        layout.addWidget(hint)
        layout.addWidget(self.items, 1)
        layout.addLayout(moves)
        self._item_selected()
        return box

    def _small_button(self, icon: str, text: str, name: str) -> QPushButton:
        button = QPushButton(theme.icon(icon), text)
        button.setAutoDefault(False)
        button.setAccessibleName(name)
        return button

    def _expected_box(self) -> QGroupBox:
        members = self._setup.members
        box = QGroupBox(f"Expected: all {len(members)} current members")
        intro = QLabel("Tick anyone who has already sent apologies.")
        intro.setWordWrap(True)
        self.expected = QListWidget()
        theme.comfortable_rows(self.expected)
        self.expected.setAccessibleName("Members expected; ticked members have sent apologies")
        self.expected.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.expected.setTextElideMode(Qt.TextElideMode.ElideRight)
        names = {c.key: c.name for c in self._setup.categories}
        for seat in sorted(members, key=lambda s: s.name.casefold()):
            agency = f" — {seat.agency}" if seat.agency.strip() else ""
            item = QListWidgetItem(f"{seat.name}{agency} ({names[seat.category_key]})")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(SPEC, seat.person_id)
            item.setToolTip(item.text())
            if self.expected.findItems(item.text(), Qt.MatchFlag.MatchExactly):
                continue
            self.expected.addItem(item)
        if self.expected.count():
            self.expected.setCurrentRow(0)
        seated = {s.person_id for s in members}
        self.also = QComboBox()
        for person in self._setup.people:
            if person.person_id not in seated:
                agency = f" — {person.agency}" if person.agency.strip() else ""
                self.also.addItem(f"{person.name}{agency}", person.person_id)
        self.also_button = self._small_button("plus", "Add to &list", "Add to those expected")
        self.also_button.clicked.connect(self._add_also)
        self.also_list = QListWidget()
        theme.comfortable_rows(self.also_list)
        self.also_list.setAccessibleName("Officers and guests expected")
        also_row = QHBoxLayout()
        also_row.addWidget(self.also, 1)
        also_row.addWidget(self.also_button)
        layout = QVBoxLayout(box)
        layout.addWidget(intro)
        layout.addWidget(self.expected, 2)
        layout.addWidget(_labelled("Officers and &guests also expected:", self.also,
                                   "Officer or guest"))
        layout.addLayout(also_row)
        layout.addWidget(self.also_list, 1)
        self.also.setEnabled(self.also.count() > 0)
        self.also_button.setEnabled(self.also.count() > 0)
        return box

    # --- agenda editing -----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Enter in an agenda field adds the item instead of creating the meeting."""
        entry = (self.title, self.presenter, self.reason, self.exempt)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() in entry:
            self.add_item()
            return
        super().keyPressEvent(event)

    def add_item(self) -> bool:
        """Add the item typed to the agenda list; False (with the reason shown) if it can't."""
        title = self.title.text()
        if not title.strip():
            self.show_error("Type the item's title, then press Enter to add it.")
            self.title.setFocus()
            return False
        if self.exempt.isChecked() and not self.reason.text().strip():
            # Refused by the service too (create_meeting); said here, where it can be fixed.
            self.show_error(f"Item {title!r} is marked exempt: give the reason the public "
                            "are excluded.")
            self.reason.setFocus()
            return False
        spec = ItemSpec(title, presenter=self.presenter.text(), exempt=self.exempt.isChecked(),
                        exempt_reason=self.reason.text() if self.exempt.isChecked() else "")
        item = QListWidgetItem(self._item_text(spec))
        item.setData(SPEC, spec)
        self.items.addItem(item)
        self.items.setCurrentItem(item)
        for field in (self.title, self.presenter, self.reason):
            field.clear()
        self.exempt.setChecked(False)
        self.error.hide()
        self.title.setFocus()
        return True

    def _item_text(self, spec: ItemSpec) -> str:
        text = spec.title
        if spec.presenter:
            text += f" — {spec.presenter}"
        if spec.exempt:
            text += f" [exempt: {spec.exempt_reason}]"
        return text

    def _move(self, step: int) -> None:
        row = self.items.currentRow()
        if row < 0 or not 0 <= row + step < self.items.count():
            return
        item = self.items.takeItem(row)
        self.items.insertItem(row + step, item)
        self.items.setCurrentRow(row + step)

    def _remove(self) -> None:
        row = self.items.currentRow()
        if row >= 0:
            self.items.takeItem(row)

    def _item_selected(self, *_args) -> None:
        row = self.items.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.items.count() - 1)
        self.remove_button.setEnabled(row >= 0)

    def _add_also(self) -> None:
        person_id = self.also.currentData()
        if person_id is None:
            return
        item = QListWidgetItem(self.also.currentText())
        item.setData(SPEC, person_id)
        self.also_list.addItem(item)
        self.also.removeItem(self.also.currentIndex())
        self.also.setEnabled(self.also.count() > 0)
        self.also_button.setEnabled(self.also.count() > 0)

    # --- saving -------------------------------------------------------------------------

    def specs(self) -> list[ItemSpec]:
        return [self.items.item(n).data(SPEC) for n in range(self.items.count())]

    def apologies(self) -> list[int]:
        return [self.expected.item(n).data(SPEC) for n in range(self.expected.count())
                if self.expected.item(n).checkState() == Qt.CheckState.Checked]

    def save(self) -> str:
        if self.title.text().strip() and not self.add_item():
            # An item typed but not yet added is meant to be on the agenda.
            raise ClerkError(self.error.text())
        day = date_of(self.day)
        if self.meeting_id is None:
            qtime = self.start.time()
            self.meeting_id = meetings.create_meeting(
                self._engine, self._setup.body_id, day, time(qtime.hour(), qtime.minute()),
                self.venue.text(), self.specs(), standard_items=self.standard.isChecked())
        for person_id in self.apologies():
            register.send_apologies(self._engine, self.meeting_id, person_id,
                                    "Received before the meeting")
        for n in range(self.also_list.count()):
            register.add_expected(self._engine, self.meeting_id,
                                  self.also_list.item(n).data(SPEC))
        self.also_list.clear()
        return f"Meeting on {day:%A} {day.day} {day:%B %Y} created."


"""The guided set-up's first pages: where to start, the body's name and agencies, its
seats by category, and the groups that count for quorum (DOMAIN.md §1, §3)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QWidget,
)

from clerk_app.gui import theme
from clerk_app.gui.views.body_setup.setup_fields import (
    SET_BY_CLERK,
    CheckList,
    ScrollPage,
    plain_label,
    source_edit,
)
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind
from clerk_app.rules.vocabulary import SeatKind, SettingKey
from clerk_app.services import presets
from clerk_app.services.body_draft import SEAT_FLAGS, key_from_name, seat_kind
from clerk_app.services.errors import ClerkError
from clerk_app.services.names import check_name

BLANK = ""  # the start page's choice for a body typed by hand
KEPT = "kept"  # the start page's choice for a set-up left unfinished (not a preset's key)


class EntryEdit(QLineEdit):
    """A line whose Enter adds what was typed to the list beside it, and does not press
    the page's Next button (which would leave the typing behind).

    Signals:
        submitted(): Enter was pressed.
    """

    submitted = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def button_row(*buttons: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for button in buttons:
        button.setAccessibleName(button.text().replace("&", ""))
        layout.addWidget(button)
    layout.addStretch(1)
    return row


class StartPage(ScrollPage):
    """Blank, or one of the presets, listed by name with its document's title."""

    def __init__(self) -> None:
        super().__init__("Set up a body", "Start from a blank body and type in your own "
                         "terms of reference, or from one of the constitutions that ship "
                         "with the application. Everything can be changed later in Body "
                         "set-up.")
        self.choice = QListWidget()
        self.choice.setWordWrap(True)
        self.choice.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.choice.addItem("A blank body: I will type in my own terms of reference")
        self.choice.item(0).setData(Qt.ItemDataRole.UserRole, BLANK)
        for preset in presets.presets():
            title = presets.readable_source(preset.seed) if preset.seed else preset.description
            self.choice.addItem(f"{preset.name} — from {title}")
            self.choice.item(self.choice.count() - 1).setData(Qt.ItemDataRole.UserRole,
                                                              preset.key)
        self.choice.setCurrentRow(0)
        self.add_row("S&tart from:", self.choice,
                     "A preset fills in every page from its document; you check each page "
                     "and change what your body does differently.")

    def offer_kept(self, name: str) -> None:
        """A set-up left unfinished (the application closed, or crashed) comes first."""
        self.choice.insertItem(0, f"Continue the set-up left unfinished: "
                                  f"{name.strip() or 'a body not yet named'}")
        self.choice.item(0).setData(Qt.ItemDataRole.UserRole, KEPT)
        self.choice.setCurrentRow(0)

    def chosen(self) -> str:
        item = self.choice.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else BLANK

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        self.wizard().start_from(self.chosen())
        return True


class NamePage(ScrollPage):
    """The body's name and the agencies (organisations) that sit on it."""

    def __init__(self) -> None:
        super().__init__("Name and agencies", "The body's name as its documents give it, "
                         "and the organisations whose people sit on it.")
        self.name = self.add_row("Na&me of the body:", limited(QLineEdit(), TextKind.NAME),
                                 "In full, e.g. Lincolnshire Children and Young People's "
                                 "Strategic Partnership.")
        self.short_name = self.add_row("Short name:", limited(QLineEdit(), TextKind.NAME),
                                       "Optional: how the body is usually called, e.g. "
                                       "Lincolnshire CYPSP.")
        self.document = self.add_row("Constitution or terms of reference:",
                                     limited(QLineEdit(), TextKind.TEXT),
                                     "The document the body's rules come from, e.g. Terms "
                                     "of reference 2013/15.")
        self.agency = self.add_row("&Agency or organisation:", EntryEdit(),
                                   "The organisations that sit on the body (people's "
                                   "agencies and employers are chosen from these). Type "
                                   "one and press Enter or Add agency.")
        self.agencies = QListWidget()
        self.agencies.setAccessibleName("Agencies")
        self.agencies.setMaximumHeight(140)
        add = QPushButton(theme.icon("plus"), "Add a&gency")
        remove = QPushButton(theme.icon("trash-2"), "Remove agency")
        self.form.addRow("", button_row(add, remove))
        self.form.addRow("Agencies:", self.agencies)
        self.agency.submitted.connect(self._add)
        add.clicked.connect(self._add)
        remove.clicked.connect(lambda: self.agencies.takeItem(self.agencies.currentRow()))

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        head = self.draft["body"]
        self.name.setText(head.get("name", ""))
        self.short_name.setText(head.get("short_name", ""))
        self.document.setText(head.get("description", ""))
        self.agencies.clear()
        self.agencies.addItems([org["name"] for org in self.draft.get("organisations", [])])

    def _add(self) -> None:
        typed = self.agency.text().strip()
        try:
            check_name(typed, "agency's name")
        except ClerkError as error:
            self.show_error(error.message)
            return
        self.clear_error()
        if not self.agencies.findItems(typed, Qt.MatchFlag.MatchFixedString):
            self.agencies.addItem(typed)
        self.agency.clear()

    def store(self) -> None:
        head = self.draft["body"]
        head["name"], head["short_name"] = self.name.text(), self.short_name.text().strip()
        head["description"] = self.document.text().strip()
        known = {org["name"]: org for org in self.draft.get("organisations", [])}
        names = [self.agencies.item(row).text() for row in range(self.agencies.count())]
        self.draft["organisations"] = [known.get(name, {"name": name}) for name in names]

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        self.store()
        try:
            check_name(self.name.text(), "body's name")
        except ClerkError as error:
            self.show_error(error.message)
            self.name.setFocus()
            return False
        if self.agency.text().strip():
            self.show_error("You typed an agency but did not add it: press Add agency, or "
                            "clear the field.")
            self.agency.setFocus()
            return False
        self.clear_error()
        return True


def category_line(category: dict[str, Any]) -> str:
    seats = category["seats"]
    return (f"{category['name']} — {seats} seat{'s' if seats != 1 else ''}, "
            f"{seat_kind(category).label.lower()}")


class SeatsPage(ScrollPage):
    """Seats by category: name, number, and whether they vote (DOMAIN.md §1)."""

    def __init__(self) -> None:
        super().__init__("Seats", "Each category of seats as your terms of reference list "
                         "them (an agency or a sector), with how many seats it has.")
        self.categories: list[dict[str, Any]] = []
        self._changing: tuple[int, dict[str, Any]] | None = None  # taken back to change
        self.name = self.add_row("&Category name:", EntryEdit(),
                                 "E.g. Schools, or District Councils. Press Enter or Add "
                                 "category to add it to the list.")
        self.seats = self.add_row("Number of seats:", QSpinBox())
        self.seats.setRange(1, 200)
        self.kind = self.add_row("Its seats are held by:", QComboBox(),
                                 "Voting members count for quorum and vote. Members without "
                                 "a vote, and observers (who may speak), do neither; only "
                                 "members may hold an office for core members.")
        for words, kind in SeatKind.choices():
            self.kind.addItem(words, kind)
        self.source = source_edit("the category")
        self.form.addRow("Source:", self.source)
        add = QPushButton(theme.icon("plus"), "Add categor&y")
        change = QPushButton(theme.icon("pencil"), "Change category")
        change.setToolTip("Puts the chosen category back in the fields above, to change "
                          "and add again")
        remove = QPushButton(theme.icon("trash-2"), "&Remove category")
        self.form.addRow("", button_row(add, change, remove))
        self.list = QListWidget()
        self.list.setAccessibleName("Categories of seats")
        self.list.setMinimumHeight(160)
        self.form.addRow("Categories:", self.list)
        self.total = plain_label("")
        self.form.addRow("", self.total)
        self.name.submitted.connect(self._add)
        add.clicked.connect(self._add)
        remove.clicked.connect(self._remove)
        change.clicked.connect(self._change)
        self.list.itemActivated.connect(self._change)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        self.categories = [dict(c) for c in self.draft["categories"]]
        self._show()

    def _show(self) -> None:
        self.list.clear()
        self.list.addItems([category_line(c) for c in self.categories])
        seats = sum(c["seats"] for c in self.categories)
        voting = sum(c["seats"] for c in self.categories if c.get("voting", True))
        self.total.setText(f"{seats} seats, {voting} of them voting.")

    def _add(self) -> None:
        typed = self.name.text()
        try:
            check_name(typed, "category name")
        except ClerkError as error:
            self.show_error(error.message)
            return
        self.clear_error()
        voting, core = SEAT_FLAGS[self.kind.currentData()]
        row, was = self._changing or (len(self.categories), {})
        self._changing = None
        key = was.get("key") or key_from_name(typed, (c["key"] for c in self.categories))
        category = {**was, "key": key, "name": typed, "seats": self.seats.value(),
                    "voting": voting, "core": core, "assumed": False,
                    "source": self.source.text().strip() or SET_BY_CLERK}
        if len(category.get("seat_labels", [])) != category["seats"]:
            category.pop("seat_labels", None)  # the seats' names no longer fit
        self.categories.insert(row, category)
        self.name.clear()
        self.seats.setValue(1)
        self.kind.setCurrentIndex(0)
        self._show()
        self.name.setFocus()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.categories):
            del self.categories[row]
            self._show()

    def _change(self) -> None:
        """The chosen category goes back into the fields, to be added again as changed,
        in its place and under its key (which an office or a quorum group may name)."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.categories) or self.name.text().strip():
            return
        category = self.categories.pop(row)
        self._changing = (row, category)
        self.name.setText(category["name"])
        self.seats.setValue(category["seats"])
        self.kind.setCurrentIndex(self.kind.findData(seat_kind(category)))
        if category.get("source") != SET_BY_CLERK:
            self.source.setText(presets.readable_source(category.get("source", "")))
        self._show()
        self.name.setFocus()

    def store(self) -> None:
        if self._changing is not None:  # left mid-change: the category as it was
            row, was = self._changing
            self.categories.insert(row, was)
            self._changing = None
            self.name.clear()
            self._show()
        self.draft["categories"] = [dict(c) for c in self.categories]
        self.wizard().forget_missing()

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        if self.name.text().strip():
            self.show_error("You typed a category but did not add it: press Add category, "
                            "or clear the name.")
            self.name.setFocus()
            return False
        if not self.categories:
            self.show_error("Add at least one category of seats before going on.")
            self.name.setFocus()
            return False
        self.clear_error()
        self.store()
        return True


class GroupsPage(ScrollPage):
    """The groups that count for quorum (optional): e.g. Kent LCSP's seven organisations,
    five of which must be present (000 §10.4)."""

    def __init__(self) -> None:
        super().__init__("Groups for quorum (optional)", "Only if your quorum rule counts "
                         "organisations or groups present, or needs someone present "
                         "(e.g. the Chair or Vice-Chair). Otherwise go on.")
        self.groups: list[dict[str, Any]] = []
        self.loaded: list[dict[str, Any]] = []  # as the page was opened
        self.label = self.add_row("Quorum group &label:", EntryEdit(),
                                  "E.g. Education, or Chair or Vice-Chair.")
        self.members = self.add_row("Filled by a member of:", CheckList(),
                                    "A counting member in any ticked category fills the "
                                    "group.")
        self.offices = self.add_row("Or by the holder of:", CheckList())
        self.must = QCheckBox("This group must always be present")
        self.must.setAccessibleDescription("Required presence: without it the meeting is "
                                           "not quorate, whatever else holds.")
        self.form.addRow("", self.must)
        self.source = source_edit("the quorum groups")
        self.form.addRow("Source:", self.source)
        add = QPushButton(theme.icon("plus"), "Add &quorum group")
        remove = QPushButton(theme.icon("trash-2"), "Remove group")
        self.form.addRow("", button_row(add, remove))
        self.list = QListWidget()
        self.list.setAccessibleName("Quorum groups")
        self.form.addRow("Groups:", self.list)
        self.label.submitted.connect(self._add)
        add.clicked.connect(self._add)
        remove.clicked.connect(self._remove)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        quorum = self.draft["settings"][SettingKey.QUORUM]["value"]
        self.groups = [dict(g, must=False) for g in quorum.get("groups", [])]
        self.groups += [dict(g, must=True) for g in quorum.get("required", [])]
        self.loaded = [dict(g) for g in self.groups]
        self.initialize_ticks()
        self._show()

    def _show(self) -> None:
        self.list.clear()
        for group in self.groups:
            self.list.addItem(group["label"] + (" (must be present)" if group["must"] else ""))

    def _add(self) -> None:
        typed = self.label.text()
        try:
            check_name(typed, "group's label")
        except ClerkError as error:
            self.show_error(error.message)
            return
        if not self.members.ticked() and not self.offices.ticked():
            self.show_error("Tick the categories or offices that fill this group.")
            return
        self.clear_error()
        self.groups.append({"key": key_from_name(typed, (g["key"] for g in self.groups)),
                            "label": typed, "categories": self.members.ticked(),
                            "offices": self.offices.ticked(), "must": self.must.isChecked()})
        self.label.clear()
        self.initialize_ticks()
        self._show()
        self.label.setFocus()

    def initialize_ticks(self) -> None:
        self.members.set_choices(((c["key"], c["name"]) for c in self.draft["categories"]), ())
        self.offices.set_choices(((o["key"], o["name"]) for o in self.draft["offices"]), ())
        self.must.setChecked(False)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.groups):
            del self.groups[row]
            self._show()

    def store(self) -> None:
        entry = self.draft["settings"][SettingKey.QUORUM]
        def plain(group: dict[str, Any]) -> dict[str, Any]:
            return {k: v for k, v in group.items() if k != "must"}

        value = entry["value"]
        for form, must in (("groups", False), ("required", True)):
            chosen = [plain(g) for g in self.groups if g["must"] is must]
            if chosen or form in value:  # a rule without groups stays as it was written
                value[form] = chosen
        typed = self.source.text().strip()
        if self.groups != self.loaded or typed:
            entry.update(assumed=False, source=typed or SET_BY_CLERK)
        if "groups_needed" in value:
            value["groups_needed"] = min(value["groups_needed"], len(value.get("groups", [])))

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        if self.label.text().strip():
            self.show_error("You typed a group but did not add it: press Add quorum group, "
                            "or clear the label.")
            self.label.setFocus()
            return False
        self.clear_error()
        self.store()
        return True

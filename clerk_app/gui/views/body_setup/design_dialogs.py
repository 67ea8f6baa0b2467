"""Dialogs that change a body's design: its seat categories, offices and quorum groups
(services/body_design.py). Each one form, one recording action; a refusal is shown in
the dialog with what to do, and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app.gui import theme
from clerk_app.gui.widgets.form_dialog import FormDialog
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind
from clerk_app.services import body_design, organisations
from clerk_app.services.body_design import CategoryDesign, GroupDesign, OfficeDesign
from clerk_app.services.body_setup import BodySetup, CategoryRow, GroupRow, OfficeRow

SHOWN_NAME = 60  # a longer name is cut short in a sentence; its tooltip holds it whole
LIST_HEIGHT = 96  # a checklist shows about four rows and scrolls, so dialogs fit 600 px

# What a category's seats are: (votes, core). An observer speaks but does not vote and is
# not a core member (002 §4.1: "observer with speaking rights").
SEAT_KINDS = (
    ("Voting members", (True, True)),
    ("Members without a vote", (False, True)),
    ("Observers: may speak, do not vote, not core members", (False, False)),
)


def checklist(name: str, choices: Iterable[tuple[str, str]], ticked: Iterable[str]) -> QListWidget:
    """A list of (key, words) to tick with the mouse or the space bar."""
    ticked = set(ticked)
    widget = QListWidget()
    theme.comfortable_rows(widget)
    widget.setAccessibleName(name)
    widget.setMaximumHeight(LIST_HEIGHT)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)  # the tooltip holds the whole name
    _visible_boxes(widget)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    for key, words in choices:
        item = QListWidgetItem(words)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setToolTip(words)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in ticked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    if widget.count():
        widget.setCurrentRow(0)
    return widget


def _visible_boxes(widget: QListWidget) -> None:
    """Fusion outlines an item's tick box in the window colour, darkened; in the dark look
    that is the list's own background and an empty box cannot be seen. Half way between
    the text and the background shows it in either look."""
    palette = widget.palette()
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    palette.setColor(QPalette.ColorRole.Window, QColor(
        (text.red() + base.red()) // 2, (text.green() + base.green()) // 2,
        (text.blue() + base.blue()) // 2))
    widget.setPalette(palette)


def ticked(widget: QListWidget) -> tuple[str, ...]:
    return tuple(widget.item(n).data(Qt.ItemDataRole.UserRole) for n in range(widget.count())
                 if widget.item(n).checkState() == Qt.CheckState.Checked)


def tick(widget: QListWidget, keys: Iterable[str]) -> None:
    """Tick these entries (and only these), as a clerk would."""
    keys = set(keys)
    for n in range(widget.count()):
        item = widget.item(n)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in keys
                           else Qt.CheckState.Unchecked)


def _confirms(row: CategoryRow | OfficeRow | None) -> str:
    """An assumed category or office is confirmed by saving it: say so in the dialog."""
    if row is None or not row.assumed:
        return ""
    return (" It is marked “assumed — please confirm”: the constitution does not give it "
            "as it stands. Saving it, changed or not, confirms it.")


def _name_field(name: str) -> QLineEdit:
    return limited(QLineEdit(name), TextKind.NAME)


def _source_field(dialog: FormDialog, source: str) -> QLineEdit:
    return dialog.add_row("&Where this comes from:", limited(QLineEdit(source), TextKind.TEXT),
                          "The document's name and section, e.g. 'Terms of Reference "
                          "2024, §4.1', or the meeting that decided it")


class CategoryDialog(FormDialog):
    """Add a seat category, or change one (`row`): its seats, their names and vote."""

    def __init__(self, engine: Engine, setup: BodySetup, row: CategoryRow | None = None,
                 parent: QWidget | None = None) -> None:
        title = f"Change the category {row.name}" if row else "New seat category"
        super().__init__(title, "Save category" if row else "Add category", parent,
                         "A category is a group of seats, usually one agency or sector, "
                         "with as many seats as the constitution gives it. Members are "
                         f"seated in it on the Membership tab.{_confirms(row)}")
        self._engine, self._setup, self._row = engine, setup, row
        self.name = self.add_row("&Name:", _name_field(row.name if row else ""),
                                 "E.g. 'Schools' or 'District Councils'")
        self.seats = self.add_row("Number of &seats:", QSpinBox(),
                                  "How many people may sit in it; 0 if it has none now")
        self.seats.setRange(0, body_design.MAX_SEATS)
        self.seats.setValue(row.seats if row else 1)
        self.labels = self.add_row(
            "Seat n&ames:", QPlainTextEdit("\n".join(row.seat_labels) if row else ""),
            "Optional: one name a line, e.g. 'Primary headteacher', if the constitution "
            "names the seats")
        self.labels.setTabChangesFocus(True)
        self.labels.setMaximumHeight(LIST_HEIGHT)
        self.kind = self.add_row("&Kind of seat:", QComboBox(),
                                 "Whether the seats carry a vote")
        for words, _kind in SEAT_KINDS:
            self.kind.addItem(words)
        self.core = QCheckBox("&Core members (some offices need one)")
        self.core.setAccessibleName("Core members")
        self.form.addRow("", self.core)
        if row:
            self.kind.setCurrentIndex(0 if row.voting else 1 if row.core else 2)
        self.core.setChecked(row.core if row else True)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.source = _source_field(self, row.source if row else "")
        notes = limited(QLineEdit(row.notes if row else ""), TextKind.NOTES)
        self.notes = self.add_row("N&otes:", notes,
                                  "Anything the constitution adds, in a sentence")

    def _kind_changed(self) -> None:
        votes, core = SEAT_KINDS[self.kind.currentIndex()][1]
        observer = not votes and not core
        self.core.setEnabled(not observer)
        if observer:
            self.core.setChecked(False)

    def design(self) -> CategoryDesign:
        votes = SEAT_KINDS[self.kind.currentIndex()][1][0]
        return CategoryDesign(
            self.name.text(), self.seats.value(),
            tuple(self.labels.toPlainText().split("\n")), votes, self.core.isChecked(),
            self.source.text(), self.notes.text())

    def save(self) -> str:
        design = self.design()
        if self._row is None:
            body_design.add_category(self._engine, self._setup.body_id, design)
            return f"Category added: {design.name}."
        body_design.change_category(self._engine, self._setup.body_id, self._row.key, design)
        return f"Category changed: {design.name}."


class OfficeDialog(FormDialog):
    """Add an office, or change one (`row`), with the rules for who may hold it."""

    def __init__(self, engine: Engine, setup: BodySetup, row: OfficeRow | None = None,
                 parent: QWidget | None = None) -> None:
        title = f"Change the office {row.name}" if row else "New office"
        super().__init__(title, "Save office" if row else "Add office", parent,
                         "An office such as Chair or Vice-Chair, and who may hold it. The "
                         "rules are checked each time someone is appointed. Leave a list "
                         f"unticked when the constitution sets no such rule.{_confirms(row)}")
        self._engine, self._setup, self._row = engine, setup, row
        self.name = self.add_row("&Name:", _name_field(row.name if row else ""),
                                 "'Chair' and 'Vice-Chair' preside at meetings")
        self.term = self.add_row("&Term:", QSpinBox(), "How long a term lasts, in months")
        self.term.setRange(0, 120)
        self.term.setSuffix(" months")
        self.term.setSpecialValueText("Not stated")
        self.term.setValue((row.term_months or 0) if row else 0)
        self.categories = self.add_row("Only from these &categories:", checklist(
            "Only from these categories", ((c.key, c.name) for c in setup.categories),
            row.only_categories if row else ()), "None ticked: any category")
        self.core = QCheckBox("A c&ore member")
        self.core.setAccessibleName("The holder must be a core member")
        self.core.setChecked(row.core_member_only if row else False)
        self.form.addRow("", self.core)
        others = [(o.key, o.name) for o in setup.offices if not row or o.key != row.key]
        self.agency = self.add_row("Not the same a&gency as:", checklist(
            "Not the same agency as the holder of", others,
            row.not_same_agency_as if row else ()), "The holders of these offices")
        known = [(o.name, o.label) for o in organisations.list_organisations(engine)]
        # The rule may name an organisation by a short name or alias: tick the organisation.
        excluded = [found.name if (found := organisations.find(engine, typed)) else typed
                    for typed in (row.excluded_employers if row else ())]
        self.employers = self.add_row("Not &employed by:", checklist(
            "Not employed by", known, excluded),
            "Staff of these organisations may not hold it")
        self.source = _source_field(self, row.source if row else "")

    def design(self) -> OfficeDesign:
        return OfficeDesign(self.name.text(), self.term.value() or None,
                            ticked(self.categories), self.core.isChecked(),
                            ticked(self.agency), ticked(self.employers), self.source.text())

    def save(self) -> str:
        design = self.design()
        if self._row is None:
            body_design.add_office(self._engine, self._setup.body_id, design)
            return f"Office added: {design.name}."
        body_design.change_office(self._engine, self._setup.body_id, self._row.key, design)
        return f"Office changed: {design.name}."


class QuorumGroupDialog(FormDialog):
    """Add a quorum group, or change one (`row`): who fills it (DOMAIN.md §3)."""

    def __init__(self, engine: Engine, setup: BodySetup, row: GroupRow | None = None,
                 parent: QWidget | None = None) -> None:
        title = f"Change the quorum group {row.label}" if row else "New quorum group"
        needed = (f"The quorum needs {setup.groups_needed} of the groups (change that "
                  "number in the Quorum setting)" if setup.groups_needed else
                  "The first group listed makes the quorum need one group (change that "
                  "number in the Quorum setting)")
        super().__init__(title, "Save group" if row else "Add group", parent,
                         "A group is represented when one counting member of it is present: "
                         "a member seated in a category ticked below, or the holder of an "
                         f"office ticked below. {needed}, and every group that must be "
                         "present.")
        self._engine, self._setup, self._row = engine, setup, row
        self.label = self.add_row("&Name:", _name_field(row.label if row else ""),
                                  "E.g. 'Education' or 'Chair or Vice-Chair'")
        self.required = QCheckBox("&Must be present")
        self.required.setAccessibleName("Must be present")
        self.required.setToolTip("The meeting is inquorate without it, however many other "
                                 "groups are represented")
        self.required.setChecked(bool(row and row.required))
        self.required.setEnabled(row is None)  # a group stays in the list it was made in
        self.form.addRow("", self.required)
        self.categories = self.add_row("Members of these &categories:", checklist(
            "Filled by members of these categories",
            ((c.key, c.name) for c in setup.categories), row.categories if row else ()))
        self.offices = self.add_row("Or the holder of these &offices:", checklist(
            "Or by the holder of these offices", ((o.key, o.name) for o in setup.offices),
            row.offices if row else ()))

    def design(self) -> GroupDesign:
        return GroupDesign(self.label.text(), ticked(self.categories), ticked(self.offices),
                           self.required.isChecked())

    def save(self) -> str:
        design = self.design()
        if self._row is None:
            body_design.add_quorum_group(self._engine, self._setup.body_id, design)
            return f"Quorum group added: {design.label}."
        body_design.change_quorum_group(self._engine, self._setup.body_id, self._row.key,
                                        design)
        return f"Quorum group changed: {design.label}."


class RemoveDialog(FormDialog):
    """Ask before removing a category, office or quorum group; a refusal says why."""

    def __init__(self, what: str, name: str, remove: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        shown = name if len(name) <= SHOWN_NAME else name[:SHOWN_NAME] + "…"
        super().__init__(f"Remove the {what}", f"Remove {what}", parent,
                         f"Remove the {what} “{shown}” from the body? Past meetings keep "
                         "their record.")
        self._remove, self._what, self._name = remove, what, name
        self.intro.setAccessibleName(f"Remove the {what}")
        self.intro.setToolTip(name)  # the whole name, however long

    def save(self) -> str:
        self._remove()
        return f"Removed the {self._what}: {self._name}."

"""The body set-up's controls that change the body's design: seat categories on the
Membership tab, offices on the Offices tab, and the Quorum groups tab
(services/body_design.py, through design_dialogs.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTreeWidgetItem, QVBoxLayout, QWidget

from clerk_app.gui.views.body_setup import parts
from clerk_app.gui.views.body_setup.design_dialogs import (
    CategoryDialog,
    OfficeDialog,
    QuorumGroupDialog,
    RemoveDialog,
)
from clerk_app.gui.views.body_setup.parts import ROW
from clerk_app.gui.widgets import announce
from clerk_app.services import body_design
from clerk_app.services.body_setup import CategoryRow, GroupRow, OfficeRow, SeatRow
from clerk_app.services.errors import ClerkError


class DesignControls:
    """Mixed into the body set-up view, which gives `_engine`, `setup`, `_open`,
    `_current`, `_saved`, `_keep_current`, `message` and the `members` and `offices` trees."""

    # --- Membership tab: the categories ------------------------------------------------

    def _category_buttons(self) -> QHBoxLayout:
        self.new_category_button = parts.button("New &category…", "plus",
                                                "Add a seat category")
        self.change_category_button = parts.button("Change ca&tegory…", "pencil",
                                                   "Change the selected category")
        self.up_button = parts.button("Move &up", "arrow-up", "Move the category up")
        self.down_button = parts.button("Move do&wn", "arrow-down", "Move the category down")
        self.remove_category_button = parts.button("Remove cate&gory…", "trash-2",
                                                   "Remove the selected category")
        self.new_category_button.clicked.connect(
            lambda: self._open(CategoryDialog(self._engine, self.setup, None, self)))
        self.change_category_button.clicked.connect(self._change_category)
        self.up_button.clicked.connect(lambda: self._move_category(-1))
        self.down_button.clicked.connect(lambda: self._move_category(1))
        self.remove_category_button.clicked.connect(self._remove_category)
        return parts.buttons(self.new_category_button, self.change_category_button,
                             self.up_button, self.down_button, self.remove_category_button)

    def selected_category(self) -> CategoryRow | None:
        """The category of the row selected on the Membership tab (itself, or a seat)."""
        row = self._current(self.members)
        if isinstance(row, SeatRow):
            return self.setup.category(row.category_key)
        return row if isinstance(row, CategoryRow) else None

    def _category_selected(self) -> None:
        cat = self.selected_category()
        keys = [c.key for c in self.setup.categories] if self.setup else []
        for each in (self.change_category_button, self.remove_category_button):
            each.setEnabled(cat is not None)
        self.up_button.setEnabled(bool(cat) and keys.index(cat.key) > 0)
        self.down_button.setEnabled(bool(cat) and keys.index(cat.key) < len(keys) - 1)

    def _change_category(self) -> None:
        cat = self.selected_category()
        if cat is not None:
            self._open(CategoryDialog(self._engine, self.setup, cat, self))

    def _move_category(self, step: int) -> None:
        cat = self.selected_category()
        if cat is None:
            return
        try:
            body_design.move_category(self._engine, self.setup.body_id, cat.key, step)
        except ClerkError as error:
            self.message.show()
            announce.show_text(self.message, error.message, "Message", say=True, urgent=True)
            return
        self._saved(f"Moved {cat.name} {'up' if step < 0 else 'down'}.")
        self._select_category(cat.key)

    def _select_category(self, key: str) -> None:
        for n in range(self.members.topLevelItemCount()):
            item = self.members.topLevelItem(n)
            if item.data(0, ROW).key == key:
                self.members.setCurrentItem(item)

    def _remove_category(self) -> None:
        cat = self.selected_category()
        if cat is not None:
            body_id = self.setup.body_id
            self._open(RemoveDialog("category", cat.name, lambda: body_design.remove_category(
                self._engine, body_id, cat.key), self))

    # --- Offices tab ---------------------------------------------------------------------

    def _office_buttons(self) -> list:
        self.new_office_button = parts.button("Ne&w office…", "plus", "Add an office")
        self.change_office_button = parts.button("Chan&ge office…", "pencil",
                                                 "Change the selected office")
        self.remove_office_button = parts.button("Remove offi&ce…", "trash-2",
                                                 "Remove the selected office")
        self.new_office_button.clicked.connect(
            lambda: self._open(OfficeDialog(self._engine, self.setup, None, self)))
        self.change_office_button.clicked.connect(self._change_office)
        self.remove_office_button.clicked.connect(self._remove_office)
        return [self.new_office_button, self.change_office_button, self.remove_office_button]

    def _change_office(self) -> None:
        office = self._current(self.offices)
        if isinstance(office, OfficeRow):
            self._open(OfficeDialog(self._engine, self.setup, office, self))

    def _remove_office(self) -> None:
        office = self._current(self.offices)
        if isinstance(office, OfficeRow):
            body_id = self.setup.body_id
            self._open(RemoveDialog("office", office.name, lambda: body_design.remove_office(
                self._engine, body_id, office.key), self))

    # --- Quorum groups tab ---------------------------------------------------------------

    def _groups_tab(self) -> QWidget:
        page = QWidget()
        self.groups_summary = QLabel()
        self.groups_summary.setWordWrap(True)
        self.groups_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.groups_summary.setAccessibleName("How the quorum counts the groups")
        self.groups = parts.tree("Quorum groups", ["Group", "Counts as", "Filled by"],
                                 nested=False)
        self.new_group_button = parts.button("Ne&w group…", "plus", "Add a quorum group")
        self.change_group_button = parts.button("Chan&ge group…", "pencil",
                                                "Change the selected quorum group")
        self.remove_group_button = parts.button("Remove gro&up…", "trash-2",
                                                "Remove the selected quorum group")
        layout = QVBoxLayout(page)
        layout.addWidget(self.groups_summary)
        layout.addWidget(self.groups, 1)
        layout.addLayout(parts.buttons(self.new_group_button, self.change_group_button,
                                       self.remove_group_button))
        self.new_group_button.clicked.connect(
            lambda: self._open(QuorumGroupDialog(self._engine, self.setup, None, self)))
        self.change_group_button.clicked.connect(self._change_group)
        self.remove_group_button.clicked.connect(self._remove_group)
        self.groups.itemActivated.connect(lambda *_: self._change_group())
        self.groups.currentItemChanged.connect(self._group_selected)
        return page

    def _fill_groups(self) -> None:
        def fill() -> None:
            for group in self.setup.groups:
                counts = "Must be present" if group.required else "One of the groups needed"
                item = QTreeWidgetItem([group.label, counts, group.filled_by])
                for column, text in enumerate((group.label, counts, group.filled_by)):
                    item.setToolTip(column, text)
                item.setData(0, ROW, group)
                self.groups.addTopLevelItem(item)

        self._keep_current(self.groups, fill)
        parts.fit(self.groups, {0: 300, 1: 220})
        self.groups_summary.setText(self._groups_words())
        self._group_selected()

    def _groups_words(self) -> str:
        """How the quorum uses the groups listed, in a sentence or two."""
        listed = sum(not g.required for g in self.setup.groups)
        required = len(self.setup.groups) - listed
        if not self.setup.groups:
            return ("The quorum does not count groups. If the constitution lists groups or "
                    "organisations that must be represented (e.g. “Education”, “Chair or "
                    "Vice-Chair”), add them here.")
        words = []
        if listed:
            words.append(f"at least {self.setup.groups_needed} of the {listed} groups marked "
                         "“One of the groups needed” are represented")
        if required:
            words.append("every group marked “Must be present” is represented")
        return f"The meeting is quorate only if {' and '.join(words)}."

    def _group_selected(self, *_args) -> None:
        group = self._current(self.groups)
        self.change_group_button.setEnabled(isinstance(group, GroupRow))
        self.remove_group_button.setEnabled(isinstance(group, GroupRow))

    def _change_group(self) -> None:
        group = self._current(self.groups)
        if isinstance(group, GroupRow):
            self._open(QuorumGroupDialog(self._engine, self.setup, group, self))

    def _remove_group(self) -> None:
        group = self._current(self.groups)
        if isinstance(group, GroupRow):
            body_id = self.setup.body_id
            self._open(RemoveDialog("quorum group", group.label,
                                    lambda: body_design.remove_quorum_group(
                                        self._engine, body_id, group.key, group.required),
                                    self))

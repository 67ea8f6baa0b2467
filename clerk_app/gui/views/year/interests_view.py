"""The register of interests of one body, with the declarations made at its meetings
beside it (DOMAIN.md §4), and the membership list (§1, 000 §9.3) to print or export.

The clerk keeps the register here: an interest is added with its kind and start date,
and ended on a date (the entry stays, with both dates). Declarations come from the
meetings' records and are read-only here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app.export.registers_pdf import interests_register_pdf, membership_list_pdf
from clerk_app.export.spreadsheets import (
    interests_csv_table,
    interests_tables,
    membership_table,
    write_csv,
    write_xlsx,
)
from clerk_app.gui import theme
from clerk_app.gui.views.year import common
from clerk_app.gui.views.year.common import Column, Loader, Notice, RowsModel, short_date
from clerk_app.gui.widgets.fitting import narrow_combo
from clerk_app.gui.widgets.flow_layout import FlowLayout
from clerk_app.gui.widgets.form_dialog import FormDialog, date_edit, date_of, select_data
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind
from clerk_app.rules.vocabulary import InterestKind
from clerk_app.services import interests, reports
from clerk_app.services.interests import InterestLine, InterestsRegister

# XLSX first, each saying what it is for (a CSV's accents may show garbled: common.py).
SAVE_XLSX = f"Save as XLSX ({common.XLSX_ADVICE})…"
SAVE_CSV = f"Save as CSV ({common.CSV_ADVICE})…"

INTEREST_COLUMNS = [
    Column("Member", lambda i: i.name),
    Column("Registered interest", lambda i: i.description),
    Column("Kind", lambda i: i.kind_words),
    Column("From", lambda i: short_date(i.from_date)),
    Column("Until", lambda i: short_date(i.to_date)),
]
DECLARATION_COLUMNS = [
    Column("Member", lambda x: x.name),
    Column("Meeting", lambda x: short_date(x.meeting_date)),
    Column("Item", lambda x: x.item_words),
    Column("Interest declared", lambda x: x.description or x.kind_words),
    Column("Effect", lambda x: x.effect_words),
]


class AddInterestDialog(FormDialog):
    """Put a member's interest on the register (saved through the bodies service)."""

    def __init__(self, engine: Engine, body_id: int, register: InterestsRegister,
                 person_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__("Add an interest", "Add to the register", parent)
        self._engine, self._body_id = engine, body_id
        self.member = self.add_row("&Member:", QComboBox())
        for m in register.members:
            if m.seat != interests.NOT_A_MEMBER:
                self.member.addItem(m.name, m.person_id)
        if person_id is not None:
            select_data(self.member, person_id)
        self.description = self.add_row("&Interest:", limited(QLineEdit(), TextKind.TEXT),
                                        "As the member describes it, e.g. a trusteeship")
        self.kind = self.add_row("&Kind:", QComboBox())
        for words, kind in InterestKind.choices():
            self.kind.addItem(words, kind)
        self.kind.setCurrentIndex(self.kind.findData(InterestKind.OTHER))
        self.from_date = self.add_row("&From:", date_edit())

    def save(self) -> str:
        interests.register_interest(self._engine, self._body_id, self.member.currentData(),
                                    self.description.text(), self.kind.currentData(),
                                    date_of(self.from_date))
        return f"Interest added for {self.member.currentText()}: saved."


class EndInterestDialog(FormDialog):
    """The member no longer holds the interest from a date."""

    def __init__(self, engine: Engine, interest: InterestLine,
                 parent: QWidget | None = None) -> None:
        super().__init__("End an interest", "End the interest", parent,
                         intro=f"{interest.name}: {interest.description}")
        self._engine, self._interest = engine, interest
        self.until = self.add_row("&Until:", date_edit())

    def save(self) -> str:
        interests.end_interest(self._engine, self._interest.interest_id, date_of(self.until))
        return f"The interest is ended from {date_of(self.until):%d %B %Y}: saved."


class InterestsView(QWidget):
    """One body's register of interests and declarations, with the membership list.

    Signals:
        loaded(): the register on screen is up to date.
    """

    loaded = Signal()

    def __init__(self, engine: Engine, body_id: int, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._body_id = body_id
        self._today = today
        self.register: InterestsRegister | None = None
        self._dialog: FormDialog | None = None
        self._loader = Loader(self, self._show_register, self._load_failed)

        top = self._build_top_row()
        self.summary = QLabel(objectName="pageSubheading")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.notice = Notice()
        splitter = self._build_splitter()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        self.member_box.currentIndexChanged.connect(self._filter)
        self.interest_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button.clicked.connect(self.add_interest)
        self.end_button.clicked.connect(self.end_interest)
        self.set_body(body_id)

    def _build_top_row(self) -> QHBoxLayout:
        """The heading, the member filter and the two print-or-save menus."""
        self.heading = QLabel("Register of interests", objectName="pageHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setFont(theme.scaled_font(self.font(), 1.25, bold=True))
        self.heading.setWordWrap(True)  # a long body name must not widen the window
        self.member_box = narrow_combo(QComboBox())
        self.member_box.setAccessibleName("Member")
        member_label = QLabel("Mem&ber:")
        member_label.setBuddy(self.member_box)
        self.register_button = self._menu_button("Re&gister of interests", "printer", (
            ("Print or save as PDF…", self._register_pdf),
            (SAVE_XLSX, lambda: self._register_sheet("xlsx")),
            (SAVE_CSV, lambda: self._register_sheet("csv"))))
        self.members_button = self._menu_button("Membership &list", "users", (
            ("Print or save as PDF…", self._membership_pdf),
            (SAVE_XLSX, lambda: self._membership_sheet("xlsx")),
            (SAVE_CSV, lambda: self._membership_sheet("csv"))))
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(member_label)
        top.addWidget(self.member_box)
        top.addLayout(FlowLayout().add_widgets(self.register_button, self.members_button), 1)
        return top

    def _build_tables(self) -> None:
        """The interests and declarations tables, sized for what their columns hold."""
        self.interest_model = RowsModel(INTEREST_COLUMNS, self)
        self.interest_table = common.table_view(self.interest_model, "Registered interests")
        self.declaration_model = RowsModel(DECLARATION_COLUMNS, self)
        self.declaration_table = common.table_view(self.declaration_model,
                                                   "Declarations at meetings")
        # The typed text takes the room; names, dates and kinds fit their contents.
        for table, wide in ((self.interest_table, (1,)), (self.declaration_table, (2, 3))):
            header = table.horizontalHeader()
            header.setStretchLastSection(False)
            for column in range(table.model().columnCount()):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch
                                            if column in wide
                                            else QHeaderView.ResizeMode.ResizeToContents)

    def _build_interests_pane(self) -> QWidget:
        """The registered interests, with the buttons to add or end one."""
        self.add_button = QPushButton(theme.icon("plus"), "&Add an interest…")
        self.add_button.setAccessibleName("Add an interest")
        self.end_button = QPushButton(theme.icon("calendar-x"), "&End the interest…")
        self.end_button.setAccessibleName("End the interest")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Registered interests", objectName="pageSubheading"))
        left_layout.addWidget(self.interest_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        return left

    def _build_declarations_pane(self) -> QWidget:
        """The declarations made at meetings (read-only: they come from the records)."""
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("Declared at meetings", objectName="pageSubheading"))
        right_layout.addWidget(self.declaration_table, 1)
        return right

    def _build_splitter(self) -> QSplitter:
        """Interests on the left, declarations on the right, sharing the width."""
        self._build_tables()
        left = self._build_interests_pane()
        right = self._build_declarations_pane()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        return splitter

    def _menu_button(self, text: str, icon: str, entries) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setIcon(theme.icon(icon))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setAccessibleName(text.replace("&", ""))
        menu = QMenu(button)
        for label, slot in entries:
            menu.addAction(label).triggered.connect(slot)
        button.setMenu(menu)
        return button

    def today(self) -> date:
        return self._today or date.today()

    def set_body(self, body_id: int) -> None:
        self._body_id = body_id
        self.refresh()

    def refresh(self) -> None:
        self._loader.request(interests.interests_register, self._engine, self._body_id,
                             self.today())

    def _load_failed(self, message: str) -> None:
        self.notice.show_error(message)

    def _show_register(self, register: InterestsRegister) -> None:
        self.register = register
        self.heading.setText(f"Register of interests — {register.body_name}")
        chosen = self.member_box.currentData()
        self.member_box.blockSignals(True)
        self.member_box.clear()
        self.member_box.addItem("All members", None)
        for m in register.members:
            self.member_box.addItem(m.name, m.person_id)
        self.member_box.setCurrentIndex(max(0, self.member_box.findData(chosen)))
        self.member_box.blockSignals(False)
        current = sum(1 for i in register.interests if i.to_date is None
                      or i.to_date >= register.as_of)
        none = [m.name for m in register.members
                if m.seat != interests.NOT_A_MEMBER and not m.interests]
        self.summary.setText(
            f"As at {register.as_of.day} {register.as_of:%B %Y}: {current} current "
            f"interest{'s' if current != 1 else ''} on the register, "
            f"{len(register.declarations)} declaration"
            f"{'s' if len(register.declarations) != 1 else ''} made at meetings. "
            + (f"No interest registered for {len(none)} member{'s' if len(none) != 1 else ''}"
               f": {', '.join(none)}." if none else ""))
        self._filter()
        self.loaded.emit()

    def _filter(self, *_args) -> None:
        if self.register is None:
            return
        person = self.member_box.currentData()
        members = [m for m in self.register.members if person is None or m.person_id == person]
        self.interest_model.set_rows([i for m in members for i in m.interests])
        self.declaration_model.set_rows(sorted(
            (x for m in members for x in m.declarations),
            key=lambda x: (x.meeting_date, x.item_position), reverse=True))
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        row = common.selected_row(self.interest_table)
        self.end_button.setEnabled(row is not None and row.to_date is None)

    def add_interest(self) -> None:
        if self.register is None:
            return
        dialog = AddInterestDialog(self._engine, self._body_id, self.register,
                                   self.member_box.currentData(), self)
        dialog.saved.connect(self._saved)
        self._open(dialog)

    def end_interest(self) -> None:
        row = common.selected_row(self.interest_table)
        if row is None:
            return
        dialog = EndInterestDialog(self._engine, row, self)
        dialog.saved.connect(self._saved)
        self._open(dialog)

    def _open(self, dialog: FormDialog) -> None:
        """Open a dialog without blocking, holding it while it is open: Qt's parent keeps
        the window, but only this reference keeps its Python half (its fields and `save`)
        alive. Once closed it is let go here, on the GUI thread, not by a later garbage
        collection that may run on the worker."""
        self._dialog = dialog
        dialog.finished.connect(self._let_go)
        dialog.open()

    def _let_go(self) -> None:
        if self._dialog is not None:
            self._dialog.deleteLater()
            self._dialog = None

    def _saved(self, message: str) -> None:
        self.notice.show_info(message)
        self.refresh()

    # --- Exports ---------------------------------------------------------------------

    def _suggested(self, what: str, kind: str) -> str:
        name = common.safe_name(self.register.body_name if self.register else "body")
        return f"{what}-{name}-{self.today():%Y-%m-%d}.{kind}"

    def _save(self, caption: str, what: str, kind: str, build, write) -> None:
        path = common.ask_save_path(self, caption, self._suggested(what, kind), kind)
        if path is not None:
            common.save_in_background(self.notice, path, build, write, self._engine,
                                      self._body_id, self.today())

    def _register_pdf(self) -> None:
        self._save("Save the register of interests as PDF", "register-of-interests", "pdf",
                   interests.interests_register, interests_register_pdf)

    def _register_sheet(self, kind: str) -> None:
        if kind == "csv":
            write = lambda p, r: write_csv(p, interests_csv_table(r))  # noqa: E731
        else:
            write = lambda p, r: write_xlsx(p, interests_tables(r))  # noqa: E731
        self._save(f"Save the register of interests as {kind.upper()}",
                   "register-of-interests", kind, interests.interests_register, write)

    def _membership_pdf(self) -> None:
        self._save("Save the membership list as PDF", "membership-list", "pdf",
                   reports.membership_list, membership_list_pdf)

    def _membership_sheet(self, kind: str) -> None:
        if kind == "csv":
            write = lambda p, m: write_csv(p, membership_table(m))  # noqa: E731
        else:
            write = lambda p, m: write_xlsx(p, [membership_table(m)])  # noqa: E731
        self._save(f"Save the membership list as {kind.upper()}", "membership-list", kind,
                   reports.membership_list, write)

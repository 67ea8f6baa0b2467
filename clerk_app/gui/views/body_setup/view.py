"""A body's set-up: membership and vacancies, offices, constitution, register of interests.

Everything shown comes from `body_setup.body_setup` as plain rows, read afresh after each
change; every change is one service call made by a dialog (dialogs.py).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app import clock
from clerk_app.gui import theme
from clerk_app.gui.views.body_setup import parts
from clerk_app.gui.views.body_setup.design import DesignControls
from clerk_app.gui.views.body_setup.dialogs import (
    AddMemberDialog,
    AddPersonDialog,
    AppointOfficeDialog,
    EndMembershipDialog,
    InterestDialog,
    NamedSubstituteDialog,
    SettingDialog,
)
from clerk_app.gui.views.body_setup.parts import ROW
from clerk_app.gui.widgets import announce
from clerk_app.gui.widgets.fitting import MessageLabel
from clerk_app.gui.widgets.form_dialog import FormDialog
from clerk_app.services import body_setup, constitution
from clerk_app.services.body_setup import BodySetup, CategoryRow, SeatRow
from clerk_app.services.errors import ClerkError

ASSUMED = "Assumed — please confirm"


def _day(day: date | None) -> str:
    return f"{day:%d %b %Y}".lstrip("0") if day else ""


def _seats_words(cat: CategoryRow) -> str:
    """ "4 of 5 seats filled, 1 vacant"; a single seat is just "filled" or "vacant"."""
    if cat.seats == 1 and cat.filled <= 1:
        words = "1 seat, filled" if cat.filled else "1 seat, vacant"
    else:
        words = f"{cat.filled} of {cat.seats} seats filled"
        if cat.vacancies:
            words += f", {cat.vacancies} vacant"
    return words + ("" if cat.voting else " (no vote)")


def _assumed_notice(name: str) -> QLabel:
    notice = QLabel(objectName="assumedNotice")
    notice.setWordWrap(True)
    notice.setTextFormat(Qt.TextFormat.PlainText)
    notice.setAccessibleName(name)
    return notice


def _show_assumed(notice: QLabel, waiting: int, noun: str, endings: tuple[str, str],
                  button: str) -> None:
    """Say how many seat categories or offices are assumed, and how the clerk confirms
    them: saving one from its change dialog (the same as for a setting they change)."""
    notice.setVisible(bool(waiting))
    are = endings[0] if waiting == 1 else endings[1]
    notice.setText(
        f"{waiting} {noun}{are} assumed because the constitution is silent. Check each "
        f"one marked “{ASSUMED}”: open it with {button} and save it to confirm it, "
        "changed or as it stands.")


class BodySetupView(DesignControls, QWidget):
    """The set-up of one body, in five tabs; the body's design can change in three of them
    (design.py).

    Signals:
        changed(str): a change was saved; the text says what (for the status bar).
    """

    changed = Signal(str)

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self.setup: BodySetup | None = None
        self.dialog: FormDialog | None = None  # the dialog open now, if any

        # Message labels: a 5,000-character name without a space cannot widen the window.
        self.heading = MessageLabel(objectName="pageHeading")
        self.heading.setFont(theme.scaled_font(self.font(), 1.35, bold=True))
        self.subheading = MessageLabel(objectName="pageSubheading")
        self.message = MessageLabel(objectName="errorMessage")
        self.message.hide()

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Body set-up")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._membership_tab(), theme.icon("users"), "Mem&bership")
        self.tabs.addTab(self._offices_tab(), theme.icon("award"), "&Offices")
        self.tabs.addTab(self._constitution_tab(), theme.icon("scroll-text"), "Co&nstitution")
        self.tabs.addTab(self._interests_tab(), theme.icon("scale"), "Register of &interests")
        self.tabs.addTab(self._groups_tab(), theme.icon("users"), "&Quorum groups")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

    # --- tabs ---------------------------------------------------------------------------

    def _membership_tab(self) -> QWidget:
        page = QWidget()
        self.members = parts.tree("Membership by category and seat",
                             ["Seat", "Member", "Agency", "Vote", "Named substitute", "Since"])
        self.add_person_button = parts.button("Add &person…", "user-plus")
        self.add_member_button = parts.button("&Add member…", "user-check")
        self.substitute_button = parts.button("Named &substitute…", "user-cog",
                                         "Set the named substitute")
        self.end_button = parts.button("&End membership…", "user-minus")
        self.categories_notice = _assumed_notice("Assumed seat categories")
        layout = QVBoxLayout(page)
        layout.addWidget(self.categories_notice)
        layout.addWidget(self.members, 1)
        layout.addLayout(parts.buttons(self.add_person_button, self.add_member_button,
                                       self.substitute_button, self.end_button))
        layout.addLayout(self._category_buttons())
        self.add_person_button.clicked.connect(
            lambda: self._open(AddPersonDialog(self._engine, self)))
        self.add_member_button.clicked.connect(self._add_member)
        self.substitute_button.clicked.connect(self._named_substitute)
        self.end_button.clicked.connect(self._end_membership)
        self.members.currentItemChanged.connect(self._member_selected)
        self.members.itemActivated.connect(self._member_activated)
        return page

    def _offices_tab(self) -> QWidget:
        page = QWidget()
        self.offices = parts.tree("Offices and their holders",
                             ["Office", "Held by", "From", "Until", "Term", "Who may hold it"])
        self.office_detail = QLabel()
        self.office_detail.setWordWrap(True)
        self.office_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.office_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.office_detail.setAccessibleName("Who may hold the selected office")
        self.appoint_button = parts.button("A&ppoint…", "award", "Appoint to an office")
        self.offices_notice = _assumed_notice("Assumed offices")
        layout = QVBoxLayout(page)
        layout.addWidget(self.offices_notice)
        layout.addWidget(self.offices, 1)
        layout.addWidget(self.office_detail)
        layout.addLayout(parts.buttons(self.appoint_button, *self._office_buttons()))
        self.appoint_button.clicked.connect(self._appoint)
        self.offices.itemActivated.connect(lambda *_: self._appoint())
        self.offices.currentItemChanged.connect(self._office_selected)
        return page

    def _constitution_tab(self) -> QWidget:
        page = QWidget()
        self.assumed_notice = QLabel(objectName="assumedNotice")
        self.assumed_notice.setWordWrap(True)
        self.settings = parts.tree("Constitution settings",
                                   ["Setting", "Status", "Value", "Source"], nested=False)
        self.setting_detail = QLabel()
        self.setting_detail.setWordWrap(True)
        self.setting_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.setting_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setting_detail.setAccessibleName("About the selected setting")
        self.confirm_button = parts.button("&Confirm as it stands", "badge-check",
                                      "Confirm the selected setting as it stands")
        self.change_button = parts.button("Chan&ge…", "pencil", "Change the selected setting")
        layout = QVBoxLayout(page)
        layout.addWidget(self.assumed_notice)
        layout.addWidget(self.settings, 1)
        layout.addWidget(self.setting_detail)
        layout.addLayout(parts.buttons(self.confirm_button, self.change_button))
        self.confirm_button.clicked.connect(self._confirm)
        self.change_button.clicked.connect(self._change)
        self.settings.currentItemChanged.connect(self._setting_selected)
        self.settings.itemActivated.connect(lambda *_: self._change())
        return page

    def _interests_tab(self) -> QWidget:
        page = QWidget()
        self.interests = parts.tree("Standing register of interests",
                               ["Member", "Interest", "Kind", "From"], nested=False)
        self.interest_button = parts.button("Re&gister interest…", "plus",
                                       "Register an interest")
        layout = QVBoxLayout(page)
        layout.addWidget(self.interests, 1)
        layout.addLayout(parts.buttons(self.interest_button))
        self.interest_button.clicked.connect(
            lambda: self._open(InterestDialog(self._engine, self.setup, self)))
        return page

    # --- showing ------------------------------------------------------------------------

    @property
    def body_id(self) -> int | None:
        return self.setup.body_id if self.setup else None

    def show_body(self, body_id: int) -> None:
        self.message.hide()
        self.setup = body_setup.body_setup(self._engine, body_id)
        self._fill()

    def refresh(self) -> None:
        if self.setup is not None:
            self.show_body(self.setup.body_id)

    def _fill(self) -> None:
        setup = self.setup
        self.heading.setText(setup.name)
        vacancies = {0: "no vacancies", 1: "1 vacancy"}.get(setup.vacancies,
                                                              f"{setup.vacancies} vacancies")
        filled = setup.seats - setup.vacancies
        source = f" · {setup.description}" if setup.description else ""
        self.subheading.setText(f"{filled} of {setup.seats} seats filled, {vacancies}{source}")
        self._fill_members()
        self._fill_offices()
        self._fill_settings()
        self._fill_interests()
        self._fill_groups()

    def _keep_current(self, tree: QTreeWidget, fill) -> None:
        """Refill a tree and put the cursor back on the same row, for keyboard users."""
        current = tree.currentItem()
        where = (tree.indexOfTopLevelItem(current.parent() or current),
                 current.parent().indexOfChild(current) if current and current.parent() else -1
                 ) if current else None
        tree.clear()
        fill()
        if where is not None and where[0] < tree.topLevelItemCount():
            top = tree.topLevelItem(where[0])
            child = top.child(where[1]) if 0 <= where[1] < top.childCount() else None
            tree.setCurrentItem(child or top)
        elif tree.topLevelItemCount():
            tree.setCurrentItem(tree.topLevelItem(0))

    def _fill_members(self) -> None:
        def fill() -> None:
            italic = QFont(self.members.font())
            italic.setItalic(True)
            tops = []
            for cat in self.setup.categories:
                mark = f" — {ASSUMED}" if cat.assumed else ""
                top = QTreeWidgetItem([f"{cat.name}: {_seats_words(cat)}{mark}"])
                top.setFont(0, theme.scaled_font(self.members.font(), 1.0, bold=True))
                top.setToolTip(0, "\n".join(x for x in (cat.notes, cat.source, mark[3:])
                                            if x))
                if cat.assumed:
                    top.setIcon(0, theme.icon("triangle-alert"))
                top.setData(0, ROW, cat)
                self.members.addTopLevelItem(top)
                tops.append(top)
                for seat in cat.seat_rows:
                    if seat.vacant:
                        item = QTreeWidgetItem([seat.label or "Seat", "Vacant"])
                        item.setFont(1, italic)
                        item.setIcon(1, theme.icon("circle-alert"))
                    else:
                        vote = "Votes" if seat.voting else "No vote"
                        item = QTreeWidgetItem([seat.label, seat.name, seat.agency, vote,
                                                seat.named_substitute, _day(seat.start_date)])
                    item.setToolTip(0, seat.label)
                    item.setData(0, ROW, seat)
                    top.addChild(item)
                top.setExpanded(True)
            # Spanning lays the tree out at once: once for all the categories, not once
            # for each as it grows (a body switch took 30 ms longer).
            for top in tops:
                top.setFirstColumnSpanned(True)

        self._keep_current(self.members, fill)
        parts.fit(self.members, {0: 260, 1: 240, 2: 240})
        _show_assumed(self.categories_notice, sum(c.assumed for c in self.setup.categories),
                      "seat categor", ("y is", "ies are"), "Change category…")
        self._member_selected()

    def _fill_offices(self) -> None:
        def fill() -> None:
            for office in self.setup.offices:
                term = f"{office.term_months} months" if office.term_months else "Not stated"
                holder = office.holder
                rules = "; ".join(office.eligibility)
                source = f" ({office.source})" if office.source else ""
                item = QTreeWidgetItem([
                    f"{office.name} — {ASSUMED}" if office.assumed else office.name,
                    holder.name if holder else "Vacant",
                    _day(holder.start_date) if holder else "",
                    _day(holder.end_date) if holder else "", term, rules + source])
                item.setToolTip(5, rules + source)
                if office.assumed:
                    item.setIcon(0, theme.icon("triangle-alert"))
                    item.setToolTip(0, f"{office.name}: {ASSUMED}")
                item.setData(0, ROW, office)
                self.offices.addTopLevelItem(item)
                for past in office.past_terms:
                    child = QTreeWidgetItem(["Previously", past.name, _day(past.start_date),
                                             _day(past.end_date)])
                    child.setData(0, ROW, office)
                    item.addChild(child)

        self._keep_current(self.offices, fill)
        parts.fit(self.offices, {1: 240, 4: 120})
        _show_assumed(self.offices_notice, sum(o.assumed for o in self.setup.offices),
                      "office", (" is", "s are"), "Change office…")
        self._office_selected()

    def _fill_settings(self) -> None:
        def fill() -> None:
            for setting in self.setup.settings:
                if setting.needs_confirming:
                    status = ASSUMED
                elif setting.confirmed_at is not None:
                    status = f"Confirmed {clock.local(setting.confirmed_at):%d %b %Y}"
                else:
                    status = "From the constitution"
                item = QTreeWidgetItem([setting.label, status, setting.text,
                                        setting.source or "Not stated"])
                if setting.needs_confirming:
                    item.setIcon(1, theme.icon("triangle-alert"))
                    item.setFont(1, theme.scaled_font(self.settings.font(), 1.0, bold=True))
                for column, text in enumerate((setting.label, status, setting.text,
                                               setting.source)):
                    item.setToolTip(column, text)
                item.setData(0, ROW, setting)
                self.settings.addTopLevelItem(item)

        self._keep_current(self.settings, fill)
        parts.fit(self.settings, {0: 330, 2: 340})
        waiting = sum(s.needs_confirming for s in self.setup.settings)
        self.assumed_notice.setVisible(bool(waiting))
        self.assumed_notice.setText(
            f"{waiting} setting{'s are' if waiting != 1 else ' is'} assumed because the "
            "constitution is silent. Check each one marked “Assumed — please confirm”, then "
            "confirm it as it stands or change it.")
        self._setting_selected()

    def _fill_interests(self) -> None:
        def fill() -> None:
            for interest in self.setup.interests:
                item = QTreeWidgetItem([interest.name, interest.description,
                                        interest.kind.label, _day(interest.from_date)])
                item.setToolTip(1, interest.description)
                self.interests.addTopLevelItem(item)
            if not self.setup.interests:
                item = QTreeWidgetItem(["No interests registered yet."])
                self.interests.addTopLevelItem(item)
                item.setFirstColumnSpanned(True)

        self._keep_current(self.interests, fill)
        parts.fit(self.interests, {0: 260, 1: 420})

    # --- selection ----------------------------------------------------------------------

    def _current(self, tree: QTreeWidget):
        item = tree.currentItem()
        return item.data(0, ROW) if item else None

    def _member_selected(self, *_args) -> None:
        row = self._current(self.members)
        is_member = isinstance(row, SeatRow) and not row.vacant
        self.substitute_button.setEnabled(is_member)
        self.end_button.setEnabled(is_member)
        self._category_selected()

    def _member_activated(self, *_args) -> None:
        row = self._current(self.members)
        if isinstance(row, SeatRow) and not row.vacant:
            self._named_substitute()
        else:
            self._add_member()

    def _office_selected(self, *_args) -> None:
        office = self._current(self.offices)
        if office is None:
            self.office_detail.setText("")
            return
        source = f" ({office.source})" if office.source else ""
        rules = "\n".join(f"• {rule}" for rule in office.eligibility)
        mark = (f"{office.name}: {ASSUMED}. The constitution does not give this office "
                "as it stands; change it if it says otherwise, and save to confirm it.\n"
                if office.assumed else "")
        self.office_detail.setText(f"{mark}Who may be {office.name}{source}:\n{rules}")

    def _setting_selected(self, *_args) -> None:
        setting = self._current(self.settings)
        self.confirm_button.setEnabled(bool(setting and setting.needs_confirming))
        self.change_button.setEnabled(setting is not None)
        if setting is None:
            self.setting_detail.setText("")
            return
        source = setting.source or "The constitution does not say."
        lines = [f"{setting.label}: {setting.text}", f"Source: {source}"]
        if setting.note:
            lines.append(setting.note)
        self.setting_detail.setText("\n".join(lines))

    # --- actions ------------------------------------------------------------------------

    def _open(self, dialog: FormDialog) -> None:
        """Open a dialog without blocking; refresh and report when it saves."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.open()

    def _saved(self, text: str) -> None:
        self.refresh()
        self.changed.emit(text)

    def _add_member(self) -> None:
        row = self._current(self.members)
        category = getattr(row, "category_key", None) or getattr(row, "key", None)
        seat = row.label if isinstance(row, SeatRow) and row.vacant else ""
        self._open(AddMemberDialog(self._engine, self.setup, category, seat, self))

    def _named_substitute(self) -> None:
        row = self._current(self.members)
        if isinstance(row, SeatRow) and not row.vacant:
            self._open(NamedSubstituteDialog(self._engine, self.setup, row, self))

    def _end_membership(self) -> None:
        row = self._current(self.members)
        if isinstance(row, SeatRow) and not row.vacant:
            category = self.setup.category(row.category_key).name
            self._open(EndMembershipDialog(self._engine, row, category, self))

    def _appoint(self) -> None:
        office = self._current(self.offices)
        self._open(AppointOfficeDialog(self._engine, self.setup,
                                       office.key if office else None, self))

    def _change(self) -> None:
        setting = self._current(self.settings)
        if setting is not None:
            self._open(SettingDialog(self._engine, self.setup.body_id, setting, self))

    def _confirm(self) -> None:
        setting = self._current(self.settings)
        if setting is None or not setting.needs_confirming:
            return
        try:
            constitution.confirm_setting(self._engine, self.setup.body_id, setting.key)
        except ClerkError as error:
            self.message.show()
            announce.show_text(self.message, error.message, "Message", say=True, urgent=True)
            return
        self._saved(f"Setting confirmed: {setting.label}.")

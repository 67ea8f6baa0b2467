"""The body set-up's dialogs: each one form, one recording action (services/membership.py,
services/constitution.py, services/interests.py, services/presets.py).

The rules are the services' business: a refused action (a full category, an ineligible
office holder) comes back as a `ClerkError` and is shown in the dialog with its rule.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from sqlalchemy.engine import Engine

from clerk_app.gui import theme
from clerk_app.gui.views.body_setup.quorum_editor import quorum_editor
from clerk_app.gui.widgets.form_dialog import FormDialog, date_edit, date_of, select_data
from clerk_app.gui.widgets.organisation_field import OrganisationField
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind
from clerk_app.rules.vocabulary import InterestEffect, InterestKind, SettingKey
from clerk_app.services import constitution, interests, membership, organisations
from clerk_app.services.body_setup import BodySetup, PersonRow, SeatRow
from clerk_app.services.constitution import (
    EFFECT_RULE_WORDS,
    NO_DEPUTY_LIMIT,
    SETTING_CHOICES,
    SettingRow,
    known_setting,
)
from clerk_app.services.errors import ClerkError


def _person_label(person: PersonRow) -> str:
    return f"{person.name} — {person.agency}" if person.agency.strip() else person.name


def _people_combo(people, exclude: set[int] = frozenset(), none_text: str = "") -> QComboBox:
    combo = QComboBox()
    if none_text:
        combo.addItem(none_text, None)
    for person in people:
        if person.person_id not in exclude:
            combo.addItem(_person_label(person), person.person_id)
    return combo


class AddPersonDialog(FormDialog):
    """A person in the record: a member, a named substitute, an officer.

    Names are kept exactly as typed (accents, apostrophes, right-to-left scripts).
    """

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__("Add a person", "Add person", parent,
                         "Add someone to the record. You can then give them a seat, name them "
                         "as a substitute, or appoint them to an office.")
        self._engine = engine
        self.person_id: int | None = None
        self.name = self.add_row("&Name:", limited(QLineEdit(), TextKind.NAME))
        self.agency = self.add_row("&Agency:", OrganisationField(engine, "Agency"),
                                   "The organisation they represent on the board")
        self.employer = self.add_row(
            "&Employer:", OrganisationField(engine, "Employer", "The same as their agency"),
            "Who employs them, if not their agency (some offices exclude an employer's "
            "staff)")
        self.role = self.add_row("&Role or title:", limited(QLineEdit(), TextKind.NAME))

    def save(self) -> str:
        self.person_id = membership.add_person(
            self._engine, self.name.text(), role_title=self.role.text(),
            agency_id=self.agency.value(), employer_id=self.employer.value())
        return f"Added {self.name.text()} to the record."

    @property
    def agency_name(self) -> str:
        """The agency chosen, by its name (as the lists of people show it)."""
        found = organisations.find_by_id(self._engine, self.agency.value())
        return found.name if found else ""


class _WithNewPerson:
    """A "New person…" button beside a people list, which selects the person added.

    `names` holds everyone the dialog can choose, by id, so a saved dialog says who it
    was about without reading the list's own wording back.
    """

    names: dict[int, str]

    def _know(self, people) -> None:
        self.names = {person.person_id: person.name for person in people}

    def _people_field(self, combo: QComboBox) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(combo, 1)
        button = QPushButton(theme.icon("user-plus"), "New person…")
        button.setAccessibleName(f"New person for {combo.accessibleName() or 'this list'}")
        button.clicked.connect(lambda: self._new_person(combo))
        layout.addWidget(button)
        return row

    def _new_person(self, combo: QComboBox) -> None:
        dialog = AddPersonDialog(self._engine, self)
        self.person_dialog = dialog

        def added(_text: str) -> None:
            person = PersonRow(dialog.person_id, dialog.name.text(), dialog.agency_name)
            self.names[person.person_id] = person.name
            combo.addItem(_person_label(person), person.person_id)
            select_data(combo, person.person_id)
            combo.setFocus()

        dialog.saved.connect(added)
        dialog.open()


class AddMemberDialog(_WithNewPerson, FormDialog):
    """Seat a person in a category; refused when its seats are all filled."""

    def __init__(self, engine: Engine, setup: BodySetup, category_key: str | None = None,
                 seat_label: str = "", parent: QWidget | None = None) -> None:
        super().__init__("Add a member", "Add member", parent)
        self._engine = engine
        self._setup = setup
        self._know(setup.people)
        self.category = QComboBox()
        for cat in setup.categories:
            vacancies = f"{cat.vacancies} vacant" if cat.vacancies else "all seats filled"
            self.category.addItem(f"{cat.name} ({vacancies})", cat.key)
        self.add_row("&Category:", self.category)
        self.seat = QComboBox()
        self.seat.setEditable(True)
        self.add_row("&Seat:", self.seat, "The seat's name, if the constitution names it")
        self.person = QComboBox()
        self.person.setAccessibleName("Person")
        caption = QLabel("&Person:")
        caption.setBuddy(self.person)
        self.form.addRow(caption, self._people_field(self.person))
        self.substitute = QComboBox()
        self.substitute.setAccessibleName("Named substitute")
        caption = QLabel("Named s&ubstitute:")
        caption.setBuddy(self.substitute)
        self.form.addRow(caption, self._people_field(self.substitute))
        self.voting = self.add_row("&Vote:", QComboBox())
        self.since = self.add_row("Member si&nce:", date_edit())
        self.signed = QCheckBox("Partner Agency Agreement si&gned on")
        self.signed.setAccessibleName("Partner Agency Agreement signed")
        self.signed_on = date_edit()
        self.signed_on.setAccessibleName("Date the Partner Agency Agreement was signed")
        self.signed_on.setEnabled(False)
        self.signed.toggled.connect(self.signed_on.setEnabled)
        self.form.addRow(self.signed, self.signed_on)
        for person in setup.people:
            self.person.addItem(_person_label(person), person.person_id)
        self.substitute.addItem("No named substitute", None)
        for person in setup.people:
            self.substitute.addItem(_person_label(person), person.person_id)
        self.category.currentIndexChanged.connect(self._category_changed)
        if category_key:
            select_data(self.category, category_key)
        self._category_changed()
        if seat_label:
            self.seat.setCurrentText(seat_label)

    def _category_changed(self) -> None:
        cat = self._setup.category(self.category.currentData())
        self.seat.clear()
        self.seat.addItems([s.label for s in cat.seat_rows if s.vacant and s.label])
        self.voting.clear()
        self.voting.addItem(f"As the category ({'votes' if cat.voting else 'no vote'})", None)
        self.voting.addItem("Votes", True)
        self.voting.addItem("Does not vote", False)

    def save(self) -> str:
        name = self.names[self.person.currentData()]
        membership.add_member(
            self._engine, self._setup.body_id, self.person.currentData(),
            self.category.currentData(), named_substitute_id=self.substitute.currentData(),
            seat_label=self.seat.currentText().strip(), voting=self.voting.currentData(),
            start_date=date_of(self.since),
            agreement_signed_on=date_of(self.signed_on) if self.signed.isChecked() else None,
        )
        category = self._setup.category(self.category.currentData()).name
        return f"Added {name} to {category}."

    def accept(self) -> None:
        if self.person.currentData() is None:
            self.show_error("Choose the person to seat, or add a new person first.")
            return
        super().accept()


class NamedSubstituteDialog(_WithNewPerson, FormDialog):
    """Name the person who may attend in the member's place (002 §4.2; 000 item 10)."""

    def __init__(self, engine: Engine, setup: BodySetup, seat: SeatRow,
                 parent: QWidget | None = None) -> None:
        super().__init__("Named substitute", "Save", parent,
                         f"Who may attend in place of {seat.name} when they cannot come?")
        self._engine = engine
        self._seat = seat
        self._know(setup.people)
        self.substitute = _people_combo(setup.people, {seat.person_id}, "No named substitute")
        self.substitute.setAccessibleName("Named substitute")
        caption = QLabel("Named s&ubstitute:")
        caption.setBuddy(self.substitute)
        self.form.addRow(caption, self._people_field(self.substitute))
        select_data(self.substitute, seat.named_substitute_id)

    def save(self) -> str:
        membership.set_named_substitute(self._engine, self._seat.membership_id,
                                        self.substitute.currentData())
        if self.substitute.currentData() is None:
            return f"{self._seat.name} has no named substitute now."
        name = self.names[self.substitute.currentData()]
        return f"{name} is now {self._seat.name}'s named substitute."


class EndMembershipDialog(FormDialog):
    """A member leaves; the seat becomes vacant and past meetings keep their record."""

    def __init__(self, engine: Engine, seat: SeatRow, category_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__("End a membership", "End membership", parent,
                         f"{seat.name} will leave {category_name} and the seat will be vacant. "
                         "Past meetings keep their record.")
        self._engine = engine
        self._seat = seat
        self._category = category_name
        self.end = self.add_row("&Last day:", date_edit())

    def save(self) -> str:
        membership.end_membership(self._engine, self._seat.membership_id, date_of(self.end))
        return f"{self._seat.name} has left {self._category}."


class AppointOfficeDialog(FormDialog):
    """Fill an office; the constitution's eligibility rules decide (e.g. 000 §10.2-10.3)."""

    def __init__(self, engine: Engine, setup: BodySetup, office_key: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Appoint to an office", "Appoint", parent,
                         "Offices are held by members of the board. The constitution's rules "
                         "for each office are checked when you appoint.")
        self._engine = engine
        self._setup = setup
        self.office = self.add_row("&Office:", QComboBox())
        for office in setup.offices:
            self.office.addItem(office.name, office.key)
        if office_key:
            select_data(self.office, office_key)
        self.person = self.add_row("&Member:", QComboBox())
        for seat in sorted(setup.members, key=lambda s: s.name.casefold()):
            label = f"{seat.name} — {seat.agency}" if seat.agency.strip() else seat.name
            if self.person.findData(seat.person_id) < 0:
                self.person.addItem(label, seat.person_id)
        self.since = self.add_row("&From:", date_edit())
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.form.addRow("Rules:", self.rules)
        self.office.currentIndexChanged.connect(self._office_changed)
        self._office_changed()

    def _office_changed(self) -> None:
        office = next(o for o in self._setup.offices if o.key == self.office.currentData())
        source = f" ({office.source})" if office.source else ""
        self.rules.setText("; ".join(office.eligibility) + source)
        self.rules.setAccessibleName(f"Rules for the {office.name}")

    def save(self) -> str:
        if self.person.currentData() is None:
            raise ClerkError("The body has no members yet: add members before appointing.")
        membership.appoint_office(self._engine, self._setup.body_id, self.office.currentData(),
                                  self.person.currentData(), start_date=date_of(self.since))
        name = self._setup.person(self.person.currentData()).name
        return f"{name} appointed {self.office.currentText()}."


class InterestDialog(FormDialog):
    """An entry in the standing register of interests (DOMAIN.md §4)."""

    def __init__(self, engine: Engine, setup: BodySetup, parent: QWidget | None = None) -> None:
        super().__init__("Register an interest", "Register interest", parent,
                         "When an agenda item mentions a registered interest, the clerk is "
                         "prompted that a declaration may be due.")
        self._engine = engine
        self._setup = setup
        self.person = self.add_row("&Member:", QComboBox())
        seated = {s.person_id for s in setup.members}
        for person in setup.people:
            if person.person_id in seated:
                self.person.addItem(_person_label(person), person.person_id)
        for person in setup.people:  # substitutes and others after the members
            if person.person_id not in seated:
                self.person.addItem(_person_label(person), person.person_id)
        self.description = self.add_row("&Interest:", limited(QLineEdit(), TextKind.TEXT),
                                        "E.g. an organisation, a directorship, a contract")
        self.kind = self.add_row("&Kind:", QComboBox())
        for words, kind in InterestKind.choices():
            self.kind.addItem(words, kind)
        self.since = self.add_row("&From:", date_edit())

    def save(self) -> str:
        if self.person.currentData() is None:
            raise ClerkError("There is nobody in the record yet: add a person first.")
        interests.register_interest(self._engine, self._setup.body_id,
                                    self.person.currentData(), self.description.text(),
                                    self.kind.currentData(), date_of(self.since))
        name = self._setup.person(self.person.currentData()).name
        return f"Interest registered for {name}."


class SettingDialog(FormDialog):
    """Change one constitutional setting; the rules read it back before it is kept."""

    def __init__(self, engine: Engine, body_id: int, setting: SettingRow,
                 parent: QWidget | None = None) -> None:
        intro = setting.note or "Change the setting to what the body's constitution says."
        super().__init__(f"Change: {setting.label}", "Save setting", parent, intro)
        self._engine = engine
        self._body_id = body_id
        self._setting = setting
        self._read = self._editor(setting.key, setting.value)
        self.source = self.add_row("&Where this comes from:", QLineEdit(
            "" if setting.assumed else setting.source),
            "The section of the constitution, or the body's decision")

    def _editor(self, key: str, value: Any):
        """Fields for the value; returns a function that reads the new value back."""
        setting = known_setting(key)
        if setting in SETTING_CHOICES:
            return self._combo(list(SETTING_CHOICES[setting].items()), value)
        if isinstance(value, bool):
            return self._combo([(True, "Yes"), (False, "No")], value)
        if setting is SettingKey.ATTENDANCE_YEAR_START_MONTH:  # a month, chosen by its name
            return self._combo([(month, constitution.describe_setting(key, month))
                                for month in range(1, 13)], value)
        if isinstance(value, int):
            spin = self.add_row("&Value:", QSpinBox())
            limit = setting is SettingKey.DEPUTY_LIMIT_PER_YEAR
            spin.setRange(NO_DEPUTY_LIMIT if limit else 0, 365)
            if limit:
                spin.setSpecialValueText("No limit")
            spin.setValue(value)
            return spin.value
        if setting is SettingKey.DECLARATION_EFFECTS and isinstance(value, dict):
            return self._effects_editor(value)
        if setting is SettingKey.QUORUM and isinstance(value, dict):
            return quorum_editor(self, value)
        if setting is SettingKey.ATTENDANCE_THRESHOLD:
            edit = self.add_row("&Fraction of meetings:", QLineEdit(str(value)),
                                "As a fraction, e.g. 3/4 or 7/10")
            return edit.text
        if isinstance(value, str):
            edit = self.add_row("&Value:", QLineEdit(value))
            return edit.text
        shown = QLabel(constitution.describe_setting(key, value))
        shown.setWordWrap(True)
        self.form.addRow("Value:", shown)
        self.ok_button.setEnabled(False)
        return lambda: value

    def _combo(self, choices: list[tuple[Any, str]], value: Any):
        combo = self.add_row("&Value:", QComboBox())
        for choice, words in choices:
            combo.addItem(words, choice)
        select_data(combo, value)
        return combo.currentData

    def _effects_editor(self, value: dict[str, str]):
        combos = {}
        for words, kind in InterestKind.choices():
            combo = self.add_row(f"{words}:", QComboBox())
            for effect, effect_words in EFFECT_RULE_WORDS.items():
                combo.addItem(effect_words, effect.value)
            select_data(combo, value.get(kind, InterestEffect.PARTICIPATES.value))
            combos[kind.value] = combo
        return lambda: {kind: combo.currentData() for kind, combo in combos.items()}

    def save(self) -> str:
        constitution.change_setting(self._engine, self._body_id, self._setting.key,
                                    self._read(), self.source.text().strip())
        return f"Setting changed: {self._setting.label}."

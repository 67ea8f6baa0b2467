"""The guided set-up's quorum page: the rule in any form the rules support, with a live
preview that asks the rules themselves (rules/quorum.py) whether a room would be quorate.

The forms (DOMAIN.md §3): a head count; a fraction of voting seats with a floor; a
number of the quorum groups; the groups that must be present (set on the groups page);
every form in use must hold.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from clerk_app.gui.views.body_setup.setup_fields import SettingsPage, plain_label, yes_no
from clerk_app.rules.quorum import QuorumRule, evaluate_quorum
from clerk_app.rules.roster import Attendee
from clerk_app.rules.vocabulary import Capacity, SettingKey
from clerk_app.services.body_draft import CHAIR, VICE_CHAIR


class QuorumPage(SettingsPage):
    """The quorum rule, and "with these people present: quorate / not, because…"."""

    def __init__(self) -> None:
        super().__init__("Quorum", "How many must be present for the meeting to decide. If "
                         "your terms of reference give no quorum, the offered rule (one "
                         "third of the voting seats, not fewer than 3) stays marked assumed "
                         "until you confirm it.")
        self.base: dict[str, Any] = {}
        self.head = QSpinBox()
        self.head.setRange(0, 500)
        self.head.setSpecialValueText("Not used")
        self.fraction = QLineEdit()
        self.fraction.setPlaceholderText("e.g. 1/3; empty if not used")
        self.floor = QSpinBox()
        self.floor.setRange(0, 500)
        self.vacancies = QCheckBox("Vacant voting seats count in the base")
        self.needed = QSpinBox()
        self.needed.setSpecialValueText("Not used")
        rule = QWidget()
        form = QFormLayout(rule)
        form.setContentsMargins(0, 0, 0, 0)
        for label, field in (("&Head count, at least:", self.head),
                             ("Fraction of &voting seats:", self.fraction),
                             ("Not fewer than:", self.floor),
                             ("Quorum groups needed:", self.needed)):
            field.setAccessibleName(label.replace("&", "").rstrip(":"))
            caption = QLabel(label)
            caption.setBuddy(field)
            form.addRow(caption, field)
        self.vacancies.setAccessibleName(self.vacancies.text())
        form.insertRow(3, "", self.vacancies)
        self.add_setting(SettingKey.QUORUM, "Quorum rule:", rule, self._read, self._write,
                         "Every part in use must hold. Head count: at least so many voting "
                         "members present. Fraction: of all voting seats, rounded up, not "
                         "fewer than the floor. Groups: at least so many of the quorum "
                         "groups have someone present (groups that must always be present "
                         "are set on the previous page).")
        box, read, write = yes_no("Yes: a Chair who is also a headteacher fills both "
                                  "'Chair or Vice-Chair' and 'Education'")
        self.add_setting(SettingKey.QUORUM_PERSON_FILLS_EVERY_GROUP,
                         SettingKey.QUORUM_PERSON_FILLS_EVERY_GROUP.label + ":", box, read,
                         write, "Only matters when the rule counts groups.")
        box, read, write = yes_no("Yes: a substitute for the Chair fills 'Chair or "
                                  "Vice-Chair'")
        self.add_setting(SettingKey.QUORUM_SUBSTITUTE_FILLS_OFFICE,
                         SettingKey.QUORUM_SUBSTITUTE_FILLS_OFFICE.label + ":", box, read,
                         write, "Usually not: a substitute takes the member's seat, never "
                                "the member's office.")
        self._preview_fields()

    def _preview_fields(self) -> None:
        self.form.addRow(plain_label("Try it: with these people present…", "heading"))
        self.present = QWidget()
        self.present_form = QFormLayout(self.present)
        self.present_form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.present)
        self.chair_in = QCheckBox("One of them is the Chair")
        self.vice_in = QCheckBox("Another is the Vice-Chair")
        self.form.addRow("", self.chair_in)
        self.form.addRow("", self.vice_in)
        self.verdict = plain_label("", "quorumVerdict")
        self.verdict.setAccessibleName("Quorum preview")
        self.verdict.setFrameShape(QLabel.Shape.StyledPanel)
        self.verdict.setMargin(6)
        self.layout().insertWidget(1, self.verdict)  # in sight while the form scrolls
        self.spins: dict[str, QSpinBox] = {}
        for signal in (self.head.valueChanged, self.floor.valueChanged,
                       self.needed.valueChanged, self.fraction.textChanged,
                       self.vacancies.toggled, self.chair_in.toggled, self.vice_in.toggled):
            signal.connect(self.preview)

    def _write(self, value: dict[str, Any]) -> None:
        self.base = dict(value)
        self.needed.setRange(0, len(value.get("groups", [])))
        self.head.setValue(value.get("head_count", 0))
        self.fraction.setText(value.get("fraction", "") or "")
        self.floor.setValue(value.get("fraction_floor", 0))
        self.vacancies.setChecked(value.get("vacancies_in_base", True))
        self.needed.setValue(value.get("groups_needed", 0))

    def _read(self) -> dict[str, Any]:
        return dict(self.base, head_count=self.head.value(),
                    fraction=self.fraction.text().strip(), fraction_floor=self.floor.value(),
                    vacancies_in_base=self.vacancies.isChecked(),
                    groups_needed=self.needed.value())

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        super().initializePage()
        while self.present_form.rowCount():
            self.present_form.removeRow(0)
        self.spins = {}
        for category in self.draft["categories"]:
            spin = QSpinBox()
            spin.setRange(0, category["seats"])
            spin.setSuffix(f" of {category['seats']}")
            spin.setAccessibleName(f"Present from {category['name']}")
            spin.valueChanged.connect(self.preview)
            self.present_form.addRow(plain_label(category["name"]), spin)
            self.spins[category["key"]] = spin
        self.preview()

    def room(self) -> list[Attendee]:
        """Invented people, as many per category as the clerk set, for the rules to count."""
        attendees = []
        for category in self.draft["categories"]:
            for number in range(self.spins[category["key"]].value()):
                attendees.append(Attendee(
                    person_id=len(attendees) + 1, name=f"{category['name']} {number + 1}",
                    capacity=Capacity.MEMBER, category=category["key"],
                    category_name=category["name"], voting=category.get("voting", True)))
        offices = [office for office, box in ((CHAIR, self.chair_in), (VICE_CHAIR, self.vice_in))
                   if box.isChecked()]
        for index, office in enumerate(offices[:len(attendees)]):
            attendees[index] = _holding(attendees[index], office)
        return attendees

    def rule(self) -> QuorumRule:
        """The rule as the page shows it; ValueError if the rules cannot read it."""
        shown = {field.key: field.read for field in self.fields}
        return QuorumRule.from_setting(
            self._read(),
            person_fills_every_group=shown[SettingKey.QUORUM_PERSON_FILLS_EVERY_GROUP](),
            substitute_fills_office=shown[SettingKey.QUORUM_SUBSTITUTE_FILLS_OFFICE]())

    def preview(self) -> None:
        if not self.spins:
            return
        voting = sum(c["seats"] for c in self.draft["categories"] if c.get("voting", True))
        try:
            result = evaluate_quorum(self.rule(), self.room(), voting, voting)
        except ValueError as error:
            self.verdict.setText(f"The rule cannot be read yet: {error}.")
            return
        text = ("Quorate: " if result.quorate else "Not quorate, because ") + result.detail
        fills = (*result.groups, *result.required)
        filled = ", ".join(f.label for f in fills if f.filled) or "none"
        empty = ", ".join(f.label for f in fills if not f.filled) or "none"
        lines = [f"Groups filled: {filled}.", f"Not filled: {empty}."]
        self.verdict.setText("\n".join([text + ".", *(lines if fills else [])]))

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        try:
            self.rule()
        except ValueError as error:
            self.show_error(f"The quorum rule cannot be read: {error}. Correct it, e.g. "
                            "a fraction such as 1/3.")
            self.fraction.setFocus()
            return False
        self.clear_error()
        return super().validatePage()


def _holding(attendee: Attendee, office: str) -> Attendee:
    return replace(attendee, offices=frozenset({office}))

"""The guided set-up's pages of rules: offices, votes and declarations, substitutes and
attendance, deadlines and meetings, and the summary before Finish (DOMAIN.md §1, §4-§7, §9).
Each setting is explained in plain words; the words of its choices are the ones Body
set-up shows (services/constitution.py)."""

from __future__ import annotations

import calendar
import copy
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from clerk_app.gui.views.body_setup.setup_fields import (
    SET_BY_CLERK,
    CheckList,
    ScrollPage,
    SettingsPage,
    choice_combo,
    number,
    source_edit,
    yes_no,
)
from clerk_app.gui.widgets.form_dialog import select_data
from clerk_app.rules.fractions import parse_fraction
from clerk_app.rules.vocabulary import InterestEffect, InterestKind, SettingKey
from clerk_app.services.body_draft import CHAIR, VICE_CHAIR
from clerk_app.services.constitution import (
    EFFECT_RULE_WORDS,
    NO_DEPUTY_LIMIT,
    SETTING_CHOICES,
    describe_setting,
    setting_label,
)
from clerk_app.services.presets import readable_source


def _label(key: SettingKey, mnemonic: str = "") -> str:
    """The setting's own label, with an Alt+letter where the page gives it one."""
    text = key.label
    if mnemonic and mnemonic in text:
        text = text.replace(mnemonic, "&" + mnemonic, 1)
    return text + ":"


def _choices(key: SettingKey):
    return choice_combo(SETTING_CHOICES[key].items())


class OfficesPage(ScrollPage):
    """The Chair and the Vice-Chair, and who may hold them (DOMAIN.md §1 "Offices")."""

    def __init__(self) -> None:
        super().__init__("Chair and Vice-Chair", "Who chairs, and the rules for who may. "
                         "The application checks these when an office is filled.")
        self.chair_from = self.add_row("Chair's &eligible categories:", CheckList(),
                                       "Tick the categories the Chair must come from (e.g. "
                                       "the Director of Children's Services); none ticked: "
                                       "any member may chair.")
        self.chair_term = self.add_row("Chair's term:", number(0, 120, "No fixed term",
                                                               " months")[0])
        self.chair_source = source_edit("the Chair's rules")
        self.form.addRow("Source:", self.chair_source)
        self.has_vice = QCheckBox("&Include a Vice-Chair")
        self.has_vice.setAccessibleName("Include a Vice-Chair")
        self.form.addRow("", self.has_vice)
        self.vice_agency = QCheckBox("Not from the same agency as the Chair")
        self.vice_core = QCheckBox("Must be a member, not an observer")
        for box in (self.vice_agency, self.vice_core):
            box.setAccessibleName(f"Vice-Chair: {box.text()}")
            self.form.addRow("", box)
        self.vice_not_employed = self.add_row("Vice-Chair not employed by:", CheckList(),
                                              "Organisations whose staff may not be "
                                              "Vice-Chair (the agencies on the name page).")
        self.vice_term = self.add_row("Vice-Chair's term:", number(0, 120, "No fixed term",
                                                                   " months")[0])
        self.vice_source = source_edit("the Vice-Chair's rules")
        self.form.addRow("Source:", self.vice_source)
        self.shown: dict[str, dict[str, Any]] = {}

    def _office(self, key: str) -> dict[str, Any] | None:
        return next((o for o in self.draft["offices"] if o["key"] == key), None)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        chair = self._office(CHAIR) or {"key": CHAIR, "name": "Chair"}
        vice = self._office(VICE_CHAIR)
        self.shown = {CHAIR: copy.deepcopy(chair),
                      VICE_CHAIR: copy.deepcopy(vice or {"key": VICE_CHAIR,
                                                         "name": "Vice-Chair"})}
        categories = [(c["key"], c["name"]) for c in self.draft["categories"]]
        self.chair_from.set_choices(categories, chair.get("only_categories", []))
        self.chair_term.setValue(chair.get("term_months") or 0)
        self.has_vice.setChecked(vice is not None)
        vice = self.shown[VICE_CHAIR]
        self.vice_agency.setChecked(CHAIR in vice.get("not_same_agency_as", []))
        self.vice_core.setChecked(vice.get("core_member_only", False))
        names = [org["name"] for org in self.draft.get("organisations", [])]
        names += [n for n in vice.get("excluded_employers", []) if n not in names]
        self.vice_not_employed.set_choices(((n, n) for n in names),
                                           vice.get("excluded_employers", []))
        self.vice_term.setValue(vice.get("term_months") or 0)
        for edit, office in ((self.chair_source, chair), (self.vice_source, vice)):
            edit.setText("" if office.get("assumed") else readable_source(
                office.get("eligibility_source") or office.get("source", "")))
            edit.setProperty("shown", edit.text())

    def store(self) -> None:
        if not self.shown:
            return
        chair = dict(self.shown[CHAIR], only_categories=self.chair_from.ticked(),
                     term_months=self.chair_term.value() or None)
        vice = dict(self.shown[VICE_CHAIR],
                    not_same_agency_as=[CHAIR] if self.vice_agency.isChecked() else [],
                    core_member_only=self.vice_core.isChecked(),
                    excluded_employers=self.vice_not_employed.ticked(),
                    term_months=self.vice_term.value() or None)
        chair = _sourced(chair, self.shown[CHAIR], self.chair_source)
        vice = _sourced(vice, self.shown[VICE_CHAIR], self.vice_source)
        others = [o for o in self.draft["offices"] if o["key"] not in (CHAIR, VICE_CHAIR)]
        self.draft["offices"] = [chair, *([vice] if self.has_vice.isChecked() else []),
                                 *others]
        self.wizard().forget_missing()


OFFICE_RULES = ("only_categories", "not_same_agency_as", "core_member_only",
                "excluded_employers", "term_months")


def _sourced(office: dict[str, Any], shown: dict[str, Any], edit: QLineEdit) -> dict[str, Any]:
    """An office the clerk changed or gave a source is theirs, no longer assumed."""
    typed, was = edit.text().strip(), edit.property("shown") or ""
    changed = any((office.get(k) or None) != (shown.get(k) or None) for k in OFFICE_RULES)
    if not changed and typed == was:
        return shown
    source = typed if typed and typed != was else SET_BY_CLERK
    return dict(office, source=source, eligibility_source=source, assumed=False)


class VotesPage(SettingsPage):
    """Votes and declarations of interest (DOMAIN.md §4, §5)."""

    def __init__(self) -> None:
        super().__init__("Votes and declarations", "How a motion is carried, and what a "
                         "member who declares an interest usually does.")
        self.add_setting(SettingKey.CASTING_VOTE, _label(SettingKey.CASTING_VOTE, "s"),
                         *_choices(SettingKey.CASTING_VOTE),
                         "What happens when the votes for and against are equal.")
        self.add_setting(SettingKey.CHAIR_ORDINARY_VOTE, "Ordinary vote:",
                         *yes_no(SettingKey.CHAIR_ORDINARY_VOTE.label),
                         "Whether the person presiding votes like any other member.")
        self.add_setting(SettingKey.CHAIR_VOTES_ONLY_TO_CHANGE_RESULT, "Votes to change:",
                         *yes_no(SettingKey.CHAIR_VOTES_ONLY_TO_CHANGE_RESULT.label),
                         "Some bodies' chairs vote only when their vote would change the "
                         "result (as in Robert's Rules).")
        self.add_setting(SettingKey.MAJORITY, _label(SettingKey.MAJORITY),
                         *_choices(SettingKey.MAJORITY), "What it takes to carry a motion.")
        self.add_setting(SettingKey.DECLARATION_EFFECTS, _label(SettingKey.DECLARATION_EFFECTS),
                         *self._effects(), "Offered when a member declares an interest of "
                         "each kind; the clerk can change it for each declaration.")

    @staticmethod
    def _effects():
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        combos: dict[str, QComboBox] = {}
        for words, kind in InterestKind.choices():
            combo = QComboBox()
            combo.setAccessibleName(f"Usual effect of a {words.lower()} interest")
            for effect, effect_words in EFFECT_RULE_WORDS.items():
                combo.addItem(effect_words, effect.value)
            form.addRow(f"{words}:", combo)
            combos[kind.value] = combo

        def write(value: dict[str, str]) -> None:
            for kind, combo in combos.items():
                select_data(combo, value.get(kind, InterestEffect.PARTICIPATES.value))

        return box, lambda: {kind: c.currentData() for kind, c in combos.items()}, write


class AttendancePage(SettingsPage):
    """Substitutes and the attendance expected over the year (DOMAIN.md §1, §7)."""

    def __init__(self) -> None:
        super().__init__("Substitutes and attendance", "Who may attend in a member's place, "
                         "and the attendance expected of each member over the year.")
        self.add_setting(SettingKey.SUBSTITUTES, "Who may s&ubstitute:",
                         *_choices(SettingKey.SUBSTITUTES),
                         "A substitute takes the member's seat and vote, never their office.")
        self.add_setting(SettingKey.DEPUTY_LIMIT_PER_YEAR,
                         _label(SettingKey.DEPUTY_LIMIT_PER_YEAR),
                         *number(NO_DEPUTY_LIMIT, 52, "No limit"),
                         "How many meetings a year a substitute may attend for one member.")
        self.add_setting(SettingKey.SUBSTITUTE_COUNTS_AS_ATTENDANCE, "Counts as attending:",
                         *yes_no(SettingKey.SUBSTITUTE_COUNTS_AS_ATTENDANCE.label),
                         "Whether a meeting a substitute attended counts toward the "
                         "member's own attendance.")
        self.threshold = QLineEdit()
        self.add_setting(SettingKey.ATTENDANCE_THRESHOLD, "E&xpected attendance:",
                         self.threshold, self.threshold.text,
                         lambda value: self.threshold.setText(str(value)),
                         "The share of the year's meetings each member is expected to "
                         "attend, as a fraction: 7/10 for 70%, 3/4 for 75%.")
        months = ((n, calendar.month_name[n]) for n in range(1, 13))
        self.add_setting(SettingKey.ATTENDANCE_YEAR_START_MONTH,
                         _label(SettingKey.ATTENDANCE_YEAR_START_MONTH),
                         *choice_combo(months),
                         "Attendance is counted over a year starting in this month (April "
                         "for the financial year).")

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        try:
            parse_fraction(self.threshold.text().strip())
        except (ValueError, ZeroDivisionError):
            self.show_error(f"The expected attendance {self.threshold.text()!r} is not a "
                            "fraction: type it like 7/10 (for 70%) or 3/4.")
            self.threshold.setFocus()
            return False
        self.clear_error()
        return super().validatePage()


class MeetingsPage(SettingsPage):
    """Deadlines, how often the body meets, the public and remote attendance (§6, §9)."""

    def __init__(self) -> None:
        super().__init__("Deadlines and meetings", "When papers go out and minutes are "
                         "due, how often the body meets, and who may attend how.")
        self.add_setting(SettingKey.DISPATCH_WORKING_DAYS, "&Dispatch agenda papers:",
                         *number(0, 60, suffix=" days before the meeting"),
                         "How many days before a meeting the agenda papers must go out.")
        self.add_setting(SettingKey.DISPATCH_COUNTING, _label(SettingKey.DISPATCH_COUNTING),
                         *_choices(SettingKey.DISPATCH_COUNTING),
                         "How those days are counted.")
        self.add_setting(SettingKey.MINUTES_DUE_DAYS, _label(SettingKey.MINUTES_DUE_DAYS),
                         *number(0, 365, suffix=" calendar days"),
                         "The draft minutes are due this many days after the meeting.")
        self.add_setting(SettingKey.MEETING_FREQUENCY_MONTHS,
                         _label(SettingKey.MEETING_FREQUENCY_MONTHS),
                         *number(0, 24, "Not set", " months"),
                         "How many months between meetings, for planning the year.")
        self.add_setting(SettingKey.MEETINGS_OPEN_TO_PUBLIC, "The public:",
                         *yes_no("Meetings are &open to the public"),
                         "Unless an item is exempt; the public are then asked to leave.")
        self.add_setting(SettingKey.REMOTE_ATTENDANCE, "Video lin&k:",
                         *_choices(SettingKey.REMOTE_ATTENDANCE),
                         "Members attending by video link: whether they are recorded, and "
                         "whether they count like anyone in the room.")


class SummaryPage(ScrollPage):
    """Everything the body will be made with, in words; Finish makes it."""

    def __init__(self) -> None:
        super().__init__("Summary", "Check the body before it is made. Go Back to change "
                         "anything; everything can also be changed later in Body set-up.")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("What will be made")
        caption = QLabel("&What will be made:")
        caption.setBuddy(self.text)
        self.body.insertWidget(0, caption)
        self.body.insertWidget(1, self.text, 1)  # the text takes the page's height
        self.body.setStretch(self.body.count() - 1, 0)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        self.text.setPlainText(summary_text(self.draft))


def summary_text(draft: dict[str, Any]) -> str:
    """The draft in the clerk's words: seats, offices, each setting with its source."""
    head, categories = draft["body"], draft["categories"]
    seats = sum(c["seats"] for c in categories)
    voting = sum(c["seats"] for c in categories if c.get("voting", True))
    lines = [head["name"], f"{seats} seats, {voting} of them voting.", ""]
    lines += [f"  {c['name']}: {c['seats']}" + ("" if c.get("voting", True) else
                                               ", no vote") for c in categories]
    lines += ["", "Offices: " + ", ".join(o["name"] for o in draft["offices"]), ""]
    for key, entry in draft["settings"].items():
        source = ("Assumed — please confirm" if entry.get("assumed")
                  else readable_source(entry.get("source", "")))
        words = describe_setting(key, entry["value"])
        lines.append(f"{setting_label(key)}: {words} ({source})")
    return "\n".join(lines)


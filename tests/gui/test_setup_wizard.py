"""Setting up a body page by page (issue 14 item 2): a clerk types in the Lincolnshire
CYPSP's terms of reference by hand (002 §4.1, DOMAIN.md §1), starts from a preset, and
is told what to fix when a draft cannot make a body, losing nothing typed."""

from __future__ import annotations

from fractions import Fraction

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from sqlmodel import Session, select

from clerk_app.db.tables import Body, BodySetting
from clerk_app.gui import theme
from clerk_app.gui.views.body_setup.setup_wizard import SetUpBodyDialog
from clerk_app.rules.quorum import evaluate_quorum
from clerk_app.rules.roster import Attendee
from clerk_app.rules.vocabulary import Capacity, SettingKey
from clerk_app.services import body_setup, constitution, presets
from tests.gui.setup_support import (
    OBSERVER,
    TERMS,
    next_page,
    replace_text,
    type_lincolnshire,
    verdict_with,
)
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)


@pytest.fixture
def dialog(qtbot, engine):
    wizard = SetUpBodyDialog(engine)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def test_a_clerk_types_in_lincolnshire_cypsp_by_hand(qtbot, engine, dialog):
    type_lincolnshire(qtbot, dialog)
    assert "Assumed — please confirm" in dialog.summary.text.toPlainText()
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.button(QWizard.WizardButton.FinishButton),
                         Qt.MouseButton.LeftButton)
    assert saved.args == ["Created Lincolnshire Children and Young People's Strategic "
                          "Partnership."]
    setup = body_setup.body_setup(engine, dialog.body_id)
    assert (len(setup.categories), setup.seats) == (15, 30)
    assert sum(c.seats for c in setup.categories if c.voting) == 29
    assert {c.source for c in setup.categories} == {f"{TERMS} §4.1"}
    assert setup.description == TERMS
    observer = next(c for c in setup.categories if c.name == OBSERVER)
    assert (observer.voting, observer.core) == (False, False)
    with Session(engine) as session:
        rules = constitution.body_rules(session, dialog.body_id)
        stored = {s.key: s for s in session.exec(select(BodySetting).where(
            BodySetting.body_id == dialog.body_id))}
    assert rules.threshold.fraction == Fraction(7, 10)
    assert stored[SettingKey.ATTENDANCE_THRESHOLD].source == f"{TERMS} §5.1"
    assert not stored[SettingKey.ATTENDANCE_THRESHOLD].assumed
    assert stored[SettingKey.QUORUM].assumed  # left at the offered default
    shown = {row.key: row for row in setup.settings}
    assert shown[SettingKey.QUORUM].needs_confirming  # "Assumed — please confirm"
    assert not shown[SettingKey.ATTENDANCE_THRESHOLD].needs_confirming
    assert rules.offices["chair"].only_categories == {setup.categories[0].key}
    quorum = evaluate_quorum(rules.quorum, voters(10), 29, 29)
    assert quorum.quorate and quorum.checks[0].need == 10
    assert not evaluate_quorum(rules.quorum, voters(9), 29, 29).quorate
    lscb = Attendee(99, "LSCB Chair", Capacity.MEMBER, observer.key, voting=observer.voting)
    assert not lscb.counts_for_quorum and not lscb.may_vote
    assert not evaluate_quorum(rules.quorum, [*voters(9), lscb], 29, 29).quorate


def voters(count: int) -> list[Attendee]:
    return [Attendee(n, f"Member {n}", Capacity.MEMBER, "district_councils")
            for n in range(1, count + 1)]


def test_from_a_preset_every_page_is_filled_and_the_body_is_the_presets(qtbot, engine,
                                                                        dialog):
    rows = [dialog.start.choice.item(n).text() for n in range(dialog.start.choice.count())]
    row = next(n for n, text in enumerate(rows) if text.startswith("Lincolnshire"))
    assert "Terms of Reference 2013/15" in rows[row] and "002" not in rows[row]
    dialog.start.choice.setFocus()
    dialog.start.choice.setCurrentRow(row)
    next_page(qtbot, dialog)
    assert dialog.name.name.text().startswith("Lincolnshire Children")
    next_page(qtbot, dialog)
    assert dialog.seats.total.text() == "30 seats, 29 of them voting."
    while dialog.currentPage() is not dialog.summary:
        next_page(qtbot, dialog)
    shown = dialog.attendance.fields[3].source.text()
    assert shown.startswith("Lincolnshire CYPSP") and "§5.1" in shown
    qtbot.mouseClick(dialog.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    made = presets.create_body_from_preset(engine, "lincolnshire-cypsp", key="direct")
    assert settings_of(engine, dialog.body_id) == settings_of(engine, made)
    with Session(engine) as session:
        assert session.get(Body, dialog.body_id).preset_key == "lincolnshire-cypsp"


def settings_of(engine, body_id: int) -> dict[str, tuple]:
    with Session(engine) as session:
        rows = session.exec(select(BodySetting).where(BodySetting.body_id == body_id))
        return {s.key: (s.value, s.source, s.assumed) for s in rows}


def constitution_of(engine, body_id: int) -> tuple:
    setup = body_setup.body_setup(engine, body_id)
    return (settings_of(engine, body_id), setup.name, setup.categories,
            [(o.key, o.name, o.term_months, o.eligibility, o.source) for o in setup.offices])


@pytest.mark.parametrize("preset", [p.key for p in presets.presets()])
def test_every_preset_taken_through_unchanged_makes_the_presets_body(qtbot, engine, dialog,
                                                                     preset):
    keys = [dialog.start.choice.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(dialog.start.choice.count())]
    dialog.start.choice.setCurrentRow(keys.index(preset))
    while dialog.currentPage() is not dialog.summary:
        next_page(qtbot, dialog)
    qtbot.mouseClick(dialog.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    made = presets.create_body_from_preset(engine, preset, key="direct")
    assert constitution_of(engine, dialog.body_id) == constitution_of(engine, made)


def test_a_draft_the_rules_refuse_is_shown_and_nothing_is_lost(qtbot, engine, dialog):
    """A draft whose setting the rules cannot read (e.g. one kept from an earlier
    version) is refused at Finish with what to fix; the dialog stays, nothing written."""
    dialog.start.choice.setCurrentRow(0)
    next_page(qtbot, dialog)
    qtbot.keyClicks(dialog.name.name, "Board <&> ")
    dialog.name.name.insert("تجريبي")  # QTest cannot type outside Latin-1
    next_page(qtbot, dialog)
    qtbot.keyClicks(dialog.seats.name, "Members")
    qtbot.keyClick(dialog.seats.name, Qt.Key.Key_Return)
    while dialog.currentPage() is not dialog.summary:
        next_page(qtbot, dialog)
    dialog.draft["settings"][SettingKey.ATTENDANCE_YEAR_START_MONTH]["value"] = 13
    qtbot.mouseClick(dialog.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.body_id is None
    assert "nothing was saved" in dialog.summary.error.text()
    assert "month numbered 1" in dialog.summary.error.text()
    with Session(engine) as session:
        assert session.exec(select(Body)).all() == []
    dialog.draft["settings"][SettingKey.ATTENDANCE_YEAR_START_MONTH]["value"] = 4
    qtbot.mouseClick(dialog.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    assert body_setup.body_setup(engine, dialog.body_id).name == "Board <&> تجريبي"


def test_a_typed_category_not_added_is_not_skipped_past(qtbot, dialog):
    next_page(qtbot, dialog)
    qtbot.keyClicks(dialog.name.name, "Board")
    next_page(qtbot, dialog)
    qtbot.keyClicks(dialog.seats.name, "Schools")
    next_page(qtbot, dialog)
    assert dialog.currentPage() is dialog.seats
    assert "did not add it" in dialog.seats.error.text()


def test_a_set_up_cut_short_is_offered_again_with_everything_typed(qtbot, engine, dialog):
    next_page(qtbot, dialog)
    qtbot.keyClicks(dialog.name.name, "Swale Partnership")
    next_page(qtbot, dialog)
    qtbot.keyClicks(dialog.seats.name, "Schools")
    qtbot.keyClick(dialog.seats.name, Qt.Key.Key_Return)
    next_page(qtbot, dialog)  # the application then stops without a word
    again = SetUpBodyDialog(engine)
    qtbot.addWidget(again)
    again.show()
    offered = again.start.choice.currentItem().text()
    assert offered == "Continue the set-up left unfinished: Swale Partnership"
    next_page(qtbot, again)
    assert again.name.name.text() == "Swale Partnership"
    next_page(qtbot, again)
    assert again.seats.list.item(0).text() == "Schools — 1 seat, voting members"
    qtbot.mouseClick(again.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    third = SetUpBodyDialog(engine)
    qtbot.addWidget(third)
    assert third.start.choice.item(0).text().startswith("A blank body")  # cancelled: gone


def test_every_page_fits_a_1024_by_600_screen(qtbot, dialog):
    dialog.start.choice.setCurrentRow(dialog.start.choice.count() - 1)  # the longest preset
    while True:
        for hint in (dialog.sizeHint(), dialog.minimumSizeHint()):
            assert hint.width() <= 1024 and hint.height() <= 560, dialog.currentPage().title()
        if dialog.currentPage() is dialog.summary:
            break
        next_page(qtbot, dialog)
    dialog.resize(1000, 560)
    assert dialog.height() <= 560


def test_a_group_that_must_be_present_is_asked_of_the_rules(qtbot, engine, dialog):
    """Required presence (DOMAIN.md §3 form 4): the Chair or Vice-Chair must be there."""
    next_page(qtbot, dialog)
    qtbot.keyClicks(dialog.name.name, "Board")
    next_page(qtbot, dialog)
    for name in ("Education", "Police"):
        replace_text(qtbot, dialog.seats.seats.lineEdit(), "3")
        qtbot.keyClicks(dialog.seats.name, name)
        qtbot.keyClick(dialog.seats.name, Qt.Key.Key_Return)
    next_page(qtbot, dialog)
    next_page(qtbot, dialog)
    groups = dialog.groups
    qtbot.keyClicks(groups.label, "Chair or Vice-Chair")
    for box in (*groups.offices.boxes.values(), groups.must):
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    qtbot.keyClick(groups.label, Qt.Key.Key_Return)
    assert groups.list.item(0).text() == "Chair or Vice-Chair (must be present)"
    next_page(qtbot, dialog)
    text = verdict_with(qtbot, dialog.quorum, {"Education": 3})
    assert text.startswith("Not quorate, because") and "Chair or Vice-Chair" in text
    dialog.quorum.chair_in.setFocus()
    qtbot.keyClick(dialog.quorum.chair_in, Qt.Key.Key_Space)
    assert dialog.quorum.chair_in.isChecked()
    assert dialog.quorum.verdict.text().startswith("Quorate")
    while dialog.currentPage() is not dialog.summary:
        next_page(qtbot, dialog)
    qtbot.mouseClick(dialog.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    with Session(engine) as session:
        rules = constitution.body_rules(session, dialog.body_id)
        quorum = session.exec(select(BodySetting).where(
            BodySetting.body_id == dialog.body_id, BodySetting.key == SettingKey.QUORUM)).one()
    assert [g.label for g in rules.quorum.required] == ["Chair or Vice-Chair"]
    assert not quorum.assumed  # the clerk changed the rule


@pytest.mark.parametrize("scheme", [theme.LIGHT, theme.DARK])
def test_every_control_of_every_page_has_a_name_and_tab_reaches_it(qtbot, dialog, scheme):
    from tests.gui.test_shell_accessibility import accessible_name, interactive, tab_walk

    theme.apply(QApplication.instance(), scheme)  # as the application shows it
    dialog.start.choice.setCurrentRow(dialog.start.choice.count() - 1)
    while True:
        page = dialog.currentPage()
        controls = interactive(page) or [dialog.summary.text]  # a plain text view
        nameless = [type(w).__name__ for w in controls if not accessible_name(w)]
        assert not nameless, f"{page.title()}: controls without a name: {nameless}"
        small = [accessible_name(w) for w in controls if w.height() < 24 and w.isVisible()]
        assert not small, f"{page.title()}: click targets under 24 px: {small}"
        reached = set(tab_walk(qtbot, dialog, controls[0]))
        assert set(controls) <= reached, page.title()
        if page is dialog.summary:
            break
        next_page(qtbot, dialog)


def test_a_category_is_changed_in_its_place_under_its_key(qtbot, engine, dialog):
    keys = [dialog.start.choice.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(dialog.start.choice.count())]
    dialog.start.choice.setCurrentRow(keys.index("lincolnshire-cypsp"))
    next_page(qtbot, dialog)
    next_page(qtbot, dialog)
    seats = dialog.seats
    row = next(n for n, c in enumerate(seats.categories) if c["name"] == "Schools")
    seats.list.setFocus()
    seats.list.setCurrentRow(row)
    qtbot.keyClick(seats.list, Qt.Key.Key_Return)  # takes it back into the fields
    assert seats.name.text() == "Schools" and seats.seats.value() == 4
    replace_text(qtbot, seats.seats.lineEdit(), "5")
    qtbot.keyClick(seats.name, Qt.Key.Key_Return)
    assert seats.list.item(row).text() == "Schools — 5 seats, voting members"
    assert seats.total.text() == "31 seats, 30 of them voting."
    while dialog.currentPage() is not dialog.summary:
        next_page(qtbot, dialog)
    qtbot.mouseClick(dialog.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    schools = body_setup.body_setup(engine, dialog.body_id).category("schools")
    assert (schools.seats, schools.source) == (5, seats.source.text())

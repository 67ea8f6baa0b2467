"""The quorum setting's editor (DOMAIN.md §3, §8): one editor per form of the rule, read
from and written back through the rule objects."""

from __future__ import annotations

from clerk_app.gui.views.body_setup.dialogs import SettingDialog
from clerk_app.gui.views.body_setup.quorum_editor import EDITORS
from clerk_app.rules.quorum import FORMS
from clerk_app.rules.vocabulary import SettingKey
from clerk_app.services import body_setup, presets
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)


def quorum_row(engine, body_id):
    return next(s for s in body_setup.body_setup(engine, body_id).settings
                if s.key == SettingKey.QUORUM)


def editor_field(dialog, name: str):
    return next(w for w in dialog.findChildren(object)
                if hasattr(w, "accessibleName") and w.accessibleName() == name)


def test_s3_every_form_of_a_quorum_rule_has_its_editor():
    assert set(EDITORS) == set(FORMS)


def test_s3_the_fraction_form_is_edited_and_said_in_words(qtbot, engine):
    body_id = presets.create_body_from_preset(engine, "lincolnshire-cypsp")
    dialog = SettingDialog(engine, body_id, quorum_row(engine, body_id))
    qtbot.addWidget(dialog)
    assert editor_field(dialog, "Fraction of seats").text() == "1/3"
    editor_field(dialog, "Not fewer than").setValue(4)
    dialog.accept()
    assert not dialog.error.isVisible()
    row = quorum_row(engine, body_id)
    assert row.text == "One third (33%) of the voting seats, rounded up, and not fewer than 4"
    assert not row.needs_confirming


def test_s3_the_groups_form_keeps_its_groups_when_the_number_needed_changes(qtbot, kent):
    before = quorum_row(kent.engine, kent.body_id).value
    dialog = SettingDialog(kent.engine, kent.body_id, quorum_row(kent.engine, kent.body_id))
    qtbot.addWidget(dialog)
    assert editor_field(dialog, "Groups needed").value() == 5
    editor_field(dialog, "Groups needed").setValue(6)
    dialog.accept()
    after = quorum_row(kent.engine, kent.body_id)
    assert after.text.startswith("6 of these 7 represented: Chair or Vice Chair")
    assert [g["key"] for g in after.value["groups"]] == [g["key"] for g in before["groups"]]

"""At the table: safe declarations (DOMAIN.md §4, §9 "A declaration's timing"), through the
real widgets on the Kent LCSP preset (000; a pecuniary interest withdraws, 000 §7.2).

Enter on "Declare an interest" under "Declarations of interest" records nothing that
was not chosen; the interest comes from the member's registered interests; the effect on
quorum is shown before recording; and the withdrawal is stamped when the item is taken."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clerk_app.gui.dialogs.declare_dialog import DeclareDialog
from clerk_app.rules.vocabulary import InterestKind
from clerk_app.services import interests
from tests.gui.table_support import (
    Clock,
    answer_confirm,
    arrive_by_name,
    drive,
    open_table,
    state_of,
)

ITEMS = ("Early help plan", "Youth contract", "Any other business")  # items 4, 5, 6
# Chair (Chair or Vice-Chair, and Education), Police, YOS, VCS: five of seven groups.
JUST_QUORATE = ("Helen", "okafor", "Marcus", "Briain")


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


def under_declarations(qtbot, kent, clock, *names):
    """A Kent meeting opened at 10:00, at item 2 "Declarations of interest"."""
    view = open_table(qtbot, kent.engine, kent.meeting(items=ITEMS))
    arrive_by_name(qtbot, view, *names)
    clock.set(10, 0)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.agenda.next, Qt.MouseButton.LeftButton)  # item 1, apologies
    clock.set(10, 2)
    qtbot.mouseClick(view.agenda.next, Qt.MouseButton.LeftButton)  # item 2
    assert view.agenda.now.text() == "Under discussion: item 2. Declarations of interest"
    view.agenda.declare.setFocus()
    return view


def test_s9_enter_under_declarations_of_interest_records_nothing_unchosen(
        qtbot, kent, clock, monkeypatch, dump):
    view = under_declarations(qtbot, kent, clock, *JUST_QUORATE)
    seen = {}

    def enter(dialog: DeclareDialog) -> None:
        seen["item"] = dialog.item.currentIndex()
        seen["items"] = [dialog.item.itemText(i) for i in range(dialog.item.count())]
        seen["interest"] = dialog.description.text()
        dialog.person.setCurrentIndex(-1)  # whoever the register's cursor was on: none
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        seen["no member"] = dialog.error.text()
        dialog.person.setCurrentIndex(dialog.person.findText("Tomás", Qt.MatchFlag.MatchContains))
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        seen["no item"] = dialog.error.text()
        dialog.item.setCurrentIndex(dialog.item.findText("5. Youth contract"))
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        seen["no interest"] = dialog.error.text()
        seen["open"] = dialog.isVisible()

    before = dump()
    drive(monkeypatch, qtbot, DeclareDialog, enter)
    qtbot.keyClick(view.agenda.declare, Qt.Key.Key_Space)
    assert seen["item"] == -1  # no default item under a procedural one
    assert seen["items"] == ["4. Early help plan", "5. Youth contract", "6. Any other business"]
    assert seen["interest"] == ""
    assert seen["no member"] == "Choose the member who declares the interest."
    assert seen["no item"].startswith("Choose the item the interest concerns")
    assert seen["no interest"].startswith("Say what the interest is")
    assert seen["open"]
    assert dump() == before


def test_s9_declared_for_a_later_item_withdraws_when_it_is_taken_after_the_warning(
        qtbot, kent, clock, monkeypatch):
    interests.register_interest(kent.engine, kent.body_id, kent.ids["vcs"],
                                "Trustee of Kent Youth Trust", InterestKind.PECUNIARY)
    view = under_declarations(qtbot, kent, clock, *JUST_QUORATE)
    asked = answer_confirm(monkeypatch, True)
    seen = {}

    def declare(dialog: DeclareDialog) -> None:
        dialog.person.setCurrentIndex(dialog.person.findText("Tomás", Qt.MatchFlag.MatchContains))
        seen["interest"] = dialog.description.text()
        seen["kind"] = dialog.kind.currentData()
        seen["effect"] = dialog.effect.currentData()
        seen["quorum before item"] = dialog.quorum.isVisible()
        dialog.item.setCurrentIndex(dialog.item.findText("5. Youth contract"))
        seen["quorum"] = dialog.quorum.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    drive(monkeypatch, qtbot, DeclareDialog, declare)
    clock.set(10, 3)
    qtbot.keyClick(view.agenda.declare, Qt.Key.Key_Space)
    assert seen["interest"] == "Trustee of Kent Youth Trust"  # from the register of interests
    assert (seen["kind"], seen["effect"]) == ("pecuniary", "withdraws")
    assert seen["quorum before item"] is False
    assert seen["quorum"] == (
        "Recording this withdraws Tomás Ó Briain when item 5 is taken: the meeting will be "
        "inquorate because Voluntary and Community Sector would no longer be filled; "
        "4 of 7 groups, 5 needed (1 more).")
    assert "would make the meeting inquorate" in asked[0]
    assert view.status.text() == ("Saved 10:03 — Tomás Ó Briain declared a pecuniary interest "
                                  "in item 5, and withdraws when item 5 is taken")
    assert state_of(view, "Tomás Ó Briain") == "Present"  # not at the moment of declaring
    assert view.banner.verdict.text() == "QUORATE"

    for minute, expected, verdict in ((5, "Present", "QUORATE"), (10, "Present", "QUORATE"),
                                      (30, "Withdrawn (this item)", "NOT QUORATE"),
                                      (50, "Present", "QUORATE")):
        clock.set(10, minute)
        qtbot.mouseClick(view.agenda.next, Qt.MouseButton.LeftButton)  # items 3, 4, 5, 6
        assert (state_of(view, "Tomás Ó Briain"), view.banner.verdict.text()) == \
            (expected, verdict)
    assert view.agenda.now.text() == "Under discussion: item 6. Any other business"

"""DOMAIN.md §3: "When a declaration or departure *would* make the meeting inquorate, the
clerk is warned before confirming it", and the quorum display "says *why*": the warning
names the group(s) that would be left unfilled, in its text and in its accessible text.
Kent LCSP (000 §10.4): five of seven groups; the Chair, an Education headteacher, fills
both "Chair or Vice Chair" and "Education"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from clerk_app.services import meetings
from tests.gui.table_support import Clock, arrive_by_name, open_table, select_person, state_of


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def warnings(monkeypatch) -> list[QMessageBox]:
    """The real warning boxes shown, each answered as a stray Enter would: Cancel."""
    shown: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        shown.append((box.text(), box.accessibleName(), box.accessibleDescription()))
        box.defaultButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def _quorate_with_five_groups(qtbot, kent, clock):
    view = open_table(qtbot, kent.engine, kent.meeting())
    arrive_by_name(qtbot, view, "Helen", "Marcus", "sian", "Peter")
    assert view.banner.verdict.text() == "QUORATE"
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    clock.set(10, 40)
    return view


def test_s3_the_chair_leaving_names_both_groups_she_fills(qtbot, kent, clock, warnings, dump):
    view = _quorate_with_five_groups(qtbot, kent, clock)
    before = dump()
    select_person(view, kent.ids["chair"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_L)
    [(text, name, description)] = warnings
    assert text.startswith("Helen Marsh leaving would make the meeting inquorate: it would "
                           "leave Chair or Vice Chair and Education unfilled.\n"
                           "NOT QUORATE: 3 of 7 groups, 5 needed (2 more).")
    assert name == "The meeting would become inquorate"
    assert description == text
    assert dump() == before  # Cancel is the default: nothing recorded
    assert state_of(view, "Helen Marsh") == "Present"
    assert meetings.meeting_summary(kent.engine, view.meeting_id).quorum_events == ()


def test_s3_one_member_leaving_names_the_one_group(qtbot, kent, clock, warnings):
    view = _quorate_with_five_groups(qtbot, kent, clock)
    select_person(view, kent.ids["yos"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_L)
    [(text, _name, description)] = warnings
    assert text.startswith("Marcus Bell leaving would make the meeting inquorate: it would "
                           "leave Youth Offending Service / Youth Service unfilled.\n"
                           "NOT QUORATE: 4 of 7 groups, 5 needed (1 more).")
    assert "Youth Offending Service / Youth Service" in description

"""DOMAIN.md §1: a substitute "counts only while the member is absent: the member
arriving ends the substitution". The register says so, with the time it ended, and
the rule gives that time to anyone who words it (the minutes too)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from clerk_app.rules.register import substitution_ended_at
from clerk_app.services import register
from tests.conftest import at
from tests.gui.table_support import Clock, arrive_by_name, open_table, select_person, state_of


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@dataclass(frozen=True)
class Ev:
    person_id: int
    kind: str
    at: datetime
    item_id: int | None = None


def test_s1_the_rule_gives_the_members_arrival_and_hands_the_seat_back_when_they_leave():
    member, substitute = 1, 2
    events = [Ev(substitute, "arrive", at(9, 50)), Ev(member, "arrive", at(10, 20)),
              Ev(member, "leave", at(11, 0))]
    assert substitution_ended_at(events, member, at(10, 0)) is None
    assert substitution_ended_at(events, member, at(10, 30)) == at(10, 20)
    assert substitution_ended_at(events, member) is None  # left again: the seat is back


def test_s1_the_register_says_the_substitution_ended_when_the_member_arrived(
        qtbot, kent, clock):
    meeting = kent.meeting()
    register.add_substitute(kent.engine, meeting, kent.ids["police"],
                            kent.ids["police_deputy"], at(9, 40))
    view = open_table(qtbot, kent.engine, meeting)
    assert state_of(view, "Priya Nair") == "Substitute for Daniel Okafor"
    assert state_of(view, "Daniel Okafor") == "Apologies; substitute present"
    clock.set(10, 20)
    arrive_by_name(qtbot, view, "okafor")
    assert state_of(view, "Daniel Okafor") == "Present"
    assert state_of(view, "Priya Nair") == (
        "In attendance (substitute for Daniel Okafor until 10:20, when they arrived)")
    qtbot.mouseClick(view.banner.why, Qt.MouseButton.LeftButton)
    assert "Police: filled by Daniel Okafor" in view.banner.explanation.text()
    assert "Priya Nair" not in view.banner.explanation.text()

    clock.set(10, 50)  # he leaves again: his substitute sits in his seat once more
    select_person(view, kent.ids["police"])
    qtbot.keyClick(view.register.table, Qt.Key.Key_L)
    assert state_of(view, "Priya Nair") == "Substitute for Daniel Okafor"

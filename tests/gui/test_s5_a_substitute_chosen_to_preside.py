"""DOMAIN.md §5 "Who presides": failing the Chair and the Vice-Chair, the members present
choose one of themselves. A member's substitute is a member for the meeting — only the
absent member's office stays with the member (§1) — so the meeting may choose them; a
refused choice names the person, never an id."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clerk_app.gui.dialogs import prompts
from clerk_app.services import meetings, register
from clerk_app.services.errors import ClerkError
from tests.conftest import at
from tests.gui.table_support import Clock, arrive_by_name, open_table


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


def test_s5_the_members_choose_a_substitute_to_preside(qtbot, kent, clock, monkeypatch):
    meeting = kent.meeting()
    register.add_substitute(kent.engine, meeting, kent.ids["health"],
                            kent.ids["health_deputy"], at(9, 40))
    view = open_table(qtbot, kent.engine, meeting)
    arrive_by_name(qtbot, view, "Grace", "Marcus", "Peter", "Briain")
    clock.set(10, 0)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    view.agenda.select_item(kent.items[4])
    clock.set(10, 5)
    qtbot.mouseClick(view.agenda.start, Qt.MouseButton.LeftButton)
    assert view.agenda.choose_presiding.isVisible()  # neither Chair nor Vice-Chair is here
    offered = []

    def choose(_parent, _title, _label, options):
        offered.extend(options)
        return options.index("Zofia Łukasiewicz (substitute for Siân Pritchard)")

    monkeypatch.setattr(prompts, "choose", choose)
    qtbot.mouseClick(view.agenda.choose_presiding, Qt.MouseButton.LeftButton)
    assert "Grace Adebayo" in offered
    assert view.problem.isHidden()
    assert view.agenda.presiding.text().startswith("Presiding: Zofia Łukasiewicz")
    assert not view.agenda.choose_presiding.isVisible()


def test_s5_a_choice_refused_names_the_person_and_writes_nothing(kent, dump):
    meeting = kent.meeting()
    register.arrive(kent.engine, meeting, kent.ids["yos"], at(9, 50))
    register.add_in_attendance(kent.engine, meeting, "Olu Guest", "Kent Police",
                               at=at(9, 51))
    guest = next(line.person_id for line in register.state(kent.engine, meeting).register
                 if line.name == "Olu Guest")
    meetings.open_meeting(kent.engine, meeting, at(10, 0))
    meetings.start_item(kent.engine, meeting, kent.items[4], at(10, 5))
    before = dump()
    with pytest.raises(ClerkError) as error:
        meetings.choose_presiding(kent.engine, kent.items[4], guest)
    assert error.value.message.startswith("Olu Guest cannot preside: the meeting must "
                                          "choose a member")
    assert f"person {guest}" not in error.value.message
    assert dump() == before

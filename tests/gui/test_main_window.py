"""The window on the demo record: a closed meeting's record, read-only, and moving between
meetings with the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clerk_app.app import build_window
from clerk_app.gui.models.register_model import RegisterModel
from clerk_app.services import demo
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)


def test_a_closed_meeting_shows_its_record_with_the_quorum_at_the_close(qtbot, engine, db_path):
    demo.build_demo(engine)
    window = build_window(db_path)
    qtbot.addWidget(window)
    window.show()
    body = window.navigator.bodies()[0]
    assert body.text == demo.DEMO_SHORT_NAME
    tip = window.navigator.index_of(body).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(demo.DEMO_NAME)
    past = body.children[1].children[0]
    assert window.navigator.label(past) == "Tue 15 Sep 2026 — Closed"
    window.navigator.set_current(past)
    view = window.meeting_view
    assert window.pages.currentWidget() is view
    assert view.banner.text().startswith("At the close: QUORATE")
    assert "Public present: 3" in view.banner.text()
    assert "Draft minutes due by Friday 25 September 2026" in view.details.text()
    names = [view.register_model.index(r, 0).data() for r in range(view.register_model.rowCount())]
    assert "Helen Marsh (Chair)" in names and "Zofia Łukasiewicz" in names
    assert "Chair used the casting vote" in view.agenda.toPlainText()


def test_keyboard_moves_between_meetings(qtbot, engine, db_path):
    demo.build_demo(engine)
    window = build_window(db_path)
    qtbot.addWidget(window)
    window.show()
    window.navigator.setFocus()
    upcoming = window.navigator.current()  # the clerk starts at the next meeting
    assert "Scheduled" in window.navigator.label(upcoming)
    for _ in range(2):  # past the "Past meetings" heading to the closed meeting
        qtbot.keyClick(window.navigator, Qt.Key.Key_Down)
    current = window.navigator.current()
    assert current.meeting_id is not None and "Closed" in window.navigator.label(current)
    assert window.pages.currentWidget() is window.meeting_view
    qtbot.keyClick(window.navigator, Qt.Key.Key_Up)
    assert window.pages.currentWidget() is window.empty  # a heading: guidance, no record
    assert "Choose a meeting to open it" in window.empty.text()


def test_register_model_is_a_well_behaved_qt_model(qtmodeltester, engine):
    from clerk_app.services import register

    body = demo.build_demo(engine)
    assert body
    model = RegisterModel()
    model.set_rows(list(register.state(engine, 1).register))
    qtmodeltester.check(model)

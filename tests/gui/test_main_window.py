"""The first window on the demo record: navigate to the past meeting and read it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clerk_app.app import build_window
from clerk_app.gui.main_window import MEETING_ROLE
from clerk_app.gui.models.register_model import RegisterModel
from clerk_app.services import demo


def test_window_opens_the_demo_meeting_with_its_quorum_and_register(qtbot, engine, db_path):
    demo.build_demo(engine)
    window = build_window(db_path)
    qtbot.addWidget(window)
    window.show()
    body = window.navigator.topLevelItem(0)
    assert body.text(0) == "Kent Local Children's Services Partnership Board"
    view = window.meeting_view
    assert window.pages.currentWidget() is view  # the past meeting opens by itself
    assert "QUORATE" in view.banner.text() and "Public present: 3" in view.banner.text()
    assert view.banner.text().startswith("At the close:")
    names = [view.register_model.index(r, 0).data() for r in range(view.register_model.rowCount())]
    assert "Helen Marsh (Chair)" in names and "Zofia Łukasiewicz" in names
    assert "Chair used the casting vote" in view.agenda.toPlainText()


def test_keyboard_moves_between_meetings(qtbot, engine, db_path):
    demo.build_demo(engine)
    window = build_window(db_path)
    qtbot.addWidget(window)
    window.show()
    window.navigator.setFocus()
    qtbot.keyClick(window.navigator, Qt.Key.Key_Up)  # to the upcoming meeting
    current = window.navigator.currentItem()
    assert current.data(0, MEETING_ROLE) is not None
    assert "scheduled" in current.text(0)
    assert "NOT QUORATE" in window.meeting_view.banner.text()  # nobody has arrived yet


def test_register_model_is_a_well_behaved_qt_model(qtmodeltester, engine):
    from clerk_app.services import register

    body = demo.build_demo(engine)
    assert body
    model = RegisterModel()
    model.set_rows(list(register.state(engine, 1).register))
    qtmodeltester.check(model)

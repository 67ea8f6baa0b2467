"""Smaller defects at the meeting table, driven through the real widgets on the Kent LCSP
preset (issue 13 item 9): Escape clears the Find box, finding does not narrow the columns,
letters typed into the public count say so, and a new public head count keeps the names
of the public already recorded (from an imported record too)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlmodel import Session, select

from clerk_app.db.migrate import open_database
from clerk_app.db.tables import Meeting
from clerk_app.gui.main_window import MainWindow
from clerk_app.services import meetings, records
from tests.gui.table_support import Clock, open_table, press

HOSTILE_NAMES = "Ann <b>Lee</b> & a reporter from the Kentish Gazette, مريم"


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


def test_escape_in_the_find_box_clears_it(qtbot, kent, clock):
    view = open_table(qtbot, kent.engine, kent.meeting())
    register = view.register
    register.filter.setFocus()
    qtbot.keyClicks(register.filter, "Helen")
    assert register.proxy.rowCount() == 1
    press(qtbot, Qt.Key.Key_Escape)
    assert register.filter.text() == ""
    assert register.matches.text() == ""
    assert register.proxy.rowCount() == register.model.rowCount() > 1
    assert register.filter.hasFocus()  # ready for the next name


def state_cells(view) -> list[tuple[str, bool]]:
    """Each shown state and whether its column is wide enough to show it whole."""
    table = view.register.table
    width = table.horizontalHeader().sectionSize(3)
    metrics = table.fontMetrics()
    proxy = table.model()
    cells = []
    for row in range(proxy.rowCount()):
        text = proxy.index(row, 3).data()
        cells.append((text, metrics.horizontalAdvance(text) + 8 <= width))
    return cells


def test_finding_a_name_does_not_narrow_the_columns(qtbot, kent, clock):
    view = open_table(qtbot, kent.engine, kent.meeting())
    header = view.register.table.horizontalHeader()
    assert all(whole for _text, whole in state_cells(view))
    for name in ("Helen", "okafor"):  # found, Enter: arrived while the box finds them
        view.register.filter.setFocus()
        view.register.filter.selectAll()
        qtbot.keyClicks(view.register.filter, name)
        press(qtbot, Qt.Key.Key_Return)
    widths = [header.sectionSize(c) for c in range(header.count())]
    view.register.filter.selectAll()
    press(qtbot, Qt.Key.Key_Backspace)
    assert view.register.proxy.rowCount() > 2
    assert all(whole for _text, whole in state_cells(view)), state_cells(view)
    assert [header.sectionSize(c) for c in range(header.count())] == widths


def test_a_window_grown_to_a_small_screen_refits_the_register_to_its_width(qtbot, kent, clock):
    """A window shown small, then maximised on a 1024x600 screen: the columns are fitted to
    the register's final width, so the names keep their room and nothing scrolls sideways."""
    meeting = kent.meeting()
    window = MainWindow(kent.engine, "record.sqlite3")
    qtbot.addWidget(window)
    window.resize(400, 300)  # shown at its smallest, as where nothing has maximised it yet
    window.show()
    window.select_meeting(meeting)
    table = window.table_view().register.table
    qtbot.waitExposed(window)
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: table.viewport().width() > 300)
    header = table.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(header.count())]
    assert sum(widths) <= table.viewport().width(), widths
    assert widths[0] >= max(widths[1], widths[2]), widths  # the name keeps the most room
    assert table.horizontalScrollBar().maximum() == 0


def test_letters_typed_into_the_public_count_say_so(qtbot, kent, clock, dump):
    view = open_table(qtbot, kent.engine, kent.meeting())
    before = dump()
    view.public.setFocus()
    view.public.selectAll()
    qtbot.keyClicks(view.public, "a")
    assert view.problem.isVisible()
    assert view.problem.text() == ("Not saved: A count is a number: type digits only (“a” "
                                   "was not taken).")
    assert dump() == before


def test_a_new_public_count_keeps_the_names_from_an_imported_record(qtbot, kent, clock,
                                                                    tmp_path):
    first = kent.meeting()
    meetings.set_public_count(kent.engine, first, 2, HOSTILE_NAMES)
    record = records.export_record(kent.engine, body_id=kent.body_id)
    engine = open_database(tmp_path / "imported.sqlite3")
    try:
        records.import_record(engine, record)
        with Session(engine) as session:
            meeting = session.exec(select(Meeting)).one()
            meeting_id = meeting.id
            assert meeting.public_names == HOSTILE_NAMES
        view = open_table(qtbot, engine, meeting_id)
        view.public.setFocus()
        view.public.selectAll()
        qtbot.keyClicks(view.public, "5")
        press(qtbot, Qt.Key.Key_Return)
        with Session(engine) as session:
            meeting = session.get(Meeting, meeting_id)
            assert (meeting.public_count, meeting.public_names) == (5, HOSTILE_NAMES)
        assert view.status.text().endswith("Public present: 5")
    finally:
        engine.dispose()

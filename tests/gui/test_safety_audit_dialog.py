"""The audit trail of a meeting on screen: time, what, and the details in names."""

from __future__ import annotations

from clerk_app.gui.backup_timer import BackupTimer
from clerk_app.gui.dialogs.audit_dialog import AuditDialog, AuditModel
from clerk_app.services import audit, demo, meetings, register
from tests.conftest import at


def test_the_audit_trail_shows_each_change_in_names(qtbot, engine, tmp_path):
    demo.build_demo(engine)
    dialog = AuditDialog(engine, 1)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = [[dialog.model.index(r, c).data() for c in range(3)]
            for r in range(dialog.model.rowCount())]
    assert dialog.windowTitle().startswith("Audit trail — ")
    assert ["Arrival", "Helen Marsh arrived at 09:50"] in [row[1:] for row in rows]
    assert ["Substitute", "Zofia Łukasiewicz substitutes for Dr Siân Pritchard"] in \
        [row[1:] for row in rows]
    assert rows[-1][1] == "Meeting closed"
    assert dialog.count.text() == f"{len(rows)} entries"


def test_the_audit_model_is_a_well_behaved_qt_model(qtmodeltester, engine):
    demo.build_demo(engine)
    qtmodeltester.check(AuditModel(audit.meeting_trail(engine, 1)))


def test_the_timer_backs_up_a_meeting_in_progress(qtbot, kent, db_path):
    m = kent.meeting()
    meetings.open_meeting(kent.engine, m, at(10, 0))
    register.arrive(kent.engine, m, kent.ids["chair"], at(10, 1))
    timer = BackupTimer(kent.engine)
    with qtbot.waitSignal(timer.made) as made:
        timer.check()
    assert made.args[0].reason == "during-meeting" and made.args[0].path.exists()

"""The minutes preview: the document is rendered off the GUI thread, shown, and saved as
exactly the bytes that were shown; the window keeps responding while it works."""

from __future__ import annotations

import stat
import threading
from io import BytesIO
from pathlib import Path

import docx
from PySide6.QtCore import Qt, QTimer

from clerk_app.gui.dialogs import minutes_preview
from clerk_app.gui.dialogs.minutes_preview import MinutesPreviewDialog
from clerk_app.services import demo, minutes
from tests.export.minutes_helpers import build_large_meeting, text_of

WAIT_MS = 60_000  # a generous ceiling for a slow machine, not a timing assertion


def test_preview_shows_the_draft_minutes_and_saves_exactly_those_bytes(
        qtbot, engine, tmp_path, monkeypatch):
    demo.build_demo(engine)
    dialog = MinutesPreviewDialog(engine, 1)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rendered, timeout=WAIT_MS) as shown:
        dialog.show()
    preview = Path(shown.args[0])
    assert dialog.document.pageCount() >= 2
    assert not dialog.progress.isVisible() and dialog.save_pdf.isEnabled()
    assert "Draft minutes due by Friday 25 September 2026" in dialog.status.text()

    target = tmp_path / "out" / "minutes.pdf"
    monkeypatch.setattr(MinutesPreviewDialog, "ask_save_path",
                        classmethod(lambda cls, parent, suggested, filter_text: str(target)))
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.save_pdf, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == preview.read_bytes() == minutes.render_minutes(engine, 1)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # personal data: owner only
    dialog.close()
    assert not preview.exists()  # the temporary preview goes with the dialog


def test_agenda_is_previewed_and_saved_as_word(qtbot, engine, tmp_path, monkeypatch):
    demo.build_demo(engine)
    dialog = MinutesPreviewDialog(engine, 1)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rendered, timeout=WAIT_MS):
        dialog.show()
    dialog.choice.setFocus()
    with qtbot.waitSignal(dialog.rendered, timeout=WAIT_MS):
        qtbot.keyClick(dialog.choice, Qt.Key.Key_Down)  # Minutes -> Agenda
    assert dialog.choice.currentText() == "Agenda"
    target = tmp_path / "agenda.docx"
    monkeypatch.setattr(MinutesPreviewDialog, "ask_save_path",
                        classmethod(lambda cls, parent, suggested, filter_text: str(target)))
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.save_docx, Qt.MouseButton.LeftButton)
    text = "\n".join(p.text for p in docx.Document(BytesIO(target.read_bytes())).paragraphs)
    assert "Agenda for the meeting on Tuesday 15 September 2026 at 10:00" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Saved" in dialog.status.text()


def test_marking_the_minutes_distributed_updates_the_status(qtbot, engine):
    demo.build_demo(engine)
    dialog = MinutesPreviewDialog(engine, 1)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rendered, timeout=WAIT_MS):
        dialog.show()
    assert dialog.distributed.isVisible()
    qtbot.mouseClick(dialog.distributed, Qt.MouseButton.LeftButton)
    assert "Draft minutes distributed on" in dialog.status.text()
    assert not dialog.distributed.isVisible()
    assert minutes.minutes_status(engine, 1).distributed_on is not None


def test_a_meeting_not_yet_held_offers_only_its_agenda(qtbot, engine):
    demo.build_demo(engine)
    dialog = MinutesPreviewDialog(engine, 2)  # the demo's upcoming meeting
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rendered, timeout=WAIT_MS):
        dialog.show()
    assert [dialog.choice.itemText(i) for i in range(dialog.choice.count())] == ["Agenda"]


def test_a_long_meeting_exports_while_the_event_loop_keeps_turning(
        qtbot, engine, monkeypatch):
    """40 items, 30 votes, 60 people: the export runs on the worker thread and the GUI
    thread goes on handling events throughout (the window never freezes)."""
    meeting_id = build_large_meeting(engine)
    main_thread = threading.get_ident()
    ticks = {"n": 0}
    seen: dict[str, int] = {}
    real = minutes_preview._render_to_file

    def watched(*args):
        seen["thread"] = threading.get_ident()
        seen["ticks_before"] = ticks["n"]
        path = real(*args)
        seen["ticks_after"] = ticks["n"]
        return path

    monkeypatch.setattr(minutes_preview, "_render_to_file", watched)
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.__setitem__("n", ticks["n"] + 1))
    timer.start()
    dialog = MinutesPreviewDialog(engine, meeting_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rendered, timeout=WAIT_MS):
        dialog.show()
    timer.stop()
    assert seen["thread"] != main_thread
    assert seen["ticks_after"] > seen["ticks_before"]  # events handled during the export
    assert dialog.document.pageCount() >= 10


def test_s6_a_correction_to_the_draft_is_recorded_and_printed(qtbot, engine, monkeypatch):
    demo.build_demo(engine)
    typed = "Item 4: the vote was 4–4 & the Chair's casting vote <for>."
    monkeypatch.setattr(minutes_preview.prompts, "ask_text", lambda *args: typed)
    dialog = MinutesPreviewDialog(engine, 1)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rendered, timeout=WAIT_MS):
        dialog.show()
    assert dialog.correct.isVisible()
    with qtbot.waitSignal(dialog.rendered, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.correct, Qt.MouseButton.LeftButton)
    text = " ".join(text_of(minutes.render_minutes(engine, 1, "pdf"), "pdf").split())
    assert typed in text


def test_s6_an_empty_correction_is_refused_and_nothing_is_recorded(qtbot, engine,
                                                                     monkeypatch, dump):
    demo.build_demo(engine)
    monkeypatch.setattr(minutes_preview.prompts, "ask_text", lambda *args: "   ")
    dialog = MinutesPreviewDialog(engine, 1)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rendered, timeout=WAIT_MS):
        dialog.show()
    before = dump()
    qtbot.mouseClick(dialog.correct, Qt.MouseButton.LeftButton)
    assert "The correction is empty" in dialog.message.text()
    assert dump() == before

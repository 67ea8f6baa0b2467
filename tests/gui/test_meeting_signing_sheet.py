"""The signing-in sheet from the Meeting menu (DOMAIN.md §9: the paper a meeting entered
afterwards is typed from), on the Kent LCSP preset (000): every member in seat order with
their agency and a line for a substitute, the officers expected, blank lines, written as
PDF where the clerk chose, off the GUI thread; hostile names printed as typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerk_app.app import build_window
from clerk_app.gui.views.year import common
from clerk_app.services import membership, register, signing_sheet
from tests.export.minutes_helpers import flat, pdf_body
from tests.gui.shell_support import restore_look  # noqa: F401 (autouse fixture)
from tests.gui.year_record import finish_jobs

MARKUP_NAME = "O'Brien <script>alert(1)</script> & Co"
LONG_NAME = ("Łukasiewicz-Ó-Briain-ap-Ŵyn-" * 20)[:500]
FOOTER = "Kent Local Children's Services Partnership Board — signing-in sheet, 15 Sep 2026"


@pytest.fixture(autouse=True)
def _jobs_done():
    yield
    finish_jobs()


def _menu_entry(window, text: str):
    return next(a for a in window.menus["Meeting"].actions() if a.text() == text)


def _sheet_from_the_menu(qtbot, kent, db_path, monkeypatch, target: Path | None):
    meeting_id = kent.meeting()
    window = build_window(db_path)
    qtbot.addWidget(window)
    window.show()
    assert window.select_meeting(meeting_id)
    asked = []

    def ask(_parent, caption, suggested, kind):
        asked.append((caption, suggested, kind))
        return target

    monkeypatch.setattr(common, "ask_save_path", ask)
    entry = _menu_entry(window, "&Signing-in sheet…")
    assert entry.isEnabled()
    entry.trigger()
    return window, asked


def test_s9_signing_sheet_from_the_meeting_menu_lists_every_member_as_typed(
        qtbot, kent, db_path, tmp_path, monkeypatch):
    person = membership.add_person(kent.engine, MARKUP_NAME, "A&E <Dept>")
    membership.add_member(kent.engine, kent.body_id, person, "education")
    window, asked = None, None
    target = tmp_path / "sheet.pdf"
    meeting_id = kent.meeting()
    register.add_in_attendance(kent.engine, meeting_id, LONG_NAME, "Kent County Council",
                               role_note="Clerk", arrived=False)  # expected, not yet come
    window = build_window(db_path)
    qtbot.addWidget(window)
    window.show()
    assert window.select_meeting(meeting_id)
    asked = []
    monkeypatch.setattr(common, "ask_save_path",
                        lambda _p, caption, suggested, kind: asked.append(suggested) or target)
    _menu_entry(window, "&Signing-in sheet…").trigger()
    qtbot.waitUntil(target.exists, timeout=10000)
    finish_jobs()
    assert asked == ["signing-in-sheet-Kent-Local-Children-s-Services-Partnership-Board-"
                     "2026-09-15.pdf"]
    qtbot.waitUntil(lambda: "the signing-in sheet, as sheet.pdf" in
                    window.saved_label.text())

    text = flat(pdf_body(target.read_bytes(), FOOTER))
    assert "Signing-in sheet" in text and "Tuesday 15 September 2026, 10:00" in text
    assert "Sessions House" in text
    members = [name for _key, name, _agency, _cat in kent.SEATS] + [MARKUP_NAME]
    for name in members:
        assert name in text
    assert "A&E <Dept>" in text
    assert text.count("Substitute attending instead — print name") == len(members)
    assert "named substitute: Priya Nair" in text
    # 5,000 characters, every one printed: the row runs over pages, under the table's
    # repeated heading, beside the officer's agency.
    joined = "".join(text.split())
    for repeated in ("NameAgencyandroleSignatureArrivedLeft", "KentCountyCouncil,Clerk"):
        joined = joined.replace(repeated, "")
    assert LONG_NAME in joined
    # Seat order: the preset's categories, Education first.
    assert text.index("Helen Marsh") < text.index("Grace Adebayo") < text.index(
        "Joanna Fairweather")


def test_s9_signing_sheet_cancelled_file_dialog_writes_nothing(
        qtbot, kent, db_path, tmp_path, monkeypatch):
    _window, asked = _sheet_from_the_menu(qtbot, kent, db_path, monkeypatch, None)
    assert asked and asked[0][2] == "pdf"
    finish_jobs()
    assert list(tmp_path.glob("*.pdf")) == []


def test_s9_signing_sheet_a_folder_that_cannot_be_written_says_so(kent, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    from clerk_app.services.errors import ClerkError

    with pytest.raises(ClerkError, match="could not be saved in .*Choose another folder"):
        signing_sheet.save_signing_sheet(kent.engine, kent.meeting(), blocked / "sheet.pdf")

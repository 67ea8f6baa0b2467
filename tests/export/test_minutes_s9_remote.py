"""DOMAIN.md §9 "Remote attendance" in what leaves the application: the minutes list a
member on a video link as "attended remotely"; the record file carries the mark and the
body's setting; the attendance year counts such meetings apart, and toward the threshold
only where the body counts remote attendance (§7). Kent LCSP preset (000)."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction

import pytest
from sqlmodel import Session, select

from clerk_app.db.migrate import open_database
from clerk_app.db.tables import Meeting
from clerk_app.export.registers_pdf import annual_report_pdf
from clerk_app.export.spreadsheets import attendance_tables
from clerk_app.rules.attendance import Status
from clerk_app.rules.vocabulary import Mark, RegisterState, RemoteAttendance, SettingKey
from clerk_app.services import constitution, meetings, minutes, records, register, reports
from clerk_app.services.attendance import year_report
from clerk_app.services.remote import set_remote
from tests.conftest import at
from tests.export.minutes_helpers import pdf_body, text_of

REMOTE = SettingKey.REMOTE_ATTENDANCE


def _held(kent, day: date, remote=(), present=()) -> int:
    m = kent.meeting(day)
    for n, key in enumerate(present):
        register.arrive(kent.engine, m, kent.ids[key], at(9, 40 + n, day=day))
    for key in remote:
        set_remote(kent.engine, m, kent.ids[key], at=at(9, 55, day=day))
    meetings.open_meeting(kent.engine, m, at(10, 0, day=day))
    meetings.close_meeting(kent.engine, m, at(11, 0, day=day))
    return m


def test_s9_the_minutes_pdf_says_the_member_attended_remotely(kent):
    m = _held(kent, date(2026, 9, 15), remote=["police"], present=["chair", "yos", "health"])
    text = text_of(minutes.render_minutes(kent.engine, m, "pdf"), "pdf")
    present = text[text.index("Present"):text.index("Apologies") if "Apologies" in text
                   else len(text)]
    assert "Daniel Okafor (Kent Police), Vice-Chair, attended remotely" in present
    assert "Helen Marsh (Oakfield Primary School), Chair" in present
    assert "Helen Marsh (Oakfield Primary School), Chair, attended remotely" not in present
    # Four of seven organisations counted (the Police member was not): never quorate.
    assert "The meeting was not quorate when it opened at 10:00" in text


def test_s9_the_record_file_round_trips_the_mark_and_the_setting(kent, tmp_path):
    constitution.change_setting(kent.engine, kent.body_id, REMOTE, RemoteAttendance.COUNTED)
    _held(kent, date(2026, 9, 15), remote=["police"], present=["chair"])
    data = records.export_record(kent.engine, body_id=kent.body_id)
    records.validate_record(data)
    entries = data["meetings"][0]["register"]
    police_ref = next(p["id"] for p in data["persons"] if p["name"] == "Daniel Okafor")
    assert [e["remote"] for e in entries if e["person_id"] == police_ref] == [True]
    assert {e["remote"] for e in entries if e["person_id"] != police_ref} == {False}
    setting = next(s for s in data["organization"]["settings"] if s["key"] == REMOTE)
    assert setting["value"] == RemoteAttendance.COUNTED
    fresh = open_database(tmp_path / "fresh.sqlite3")
    body_id = records.import_record(fresh, data)
    again = records.export_record(fresh, body_id=body_id)
    assert json.dumps(again, sort_keys=True) == json.dumps(data, sort_keys=True)
    # Imported, the register reads the same: the Police member on video fills Police.
    with Session(fresh) as session:
        meeting_id = session.exec(select(Meeting.id).where(Meeting.body_id == body_id)).one()
    state = register.state(fresh, meeting_id)
    police = next(line for line in state.register if line.name == "Daniel Okafor")
    assert police.state is RegisterState.REMOTE
    assert "Daniel Okafor" in next(g for g in state.quorum.groups
                                   if g.key == "police").filled_by


@pytest.mark.parametrize(("setting", "attended", "status"), [
    (RemoteAttendance.RECORDED, 2, Status.MISSED),  # 2 of 4: short of Kent's 3 of 4
    (RemoteAttendance.COUNTED, 4, Status.MET),
])
def test_s9_attendance_year_counts_remote_meetings_only_where_the_body_counts_them(
        kent, tmp_path, setting, attended, status):
    constitution.change_setting(kent.engine, kent.body_id, REMOTE, setting)
    _held(kent, date(2026, 6, 2), present=["police"])
    _held(kent, date(2026, 9, 1), remote=["police"])
    _held(kent, date(2026, 12, 1), remote=["police"])
    _held(kent, date(2027, 3, 2), present=["police"])
    report = year_report(kent.engine, kent.body_id, 2026, today=date(2027, 3, 31))
    police = next(r for r in report.members if r.name == "Daniel Okafor")
    assert [mark.mark for mark in police.marks] == [Mark.PRESENT, Mark.REMOTE, Mark.REMOTE,
                                                   Mark.PRESENT]
    assert (police.stats.present, police.stats.remote) == (2, 2)
    assert police.stats.attended == attended
    assert police.stats.rate == Fraction(attended, 4) and police.stats.status is status
    summary, by_meeting = attendance_tables(report)
    assert "Remotely" in summary.headers
    row = next(r for r in summary.rows if r[0] == "Daniel Okafor")
    assert row[summary.headers.index("Remotely")] == 2
    assert "Attended remotely" in next(r for r in by_meeting.rows if r[0] == "Daniel Okafor")
    path = annual_report_pdf(tmp_path / "pack.pdf", reports.annual_report(
        kent.engine, kent.body_id, 2026, date(2027, 3, 31)))
    text = " ".join(pdf_body(path.read_bytes()).split())
    counted = "counts" if setting is RemoteAttendance.COUNTED else "does not count"
    assert f"Attending remotely {counted} as attended" in text
    assert "Member Held In person Remote By substitute Apologies Absent Rate Standing" in text
    police_row = "Daniel Okafor 4 2 2 0 0 0"
    assert police_row in text

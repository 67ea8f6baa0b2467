"""The command line writes minutes and agendas, readable by their owner only."""

from __future__ import annotations

import stat

import pytest

from clerk_app import cli
from clerk_app.services import demo
from tests.export.minutes_helpers import hold_kent_meeting, text_of


def run(*args: str) -> int:
    return cli.main(list(args))


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_export_minutes_and_agenda_from_the_command_line(engine, db_path, tmp_path, fmt):
    demo.build_demo(engine)
    minutes_file, agenda_file = tmp_path / f"minutes.{fmt}", tmp_path / f"agenda.{fmt}"
    assert run("export", "1", "--format", fmt, "-o", str(minutes_file), "--db",
               str(db_path)) == 0
    assert run("agenda", "2", "--format", fmt, "-o", str(agenda_file), "--db",
               str(db_path)) == 0
    assert "substitute for Dr Siân Pritchard" in text_of(minutes_file.read_bytes(), fmt)
    assert "Agenda for the meeting on" in text_of(agenda_file.read_bytes(), fmt)
    for written in (minutes_file, agenda_file):
        assert stat.S_IMODE(written.stat().st_mode) == 0o600


def test_an_existing_file_is_replaced_and_made_private(engine, db_path, tmp_path):
    demo.build_demo(engine)
    target = tmp_path / "minutes.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    assert run("export", "1", "--format", "pdf", "-o", str(target), "--db", str(db_path)) == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_public_and_confidential_versions(kent, db_path, tmp_path):
    held = hold_kent_meeting(kent)
    public, annex = tmp_path / "public.pdf", tmp_path / "annex.docx"
    assert run("export", str(held.meeting_id), "--format", "pdf", "--public", "-o",
               str(public), "--db", str(db_path)) == 0
    assert run("export", str(held.meeting_id), "--format", "docx", "--confidential", "-o",
               str(annex), "--db", str(db_path)) == 0
    assert "SECRET-NOTE-77" not in text_of(public.read_bytes(), "pdf")
    assert "SECRET-NOTE-77" in text_of(annex.read_bytes(), "docx")


def test_refusals_say_why_and_write_nothing(engine, db_path, tmp_path, capsys):
    demo.build_demo(engine)
    annex = tmp_path / "annex.pdf"
    assert run("export", "1", "--format", "pdf", "--confidential", "-o", str(annex),
               "--db", str(db_path)) == 2
    assert "no exempt items" in capsys.readouterr().err
    record = tmp_path / "record.json"
    assert run("export", "1", "--format", "json", "--public", "-o", str(record),
               "--db", str(db_path)) == 2
    assert "for minutes" in capsys.readouterr().err
    assert run("export", "99", "--format", "pdf", "-o", str(annex), "--db", str(db_path)) == 2
    assert not annex.exists() and not record.exists()

"""What the table's status line calls saved is in the file, however soon the process dies.

A child takes the register at the real table (offscreen, tests/crash/table_child.py),
printing the status line each time it says "Saved …"; the parent kills it with SIGKILL
the moment it reads one, then reads the file with a fresh connection: every arrival the
screen called saved is there. The register keeps the meeting in memory between key
presses (services/live.py), so this is the check that the screen never runs ahead of
the disk.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from clerk_app.db.backup import copy_database
from tests.conftest import Kent
from tests.crash import harness

ROOT = Path(__file__).resolve().parents[2]
NAMES = {name: key for key, name, *_rest in Kent.SEATS}


def _arrivals(db: Path, meeting_id: int) -> set[int]:
    with harness._connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return {person for (person,) in connection.execute(
            "SELECT person_id FROM attendanceevent WHERE meeting_id = ? AND kind = 'arrive' "
            "AND struck_out_at IS NULL", (meeting_id,))}


def _said_saved(line: str) -> str | None:
    """Who the status line says arrived ("Saved 09:30 — Helen Marsh arrived")."""
    if line.startswith("Saved ") and line.endswith(" arrived"):
        return line.split(" — ", 1)[1].removesuffix(" arrived")
    return None


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, Path, dict]:
    work = tmp_path_factory.mktemp("table-kill")
    ids = harness.build_template(work / "template.sqlite3")
    ids_file = work / "ids.json"
    ids_file.write_text(json.dumps(ids), encoding="utf-8")
    return work / "template.sqlite3", ids_file, ids


@pytest.mark.parametrize("saved_before_kill", [1, 4])
def test_every_arrival_the_screen_called_saved_is_in_the_file(tmp_path, template,
                                                             saved_before_kill):
    source, ids_file, ids = template
    db = tmp_path / "record.sqlite3"
    copy_database(source, db)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-m", "tests.crash.table_child", str(db),
                              str(ids_file)], stdout=subprocess.PIPE, text=True, env=env,
                             cwd=ROOT)
    saved: list[str] = []
    for line in child.stdout:
        name = _said_saved(line.strip())
        if name is not None:
            saved.append(name)
            if len(saved) == saved_before_kill:
                child.send_signal(signal.SIGKILL)  # right after the screen said it
                break
    child.communicate()
    assert child.returncode == -signal.SIGKILL, "the child ended before it was killed"
    assert len(saved) == saved_before_kill
    arrived = _arrivals(db, ids["meeting"])
    for name in saved:
        assert ids["people"][NAMES[name]] in arrived, f"{name} was called saved but is lost"

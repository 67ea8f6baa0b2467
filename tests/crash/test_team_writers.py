"""Several clerks record different meetings of one team record at once, and are killed
at random (issue 17): nothing acknowledged is lost, nothing is half there or there
twice, and every second clerk asking for a meeting being recorded is refused.

Each round starts one recording process per meeting (tests/crash/team_child.py), on the
real PostgreSQL server; once all hold their meetings, a second clerk asks for one of
them and must be refused with the message; then each first clerk is killed (SIGKILL) at
a random moment or let finish. After every round each meeting's events must be exactly
the first N steps of its script, N covering every step a clerk was told was saved, and
at most the one in flight beyond. The next round's clerks carry on from there.

The suite runs two rounds of 60 steps; CLERK_TEAM_ROUNDS=50 makes a longer run (the
script grows with it, up to CLERK_TEAM_STEPS=780).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from datetime import time as clock_time
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, select

from clerk_app import clock
from clerk_app.db.migrate import open_database
from clerk_app.db.tables import AttendanceEvent
from clerk_app.services import meetings
from tests.conftest import MEETING_DAY, Kent
from tests.crash.team_child import step

ROOT = Path(__file__).resolve().parents[2]
MEETINGS = 3
ROUNDS = int(os.environ.get("CLERK_TEAM_ROUNDS", "2"))
STEPS = int(os.environ.get("CLERK_TEAM_STEPS", min(780, 30 * ROUNDS)))  # 10:01 to 23:00
SEED = int(os.environ.get("CLERK_TEAM_SEED", "17"))


STARTED: list[subprocess.Popen] = []  # every clerk, killed if the test fails midway


def clerk(url: str, meeting: int, people: list[int], *extra: str) -> subprocess.Popen:
    STARTED.append(subprocess.Popen(
        [sys.executable, "-m", "tests.crash.team_child", url, str(meeting),
         ",".join(map(str, people)), str(STEPS), *extra],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)}))
    return STARTED[-1]


def recorded(engine, meeting: int) -> list[tuple]:
    with Session(engine) as session:
        rows = session.exec(select(AttendanceEvent).where(
            AttendanceEvent.meeting_id == meeting).order_by(AttendanceEvent.at)).all()
    return [(r.person_id, r.kind, r.at) for r in rows]


def kill_later(child: subprocess.Popen, rnd: random.Random) -> str:
    """Kill a clerk (SIGKILL) a few steps in, at a random moment of a step; what it said."""
    said = []
    for _ in range(rnd.randint(0, 6)):
        said.append(child.stdout.readline())
        if said[-1].strip() == "done":
            break
    time.sleep(rnd.uniform(0, 0.03))  # into the next step's transaction, or not
    child.kill()
    return "".join(said)


def rest_of(child: subprocess.Popen) -> str:
    """What a clerk says until it ends, once told to finish (its input closed). Read from
    its stream, not by communicate(), which would miss lines already read into its buffer."""
    child.stdin.close()
    said = child.stdout.read()
    child.wait(timeout=120)
    return said


def test_clerks_recording_different_meetings_at_once_lose_nothing_when_killed(
        postgres_url, clock_after_the_meetings):
    engine = open_database(postgres_url)
    kent = Kent(engine)
    people = [kent.ids[key] for key, *_rest in Kent.SEATS]
    days = {}
    for n in range(MEETINGS):
        day = MEETING_DAY + timedelta(days=n)
        meeting = kent.meeting(day)
        meetings.open_meeting(engine, meeting, clock.at(day, clock_time(10, 0)))
        days[meeting] = day
    rnd = random.Random(SEED)
    acknowledged = 0
    try:
        for _round in range(ROUNDS):
            before = {m: len(recorded(engine, m)) for m in days}
            first = {m: clerk(postgres_url, m, people) for m in days}
            for child in first.values():
                assert child.stdout.readline().strip() == "held"
            asked = rnd.choice(list(days))
            said, _ = clerk(postgres_url, asked, people, "--second").communicate(timeout=60)
            assert said.startswith("refused This meeting is already open for recording by "
                                   "another clerk"), said
            assert "ack" not in said
            killed = {m for m in days if rnd.random() < 0.7} or {rnd.choice(list(days))}
            early = {m: kill_later(first[m], rnd) if m in killed else "" for m in days}
            for m, child in first.items():
                out = early[m] + rest_of(child)
                acks = [int(line.split()[1]) for line in out.splitlines()
                        if line.startswith("ack")]
                assert child.returncode == (-9 if m in killed else 0), out
                held = recorded(engine, m)
                assert held == [step(k, days[m], people) for k in range(len(held))]
                assert all(k < len(held) for k in acks)  # every one acknowledged is kept
                told = max(acks, default=before[m] - 1) + 1
                assert told <= len(held) <= told + (m in killed)  # and the one in flight
                if m not in killed:
                    assert len(held) == STEPS and "done" in out
                acknowledged += len(acks)
    finally:
        for child in STARTED:
            if child.poll() is None:
                child.kill()
                child.communicate()
        engine.dispose()
    assert acknowledged > 0

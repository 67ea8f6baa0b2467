"""Crash harness: record a meeting in a child process, kill it at random, check the file.

A child process opens a record the way the application does (writer lock, quick
check, backup on open) and runs a scripted meeting of several hundred recording actions
through the services, printing "ack N" after each call returns: the moment the screen
would show the action as recorded. The parent kills it with SIGKILL at a random moment
(seeded), then checks the file with a fresh connection:

- PRAGMA integrity_check is ok, and every backup in backups/ passes it too;
- the record is exactly the record after some prefix of the script, found by comparing
  it with fingerprints taken after each action of a reference run: no action is half
  there, nothing is there that should not be;
- that prefix holds every acknowledged action (it is the acknowledged ones, or those
  and the one in flight, which may have committed just before the kill).

Then a new child carries on from where the record stands, as the clerk would after
restarting the laptop, until the meeting is closed; then a new meeting file. SIGKILL
stops the process, not the machine: what survives a power cut on top of this is
SQLite's (WAL with synchronous=FULL, https://sqlite.org/atomiccommit.html).

    python -m tests.crash.harness --kills 200 --seed 1      # the long run (make crash)
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from clerk_app import clock
from clerk_app.db.backup import copy_database
from clerk_app.db.migrate import open_database
from clerk_app.rules.voting import Tally
from clerk_app.services import actions, backups, decisions, meetings, register
from clerk_app.services.opening import open_record

DAY = date(2026, 9, 15)
BUSINESS_ITEMS = 50
# Columns written from the wall clock rather than from the script: not compared.
WALL_CLOCK = {("auditentry", "at"), ("attendanceevent", "recorded_at")}


def _at(seconds: int) -> datetime:
    return clock.at(DAY, clock_time(9, 30)) + timedelta(seconds=seconds)


# --- The meeting ----------------------------------------------------------------------------


def build_template(path: Path) -> dict:
    """A record with the Kent LCSP board and a meeting of many items; returns the ids."""
    from tests.conftest import Kent

    engine = open_database(path)
    kent = Kent(engine)
    items = [f"Report {n}: partnership business" for n in range(1, BUSINESS_ITEMS + 1)]
    meeting = kent.meeting(DAY, items)
    ids = {"meeting": meeting, "people": kent.ids,
           "items": [kent.items[p] for p in sorted(kent.items)]}
    engine.dispose()
    return ids


Step = tuple[str, Callable]


def script(ids: dict) -> list[Step]:
    """The meeting, action by action: every kind of recording action, several hundred."""
    m, p, items = ids["meeting"], ids["people"], ids["items"]
    steps: list[Step] = []
    t = 0

    def step(label: str, action: Callable) -> None:
        nonlocal t
        t += 20
        when = _at(t)
        steps.append((label, lambda e: action(e, when)))

    for key in ("chair", "edu2", "police", "yos", "district", "vcs", "social", "manager"):
        step(f"arrive {key}", lambda e, w, k=key: register.arrive(e, m, p[k], w))
    step("substitute", lambda e, w: register.add_substitute(e, m, p["health"],
                                                            p["health_deputy"], w))
    step("walk-in", lambda e, w: register.add_in_attendance(
        e, m, "Ellie Brookes", "Kent County Council", "Clerk", at=w))
    step("public", lambda e, w: meetings.set_public_count(e, m, 3, "Two residents, a reporter"))
    step("refused: arrive twice", lambda e, w: register.arrive(e, m, p["chair"], w))
    step("open", lambda e, w: meetings.open_meeting(e, m, w))
    for n, item in enumerate(items, start=1):
        step(f"start {n}", lambda e, w, i=item: meetings.start_item(e, m, i, w))
        step(f"notes {n}", lambda e, w, i=item, n=n: meetings.set_item_notes(
            e, i, f"Item {n}: the report was presented and questions answered. " * 3))
        if n % 3 == 0:
            step(f"declare {n}", lambda e, w, i=item: decisions.declare_interest(
                e, i, p["vcs"], "pecuniary", "Trustee of a bidder", at=w))
        if n % 4 == 1:
            step(f"leave {n}", lambda e, w: register.leave(e, m, p["district"], w))
            step(f"return {n}", lambda e, w: register.arrive(e, m, p["district"], w))
        if n % 5 == 2:
            step(f"withdraw {n}", lambda e, w, i=item: register.withdraw(e, m, p["social"], i, w))
            step(f"back {n}", lambda e, w, i=item: register.return_to_item(
                e, m, p["social"], i, w))
        if n % 3 == 0:
            step(f"vcs back {n}", lambda e, w, i=item: register.return_to_item(
                e, m, p["vcs"], i, w))
        if n > 3 and n % 2 == 0:
            step(f"vote {n}", lambda e, w, i=item, n=n: decisions.record_vote(
                e, i, f"approve report {n}", Tally(4 + n % 3, 1, 1), at=w,
                did_not_vote_confirmed=True))
        else:
            kind = "noted" if n <= 3 else "consensus"
            step(f"decide {n}", lambda e, w, i=item, n=n, k=kind: decisions.record_decision(
                e, i, k, f"the recommendations of report {n} be agreed", at=w))
        step(f"action {n}", lambda e, w, i=item, n=n: actions.add_action(
            e, m, f"Circulate the revised report {n}", "Joanna Fairweather", item_id=i))
        if n % 10 == 0:
            step(f"backup {n}", lambda e, w: backups.backup_now(e, "manual"))
    step("close", lambda e, w: meetings.close_meeting(e, m, w))
    return steps


# --- Fingerprints -------------------------------------------------------------------------


def _connect(where) -> contextlib.closing[sqlite3.Connection]:
    """A connection that is closed on leaving the block, not when the garbage collector
    gets to it: a connection left open in this process would share SQLite's WAL index
    with the next one and spare it the recovery that the next start of the application
    does, so the check would not see what the clerk would see."""
    return contextlib.closing(sqlite3.connect(where, uri=str(where).startswith("file:")))


def fingerprint(path: Path) -> str:
    """The record's content, every table and row, without the wall-clock columns."""
    digest = hashlib.sha256()
    with _connect(f"{path.resolve().as_uri()}?mode=ro") as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for table in tables:
            # A row's identity is drawn at random when it is made, as the clock is read.
            columns = [c[1] for c in connection.execute(f"PRAGMA table_info({table})")
                       if (table, c[1]) not in WALL_CLOCK and c[1] != "uuid"]
            digest.update(f"{table}:{columns}".encode())
            for row in connection.execute(f"SELECT {', '.join(columns)} FROM {table} "
                                          "ORDER BY rowid"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def _run_step(engine, step: Step) -> None:
    from clerk_app.services.errors import ClerkError

    label, action = step
    try:
        action(engine)
    except ClerkError:
        if not label.startswith("refused"):
            raise


def reference(template: Path, ids: dict, work: Path) -> list[str]:
    """The fingerprint before the script and after each of its actions."""
    path = work / "reference.sqlite3"
    copy_database(template, path)
    engine = open_database(path)
    prints = [fingerprint(path)]
    for step in script(ids):
        _run_step(engine, step)
        prints.append(fingerprint(path))
    engine.dispose()
    return prints


# --- The child ------------------------------------------------------------------------------


def child(db: Path, ids_file: Path, start: int) -> None:
    ids = json.loads(ids_file.read_text(encoding="utf-8"))
    record = open_record(db)
    print("opened", flush=True)
    for index, step in enumerate(script(ids)[start:], start=start):
        _run_step(record.engine, step)
        print(f"ack {index}", flush=True)
    record.close()
    print("done", flush=True)


# --- The parent -----------------------------------------------------------------------------


@dataclass
class Figures:
    kills: int = 0
    runs: int = 0
    children: int = 0
    acknowledged: int = 0  # acknowledged actions checked present after a kill
    where: Counter = field(default_factory=Counter)  # what the child was doing when killed
    in_flight_kept: int = 0  # the unacknowledged action in flight had committed
    backups_checked: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        where = ", ".join(f"{n} {what}" for what, n in self.where.most_common())
        return (f"{self.kills} kills (SIGKILL) over {self.runs} meetings and {self.children} "
                f"child processes in {self.seconds:.0f} s: killed {where}. After every kill "
                "the integrity check was ok and the record was exactly the record after the "
                f"acknowledged actions ({self.acknowledged} acknowledgements checked, "
                "counting an action again at each kill after it; in "
                f"{self.in_flight_kept} kills the action in flight had also committed, whole). "
                f"{self.backups_checked} checks of backups, all ok.")


class CrashFailure(AssertionError):
    pass


def _check(db: Path, acked: int, prints: list[str]) -> int:
    """The number of actions the record holds, after checking it is a whole prefix."""
    with _connect(db) as connection:  # as the next start of the application would
        result = connection.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        raise CrashFailure(f"integrity_check after a kill: {result}")
    found = fingerprint(db)
    for held in (acked, acked + 1):
        if held < len(prints) and prints[held] == found:
            return held
    raise CrashFailure(f"after {acked} acknowledged actions the record matches neither "
                       "them nor them plus the action in flight")


def _check_backups(db: Path) -> int:
    folder = db.parent / "backups"
    count = 0
    for backup in sorted(folder.glob("*.sqlite3")) if folder.is_dir() else []:
        with _connect(f"{backup.as_uri()}?mode=ro") as connection:
            if connection.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                raise CrashFailure(f"backup {backup.name} fails the integrity check")
        count += 1
    return count


def run(kills: int, seed: int, work: Path, log: Callable[[str], None] = print) -> Figures:
    """Kill children until `kills` kills have been checked; raise CrashFailure if any fails."""
    rnd = random.Random(seed)
    figures = Figures()
    began = time.monotonic()
    template = work / "template.sqlite3"
    ids = build_template(template)
    ids_file = work / "ids.json"
    ids_file.write_text(json.dumps(ids), encoding="utf-8")
    prints = reference(template, ids, work)
    steps = script(ids)
    labels = [label for label, _action in steps]
    # The child's pace, to spread kills over whole steps and their transactions.
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    while figures.kills < kills:
        figures.runs += 1
        folder = work / f"meeting-{figures.runs}"
        folder.mkdir()
        db = folder / "record.sqlite3"
        copy_database(template, db)
        held = 0
        while figures.kills < kills:
            figures.children += 1
            process = subprocess.Popen(
                [sys.executable, "-m", "tests.crash.harness", "child", str(db), str(ids_file),
                 str(held)], stdout=subprocess.PIPE, text=True, env=env)
            lines: list[str] = []
            remaining = len(steps) - held
            if rnd.random() < 0.1:
                # Kill while it starts and opens the record (lock, check, backup).
                time.sleep(rnd.uniform(0.0, 1.5))
            else:
                wait_for = rnd.randint(0, remaining)
                while True:
                    line = process.stdout.readline()
                    if not line:
                        break
                    lines.append(line.strip())
                    if sum(x.startswith("ack") for x in lines) >= wait_for:
                        break
                time.sleep(rnd.uniform(0.0, 0.03))  # into the next transaction, or not
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                killed = True
            else:
                killed = False
            rest, _ = process.communicate()
            lines += [x.strip() for x in rest.splitlines()]
            if process.returncode not in (0, -signal.SIGKILL):
                raise CrashFailure(f"the child failed on its own (exit {process.returncode})")
            acked = held + sum(x.startswith("ack") for x in lines)
            now = _check(db, acked, prints)
            figures.backups_checked += _check_backups(db)
            if killed:
                figures.kills += 1
                figures.acknowledged += acked
                figures.in_flight_kept += now == acked + 1
                if "opened" not in lines:
                    figures.where["while opening the record"] += 1
                elif now >= len(steps) or acked >= len(steps):
                    figures.where["after the last action"] += 1
                else:
                    kind = labels[acked].split()[0]
                    figures.where[f"during or after '{kind}'"] += 1
            held = now
            if "done" in lines or held == len(steps):
                if held != len(steps):
                    raise CrashFailure("the child finished but the record is not whole")
                break
        log(f"meeting {figures.runs}: {figures.kills} kills so far")
    figures.seconds = time.monotonic() - began
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode")
    kid = sub.add_parser("child")
    kid.add_argument("db", type=Path)
    kid.add_argument("ids", type=Path)
    kid.add_argument("start", type=int)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="folder for the files (default: a new one)")
    args = parser.parse_args(argv)
    if args.mode == "child":
        child(args.db, args.ids, args.start)
        return 0
    import tempfile

    work = args.work or Path(tempfile.mkdtemp(prefix="clerk-crash-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Crash run: {args.kills} kills, seed {args.seed}, files in {work}")
    try:
        figures = run(args.kills, args.seed, work)
    except CrashFailure as failure:
        print(f"FAILED: {failure}")
        return 1
    print(f"OK: {len(script(json.loads((work / 'ids.json').read_text())))} actions per "
          f"meeting. {figures.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

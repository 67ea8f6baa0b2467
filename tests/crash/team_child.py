"""A clerk recording one meeting of a team record, as the table does, for the test of
several clerks at once (tests/crash/test_team_writers.py).

It takes the meeting (or prints "refused" and the message, and stops), prints "held",
then records the meeting's script of arrivals and departures from where the record
stands, with the meeting kept in memory as at the table, printing "ack N" once step N
is saved. After the last it prints "done" and keeps the meeting until its input closes.
A first writer waits a few seconds for a meeting a killed clerk held (the server drops
that session's lock once it sees the connection closed); a second (--second) does not.

    python -m tests.crash.team_child URL MEETING PEOPLE STEPS [--second]
"""

from __future__ import annotations

import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock_time

from clerk_app.rules.vocabulary import AttendanceKind

WAIT_FOR_A_KILLED_HOLDER = 10.0  # seconds


def step(k: int, day: date, people: list[int]) -> tuple[int, AttendanceKind, datetime]:
    """Step k of a meeting's script: each person in turn arrives, then leaves, then
    arrives again…, a minute apart from 10:01."""
    from clerk_app import clock

    kind = AttendanceKind.ARRIVE if (k // len(people)) % 2 == 0 else AttendanceKind.LEAVE
    return (people[k % len(people)], kind,
            clock.at(day, clock_time(10, 0)) + timedelta(minutes=k + 1))


def _take(engine, meeting: int, second: bool):
    from clerk_app.db.errors import MeetingInUse
    from clerk_app.services.meeting_writer import take_meeting

    deadline = time.monotonic() + (0 if second else WAIT_FOR_A_KILLED_HOLDER)
    while True:
        try:
            return take_meeting(engine, meeting)
        except MeetingInUse as error:
            if time.monotonic() >= deadline:
                print("refused", error.message, flush=True)
                return None
            time.sleep(0.05)


def main(url: str, meeting: int, people: list[int], steps: int, second: bool) -> None:
    from sqlmodel import Session, func, select

    from clerk_app import clock
    from clerk_app.db.tables import AttendanceEvent
    from clerk_app.services import meetings, register
    from clerk_app.services.live import LiveMeeting
    from clerk_app.services.opening import open_record

    clock.now = lambda: clock.at(date(2030, 1, 2), clock_time(12, 0))  # times are typed
    record = open_record(url)
    lock = _take(record.engine, meeting, second)
    if lock is None:
        record.close()
        return
    print("held", flush=True)
    engine = record.engine
    day = meetings.meeting_summary(engine, meeting, with_items=False).date
    live = LiveMeeting(engine, meeting)
    live.read()
    with Session(engine) as session:
        start = session.exec(select(func.count()).select_from(AttendanceEvent).where(
            AttendanceEvent.meeting_id == meeting)).one()
    for k in range(start, steps):
        person, kind, at = step(k, day, people)
        record_it = register.arrive if kind is AttendanceKind.ARRIVE else register.leave
        record_it(engine, meeting, person, at, live=live)
        print(f"ack {k}", flush=True)
    print("done", flush=True)
    sys.stdin.read()
    lock.release()
    record.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), [int(p) for p in sys.argv[3].split(",")],
         int(sys.argv[4]), "--second" in sys.argv[5:])

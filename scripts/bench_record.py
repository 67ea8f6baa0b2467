"""The benchmarks' record: a 60-member board with years of monthly meetings behind it,
and a large meeting still to hold.

The board is Lincolnshire's Children and Young People's Strategic Partnership (seed 002)
with its seats doubled and two more district council seats: 60 voting members, so its
one-third quorum becomes 20. The
history is written in one transaction straight into the tables, in the shapes the
recording services write (register entries, arrivals, items, decisions, votes with
names, audit lines): ten years of meetings through the services would take minutes
and measure nothing. The meeting to hold is created through the services.

A council's record (`council_record`) holds many bodies, made from the presets in turn,
each with its people and its years of meetings written the same way, one transaction
per body; it is cached in .bench-cache/ (see `COUNCIL_VERSION`).
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import select

from clerk_app import clock
from clerk_app.db.engine import unit_of_work
from clerk_app.db.migrate import open_database
from clerk_app.db.tables import (
    AgendaItem,
    AttendanceEvent,
    AuditEntry,
    Category,
    Decision,
    Meeting,
    Membership,
    Office,
    OfficeTerm,
    Organisation,
    Person,
    RegisterEntry,
    Vote,
    VotePosition,
)
from clerk_app.services import meetings, membership, presets
from clerk_app.services.meetings import STANDARD_ITEMS, ItemSpec

MEETING_DAY = date(2026, 9, 15)  # the large meeting; the history runs up to the month before
MEMBERS = 60
PUBLIC = 200
ITEMS = 40  # the three standard items included


@dataclass(frozen=True)
class Board:
    body_id: int
    members: tuple[int, ...]  # person ids, the Chair first


def build_board(engine: Engine) -> Board:
    """The board and its 60 members, through the services (doubling the seats aside)."""
    body_id = presets.create_body_from_preset(engine, "lincolnshire-cypsp")
    with unit_of_work(engine) as session:
        categories = session.exec(select(Category).where(Category.body_id == body_id)).all()
        for category in categories:
            category.seats *= 2
            if category.key == "district_councils":
                category.seats += 2  # 29 voting seats doubled, and two more: 60
            session.add(category)
        seats = [(c.key, c.voting) for c in sorted(categories, key=lambda c: c.position)
                 for _ in range(c.seats)]
    voting_seats = [key for key, voting in seats if voting]
    start = MEETING_DAY - timedelta(days=3700)
    members = []
    for n, key in enumerate(voting_seats[:MEMBERS]):
        person = membership.add_person(engine, f"Member {n + 1:02d} Ó'Brien-Łukasiewicz",
                                       f"Agency {n % 17 + 1}")
        membership.add_member(engine, body_id, person, key, start_date=start)
        members.append(person)
    if len(members) < MEMBERS:
        raise RuntimeError(f"the preset has {len(members)} voting seats doubled, not {MEMBERS}")
    membership.appoint_office(engine, body_id, "chair", members[0], start_date=start)
    membership.appoint_office(engine, body_id, "vice_chair", members[1], start_date=start)
    return Board(body_id, tuple(members))


def build_history(engine: Engine, board: Board, years: int, seed: int = 1) -> int:
    """Monthly meetings over `years` years before the large meeting; returns how many."""
    rng = random.Random(seed)
    with unit_of_work(engine) as session:
        # Memberships are looked up once, so the entries carry them as the services do.
        seat = {m.person_id: m.id for m in membership.active_memberships(session, board.body_id,
                                                                         MEETING_DAY)}
        for months_back in range(years * 12, 0, -1):
            _held_meeting(session, board.body_id, seat, _months_before(MEETING_DAY, months_back),
                          rng, "Children and Young People's Strategic Partnership",
                          "County Offices, Lincoln")
    return years * 12


def _held_meeting(session, body_id: int, seat: dict[int, int], day: date, rng: random.Random,
                  title: str, venue: str) -> None:
    """One closed meeting with approved minutes, as the recording services leave it: the
    register (a fifth away, most of them with apologies), arrivals with their audit lines,
    three business items each carried on a recorded vote of everyone present."""
    opened, closed = clock.at(day, time(10, 0)), clock.at(day, time(12, 0))
    meeting = Meeting(body_id=body_id, title=title, date=day, start_time=time(10, 0),
                      venue=venue, status="closed", opened_at=opened, closed_at=closed,
                      public_count=rng.randint(0, 30), minutes_status="approved")
    session.add(meeting)
    session.flush()
    kinds = list(STANDARD_ITEMS) + [("business", t) for t in (
        "Performance report", "Early help strategy", "Budget monitoring")]
    items = [AgendaItem(meeting_id=meeting.id, position=position, title=title, kind=kind,
                        started_at=opened + timedelta(minutes=10 * position))
             for position, (kind, title) in enumerate(kinds, start=1)]
    session.add_all(items)
    session.flush()
    present = []
    for n, person in enumerate(seat):
        away = rng.random() < 0.2
        session.add(RegisterEntry(meeting_id=meeting.id, person_id=person, capacity="member",
                                  membership_id=seat[person],
                                  apologies=away and rng.random() < 0.7))
        if away:
            continue
        present.append(person)
        arrived = clock.at(day, time(9, 30)) + timedelta(seconds=20 * n)
        session.add(AttendanceEvent(meeting_id=meeting.id, person_id=person, kind="arrive",
                                    at=arrived, recorded_at=arrived))
        session.add(AuditEntry(meeting_id=meeting.id, body_id=body_id, at=arrived,
                               action="register.arrive", detail={"person_id": person}))
    for item in items[3:]:
        decision = Decision(item_id=item.id, kind="vote", text="the report be approved",
                            decided_at=item.started_at + timedelta(minutes=8),
                            quorum_summary="Quorate")
        session.add(decision)
        session.flush()
        vote = Vote(decision_id=decision.id, method="recorded", motion="the report be approved",
                    votes_for=len(present), carried=True,
                    eligible=[{"person_id": p, "name": ""} for p in present],
                    sentence=f"For {len(present)}, Against 0, Abstentions 0. "
                             "The motion was carried.")
        session.add(vote)
        session.flush()
        session.add_all(VotePosition(vote_id=vote.id, person_id=p, position="for")
                        for p in present)


# --- a council's whole record: many bodies, each with its history ---------------------

# Change it whenever build_council writes something else: the cached records carry it in
# their names, so the next run builds them afresh instead of measuring a stale one.
COUNCIL_VERSION = 2
COUNCIL_CACHE = Path(__file__).resolve().parent.parent / ".bench-cache"
# The bodies cycle through the five presets, so the council's record has boards of 7 to
# 36 seats, each constitution's own categories, offices and quorum rule.
COUNCIL_PRESETS = ("kent-lcsp", "lincolnshire-cypsp", "kent-ct", "cumbria-cypb",
                   "kent-ct-county-board")
AGENCIES = 17


def council_record(bodies: int, years: int) -> Path:
    """The council's record of `bodies` bodies with `years` of monthly meetings each,
    built the first time it is asked for and kept in .bench-cache/ (ignored by git) under
    a name that carries COUNCIL_VERSION. Built under a name of this process's own and
    renamed when whole, so an interrupted build is never taken for the record (delete
    .bench-cache/ to clear what one left)."""
    path = COUNCIL_CACHE / council_name(bodies, years)
    if path.exists():
        return path
    COUNCIL_CACHE.mkdir(exist_ok=True)
    partial = path.with_name(f"{path.stem}.{os.getpid()}.partial.sqlite3")
    engine = open_database(partial)
    try:
        build_council(engine, bodies, years)
    finally:
        engine.dispose()  # the last connection closed: the log is folded into the file
    partial.replace(path)
    return path


def council_name(bodies: int, years: int) -> str:
    return f"council-v{COUNCIL_VERSION}-{bodies}x{years}.sqlite3"


def build_council(engine: Engine, bodies: int, years: int, seed: int = 1) -> list[int]:
    """`bodies` bodies made from the presets in turn, every seat filled, a Chair and a
    Vice-Chair, and `years` of monthly meetings each up to the month before the large
    meeting's day; each body's people and history in one transaction, straight into the
    tables. Returns the bodies' ids."""
    rng = random.Random(seed)
    with unit_of_work(engine) as session:
        agencies = [Organisation(name=f"Agency {n}") for n in range(1, AGENCIES + 1)]
        session.add_all(agencies)
        session.flush()
        agency_ids = [a.id for a in agencies]
    body_ids = []
    for n in range(bodies):
        preset = COUNCIL_PRESETS[n % len(COUNCIL_PRESETS)]
        name = f"{presets.preset_draft(preset)['body']['short_name']} — area {n + 1:02d}"
        body_id = presets.create_body_from_preset(engine, preset, key=f"area-{n + 1:02d}",
                                                  name=name)
        with unit_of_work(engine) as session:
            seat = _seat_everyone(session, body_id, n, agency_ids)
            for months_back in range(years * 12, 0, -1):
                _held_meeting(session, body_id, seat, _months_before(MEETING_DAY, months_back),
                              rng, name, f"Civic Centre, area {n + 1:02d}")
        body_ids.append(body_id)
    return body_ids


def _seat_everyone(session, body_id: int, area: int, agency_ids: list[int]) -> dict[int, int]:
    """Every seat of the body filled by a person of its own, the first two made Chair and
    Vice-Chair; returns each person's membership id."""
    start = _months_before(MEETING_DAY, 12 * 11)
    categories = session.exec(select(Category).where(Category.body_id == body_id)
                              .order_by(Category.position)).all()
    seat = {}
    for category in categories:
        for s in range(category.seats):
            person = Person(name=f"Área {area + 1:02d} {category.name[:24]} {s + 1} "
                                 "Ó'Brien-Łukasiewicz",
                            agency_id=agency_ids[(area + len(seat)) % len(agency_ids)])
            session.add(person)
            session.flush()
            member = Membership(body_id=body_id, person_id=person.id, category_id=category.id,
                                start_date=start)
            session.add(member)
            session.flush()
            seat[person.id] = member.id
    offices = session.exec(select(Office).where(Office.body_id == body_id)
                           .order_by(Office.id)).all()
    for office, person_id in zip(offices, seat, strict=False):
        session.add(OfficeTerm(body_id=body_id, office_id=office.id, person_id=person_id,
                               start_date=start))
    return seat


def _months_before(day: date, months: int) -> date:
    month = day.month - 1 - months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def create_large_meeting(engine: Engine, board: Board) -> tuple[int, list[int]]:
    """The large meeting, not yet opened: 40 items, 200 members of the public named.
    Returns the meeting id and its business items' ids in agenda order."""
    business = [ItemSpec(f"Report {n}: children's services performance & <budget> — "
                         f"quarter {n % 4 + 1}", presenter=f"Officer {n}",
                         papers=f"Paper {n:02d}")
                for n in range(1, ITEMS - len(STANDARD_ITEMS) + 1)]
    meeting_id = meetings.create_meeting(engine, board.body_id, MEETING_DAY, time(10, 0),
                                         "County Offices, Lincoln", business)
    names = "; ".join(f"Résident {n} العربية" for n in range(PUBLIC))
    meetings.set_public_count(engine, meeting_id, PUBLIC, names)
    items = meetings.meeting_summary(engine, meeting_id).items
    return meeting_id, [i.item_id for i in items if i.position > len(STANDARD_ITEMS)]


class PinnedClock:
    """The laptop's clock during the benchmark: on the meeting's day, a few seconds on at
    each reading, so that every recorded time falls on the meeting day in order."""

    def __init__(self) -> None:
        self._now = clock.at(MEETING_DAY, time(9, 0))

    def __call__(self) -> datetime:
        self._now += timedelta(seconds=2)
        return self._now

    def install(self) -> None:
        clock.now = self


def board_of(engine: Engine) -> Board:
    """The board as `build_board` left it, read back from a copy of the record."""
    from sqlmodel import Session

    from clerk_app.db.tables import Body

    with Session(engine) as session:
        body = session.exec(select(Body).where(Body.preset_key == "lincolnshire-cypsp")).one()
        members = session.exec(select(Membership.person_id).where(
            Membership.body_id == body.id).order_by(Membership.id)).all()
    return Board(body.id, tuple(members))

"""A meeting of a team record taken offline to a laptop, and brought back (issue 17).

Taking it offline writes a meeting record file (so a USB stick works too) holding the
body, its people and organisations, the meeting and what the table needs: the previous
meeting (to approve its minutes), the meetings with open actions and the attendance year
so far. The team record marks the meeting as taken by that laptop, and keeps it
read-only until it is brought back or the clerk clears the mark
(`recording.writable_meeting`). The laptop takes the file into its own record.

Bringing it back reads the laptop's record (or a record file written from it) and
merges the meeting into the team record by identity (services/record_merge.py), in one
transaction; it is refused, with nothing written, when the team's copy changed since it
was taken, saying what changed, and when it was already brought back. Both sides' audit
trails are kept.
"""

from __future__ import annotations

import getpass
import json
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from clerk_app import clock
from clerk_app.db.engine import is_server, unit_of_work
from clerk_app.db.tables import (
    Action,
    AgendaItem,
    AttendanceEvent,
    AuditEntry,
    Body,
    Decision,
    Declaration,
    Meeting,
    MinutesApproval,
    MinutesCorrection,
    OfflineCopy,
    QuorumEvent,
    RegisterEntry,
    Vote,
    VotePosition,
)
from clerk_app.export.files import write_private_file
from clerk_app.rules.attendance import year_bounds, year_start
from clerk_app.rules.vocabulary import MeetingStatus, MinutesStatus
from clerk_app.services import record_format as f
from clerk_app.services import records
from clerk_app.services.audit import audit
from clerk_app.services.constitution import body_rules
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.record_export import export_body
from clerk_app.services.record_merge import by_identity, merge_record, rows_of_meeting
from clerk_app.services.recording import offline_mark, offline_words
from clerk_app.services.schedule import long_date


def this_laptop() -> str:
    """Who takes a meeting offline: the clerk's sign-in on this computer."""
    return f"{getpass.getuser()} on {socket.gethostname()}"


@dataclass(frozen=True)
class Away:
    """A meeting of the team record taken offline, as the window shows it."""

    meeting_id: int
    taken_by: str
    taken_at: datetime

    def words(self) -> str:
        return offline_words(self.taken_by, self.taken_at)


def _mark(session: Session, meeting_id: int) -> OfflineCopy | None:
    """The meeting's latest mark, offline now or not."""
    return session.exec(select(OfflineCopy).where(OfflineCopy.meeting_id == meeting_id)
                        .order_by(OfflineCopy.id.desc())).first()


def away(session: Session, meeting_id: int) -> Away | None:
    """The meeting, if it is offline now (not brought back, its mark not cleared)."""
    mark = offline_mark(session, meeting_id)
    return None if mark is None else Away(meeting_id, mark.taken_by, clock.local(mark.taken_at))


def meeting_away(engine: Engine, meeting_id: int) -> Away | None:
    with Session(engine) as session:
        return away(session, meeting_id)


# --- Taking it offline --------------------------------------------------------------------


def travelling(session: Session, meeting: Meeting) -> list[Meeting]:
    """The meetings that go to the table with this one: the attendance year so far, the
    previous meeting held (whose minutes are approved at it) and those with open actions
    (matters arising), all before it, and the meeting itself, last."""
    first_month = body_rules(session, meeting.body_id).year_start_month
    first, _ = year_bounds(year_start(meeting.date, first_month), first_month)
    earlier = select(Meeting).where(Meeting.body_id == meeting.body_id,
                                    Meeting.date < meeting.date)
    wanted = {m.id for m in session.exec(earlier.where(Meeting.date >= first)).all()}
    previous = session.exec(earlier.where(Meeting.status != MeetingStatus.CANCELLED)
                            .order_by(Meeting.date.desc(), Meeting.id.desc())).first()
    if previous is not None:
        wanted.add(previous.id)
    wanted |= set(session.exec(select(Action.meeting_id).join(
        Meeting, Action.meeting_id == Meeting.id).where(
        Meeting.body_id == meeting.body_id, Meeting.date < meeting.date,
        Action.done_on.is_(None), Action.struck_out_at.is_(None))).all())
    others = session.exec(select(Meeting).where(Meeting.id.in_(wanted))
                          .order_by(Meeting.date, Meeting.id)).all()
    return [*others, meeting]


def take_offline(team: Engine, meeting_id: int, path: Path, by: str | None = None) -> Away:
    """Write the meeting and what the table needs to a record file at `path`, and mark
    the meeting as taken offline by `by` (this laptop): both or neither.

    Raises:
        ClerkError: the record is not a team record; the meeting is closed, cancelled or
            its minutes approved; it is offline already; the file cannot be written.
    """
    by = by or this_laptop()
    if not is_server(team):
        raise ClerkError("Only a meeting of a team record is taken offline: this record is "
                         "already on this computer.")
    with unit_of_work(team) as session:
        meeting = session.get(Meeting, meeting_id, with_for_update=True)  # one taker at once
        if meeting is None:
            raise NotFound("That meeting is no longer in the record: choose another.")
        if meeting.status in (MeetingStatus.CLOSED, MeetingStatus.CANCELLED) \
                or meeting.minutes_status is MinutesStatus.APPROVED:
            raise ClerkError(f"The meeting of {long_date(meeting.date)} is "
                             f"{meeting.status.label.lower()}: only a meeting still to be "
                             "held or in progress is taken to the table.")
        already = away(session, meeting_id)
        if already is not None:
            raise ClerkError(f"The meeting of {long_date(meeting.date)} is offline already. "
                             + already.words())
        mark = OfflineCopy(meeting_id=meeting_id, taken_by=by, taken_at=clock.now(),
                           taken_as=fingerprint(session, meeting))
        session.add(mark)
        audit(session, meeting, "meeting.offline", taken_by=by)
        session.flush()
        data = {**export_body(session, session.get(Body, meeting.body_id),
                              travelling(session, meeting)),
                "taken_offline": {"uuid": meeting.uuid, "name": by,
                                  "at": mark.taken_at.isoformat()}}
        try:  # before the mark is committed: no file, no mark
            write_private_file(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n")
                               .encode("utf-8"))
        except OSError as error:
            raise ClerkError(f"Cannot write {path}: {error.strerror or error}. Choose another "
                             "place; the meeting was not taken offline.") from error
        return Away(meeting_id, by, clock.local(mark.taken_at))


def holds_body(engine: Engine, data: Any) -> bool:
    """Whether a (checked) record file is a meeting taken offline whose body the record
    holds already, by identity: to be merged rather than imported."""
    with Session(engine) as session:
        return "taken_offline" in data and by_identity(
            session, Body, data["organization"]["uuid"]) is not None


def take_in(laptop: Engine, data: Any) -> int:
    """Put a meeting taken offline into the laptop's record; returns its id there. A body
    the laptop holds already is merged by identity; another is imported whole."""
    data = records.checked_record(data)
    if "taken_offline" not in data:
        raise ClerkError("This record file was not written by Meeting › Take offline…: "
                         "import it with clerk-app import instead.")
    uuid = data["taken_offline"]["uuid"]
    if not holds_body(laptop, data):
        records.import_record(laptop, data)
    else:
        with unit_of_work(laptop) as session, records.refusing_bad_files():
            merge_record(session, data, uuid)
    with Session(laptop) as session:
        return by_identity(session, Meeting, uuid).id


def take_into_record(path: Path, file: Path, create_folder: bool = False) -> int:
    """Open the laptop's record at `path` as the application does (its lock, checks,
    backup), take the file's meeting into it and close it; returns the meeting's id."""
    from clerk_app.services.opening import open_record  # the file layer, late

    data = records.read_record_file(file)
    laptop = open_record(path, create_folder=create_folder)
    try:
        if laptop.read_only:
            raise ClerkError(f"{path} is read-only here: the meeting cannot be put into it.")
        return take_in(laptop.engine, data)
    finally:
        laptop.close()


# --- Bringing it back ----------------------------------------------------------------------


@dataclass(frozen=True)
class BroughtBack:
    meeting_id: int
    meeting_date: str
    taken_by: str


def bring_back(team: Engine, source: Path) -> BroughtBack:
    """Bring back a meeting from a laptop's record file (.sqlite3) or a record file
    written from it, into the team record, in one transaction.

    Raises:
        ClerkError: nothing in the source was taken offline from this record; it was
            brought back already; the team's copy changed since (saying what changed).
    """
    if _is_sqlite(source):
        data = _from_laptop(team, source)
    else:
        data = records.checked_record(records.read_record_file(source))
    with unit_of_work(team) as session, records.refusing_bad_files():
        meeting, mark = _the_meeting_taken(session, data)
        _refuse_if_changed(session, meeting, mark)
        merged = merge_record(session, data, meeting.uuid)
        mark.brought_back_at = clock.now()
        session.add(mark)
        audit(session, merged, "meeting.back", taken_by=mark.taken_by)
        return BroughtBack(merged.id, long_date(merged.date), mark.taken_by)


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(16) == b"SQLite format 3\x00"
    except OSError as error:
        raise ClerkError(f"Cannot read {path}: {error.strerror or error}") from error


def _from_laptop(team: Engine, path: Path) -> dict[str, Any]:
    """The record file the laptop's record gives for the meeting the team has offline."""
    from clerk_app.services.opening import open_record_for_reading  # the file layer, late

    with Session(team) as session:
        taken = session.exec(select(Meeting.uuid).join(
            OfflineCopy, OfflineCopy.meeting_id == Meeting.id)).all()
    laptop = open_record_for_reading(path)
    try:
        with Session(laptop.engine) as session:
            found = session.exec(select(Meeting).where(Meeting.uuid.in_(taken))
                                 .order_by(Meeting.date.desc())).first()
            if found is None:
                raise ClerkError(f"{path.name} holds no meeting taken offline from this team "
                                 "record.")
            data = export_body(session, session.get(Body, found.body_id),
                               travelling(session, found))
    finally:
        laptop.close()
    return records.checked_record(data)


def _the_meeting_taken(session: Session, data: dict[str, Any]) -> tuple[Meeting, OfflineCopy]:
    """The file's meeting the record has offline, locked until the transaction ends (two
    clerks bringing it back at once: the second waits, then finds it back already)."""
    for m in reversed(data["meetings"]):
        meeting = session.exec(select(Meeting).where(Meeting.uuid == m["uuid"])
                               .with_for_update()).first()
        mark = _mark(session, meeting.id) if meeting is not None else None
        if mark is None:
            continue
        if mark.brought_back_at is not None:
            back = clock.local(mark.brought_back_at)
            raise ClerkError(f"The meeting of {long_date(meeting.date)} was brought back "
                             f"already, on {long_date(back.date())} at {clock.hhmm(back)}. "
                             "Nothing was written.")
        return meeting, mark
    raise ClerkError("None of the file's meetings was taken offline from this record: "
                     "bring a meeting back to the team record it was taken from.")


# --- What changed on the team's side meanwhile -------------------------------------------

_MODELS = {p.table.__tablename__: p.table for p in f.PARTS}
# Each kind of row as the clerk calls it, when saying what changed.
_LABELS = {Meeting: "meeting", AgendaItem: "agenda item", RegisterEntry: "register entry",
           AttendanceEvent: "arrival or departure", QuorumEvent: "quorum event",
           Declaration: "declaration of interest", Decision: "decision", Vote: "vote",
           VotePosition: "recorded vote", Action: "action",
           MinutesCorrection: "correction to the minutes",
           MinutesApproval: "approval of the minutes"}


def fingerprint(session: Session, meeting: Meeting) -> dict[str, dict[str, dict]]:
    """The meeting's rows by identity, each row's columns as plain values, the rows it
    refers to by identity too (so that it reads the same whatever the row ids)."""
    rows = {Meeting: [meeting], **rows_of_meeting(session, meeting)}
    return {table.__tablename__: {row.uuid: _plain(session, row) for row in found}
            for table, found in rows.items()}


def _plain(session: Session, row: SQLModel) -> dict[str, Any]:
    out = {}
    for column in type(row).__table__.columns:
        value = getattr(row, column.name)
        if column.name in ("id", "uuid"):
            continue
        if column.foreign_keys and value is not None:
            target = _MODELS[next(iter(column.foreign_keys)).column.table.name]
            value = session.get(target, value).uuid
        out[column.name] = f.to_json(value)
    return json.loads(json.dumps(out))  # as the mark keeps it


def changes(before: dict[str, dict[str, dict]], now: dict[str, dict[str, dict]]) -> list[str]:
    """What differs, in the clerk's words: "the agenda item 4 title", "an action added"."""
    found = []
    for table, label in _LABELS.items():
        was, iss = before.get(table.__tablename__, {}), now.get(table.__tablename__, {})
        found += [f"{_a(label)} removed" for u in was if u not in iss]
        found += [f"{_a(label)} added" for u in iss if u not in was]
        for uuid in (u for u in iss if u in was):
            fields = [k.replace("_", " ") for k in iss[uuid] if was[uuid].get(k) != iss[uuid][k]]
            if fields:
                found.append(f"{_which(table, label, iss[uuid])} {', '.join(fields)}")
    return found


def _which(table: type, label: str, row: dict[str, Any]) -> str:
    if table is Meeting:
        return "the meeting's"
    if table is AgendaItem:
        return f"the agenda item {row['position']}"
    return f"the {label}"


def _a(label: str) -> str:
    return f"{'an' if label[0] in 'aeiou' else 'a'} {label}"


def _refuse_if_changed(session: Session, meeting: Meeting, mark: OfflineCopy) -> None:
    changed = changes(mark.taken_as, fingerprint(session, meeting))
    if not changed:
        return
    last = session.exec(select(AuditEntry).where(
        AuditEntry.meeting_id == meeting.id, AuditEntry.at >= mark.taken_at,
        AuditEntry.action.not_in(("meeting.offline", "meeting.offline_cleared")))
        .order_by(AuditEntry.id.desc())).first()
    when = ""
    if last is not None:
        at = clock.local(last.at)
        when = f" on {long_date(at.date())} at {clock.hhmm(at)}"
    if mark.cleared_by:
        when += f", after {mark.cleared_by} cleared the offline mark"
    listed = "; ".join(changed[:6]) + ("; and more" if len(changed) > 6 else "")
    raise ClerkError(
        f"The team record's meeting of {long_date(meeting.date)} was changed{when}, while "
        f"it was offline with {mark.taken_by}: {listed}. Nothing was brought back and both "
        "records are as they were: compare the two copies with whoever changed the team's, "
        "and agree which one to keep.")


def clear_mark(team: Engine, meeting_id: int, by: str | None = None) -> None:
    """The clerk gives up waiting for the laptop (lost, broken): the team's copy may be
    recorded in again. The laptop's copy may still come back if the team's is unchanged.

    Raises:
        ClerkError: the meeting is not offline.
    """
    by = by or this_laptop()
    with unit_of_work(team) as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or away(session, meeting_id) is None:
            raise ClerkError("That meeting is not offline.")
        mark = _mark(session, meeting_id)
        mark.cleared_at, mark.cleared_by = clock.now(), by
        session.add(mark)
        audit(session, meeting, "meeting.offline_cleared", cleared_by=by)

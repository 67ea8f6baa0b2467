"""The audit trail: every change to a meeting's record, with its time, append-only.

Each recording action appends its entry in the same transaction as the change
(`audit`, below: the one place an entry is made), undo appends an "undo" entry naming what it
removed and put back, and corrections and approvals of the minutes append theirs. No
code changes or deletes an entry: `clerk_app.db.engine` refuses it for every session,
and tests/services/test_audit_trail.py walks the source to keep it so.

This module is also where the trail is read: per meeting, in the clerk's words (names, not
numbers), and for the meeting record file, where rows are referred to by the file's
references ("person/3", "item/2") rather than this database's ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app import clock
from clerk_app.db.tables import AgendaItem, AuditEntry, Meeting, Person
from clerk_app.rules.vocabulary import DecisionKind
from clerk_app.services.errors import NotFound

# Keys of an entry's detail that name rows, by the kind of row they name.
PERSON_KEYS = frozenset({"person_id", "member_id", "substitute_id", "voter_id",
                         "presiding_person_id"})
ITEM_KEYS = frozenset({"item_id"})
MEETING_KEYS = frozenset({"meeting_id", "previous_meeting_id", "at_meeting_id"})

ACTION_LABELS = {
    "meeting.create": "Meeting created",
    "meeting.open": "Meeting opened",
    "meeting.close": "Meeting closed",
    "meeting.cancel": "Meeting cancelled",
    "meeting.reschedule": "Meeting rescheduled",
    "meeting.live": "Taking place now",
    "meeting.afterwards": "Entered afterwards",
    "meeting.times": "Meeting times corrected",
    "item.add": "Item added",
    "item.edit": "Item changed",
    "item.move": "Item moved",
    "item.remove": "Item removed",
    "meeting.details": "Meeting details changed",
    "item.start": "Item taken",
    "item.notes": "Notes saved",
    "item.presiding": "Presiding member chosen",
    "register.arrive": "Arrival",
    "register.leave": "Departure",
    "register.withdraw": "Withdrawal",
    "register.return": "Return",
    "register.apologies": "Apologies",
    "register.substitute": "Substitute",
    "register.in_attendance": "In attendance",
    "register.add": "Added to the register",
    "register.times": "Times corrected",
    "public.count": "Public present",
    "interest.declare": "Declaration of interest",
    "decision.record": "Decision",
    "vote.record": "Vote",
    "vote.make_recorded": "Recorded vote",
    "election.record": "Election",
    "action.add": "Action",
    "action.done": "Action done",
    "action.reopen": "Action reopened",
    "papers.dispatched": "Papers sent",
    "papers.not_dispatched": "Papers not sent",
    "minutes.correct": "Correction to the minutes",
    "minutes.approve": "Previous minutes approved",
    "minutes.approved": "Minutes approved",
    "minutes.distributed": "Minutes distributed",
    "minutes.not_distributed": "Minutes not distributed",
    "record.strike_out": "Struck out",
    "undo": "Undone",
    "record.restore": "Restored from a backup",
    "meeting.offline": "Taken offline",
    "meeting.offline_cleared": "Offline mark cleared",
    "meeting.back": "Brought back",
}


def audit(session: Session, meeting: Meeting | None, action: str, *,
          body_id: int | None = None, **detail: Any) -> None:
    """Append one entry to the trail, in the session of the change it records.

    A meeting's entry carries its meeting and body; a body's own change (a member, an
    office, a setting) names the body; a person added to the record names neither.
    """
    session.add(
        AuditEntry(
            meeting_id=meeting.id if meeting else None,
            body_id=meeting.body_id if meeting else body_id,
            at=clock.now(),
            action=action,
            detail=_plain(detail),
        )
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class AuditLine:
    """One entry of the trail as the clerk reads it."""

    at: datetime  # when it was recorded (local time)
    action: str  # the entry's action key, e.g. "register.arrive"
    label: str  # "Arrival"
    description: str  # "Helen Marsh arrived at 09:55"


class _Names:
    """Names for the ids an entry mentions, looked up once per screen."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._people: dict[int, str] = {}
        self._items: dict[int, str] = {}

    def person(self, person_id: Any) -> str:
        if not isinstance(person_id, int):
            return "someone"
        if person_id not in self._people:
            person = self._session.get(Person, person_id)
            self._people[person_id] = person.name if person else "a person since removed"
        return self._people[person_id]

    def item(self, item_id: Any) -> str:
        if not isinstance(item_id, int):
            return "the item"
        if item_id not in self._items:
            item = self._session.get(AgendaItem, item_id)
            self._items[item_id] = (f"item {item.position} ({item.title})" if item
                                    else "an item since removed")
        return self._items[item_id]

    def meeting(self, meeting_id: Any) -> str:
        meeting = self._session.get(Meeting, meeting_id) if isinstance(meeting_id, int) else None
        return f"the meeting of {meeting.date:%d %B %Y}" if meeting else "another meeting"


def _time(value: Any) -> str:
    try:
        return clock.hhmm(datetime.fromisoformat(value))
    except (TypeError, ValueError):
        return ""


def _day(value: Any) -> str:
    try:
        return f"{date.fromisoformat(str(value)[:10]):%d %B %Y}"
    except ValueError:
        return str(value)


def describe(action: str, detail: dict[str, Any], names: _Names) -> str:
    """An entry in a sentence, with names rather than numbers."""
    d = detail
    who = names.person(d.get("person_id"))
    at = f" at {_time(d['at'])}" if _time(d.get("at")) else ""
    item = names.item(d.get("item_id"))
    sentences: dict[str, Callable[[], str]] = {
        "meeting.create": lambda: f"For {_day(d.get('date'))}"
                                  + (f", at {d['venue']}" if d.get("venue") else ""),
        "meeting.open": lambda: f"Opened{at}",
        "meeting.close": lambda: f"Closed{at}",
        "meeting.cancel": lambda: "Cancelled",
        "item.add": lambda: str(d.get("title", "")),
        "item.start": lambda: item[0].upper() + item[1:]
                              + (", the public excluded" if d.get("public_excluded") else ""),
        "item.notes": lambda: f"Notes on {item} ({d.get('length', 0)} characters)",
        "item.presiding": lambda: f"{who} presides over {item}",
        "register.arrive": lambda: f"{who} arrived{at}",
        "register.leave": lambda: f"{who} left{at}",
        "register.withdraw": lambda: f"{who} withdrew from {item}{at}",
        "register.return": lambda: f"{who} returned to {item}{at}",
        "register.apologies": lambda: f"{who} sent apologies"
                                      + (f": {d['note']}" if d.get("note") else ""),
        "register.substitute": lambda: f"{names.person(d.get('substitute_id'))} substitutes "
                                       f"for {names.person(d.get('member_id'))}",
        "register.in_attendance": lambda: f"{d.get('name') or who} in attendance",
        "register.add": lambda: f"{who} added to the register ({d.get('capacity', '')})",
        "register.times": lambda: "; ".join(
            f"{names.person(c.get('person_id'))}'s {c.get('kind')} moved from "
            f"{_time(c.get('from'))} to {_time(c.get('to'))}"
            for c in d.get("changes", []) if isinstance(c, dict)),
        "public.count": lambda: f"{d.get('count')} members of the public present",
        "interest.declare": lambda: f"{who} declared an interest ({_words(d.get('kind'))}) in "
                                    f"{item}: {_words(d.get('effect'))}"
                                    + (f", dispensation from {d['dispensation_by']}"
                                       if d.get("dispensation_by") else ""),
        "decision.record": lambda: f"{item[0].upper() + item[1:]}: "
                                   f"{_decision_words(d.get('kind'))}"
                                   + (f" — {d['text']}" if d.get("text") else ""),
        "vote.record": lambda: f"{item[0].upper() + item[1:]}: {_tally(d.get('tally'))}"
                               + (", carried" if d.get("carried") else
                                  ", lost" if d.get("carried") is False else "")
                               + (f", casting vote {d['casting']}" if d.get("casting") else ""),
        "vote.make_recorded": lambda: "A show of hands ("
                                      f"{_tally(d.get('old_tally'))}) made a recorded vote",
        "election.record": lambda: f"{item[0].upper() + item[1:]}: {d.get('winner')} elected "
                                   f"{d.get('office')}",
        "action.add": lambda: str(d.get("description", "")),
        "minutes.correct": lambda: str(d.get("text", "")),
        "minutes.approve": lambda: f"The minutes of {names.meeting(d.get('previous_meeting_id'))}"
                                   " agreed as a correct record",
        "minutes.approved": lambda: f"Agreed as a correct record at "
                                    f"{names.meeting(d.get('at_meeting_id'))}",
        "record.strike_out": lambda: _struck_out(d, who, at),
        "undo": lambda: f"Undone: {d.get('undone') or 'the last action'}",
        "record.restore": lambda: f"The record was restored from the backup {d.get('backup')}",
    }
    if action in sentences:
        return sentences[action]()
    return _listed(d, names)


def _listed(d: dict[str, Any], names: _Names) -> str:
    return "; ".join(f"{_words(key)}: {_value(key, value, names)}"
                     for key, value in d.items() if value not in (None, "", [], {}))


def _struck_out(d: dict[str, Any], who: str, at: str) -> str:
    """"Attendance event of Helen Marsh (arrive at 10:02) struck out: never came"."""
    return (f"{_words(d.get('entry')).capitalize()}"
            + (f" of {who}" if d.get("person_id") else "")
            + (f" ({_words(d.get('kind'))}{at})" if d.get("kind") else "")
            + f" struck out: {d.get('reason', '')}")


def _words(value: Any) -> str:
    return str(value or "").replace("_", " ")


def _decision_words(kind: Any) -> str:
    """"agreed", "noted": the kind's label, or the stored word if it is not one we know."""
    try:
        return DecisionKind(kind).label.lower()
    except ValueError:
        return _words(kind)


def _tally(value: Any) -> str:
    if isinstance(value, list) and len(value) == 3:
        return f"{value[0]} for, {value[1]} against, {value[2]} abstaining"
    return "votes"


def _value(key: str, value: Any, names: _Names) -> str:
    if key in PERSON_KEYS:
        return names.person(value)
    if key in ITEM_KEYS:
        return names.item(value)
    if key in MEETING_KEYS:
        return names.meeting(value)
    if isinstance(value, dict):
        return ", ".join(f"{_words(k)} {_value(k, v, names)}" for k, v in value.items())
    return str(value)


def label(action: str) -> str:
    return ACTION_LABELS.get(action, action.replace(".", " ").replace("_", " ").capitalize())


def meeting_trail(engine: Engine, meeting_id: int) -> list[AuditLine]:
    """A meeting's audit trail in the order it was written, in the clerk's words."""
    with Session(engine) as session:
        if session.get(Meeting, meeting_id) is None:
            raise NotFound("That meeting is no longer in the record: choose another.")
        entries = session.exec(select(AuditEntry).where(AuditEntry.meeting_id == meeting_id)
                               .order_by(AuditEntry.id)).all()
        names = _Names(session)
        return [AuditLine(clock.local(e.at), e.action, label(e.action),
                          describe(e.action, e.detail or {}, names)) for e in entries]


# --- In the meeting record file ----------------------------------------------------------

Ref = Callable[[str, int | None], str | None]


def _map_detail(value: Any, person: Callable, item: Callable, meeting: Callable) -> Any:
    """Translate the people, items and meetings an entry names, at any depth."""
    if isinstance(value, list):
        return [_map_detail(v, person, item, meeting) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, v in value.items():
        if key in PERSON_KEYS:
            out[key] = person(v)
        elif key in ITEM_KEYS:
            out[key] = item(v)
        elif key in MEETING_KEYS:
            out[key] = meeting(v)
        else:
            out[key] = _map_detail(v, person, item, meeting)
    return out


def export_entries(session: Session, meeting_id: int, ref: Ref) -> list[dict[str, Any]]:
    """A meeting's trail for the record file; `ref(kind, id)` gives "person/3" or None."""
    entries = session.exec(select(AuditEntry).where(AuditEntry.meeting_id == meeting_id)
                           .order_by(AuditEntry.id)).all()

    def person(v):
        return ref("person", v) if isinstance(v, int) else None

    def item(v):
        return ref("item", v) if isinstance(v, int) else None

    def meeting(v):
        return ref("meeting", v) if isinstance(v, int) else None

    return [{"uuid": e.uuid, "at": e.at.isoformat(), "action": e.action,
             "detail": _map_detail(e.detail or {}, person, item, meeting)} for e in entries]


def import_entries(session: Session, meeting: Meeting, entries: list[dict[str, Any]],
                   resolve: Callable[[str | None], int | None]) -> None:
    """Put a record file's trail back as it was written on the other computer.

    `resolve` turns a reference into this database's id (KeyError if the file does not
    define it). Other numbers in an entry (a vote's, an action's) are kept as written:
    they are the other database's, and only say which row the entry was about there.
    """
    def back(kind: str) -> Callable[[Any], int | None]:
        def resolve_kind(value: Any) -> int | None:
            if value is None:
                return None
            if not isinstance(value, str) or not value.startswith(f"{kind}/"):
                raise ValueError(f"{value!r} in the audit trail is not a reference to a "
                                 f"{kind} such as '{kind}/3'")
            return resolve(value)
        return resolve_kind

    for entry in entries:
        at = datetime.fromisoformat(entry["at"])
        session.add(AuditEntry(
            uuid=entry["uuid"], meeting_id=meeting.id, body_id=meeting.body_id,
            at=at if at.tzinfo else at.astimezone(), action=entry["action"],
            detail=_map_detail(entry["detail"], back("person"), back("item"),
                               back("meeting"))))

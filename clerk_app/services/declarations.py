"""Declarations of interest at a meeting (DOMAIN.md §4, §9 "A declaration's timing")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import (
    AgendaItem,
    AttendanceEvent,
    Declaration,
    Meeting,
    RegisterEntry,
    standing,
)
from clerk_app.rules.declarations import default_effect, must_withdraw
from clerk_app.rules.limits import TextKind
from clerk_app.rules.vocabulary import (
    AttendanceKind,
    Capacity,
    InterestEffect,
    InterestKind,
    RegisterState,
)
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.names import check_text
from clerk_app.services.recording import add_attendance_event, audit, moment, writable_meeting
from clerk_app.services.state import meeting_state
from clerk_app.services.withdrawals import withdraws_now


def _item_and_meeting(session: Session, item_id: int) -> tuple[AgendaItem, Meeting]:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound("That item is not in the record.")
    return item, writable_meeting(session, item.meeting_id)


def declare_interest(
    engine: Engine, item_id: int, person_id: int, kind: str, description: str = "",
    effect: str | None = None, dispensation_by: str = "", dispensation_note: str = "",
    at: datetime | None = None,
) -> str:
    """Record a declaration; an interest that requires withdrawal also withdraws the member.

    The withdrawal is stamped now only while the item is under discussion; declared
    earlier (under "Declarations of interest"), it is stamped when the item is taken
    (services.withdrawals, DOMAIN.md §9). Returns the effect recorded (defaulted from
    the body's rules when not given).
    """
    if not description.strip():
        raise ClerkError("Say what the interest is, for the minutes (for example, "
                         "“Trustee of Kent Youth Trust”).")
    check_text(description, TextKind.TEXT, "interest")
    check_text(dispensation_by, TextKind.NAME, "name of who granted the dispensation")
    check_text(dispensation_note, TextKind.TEXT, "dispensation's note")
    with unit_of_work(engine) as session:
        item, meeting = _item_and_meeting(session, item_id)
        entry = session.exec(select(RegisterEntry).where(
            RegisterEntry.meeting_id == meeting.id, RegisterEntry.person_id == person_id,
            standing(RegisterEntry))).first()
        if entry is None or entry.capacity == Capacity.IN_ATTENDANCE:
            raise ClerkError("Only members and substitutes on the register declare interests "
                             "for the minutes: add them to the register first.")
        try:
            interest_kind = InterestKind(kind)
            state = meeting_state(session, meeting.id, item_id=item_id)
            chosen = InterestEffect(effect) if effect else default_effect(
                interest_kind, state.rules.declaration_effects)
        except ValueError as error:
            raise ClerkError(f"Unknown kind or effect of interest: {error}.") from error
        if session.exec(select(Declaration).where(Declaration.item_id == item_id,
                                                  Declaration.person_id == person_id,
                                                  standing(Declaration))).first():
            raise ClerkError("This person has already declared an interest in this item. If "
                             "that declaration was wrong, strike it out and declare again.")
        if dispensation_by and not dispensation_by.strip():
            raise ClerkError("Say who granted the dispensation.")
        when = moment(meeting, at)
        session.add(Declaration(
            meeting_id=meeting.id, item_id=item_id, person_id=person_id,
            kind=interest_kind.value, effect=chosen.value, description=description,
            dispensation_by=dispensation_by, dispensation_note=dispensation_note,
            declared_at=when,
        ))
        session.flush()
        audit(session, meeting, "interest.declare", item_id=item_id, person_id=person_id,
              kind=kind, effect=chosen.value, dispensation_by=dispensation_by)
        if must_withdraw(chosen, bool(dispensation_by)) and withdraws_now(session, item, when):
            line = state.line(person_id)
            if line and line.state in (RegisterState.PRESENT, RegisterState.SUBSTITUTE,
                                       RegisterState.REMOTE):
                add_attendance_event(session, meeting, AttendanceEvent(
                    meeting_id=meeting.id, person_id=person_id, kind=AttendanceKind.WITHDRAW,
                    at=when, item_id=item_id, recorded_at=when))
        return chosen.value

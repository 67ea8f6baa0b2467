"""The signing-in sheet for a meeting, as plain data for export/signing_sheet.py, and
saved to a file the clerk chose (run on the worker: DOMAIN.md §9, the paper a meeting
entered afterwards is typed from)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.tables import (
    Body,
    Category,
    Meeting,
    Membership,
    Person,
    RegisterEntry,
    standing,
)
from clerk_app.export.signing_sheet import (
    SheetMember,
    SheetOfficer,
    SigningSheet,
    write_signing_sheet,
)
from clerk_app.rules.vocabulary import Capacity
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.organisations import agency_of


def _members(session: Session, meeting_id: int) -> tuple[SheetMember, ...]:
    """The members expected, in seat order (category, then seat)."""
    found = session.exec(
        select(RegisterEntry, Person, Membership, Category)
        .join(Person, Person.id == RegisterEntry.person_id)
        .join(Membership, Membership.id == RegisterEntry.membership_id)
        .join(Category, Category.id == Membership.category_id)
        .where(RegisterEntry.meeting_id == meeting_id,
               RegisterEntry.capacity == Capacity.MEMBER,
               standing(RegisterEntry))
        .order_by(Category.position, Membership.seat_label, Membership.id)).all()
    members = []
    for entry, person, seat, category in found:
        deputy = session.get(Person, seat.named_substitute_id) if seat.named_substitute_id \
            else None
        members.append(SheetMember(
            person.name, agency_of(session, person),
            category.name + (f", {seat.seat_label}" if seat.seat_label else ""),
            deputy.name if deputy else "", entry.apologies))
    return tuple(members)


def _officers(session: Session, meeting_id: int) -> tuple[SheetOfficer, ...]:
    found = session.exec(
        select(RegisterEntry, Person).join(Person, Person.id == RegisterEntry.person_id)
        .where(RegisterEntry.meeting_id == meeting_id,
               RegisterEntry.capacity == Capacity.IN_ATTENDANCE,
               standing(RegisterEntry))
        .order_by(RegisterEntry.id)).all()
    return tuple(SheetOfficer(p.name, agency_of(session, p), e.role_note) for e, p in found)


def signing_sheet(engine: Engine, meeting_id: int) -> SigningSheet:
    """The sheet as the register stands: members in seat order, officers expected."""
    with Session(engine) as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound("That meeting is no longer in the record: choose another.")
        body = session.get(Body, meeting.body_id)
        return SigningSheet(body.name, meeting.title, meeting.date, meeting.start_time,
                            meeting.venue, _members(session, meeting_id),
                            _officers(session, meeting_id))


def save_signing_sheet(engine: Engine, meeting_id: int, path: Path | str) -> Path:
    """Write the sheet as PDF where the clerk chose; a disk error is theirs to fix."""
    sheet = signing_sheet(engine, meeting_id)
    path = Path(path)
    try:
        return write_signing_sheet(path, sheet)
    except OSError as error:
        raise ClerkError(f"The signing-in sheet could not be saved in {path.parent}: "
                         f"{error.strerror or error}. Choose another folder.") from error

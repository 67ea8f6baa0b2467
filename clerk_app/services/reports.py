"""The membership list and the annual report pack, as plain snapshots for export.

The membership list is "kept up to date and made available" by the manager (000 §9.3):
seats by category with their holders, named substitutes, offices and terms, and the
seats that are vacant (DOMAIN.md §1). The annual report pack gathers the year's
attendance (§7), the decisions taken (§5) and the declarations made (§4).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.tables import (
    AgendaItem,
    Body,
    Category,
    Decision,
    Meeting,
    Office,
    OfficeTerm,
    Person,
    Vote,
)
from clerk_app.export.year_data import (
    AnnualReport,
    DecisionLine,
    MembershipList,
    OfficeLine,
    SeatLine,
)
from clerk_app.rules.attendance import year_bounds
from clerk_app.rules.roster import active_on, seat_votes
from clerk_app.rules.vocabulary import DecisionKind, MeetingStatus
from clerk_app.services.attendance import year_report
from clerk_app.services.errors import NotFound
from clerk_app.services.interests import declarations_made
from clerk_app.services.membership import active_memberships
from clerk_app.services.organisations import agency_of

VACANT = "Vacancy"


def membership_list(engine: Engine, body_id: int, on: date | None = None) -> MembershipList:
    """Every seat of every category on a day, filled or vacant, and the offices.

    A category's labelled seats (Kent's "Primary headteacher") are filled by the member
    given that label; members without a label take the remaining seats in turn.
    """
    on = on or date.today()
    with Session(engine) as session:
        body = session.get(Body, body_id)
        if body is None:
            raise NotFound("That body is no longer in the record: choose another.")
        current = active_memberships(session, body_id, on)
        ids = {m.person_id for m in current} | {m.named_substitute_id for m in current
                                                 if m.named_substitute_id}
        people = {p.id: p for p in session.exec(select(Person).where(Person.id.in_(list(ids))))}
        seats: list[SeatLine] = []
        for category in session.exec(select(Category).where(Category.body_id == body_id)
                                     .order_by(Category.position, Category.id)):
            members = sorted((m for m in current if m.category_id == category.id),
                             key=lambda m: m.id)
            labels = list(category.seat_labels[:category.seats])
            labels += [""] * (category.seats - len(labels))
            # First the members whose seat label names a seat, then the rest in turn.
            holders: list = [None] * len(labels)
            for n, label in enumerate(labels):
                match = next((m for m in members if label and m.seat_label == label), None)
                if match is not None:
                    holders[n] = match
                    members.remove(match)
            for n in range(len(labels)):
                if holders[n] is None and members:
                    holders[n] = members.pop(0)
            for label, holder in list(zip(labels, holders, strict=True)) + [
                    (m.seat_label, m) for m in members]:  # more members than seats: shown
                if holder is None:
                    seats.append(SeatLine(category.name, label, category.voting, category.core,
                                          "", "", "", None, None))
                    continue
                person = people[holder.person_id]
                substitute = people.get(holder.named_substitute_id)
                voting = seat_votes(holder.voting, category.voting)
                seats.append(SeatLine(category.name, label or holder.seat_label, voting,
                                      category.core, person.name, agency_of(session, person),
                                      substitute.name if substitute else "", holder.start_date,
                                      holder.agreement_signed_on))
        offices = []
        for office in session.exec(select(Office).where(Office.body_id == body_id)
                                   .order_by(Office.id)):
            terms = session.exec(select(OfficeTerm).where(OfficeTerm.office_id == office.id)).all()
            term = next((t for t in terms if active_on(t.start_date, t.end_date, on)), None)
            holder = session.get(Person, term.person_id) if term else None
            offices.append(OfficeLine(office.name, holder.name if holder else "",
                                      term.start_date if term else None,
                                      term.end_date if term else None, office.term_months))
    return MembershipList(body_id, body.name, on, tuple(seats), tuple(offices))


# --- The annual report pack -----------------------------------------------------------


def annual_report(engine: Engine, body_id: int, start_year: int,
                  today: date | None = None) -> AnnualReport:
    attendance = year_report(engine, body_id, start_year, today)
    first, last = year_bounds(start_year, attendance.first_month)
    with Session(engine) as session:
        found = session.exec(
            select(Decision, AgendaItem, Meeting)
            .join(AgendaItem, AgendaItem.id == Decision.item_id)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(Meeting.body_id == body_id, Meeting.date >= first, Meeting.date <= last,
                   Meeting.status != MeetingStatus.CANCELLED,
                   Decision.kind != DecisionKind.NOTED)
            .order_by(Meeting.date, AgendaItem.position, Decision.decided_at)).all()
        decisions, exempt = [], 0
        for decision, item, meeting in found:
            if item.exempt:
                exempt += 1
                continue
            vote = session.exec(select(Vote).where(Vote.decision_id == decision.id)).first()
            decisions.append(DecisionLine(meeting.date, item.position, item.title, decision.kind,
                                          decision.text, vote.sentence if vote else "",
                                          decision.referred_to))
        declarations = declarations_made(session, body_id, first, last)
    return AnnualReport(attendance, tuple(decisions), exempt, tuple(declarations))

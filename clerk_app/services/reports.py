"""The membership list and the annual report pack, as plain snapshots for export.

The membership list is "kept up to date and made available" by the manager (000 §9.3):
seats by category with their holders, named substitutes, offices and terms, and the
seats that are vacant (DOMAIN.md §1). The annual report pack gathers the year's
attendance (§7), the decisions taken (§5) and the declarations made (§4).
"""

from __future__ import annotations

from dataclasses import dataclass
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
from clerk_app.rules.attendance import year_bounds
from clerk_app.rules.roster import active_on, seat_votes
from clerk_app.rules.vocabulary import DecisionKind, MeetingStatus
from clerk_app.services.attendance import YearReport, year_report
from clerk_app.services.bodies import active_memberships
from clerk_app.services.errors import NotFound
from clerk_app.services.interests import DeclarationLine, declarations_made

VACANT = "Vacancy"


@dataclass(frozen=True)
class SeatLine:
    """One seat: its holder, or a vacancy (holder empty)."""

    category: str
    seat_label: str
    voting: bool
    core: bool
    holder: str
    agency: str
    substitute: str
    since: date | None
    agreement_signed_on: date | None

    @property
    def vacant(self) -> bool:
        return not self.holder


@dataclass(frozen=True)
class OfficeLine:
    office: str
    holder: str  # empty when nobody holds it
    start_date: date | None
    end_date: date | None
    term_months: int | None

    @property
    def term_words(self) -> str:
        if not self.holder:
            return "Not filled"
        since = f"since {self.start_date.day} {self.start_date:%B %Y}" if self.start_date else ""
        until = f"until {self.end_date.day} {self.end_date:%B %Y}" if self.end_date else ""
        term = f"{self.term_months}-month term" if self.term_months else ""
        return ", ".join(p for p in (since, until, term) if p)


@dataclass(frozen=True)
class MembershipList:
    body_id: int
    body_name: str
    as_of: date
    seats: tuple[SeatLine, ...]
    offices: tuple[OfficeLine, ...]

    @property
    def vacancies(self) -> int:
        return sum(1 for s in self.seats if s.vacant)


def membership_list(engine: Engine, body_id: int, on: date | None = None) -> MembershipList:
    """Every seat of every category on a day, filled or vacant, and the offices.

    A category's labelled seats (Kent's "Primary headteacher") are filled by the member
    given that label; members without a label take the remaining seats in turn.
    """
    on = on or date.today()
    with Session(engine) as session:
        body = session.get(Body, body_id)
        if body is None:
            raise NotFound(f"There is no body {body_id} in the record.")
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
                                      category.core, person.name, person.agency,
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

# The annual pack's word for a decision; a consensus is "Resolved" (noted items are left out).
DECISION_WORDS = {DecisionKind.CONSENSUS: "Resolved", DecisionKind.VOTE: "Vote",
                  DecisionKind.DEFERRED: "Deferred", DecisionKind.ELECTION: "Election"}


@dataclass(frozen=True)
class DecisionLine:
    meeting_date: date
    item_position: int
    item_title: str
    kind: DecisionKind
    text: str
    vote_sentence: str

    @property
    def kind_words(self) -> str:
        return DECISION_WORDS.get(self.kind, self.kind)

    @property
    def words(self) -> str:
        """As the minutes put it: "RESOLVED: that …", or the motion and the vote."""
        if self.kind is DecisionKind.CONSENSUS:
            text = f"RESOLVED: that {self.text}"
        elif self.kind is DecisionKind.VOTE:
            text = f"Motion: that {self.text}"
        elif self.kind is DecisionKind.ELECTION:
            text = f"Elected: {self.text}"
        else:
            text = f"Deferred. {self.text}".strip()
        if self.vote_sentence and not text.endswith((".", "!", "?")):
            text += "."
        return f"{text} {self.vote_sentence}".strip()


@dataclass(frozen=True)
class AnnualReport:
    """The year's pack (§4, §5, §7).

    Attributes:
        decisions: resolutions, votes, elections and deferrals at meetings held; items
            merely noted are not decisions and are left out.
        exempt_left_out: decisions on exempt items, left out of this pack (they belong
            to the confidential annexes of the minutes) but counted so nothing is hidden
            silently.
        declarations: every declaration made at the year's meetings; an exempt item is
            named by its number only.
    """

    attendance: YearReport
    decisions: tuple[DecisionLine, ...]
    exempt_left_out: int
    declarations: tuple[DeclarationLine, ...]


def annual_report(engine: Engine, body_id: int, start_year: int,
                  today: date | None = None) -> AnnualReport:
    attendance = year_report(engine, body_id, start_year, today)
    first, last = year_bounds(start_year)
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
                                          decision.text, vote.sentence if vote else ""))
        declarations = declarations_made(session, body_id, first, last)
    return AnnualReport(attendance, tuple(decisions), exempt, tuple(declarations))

"""Who may vote on an item and why the others present may not (DOMAIN.md §5): the panel
beside a vote and an election, shown from the meeting snapshot the dialog was opened
with; eligibility itself is worked out in the rules and only read here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from clerk_app.rules.roster import Attendee
from clerk_app.rules.vocabulary import OfficeRole
from clerk_app.services.state import MeetingState


class VotersPanel(QScrollArea):
    """The names that may vote (with their office, the seat a substitute sits in, and who
    presides), then the people present who may not, each with the reason. The person
    presiding is said to vote as a member too, or not to, as the body's rules say
    (DOMAIN.md §9 "The chair's ordinary vote")."""

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        eligible = state.eligibility
        presiding_id = state.presiding.person_id
        names = [_voter(a, a.person_id == presiding_id) for a in eligible.eligible]
        present = {a.person_id for a in state.attendees if a.in_room}
        others = [f"{i.name} — {i.reason}" for i in eligible.ineligible
                  if i.person_id in present]
        self.may = QLabel("\n".join(names) or "Nobody may vote on this item.")
        self.may_not = QLabel("\n".join(others) or "Everyone present may vote.")
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(f"May vote on this item: {len(names)}",
                                objectName="pageHeading"))
        column.addWidget(self.may)
        column.addSpacing(8)
        column.addWidget(QLabel("Present but may not vote, and why:", objectName="pageHeading"))
        column.addWidget(self.may_not)
        column.addStretch(1)
        for label in (self.may, self.may_not):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        self.setWidget(box)
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Who may vote")


def _voter(voter: Attendee, presiding: bool) -> str:
    """A voter's name and notes: "Daniel Okafor (Vice-Chair, presiding)"."""
    note = [role.label for role in OfficeRole if role in voter.offices]
    if voter.substitute_for_name:
        note.append(f"substitute for {voter.substitute_for_name}")
    if presiding:
        note.append("presiding, also votes as a member")
    return f"{voter.name} ({', '.join(note)})" if note else voter.name

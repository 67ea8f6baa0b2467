"""The election screen: the office, the candidates and the votes each received, and on a
tie the casting vote of the person presiding or the draw by lot (DOMAIN.md §5).

Every figure and verdict comes from `elections.preview_election` on the snapshot the
dialog was opened with: the dialog checks as the clerk types, but decides nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clerk_app.gui.dialogs.ballot_dialog import FIGURE_WORDS, BallotDialog, labelled
from clerk_app.gui.widgets import announce
from clerk_app.gui.widgets.count_box import CountBox
from clerk_app.rules.elections import election_problem
from clerk_app.rules.vocabulary import Capacity, ElectionMethod, OfficeRole, Position
from clerk_app.services import elections
from clerk_app.services.errors import ClerkError
from clerk_app.services.state import MeetingState

MAX_CANDIDATES = 8
TIE_WORDS: Mapping[ElectionMethod, str] = {
    ElectionMethod.CASTING: "The votes are equal. The person presiding must give a casting "
                            "vote for one of the tied candidates:",
    ElectionMethod.LOT: "The votes are equal and the person presiding has no vote: the tie "
                        "is settled by lot. Who was drawn?",
}


@dataclass(frozen=True)
class ElectionAnswer:
    office: str
    votes: dict[str, int]
    casting_for: str | None
    lot_winner: str | None
    inquorate_reason: str
    did_not_vote_confirmed: bool = False  # the clerk confirmed votes short (§9)


class ElectionDialog(BallotDialog):
    """Hold an election to an office on an item.

    Args:
        state: the meeting snapshot for the item (register.state with the item id).
        item_label: "2. Election of the Chair for 2026-27".
        submit: records the election: ElectionAnswer -> anything. Raises ClerkError if
            refused.
    """

    # Every vote cast is counted under "for" (one vote per voter, for a candidate).
    FIGURE_WORDS = {**FIGURE_WORDS, Position.FOR: "Voted"}

    def __init__(self, state: MeetingState, item_label: str,
                 submit: Callable[[ElectionAnswer], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(state, f"Election on item {item_label}", "Record the election",
                         parent)
        self._submit = submit
        self._tie: ElectionMethod | None = None  # what the last preview needs to settle a tie
        self._saving = self._record_election
        self.candidates: list[tuple[QComboBox, CountBox]] = []
        self._add_candidate()
        self._add_candidate()
        self.office.currentTextChanged.connect(self._update)
        self.tie_choice.currentIndexChanged.connect(self._update)
        self.confirm_did_not_vote.toggled.connect(self._update)
        self._update()
        self.office.setFocus()  # the first thing to type

    # --- building -------------------------------------------------------------------

    def _fill_form(self, form: QFormLayout) -> None:
        self.office = QComboBox()
        self.office.setEditable(True)
        self.office.addItems([o.name for o in self._state.rules.offices.values()]
                             or [OfficeRole.CHAIR.label])
        labelled(form, "&Office:", self.office, "Office being filled")

    def _entry(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("Candidates and the votes each received:"))
        self.candidates_grid = QGridLayout()
        self.candidates_grid.setColumnStretch(1, 1)
        column.addLayout(self.candidates_grid)
        self.add_candidate = QPushButton("Add a &candidate")
        self.add_candidate.setAccessibleName("Add a candidate")
        self.add_candidate.setMinimumHeight(28)
        self.add_candidate.clicked.connect(self._another_candidate)
        column.addWidget(self.add_candidate, 0, Qt.AlignmentFlag.AlignLeft)
        # DOMAIN.md §9: votes short of the members who may vote are confirmed by the clerk.
        self.did_not_vote_note = QLabel(objectName="didNotVoteNote")
        self.did_not_vote_note.setWordWrap(True)
        self.did_not_vote_note.setAccessibleName("Members not accounted for")
        self.confirm_did_not_vote = QCheckBox("Confirm that they did not &vote")
        self.confirm_did_not_vote.setSizePolicy(QSizePolicy.Policy.Maximum,
                                                QSizePolicy.Policy.Fixed)
        self.confirm_did_not_vote.setAccessibleName("Confirm that they did not vote")
        column.addWidget(self.did_not_vote_note)
        column.addWidget(self.confirm_did_not_vote)
        self._shortfall = 0
        self._show_shortfall(0)
        column.addStretch(1)
        return page

    def _fill_casting(self, row: QHBoxLayout) -> None:
        self.tie_choice = QComboBox()
        self.tie_choice.setAccessibleName("Tied candidate chosen")
        caption = QLabel("Chosen:")
        caption.setBuddy(self.tie_choice)  # on Linux a list box is known by its label
        row.addWidget(caption)
        row.addWidget(self.tie_choice)

    def _add_candidate(self) -> QComboBox:
        row = len(self.candidates)
        name = QComboBox()
        name.setEditable(True)
        name.addItem("")
        name.addItems([a.name for a in self._state.attendees
                       if a.capacity is Capacity.MEMBER])
        name.setCurrentIndex(0)
        announce.name(name, f"Candidate {row + 1}")
        votes = CountBox()
        votes.refused.connect(self.show_problem)
        votes.setAccessibleName(f"Votes for candidate {row + 1}")
        for widget in (name, votes):
            widget.setMinimumHeight(28)
        name.currentTextChanged.connect(self._update)
        votes.valueChanged.connect(self._update)
        caption = QLabel(f"Candidate {row + 1}:")
        caption.setBuddy(name)  # on Linux a list box is known by its label's relation
        self.candidates_grid.addWidget(caption, row, 0)
        self.candidates_grid.addWidget(name, row, 1)
        self.candidates_grid.addWidget(votes, row, 2)
        self.candidates.append((name, votes))
        self.add_candidate.setEnabled(len(self.candidates) < MAX_CANDIDATES)
        return name

    def _another_candidate(self) -> None:
        self._add_candidate().setFocus()
        self._update()

    # --- reading and checking -------------------------------------------------------

    def answer(self) -> ElectionAnswer:
        votes: dict[str, int] = {}
        for name, count in self.candidates:
            typed = name.currentText().strip()
            if not typed:
                continue
            if typed in votes:
                raise ClerkError(f"{typed} is listed twice: list each candidate once.")
            votes[typed] = count.value()
        choice = self.tie_choice.currentData() if self.casting_box.isVisible() else None
        return ElectionAnswer(
            office=self.office.currentText().strip(), votes=votes,
            casting_for=choice if self._tie is ElectionMethod.CASTING else None,
            lot_winner=choice if self._tie is ElectionMethod.LOT else None,
            inquorate_reason=self.reason.text(),
            did_not_vote_confirmed=self.confirm_did_not_vote.isChecked())

    def _check(self) -> None:
        answer = self.answer()
        if not answer.office:
            raise ClerkError("Say which office the election fills.")
        if len(answer.votes) < 1:
            self._show_figures((), None)
            raise ClerkError("Type at least one candidate's name.")
        preview = elections.preview_election(self._state, answer.votes)
        self._tie = preview.result.needs
        if self._tie is None:
            self.casting_box.hide()
        else:
            self._show_tie(preview.result.tied, self._tie)
            choice = self.tie_choice.currentData()
            if choice:
                preview = elections.preview_election(
                    self._state, answer.votes,
                    casting_for=choice if self._tie is ElectionMethod.CASTING else None,
                    lot_winner=choice if self._tie is ElectionMethod.LOT else None)
        self._show_figures(preview.breakdown, preview.present)
        cast = sum(answer.votes.values())
        eligible = len(self._state.eligibility.eligible)
        self._show_shortfall(eligible - cast if cast else 0)
        problem = election_problem(answer.votes, eligible, answer.did_not_vote_confirmed)
        if preview.result.winner is None:
            self._set_valid(False, "", preview.result.sentence)
        elif problem:
            self._set_valid(False, problem, preview.result.sentence)
        else:
            self._check_reason(preview.result.sentence)

    def _show_shortfall(self, short: int) -> None:
        """The members present who may vote and are not in the votes cast; a new number
        asks for a new confirmation."""
        if short != self._shortfall:
            self.confirm_did_not_vote.setChecked(False)
            self._shortfall = short
        eligible = len(self._state.eligibility.eligible)
        self.did_not_vote_note.setText(
            f"The votes cast account for {eligible - short} of the {eligible} "
            f"member{'' if eligible == 1 else 's'} present who may vote: {short} did not "
            "vote." if short > 0 else "")
        self.did_not_vote_note.setVisible(short > 0)
        self.confirm_did_not_vote.setVisible(short > 0)

    def _clear_result(self) -> None:
        super()._clear_result()
        self._show_shortfall(0)

    def _show_tie(self, tied: tuple[str, ...], needs: ElectionMethod) -> None:
        """The tied candidates to choose from, keeping the choice while they stay tied."""
        current = [self.tie_choice.itemData(i) for i in range(1, self.tie_choice.count())]
        if current != list(tied):
            self.tie_choice.blockSignals(True)
            self.tie_choice.clear()
            self.tie_choice.addItem("— choose —", None)
            for name in tied:
                self.tie_choice.addItem(name, name)
            self.tie_choice.blockSignals(False)
        self.casting_text.setText(TIE_WORDS[needs])
        self.casting_box.show()

    # --- recording ------------------------------------------------------------------

    def _record_election(self) -> None:
        self._submit(self.answer())
        self.accept()

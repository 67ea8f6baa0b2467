"""The vote screen: who may vote and why others may not, the figures, the result before
it is recorded, the casting vote on a tie, and a recorded vote when a member asks for one
(DOMAIN.md §5). Elections to office use the same screen with candidates in place of
for and against.

Every figure and verdict comes from the services (`decisions.preview`,
`decisions.preview_election`) on the snapshot the dialog was opened with: the dialog
checks as the clerk types, but never counts or decides anything itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_app.gui.dialogs.prompts import Asks
from clerk_app.gui.models.voters_model import VotersModel
from clerk_app.rules.voting import CastingMode, Position, Tally
from clerk_app.services import decisions
from clerk_app.services.errors import ClerkError
from clerk_app.services.state import MeetingState

OFFICE_WORDS = {"chair": "Chair", "vice_chair": "Vice-Chair"}
MAX_CANDIDATES = 8


@dataclass(frozen=True)
class VoteAnswer:
    motion: str
    tally: Tally | None  # a show of hands
    positions: dict[int, str] | None  # a recorded vote
    casting: str | None
    inquorate_reason: str


@dataclass(frozen=True)
class ElectionAnswer:
    office: str
    votes: dict[str, int]
    casting_for: str | None
    lot_winner: str | None
    inquorate_reason: str


class VotersTable(QTableView):
    """The named vote: F for, A against, B abstained, D did not vote, then the next name.

    Signals:
        marked(int, Position): a row was marked by key.
    """

    KEYS = {Qt.Key.Key_F: Position.FOR, Qt.Key.Key_A: Position.AGAINST,
            Qt.Key.Key_B: Position.ABSTAINED, Qt.Key.Key_D: Position.DID_NOT_VOTE}
    marked = Signal(int, Position)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        position = self.KEYS.get(Qt.Key(event.key()))
        row = self.currentIndex().row()
        if position is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if row >= 0:
                self.marked.emit(row, position)
                if row + 1 < self.model().rowCount():
                    self.setCurrentIndex(self.model().index(row + 1, 0))
            return
        super().keyPressEvent(event)


class VoteDialog(Asks, QDialog):
    """Take a vote (or an election) on an item.

    Args:
        state: the meeting snapshot for the item (register.state with the item id).
        item_label: "4. Early help commissioning plan".
        submit: records the vote: VoteAnswer -> (vote id, status sentence); for an
            election, ElectionAnswer -> status sentence. Raises ClerkError if refused.
        make_recorded: turns the vote just taken into a recorded vote:
            (vote id, positions, casting) -> status sentence.
        election: candidates in place of for and against.
        motion: the motion's wording to start with.
    """

    def __init__(self, state: MeetingState, item_label: str, submit: Callable,
                 make_recorded: Callable | None = None, election: bool = False,
                 motion: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._submit = submit
        self._make_recorded = make_recorded
        self._election = election
        self._vote_id: int | None = None
        self._naming_after = False
        self._valid = False
        self._tie_needs: str | None = None  # an election's tie: "casting" or "lot"
        self._built = False  # checking starts once every part of the dialog exists
        self.setWindowTitle(f"{'Election' if election else 'Vote'} on item {item_label}")
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)

        form = QFormLayout()
        self.motion = QLineEdit(motion)
        self.office = QComboBox()
        if election:
            self.office.setEditable(True)
            self.office.addItems([o.name for o in state.rules.offices.values()] or ["Chair"])
            _labelled(form, "&Office:", self.office, "Office being filled")
            self.motion.hide()
        else:
            _labelled(form, "&Motion: that…", self.motion, "Motion")
            self.office.hide()
        self.show_of_hands = QRadioButton("Show of &hands (counts)")
        self.named = QRadioButton("&Recorded vote (by name)")
        self.show_of_hands.setChecked(True)
        self.method = QButtonGroup(self)
        self.method.addButton(self.show_of_hands)
        self.method.addButton(self.named)
        methods = QHBoxLayout()
        methods.addWidget(self.show_of_hands)
        methods.addWidget(self.named)
        methods.addStretch(1)
        self.methods = QWidget()
        self.methods.setLayout(methods)
        methods.setContentsMargins(0, 0, 0, 0)
        if not election:
            form.addRow("Method:", self.methods)
        else:
            self.methods.hide()
        layout.addLayout(form)

        columns = QHBoxLayout()
        layout.addLayout(columns, 1)
        columns.addWidget(self._voters_box(), 2)
        entry = QVBoxLayout()
        columns.addLayout(entry, 3)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._counts_page())
        self.pages.addWidget(self._named_page())
        self.pages.addWidget(self._election_page())
        entry.addWidget(self.pages, 1)
        entry.addWidget(self._figures_box())

        self.casting_box = self._casting_box()
        layout.addWidget(self.casting_box)
        self.reason = QLineEdit()
        self.reason_box = QWidget()
        reason_form = QFormLayout(self.reason_box)
        reason_form.setContentsMargins(0, 0, 0, 0)
        quorum = QLabel(f"{state.quorum.summary}. A decision cannot be recorded while the "
                        "meeting is inquorate unless the minutes give the reason it proceeded.",
                        objectName="errorMessage")
        quorum.setWordWrap(True)
        quorum.setTextFormat(Qt.TextFormat.PlainText)
        reason_form.addRow(quorum)
        _labelled(reason_form, "Reason the meeting &proceeded:", self.reason,
                  "Reason the meeting proceeded while inquorate")
        self.reason_box.setVisible(not state.quorum.quorate)
        layout.addWidget(self.reason_box)

        self.sentence = QLabel(objectName="voteResult")
        self.sentence.setWordWrap(True)
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.sentence.setAccessibleName("Result")
        layout.addWidget(self.sentence)
        self.problem = QLabel(objectName="errorMessage")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName("Why this cannot be recorded")
        self.problem.hide()
        layout.addWidget(self.problem)

        self.buttons = QDialogButtonBox()
        self.record = self.buttons.addButton(
            "Record the election" if election else "Record the vote",
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.record.setAccessibleName(self.record.text())
        self.ask_named = self.buttons.addButton("A member asks for a recorded vote…",
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.ask_named.setAccessibleName("Turn this vote into a recorded vote")
        self.ask_named.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setAccessibleName("Cancel")
        self.record.clicked.connect(self._record)
        self.ask_named.clicked.connect(self._start_naming)
        self.close_button.clicked.connect(self._close)
        layout.addWidget(self.buttons)
        self.record.setDefault(True)  # only once in the dialog: Enter records
        for button in self.buttons.buttons():
            button.setMinimumHeight(28)

        self.motion.textChanged.connect(self._update)
        self.office.currentTextChanged.connect(self._update)
        self.method.buttonToggled.connect(self._method_changed)
        self.reason.textChanged.connect(self._update)
        if election:
            self.pages.setCurrentIndex(2)
        self.setMinimumWidth(760)
        self._built = True
        self._update()
        (self.office if election else self.motion).setFocus()  # the first thing to type

    # --- building -------------------------------------------------------------------

    def _voters_box(self) -> QWidget:
        eligible = self._state.eligibility
        presiding = self._state.presiding
        names = []
        for a in eligible.eligible:
            note = [OFFICE_WORDS[o] for o in sorted(a.offices) if o in OFFICE_WORDS]
            if a.substitute_for_name:
                note.append(f"substitute for {a.substitute_for_name}")
            if a.person_id == presiding.person_id:
                note.append("presiding")
            names.append(f"{a.name} ({', '.join(note)})" if note else a.name)
        may = QLabel("\n".join(names) or "Nobody may vote on this item.")
        present = {a.person_id for a in self._state.attendees if a.in_room}
        others = [f"{i.name} — {i.reason}" for i in eligible.ineligible
                  if i.person_id in present]
        may_not = QLabel("\n".join(others) or "Everyone present may vote.")
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(f"May vote on this item: {len(names)}")
        heading.setObjectName("pageHeading")
        column.addWidget(heading)
        column.addWidget(may)
        column.addSpacing(8)
        column.addWidget(QLabel("Present but may not vote, and why:", objectName="pageHeading"))
        column.addWidget(may_not)
        column.addStretch(1)
        for label in (may, may_not):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        scroll = QScrollArea()
        scroll.setWidget(box)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setAccessibleName("Who may vote")
        return scroll

    def _counts_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.votes_for, self.votes_against, self.abstained = QSpinBox(), QSpinBox(), QSpinBox()
        for label, spin in (("&For:", self.votes_for), ("&Against:", self.votes_against),
                            ("A&bstained:", self.abstained)):
            spin.setRange(0, 999)
            spin.setMinimumHeight(28)
            spin.valueChanged.connect(self._update)
            _labelled(form, label, spin, label.replace("&", "").rstrip(":"))
        return page

    def _named_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        self.voters_table = VotersTable()
        # The model belongs to its table, so the two are destroyed together.
        self.voters = VotersModel([(a.person_id, a.name)
                                   for a in self._state.eligibility.eligible], self.voters_table)
        self.voters.changed.connect(self._update)
        self.voters_table.setModel(self.voters)
        self.voters_table.setAccessibleName("Each voter's position")
        self.voters_table.setAccessibleDescription(
            "Press F for, A against, B abstained, D did not vote")
        self.voters_table.setTabKeyNavigation(False)
        self.voters_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.voters_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.voters_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.voters_table.verticalHeader().setVisible(False)
        self.voters_table.verticalHeader().setDefaultSectionSize(28)
        self.voters_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.voters_table.marked.connect(self.voters.set_position)
        if self.voters.rowCount():
            self.voters_table.setCurrentIndex(self.voters.index(0, 0))
        column.addWidget(QLabel("Mark each name: F for, A against, B abstained, "
                                "D did not vote."))
        column.addWidget(self.voters_table, 1)
        row = QHBoxLayout()
        for text, position in (("All &for", Position.FOR), ("All a&gainst", Position.AGAINST),
                               ("&Clear", Position.DID_NOT_VOTE)):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", ""))
            button.setMinimumHeight(28)
            button.clicked.connect(lambda _=False, p=position: self.voters.set_all(p))
            row.addWidget(button)
            if position is Position.FOR:
                self.all_for = button
        row.addStretch(1)
        column.addLayout(row)
        return page

    def _election_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("Candidates and the votes each received:"))
        self.candidates_grid = QGridLayout()
        self.candidates_grid.setColumnStretch(1, 1)
        column.addLayout(self.candidates_grid)
        self.candidates: list[tuple[QComboBox, QSpinBox]] = []
        self.add_candidate = QPushButton("Add a &candidate")
        self.add_candidate.setAccessibleName("Add a candidate")
        self.add_candidate.setMinimumHeight(28)
        self.add_candidate.clicked.connect(self._add_candidate)
        column.addWidget(self.add_candidate, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        if self._election:
            self._add_candidate()
            self._add_candidate()
        return page

    def _add_candidate(self) -> None:
        row = len(self.candidates)
        name = QComboBox()
        name.setEditable(True)
        name.addItem("")
        name.addItems([a.name for a in self._state.attendees
                       if a.capacity.value == "member"])
        name.setCurrentIndex(0)
        name.setAccessibleName(f"Candidate {row + 1}")
        votes = QSpinBox()
        votes.setRange(0, 999)
        votes.setAccessibleName(f"Votes for candidate {row + 1}")
        for widget in (name, votes):
            widget.setMinimumHeight(28)
        name.currentTextChanged.connect(self._update)
        votes.valueChanged.connect(self._update)
        self.candidates_grid.addWidget(QLabel(f"{row + 1}."), row, 0)
        self.candidates_grid.addWidget(name, row, 1)
        self.candidates_grid.addWidget(votes, row, 2)
        self.candidates.append((name, votes))
        self.add_candidate.setEnabled(len(self.candidates) < MAX_CANDIDATES)
        if row >= 2:
            name.setFocus()
        self._update()

    def _figures_box(self) -> QWidget:
        box = QGroupBox("The members present add up")
        self.figures = QGridLayout(box)
        self.figures.setHorizontalSpacing(10)
        self.figures.setColumnMinimumWidth(2, 24)  # a gap between the two columns
        self._figure_labels: list[tuple[QLabel, QLabel]] = []
        return box

    def _casting_box(self) -> QWidget:
        box = QGroupBox()
        column = QVBoxLayout(box)
        self.casting_text = QLabel()
        self.casting_text.setWordWrap(True)
        self.casting_text.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.casting_text)
        row = QHBoxLayout()
        self.casting = QButtonGroup(self)
        self.casting_buttons: dict[str, QRadioButton] = {}
        for value, text in (("for", "Casting vote f&or"), ("against", "Casting vote agai&nst"),
                            ("declined", "&Declines to use it")):
            button = QRadioButton(text)
            button.setAccessibleName(text.replace("&", ""))
            self.casting.addButton(button)
            self.casting_buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        self.casting.setExclusive(True)
        self.casting.buttonToggled.connect(self._update)
        self.casting_buttons["declined"].setVisible(
            CastingMode(self._state.rules.votes.casting) is CastingMode.OPTIONAL)
        self.tie_choice = QComboBox()
        self.tie_choice.setAccessibleName("Tied candidate chosen")
        self.tie_choice.currentIndexChanged.connect(self._update)
        row.addWidget(self.tie_choice)
        column.addLayout(row)
        box.hide()
        return box

    # --- reading and checking -------------------------------------------------------

    def _casting_value(self) -> str | None:
        checked = self.casting.checkedButton()
        return next((v for v, b in self.casting_buttons.items() if b is checked), None)

    def vote_answer(self) -> VoteAnswer:
        named = self.named.isChecked()
        return VoteAnswer(
            motion=self.motion.text().strip(),
            tally=None if named else Tally(self.votes_for.value(), self.votes_against.value(),
                                          self.abstained.value()),
            positions=self.voters.positions() if named else None,
            casting=self._casting_value() if self.casting_box.isVisible() else None,
            inquorate_reason=self.reason.text(),
        )

    def election_answer(self) -> ElectionAnswer:
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
            casting_for=choice if self._tie_needs == "casting" else None,
            lot_winner=choice if self._tie_needs == "lot" else None,
            inquorate_reason=self.reason.text())

    def _method_changed(self) -> None:
        self.pages.setCurrentIndex(1 if self.named.isChecked() else 0)
        self._clear_casting()
        self._update()

    def _clear_casting(self) -> None:
        self.casting.setExclusive(False)
        for button in self.casting_buttons.values():
            button.setChecked(False)
        self.casting.setExclusive(True)

    def _update(self) -> None:
        """Check the vote as typed: the figures, the tie, the result, or why not."""
        if not self._built or self._vote_id is not None and not self._naming_after:
            return
        try:
            if self._election:
                self._update_election()
            else:
                self._update_vote()
        except ClerkError as error:
            self._set_valid(False, error.message)
            return

    def _update_vote(self) -> None:
        answer = self.vote_answer()
        preview = decisions.preview(self._state, answer.tally, answer.positions)
        tie = preview.result.needs_casting
        if tie:
            label = decisions.presiding_label(self._state)
            name = self._state.presiding.name
            self.casting_text.setText(
                f"The votes are equal. {label}{f' ({name})' if name and name not in label else ''}"
                f" {'must' if self._state.rules.votes.casting == 'required' else 'may'} use the "
                "casting vote.")
            self.tie_choice.hide()
            self.casting_box.show()
            casting = self._casting_value()
            if casting:
                preview = decisions.preview(self._state, answer.tally, answer.positions,
                                            casting)
        else:
            self.casting_box.hide()
            self._clear_casting()
        self._show_figures(preview.breakdown, preview.present)
        if tie and not self._casting_value():
            self._set_valid(False, "", preview.result.sentence)
            return
        if not answer.motion and not self._naming_after:
            self._set_valid(False, "Type the motion: the minutes record what was voted on.",
                            preview.result.sentence)
            return
        self._check_reason(preview.result.sentence)

    def _update_election(self) -> None:
        answer = self.election_answer()
        if not answer.office:
            raise ClerkError("Say which office the election fills.")
        if len(answer.votes) < 1:
            self._show_figures((), None)
            raise ClerkError("Type at least one candidate's name.")
        preview = decisions.preview_election(self._state, answer.votes)
        result = preview.result
        self._tie_needs = result.needs
        if result.needs:
            wanted = list(result.tied)
            current = [self.tie_choice.itemData(i) for i in range(1, self.tie_choice.count())]
            if current != wanted:
                self.tie_choice.blockSignals(True)
                self.tie_choice.clear()
                self.tie_choice.addItem("— choose —", None)
                for name in wanted:
                    self.tie_choice.addItem(name, name)
                self.tie_choice.blockSignals(False)
            self.casting_text.setText(
                "The votes are equal. The person presiding must give a casting vote for one "
                "of the tied candidates:" if result.needs == "casting" else
                "The votes are equal and the person presiding has no vote: the tie is "
                "settled by lot. Who was drawn?")
            for button in self.casting_buttons.values():
                button.hide()
            self.tie_choice.show()
            self.casting_box.show()
            choice = self.tie_choice.currentData()
            if choice:
                preview = decisions.preview_election(
                    self._state, answer.votes,
                    casting_for=choice if result.needs == "casting" else None,
                    lot_winner=choice if result.needs == "lot" else None)
        else:
            self.casting_box.hide()
        self._show_figures(preview.breakdown, preview.present)
        if result.needs and not self.tie_choice.currentData():
            self._set_valid(False, "", preview.result.sentence)
            return
        if preview.result.winner is None:
            self._set_valid(False, "", preview.result.sentence)
            return
        self._check_reason(preview.result.sentence)

    def _check_reason(self, sentence: str) -> None:
        if not self._state.quorum.quorate and not self.reason.text().strip() \
                and not self._naming_after:
            self._set_valid(False, "Give the reason the meeting proceeded while inquorate.",
                            sentence)
            return
        self._set_valid(True, "", sentence)

    def _show_figures(self, breakdown, present: int | None) -> None:
        """The members present under each position, two to a row, and their total."""
        texts = [(label, str(count)) for label, count in breakdown]
        if present is not None:
            texts.append(("Members present", str(present)))
        while len(self._figure_labels) < len(texts):
            n = len(self._figure_labels)
            label, number = QLabel(), QLabel()
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.figures.addWidget(label, n // 2, (n % 2) * 3)
            self.figures.addWidget(number, n // 2, (n % 2) * 3 + 1)
            self._figure_labels.append((label, number))
        for n, (label, number) in enumerate(self._figure_labels):
            shown = n < len(texts)
            label.setVisible(shown)
            number.setVisible(shown)
            if shown:
                label.setText(texts[n][0])
                number.setText(texts[n][1])
                bold = texts[n][0] == "Members present"
                for widget in (label, number):
                    font = widget.font()
                    font.setBold(bold)
                    widget.setFont(font)

    def _set_valid(self, valid: bool, problem: str, sentence: str = "") -> None:
        self._valid = valid
        self.record.setEnabled(valid)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if sentence:
            self.sentence.setText(f"Result if recorded now: {sentence}")
        else:
            self.sentence.setText("")

    # --- recording ------------------------------------------------------------------

    def _record(self) -> None:
        if not self._valid:
            return
        try:
            if self._naming_after:
                answer = self.vote_answer()
                self._make_recorded(self._vote_id, answer.positions, answer.casting)
                self.accept()
                return
            if self._election:
                self._submit(self.election_answer())
                self.accept()
                return
            answer = self.vote_answer()
            self._vote_id, _status = self._submit(answer)
        except ClerkError as error:
            # Refused on saving (the record changed, say): say why, keep what was typed.
            self.problem.setText(error.message)
            self.problem.show()
            return
        if answer.positions is not None or self._make_recorded is None:
            self.accept()
            return
        self._show_recorded()

    def _show_recorded(self) -> None:
        """After a show of hands: a member may ask for the vote to be recorded by name."""
        sentence = self.sentence.text().removeprefix("Result if recorded now: ")
        self.sentence.setText(f"Recorded. {sentence}")
        for widget in (self.motion, self.methods, self.pages, self.casting_box, self.reason):
            widget.setEnabled(False)
        self.record.hide()
        self.ask_named.show()
        self.close_button.setText("Close")
        self.close_button.setAccessibleName("Close")
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def _start_naming(self) -> None:
        """Practice (SI 1993/202 Sch 2 para 1): the vote just taken, recorded by name."""
        self._naming_after = True
        self.ask_named.hide()
        self.record.setText("Record the names")
        self.record.setAccessibleName("Record the names")
        self.record.show()
        self.record.setDefault(True)
        self.close_button.setText("Close without names")
        self.close_button.setAccessibleName("Close without recording names")
        self.pages.setEnabled(True)
        self.casting_box.setEnabled(True)
        self.named.setChecked(True)  # switches to the names page and checks again
        self.voters_table.setFocus()

    def _close(self) -> None:
        if self._vote_id is not None:
            self.accept()  # the vote was recorded; closing keeps it
        else:
            self.reject()


def _labelled(form: QFormLayout, text: str, field: QWidget, name: str) -> None:
    label = QLabel(text)
    label.setBuddy(field)
    field.setAccessibleName(name)
    field.setMinimumHeight(28)
    form.addRow(label, field)

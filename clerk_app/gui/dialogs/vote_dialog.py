"""The vote screen: the motion, the figures or each member's position, the result before
it is recorded, and the casting vote on a tie (DOMAIN.md §5). Once a show of hands is
recorded, a member may ask for the same vote to be recorded by name.

Every figure and verdict comes from `decisions.preview` on the snapshot the dialog was
opened with: the dialog checks as the clerk types, but never counts or decides anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from clerk_app.gui.dialogs.ballot_dialog import BallotDialog, labelled
from clerk_app.gui.widgets import announce
from clerk_app.gui.widgets.count_box import CountBox
from clerk_app.gui.widgets.named_vote import NamedVotePanel
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind
from clerk_app.rules.vocabulary import CastingChoice, CastingMode, OfficeRole, Position
from clerk_app.rules.voting import Tally, hands_problem, tally_named
from clerk_app.services import decisions
from clerk_app.services.decisions import RecordedVote, VotePreview
from clerk_app.services.state import MeetingState

CASTING_WORDS: Mapping[CastingChoice, str] = {
    CastingChoice.FOR: "Casting vote f&or",
    CastingChoice.AGAINST: "Casting vote agai&nst",
    CastingChoice.DECLINED: "&Declines to use it",
}
# The person presiding "must" or "may" use the casting vote (000 §11.3).
CASTING_VERBS: Mapping[CastingMode, str] = {CastingMode.REQUIRED: "must",
                                            CastingMode.OPTIONAL: "may"}
COUNTS_PAGE, NAMES_PAGE = 0, 1


@dataclass(frozen=True)
class VoteAnswer:
    motion: str
    tally: Tally | None  # a show of hands
    positions: dict[int, Position] | None  # a recorded vote
    casting: CastingChoice | None
    inquorate_reason: str
    did_not_vote_confirmed: bool = False  # the clerk confirmed figures short (§9)


class VoteDialog(BallotDialog):
    """Take a vote on an item, by a show of hands or by name.

    Args:
        state: the meeting snapshot for the item (register.state with the item id).
        item_label: "4. Early help commissioning plan".
        submit: records the vote: VoteAnswer -> RecordedVote. Raises ClerkError if refused.
        make_recorded: turns the vote just taken into a recorded vote:
            (vote id, positions, casting) -> status sentence. Without it, the dialog
            closes once the vote is recorded.
        motion: the motion's wording to start with.
        choose_presiding: lets the members choose who presides when a tie has nobody to
            break it (DOMAIN.md §9); returns the item's snapshot after the choice, or None
            if they did not choose.
    """

    def __init__(self, state: MeetingState, item_label: str,
                 submit: Callable[[VoteAnswer], RecordedVote],
                 make_recorded: Callable | None = None, motion: str = "",
                 parent: QWidget | None = None,
                 choose_presiding: Callable[[], MeetingState | None] | None = None) -> None:
        self._choose_presiding = choose_presiding
        super().__init__(state, f"Vote on item {item_label}", "Record the vote", parent)
        self._submit = submit
        self._make_recorded = make_recorded
        self._recorded: RecordedVote | None = None
        self._saving = self._record_vote
        self.motion.setText(motion)
        self.motion.textChanged.connect(self._update)
        self.method.buttonToggled.connect(self._method_changed)
        self.named_vote.changed.connect(self._update)
        for spin in (self.votes_for, self.votes_against, self.abstained):
            spin.valueChanged.connect(self._update)
        self.confirm_did_not_vote.toggled.connect(self._update)
        self.casting.buttonToggled.connect(self._update)
        self.recount.toggled.connect(self._update)
        self.recount_reason.textChanged.connect(self._update)
        self._update()
        self.motion.setFocus()  # the first thing to type

    # --- building -------------------------------------------------------------------

    def _fill_form(self, form: QFormLayout) -> None:
        self.motion = limited(QLineEdit(), TextKind.NOTES)
        labelled(form, "&Motion: that…", self.motion, "Motion")
        self.show_of_hands = QRadioButton("Show of &hands (counts)")
        self.named = QRadioButton("&Recorded vote (by name)")
        self.show_of_hands.setChecked(True)
        self.method = QButtonGroup(self)
        methods = QHBoxLayout()
        for button in (self.show_of_hands, self.named):
            self.method.addButton(button)
            methods.addWidget(button)
        methods.addStretch(1)
        methods.setContentsMargins(0, 0, 0, 0)
        self.methods = QWidget()
        self.methods.setLayout(methods)
        form.addRow("Method:", self.methods)
        # Names that give other figures than the show of hands are a recount (§9).
        self.recount = QCheckBox("&This was a recount, held because:")
        self.recount_reason = limited(QLineEdit(), TextKind.TEXT)
        self.recount_reason.setAccessibleName("Why the recount was held")
        form.addRow(self.recount, self.recount_reason)
        for widget in (self.recount, self.recount_reason):
            widget.hide()

    def _entry(self) -> QWidget:
        self.pages = QStackedWidget()
        self.pages.addWidget(self._counts_page())
        self.named_vote = NamedVotePanel([(a.person_id, a.name)
                                          for a in self._state.eligibility.eligible])
        self.voters_table = self.named_vote.table
        self.voters = self.named_vote.model
        self.all_for = self.named_vote.all_for
        self.pages.addWidget(self.named_vote)
        return self.pages

    def _counts_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.votes_for, self.votes_against, self.abstained = CountBox(), CountBox(), CountBox()
        for label, spin in (("&For:", self.votes_for), ("&Against:", self.votes_against),
                            ("A&bstained:", self.abstained)):
            labelled(form, label, spin, label.replace("&", "").rstrip(":"))
            spin.refused.connect(self.show_problem)
        # DOMAIN.md §9: figures short of the members who may vote are confirmed by the
        # clerk, and the minutes say how many did not vote.
        self.did_not_vote_note = QLabel(objectName="didNotVoteNote")
        self.did_not_vote_note.setWordWrap(True)
        self.did_not_vote_note.setAccessibleName("Members not accounted for")
        self.confirm_did_not_vote = QCheckBox("Confirm that they did not &vote")
        self.confirm_did_not_vote.setSizePolicy(QSizePolicy.Policy.Maximum,
                                                QSizePolicy.Policy.Fixed)
        self.confirm_did_not_vote.setAccessibleName("Confirm that they did not vote")
        form.addRow(self.did_not_vote_note)
        form.addRow(self.confirm_did_not_vote)
        self._shortfall = 0
        self._show_shortfall(0)
        return page

    def _fill_casting(self, row: QHBoxLayout) -> None:
        self.casting = QButtonGroup(self)
        self.casting_buttons: dict[CastingChoice, QRadioButton] = {}
        for choice, text in CASTING_WORDS.items():
            button = QRadioButton(text)
            button.setAccessibleName(text.replace("&", ""))
            self.casting.addButton(button)
            self.casting_buttons[choice] = button
            row.addWidget(button)
        self.choose_presiding = QPushButton("Choose &who presides…")
        self.choose_presiding.clicked.connect(self._choose)
        row.addWidget(self.choose_presiding)
        row.addStretch(1)
        self.casting.setExclusive(True)

    def _add_buttons(self, buttons: QDialogButtonBox) -> None:
        self.ask_named = buttons.addButton("A member asks for a recorded vote…",
                                           QDialogButtonBox.ButtonRole.ActionRole)
        self.ask_named.setAccessibleName("Turn this vote into a recorded vote")
        self.ask_named.clicked.connect(self._start_naming)
        self.ask_named.hide()

    # --- reading and checking -------------------------------------------------------

    def _casting_value(self) -> CastingChoice | None:
        checked = self.casting.checkedButton()
        return next((c for c, b in self.casting_buttons.items() if b is checked), None)

    def answer(self) -> VoteAnswer:
        named = self.named.isChecked()
        return VoteAnswer(
            motion=self.motion.text().strip(),
            tally=None if named else Tally(self.votes_for.value(), self.votes_against.value(),
                                          self.abstained.value()),
            positions=self.named_vote.positions() if named else None,
            casting=self._casting_value() if self.casting_box.isVisible() else None,
            inquorate_reason=self.reason.text(),
            did_not_vote_confirmed=not named and self.confirm_did_not_vote.isChecked(),
        )

    def _method_changed(self) -> None:
        self.pages.setCurrentIndex(NAMES_PAGE if self.named.isChecked() else COUNTS_PAGE)
        self._clear_casting()
        self._update()

    def _clear_casting(self) -> None:
        self.casting.blockSignals(True)
        self.casting.setExclusive(False)
        for button in self.casting_buttons.values():
            button.setChecked(False)
        self.casting.setExclusive(True)
        self.casting.blockSignals(False)

    def _check(self) -> None:
        answer = self.answer()
        preview = decisions.preview(self._state, answer.tally, answer.positions)
        tie = preview.result.needs_casting
        if tie:
            self._show_tie(preview)
            casting = self._casting_value()
            if casting:
                preview = decisions.preview(self._state, answer.tally, answer.positions,
                                            casting)
        else:
            self.casting_box.hide()
            self._clear_casting()
        self._show_figures(preview.breakdown, preview.present)
        hands = answer.tally is not None
        counted = hands and answer.tally.total > 0
        short = preview.result.did_not_vote if counted else 0
        self._show_shortfall(short)
        sentence = preview.result.sentence if counted or not hands else ""
        problem = hands_problem(answer.tally, len(self._state.eligibility.eligible),
                                answer.did_not_vote_confirmed) if hands else ""
        if tie and not self._casting_value():
            self._set_valid(False, "", sentence)
        elif not answer.motion:
            self._set_valid(False, "Type the motion: the minutes record what was voted on.",
                            sentence)
        elif problem:
            self._set_valid(False, problem, sentence)
        elif not self._recount_checked(answer):
            return
        else:
            self._check_reason(sentence)

    def _recount_checked(self, answer: VoteAnswer) -> bool:
        """Names for the show of hands just recorded give its figures, or are a recount
        the clerk says was held, and why (DOMAIN.md §9); False when the clerk must act."""
        hands = self._recorded.result.tally if self._recorded else None
        named = tally_named(answer.positions) if answer.positions is not None else None
        differs = hands is not None and named is not None and named != hands
        for widget in (self.recount, self.recount_reason):
            widget.setVisible(differs)
        if not differs:
            return True
        if self.recount.isChecked() and self.recount_reason.text().strip():
            return True
        self._set_valid(False, f"The names give {named.figures} The show of hands gave "
                        f"{hands.figures} Correct the names, or tick that this was a "
                        "recount and say why.", "")
        return False

    def _show_shortfall(self, short: int) -> None:
        """The members present who may vote and are not in the figures; a new number
        asks for a new confirmation."""
        if short != self._shortfall:
            self.confirm_did_not_vote.setChecked(False)
            self._shortfall = short
        eligible = len(self._state.eligibility.eligible)
        self.did_not_vote_note.setText(
            f"The figures account for {eligible - short} of the {_members(eligible)} "
            f"present who may vote: {short} did not vote." if short else "")
        self.did_not_vote_note.setVisible(bool(short))
        self.confirm_did_not_vote.setVisible(bool(short))

    def _clear_result(self) -> None:
        super()._clear_result()
        self._show_shortfall(0)

    def _show_tie(self, preview: VotePreview) -> None:
        """The person presiding, named, and what the body's rules let them do (§5); with
        nobody presiding, the members must choose who does first (§9)."""
        presiding = self._state.presiding
        nobody = presiding.person_id is None
        self.choose_presiding.setVisible(nobody and self._choose_presiding is not None)
        if nobody:
            self.casting_text.setText(
                "The votes are equal, and nobody presides over this item to give the "
                "casting vote: the members present choose who presides first.")
            for button in self.casting_buttons.values():
                button.hide()
            self.casting_box.show()
            return
        who = decisions.presiding_label(self._state)
        if OfficeRole.of(presiding.office) is not None and presiding.name:
            who += f" ({presiding.name})"
        self.casting_text.setText(f"The votes are equal. {who} "
                                  f"{CASTING_VERBS[preview.casting_mode]} use the casting vote.")
        for choice, button in self.casting_buttons.items():
            button.setVisible(choice in preview.casting_choices)
        self.casting_box.show()

    def _choose(self) -> None:
        state = self._choose_presiding()
        if state is not None:
            self._state = state
            self._update()
            self.casting_box.setFocus()

    # --- recording ------------------------------------------------------------------

    def _record_vote(self) -> None:
        answer = self.answer()
        self._recorded = self._submit(answer)
        if answer.positions is not None or self._make_recorded is None:
            self.accept()
            return
        self._show_recorded(self._recorded.result.sentence)

    def _show_recorded(self, sentence: str) -> None:
        """After a show of hands: a member may ask for the vote to be recorded by name."""
        announce.show_text(self.sentence, f"Recorded. {sentence}", "Result", say=True)
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
        self._saving = self._record_names
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

    def _record_names(self) -> None:
        answer = self.answer()
        recount = self.recount_reason.text() if self.recount.isVisible() else ""
        self._make_recorded(self._recorded.vote_id, answer.positions, answer.casting, recount)
        self.accept()

    def _close(self) -> None:
        if self._recorded is not None:
            self.accept()  # the vote was recorded; closing keeps it
        else:
            self.reject()


def _members(n: int) -> str:
    return f"{n} member" if n == 1 else f"{n} members"

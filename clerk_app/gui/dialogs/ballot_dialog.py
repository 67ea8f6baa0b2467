"""What a vote and an election share on screen (DOMAIN.md §5): who may vote and why the
others present may not, the figures that add up to the members present, a tie waiting
for the person presiding, the reason an inquorate meeting proceeded, the result before it
is recorded, and why it cannot be.

Every figure and verdict comes from the services' previews on the snapshot the dialog
was opened with; the dialog words them, and never counts or decides anything itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clerk_app.gui.dialogs.prompts import Asks
from clerk_app.gui.widgets import announce
from clerk_app.gui.widgets.fitting import fit_to_screen, scrolled
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.gui.widgets.voters_panel import VotersPanel
from clerk_app.rules.limits import TextKind
from clerk_app.rules.vocabulary import Position
from clerk_app.services.decisions import Breakdown
from clerk_app.services.errors import ClerkError
from clerk_app.services.state import MeetingState

# How the figures name a position where the vocabulary's own label is too short.
FIGURE_WORDS: Mapping[Position, str] = {Position.WITHDRAWN: "Withdrawn (interest)"}
PRESENT_WORDS = "Members present"


class BallotDialog(Asks, QDialog):
    """The frame of a vote or an election on one item.

    A subclass adds its fields to `form`, gives its entry page (`_entry`) and the controls
    for a tie (`_fill_casting`), checks what is typed (`_check`, raising ClerkError to
    say why it cannot be recorded) and sets `_saving` to the action the Record button runs.
    """

    FIGURE_WORDS: Mapping[Position, str] = FIGURE_WORDS

    def __init__(self, state: MeetingState, title: str, record_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._valid = False
        self._saving: Callable[[], None] = self.accept
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        # The fields scroll on a small screen; the result, why it cannot be recorded and
        # the buttons stay in view below them.
        content = QWidget()
        fields = QVBoxLayout(content)
        fields.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(content), 1)
        self.form = QFormLayout()
        self._fill_form(self.form)
        fields.addLayout(self.form)
        columns = QHBoxLayout()
        fields.addLayout(columns, 1)
        self.voters_panel = VotersPanel(state)
        columns.addWidget(self.voters_panel, 2)
        entry = QVBoxLayout()
        columns.addLayout(entry, 3)
        entry.addWidget(self._entry(), 1)
        entry.addWidget(self._figures_box())
        fields.addWidget(self._casting_box())
        fields.addWidget(self._reason_box())
        self.sentence = _message(QLabel(objectName="voteResult"), "Result")
        layout.addWidget(self.sentence)
        self.problem = _message(QLabel(objectName="errorMessage"),
                                "Why this cannot be recorded")
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addWidget(self._buttons(record_text))
        self.record.setDefault(True)  # once in the dialog (not before): Enter records
        self.reason.textChanged.connect(self._update)
        self.setMinimumWidth(760)
        self._fitted = False

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Open at the size the dialog would like (Qt's default is two thirds of the
        screen), within the screen: on a small one the fields scroll."""
        if not self._fitted:
            self._fitted = True
            fit_to_screen(self)
        super().showEvent(event)

    # --- for the subclass -----------------------------------------------------------

    def _fill_form(self, form: QFormLayout) -> None:
        """Add the fields above the entry (the motion, the office)."""

    def _entry(self) -> QWidget:
        """The page where the figures or the names are entered."""
        raise NotImplementedError

    def _fill_casting(self, row: QHBoxLayout) -> None:
        """Add the controls that settle a tie to the casting box's row."""

    def _add_buttons(self, buttons: QDialogButtonBox) -> None:
        """Add buttons between Record and Cancel."""

    def _check(self) -> None:
        """Check what is typed and show the result; ClerkError says why it cannot be."""
        raise NotImplementedError

    # --- building -------------------------------------------------------------------

    def _figures_box(self) -> QWidget:
        box = QGroupBox("The members present add up")
        self.figures = QGridLayout(box)
        self.figures.setHorizontalSpacing(10)
        self.figures.setColumnMinimumWidth(2, 24)  # a gap between the two columns
        self._figure_labels: list[tuple[QLabel, QLabel]] = []
        return box

    def _casting_box(self) -> QWidget:
        self.casting_box = QGroupBox()
        column = QVBoxLayout(self.casting_box)
        self.casting_text = _message(QLabel(), "")
        column.addWidget(self.casting_text)
        row = QHBoxLayout()
        self._fill_casting(row)
        column.addLayout(row)
        self.casting_box.hide()
        return self.casting_box

    def _reason_box(self) -> QWidget:
        self.reason = limited(QLineEdit(), TextKind.TEXT)
        self.reason_box = QWidget()
        form = QFormLayout(self.reason_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_message(QLabel(
            f"{self._state.quorum.summary}. A decision cannot be recorded while the meeting "
            "is inquorate unless the minutes give the reason it proceeded.",
            objectName="errorMessage"), ""))
        labelled(form, "Reason the meeting &proceeded:", self.reason,
                 "Reason the meeting proceeded while inquorate")
        self.reason_box.setVisible(not self._state.quorum.quorate)
        return self.reason_box

    def _buttons(self, record_text: str) -> QWidget:
        self.buttons = QDialogButtonBox()
        self.record = self.buttons.addButton(record_text,
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.record.setAccessibleName(record_text)
        self._add_buttons(self.buttons)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setAccessibleName("Cancel")
        self.record.clicked.connect(self._record)
        self.close_button.clicked.connect(self._close)
        for button in self.buttons.buttons():
            button.setMinimumHeight(28)
        return self.buttons

    # --- checking -------------------------------------------------------------------

    def _update(self) -> None:
        """Check the ballot as typed: the figures, the tie, the result, or why not."""
        try:
            self._check()
        except ClerkError as error:
            self._clear_result()
            self._set_valid(False, error.message)

    def _clear_result(self) -> None:
        """Figures that cannot be: no figures, tie or result from before are left on
        show beside the problem (issue 13 item 7)."""
        self._show_figures((), None)
        self.casting_box.hide()

    def _check_reason(self, sentence: str) -> None:
        """The last check: while inquorate, the reason the meeting proceeded (§3)."""
        if not self._state.quorum.quorate and not self.reason.text().strip():
            self._set_valid(False, "Give the reason the meeting proceeded while inquorate.",
                            sentence)
            return
        self._set_valid(True, "", sentence)

    def _show_figures(self, breakdown: Breakdown, present: int | None) -> None:
        """The members present under each position, two to a row, and their total."""
        texts = [(self.FIGURE_WORDS.get(position, position.label), str(count), False)
                 for position, count in breakdown]
        if present is not None:
            texts.append((PRESENT_WORDS, str(present), True))
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
                words, figure, bold = texts[n]
                label.setText(words)
                number.setText(figure)
                for widget in (label, number):
                    font = widget.font()
                    font.setBold(bold)
                    widget.setFont(font)

    def _set_valid(self, valid: bool, problem: str, sentence: str = "") -> None:
        self._valid = valid
        self.record.setEnabled(valid)
        self.show_problem(problem)
        announce.show_text(self.sentence,
                           f"Result if recorded now: {sentence}" if sentence else "", "Result")

    def show_problem(self, problem: str) -> None:
        """Why the figures cannot be recorded; said when it first appears or changes (not
        at every key that leaves it as it was)."""
        said = self.problem.isVisible() and self.problem.text() == problem
        self.problem.setVisible(bool(problem))
        announce.show_text(self.problem, problem, "Why this cannot be recorded",
                           say=not said)

    # --- recording ------------------------------------------------------------------

    def _record(self) -> None:
        if not self._valid:
            return
        try:
            self._saving()
        except ClerkError as error:
            # Refused on saving (the record changed, say): say why, keep what was typed.
            self.show_problem(error.message)

    def _close(self) -> None:
        self.reject()


def labelled(form: QFormLayout, text: str, field: QWidget, name: str) -> None:
    """A field with its label as buddy (Alt+letter) and its accessible name."""
    label = QLabel(text)
    label.setBuddy(field)
    announce.name(field, name)
    field.setMinimumHeight(28)
    form.addRow(label, field)


def _message(label: QLabel, name: str) -> QLabel:
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setAccessibleName(name)
    return label

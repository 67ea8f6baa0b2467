"""A dialog that saves through a service and, when refused, says why and keeps what was typed.

Every set-up dialog is a form: fields, then a button that makes one recording action.
The action runs when the clerk presses the button; a `ClerkError` (the rules refusing,
e.g. an ineligible Vice-Chair, 000 §10.2-10.3) is shown inside the dialog in words, the
dialog stays open with everything as typed, and nothing was written. Only errors the
clerk can act on are caught; anything else is a bug and propagates.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from clerk_app.gui import theme
from clerk_app.gui.widgets import announce
from clerk_app.gui.widgets.fitting import MessageLabel, fit_to_screen, scrolled
from clerk_app.services.errors import ClerkError


class FormDialog(QDialog):
    """A form whose main button saves through a service.

    Subclasses add rows with `add_row` and implement `save`, which makes the recording
    action and returns a sentence for the status bar.

    Signals:
        saved(str): the action was recorded; the text says what was saved.
    """

    saved = Signal(str)

    def __init__(self, title: str, action: str, parent: QWidget | None = None,
                 intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        # Everything but the buttons scrolls, so that a long form fits a small screen
        # with its buttons in reach; `body` is that part's layout.
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.scroll = scrolled(content)
        layout.addWidget(self.scroll, 1)
        if intro:
            self.intro = QLabel(intro)
            self.intro.setWordWrap(True)
            self.intro.setTextFormat(Qt.TextFormat.PlainText)
            self.body.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body.addLayout(self.form)
        self.error = MessageLabel(objectName="errorMessage")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setAccessibleName("Why this was refused")
        self.error.hide()
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(action)
        self.ok_button.setAccessibleName(action.replace("&", "").rstrip("…"))
        self.ok_button.setIcon(theme.icon("check"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        cancel.setIcon(theme.icon("x"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._ordered = False

    def add_row(self, label: str, field: QWidget, description: str = "") -> QWidget:
        """A labelled field; the label is its buddy (Alt+letter) and its accessible name."""
        caption = QLabel(label)
        # The control inside a compound field is what the label names: on Linux a list
        # box is known by its label's relation, not by its accessible name.
        caption.setBuddy(field.focusProxy() or field)
        announce.name(field, label.replace("&", "").rstrip(":"))
        if description:
            field.setAccessibleDescription(description)
            field.setToolTip(description)
        self.form.addRow(caption, field)
        return field

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """The buttons come last in the tab order, after every field the subclass added;
        the dialog opens at the size it would like, within the screen."""
        if not self._ordered:
            self._ordered = True
            fit_to_screen(self)
            fields, widget = [], self.nextInFocusChain()
            while widget is not self:
                if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                        and not self.buttons.isAncestorOf(widget)):
                    fields.append(widget)
                widget = widget.nextInFocusChain()
            buttons = [b for b in self.buttons.buttons()]
            order = buttons if not fields else [fields[-1], *buttons]
            for first, second in zip(order, order[1:], strict=False):
                QWidget.setTabOrder(first, second)
        super().showEvent(event)

    def save(self) -> str:
        """Make the recording action; return what was saved, in a sentence."""
        raise NotImplementedError

    def accept(self) -> None:
        try:
            text = self.save()
        except ClerkError as error:
            self.show_error(error.message)
            return
        self.error.hide()
        super().accept()
        self.saved.emit(text)

    def show_error(self, message: str) -> None:
        self.error.show()
        announce.show_text(self.error, message, "Why this was refused", say=True, urgent=True)
        self.scroll.ensureWidgetVisible(self.error)


class _TypedSections:
    """Dates and times typed as a clerk writes them: "14/01/2027", "18:30".

    Qt moves to the next section by itself once a section is complete (two digits of the
    day); the "/" the clerk types next would then skip a section. A separator typed while
    a whole section is still selected (nothing typed in it yet) is therefore ignored.
    """

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.text() and event.text() in "/.-: ":
            selected = self.lineEdit().selectedText()
            if selected and selected == self.sectionText(self.currentSection()):
                event.accept()
                return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt override)
        """Tab leaves the field, as in every other field of the form (Qt would move
        between the day, month and year instead); typing or the arrow keys move there."""
        return QWidget.focusNextPrevChild(self, forward)


class DateEdit(_TypedSections, QDateEdit):
    """A date field that takes "14/01/2027" as typed."""


class TimeEdit(_TypedSections, QTimeEdit):
    """A time field that takes "18:30" as typed."""


def date_edit(value: date | None = None) -> QDateEdit:
    """A date field with a calendar, showing the date the way a clerk writes it."""
    edit = DateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    day = value or date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def date_of(edit: QDateEdit) -> date:
    qdate = edit.date()
    return date(qdate.year(), qdate.month(), qdate.day())


def select_data(combo: QComboBox, value: object) -> None:
    """Make the entry whose data is `value` current, if there is one."""
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)

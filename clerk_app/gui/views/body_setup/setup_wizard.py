"""Set up a body, blank or from a preset, as a guided sequence a clerk can finish with
their terms of reference in hand (issue 14 item 2).

The pages build one draft in the preset format (database/presets/README.md); Finish
makes the body from it in one unit of work (`presets.create_body_from_draft`). A draft
the rules refuse is shown on the summary page with what to fix, and nothing typed is
lost. Everything can be changed later in Body set-up.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard
from sqlalchemy.engine import Engine

from clerk_app.gui.views.body_setup.setup_pages import (
    BLANK,
    KEPT,
    GroupsPage,
    NamePage,
    SeatsPage,
    StartPage,
)
from clerk_app.gui.views.body_setup.setup_quorum_page import QuorumPage
from clerk_app.gui.views.body_setup.setup_rule_pages import (
    AttendancePage,
    MeetingsPage,
    OfficesPage,
    SummaryPage,
    VotesPage,
)
from clerk_app.services import body_draft, presets
from clerk_app.services.errors import ClerkError


class SetUpBodyDialog(QWizard):
    """The guided set-up of a new body.

    Attributes:
        body_id: the body made, once Finish has made it.
        draft: the body as typed so far, in the preset format.

    Signals:
        saved(str): the body was made; the text says so, for the status bar.
    """

    saved = Signal(str)

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self.body_id: int | None = None
        self.preset_key: str | None = None
        self._started_from: str | None = None
        self.draft: dict[str, Any] = body_draft.blank_draft()
        self.setWindowTitle("Set up a body")
        self.setAccessibleName("Set up a body")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.start, self.name, self.seats = StartPage(), NamePage(), SeatsPage()
        self.groups, self.quorum, self.offices = GroupsPage(), QuorumPage(), OfficesPage()
        self.votes, self.attendance = VotesPage(), AttendancePage()
        self.meetings, self.summary = MeetingsPage(), SummaryPage()
        for page in (self.start, self.name, self.seats, self.offices, self.groups,
                     self.quorum, self.votes, self.attendance, self.meetings, self.summary):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Finish: make the body")
        for which, name in ((QWizard.WizardButton.BackButton, "Back"),
                            (QWizard.WizardButton.NextButton, "Next"),
                            (QWizard.WizardButton.FinishButton, "Finish: make the body"),
                            (QWizard.WizardButton.CancelButton, "Cancel")):
            self.button(which).setAccessibleName(name)
        self.resize(820, 540)
        self._kept = body_draft.kept_draft(engine)
        if self._kept is not None:
            self.start.offer_kept(self._kept[0]["body"].get("name", ""))
        self.currentIdChanged.connect(self._keep)

    def _keep(self, page_id: int) -> None:
        """After each page, the draft is kept beside the record (nothing lost to a crash)."""
        if page_id > 0 and self.body_id is None:
            body_draft.keep_draft(self._engine, self.draft, self.preset_key)

    def start_from(self, choice: str) -> None:
        """Begin the draft from a preset (or blank); choosing again the same keeps it."""
        if choice == self._started_from:
            return
        self._started_from = choice
        if choice == KEPT and self._kept is not None:
            self.draft, self.preset_key = self._kept
            return
        self.preset_key = choice if choice != BLANK else None
        draft = presets.preset_draft(choice) if self.preset_key else body_draft.blank_draft()
        draft["body"].pop("key", None)  # the new body's key is made when it is created
        self.draft = body_draft.with_every_setting(draft)

    def forget_missing(self) -> None:
        body_draft.forget_missing(self.draft)

    def accept(self) -> None:
        """Make the body; a refusal is shown on the summary page, everything kept."""
        if self.body_id is None:
            key = presets.free_key(self._engine, self.preset_key) if self.preset_key else None
            try:
                self.body_id = presets.create_body_from_draft(
                    self._engine, self.draft, key=key, preset_key=self.preset_key)
            except ClerkError as error:
                self.summary.show_error(error.message)
                return
        body_draft.discard_draft(self._engine)
        super().accept()
        self.saved.emit(f"Created {self.draft['body']['name']}.")

    def reject(self) -> None:
        """Cancelled: the draft is not offered again."""
        body_draft.discard_draft(self._engine)
        super().reject()

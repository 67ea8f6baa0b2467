"""The agenda at the table: which item is under discussion and which is shown, and each
button of the agenda panel bound to the action it records.

Who presides, who may be chosen to, who declares and whether a declaration withdraws
the declarer are the rules' verdicts (`services.register.verdicts`,
`rules.declarations.must_withdraw`); this controller asks, warns before harm and
records.

Warnings before harm (DOMAIN.md §3): a declaration that withdraws a member, which would
make a quorate meeting inquorate, is only recorded after the clerk confirms it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QTimer

from clerk_app import clock
from clerk_app.gui.dialogs import prompts
from clerk_app.gui.dialogs.approval_dialog import ANOTHER_OUTCOME, ApprovalDialog
from clerk_app.gui.dialogs.decision_dialog import DecisionAnswer, DecisionDialog
from clerk_app.gui.dialogs.declare_dialog import DeclarationAnswer, DeclareDialog
from clerk_app.gui.dialogs.election_dialog import ElectionAnswer, ElectionDialog
from clerk_app.gui.dialogs.strike_out_dialog import StrikeOutDialog, entry_words
from clerk_app.gui.dialogs.vote_dialog import VoteAnswer, VoteDialog
from clerk_app.gui.views.table import words
from clerk_app.gui.views.table.agenda_panel import AgendaPanel
from clerk_app.gui.views.table.desk import TableDesk
from clerk_app.rules.declarations import InterestMatch, may_concern, must_withdraw
from clerk_app.rules.vocabulary import AttendanceKind, InterestEffect, ItemKind, MeetingStatus
from clerk_app.services import (
    decisions,
    elections,
    interests,
    meetings,
    minutes,
    register,
    strike_out,
)
from clerk_app.services.errors import ClerkError
from clerk_app.services.meetings import AgendaLine
from clerk_app.services.state import MeetingState

# Notes are saved this long after the clerk stops typing, and at once on leaving them.
NOTES_DELAY_MS = 800
# Decisions are taken in a meeting that has been opened (or corrected after it).
DECIDING = (MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED)


class AgendaController(QObject):
    """Shows the agenda panel from the desk's record and records what its buttons ask."""

    def __init__(self, desk: TableDesk, panel: AgendaPanel,
                 person_under_cursor: Callable[[], int | None]) -> None:
        """`person_under_cursor`: the person the register's cursor is on, if any (a
        declaration starts on them)."""
        super().__init__(panel)
        self._desk = desk
        self._panel = panel
        self._person_under_cursor = person_under_cursor
        self._item_id: int | None = None  # the item shown in the panel
        self._notes_item_id: int | None = None
        self._notes_dirty = False
        # (item, people on the register) -> the registered interests the item mentions
        self._prompts: tuple[tuple | None, list[InterestMatch]] = (None, [])
        self._tips = {button: button.toolTip()
                      for button in (panel.decision, panel.vote, panel.election)}
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_DELAY_MS)
        self._notes_timer.timeout.connect(self.save_notes)
        panel.selected.connect(self.select)
        panel.notes.textChanged.connect(self._notes_changed)
        for button, slot in ((panel.start, self.start_selected), (panel.next, self.start_next),
                             (panel.declare, self.declare), (panel.strike, self.strike_out),
                             (panel.choose_presiding, self.choose_presiding),
                             (panel.decision, self.decide), (panel.vote, self.vote),
                             (panel.election, self.elect)):
            button.clicked.connect(lambda _=False, slot=slot: slot())
        desk.about_to_record.connect(self.flush)

    def reset(self) -> None:
        """Another meeting: start at its item under discussion, and look for interests
        again (they may have been registered meanwhile)."""
        self._item_id = None
        self._prompts = (None, [])

    # --- showing --------------------------------------------------------------------

    def show(self) -> None:
        desk, panel = self._desk, self._panel
        state, locked = desk.state, desk.locked
        panel.model.set_rows(desk.agenda, state.item_id)
        if self._item_id is None or desk.line(self._item_id) is None:
            self._item_id = state.item_id or (desk.agenda[0].item_id if desk.agenda else None)
        panel.select_quietly(self._item_id)
        for widget in (panel.declare, panel.choose_presiding, panel.strike):
            widget.setEnabled(not locked)
        taken = not locked and desk.status_of_meeting in DECIDING
        for widget in (panel.decision, panel.vote, panel.election):
            widget.setEnabled(taken)
            widget.setToolTip(self._tips[widget] if taken else "Open the meeting first")
        panel.notes.setReadOnly(locked)
        self.show_now()
        self._show_item()

    def show_now(self) -> None:
        """The item under discussion, who presides over it, and the next item."""
        desk, panel = self._desk, self._panel
        current = desk.current_item()
        if current is None:
            panel.now.setText("No item has been started yet." if desk.in_progress else
                              "Open the meeting to take its items.")
            panel.presiding.setText("")
            panel.choose_presiding.hide()
        else:
            panel.now.setText(f"Under discussion: item {current.position}. {current.title}")
            presiding = desk.state.presiding
            panel.presiding.setText(words.presiding(presiding))
            panel.choose_presiding.setVisible(presiding.person_id is None and desk.in_progress)
        panel.presiding.setVisible(bool(panel.presiding.text()))
        later = desk.later_items()
        panel.next.setEnabled(desk.in_progress and bool(later) and not desk.locked)
        panel.next.setText(f"Ne&xt: item {later[0].position}" if later else "Ne&xt item")
        panel.next.setAccessibleName(f"Start item {later[0].position}" if later
                                     else "Start the next item")

    def _show_item(self) -> None:
        """The selected item: its details, prompts, declarations, notes and outcomes."""
        desk, panel = self._desk, self._panel
        line = desk.line(self._item_id)
        if line is None:
            for label in (panel.item_title, panel.item_details, panel.declarations,
                          panel.outcomes):
                label.setText("")
            panel.prompt.hide()
            return
        panel.item_title.setText(f"Item {line.position}. {line.title}")
        details = words.item_details(line)
        panel.item_details.setText(details)
        panel.item_details.setVisible(bool(details))
        due = self._declarations_due(line)
        panel.prompt.setText(words.declaration_due(due))
        panel.prompt.setVisible(bool(due))
        panel.declarations.setText(words.declarations(line))
        panel.outcomes.setText("\n".join(line.outcomes) if line.outcomes
                               else "No decision recorded yet.")
        if self._notes_item_id != line.item_id:
            panel.set_notes_quietly(line.notes)
            self._notes_item_id = line.item_id
            self._notes_dirty = False
        is_current = desk.state.item_id == line.item_id
        panel.start.setEnabled(desk.in_progress and not is_current and not desk.locked)

    def _declarations_due(self, line: AgendaLine) -> list[InterestMatch]:
        """Registered interests the item mentions, of people who have not declared on it.
        Read again only when the item or the people change (not on every arrival)."""
        key = (line.item_id, frozenset(r.person_id for r in self._desk.state.register))
        if self._prompts[0] != key:
            self._prompts = (key, interests.interest_prompts(self._desk.engine, line.item_id))
        declared = {d.person_id for d in line.declarations}
        return [m for m in self._prompts[1] if m.person_id not in declared]

    # --- the item under discussion --------------------------------------------------

    def select(self, item_id: int) -> None:
        """The clerk moved to another item: show it (the notes typed so far are saved)."""
        if item_id == self._item_id:
            return
        self.flush()
        self._item_id = item_id
        self._show_item()

    def start_selected(self) -> None:
        self._start(self._desk.line(self._item_id))

    def start_next(self) -> None:
        later = self._desk.later_items()
        if later:
            self._start(later[0])

    def _start(self, item: AgendaLine | None) -> None:
        if item is None:
            return
        desk = self._desk
        excluded = False
        if item.exempt:
            if not prompts.confirm(
                    desk.widget, "Exempt item: exclude the public",
                    f"Item {item.position} ({item.title}) is exempt: {item.exempt_reason}.\n\n"
                    f"Ask the public ({desk.summary.public_count} present) and anyone who is "
                    "not a member to leave, then confirm that they have left.",
                    "They have left: start the item"):
                return
            excluded = True
        self._item_id = item.item_id
        desk.attempt(f"Item {item.position} started", partial(
            meetings.start_item, desk.engine, desk.meeting_id, item.item_id, desk.when(),
            excluded))

    def choose_presiding(self) -> bool:
        """The members present choose who presides over the item; True once saved."""
        desk = self._desk
        item = desk.current_item()
        members = [desk.state.line(person_id) for person_id in desk.verdicts.may_preside]
        index = prompts.choose(desk.widget, "Who presides", "The members present choose who "
                               f"presides over item {item.position}:",
                               [words.presiding_choice(m) for m in members])
        if index is None:
            return False
        chosen = members[index]
        return desk.attempt(f"{chosen.name} presides over item {item.position}", partial(
            meetings.choose_presiding, desk.engine, item.item_id, chosen.person_id))

    # --- declarations and decisions -------------------------------------------------

    def declare(self) -> None:
        """Declare an interest in an item of business: under "Declarations of interest"
        nothing is chosen for the clerk but the member under the cursor (DOMAIN.md §9)."""
        desk = self._desk
        lines = [desk.state.line(person_id) for person_id in desk.verdicts.may_declare]
        people = [(line.person_id, f"{line.name} — {line.category_name}") for line in lines]
        business = [i for i in desk.agenda if may_concern(i.kind)]
        items = [(i.item_id, f"{i.position}. {i.title}") for i in business]
        found = {i.item_id: interests.interest_prompts(desk.engine, i.item_id)
                 for i in business}
        held = interests.interests_register(desk.engine, desk.state.body_id, desk.summary.date)
        registered = {m.person_id: [(i.description, i.kind) for i in m.interests
                                    if i.to_date is None or i.to_date >= desk.summary.date]
                      for m in held.members}
        DeclareDialog.ask(people, items, self._item_id, desk.state.rules.declaration_effects,
                          found, self._record_declaration,
                          person_id=self._person_under_cursor(), parent=desk.widget,
                          registered=registered, on_quorum=self._effect_on_quorum)

    def _effect_on_quorum(self, answer: DeclarationAnswer) -> str:
        """What recording the declaration would do to quorum, before it is recorded:
        "Recording this withdraws X …: the meeting will be inquorate because …" (§3)."""
        desk = self._desk
        if not must_withdraw(InterestEffect(answer.effect), bool(answer.dispensation_by.strip())):
            return ""
        line, item = desk.state.line(answer.person_id), desk.line(answer.item_id)
        when = "now" if desk.state.item_id == item.item_id else \
            f"when item {item.position} is taken"
        head = f"Recording this withdraws {line.name} {when}"
        before, after = register.quorum_if(desk.engine, desk.meeting_id, answer.person_id,
                                           AttendanceKind.WITHDRAW, item.item_id)
        if after.quorate:
            return f"{head}: the meeting stays quorate ({after.detail})."
        if not before.quorate:
            return f"{head}. The meeting is not quorate for item {item.position} ({after.detail})."
        lost = before.groups_unfilled_by(after)
        why = f"{words.listed(lost)} would no longer be filled; " if lost else ""
        return f"{head}: the meeting will be inquorate because {why}{after.detail}."

    def _record_declaration(self, answer: DeclarationAnswer) -> str:
        desk = self._desk
        line = desk.state.line(answer.person_id)
        item = desk.line(answer.item_id)
        withdraws = must_withdraw(InterestEffect(answer.effect),
                                  dispensation=bool(answer.dispensation_by.strip()))
        if withdraws and answer.person_id in desk.verdicts.in_room and \
                not desk.warn_if_inquorate(answer.person_id, AttendanceKind.WITHDRAW,
                                           answer.item_id, f"{line.name} withdrawing from "
                                           f"item {item.position}"):
            raise ClerkError("Not recorded: the declaration would make the meeting "
                             "inquorate. Change the effect, record a dispensation, or "
                             "cancel.")
        later = withdraws and desk.state.item_id != answer.item_id
        status = words.declared(line.name, answer.kind, item.position, withdraws and not later)
        if later:
            status += f", and withdraws when item {item.position} is taken"
        desk.record(status, partial(
            decisions.declare_interest, desk.engine, answer.item_id, answer.person_id,
            answer.kind, answer.description, answer.effect, answer.dispensation_by,
            answer.dispensation_note, desk.when()))
        return desk.status.text()

    def strike_out(self) -> None:
        """Strike out a declaration or action under the item, made by mistake (§9)."""
        desk = self._desk
        item = desk.line(self._item_id)
        entries = strike_out.item_entries(desk.engine, item.item_id) if item else []
        if not entries:
            desk.refuse("Nothing is recorded under this item that could be struck out: no "
                        "declaration or action.")
            return

        def submit(chosen: strike_out.Strikable, reason: str) -> str:
            desk.record(f"Struck out: {entry_words(chosen)}", partial(
                strike_out.strike_out, desk.engine, desk.meeting_id, chosen.entry,
                chosen.row_id, reason))
            return desk.status.text()

        StrikeOutDialog.ask(f"item {item.position}", entries, submit, parent=desk.widget)

    def decide(self) -> None:
        desk = self._desk
        item = desk.line(self._item_id)
        if item is None:
            return
        state = register.state(desk.engine, desk.meeting_id, item.item_id)
        if item.kind is ItemKind.PREVIOUS_MINUTES and self._approve(item, state):
            return

        def submit(answer: DecisionAnswer) -> str:
            desk.record(f"Item {item.position} {answer.kind.label.lower()}", partial(
                decisions.record_decision, desk.engine, item.item_id, answer.kind,
                answer.text, answer.inquorate_reason, desk.when(), answer.referred_to))
            return desk.status.text()

        DecisionDialog.ask(f"{item.position}. {item.title}", state.quorum, submit,
                           parent=desk.widget)

    def _approve(self, item: AgendaLine, state: MeetingState) -> bool:
        """Under "Minutes of the previous meeting": agree them, with any corrections
        (§6). False when the clerk asks to record another outcome instead."""
        desk = self._desk

        def submit(corrections: list[str], reason: str) -> str:
            desk.record(f"Item {item.position}: the previous minutes agreed", partial(
                minutes.approve_minutes, desk.engine, item.item_id, corrections, reason,
                desk.when()))
            return desk.status.text()

        dialog = ApprovalDialog(f"{item.position}. {item.title}", state.quorum, submit,
                                parent=desk.widget)
        try:
            return dialog.exec() != ANOTHER_OUTCOME
        finally:
            dialog.deleteLater()

    def vote(self) -> None:
        desk = self._desk
        item = desk.line(self._item_id)
        if item is None:
            return
        now = {"state": register.state(desk.engine, desk.meeting_id, item.item_id)}

        def submit(answer: VoteAnswer) -> decisions.RecordedVote:
            result = decisions.preview(now["state"], answer.tally, answer.positions,
                                       answer.casting).result
            outcome = "carried" if result.carried else "not carried"
            return desk.record(f"Vote on item {item.position}: {outcome}", partial(
                decisions.record_vote, desk.engine, item.item_id, answer.motion,
                answer.tally, answer.positions, answer.casting, answer.inquorate_reason,
                desk.when(), did_not_vote_confirmed=answer.did_not_vote_confirmed))

        def make_recorded(vote_id: int, positions: dict[int, str], casting: str | None,
                          recount_reason: str = "") -> str:
            desk.record(f"Vote on item {item.position} recorded by name", partial(
                decisions.make_vote_recorded, desk.engine, vote_id, positions, casting,
                recount_reason))
            return desk.status.text()

        def choose() -> MeetingState | None:
            """The members choose who presides, so that a tie can be broken (§9)."""
            if not self.choose_presiding():
                return None
            now["state"] = register.state(desk.engine, desk.meeting_id, item.item_id)
            return now["state"]

        VoteDialog.ask(now["state"], f"{item.position}. {item.title}", submit, make_recorded,
                       parent=desk.widget, choose_presiding=choose)

    def elect(self) -> None:
        desk = self._desk
        item = desk.line(self._item_id)
        if item is None:
            return
        state = register.state(desk.engine, desk.meeting_id, item.item_id)

        def submit(answer: ElectionAnswer) -> str:
            preview = elections.preview_election(state, answer.votes, answer.casting_for,
                                                 answer.lot_winner)
            desk.record(f"Election of {answer.office}: {preview.result.winner} elected",
                        partial(elections.record_election, desk.engine, item.item_id,
                                answer.office, answer.votes, answer.casting_for,
                                answer.lot_winner, answer.inquorate_reason, desk.when(),
                                did_not_vote_confirmed=answer.did_not_vote_confirmed))
            return desk.status.text()

        ElectionDialog.ask(state, f"{item.position}. {item.title}", submit, parent=desk.widget)

    # --- notes ----------------------------------------------------------------------

    def _notes_changed(self) -> None:
        self._notes_dirty = True
        self._notes_timer.start()

    def save_notes(self) -> None:
        if not self._notes_dirty or self._notes_item_id is None:
            return
        self._notes_timer.stop()
        self._notes_dirty = False
        desk = self._desk
        item = desk.line(self._notes_item_id)
        try:
            meetings.set_item_notes(desk.engine, self._notes_item_id,
                                    self._panel.notes.toPlainText())
        except ClerkError as error:
            desk.refuse(error.message)
            return
        desk.saved_elsewhere(f"Saved {clock.now():%H:%M} — notes on item "
                             f"{item.position if item else ''}")

    def flush(self) -> None:
        """Save anything typed but not yet saved (the notes)."""
        self.save_notes()

"""The register at the table: each command the clerk gives the register panel, recorded.

Who is in the room, who may come back and how, are the rules' verdicts
(`services.register.verdicts`); this controller asks, warns before harm and records.

Warnings before harm (DOMAIN.md §3): a departure or a withdrawal that would make a
quorate meeting inquorate is only recorded after the clerk confirms it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QObject

from clerk_app.gui.dialogs.strike_out_dialog import StrikeOutDialog, entry_words
from clerk_app.gui.dialogs.substitute_dialog import SubstituteDialog
from clerk_app.gui.dialogs.time_edit_dialog import TimeEditDialog
from clerk_app.gui.dialogs.walk_in_dialog import WalkIn, WalkInDialog
from clerk_app.gui.views.table.desk import TableDesk
from clerk_app.gui.views.table.register_panel import RegisterCommand, RegisterPanel
from clerk_app.rules.times import early_arrival
from clerk_app.rules.vocabulary import AttendanceKind, Capacity
from clerk_app.services import register, remote, strike_out, substitutes
from clerk_app.services.state import RegisterLine


class RegisterController(QObject):
    """Records what the clerk asks of the register panel, through the desk."""

    def __init__(self, desk: TableDesk, panel: RegisterPanel) -> None:
        super().__init__(panel)
        self._desk = desk
        self._panel = panel
        self._commands: dict[RegisterCommand, Callable[[RegisterLine], object]] = {
            RegisterCommand.PRESENT: self.arrive,
            RegisterCommand.APOLOGIES: self.send_apologies,
            RegisterCommand.LEAVE: self.leave,
            RegisterCommand.SUBSTITUTE: self.substitute,
            RegisterCommand.RETURN: self.come_back,
            RegisterCommand.WITHDRAW: self.withdraw,
            RegisterCommand.TIMES: self.edit_times,
            RegisterCommand.REMOTE: self.switch_remote,
            RegisterCommand.STRIKE: self.strike_out,
        }
        self._back: dict[AttendanceKind, Callable[[RegisterLine], object]] = {
            AttendanceKind.RETURN: self._return_to_item,
            AttendanceKind.ARRIVE: self._come_back_in,
        }
        panel.command.connect(self.run)
        panel.arrive_typed.connect(self.arrive_typed)
        panel.add_walk_in.connect(self.add_walk_in)

    def show(self) -> None:
        self._panel.set_rows(list(self._desk.state.register))

    def run(self, command: RegisterCommand, person_id: int) -> None:
        if command is not RegisterCommand.TIMES and self._refused_after_close():
            return
        self._commands[command](self._desk.state.line(person_id))

    def _refused_after_close(self) -> bool:
        """Nothing new is recorded in the register after the close (DOMAIN.md §9)."""
        if not self._desk.closed:
            return False
        self._desk.refuse("The meeting has closed: nothing more can be recorded in the "
                          "register. Correct a time with Times… (T) if one was wrong.")
        return True

    # --- the commands ---------------------------------------------------------------

    def arrive_typed(self, person_id: int) -> None:
        if not self._refused_after_close() and self.arrive(self._desk.state.line(person_id)):
            self._panel.filter.clear()  # ready for the next name

    def arrive(self, line: RegisterLine) -> bool:
        desk = self._desk
        at = desk.when(f"{line.name}'s arrival")
        saved = desk.attempt(f"{line.name} arrived", partial(
            register.arrive, desk.engine, desk.meeting_id, line.person_id, at, desk.live))
        opened = desk.summary.opened_at
        if saved and at is not None and opened is not None and at < opened:
            desk.note(early_arrival(at, opened))  # DOMAIN.md §9: present at the opening
        return saved

    def send_apologies(self, line: RegisterLine) -> None:
        desk = self._desk
        desk.attempt(f"{line.name} sent apologies", partial(
            register.send_apologies, desk.engine, desk.meeting_id, line.person_id))

    def leave(self, line: RegisterLine) -> None:
        desk = self._desk
        if desk.warn_if_inquorate(line.person_id, AttendanceKind.LEAVE, None,
                                  f"{line.name} leaving"):
            desk.attempt(f"{line.name} left", partial(
                register.leave, desk.engine, desk.meeting_id, line.person_id,
                desk.when(f"{line.name}'s departure"), desk.live))

    def withdraw(self, line: RegisterLine) -> None:
        desk = self._desk
        item = desk.current_item()
        if item is None:
            desk.refuse("No item is under discussion: start the item first.")
        elif desk.warn_if_inquorate(line.person_id, AttendanceKind.WITHDRAW, item.item_id,
                                    f"{line.name} withdrawing from item {item.position}"):
            desk.attempt(f"{line.name} withdrew from item {item.position}", partial(
                register.withdraw, desk.engine, desk.meeting_id, line.person_id,
                item.item_id, desk.when(), desk.live))

    def come_back(self, line: RegisterLine) -> None:
        """Back in the room: to the item withdrawn from, or to the meeting after leaving."""
        back = self._desk.verdicts.back.get(line.person_id)
        if back is None:
            self._desk.refuse(f"{line.name} has not left or withdrawn, so there is nothing "
                              "to return from.")
        else:
            self._back[back](line)

    def _return_to_item(self, line: RegisterLine) -> None:
        desk = self._desk
        item = desk.current_item()
        desk.attempt(f"{line.name} returned to item {item.position}", partial(
            register.return_to_item, desk.engine, desk.meeting_id, line.person_id,
            item.item_id, desk.when(), desk.live))

    def _come_back_in(self, line: RegisterLine) -> None:
        desk = self._desk
        desk.attempt(f"{line.name} came back", partial(
            register.arrive, desk.engine, desk.meeting_id, line.person_id, desk.when(),
            desk.live))

    def switch_remote(self, line: RegisterLine) -> None:
        """Joined by video link, or (already so) back to attending in the room
        (DOMAIN.md §9); the service refuses where the body does not record it."""
        desk = self._desk
        if line.remote:
            desk.attempt(f"{line.name} attending in the room, not by video link", partial(
                remote.set_remote, desk.engine, desk.meeting_id, line.person_id, False,
                desk.when()))
        else:
            desk.attempt(f"{line.name} attending by video link", partial(
                remote.set_remote, desk.engine, desk.meeting_id, line.person_id, True,
                desk.when()))

    def substitute(self, member: RegisterLine) -> None:
        desk = self._desk
        if member.capacity != Capacity.MEMBER:
            desk.refuse(f"{member.name} is not a member of this body, so cannot be "
                        "substituted.")
            return
        choices = substitutes.substitute_choices(desk.engine, desk.meeting_id, member.person_id)
        names = {c.person_id: c.name for c in choices}

        def submit(person_id: int) -> str:
            chosen = desk.state.line(person_id)
            name = chosen.name if chosen else names[person_id]
            in_room = person_id in desk.verdicts.in_room
            warning = desk.record(f"{name} sits in for {member.name}", partial(
                register.add_substitute, desk.engine, desk.meeting_id, member.person_id,
                person_id, desk.when(), not in_room))
            if warning:
                desk.note(warning)
            return desk.status.text()

        SubstituteDialog.ask(member.name, choices, submit, parent=desk.widget)

    def edit_times(self, line: RegisterLine) -> None:
        desk = self._desk
        events = register.person_events(desk.engine, desk.meeting_id, line.person_id)

        def submit(changes: dict[int, datetime]) -> str:
            if not changes:
                return ""
            notes = desk.record(f"Times corrected for {line.name}", partial(
                register.set_event_times, desk.engine, desk.meeting_id, changes))
            for note in notes or ():
                desk.note(note)
            return desk.status.text()

        TimeEditDialog.ask(line.name, desk.summary.date, events, submit,
                           parent=desk.widget)

    def strike_out(self, line: RegisterLine) -> None:
        """Strike out one of the person's entries made by mistake (DOMAIN.md §9)."""
        desk = self._desk
        entries = strike_out.person_entries(desk.engine, desk.meeting_id, line.person_id)
        if not entries:
            desk.refuse(f"Nothing is recorded for {line.name} that could be struck out: no "
                        "arrival, departure or declaration, and a member's line stays.")
            return

        def submit(chosen: strike_out.Strikable, reason: str) -> str:
            desk.record(f"Struck out for {line.name}: {entry_words(chosen)}", partial(
                strike_out.strike_out, desk.engine, desk.meeting_id, chosen.entry,
                chosen.row_id, reason))
            return desk.status.text()

        StrikeOutDialog.ask(line.name, entries, submit, parent=desk.widget)

    def add_walk_in(self) -> None:
        desk = self._desk
        if self._refused_after_close():
            return

        def submit(walk_in: WalkIn) -> str:
            desk.record(f"{walk_in.name} added as {walk_in.role_note or 'in attendance'}",
                        partial(register.add_in_attendance, desk.engine, desk.meeting_id,
                                walk_in.name, "", walk_in.role_note, walk_in.for_items,
                                desk.when(), walk_in.arrived, agency_id=walk_in.agency_id))
            return desk.status.text()

        WalkInDialog.ask(desk.engine, submit, parent=desk.widget)

"""Every screen the application has, for the tests that check each one (mnemonics,
sizes): the main window's pages, and one of each dialog class on the demo record.

A new dialog class is opened in `every_dialog`; `dialog_classes` finds every class by
walking the subclasses, so a dialog left out fails those tests."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

import clerk_app.gui
from clerk_app import clock
from clerk_app.gui.main_window import MainWindow
from clerk_app.rules.vocabulary import ItemAddition, MeetingStatus
from clerk_app.services import (
    agenda,
    body_setup,
    interests,
    meetings,
    register,
    schedule,
    substitutes,
)
from clerk_app.services.rules_in_words import rules_in_words

MEMBERS_CSV = Path(__file__).resolve().parent.parent / "data" / "lincolnshire-cypsp-members.csv"


def pages(qtbot, win: MainWindow, monkeypatch):
    """Every page the window shows: the body set-up's tabs, each meeting (its record, or
    the table for one to be run), the year's views, and the welcome page."""
    body_id = win.current_body_id()
    win.select_body(body_id)
    for tab in range(win.body_setup.tabs.count()):
        win.body_setup.tabs.setCurrentIndex(tab)
        yield f"body set-up: {win.body_setup.tabs.tabText(tab)}"
    for meeting in meetings.meetings_of(win.engine, body_id):
        win.select_meeting(meeting.id)
        yield f"meeting of {meeting.date} ({meeting.status})"
        if meeting.status == MeetingStatus.SCHEDULED:  # and the same table once it runs
            # Run live on its own day, so that opening it asks nothing (DOMAIN.md §9).
            monkeypatch.setattr(clock, "now", lambda day=meeting.date: clock.at(day, time(10)))
            table = win.table_view()
            qtbot.mouseClick(table.open_button, Qt.MouseButton.LeftButton)
            table.agenda.select_item(meetings.meeting_summary(win.engine, meeting.id)
                                     .items[-1].item_id)
            qtbot.mouseClick(table.agenda.start, Qt.MouseButton.LeftButton)
            table.banner.why.setChecked(True)
            yield f"meeting of {meeting.date} (in progress)"
    for action in win.menus["Year"].actions():
        if action.menu() is None and not action.text().endswith("…"):
            win.select_body(body_id)
            action.trigger()
            yield f"Year › {action.text()}"
    win.pages.setCurrentWidget(win.welcome)  # what a record with no bodies opens on
    yield "welcome page"



def every_dialog(win: MainWindow):
    """One of each dialog the application has, on the demo record."""
    from clerk_app.gui import keys
    from clerk_app.gui.dialogs.action_dialog import ActionDialog
    from clerk_app.gui.dialogs.approval_dialog import ApprovalDialog
    from clerk_app.gui.dialogs.audit_dialog import AuditDialog
    from clerk_app.gui.dialogs.decision_dialog import DecisionDialog
    from clerk_app.gui.dialogs.declare_dialog import DeclareDialog
    from clerk_app.gui.dialogs.election_dialog import ElectionDialog
    from clerk_app.gui.dialogs.help_dialogs import (
        AboutDialog,
        BodyRulesDialog,
        KeyboardReferenceDialog,
        UserGuideDialog,
    )
    from clerk_app.gui.dialogs.item_dialog import ItemDialog
    from clerk_app.gui.dialogs.matters_arising_dialog import MattersArisingDialog
    from clerk_app.gui.dialogs.meeting_details_dialog import MeetingDetailsDialog
    from clerk_app.gui.dialogs.member_list_dialog import MemberImportDialog
    from clerk_app.gui.dialogs.minutes_preview import MinutesPreviewDialog
    from clerk_app.gui.dialogs.new_meeting_dialog import NewMeetingDialog
    from clerk_app.gui.dialogs.restore_dialog import RestoreDialog
    from clerk_app.gui.dialogs.strike_out_dialog import StrikeOutDialog
    from clerk_app.gui.dialogs.substitute_dialog import SubstituteDialog
    from clerk_app.gui.dialogs.team_record_dialog import TeamRecordDialog
    from clerk_app.gui.dialogs.time_edit_dialog import TimeEditDialog
    from clerk_app.gui.dialogs.timing_dialogs import (
        LiveOrAfterwardsDialog,
        MeetingTimesDialog,
        TypedTimeDialog,
    )
    from clerk_app.gui.dialogs.vote_dialog import VoteDialog
    from clerk_app.gui.dialogs.walk_in_dialog import WalkInDialog
    from clerk_app.gui.views.body_setup.design_dialogs import (
        CategoryDialog,
        OfficeDialog,
        QuorumGroupDialog,
        RemoveDialog,
    )
    from clerk_app.gui.views.body_setup.dialogs import (
        AddMemberDialog,
        AddPersonDialog,
        AppointOfficeDialog,
        EndMembershipDialog,
        InterestDialog,
        NamedSubstituteDialog,
        SettingDialog,
    )
    from clerk_app.gui.views.body_setup.setup_wizard import SetUpBodyDialog
    from clerk_app.gui.views.year.interests_view import AddInterestDialog, EndInterestDialog
    from clerk_app.gui.views.year.schedule_dialog import MeetingEditDialog, ScheduleDialog
    from clerk_app.gui.widgets.organisation_field import AddOrganisationDialog

    engine, body_id = win.engine, win.current_body_id()
    setup = body_setup.body_setup(engine, body_id)
    seat = setup.members[0]
    yield NewMeetingDialog(engine, body_id, win)
    yield AddPersonDialog(engine, win)
    yield AddMemberDialog(engine, setup, "education", parent=win)
    yield NamedSubstituteDialog(engine, setup, seat, win)
    yield EndMembershipDialog(engine, seat, "Education", win)
    yield AppointOfficeDialog(engine, setup, "vice_chair", win)
    yield InterestDialog(engine, setup, win)
    member_list = MemberImportDialog(engine, body_id, win)
    member_list.load(MEMBERS_CSV)  # the preview filled, errors and all
    yield member_list
    yield SetUpBodyDialog(engine, win)
    for setting in setup.settings:
        yield SettingDialog(engine, body_id, setting, win)
    yield CategoryDialog(engine, setup, None, win)
    yield CategoryDialog(engine, setup, setup.categories[0], win)
    yield OfficeDialog(engine, setup, None, win)
    yield OfficeDialog(engine, setup, setup.offices[-1], win)
    yield QuorumGroupDialog(engine, setup, setup.groups[0] if setup.groups else None, win)
    yield RemoveDialog("category", setup.categories[-1].name, print, win)

    meeting_id = meetings.meetings_of(engine, body_id)[0].id
    summary = meetings.meeting_summary(engine, meeting_id)
    item = summary.items[-1]
    state = register.state(engine, meeting_id, item.item_id)
    person = state.register[0]
    label = f"{item.position}. {item.title}"
    yield VoteDialog(state, label, print, print, parent=win)
    yield ElectionDialog(state, label, print, parent=win)
    yield DeclareDialog([(person.person_id, person.name)],
                        [(i.item_id, i.title) for i in summary.items], item.item_id,
                        state.rules.declaration_effects, {}, print, parent=win)
    yield DecisionDialog(label, state.quorum, print, parent=win)
    yield ApprovalDialog(label, state.quorum, print, parent=win)
    yield SubstituteDialog(person.name, substitutes.substitute_choices(
        engine, meeting_id, person.person_id), print, parent=win)
    yield TimeEditDialog(person.name, summary.date, register.person_events(
        engine, meeting_id, person.person_id), print, parent=win)
    yield WalkInDialog(engine, print, parent=win)
    yield AddOrganisationDialog(engine, "", win)
    yield ActionDialog(label, [person.name], print, summary.date, parent=win)
    yield MattersArisingDialog(list, print, True, parent=win)
    lines = meetings.agenda(engine, meeting_id)
    yield ItemDialog(print, line=lines[-1], parent=win)
    yield ItemDialog(print, ItemAddition.URGENT, parent=win)
    yield MeetingDetailsDialog(agenda.meeting_details(engine, meeting_id), print, parent=win)
    yield StrikeOutDialog(person.name, [], print, parent=win)
    yield LiveOrAfterwardsDialog(summary.date, True, parent=win)
    yield TypedTimeDialog("the arrival", summary.date, time(10, 0), parent=win)
    yield MeetingTimesDialog(summary, lines, print, parent=win)
    yield AuditDialog(engine, meeting_id, win)
    yield MinutesPreviewDialog(engine, meeting_id, win)
    yield RestoreDialog(win.engine.url.database, engine, win)
    yield TeamRecordDialog("", win)
    asking = TeamRecordDialog("postgresql+psycopg://clerk@db.council.gov.uk:5432/council", win)
    asking.ask_for_password(typed=True)  # the password field shown, the refusal said
    yield asking

    interest_register = interests.interests_register(engine, body_id)
    yield AddInterestDialog(engine, body_id, interest_register, None, win)
    line = next(line for member in interest_register.members for line in member.interests)
    yield EndInterestDialog(engine, line, win)
    yield ScheduleDialog(engine, body_id, win)
    start = summary.date.year if summary.date.month >= 4 else summary.date.year - 1
    yield MeetingEditDialog(engine, schedule.year_meetings(engine, body_id, start)[0], win)

    yield KeyboardReferenceDialog(keys.keyboard_reference(win), win)
    yield BodyRulesDialog(rules_in_words(engine, body_id), win)
    yield UserGuideDialog(parent=win)
    yield AboutDialog(win.database_label, win)


def dialog_classes() -> set[type]:
    """Every dialog class the application defines (the shared frames aside)."""
    for module in pkgutil.walk_packages(clerk_app.gui.__path__, "clerk_app.gui."):
        importlib.import_module(module.name)
    found, todo = set(), [QDialog]
    while todo:
        for cls in todo.pop().__subclasses__():
            todo.append(cls)
            if cls.__module__.startswith("clerk_app.gui."):
                found.add(cls)
    frames = {"FormDialog", "BallotDialog", "TextDialog"}
    return {cls for cls in found if cls.__name__ not in frames}


"""DOMAIN.md §9 "Remote attendance" through the services, on the shipped presets: the body
setting (assumed "recorded but not counted"), a member joining by video link, and the
quorum, the vote and the register following the setting. Kent LCSP (000 §10.4): quorate
when five of seven organisations are present; Lincolnshire CYPSP (002): the assumed one
third of 29 voting seats, 10."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest
from sqlmodel import Session, select

from clerk_app.db.tables import BodySetting, QuorumEvent
from clerk_app.rules.eligibility import REMOTE_NOT_COUNTED
from clerk_app.rules.vocabulary import RegisterState, RemoteAttendance, SettingKey
from clerk_app.services import constitution, meetings, membership, presets, register
from clerk_app.services.remote import set_remote
from clerk_app.services.undo import UndoStack
from tests.bodies import body_from_preset
from tests.conftest import at
from tests.services.test_s2_register import arrive_all, refused
from tests.services.test_table_undo import rows_without_audit

REMOTE = SettingKey.REMOTE_ATTENDANCE
# The Chair (an Education headteacher: "Chair or Vice-Chair" and "Education"), Youth
# Offending and Health: four of Kent's seven groups; the Police member would be the fifth.
FOUR_GROUPS = ("chair", "yos", "health")


def _kent_with_police_on_video(kent, setting: RemoteAttendance | None = None) -> int:
    if setting is not None:
        constitution.change_setting(kent.engine, kent.body_id, REMOTE, setting)
    m = kent.meeting()
    arrive_all(kent, m, *FOUR_GROUPS)
    set_remote(kent.engine, m, kent.ids["police"], at=at(9, 58))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    return m


@pytest.mark.parametrize("preset", sorted(set(presets.preset_files())
                                           - {"kent-ct-county-board"}))
def test_s9_presets_silent_on_remote_attendance_ship_it_recorded_not_counted_assumed(
        engine, preset):
    body = presets.create_body_from_preset(engine, preset)
    with Session(engine) as session:
        rows = {r.key: r for r in constitution.setting_rows(session, body)}
        assert constitution.body_rules(session, body).remote is RemoteAttendance.RECORDED
    row = rows[REMOTE]
    assert row.value == RemoteAttendance.RECORDED
    assert row.needs_confirming  # "assumed — please confirm"
    assert row.source.startswith("practice: a partnership board that is not a council")
    assert row.text.startswith("Recorded as attending remotely, but not counted")


def test_s9_the_county_board_counts_remote_members_as_003_s4_1c_allows(engine):
    # 003 §4.1c: "Some of its business can be carried out through use of technology to
    # enable discussion and decision making."
    body = presets.create_body_from_preset(engine, "kent-ct-county-board")
    with Session(engine) as session:
        row = next(r for r in constitution.setting_rows(session, body) if r.key == REMOTE)
        assert constitution.body_rules(session, body).remote is RemoteAttendance.COUNTED
    assert not row.needs_confirming
    assert row.source == "003 §4.1c"
    assert "use of technology to enable discussion and decision making" in row.note


def test_s9_a_body_without_the_setting_reads_the_default_and_shows_it_to_confirm(kent):
    # A body made before the setting shipped (or from a record file without it).
    with Session(kent.engine) as session:
        session.delete(session.exec(select(BodySetting).where(
            BodySetting.body_id == kent.body_id, BodySetting.key == REMOTE)).one())
        session.commit()
    with Session(kent.engine) as session:
        assert constitution.body_rules(session, kent.body_id).remote is \
            RemoteAttendance.RECORDED
        row = next(r for r in constitution.setting_rows(session, kent.body_id)
                   if r.key == REMOTE)
    assert row.needs_confirming and row.value == RemoteAttendance.RECORDED
    constitution.confirm_setting(kent.engine, kent.body_id, REMOTE)
    with Session(kent.engine) as session:
        row = next(r for r in constitution.setting_rows(session, kent.body_id)
                   if r.key == REMOTE)
    assert not row.needs_confirming and row.value == RemoteAttendance.RECORDED


def test_s9_recorded_a_remote_police_member_does_not_fill_police_nor_vote(kent):
    m = _kent_with_police_on_video(kent)
    state = register.state(kent.engine, m, kent.items[4])
    police = state.line(kent.ids["police"])
    assert police.state is RegisterState.REMOTE and police.arrived_at == at(9, 58)
    assert RegisterState.REMOTE.label == "Attending remotely"
    assert not state.quorum.quorate
    assert state.quorum.detail == "4 of 7 groups, 5 needed (1 more)"
    police_group = next(g for g in state.quorum.groups if g.key == "police")
    assert not police_group.filled
    assert "Attending remotely, not counted (the body's setting): Daniel Okafor" in \
        state.quorum.explanation()
    assert kent.ids["police"] not in state.eligibility.eligible_ids
    assert ("Daniel Okafor", REMOTE_NOT_COUNTED) in [
        (i.name, i.reason) for i in state.eligibility.ineligible]


def test_s9_counted_a_remote_police_member_fills_police_and_votes(kent):
    m = _kent_with_police_on_video(kent, RemoteAttendance.COUNTED)
    state = register.state(kent.engine, m, kent.items[4])
    assert state.line(kent.ids["police"]).state is RegisterState.REMOTE
    assert state.quorum.quorate
    assert state.quorum.detail == "5 of 7 groups, 5 needed"
    assert next(g for g in state.quorum.groups if g.key == "police").filled_by == (
        "Daniel Okafor",)
    assert state.quorum.remote_not_counted == ()
    assert kent.ids["police"] in state.eligibility.eligible_ids


def test_s9_recorded_a_remote_chair_does_not_preside(kent):
    m = kent.meeting()
    arrive_all(kent, m, "police", "yos", "health", "district", "vcs")
    set_remote(kent.engine, m, kent.ids["chair"], at=at(9, 58))
    presiding = register.state(kent.engine, m).presiding
    assert presiding.name == "Daniel Okafor"  # the Vice-Chair, in the room
    assert "attending remotely" in presiding.reason


def test_s9_not_recorded_refuses_with_where_to_change_it_and_writes_nothing(kent, dump):
    constitution.change_setting(kent.engine, kent.body_id, REMOTE,
                                RemoteAttendance.NOT_RECORDED)
    m = kent.meeting()
    refused(dump, lambda: set_remote(kent.engine, m, kent.ids["police"], at=at(9, 58)),
            "does not record remote attendance", "Members attending by video link",
            "set-up", "Constitution")


def test_s9_switching_back_counts_the_member_from_then_with_quorum_regained(kent, dump):
    m = _kent_with_police_on_video(kent)
    state = set_remote(kent.engine, m, kent.ids["police"], remote=False, at=at(10, 20))
    assert state.line(kent.ids["police"]).state is RegisterState.PRESENT
    assert state.quorum.quorate
    with Session(kent.engine) as session:
        events = session.exec(select(QuorumEvent).where(QuorumEvent.meeting_id == m)
                              .order_by(QuorumEvent.at)).all()
    assert [(e.kind, e.at) for e in events][-1] == ("regained", at(10, 20))
    # Nothing to switch back a second time: refused, nothing written.
    refused(dump, lambda: set_remote(kent.engine, m, kent.ids["police"], remote=False),
            "Daniel Okafor is not recorded as attending remotely")


def test_s9_a_member_in_the_room_going_on_video_loses_quorum_then(kent):
    m = kent.meeting()
    arrive_all(kent, m, *FOUR_GROUPS, "police")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    state = set_remote(kent.engine, m, kent.ids["police"], at=at(10, 30))
    assert state.line(kent.ids["police"]).arrived_at == at(9, 53)  # not a second arrival
    assert not state.quorum.quorate
    summary = meetings.meeting_summary(kent.engine, m)
    assert summary.quorum_events == ("The meeting became inquorate at 10:30.",)


def test_s9_joining_by_video_clears_apologies(kent):
    m = kent.meeting()
    register.send_apologies(kent.engine, m, kent.ids["police"], "On leave")
    set_remote(kent.engine, m, kent.ids["police"], at=at(10, 10))
    line = register.state(kent.engine, m).line(kent.ids["police"])
    assert line.state is RegisterState.REMOTE


def _lincolnshire(engine) -> tuple[int, list[int]]:
    body = body_from_preset(engine, "lincolnshire-cypsp")
    people = []
    for n, category in enumerate(["dcs", "police", "probation", "schools", "schools",
                                  "district_councils", "district_councils", "ccgs", "ccgs",
                                  "fe_colleges"]):
        person = membership.add_person(engine, f"Member {n + 1}", f"Agency {n + 1}")
        membership.add_member(engine, body, person, category, start_date=date(2026, 4, 1))
        people.append(person)
    return body, people


@pytest.mark.parametrize(("setting", "quorate"), [(RemoteAttendance.RECORDED, False),
                                                  (RemoteAttendance.COUNTED, True)])
def test_s9_lincolnshire_the_tenth_member_on_video_makes_the_quorum_only_if_counted(
        engine, setting, quorate):
    body, people = _lincolnshire(engine)
    constitution.change_setting(engine, body, REMOTE, setting)
    m = meetings.create_meeting(engine, body, date(2026, 9, 15), None, "Lincoln", ["Plan"])
    for person in people[:9]:
        register.arrive(engine, m, person, at(9, 50, day=date(2026, 9, 15)))
    state = set_remote(engine, m, people[9], at=at(9, 55, day=date(2026, 9, 15)))
    assert state.quorum.quorate is quorate
    assert state.line(people[9]).state is RegisterState.REMOTE
    assert (people[9] in state.eligibility.eligible_ids) is quorate


def test_s9_undo_of_joining_by_video_leaves_the_record_as_before(kent, dump):
    m = kent.meeting()
    arrive_all(kent, m, *FOUR_GROUPS, "police")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    stack = UndoStack(kent.engine, m)
    before = rows_without_audit(dump)
    stack.record("Daniel Okafor attending by video link", partial(
        set_remote, kent.engine, m, kent.ids["police"], True, at(10, 30)))
    assert not register.state(kent.engine, m).quorum.quorate  # lost at 10:30
    assert stack.undo() == "Daniel Okafor attending by video link"
    assert rows_without_audit(dump) == before
    assert register.state(kent.engine, m).line(kent.ids["police"]).state is \
        RegisterState.PRESENT
    stack.redo()
    assert register.state(kent.engine, m).line(kent.ids["police"]).state is \
        RegisterState.REMOTE

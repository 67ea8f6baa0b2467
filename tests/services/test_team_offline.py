"""A meeting of the team record (on a real PostgreSQL server) taken offline to a laptop's
record (SQLite), recorded there at the table, and brought back (issue 17, step 3).

The team's copy is read-only while the meeting is away; bringing it back merges by
identity in one transaction, and is refused, writing nothing, when the team's copy
changed meanwhile or the meeting came back already. The minutes read the same on both
sides, and both audit trails are kept.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from types import SimpleNamespace

import pytest
from sqlmodel import Session, select

from clerk_app.db.migrate import open_database
from clerk_app.db.tables import Action, AgendaItem, AuditEntry, Body, Meeting, Person
from clerk_app.rules.vocabulary import ItemKind, MinutesStatus
from clerk_app.services import (
    actions,
    agenda,
    audit,
    decisions,
    meetings,
    minutes,
    offline,
    records,
    register,
)
from clerk_app.services.errors import ClerkError
from clerk_app.services.meetings import ItemSpec
from clerk_app.services.record_export import export_body
from tests.conftest import Kent, at
from tests.export.minutes_helpers import hold_kent_meeting, pdf_pages

PREVIOUS_DAY = date(2026, 9, 15)
DAY = date(2026, 11, 10)
LAPTOP = "Ellie Brookes on clerk-laptop-3"
GUEST = "<b>Zoë & \"Ó Briain\"</b> مريم الحسيني"  # hostile, accented, right-to-left


@pytest.fixture
def team(postgres_url):
    engine = open_database(postgres_url)
    yield engine
    engine.dispose()


@pytest.fixture
def laptop_path(tmp_path):
    return tmp_path / "laptop.sqlite3"


@pytest.fixture
def laptop(laptop_path):
    engine = open_database(laptop_path)
    yield engine
    engine.dispose()


@pytest.fixture
def away(team, laptop, tmp_path):
    """The Kent board on the team record with a meeting held in September (its action
    still open) and the November meeting taken offline into the laptop's record."""
    kent = Kent(team)
    hold_kent_meeting(kent, PREVIOUS_DAY)
    meeting_id = kent.meeting(day=DAY, items=(ItemSpec("Youth strategy"),))
    path = tmp_path / "offline.json"
    offline.take_offline(team, meeting_id, path, by=LAPTOP)
    laptop_meeting = offline.take_in(laptop, records.read_record_file(path))
    return SimpleNamespace(kent=kent, meeting_id=meeting_id, file=path,
                           laptop_meeting=laptop_meeting)


def _people(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {p.name: p.id for p in session.exec(select(Person))}


def _items(engine, meeting_id) -> dict[int, int]:
    with Session(engine) as session:
        return {i.position: i.id for i in session.exec(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))}


def _hold_at_the_table(laptop, meeting_id: int) -> None:
    """The whole November meeting, recorded on the laptop through the services."""
    who = _people(laptop)
    items = _items(laptop, meeting_id)
    for name in ("Helen Marsh", "Grace Adebayo", "Daniel Okafor", "Marcus Bell",
                 "Peter O'Neill", "Tomás Ó Briain"):
        register.arrive(laptop, meeting_id, who[name], at(9, 55, day=DAY))
    register.send_apologies(laptop, meeting_id, who["Siân Pritchard"])
    register.add_in_attendance(laptop, meeting_id, GUEST, "Kent Youth Trust",
                               role_note="Adviser", at=at(9, 58, day=DAY))
    meetings.open_meeting(laptop, meeting_id, at(10, 0, day=DAY))
    meetings.start_item(laptop, meeting_id, items[3], at(10, 5, day=DAY))
    minutes.approve_minutes(laptop, items[3], ["Item 5: for “six” read “seven” months."],
                            at=at(10, 6, day=DAY))
    with Session(laptop) as session:
        open_action = session.exec(select(Action).where(
            Action.description == "Publish the approved plan")).one()
    actions.close_at_meeting(laptop, open_action.id, meeting_id, today=DAY)
    meetings.start_item(laptop, meeting_id, items[4], at(10, 10, day=DAY))
    decisions.declare_interest(laptop, items[4], who["Tomás Ó Briain"], "pecuniary",
                               "Trustee of a youth charity", at=at(10, 11, day=DAY))
    meetings.set_item_notes(laptop, items[4], f"{GUEST} presented the strategy.")
    decisions.record_vote(laptop, items[4], "the youth strategy be adopted",
                          positions={who["Helen Marsh"]: "for", who["Grace Adebayo"]: "for",
                                     who["Daniel Okafor"]: "against",
                                     who["Marcus Bell"]: "for",
                                     who["Peter O'Neill"]: "abstained"},
                          at=at(10, 20, day=DAY))
    actions.add_action(laptop, meeting_id, "Send the strategy to schools", GUEST,
                       date(2026, 12, 1), items[4])
    meetings.close_meeting(laptop, meeting_id, at(10, 40, day=DAY))


def _minutes_text(engine, meeting_id) -> list[str]:
    return pdf_pages(minutes.render_minutes(engine, meeting_id, "pdf"))


def _whole(engine, meeting_id) -> str:
    """The team's copy of a meeting and its body, as the record file writes them."""
    return json.dumps(records.export_record(engine, [meeting_id]), sort_keys=True)


def test_the_meeting_taken_offline_is_read_only_in_the_team_record(away, team):
    with pytest.raises(ClerkError, match=f"taken offline by {LAPTOP}"):
        register.arrive(team, away.meeting_id, away.kent.ids["chair"], at(9, 55, day=DAY))
    assert offline.meeting_away(team, away.meeting_id).taken_by == LAPTOP
    assert LAPTOP in meetings.away_words(team, away.meeting_id)
    with pytest.raises(ClerkError, match="offline already"):
        offline.take_offline(team, away.meeting_id, away.file.with_name("again.json"))


def test_the_laptop_holds_what_the_table_needs(away, laptop):
    with Session(laptop) as session:
        dates = sorted(m.date for m in session.exec(select(Meeting)))
        open_actions = session.exec(select(Action).where(Action.done_on.is_(None))).all()
    assert dates == [PREVIOUS_DAY, DAY]  # the previous meeting, with its open actions
    assert {a.description for a in open_actions} >= {"Publish the approved plan"}


def test_a_meeting_recorded_on_the_laptop_comes_back_whole(away, team, laptop, laptop_path):
    _hold_at_the_table(laptop, away.laptop_meeting)

    back = offline.bring_back(team, laptop_path)

    assert back.meeting_id == away.meeting_id and back.taken_by == LAPTOP
    assert offline.meeting_away(team, away.meeting_id) is None
    assert _minutes_text(team, away.meeting_id) == _minutes_text(laptop, away.laptop_meeting)
    with Session(team) as session:
        previous = session.exec(select(Meeting).where(Meeting.date == PREVIOUS_DAY)).one()
        done = session.exec(select(Action).where(
            Action.description == "Publish the approved plan")).one()
        guest = session.exec(select(Person).where(Person.name == GUEST)).one()
    assert previous.minutes_status is MinutesStatus.APPROVED  # approved at the table
    assert done.done_on == DAY  # closed there as a matter arising
    assert guest.name == GUEST  # stored exactly as typed
    assert _minutes_text(team, previous.id) == _minutes_text(laptop,
                                                             _id_of(laptop, PREVIOUS_DAY))
    actions_kept = [line.action for line in audit.meeting_trail(team, away.meeting_id)]
    assert actions_kept[0] == "meeting.create" and "meeting.offline" in actions_kept
    assert {"register.arrive", "vote.record", "meeting.close"} <= set(actions_kept)
    assert actions_kept[-1] == "meeting.back"


def _id_of(engine, day: date) -> int:
    with Session(engine) as session:
        return session.exec(select(Meeting.id).where(Meeting.date == day)).one()


def test_a_meeting_brought_back_twice_is_refused(away, team, laptop, laptop_path):
    _hold_at_the_table(laptop, away.laptop_meeting)
    offline.bring_back(team, laptop_path)
    before = _whole(team, away.meeting_id)

    with pytest.raises(ClerkError, match="brought back already"):
        offline.bring_back(team, laptop_path)

    assert _whole(team, away.meeting_id) == before


def test_a_change_on_the_team_side_refuses_the_return_and_loses_nothing(
        away, team, laptop, laptop_path):
    offline.clear_mark(team, away.meeting_id, by="Sam Clerk")  # the laptop seemed lost
    item = _items(team, away.meeting_id)[4]
    agenda.update_item(team, item, ItemSpec("Youth strategy 2027-2030"))
    _hold_at_the_table(laptop, away.laptop_meeting)
    team_before = _whole(team, away.meeting_id)
    laptop_before = _whole(laptop, away.laptop_meeting)

    with pytest.raises(ClerkError) as refused:
        offline.bring_back(team, laptop_path)

    message = str(refused.value)
    assert "meeting of Tuesday 10 November 2026 was changed on" in message
    assert "the agenda item 4 title" in message and "Sam Clerk" in message
    assert _whole(team, away.meeting_id) == team_before
    assert _whole(laptop, away.laptop_meeting) == laptop_before


def test_a_meeting_comes_back_from_a_record_file_too(away, team, laptop, tmp_path):
    """The USB stick: the laptop's meeting as a record file, brought back from it."""
    _hold_at_the_table(laptop, away.laptop_meeting)
    stick = tmp_path / "back.json"
    with Session(laptop) as session:
        meeting = session.get(Meeting, away.laptop_meeting)
        data = export_body(session, session.get(Body, meeting.body_id),
                           offline.travelling(session, meeting))
    stick.write_text(json.dumps(data), encoding="utf-8")

    offline.bring_back(team, stick)

    assert _minutes_text(team, away.meeting_id) == _minutes_text(laptop, away.laptop_meeting)


def test_only_a_team_record_takes_a_meeting_offline(laptop, tmp_path):
    kent = Kent(laptop)
    meeting_id = kent.meeting(day=DAY)
    with pytest.raises(ClerkError, match="Only a meeting of a team record"):
        offline.take_offline(laptop, meeting_id, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def test_a_closed_meeting_is_not_taken_offline(team, tmp_path):
    kent = Kent(team)
    held = hold_kent_meeting(kent, PREVIOUS_DAY)
    with pytest.raises(ClerkError, match="only a meeting still to be held"):
        offline.take_offline(team, held.meeting_id, tmp_path / "x.json")
    assert offline.meeting_away(team, held.meeting_id) is None


def test_an_unwritable_file_leaves_no_mark(team, tmp_path):
    kent = Kent(team)
    meeting_id = kent.meeting(day=DAY)
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(ClerkError, match="was not taken offline"):
        offline.take_offline(team, meeting_id, tmp_path / "a-file" / "offline.json")
    assert offline.meeting_away(team, meeting_id) is None
    meetings.set_public_count(team, meeting_id, 3)  # still writable


def test_a_version_3_file_still_imports_and_its_rows_get_identities(away, tmp_path):
    old = copy.deepcopy(records.read_record_file(away.file))
    old["format_version"] = 3
    del old["taken_offline"]  # version 3 had neither
    _strip_identities(old)
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        records.import_record(fresh, old)
        with Session(fresh) as session:
            uuids = [i.uuid for i in session.exec(select(AgendaItem))]
            kinds = {i.kind for i in session.exec(select(AgendaItem))}
            trail = session.exec(select(AuditEntry.uuid)).all()
    finally:
        fresh.dispose()
    assert len(uuids) == len(set(uuids)) > 0 and all(len(u) == 36 for u in uuids)
    assert len(trail) == len(set(trail))
    assert ItemKind.PREVIOUS_MINUTES in kinds


def _strip_identities(value) -> None:
    if isinstance(value, dict):
        value.pop("uuid", None)
        for inner in value.values():
            _strip_identities(inner)
    elif isinstance(value, list):
        for inner in value:
            _strip_identities(inner)


def test_the_commands_take_a_meeting_offline_and_bring_it_back(team, postgres_url, tmp_path,
                                                               capsys):
    from clerk_app import cli

    kent = Kent(team)
    meeting_id = kent.meeting(day=DAY)
    file, laptop = tmp_path / "offline.json", tmp_path / "laptop.sqlite3"

    assert cli.main(["offline", str(meeting_id), "-o", str(file), "--into", str(laptop),
                     "--db", postgres_url]) == 0
    assert cli.main(["offline", str(meeting_id), "-o", str(file), "--db", postgres_url]) == 2
    assert "offline already" in capsys.readouterr().err
    engine = open_database(laptop)
    try:
        meetings.set_public_count(engine, _id_of(engine, DAY), 12)
    finally:
        engine.dispose()
    assert cli.main(["bring-back", str(laptop), "--db", postgres_url]) == 0
    assert meetings.meeting_summary(team, meeting_id).public_count == 12
    assert cli.main(["bring-back", str(laptop), "--db", postgres_url]) == 2
    assert "brought back already" in capsys.readouterr().err
    assert cli.main(["export-everything", str(tmp_path / "all"), "--db", postgres_url]) == 0
    assert len(list((tmp_path / "all").glob("*.json"))) == 1


def test_a_laptop_holding_the_body_takes_the_next_meeting_in_by_identity(
        away, team, laptop, laptop_path, tmp_path, capsys):
    from clerk_app import cli

    _hold_at_the_table(laptop, away.laptop_meeting)
    offline.bring_back(team, laptop_path)
    later = away.kent.meeting(day=date(2027, 1, 12))
    again = tmp_path / "january.json"
    offline.take_offline(team, later, again, by=LAPTOP)

    assert cli.main(["import", str(again), "--db", str(laptop_path)]) == 0

    assert "merged into its body" in capsys.readouterr().out
    with Session(laptop) as session:
        assert len(session.exec(select(Meeting)).all()) == 3  # one body, its meetings once
        assert len({p.name for p in session.exec(select(Person))}) == len(
            session.exec(select(Person)).all())

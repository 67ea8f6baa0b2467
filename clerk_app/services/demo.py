"""The demonstration record: the Kent LCSP preset with invented people and a past meeting.

The body's name says that its people are invented, so that every place showing the name
(the navigator, the window title, minutes, agendas, signing-in sheets, registers) says
it too; its key marks it for the screens that add a strip of their own.

The meeting is recorded through the same services the clerk uses, so the demo also
shows that they can hold a real meeting: a substitute, a withdrawal for an interest, a
tie decided by the Chair's casting vote, an early departure and an action.
"""

from __future__ import annotations

import tomllib
from datetime import date, time, timedelta

from sqlalchemy.engine import Engine

from clerk_app import clock, paths
from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import Body
from clerk_app.rules.voting import Tally
from clerk_app.services import (
    actions,
    decisions,
    interests,
    meetings,
    membership,
    organisations,
    presets,
    register,
)
from clerk_app.services.meetings import ItemSpec

DEMO_DAY = date(2026, 9, 15)
DEMO_KEY = "kent-lcsp-demonstration"
# The mark comes first, so that a name cut short (a page footer, the list) still says it.
DEMO_NAME = "Demonstration (invented people): Kent Local Children's Services Partnership Board"
DEMO_SHORT_NAME = "Demo, invented people: Kent LCSP"


def build_demo(engine: Engine, upcoming_from: date | None = None) -> int:
    """Create the demo body with its past meeting and one upcoming; return the body id."""
    with (paths.DEMO / "kent-lcsp-demo.toml").open("rb") as handle:
        people = tomllib.load(handle)
    body_id = presets.create_body_from_preset(engine, "kent-lcsp", key=DEMO_KEY,
                                              name=DEMO_NAME)
    with unit_of_work(engine) as session:  # a body the clerk names has no short name
        session.get(Body, body_id).short_name = DEMO_SHORT_NAME
    for org in people.get("organisations", []):
        organisations.add_organisation(engine, org["name"], org.get("short_name", ""),
                                       org.get("aliases", []))
    ids: dict[str, int] = {}
    for sub in people["substitutes"]:
        ids[sub["name"]] = membership.add_person(engine, sub["name"], sub["agency"])
    for member in people["members"]:
        ids[member["name"]] = membership.add_person(engine, member["name"], member["agency"])
        membership.add_member(
            engine, body_id, ids[member["name"]], member["category"],
            seat_label=member.get("seat_label", ""),
            named_substitute_id=ids.get(member.get("named_substitute", "")),
            start_date=date(2026, 4, 1), agreement_signed_on=date(2026, 4, 1),
        )
        for interest in member.get("interests", []):
            interests.register_interest(engine, body_id, ids[member["name"]], interest,
                                        from_date=date(2026, 4, 1))
    for member in people["members"]:
        if "office" in member:
            membership.appoint_office(engine, body_id, member["office"], ids[member["name"]],
                                      start_date=date(2026, 4, 1))
    _past_meeting(engine, body_id, ids)
    start = upcoming_from or date.today()
    meetings.create_meeting(
        engine, body_id, start + timedelta(days=21), time(10, 0),
        "Council Chamber, Sessions House, Maidstone",
        ["Children and young people's plan: half-year performance", "Any other business"],
    )
    return body_id


def _at(hour: int, minute: int):
    """A moment on the day of the demo meeting."""
    return clock.at(DEMO_DAY, time(hour, minute))


def _past_meeting(engine: Engine, body_id: int, ids: dict[str, int]) -> int:
    """The September meeting, recorded item by item as the clerk would."""
    meeting_id = _schedule_past_meeting(engine, body_id)
    _arrive_and_open(engine, meeting_id, ids)
    items = _items(engine, meeting_id)
    _opening_items(engine, meeting_id, items, ids)
    _commissioning_plan(engine, meeting_id, items, ids)
    _youth_contract(engine, meeting_id, items, ids)
    _other_business_and_close(engine, meeting_id, items, ids)
    return meeting_id


def _schedule_past_meeting(engine: Engine, body_id: int) -> int:
    """The meeting and its agenda, as they were sent out."""
    return meetings.create_meeting(
        engine, body_id, DEMO_DAY, time(10, 0), "Council Chamber, Sessions House, Maidstone",
        [
            ItemSpec("Early help commissioning plan 2026-27", presenter="Joanna Fairweather",
                     papers="Report A"),
            ItemSpec("Youth service contract renewal", presenter="Marcus Bell",
                     papers="Report B"),
            ItemSpec("Any other business"),
        ],
    )


def _arrive_and_open(engine: Engine, meeting_id: int, ids: dict[str, int]) -> None:
    """Members arrive, a substitute sits for Dr Pritchard, the clerk attends; it opens."""
    early = ["Helen Marsh", "Grace Adebayo-Clarke", "Rhys ap Gwilym", "Anjali Deshmukh",
             "Peter O'Neill", "Karen Whitlock", "Inspector Daniel Okafor", "Tomás Ó Briain",
             "Joanna Fairweather"]
    for minute, name in enumerate(early):
        register.arrive(engine, meeting_id, ids[name], _at(9, 50 + minute))
    register.add_substitute(engine, meeting_id, ids["Dr Siân Pritchard"],
                            ids["Zofia Łukasiewicz"], _at(9, 58))
    register.add_in_attendance(engine, meeting_id, "Ellie Brookes", "Kent County Council",
                               role_note="Democratic Services Officer (clerk)", at=_at(9, 45))
    meetings.set_public_count(engine, meeting_id, 3)
    meetings.open_meeting(engine, meeting_id, _at(10, 0))


def _opening_items(engine: Engine, meeting_id: int, items: dict[int, int],
                   ids: dict[str, int]) -> None:
    """Apologies, a declaration of interest, and the last meeting's minutes agreed."""
    meetings.start_item(engine, meeting_id, items[1], _at(10, 0))
    decisions.record_decision(engine, items[1], "noted", at=_at(10, 2))
    meetings.start_item(engine, meeting_id, items[2], _at(10, 2))
    # Declared here, under "Declarations of interest"; he leaves when item 5 is taken.
    decisions.declare_interest(engine, items[5], ids["Tomás Ó Briain"], "pecuniary",
                               "Trustee of Kent Youth Trust, a bidder for the contract",
                               at=_at(10, 2))
    decisions.record_decision(engine, items[2], "noted", at=_at(10, 3))
    meetings.start_item(engine, meeting_id, items[3], _at(10, 3))
    decisions.record_decision(engine, items[3], "consensus",
                              "the minutes of the meeting held on 14 July 2026 be agreed as "
                              "a correct record", at=_at(10, 5))


def _commissioning_plan(engine: Engine, meeting_id: int, items: dict[int, int],
                        ids: dict[str, int]) -> None:
    """Item 4: a late arrival, then a tie the Chair's casting vote decides."""
    meetings.start_item(engine, meeting_id, items[4], _at(10, 5))
    register.arrive(engine, meeting_id, ids["Marcus Bell"], _at(10, 20))
    meetings.set_item_notes(engine, items[4],
                            "The LCSP Manager presented the draft early help commissioning "
                            "plan. Members discussed the balance between universal and "
                            "targeted provision.")
    # Ten members may vote: 4 for, 4 against, 2 abstentions; the Chair casts for.
    decisions.record_vote(engine, items[4], "the early help commissioning plan 2026-27 be "
                          "approved", Tally(4, 4, 2), casting="for", at=_at(10, 35))


def _youth_contract(engine: Engine, meeting_id: int, items: dict[int, int],
                    ids: dict[str, int]) -> None:
    """Item 5: the member who declared an interest withdraws; a decision and an action."""
    meetings.start_item(engine, meeting_id, items[5], _at(10, 40))
    meetings.set_item_notes(engine, items[5],
                            "Marcus Bell reported on the performance of the current youth "
                            "service contract.")
    decisions.record_decision(engine, items[5], "consensus",
                              "the youth service contract be extended for twelve months",
                              at=_at(11, 0))
    actions.add_action(engine, meeting_id, "Circulate the revised contract specification",
                         "Marcus Bell", date(2026, 10, 15), items[5])
    register.return_to_item(engine, meeting_id, ids["Tomás Ó Briain"], items[5], _at(11, 2))


def _other_business_and_close(engine: Engine, meeting_id: int, items: dict[int, int],
                              ids: dict[str, int]) -> None:
    """Item 6: an early departure, no other business, and the meeting closes."""
    meetings.start_item(engine, meeting_id, items[6], _at(11, 5))
    register.leave(engine, meeting_id, ids["Peter O'Neill"], _at(11, 10))
    decisions.record_decision(engine, items[6], "noted", "There was no other business.",
                              at=_at(11, 15))
    meetings.close_meeting(engine, meeting_id, _at(11, 20))


def _items(engine: Engine, meeting_id: int) -> dict[int, int]:
    """Agenda position -> item id."""
    return {i.position: i.item_id for i in meetings.meeting_summary(engine, meeting_id).items}

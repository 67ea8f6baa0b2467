"""The record file's votes are Popolo's VoteEvent, Count and Vote, as the specification
says (DOMAIN.md §5), and files written before they were still import.

What the Popolo specification says, as published by the Popolo project
(popoloproject.com/specs; the repository popolo-project/popolo-spec):

- specs/vote-event.md and schemas/vote_event.json: a VoteEvent's `motion` is "the motion
  being decided", a `$ref` to schemas/motion.json, an object whose `text` is "the
  transcript or text of the motion"; the code list of its `result` is `pass`, `fail`;
  "the vote totals should agree with the individual votes".
- specs/count.md and schemas/count.json: a Count is "the number of votes for an option in
  a vote event"; `option` (a string) and `value` (an integer) are both required; the code
  list of its option is `yes`, `no`, `abstain`.
- specs/vote.md §5 and schemas/vote.json: the code list of a Vote's `option` is `yes`,
  `no`, `abstain`, `absent`, `not voting`, `paired`. "Pairing" is "a reciprocal agreement
  between two voters by which a voter abstains if the other is unable to vote". A Vote has
  a `role`, "the voter's role in the event" (a use case: "Eve analyzes the chair's
  behavior on tie votes").
"""

from __future__ import annotations

import copy
import json

import pytest

from clerk_app.db.migrate import open_database
from clerk_app.rules.vocabulary import Position
from clerk_app.services import decisions, demo, meetings, records
from clerk_app.services.errors import ClerkError
from clerk_app.services.record_export import CASTING_OPTION, CASTING_ROLE, POPOLO_OPTION
from tests.conftest import at
from tests.services.test_s2_register import arrive_all

VOTE_OPTIONS = {"yes", "no", "abstain", "absent", "not voting", "paired"}  # specs/vote.md §5
COUNT_OPTIONS = {"yes", "no", "abstain"}  # specs/count.md §5
RESULTS = {"pass", "fail"}  # specs/vote-event.md §5


@pytest.fixture
def tied(kent):
    """A recorded vote with every kind of member: two for and two against, two
    abstaining, Tomás Ó Briain withdrawn for a pecuniary interest, the non-voting manager
    present, a member absent; the Chair's casting vote carries it (000 §11.3)."""
    m = kent.meeting()
    arrive_all(kent, m, "chair", "edu2", "police", "yos", "health", "district", "vcs",
               "manager")
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    decisions.declare_interest(kent.engine, kent.items[4], kent.ids["vcs"], "pecuniary",
                               "trustee of a bidder", at=at(10, 6))
    positions = {kent.ids["chair"]: "for", kent.ids["edu2"]: "for",
                 kent.ids["police"]: "against", kent.ids["yos"]: "against",
                 kent.ids["health"]: "abstained", kent.ids["district"]: "abstained"}
    decisions.record_vote(kent.engine, kent.items[4], "the plan be approved",
                          positions=positions, casting="for", at=at(10, 20))
    return records.export_record(kent.engine, [m])


def _vote_event(record) -> dict:
    (vote,) = [d["vote_event"] for m in record["meetings"] for d in m["decisions"]
               if d.get("vote_event")]
    return vote


def _popolo_reading(vote: dict) -> str:
    """The result a reader who knows only Popolo works out from the Counts."""
    counts = {c["option"]: c["value"] for c in vote["counts"]}
    return "pass" if counts["yes"] > counts["no"] else "fail"


def test_every_position_has_an_option_from_popolos_list_and_none_is_paired():
    assert set(POPOLO_OPTION) == set(Position)
    used = set(POPOLO_OPTION.values()) | set(CASTING_OPTION.values())
    assert used <= VOTE_OPTIONS - {"paired"}
    schema = records.schema()
    votes = schema["properties"]["meetings"]["items"]["properties"]["decisions"]["items"][
        "properties"]["vote_event"]["properties"]
    assert set(votes["votes"]["items"]["properties"]["option"]["enum"]) == used
    assert set(votes["counts"]["items"]["properties"]["option"]["enum"]) == COUNT_OPTIONS


def test_the_export_is_a_popolo_vote_event_and_a_casting_tie_reads_as_passed(kent, tied):
    records.validate_record(tied)
    vote = _vote_event(tied)
    assert vote["motion"] == {"text": "the plan be approved"}
    assert all(set(c) == {"option", "value"} and c["option"] in COUNT_OPTIONS
               and isinstance(c["value"], int) for c in vote["counts"])
    assert all(v["option"] in VOTE_OPTIONS - {"paired"} for v in vote["votes"])
    person = {p["name"]: p["id"] for p in tied["persons"]}
    option = {v["voter_id"]: (v.get("position"), v["option"]) for v in vote["votes"]
              if "position" in v}
    assert option[person["Joanna Fairweather"]] == ("not_entitled", "not voting")
    assert option[person["Tomás Ó Briain"]] == ("withdrawn", "absent")
    assert ("absent", "absent") in option.values()
    # 2 to 2 in the ordinary count, and the Chair's casting vote for: 3 yes to 2 no.
    assert vote["casting"] == "for" and vote["result"] == "pass" == _popolo_reading(vote)
    assert {c["option"]: c["value"] for c in vote["counts"]} == {"yes": 3, "no": 2,
                                                                   "abstain": 2}
    casting = [v for v in vote["votes"] if "role" in v]
    assert casting == [{"voter_id": vote["presiding_person_id"], "option": "yes",
                        "role": CASTING_ROLE}]
    # The totals agree with the individual votes.
    for count in vote["counts"]:
        assert count["value"] == sum(v["option"] == count["option"] for v in vote["votes"])


def test_a_show_of_hands_carried_on_the_casting_vote_reads_as_passed(engine):
    vote = _vote_event(records.export_record(engine, body_id=demo.build_demo(engine)))
    assert vote["method"] == "show_of_hands" and vote["casting"] == "for"
    assert vote["result"] == "pass" == _popolo_reading(vote)
    assert [v["role"] for v in vote["votes"]] == [CASTING_ROLE]


def _as_version_1(record: dict) -> dict:
    """The record as the previous version wrote it: the motion a string, a member without
    a vote "paired", a withdrawn one "excused", the casting vote in no Count nor Vote."""
    old = copy.deepcopy(record)
    old["format_version"] = 1
    words = {"not_entitled": "paired", "withdrawn": "excused"}
    for meeting in old["meetings"]:
        for key in ("minutes_approvals", "minutes_corrections"):
            assert meeting.pop(key) == []  # version 1 could leave them out
        for decision in meeting["decisions"]:
            vote = decision.get("vote_event")
            if not vote:
                continue
            vote["motion"] = vote["motion"]["text"]
            vote["votes"] = [v for v in vote["votes"] if "role" not in v]
            for v in vote["votes"]:
                v["option"] = words.get(v["position"], v["option"])
            for count in vote["counts"]:
                count["value"] -= count["option"] == CASTING_OPTION.get(vote["casting"])
    return old


def test_a_file_of_the_previous_version_imports_and_exports_in_todays_shape(tied, tmp_path):
    old = _as_version_1(tied)
    assert _vote_event(old)["motion"] == "the plan be approved"
    assert "paired" in {v["option"] for v in _vote_event(old)["votes"]}
    fresh = open_database(tmp_path / "fresh.sqlite3")
    body_id = records.import_record(fresh, old)
    again = records.export_record(fresh, body_id=body_id)
    assert json.dumps(again, sort_keys=True) == json.dumps(tied, sort_keys=True)
    fresh.dispose()


def test_todays_file_round_trips(tied, tmp_path):
    fresh = open_database(tmp_path / "fresh.sqlite3")
    body_id = records.import_record(fresh, tied)
    again = records.export_record(fresh, body_id=body_id)
    assert json.dumps(again, sort_keys=True) == json.dumps(tied, sort_keys=True)
    fresh.dispose()


def _change(record, how):
    bad = copy.deepcopy(record)
    how(_vote_event(bad))
    return bad


@pytest.mark.parametrize(("how", "words"), [
    (lambda v: v.update(motion="the plan be approved"), "motion"),
    (lambda v: v["votes"][0].update(option="paired"), "votes/0/option"),
    (lambda v: v["votes"][0].update(option="absent"), "Popolo option"),
    (lambda v: v["votes"][-1].update(option="no"), "casting vote"),
    (lambda v: v["votes"].pop(), "casting vote"),
    (lambda v: v["counts"][0].update(value=2), "counts"),
    (lambda v: v["counts"].reverse(), "counts"),
], ids=["motion-string", "paired", "option-not-the-position's", "casting-option",
        "casting-missing", "casting-not-counted", "counts-out-of-order"])
def test_a_vote_event_popolo_would_misread_is_refused(tied, tmp_path, how, words):
    fresh = open_database(tmp_path / "fresh.sqlite3")
    with pytest.raises(ClerkError, match=words):
        records.import_record(fresh, _change(tied, how))
    fresh.dispose()

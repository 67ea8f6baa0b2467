"""DOMAIN.md §5-§6: an item the board sends elsewhere is a decision of its own kind,
naming where it goes, through the agenda, the minutes, the year's pack and the record
file, on the Kent LCSP preset (000 §11.2-11.3)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from clerk_app.db.migrate import open_database
from clerk_app.db.tables import AuditEntry, Decision
from clerk_app.rules.vocabulary import DecisionKind
from clerk_app.services import decisions, meetings, minutes, records, reports
from tests.conftest import at
from tests.export.minutes_helpers import text_of
from tests.services.test_s2_register import arrive_all, refused

HWB = "the Health & Wellbeing Board <Kent>"


def _sitting(kent, *who):
    m = kent.meeting()
    arrive_all(kent, m, *who)
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 5))
    return m


QUORATE = ("chair", "edu2", "police", "yos", "health", "district", "vcs")


def test_s5_a_referral_names_where_the_item_goes(kent):
    m = _sitting(kent, *QUORATE)
    decisions.record_decision(kent.engine, kent.items[4], DecisionKind.REFERRED,
                              "a decision on the funding", at=at(10, 20), referred_to=HWB)
    with Session(kent.engine) as session:
        decision = session.exec(select(Decision)).one()
        entry = session.exec(select(AuditEntry).where(
            AuditEntry.action == "decision.record")).one()
    assert (decision.kind, decision.referred_to, decision.text) == (
        DecisionKind.REFERRED, HWB, "a decision on the funding")
    assert entry.detail["referred_to"] == HWB
    line = next(i for i in meetings.agenda(kent.engine, m) if i.item_id == kent.items[4])
    assert line.outcomes == (f"Referred to {HWB}: a decision on the funding",)


def test_s5_a_referral_that_names_nowhere_is_refused(kent, dump):
    _sitting(kent, *QUORATE)
    refused(dump, lambda: decisions.record_decision(
        kent.engine, kent.items[4], DecisionKind.REFERRED, "for a view", at=at(10, 20),
        referred_to="   "), "referred to", "empty")


def test_s3_a_referral_while_inquorate_needs_the_reason(kent, dump):
    _sitting(kent, "chair", "police", "yos")  # four of seven groups: inquorate (000 §10.4)
    refused(dump, lambda: decisions.record_decision(
        kent.engine, kent.items[4], DecisionKind.REFERRED, at=at(10, 20), referred_to=HWB),
        "reason")
    decisions.record_decision(kent.engine, kent.items[4], DecisionKind.REFERRED,
                              inquorate_reason="the Board meets next week", at=at(10, 21),
                              referred_to=HWB)
    with Session(kent.engine) as session:
        decision = session.exec(select(Decision)).one()
    assert (decision.quorate, decision.inquorate_reason) == (False,
                                                             "the Board meets next week")


def test_s7_the_annual_pack_lists_a_referral_with_where_it_went(kent):
    m = _sitting(kent, *QUORATE)
    decisions.record_decision(kent.engine, kent.items[4], DecisionKind.REFERRED,
                              at=at(10, 20), referred_to=HWB)
    meetings.close_meeting(kent.engine, m, at(11, 0))
    pack = reports.annual_report(kent.engine, kent.body_id, 2026, today=at(12).date())
    assert [d.words for d in pack.decisions] == [f"Referred to {HWB}"]


def _referred(kent, purpose="a decision on the funding"):
    m = _sitting(kent, *QUORATE)
    decisions.record_decision(kent.engine, kent.items[4], DecisionKind.REFERRED, purpose,
                              at=at(10, 20), referred_to=HWB)
    meetings.close_meeting(kent.engine, m, at(11, 0))
    return m


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_s6_the_minutes_resolve_that_the_item_be_referred(kent, fmt):
    m = _referred(kent)
    text = text_of(minutes.render_minutes(kent.engine, m, fmt), fmt)
    assert (f"RESOLVED: that the item be referred to {HWB} for a decision on the funding."
            in text)


def test_s6_a_referral_for_nothing_in_particular_is_worded_without_for(kent):
    m = _referred(kent, purpose="")
    text = text_of(minutes.render_minutes(kent.engine, m, "pdf"), "pdf")
    assert f"RESOLVED: that the item be referred to {HWB}." in text


def test_a_referral_goes_through_the_record_file_and_back(kent, tmp_path):
    m = _referred(kent)
    exported = records.export_record(kent.engine, meeting_ids=[m])
    records.validate_record(exported)
    decision = exported["meetings"][0]["decisions"][0]
    assert (decision["kind"], decision["referred_to"]) == ("referred", HWB)
    fresh = open_database(tmp_path / "fresh.sqlite3")
    body_id = records.import_record(fresh, exported)
    again = records.export_record(fresh, body_id=body_id)
    assert again["meetings"][0]["decisions"] == exported["meetings"][0]["decisions"]

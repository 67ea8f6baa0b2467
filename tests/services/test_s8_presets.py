"""DOMAIN.md §8: the five presets load as bodies whose rules the engine can read."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from clerk_app.db.tables import BodySetting, Category
from clerk_app.rules.vocabulary import SettingKey
from clerk_app.services import constitution, membership, presets
from clerk_app.services.constitution import body_rules
from clerk_app.services.errors import ClerkError
from clerk_app.services.presets import preset_files

PRESETS = ["kent-lcsp", "kent-ct", "lincolnshire-cypsp", "kent-ct-county-board", "cumbria-cypb"]


def test_s8_the_five_presets_ship():
    assert sorted(preset_files()) == sorted(PRESETS)


@pytest.mark.parametrize("key", PRESETS)
def test_s8_preset_becomes_a_body_with_readable_rules(engine, key):
    body_id = presets.create_body_from_preset(engine, key)
    with Session(engine) as session:
        rules = body_rules(session, body_id)
        assert rules.quorum.in_use
        settings = session.exec(select(BodySetting).where(BodySetting.body_id == body_id)).all()
        assert all(s.source or s.assumed for s in settings)
        assert session.exec(select(Category).where(Category.body_id == body_id)).all()


def test_s8_bodies_without_a_quorum_in_their_source_carry_the_assumed_rule(engine):
    body_id = presets.create_body_from_preset(engine, "lincolnshire-cypsp")
    with Session(engine) as session:
        quorum = session.exec(select(BodySetting).where(
            BodySetting.body_id == body_id, BodySetting.key == "quorum")).one()
        assert quorum.assumed and quorum.confirmed_at is None
        rules = body_rules(session, body_id)
    from fractions import Fraction

    assert rules.quorum.fraction == Fraction(1, 3) and rules.quorum.fraction_floor == 3
    constitution.confirm_setting(engine, body_id, "quorum")
    with Session(engine) as session:
        quorum = session.exec(select(BodySetting).where(
            BodySetting.body_id == body_id, BodySetting.key == "quorum")).one()
        assert quorum.confirmed_at is not None


def test_s1_kent_vice_chair_from_the_chairs_agency_is_refused_with_the_rule(kent):
    from clerk_app.services.errors import ClerkError

    with pytest.raises(ClerkError, match=r"Partnership Agreement \(June 2008\) §10.2"):
        membership.appoint_office(kent.engine, kent.body_id, "vice_chair", kent.ids["social"])


def test_s1_seats_beyond_the_category_count_are_refused(kent):
    from clerk_app.services.errors import ClerkError

    extra = membership.add_person(kent.engine, "Another Inspector", "Kent Police")
    with pytest.raises(ClerkError, match="All 1 seat"):
        membership.add_member(kent.engine, kent.body_id, extra, "police")


def test_s8_presets_name_their_seed_documents_by_title_not_number():
    """A clerk reads "Lincolnshire CYPSP Governance Arrangements… §4.1", never "002 §4.1";
    what a clerk typed for their own body is left exactly as typed."""
    assert presets.readable_source("002 §4.1") == (
        "Lincolnshire CYPSP Governance Arrangements and Terms of Reference 2013/15 §4.1")
    assert "000" not in presets.readable_source("practice: as the Partner Agency Agreement, "
                                                "000 §9.2")
    assert presets.readable_source("Terms of reference 2024, §3 (100 seats)") == (
        "Terms of reference 2024, §3 (100 seats)")


def test_s7_attendance_year_start_is_a_setting_every_preset_gives(engine):
    """Lincolnshire monitors attendance over the financial year (002 §6.5): April."""
    body_id = presets.create_body_from_preset(engine, "lincolnshire-cypsp")
    with Session(engine) as session:
        assert constitution.body_rules(session, body_id).year_start_month == 4
    with pytest.raises(ClerkError, match="month numbered 1"):
        constitution.change_setting(engine, body_id, SettingKey.ATTENDANCE_YEAR_START_MONTH, 13)
    constitution.change_setting(engine, body_id, SettingKey.ATTENDANCE_YEAR_START_MONTH, 9)
    with Session(engine) as session:
        assert constitution.body_rules(session, body_id).year_start_month == 9
    assert constitution.describe_setting(SettingKey.ATTENDANCE_YEAR_START_MONTH, 9) == (
        "September (the year runs September to August)")

"""A body made from a draft (issue 14 item 2): presets and the guided set-up share one
`create_body_from_draft`, which refuses a draft that cannot make a body, saying what to
fix, and writes nothing."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from clerk_app.db.tables import Body, Category
from clerk_app.rules.vocabulary import SettingKey
from clerk_app.services import body_draft, presets
from clerk_app.services.errors import ClerkError


def typed_body() -> dict:
    draft = body_draft.blank_draft()
    draft["body"]["name"] = "Swale Partnership"
    draft["categories"] = [
        {"key": "schools", "name": "Schools", "seats": 4, "voting": True, "core": True},
        {"key": "observer", "name": "Observer", "seats": 1, "voting": False, "core": False},
    ]
    return draft


def test_a_typed_body_is_made_with_a_key_from_its_name(engine):
    first = presets.create_body_from_draft(engine, typed_body())
    second = presets.create_body_from_draft(engine, typed_body())
    with Session(engine) as session:
        keys = [session.get(Body, first).key, session.get(Body, second).key]
        seats = session.exec(select(Category).where(Category.body_id == first)).all()
    assert keys == ["swale-partnership", "swale-partnership-2"]
    assert [(c.key, c.seats, c.voting) for c in seats] == [("schools", 4, True),
                                                          ("observer", 1, False)]


@pytest.mark.parametrize("spoil, says", [
    (lambda d: d["body"].update(name="  "), "body name is empty"),
    (lambda d: d.update(categories=[]), "no seats"),
    (lambda d: d["categories"][0].update(seats=0), "at least one seat"),
    (lambda d: d["categories"][1].update(key="schools"), "same key"),
    (lambda d: d["offices"][0].update(only_categories=["dcs"]), "does not have"),
    (lambda d: d["settings"][SettingKey.QUORUM]["value"].update(
        groups=[{"key": "police", "label": "Police", "categories": ["police"]}],
        groups_needed=1), "does not have"),
    (lambda d: d["settings"][SettingKey.QUORUM]["value"].update(groups_needed=2),
     "needs 2 groups"),
    (lambda d: d["settings"][SettingKey.ATTENDANCE_THRESHOLD].update(value="seventy"),
     "cannot be read"),
])
def test_a_draft_that_cannot_make_a_body_is_refused_and_nothing_is_written(engine, spoil,
                                                                           says):
    draft = typed_body()
    spoil(draft)
    with pytest.raises(ClerkError, match=says):
        presets.create_body_from_draft(engine, draft)
    with Session(engine) as session:
        assert session.exec(select(Body)).all() == []


def test_keys_are_lower_snake_case_and_unique():
    assert body_draft.key_from_name("LCC adult & public health", ()) == "lcc_adult_public_health"
    assert body_draft.key_from_name("Schools", ["schools"]) == "schools_2"
    assert body_draft.key_from_name("تجريبي", ()) == "item"
    assert body_draft.key_from_name("Écoles", ()) == "ecoles"


def test_removing_a_category_forgets_the_rules_that_named_it():
    draft = typed_body()
    draft["offices"][0]["only_categories"] = ["observer"]
    quorum = draft["settings"][SettingKey.QUORUM]["value"]
    quorum.update(groups=[{"key": "obs", "label": "Observer", "categories": ["observer"]}],
                  groups_needed=1)
    draft["categories"].pop()
    body_draft.forget_missing(draft)
    assert draft["offices"][0]["only_categories"] == []
    assert (quorum["groups"], quorum["groups_needed"]) == ([], 0)

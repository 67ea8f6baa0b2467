"""Presets: the constitutions that ship in database/presets, and new bodies made from them
(DOMAIN.md §8). A preset carries a body's categories, offices and rule settings, each
with its source or an "assumed" mark.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app import paths
from clerk_app.db.engine import unit_of_work
from clerk_app.db.tables import Body, BodySetting, Category, Office
from clerk_app.services import constitution, organisations
from clerk_app.services.audit import audit
from clerk_app.services.body_draft import check_draft, key_from_name
from clerk_app.services.errors import ClerkError, NotFound
from clerk_app.services.membership import check_name

# The screens read sources through presets; the words live in sources.py.
from clerk_app.services.sources import readable_source, seed_documents  # noqa: F401


@dataclass(frozen=True)
class PresetRow:
    key: str
    name: str
    short_name: str
    seed: str
    description: str


def preset_files() -> dict[str, Path]:
    """Preset key -> file, for every preset shipped in database/presets."""
    found = {}
    for path in sorted(paths.PRESETS.glob("*.toml")):
        found[load_preset(path)["body"]["key"]] = path
    return found


def load_preset(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def presets() -> list[PresetRow]:
    """The presets that ship, by name, for the "new body" screen."""
    rows = []
    for key, path in preset_files().items():
        head = load_preset(path)["body"]
        rows.append(PresetRow(key, head["name"], head.get("short_name", ""),
                              str(head.get("seed", "")), head.get("description", "")))
    return sorted(rows, key=lambda p: p.name)


def create_body_from_preset(
    engine: Engine, preset_key: str, key: str | None = None, name: str | None = None
) -> int:
    """Create a body with the preset's categories, offices and settings; return its id.

    `name` is the clerk's name for this body (e.g. one of several local partnerships made
    from the same model agreement); the preset's name by default.
    """
    draft = preset_draft(preset_key)
    if name is not None:
        # A body the clerk named is not the preset's short name (e.g. "Kent LCSP").
        draft["body"]["name"], draft["body"]["short_name"] = name, ""
    return create_body_from_draft(engine, draft, key=key, preset_key=preset_key)


def preset_draft(preset_key: str) -> dict[str, Any]:
    """The preset as a draft body (the preset format, README.md in database/presets)."""
    files = preset_files()
    if preset_key not in files:
        raise NotFound(f"There is no preset called {preset_key!r}. Presets: {', '.join(files)}.")
    return load_preset(files[preset_key])


def create_body_from_draft(engine: Engine, draft: dict[str, Any], key: str | None = None,
                           preset_key: str | None = None) -> int:
    """Create a body from a draft in the preset format, in one unit of work; return its id.

    A preset and the guided set-up both come here. The draft is checked first, then read
    back by the rules before anything is kept.

    Raises:
        ClerkError: the draft cannot make a body (an empty name, no seats, two categories
            of one name, a quorum group naming nothing, a setting the rules cannot read);
            the message says what to fix, and nothing is written.
    """
    check_draft(draft)
    head = draft["body"]
    key = key or head.get("key")
    with unit_of_work(engine) as session:
        if not key:  # a body typed by hand: a key from its name, numbered when taken
            key = key_from_name(head["name"], session.exec(select(Body.key)), "-")
        if session.exec(select(Body).where(Body.key == key)).first():
            raise ClerkError(f"A body with the key {key!r} already exists: choose another key.")
        body = Body(
            key=key,
            name=check_name(head["name"], "body name"),
            short_name=head.get("short_name", ""),
            preset_key=preset_key,
            seed=head.get("seed"),
            description=head.get("description", ""),
        )
        session.add(body)
        session.flush()
        session.add_all(_categories(body.id, draft.get("categories", [])))
        session.add_all(_offices(body.id, draft.get("offices", [])))
        session.add_all(_settings(body.id, draft.get("settings", {})))
        _organisations(session, draft.get("organisations", []))
        session.flush()
        _rules_read(session, body.id)
        audit(session, None, "body.create", body_id=body.id, preset=preset_key, key=key)
        session.flush()
        return body.id


def _rules_read(session: Session, body_id: int) -> None:
    """Refuse a body whose settings the rules cannot read (the unit of work rolls back)."""
    try:
        constitution.body_rules(session, body_id)
    except (ValueError, TypeError, ZeroDivisionError, KeyError) as error:
        raise ClerkError(f"A rule of the new body cannot be read: {error}. Change it and "
                         "try again; nothing was saved.") from error


def _organisations(session: Session, declared: list[dict[str, Any]]) -> None:
    """The organisations the preset's rules name; one the record already knows (from
    another body made from the preset) is kept as it is."""
    for org in declared:
        if organisations.resolve(session, org["name"]) is None:
            organisations.create(session, org["name"], org.get("short_name", ""),
                                 org.get("aliases", []))


def _categories(body_id: int, categories: list[dict[str, Any]]) -> list[Category]:
    return [
        Category(
            body_id=body_id,
            key=cat["key"],
            name=cat["name"],
            position=position,
            seats=cat.get("seats", 1),
            seat_labels=cat.get("seat_labels", []),
            voting=cat.get("voting", True),
            core=cat.get("core", True),
            source=cat.get("source", ""),
            assumed=cat.get("assumed", False),
            notes=cat.get("notes", cat.get("note", "")),
        )
        for position, cat in enumerate(categories)
    ]


def _offices(body_id: int, offices: list[dict[str, Any]]) -> list[Office]:
    return [
        Office(
            body_id=body_id,
            key=office["key"],
            name=office["name"],
            term_months=office.get("term_months"),
            only_categories=office.get("only_categories", []),
            not_same_agency_as=office.get("not_same_agency_as", []),
            core_member_only=office.get("core_member_only", False),
            excluded_employers=office.get("excluded_employers", []),
            source=office.get("source", ""),
            eligibility_source=office.get("eligibility_source", ""),
            assumed=office.get("assumed", False),
        )
        for office in offices
    ]


def _settings(body_id: int, settings: dict[str, dict[str, Any]]) -> list[BodySetting]:
    return [
        BodySetting(
            body_id=body_id,
            key=name,
            value=setting["value"],
            source=setting.get("source", ""),
            assumed=setting.get("assumed", False),
            note=setting.get("note", ""),
        )
        for name, setting in settings.items()
    ]


def free_key(engine: Engine, base: str) -> str:
    """A body key not yet taken: the base, numbered ("kent-lcsp-2") when it is."""
    with Session(engine) as session:
        taken = {b.key for b in session.exec(select(Body))}
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key

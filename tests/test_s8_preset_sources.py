"""DOMAIN.md §8: every rule a preset ships is marked with its source section, or as
assumed. A source must point at a section, appendix or agreement item that the seed
document has (database/seed-documents.toml lists them, read off the documents); the
presets README says per body what is sourced and what is assumed, from the files.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRESETS = sorted((ROOT / "database" / "presets").glob("*.toml"))
with (ROOT / "database" / "seed-documents.toml").open("rb") as _handle:
    SEEDS = tomllib.load(_handle)

# One reference at a time, in order: a seed number sets the document for what follows;
# "DOMAIN §3" or a statute is not a seed's section and is skipped.
REFERENCE = re.compile(
    r"(?P<seed>\b00\d\b)"
    r"|(?P<other>(?:DOMAIN|Sch\.|LGA|Act)\s*§?[\d.]*)"
    r"|§\s*(?P<section>\d+(?:\.\d+)*)[a-z]?(?:\(\w\))?(?:-(?P<to>\d+(?:\.\d+)*))?"
    r"|Appendix (?P<appendix>\w+)"
    r"|item (?P<item>\d+)")


def references(source: str) -> list[tuple[str, str, str]]:
    """(seed, kind, number) for each reference to a seed in a source text."""
    found, seed = [], None
    for match in REFERENCE.finditer(source):
        if match["seed"]:
            seed = match["seed"]
        elif match["other"]:
            continue
        elif seed is None:
            found.append(("?", "reference without a document", match[0]))
        elif match["section"]:
            found += [(seed, "sections", n) for n in (match["section"], match["to"]) if n]
        elif match["appendix"]:
            found.append((seed, "appendices", match["appendix"]))
        else:
            found.append((seed, "agreement_items", match["item"]))
    return found


def missing(source: str) -> list[str]:
    """The references in `source` that the seeds do not have."""
    return [f"{seed} {kind} {number}" for seed, kind, number in references(source)
            if number not in SEEDS.get(kind, {}).get(seed, [])]


def entries(preset: dict) -> list[tuple[str, dict]]:
    found = [(f"category {c['key']}", c) for c in preset.get("categories", [])]
    found += [(f"office {o['key']}", o) for o in preset.get("offices", [])]
    return found + [(f"setting {k}", s) for k, s in preset.get("settings", {}).items()]


def load(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def test_the_checker_knows_a_real_section_from_a_made_up_one():
    assert missing("000 §10.2-10.3") == []
    assert missing("001 §4.2(e); Appendix 2") == []
    assert missing("003 §4.1c") == []
    assert missing("000 §9.2; Partner Agency Agreement item 9") == []
    assert missing("practice: DOMAIN §9, as LGA 1972 Sch. 12 para 39") == []
    assert missing("001 §4.8") == ["001 sections 4.8"]
    assert missing("003 Appendix 9") == ["003 appendices 9"]
    assert missing("002 item 10") == ["002 agreement_items 10"]
    assert references("practice: a substitute") == []


@pytest.mark.parametrize("path", PRESETS, ids=lambda p: p.stem)
def test_s8_every_setting_category_and_office_is_sourced_in_its_seed_or_assumed(path):
    wrong = []
    for what, entry in entries(load(path)):
        sources = [entry.get("source", ""), entry.get("eligibility_source", "")]
        bad = [ref for source in sources for ref in missing(source)]
        if bad:
            wrong.append(f"{what}: the seeds have no {', '.join(bad)}")
        sourced = any(references(source) for source in sources)
        if not entry.get("assumed") and not sourced:
            wrong.append(f"{what}: neither a seed section nor assumed = true")
    assert wrong == []


@pytest.mark.parametrize("path", PRESETS, ids=lambda p: p.stem)
def test_s8_no_preset_shows_the_clerk_a_rulebook_reference(path):
    # "DOMAIN §3" means nothing to a clerk: sources name the seed, or practice in words.
    text = path.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith("#")]
    assert "DOMAIN" not in "\n".join(kept)


def test_s8_kent_ct_seats_vote_by_assumption_as_001_is_silent():
    preset = load(ROOT / "database" / "presets" / "kent-ct.toml")
    assert all(c["assumed"] is True for c in preset["categories"])
    board = load(ROOT / "database" / "presets" / "kent-ct-county-board.toml")
    assert all(c["assumed"] is True for c in board["categories"])


def test_s7_kent_ct_takes_attendance_and_deputy_limit_from_the_same_agreement():
    settings = load(ROOT / "database" / "presets" / "kent-ct.toml")["settings"]
    attendance, deputies = settings["attendance_threshold"], settings["deputy_limit_per_year"]
    assert attendance["source"].startswith("000 ") and deputies["source"].startswith("000 ")
    assert "item 9" in attendance["source"] and "item 10" in deputies["source"]
    assert attendance["assumed"] is deputies["assumed"] is True
    assert deputies["value"] == 1
    assert "Both are taken from it, or neither" in deputies["note"]


@pytest.mark.parametrize(("stem", "source"), [("kent-ct", "001 §4.5; Appendix 1 (Openness)"),
                                              ("kent-ct-county-board", "003 §3.2")])
def test_s2_bodies_that_lean_to_openness_meet_in_public_flagged_assumed(stem, source):
    setting = load(ROOT / "database" / "presets" / f"{stem}.toml")["settings"][
        "meetings_open_to_public"]
    assert setting == {**setting, "value": True, "source": source, "assumed": True}
    assert "Set false if the board meets in private" in setting["note"]


def _readme_script():
    spec = importlib.util.spec_from_file_location("presets_readme",
                                                  ROOT / "scripts" / "presets_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_s8_the_presets_readme_lists_what_is_sourced_and_assumed_as_the_files_say():
    script = _readme_script()
    readme = script.README.read_text(encoding="utf-8")
    assert script.sources_section() in readme, (
        "database/presets/README.md is stale: run scripts/presets_readme.py")
    cumbria = script.body_section(load(ROOT / "database" / "presets" / "cumbria-cypb.toml"),
                                  "cumbria-cypb.toml")
    assert "- Sourced (1):\n  - Seats: Voluntary/community sector" in cumbria
    assert "  - Seats: Police (004 §2.3" in cumbria.split("- Assumed")[1]

"""Write, per body, what its preset takes from the seed documents and what it assumes,
into database/presets/README.md, from the preset files themselves.

    .venv/bin/python scripts/presets_readme.py          # rewrite the README's section
    .venv/bin/python scripts/presets_readme.py --check  # exit 1 if the README is stale

tests/test_s8_preset_sources.py fails when the README no longer matches the files.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRESETS = ROOT / "database" / "presets"
README = PRESETS / "README.md"
BEGIN = "<!-- begin: sourced and assumed, written by scripts/presets_readme.py -->"
END = "<!-- end: sourced and assumed -->"


def _entries(preset: dict) -> list[tuple[str, dict]]:
    """(what it is, entry) for every category, office and setting, in file order."""
    found = [(f"Seats: {c['name']}", c) for c in preset.get("categories", [])]
    found += [(f"Office: {o['name']}", o) for o in preset.get("offices", [])]
    found += [(f"Setting `{key}`", s) for key, s in preset.get("settings", {}).items()]
    return found


def _line(what: str, entry: dict) -> str:
    source = entry.get("source", "")
    return f"  - {what}" + (f" ({source})" if source else "")


def body_section(preset: dict, file_name: str) -> str:
    body = preset["body"]
    entries = _entries(preset)
    sourced = [_line(w, e) for w, e in entries if not e.get("assumed")]
    assumed = [_line(w, e) for w, e in entries if e.get("assumed")]
    lines = [f"### {body['name']} (`{file_name}`, seed {body['seed']})", "",
             f"- Sourced ({len(sourced)}):", *(sourced or ["  - nothing"]),
             f"- Assumed — please confirm ({len(assumed)}):", *(assumed or ["  - nothing"]),
             ""]
    return "\n".join(lines)


def sources_section() -> str:
    """The README's generated section, from the preset files as they are."""
    parts = [BEGIN, "", "## What each preset takes from its seed, and what it assumes", "",
             "Written from the files by `scripts/presets_readme.py`; a test fails when it "
             "no longer matches them. A sourced entry gives the seed section it comes "
             "from; an assumed one is shown to the clerk as “assumed — please confirm” "
             "(a category or office until the clerk changes and saves it, a setting until "
             "the clerk confirms or changes it).", ""]
    for path in sorted(PRESETS.glob("*.toml")):
        with path.open("rb") as handle:
            preset = tomllib.load(handle)
        parts.append(body_section(preset, path.name))
    parts.append(END)
    return "\n".join(parts) + "\n"


def with_section(readme: str) -> str:
    """The README with its generated section replaced (or added at the end)."""
    if BEGIN in readme:
        head, rest = readme.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        return head + sources_section() + ("\n" + tail if tail else "")
    return readme.rstrip("\n") + "\n\n" + sources_section()


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    wanted = with_section(text)
    if "--check" in argv:
        return 0 if wanted == text else 1
    README.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

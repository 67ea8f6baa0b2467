"""The one module that knows where the project's files live.

Everything else asks here by name, so a move of `resources/` or `database/` is a
one-line change.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "clerk-app"

# The package sits beside resources/ and database/ at the top of the checkout.
ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
DATABASE = ROOT / "database"
MIGRATIONS = DATABASE / "migrations"
PRESETS = DATABASE / "presets"
DEMO = DATABASE / "demo"
SEED_DOCUMENTS = DATABASE / "seed-documents.toml"
RECORD_SCHEMA = DATABASE / "schema" / "meeting-record.schema.json"
DOCS = ROOT / "docs"
USER_GUIDE = DOCS / "user-guide.md"


def data_dir() -> Path:
    """The user's data folder, where the default database lives."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    return data_dir() / "clerk.sqlite3"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)


def qt_search_paths() -> dict[str, Path]:
    """Prefix -> folder for Qt's search paths, so the GUI loads "icons:calendar.svg" by name."""
    return {"icons": RESOURCES / "icons", "styles": RESOURCES / "styles"}

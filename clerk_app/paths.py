"""The one module that knows where the project's files live.

Everything else asks here by name, so a move of `resources/` or `database/` is a
one-line change.
"""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "clerk-app"

# In a checkout the package sits beside resources/ and database/; in the installed
# bundle (PyInstaller sets sys.frozen) they travel inside it, in the folder it unpacks
# its files to, and the checkout is never looked at.
FROZEN = bool(getattr(sys, "frozen", False))
ROOT = (Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) if FROZEN
        else Path(__file__).resolve().parent.parent)
RESOURCES = ROOT / "resources"
DATABASE = ROOT / "database"
MIGRATIONS = DATABASE / "migrations"
PRESETS = DATABASE / "presets"
DEMO = DATABASE / "demo"
SEED_DOCUMENTS = DATABASE / "seed-documents.toml"
RECORD_SCHEMA = DATABASE / "schema" / "meeting-record.schema.json"
DOCS = ROOT / "docs"
USER_GUIDE = DOCS / "user-guide.md"
# What the installed bundle carries besides clerk-app, and under which licences.
NOTICES = ROOT / "THIRD-PARTY-NOTICES.md"
LICENSES = ROOT / "licenses"  # the licence texts of the bundled packages (bundle only)
SOURCE_ARCHIVES = ROOT / "source"  # clerk-app's own source, as built (bundle only)


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

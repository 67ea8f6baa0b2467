"""Where a record is: a SQLite file's path, or a team record's address on a PostgreSQL
server (`postgresql+psycopg://clerk@server/council`).

Imports no database library: the command's arguments and the window shown before the
record opens (app.py) tell the two apart and name them from here.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SERVER_SCHEMES = ("postgresql://", "postgresql+psycopg://")


def is_server_url(location: Path | str) -> bool:
    """Whether `--db` names a team record on a PostgreSQL server rather than a file."""
    return isinstance(location, str) and location.startswith(SERVER_SCHEMES)


def record_location(text: str) -> Path | str:
    """What `--db` names: a team record's URL as typed, or a record file's path."""
    return text if is_server_url(text) else Path(text)


def shown(location: Path | str) -> str:
    """A record's location as it may be shown or written in a message: a server URL with
    its password masked, a file as its path."""
    if not is_server_url(location):
        return str(location)
    parts = urlsplit(str(location))
    user, at, host = parts.netloc.rpartition("@")
    if not at or ":" not in user:
        return str(location)
    netloc = f"{user.split(':', 1)[0]}:***@{host}"
    return urlunsplit(parts._replace(netloc=netloc))

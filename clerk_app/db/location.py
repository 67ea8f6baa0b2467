"""Where a record is: a SQLite file's path, or a team record's address on a PostgreSQL
server (`postgresql+psycopg://clerk@server/council`).

Imports no database library: the command's arguments and the window shown before the
record opens (app.py) tell the two apart and name them from here.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

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


DEFAULT_PORT = 5432


def team_address(server: str, port: int, database: str, user: str) -> str:
    """A team record's address from the four values IT gives a clerk; never a password.
    Each part is quoted, so that a name holding `@`, `:` or `/` stays that name."""
    host = f"[{server}]" if ":" in server else server  # an IPv6 address
    return (f"postgresql+psycopg://{quote(user, safe='')}@{quote(host, safe='[]:')}:{port}"
            f"/{quote(database, safe='')}")


def address_parts(address: str) -> tuple[str, int, str, str]:
    """The server, port, database and user name of a team record's address, as typed
    into `team_address` (an address that cannot be read gives empty parts)."""
    try:
        parts = urlsplit(address)
        port = parts.port or DEFAULT_PORT
    except ValueError:
        return "", DEFAULT_PORT, "", ""
    user = parts.netloc.rpartition("@")[0].split(":", 1)[0]  # never its password
    return (unquote(parts.hostname or ""), port, unquote(parts.path.lstrip("/")),
            unquote(user))

"""Names typed by the clerk: stored exactly as typed, within bounds."""

from __future__ import annotations

from clerk_app.services.errors import ClerkError

MAX_NAME = 5000  # long names are stored as typed; beyond this they are refused


def check_name(name: str, what: str = "name") -> str:
    """Names are stored exactly as typed; only empty or absurdly long ones are refused."""
    if not name or not name.strip():
        raise ClerkError(f"The {what} is empty: type the {what} before saving.")
    if len(name) > MAX_NAME:
        raise ClerkError(
            f"The {what} is {len(name)} characters long; at most {MAX_NAME} are kept. Shorten it."
        )
    if any(ord(ch) < 32 and ch not in "\t" for ch in name):
        raise ClerkError(f"The {what} contains a line break or control character: remove it.")
    return name

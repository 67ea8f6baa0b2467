"""Text typed by the clerk: stored exactly as typed, within the limits of its kind."""

from __future__ import annotations

from clerk_app.rules.limits import TextKind, too_long
from clerk_app.services.errors import ClerkError

MAX_NAME = TextKind.NAME.limit


def check_name(name: str, what: str = "name", kind: TextKind = TextKind.NAME) -> str:
    """Names and titles are stored exactly as typed; only empty, over-long or multi-line
    ones are refused."""
    if not name or not name.strip():
        raise ClerkError(f"The {what} is empty: type the {what} before saving.")
    check_text(name, kind, what)
    if any(ord(ch) < 32 and ch not in "\t" for ch in name):
        raise ClerkError(f"The {what} contains a line break or control character: remove it.")
    return name


def check_text(text: str, kind: TextKind, what: str) -> str:
    """Refuse a text longer than its kind keeps, quoting only its start."""
    problem = too_long(text, kind, what)
    if problem:
        raise ClerkError(problem)
    return text

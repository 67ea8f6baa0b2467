"""Errors the clerk can act on, as opposed to bugs."""

# Defined with the database layer, which words the disk's own failures for the clerk.
from clerk_app.db.errors import ClerkError  # noqa: F401  (re-exported for the services)


class NotFound(ClerkError):
    """The thing asked for is not in the record."""

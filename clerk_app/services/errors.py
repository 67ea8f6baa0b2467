"""Errors the clerk can act on, as opposed to bugs."""


class ClerkError(Exception):
    """An action refused because of the rules or the record; nothing was written.

    The message says what is wrong and what to do, in the clerk's words.
    """

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class NotFound(ClerkError):
    """The thing asked for is not in the record."""

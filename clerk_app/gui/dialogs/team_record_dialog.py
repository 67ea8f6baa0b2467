"""File › Open a team record…: the four values the council's IT gives a clerk (server,
port, database, user name), then the password if the server asks for one.

The password is never stored: psycopg reads PGPASSWORD or ~/.pgpass by itself, and
only when the server refuses the sign-in without them is the clerk asked to type it.
What is typed goes to the server beside the address, never into it (see
`clerk_app.db.engine.make_server_engine`), so no address shown or remembered can carry
it. The record is opened on the worker; the dialog stays open, with everything as
typed, until it opens or the clerk cancels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QLineEdit, QSpinBox, QWidget

from clerk_app.db.errors import ClerkError, SignInRefused
from clerk_app.db.location import DEFAULT_PORT, address_parts, team_address
from clerk_app.gui import tasks
from clerk_app.gui.widgets.fitting import fit_to_screen
from clerk_app.gui.widgets.form_dialog import FormDialog

if TYPE_CHECKING:
    from clerk_app.services.opening import OpenRecord

LAST_ADDRESS = "team/last_address"  # the QSettings key: the address only, no password


def _attempt(address: str, password: str | None) -> OpenRecord | ClerkError:
    """On the worker: open the team record; a refusal is returned, to be told."""
    from clerk_app.services.opening import open_team_record

    try:
        return open_team_record(address, password=password)
    except ClerkError as error:
        return error


class TeamRecordDialog(FormDialog):
    """Opens a team record on a PostgreSQL server.

    Args:
        last_address: the address opened last time (no password), offered again.

    Attributes:
        record: the `OpenRecord`, once opened (when `saved` is emitted).
        address: the address opened, without a password: the one to remember.
    """

    def __init__(self, last_address: str = "", parent: QWidget | None = None) -> None:
        super().__init__(
            "Open a team record", "&Open", parent,
            intro="A team record is kept on the council's database server and backed up "
                  "by the server's own backups. Type what the council's IT gave you. If the "
                  "server asks for your password, it is asked for here; clerk-app never "
                  "stores it.")
        server, port, database, user = address_parts(last_address)
        self.server = self.add_row("&Server:", QLineEdit(server),
                                   "The database server's name or address, e.g. "
                                   "db.council.gov.uk")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(port)
        self.add_row("&Port:", self.port, f"Usually {DEFAULT_PORT}")
        self.database = self.add_row("&Database:", QLineEdit(database),
                                     "The team record's database name")
        self.user = self.add_row("&User name:", QLineEdit(user),
                                 "Your user name on the database server")
        self.password = self.add_row("Pass&word:", QLineEdit(),
                                     "Your password on the database server; never stored")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.setRowVisible(self.password, False)
        self.record: OpenRecord | None = None
        self.address = ""
        self._asked = False  # whether the password field has been shown
        self._typed = False  # whether the attempt under way sent a typed password
        self._waiting = False
        self._cancelled = False

    def accept(self) -> None:
        """Open the record on the worker; the answer comes back to `_answered`."""
        if self._waiting:
            return
        missing = [name for name, field in (("the server", self.server),
                                            ("the database", self.database),
                                            ("your user name", self.user))
                   if not field.text().strip()]
        if missing:
            self.show_error(f"Fill in {', '.join(missing)}, as the council's IT gave them, "
                            "then choose Open.")
            return
        if self._asked and not self.password.text():
            self.show_error("Type your password on the database server, then choose Open.")
            return
        self.address = team_address(self.server.text().strip(), self.port.value(),
                                    self.database.text().strip(), self.user.text().strip())
        password = self.password.text() if self._asked else None
        self._typed = password is not None
        self._set_waiting(True)
        task = tasks.runner().submit(_attempt, self.address, password)
        task.finished.connect(self._answered)  # bound: let go if the dialog is deleted
        task.failed.connect(self._crashed)

    def reject(self) -> None:
        self._cancelled = True  # a record that opens now is closed at once
        self.password.clear()
        super().reject()

    def show_error(self, message: str) -> None:
        super().show_error(message)
        if self.isVisible():
            self.scroll.updateGeometry()  # its hint follows the rows now shown
            self.layout().activate()
            fit_to_screen(self)  # grown to show the message (and the password field)

    def _set_waiting(self, waiting: bool) -> None:
        """While the server answers, the button says so (Enter then does nothing)."""
        self._waiting = waiting
        self.ok_button.setEnabled(not waiting)
        self.ok_button.setText("Connecting…" if waiting else "&Open")
        if waiting:
            self.error.hide()

    def _answered(self, result: OpenRecord | ClerkError) -> None:
        self._set_waiting(False)
        if self._cancelled:
            if not isinstance(result, ClerkError):
                result.close()
            return
        if isinstance(result, SignInRefused):
            self.ask_for_password(self._typed)
        elif isinstance(result, ClerkError):
            self.show_error(result.message)
        else:
            self.record = result
            self.password.clear()
            self.error.hide()
            QDialog.accept(self)
            self.saved.emit(f"Opened the team record {result.label}.")

    def ask_for_password(self, typed: bool) -> None:
        """Show the password field, saying whether the password typed was refused."""
        user = self.user.text().strip()
        self.form.setRowVisible(self.password, True)
        if typed:
            self.show_error(f"The server refused the password for {user}: type it again "
                            "(is Caps Lock on?), or check the user name.")
        else:
            self.show_error(f"The server asks for the password of {user}: type it, then "
                            "choose Open.")
        self._asked = True
        self.password.clear()
        self.password.setFocus()

    def _crashed(self, message: str) -> None:
        """A bug, already reported to the crash handler: say it stopped."""
        self._set_waiting(False)
        if not self._cancelled:
            self.show_error(message)

"""The Qt application: thin views over the services."""

import ctypes
import sys


def _keep_none_alive() -> None:
    """PySide6 6.12 drops one reference to None each time a Python override returns
    None (a model's data() for a role it does not use, thousands of times a repaint).
    On Python 3.11 None's count then runs down to zero within a long meeting and the
    interpreter aborts ("deallocating None"). Python 3.12 made None immortal; here it
    gets the same: a count no session can run down. Remove once PySide6 is fixed."""
    if sys.version_info < (3, 12):
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


_keep_none_alive()

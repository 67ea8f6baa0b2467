"""A whole day's meetings must not wear the application out. PySide6 6.12 drops a
reference to None each time a Python override returns None; on Python 3.11 that ran
None's count down until the interpreter aborted in the middle of a meeting (the
benchmark's large meeting did). clerk_app.gui guards against it."""

from __future__ import annotations

import os
import subprocess
import sys

SESSION = """
import clerk_app.gui
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication

app = QApplication([])

class Register(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 60
    def columnCount(self, parent=QModelIndex()):
        return 6
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None  # the answer for every role a view asks about but we do not use

register = Register()
index = register.index(0, 0)
for _ in range(300_000):  # more than a long meeting's repaints ask
    index.data(Qt.ItemDataRole.DecorationRole)
print("still recording")
"""


def test_a_long_session_of_repaints_does_not_abort_the_application():
    run = subprocess.run([sys.executable, "-c", SESSION], capture_output=True, text=True,
                         timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "still recording"

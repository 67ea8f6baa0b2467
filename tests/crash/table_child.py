"""A child process that takes the register at the real meeting table (offscreen), key by
key, and prints the status line each time it says "Saved …": the parent kills it right
after one (tests/crash/test_table_saved.py).

    python -m tests.crash.table_child RECORD IDS_JSON
"""

from __future__ import annotations

import json
import sys
import time
from datetime import timedelta
from pathlib import Path


def main(db: Path, ids_file: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from clerk_app import clock
    from clerk_app.gui.views.table_view import TableView
    from clerk_app.services.opening import open_record
    from tests.conftest import Kent
    from tests.crash.harness import _at
    from tests.gui.table_support import select_person

    ids = json.loads(ids_file.read_text(encoding="utf-8"))
    began = time.monotonic()
    # The meeting's day is today, and the clock runs: each arrival is taken live.
    clock.now = lambda: (_at(0) + timedelta(seconds=time.monotonic() - began)).replace(
        microsecond=0)
    app = QApplication(sys.argv[:1])
    record = open_record(db)
    view = TableView(record.engine)
    view.resize(1024, 600)
    view.show()
    view.show_meeting(ids["meeting"])
    view.recorded.connect(lambda _text: print(view.status.text(), flush=True))
    for key, *_rest in Kent.SEATS:
        select_person(view, ids["people"][key])
        QTest.keyClick(view.register.table, Qt.Key.Key_P)
        app.processEvents()
    print("done", flush=True)
    record.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

"""Composition root: open the database, build the window, run."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from clerk_app import paths
from clerk_app.db.migrate import SchemaTooNewError, open_database
from clerk_app.gui.main_window import MainWindow
from clerk_app.services import bodies, demo
from clerk_app.services.errors import ClerkError


def build_window(db_path: Path | None) -> MainWindow:
    """The main window on a database; a new default database starts with the demo body."""
    path = db_path or paths.default_database()
    engine = open_database(path)
    if db_path is None and not bodies.list_bodies(engine):
        demo.build_demo(engine)
    return MainWindow(engine, str(path))


def run_app(db_path: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setStyle("Fusion")
    app.setStyleSheet(paths.resource("styles", "clerk.qss").read_text(encoding="utf-8"))
    try:
        window = build_window(db_path)
    except (ClerkError, SchemaTooNewError, OSError) as error:
        QMessageBox.critical(None, "clerk-app cannot open the record", str(error))
        return 2
    window.resize(1280, 760)
    window.show()
    return app.exec()

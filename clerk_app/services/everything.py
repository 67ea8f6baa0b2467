"""Export everything: every body of a record with all its meetings, as record files.

The meeting record file holds one body, so everything is one file per body, in a folder
the clerk chooses. A team record on PostgreSQL is backed up by the server's own backups;
this is the copy a clerk can take away and import anywhere, at any time.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from clerk_app.db.tables import Body
from clerk_app.export.files import write_private_file
from clerk_app.services.errors import ClerkError
from clerk_app.services.record_export import export_record


def file_name(body_id: int, key: str) -> str:
    """A body's file name: its key's letters and digits (any script), and its number,
    so two keys that differ only in punctuation never share a file."""
    cleaned = "".join(c if c.isalnum() else "-" for c in key).strip("-")[:60]
    return f"{cleaned or 'body'}-{body_id}.json"


def export_everything(engine: Engine, folder: Path) -> list[Path]:
    """Write every body's record file into `folder` (created if need be); returns the
    files written. Raises ClerkError when the folder cannot be written."""
    with Session(engine) as session:
        bodies = session.exec(select(Body.id, Body.key).order_by(Body.id)).all()
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for body_id, key in bodies:
            data = export_record(engine, body_id=body_id)
            path = folder / file_name(body_id, key)
            write_private_file(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n")
                               .encode("utf-8"))
            written.append(path)
    except OSError as error:
        raise ClerkError(f"Cannot write the record files in {folder}: "
                         f"{error.strerror or error}. Choose another folder.") from error
    return written

"""Writing an exported file: readable by its owner only, and never half written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_private_file(path: Path | str, data: bytes) -> Path:
    """Write bytes to `path`, created readable and writable by the owner only.

    Exports hold personal data and declared interests. The bytes go to a temporary file
    beside the target first and replace it in one step, so a failure (a full disk) leaves
    any earlier file as it was, and an existing file with wider permissions is replaced
    rather than kept open to others.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:  # mkstemp creates the file as 0600
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path

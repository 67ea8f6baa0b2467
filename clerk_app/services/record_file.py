"""Reading a meeting record file from disk, within bounds a hostile file cannot pass.

A file is refused, in one line, before anything walks it by recursion (the upgrade's
copy, the schema's validator, the import): too large, not UTF-8, not JSON, or nested
deeper than any record is. services/records.py validates and imports what it returns.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from clerk_app.rules.limits import excerpt
from clerk_app.services.errors import ClerkError

# A year of a board's meetings is well under a megabyte and nests eight deep (a vote's
# eligible voters inside its decision inside its meeting); these bounds are far above
# any real record and keep a hostile file from exhausting memory or Python's stack.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NESTING = 40


def read_record_file(path: Path) -> Any:
    """The JSON held by a record file, or a one-line ClerkError saying why it cannot be
    read: missing, not UTF-8, not JSON, larger than 64 MB or nested deeper than 40."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise ClerkError(f"Cannot read {path}: it is larger than "
                             f"{MAX_FILE_BYTES // (1024 * 1024)} MB, which no meeting record "
                             "is. Check that it is the record file exported by clerk-app.")
        data = json.loads(raw.decode("utf-8"), parse_constant=_not_json)
    except RecursionError as error:  # the parser's own stack, at about a thousand deep
        raise ClerkError(f"Cannot read {path}: {_TOO_DEEP}") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ClerkError(f"Cannot read {path}: {one_line(str(error))}") from error
    refuse_deep_nesting(data)
    return data


def _not_json(word: str) -> Any:
    """Python reads NaN and Infinity, which JSON does not have and no record holds."""
    raise ClerkError(f"The record file cannot be read: it holds {word}, which is not JSON.")


_TOO_DEEP = (f"it nests lists or objects more than {MAX_NESTING} deep, which no meeting "
             "record does. Check that it is the record file exported by clerk-app.")


def refuse_deep_nesting(data: Any) -> None:
    """Refuse a document nested deeper than MAX_NESTING, before anything walks it by
    recursion (the upgrade's copy, the schema's validator). Walked with a stack of its own."""
    pending = [(data, 0)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_NESTING:
            raise ClerkError(f"The record file cannot be read: {_TOO_DEEP}")
        inner = value.values() if isinstance(value, dict) else \
            value if isinstance(value, list) else ()
        pending.extend((v, depth + 1) for v in inner if isinstance(v, dict | list))


def one_line(text: str, limit: int = 200) -> str:
    """A message quoting the file fits one line of a terminal's scroll-back."""
    return excerpt(" ".join(text.split()), limit)

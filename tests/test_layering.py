"""The core (rules, db, services, export, cli) never imports Qt; the rules never touch
the database; export works from snapshots and the rules, never from the services. The
contracts live in pyproject.toml; import-linter checks them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPORT_CONTRACT = "Export works from snapshots and the rules, never from the services"


def _lint_imports() -> subprocess.CompletedProcess:
    linter = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True)


def test_import_contracts_hold():
    result = _lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


def test_export_never_imports_the_services():
    result = _lint_imports()
    assert any(line.startswith(EXPORT_CONTRACT) and "KEPT" in line
               for line in result.stdout.splitlines()), result.stdout

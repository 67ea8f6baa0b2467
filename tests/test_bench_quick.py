"""`make bench` cannot rot: its script runs here in its quick mode, on a small history,
and must give every figure with its target (whether a target is met is the full run's
business: a shared test machine's timings say nothing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = {"startup", "startup_record", "register", "vote_open", "vote_record", "minutes",
           "year", "memory", "council_draw", "council_switch", "council_memory"}


def test_the_benchmark_script_measures_every_figure_in_its_quick_mode(tmp_path):
    out = tmp_path / "bench.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--json", str(out)],
        capture_output=True, text=True, timeout=900,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    figures = {f["key"]: f for f in report["figures"]}
    assert set(figures) == FIGURES
    for figure in figures.values():
        assert figure["runs"] >= 1 and figure["median"] > 0 and figure["p95"] >= figure["median"]
        assert figure["target"] and isinstance(figure["met"], bool)
    # The ratios are taken against floors measured in the same run.
    assert figures["startup"]["floor_median"] > 0 and figures["startup_record"]["floor_median"] > 0
    assert figures["minutes"]["floor_median"] > 0
    assert figures["register"]["runs"] == report["plan"]["arrivals"]
    # The council's record: every body reached by key, down the list and back up.
    assert figures["council_switch"]["runs"] >= 2
    # The printed table names every figure and says whether its target is met.
    for figure in figures.values():
        assert figure["title"] in run.stdout
    assert "targets met" in run.stdout

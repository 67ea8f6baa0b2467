"""The crash harness, short: a few kills of a recording process, each checked.

The long run (at least 200 kills) is `make crash`; see tests/crash/harness.py.
"""

from __future__ import annotations

from tests.crash import harness


def test_killing_the_recording_process_loses_no_acknowledged_action(tmp_path):
    figures = harness.run(kills=3, seed=20260915, work=tmp_path, log=lambda _line: None)
    assert figures.kills == 3
    assert figures.backups_checked > 0

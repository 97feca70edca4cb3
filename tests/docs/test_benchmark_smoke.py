"""benchmarks/run.py runs end to end with tiny sizes, so that it cannot rot: every goal is printed
with PASS or MISS. No time is asserted (the machine running the tests may be busy)."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import ROOT


def test_the_benchmark_runs_and_prints_every_goal() -> None:
    command = [sys.executable, "benchmarks/run.py", "--replies", "40", "--cli-replies", "40", "--memory-mb", "1"]
    command += ["--jobs-replies", "40"]
    result = subprocess.run(
        [*command, "--repeat", "1"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    goals = [line for line in result.stdout.splitlines() if line.endswith(("PASS", "MISS"))]
    assert len(goals) == 4 + 8 + 3 + 4 + 1 + 1, result.stdout
    assert any(line.startswith("fast extra, fmt=3, list of 100") for line in goals)
    assert any(line.startswith("decode, fmt=2, list of 100") for line in goals)
    assert any(line.startswith("CLI, fmt=1") for line in goals)

"""The reminder benchmark runs end to end on a small population and finds exactly once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_benchmark_small_run_sends_exactly_once():
    result = subprocess.run(
        [sys.executable, "bench/reminder_sweep.py", "--recipients", "40", "--per-unit", "10"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = result.stdout
    assert "generated 40 coordinators in 4 units" in out, result.stderr[-2000:]
    assert "sweep: 40 reminders due, 40 delivered now" in out
    assert "exactly once: yes" in out
    assert "bare smtplib loop, one connection: 40 messages" in out

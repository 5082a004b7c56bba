"""No dead code in the product: vulture, with the settings of pyproject.toml and the
reasons of vulture_whitelist.py, finds nothing unused (as `make deadcode`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_vulture_finds_no_dead_code():
    result = subprocess.run(
        [sys.executable, "-m", "vulture"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, (
        "vulture found unused code; delete it, or add what it cannot see used to "
        f"vulture_whitelist.py with the reason:\n{result.stdout}{result.stderr}"
    )

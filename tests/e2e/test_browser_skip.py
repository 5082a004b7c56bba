"""Without Chromium the journeys are skipped with one clear message, and nothing starts."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import config


@pytest.mark.needs_no_browser
def test_the_journeys_skip_with_one_message_when_chromium_is_missing(tmp_path):
    missing = tmp_path / "no-chromium"
    env = dict(os.environ, E2E_CHROMIUM=str(missing))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/e2e",
            "-rs",
            "-p",
            "no:xdist",
            "-k",
            "not needs_no_browser and not skip_with_one_message",
        ],
        cwd=config.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    message = (
        f"Chromium not found at {missing}: the browser journeys are skipped; "
        "install it with apt-get install chromium"
    )
    assert message in out
    assert " skipped" in out and "passed" not in out and "failed" not in out, out
    assert "The portal is running" not in out  # no portal was started for skipped journeys

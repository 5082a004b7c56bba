"""Benchmark (not a test): the busy pages at national scale against the stack's floor.

    .venv/bin/python bench/pages.py [--scale 1] [--database-url postgresql://postgres@127.0.0.1:5432/bench_perf]
        [--load-seconds 8] [--one-seconds 4] [--connections 32] [--rounds 2]

It fills a temporary SQLite file (or the database given, whose tables it drops and
recreates) with the national data set (sampledata/national.py: 34 departments, ~700
units, ~20,000 people, ~10,000 exemplars, 100,000+ activity rows, an audit log to
match; the measured department also gets every kind of programme record of
sampledata/programme.py), serves it with gunicorn as production does (2 workers x 4
threads, PORTAL_ENV=production) and measures with `wrk` (a Python client with threads
when wrk is absent) the bare Flask view, the floor page (signed in, base layout, no
content) and each busy page, interleaved, one user then `--connections` at once.
It prints per page: requests/s, p50/p95 for one user and under load, the SQL
statements of one request (counted in-process, each request in its own app context
as under gunicorn), and the ratios to the floor and to bare.

Targets (issue 18): floor >= 50 % of bare (req/s); lists and the unit workspace >= 50 %
of the floor; dashboards >= 25 % of the floor; one-user p50 <= 25 ms on PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from sqlalchemy import event

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import config  # noqa: E402
from bench import load  # noqa: E402
from portal import create_app  # noqa: E402
from portal.db_upkeep import refresh_statistics  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.organizations.models import Unit  # noqa: E402
from sampledata.national import Totals, fill_department, fill_nation  # noqa: E402
from sampledata.probes import login  # noqa: E402
from sampledata.programme import fill_programme  # noqa: E402
from sampledata.world import World  # noqa: E402

SECRET = "bench-pages-secret-key-0123456789"
# (name, who, path, kind): kind picks the target.
PAGES = (
    ("bare Flask view", "", "/__bare/", "bare"),
    ("floor (base layout, signed in)", "office", "/__floor", "floor"),
    ("unit workspace", "coordinator_a", "/units/{unit}", "list"),
    ("unit dashboard", "office", "/dashboards/units/{unit}", "dashboard"),
    ("office dashboard", "office", "/dashboards/", "dashboard"),
    ("council dashboard", "council", "/dashboards/council", "dashboard"),
    ("exemplars ?status=recognised", "office", "/exemplars/?status=recognised", "list"),
    ("findings list", "office", "/inspections/findings", "list"),
    ("deadline matrix", "office", "/deadlines/matrix", "list"),
    ("audit log", "office", "/admin/audit", "list"),
)
TARGETS = {"floor": ("bare", 0.5), "list": ("floor", 0.5), "dashboard": ("floor", 0.25)}
P50_TARGET_MS = 25.0


def build_app(url: str, tmp: Path):
    from bench.pages_wsgi import add_yardsticks

    return add_yardsticks(
        create_app(
            "development",
            overrides={
                "SQLALCHEMY_DATABASE_URI": url,
                "SECRET_KEY": SECRET,
                "INSTANCE_DIR": tmp,
                "REDISLITE_PATH": str(tmp / "redis.rdb"),
                "UPLOAD_DIR": tmp / "uploads",
                "DOSSIER_DIR": tmp / "dossiers",
            },
        )
    )


def ensure_postgres_database(url: str) -> None:
    """Create the database named in `url` when it does not exist yet."""
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    admin = parsed.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (parsed.database,))
        if found.fetchone() is None:
            conn.execute(f'CREATE DATABASE "{parsed.database}"')


def generate(scale: float, programme_scale: int) -> tuple[World, Totals]:
    """The national data set; returns the measured department's world."""
    db.drop_all()
    db.create_all()
    world = World()
    fill_programme(world, programme_scale)
    unit_ids = list(
        db.session.scalars(db.select(Unit.id).where(Unit.organization_id == world.org.id))
    )
    totals = fill_department(world.org.id, unit_ids, random.Random(1))
    db.session.commit()
    totals.add(fill_nation(scale))
    totals.organizations += 1
    refresh_statistics()  # as the migrations and the periodic job do
    return world, totals


def cookies(app, world: World) -> dict[str, str]:
    """A signed-in session cookie per role the pages are read as."""
    found = {"": ""}
    for who in {who for _, who, _, _ in PAGES if who}:
        client = app.test_client()
        login(client, getattr(world, who))
        (value,) = [c.value for c in client._cookies.values() if c.key == "session"]
        found[who] = f"session={value}"
    return found


def signed_in_client(app, cookie: str):
    """A test client carrying the signed-in session `cookie` ("session=...")."""
    client = app.test_client()
    client.set_cookie("session", cookie.removeprefix("session="), domain=app.config["SERVER_NAME"])
    return client


def count_statements(app, path: str, cookie: str) -> int:
    """The statements of one request served in its own app context (as under gunicorn),
    after a first request that warms the caches of the process."""
    with app.app_context():
        engine = db.engine
    client = signed_in_client(app, cookie)
    client.get(path)
    statements: list[str] = []

    def before(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        response = client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", before)
    assert response.status_code == 200, (path, response.status_code)
    return len(statements)


def breakdown(app, path: str, cookie: str, repeats: int = 15) -> tuple[float, float, float]:
    """Where one request's time goes, in process (no server, no network): the median
    total, and within it the time spent executing SQL (cursor to rows) and rendering
    templates (flask.templating._render), each request in its own app context."""
    import flask.templating

    with app.app_context():
        engine = db.engine
    client = signed_in_client(app, cookie)
    client.get(path)
    spent = {"sql": 0.0, "render": 0.0}
    started_at: list[float] = []

    def before(*_args) -> None:
        started_at.append(time.perf_counter())

    def after(*_args) -> None:
        spent["sql"] += time.perf_counter() - started_at.pop()

    original = flask.templating._render

    def timed_render(*args, **kwargs):
        start, sql_before = time.perf_counter(), spent["sql"]
        try:
            return original(*args, **kwargs)
        finally:  # SQL run while rendering counts as SQL only
            spent["render"] += time.perf_counter() - start - (spent["sql"] - sql_before)

    samples = []
    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    flask.templating._render = timed_render
    try:
        for _ in range(repeats):
            spent.update(sql=0.0, render=0.0)
            start = time.perf_counter()
            client.get(path)
            samples.append((time.perf_counter() - start, spent["sql"], spent["render"]))
    finally:
        flask.templating._render = original
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    samples.sort()
    total, sql, render = samples[len(samples) // 2]
    return total * 1000, sql * 1000, render * 1000


def print_profile(app, path: str, cookie: str, repeats: int = 20, top: int = 35) -> None:
    """cProfile of `repeats` requests of one page, each in its own app context: the
    functions with the most time of their own, then those with the most time below them."""
    import cProfile
    import pstats

    client = signed_in_client(app, cookie)
    client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeats):
        client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    print(f"\n{path}: {repeats} requests")
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(url: str, tmp: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "PORTAL_ENV": "production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": url,
        "PORTAL_INSTANCE_DIR": str(tmp),
        "REDIS_URL": "",
        "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
    }
    command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--threads", "4"]
    command += ["--bind", f"127.0.0.1:{port}", "--pythonpath", str(ROOT), "bench.pages_wsgi:app"]
    with open(tmp / "gunicorn.log", "wb") as log:  # the server's errors, read by server_errors
        server = subprocess.Popen(command, env=env, cwd=ROOT, stderr=log)
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/__bare/").read()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def server_errors(log: Path) -> None:
    """Print what the server logged as errors (a page failing under load must show)."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    errors = [line for line in lines if "Error" in line or "Exception" in line]
    if errors:
        print(f"\nthe server logged {len(errors)} error line(s); the first ones:")
        for line in errors[:12]:
            print("   ", line[:300])


def check(base: str, path: str, cookie: str) -> None:
    """200 for the page itself (not a redirect to the sign-in), and warm."""
    request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})
    for _ in range(5):
        with urllib.request.urlopen(request) as response:
            assert response.status == 200 and response.url == base + path, (path, response.url)
            response.read()


def drain(base: str) -> None:
    """Wait until the requests still queued by the load run are served (a slow page
    leaves seconds of backlog in the workers' queues): the bare view answering fast
    twice in a row, so that the next page's one-user run starts on idle workers."""
    fast = 0
    deadline = time.perf_counter() + 120
    while fast < 2 and time.perf_counter() < deadline:
        start = time.perf_counter()
        urllib.request.urlopen(base + "/__bare/").read()
        fast = fast + 1 if time.perf_counter() - start < 0.05 else 0
        time.sleep(0.05)


def measure_pages(base: str, paths, jar, args) -> dict[str, list]:
    """Every page, one user then under load, interleaved over `args.rounds` rounds."""
    runs: dict[str, list] = {name: [] for name, *_ in PAGES}
    for round_ in range(args.rounds):
        for name, who, _, _ in PAGES:
            one = load.measure(base + paths[name], jar[who], 1, args.one_seconds)
            many = load.measure(base + paths[name], jar[who], args.connections, args.load_seconds)
            runs[name].append((one, many))
            drain(base)
            print(f"  round {round_ + 1} {name}: {many.rps:.0f} req/s", flush=True)
    return runs


def median_run(pairs, index: int, field: str) -> float:
    return statistics.median(getattr(pair[index], field) for pair in pairs)


def report(runs, queries, database: str, postgres: bool, connections: int) -> bool:
    rps = {name: median_run(pairs, 1, "rps") for name, pairs in runs.items()}
    print(f"\n{database}, load generator: {load.generator()}, c={connections}\n")
    print(
        "| page | queries | 1 user p50 ms | 1 user p95 ms | req/s | load p50 ms | load p95 ms "
        "| ÷ floor | ÷ bare | target | met |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    met_all = True
    for name, _, _, kind in PAGES:
        pairs = runs[name]
        one50, one95 = median_run(pairs, 0, "p50_ms"), median_run(pairs, 0, "p95_ms")
        ratio_floor = rps[name] / rps[PAGES[1][0]]
        ratio_bare = rps[name] / rps[PAGES[0][0]]
        target, met = "—", ""
        if kind in TARGETS:
            against, wanted = TARGETS[kind]
            ratio = ratio_bare if against == "bare" else ratio_floor
            met_ratio = ratio >= wanted
            met_p50 = not postgres or kind == "floor" or one50 <= P50_TARGET_MS
            target = f"≥ {wanted:.2f} of {against}" + (
                f", p50 ≤ {P50_TARGET_MS:.0f} ms" if postgres and kind != "floor" else ""
            )
            met = "yes" if met_ratio and met_p50 else "NO"
            met_all &= met == "yes"
        errors = sum(pair[1].errors + pair[0].errors for pair in pairs)
        kinds: dict[str, int] = {}
        for run in (run for pair in pairs for run in pair):
            for kind_name, count in (run.kinds or {}).items():
                kinds[kind_name] = kinds.get(kind_name, 0) + count
        described = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        print(
            f"| {name} | {queries.get(name, '—')} | {one50:.1f} | {one95:.1f} | {rps[name]:.1f} "
            f"| {median_run(pairs, 1, 'p50_ms'):.1f} | {median_run(pairs, 1, 'p95_ms'):.1f} "
            f"| {ratio_floor:.2f} | {ratio_bare:.3f} | {target} | {met} |"
            + (f" ({errors} errors{': ' + described if described else ''})" if errors else "")
        )
    return met_all


def print_breakdown(app, paths: dict[str, str], jar: dict[str, str], queries) -> None:
    print("\n| page | queries | total ms | SQL ms | templates ms | rest ms |")
    print("|---|---|---|---|---|---|")
    for name, who, _, kind in PAGES:
        if kind == "bare":
            continue
        total, sql, render = breakdown(app, paths[name], jar[who])
        rest = total - sql - render
        print(f"| {name} | {queries[name]} | {total:.1f} | {sql:.1f} | {render:.1f} | {rest:.1f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the 34 departments")
    parser.add_argument("--programme-scale", type=int, default=10)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--load-seconds", type=float, default=8)
    parser.add_argument("--one-seconds", type=float, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="only print where each page's time goes in process (SQL, templates, the rest)",
    )
    parser.add_argument(
        "--profile",
        metavar="PAGE",
        action="append",
        help="only print a cProfile of this page, named as in the table; repeatable",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        url = config._normalise_db_url(args.database_url or f"sqlite:///{tmp / 'pages.db'}")
        if url.startswith("postgresql"):
            ensure_postgres_database(url)
        app = build_app(url, tmp)
        started = time.perf_counter()
        with app.app_context():
            world, totals = generate(args.scale, args.programme_scale)
            unit = world.unit_a.id
            jar = cookies(app, world)
            db.session.remove()
        print(f"generated in {time.perf_counter() - started:.0f} s: {vars(totals)}", flush=True)
        paths = {name: path.format(unit=unit) for name, _, path, _ in PAGES}
        queries = {
            name: count_statements(app, paths[name], jar[who])
            for name, who, _, kind in PAGES
            if kind != "bare"
        }
        if args.breakdown:
            print_breakdown(app, paths, jar, queries)
            return 0
        if args.profile:
            for page in args.profile:
                (who,) = [who for name, who, _, _ in PAGES if name == page]
                print_profile(app, paths[page], jar[who])
            return 0
        with app.app_context():
            db.engine.dispose()
        port = free_port()
        server = start_gunicorn(url, tmp, port)
        try:
            base = f"http://127.0.0.1:{port}"
            for name, who, _, _ in PAGES:
                check(base, paths[name], jar[who])
            runs = measure_pages(base, paths, jar, args)
        finally:
            server.terminate()
            server.wait(timeout=30)
            server_errors(tmp / "gunicorn.log")
        database = "PostgreSQL" if url.startswith("postgresql") else "SQLite (WAL)"
        met = report(runs, queries, database, url.startswith("postgresql"), args.connections)
    print("\nevery target met" if met else "\nsome targets missed (see 'met')")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())

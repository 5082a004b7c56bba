"""Benchmark (not a test): the dashboards and the busiest list pages as the programme
grows, time and SQL query count per page.

    .venv/bin/python bench/dashboards.py [--scales 1,10,40] [--repeat 5] [--database-url URL]

It fills a temporary SQLite file (or the empty database given) with the programme
data shared with the tests (sampledata/programme.py: every kind of unit data, two more units per
scale step) and times each page through the app, signed in as the Department Office
(the council member for the council dashboard). Target: the same number of queries at
every scale, and every page under one second (median) at the largest scale.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import config  # noqa: E402
from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.organizations.models import Unit  # noqa: E402
from sampledata.probes import login  # noqa: E402
from sampledata.programme import fill_programme  # noqa: E402
from sampledata.world import World  # noqa: E402

PAGES = (
    ("office", "/dashboards/"),
    ("office", "/dashboards/units/{unit}"),
    ("office", "/dashboards/export.xlsx"),
    ("council", "/dashboards/council"),
    ("office", "/exemplars/"),
    ("office", "/inspections/findings"),
    ("office", "/deadlines/matrix"),
    ("office", "/admin/audit"),
)
TARGET_SECONDS = 1.0


def measure(app, engine, cookie: str, path: str, repeat: int) -> tuple[float, int]:
    """Median seconds and the query count of one page (after one warm-up visit).

    Each request runs in its own app context, as under gunicorn: no app context is
    pushed around the requests, so the signed-in user, `g`'s caches and the session's
    identity map are loaded again by every request (issue 18: one context for the
    whole run counted 24 statements for /dashboards/ where a real request runs 27)."""
    client = app.test_client()
    client.set_cookie("session", cookie, domain=app.config["SERVER_NAME"])
    assert client.get(path).status_code == 200, path
    times, counts = [], []
    statements: list[str] = []

    def before(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    for _ in range(repeat):
        statements.clear()
        event.listen(engine, "before_cursor_execute", before)
        try:
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
        finally:
            event.remove(engine, "before_cursor_execute", before)
        assert response.status_code == 200, path
        counts.append(len(statements))
    return statistics.median(times), max(counts)


def session_cookie(app, user) -> str:
    """The session cookie of `user` signed in (made inside the filling's app context)."""
    client = app.test_client()
    login(client, user)
    (value,) = [c.value for c in client._cookies.values() if c.key == "session"]
    return value


def make_app(url: str, tmp: Path):
    return create_app(
        "testing",
        overrides={
            "SQLALCHEMY_DATABASE_URI": url,
            "INSTANCE_DIR": tmp,
            "UPLOAD_DIR": tmp / "uploads",
            "DOSSIER_DIR": tmp / "dossiers",
            "SQLALCHEMY_RECORD_QUERIES": False,
        },
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,40")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]

    with tempfile.TemporaryDirectory() as tmp:
        # The form the README documents (postgresql://...), normalised as config.py does.
        url = config._normalise_db_url(args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}")
        app = make_app(url, Path(tmp))
        results: dict[str, list[tuple[int, int, float, int]]] = {}
        # The pages are served by a second app on the same database: its requests push
        # their own app context (the filling app's context is another app's).
        serve = make_app(url, Path(tmp))
        with serve.app_context():
            engine = db.engine
        with app.app_context():
            db.create_all()
            world = World()
            for scale in scales:
                started = time.perf_counter()
                fill_programme(world, scale)
                units = db.session.query(Unit).count()
                filled = time.perf_counter() - started
                print(f"scale {scale}: {units} units, filled in {filled:.1f} s", flush=True)
                cookies = {who: session_cookie(app, getattr(world, who)) for who, _ in PAGES}
                for who, pattern in PAGES:
                    path = pattern.format(unit=world.unit_a.id)
                    seconds, queries = measure(serve, engine, cookies[who], path, args.repeat)
                    results.setdefault(path, []).append((scale, units, seconds, queries))
            db.session.remove()
        return report(results)


def report(results) -> int:
    failed = False
    print(f"\n{'page':34} {'scale':>5} {'units':>5} {'median ms':>10} {'queries':>8}")
    for path, rows in results.items():
        counts = {queries for *_, queries in rows}
        for scale, units, seconds, queries in rows:
            print(f"{path:34} {scale:>5} {units:>5} {seconds * 1000:>10.1f} {queries:>8}")
        slow = rows[-1][2] > TARGET_SECONDS
        if len(counts) > 1 or slow:
            failed = True
            print(f"  MISSED: {'queries grow with data' if len(counts) > 1 else 'over 1 s'}")
    print("\nall pages within target" if not failed else "\nsome pages missed the target")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

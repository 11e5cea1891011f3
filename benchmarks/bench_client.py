"""Fetch and cache targets against the emulator (issue 15; prints ratios, asserts nothing).

1. Full CPPU history (1935 -> next year, one call per year) at 50 ms of injected latency,
   4 workers: elapsed time against the ideal ceil(calls / workers) x latency (target <= 1.15),
   median of 5 runs; client CPU per call (process time of the fetch / calls).
2. Warm offline reload of the three full histories (CPPT, CPPU, CPC) from the HTTP cache, in a
   fresh process (as after a notebook restart), against their ideal cold fetch at 50 ms (the sum
   over resources of ceil(calls / workers) x latency; target <= 10 %), median of 5 fresh
   processes, with the number of requests that left the cache (target 0: the server is stopped).
   The time of the three loads is compared; the import before them is printed apart (its own
   target is in ``bench_import.py``).

The emulator runs in a separate process (``rtecap serve``) so that the client does not share
its interpreter lock with the server, as with the real, remote API.

Run: ``.venv/bin/python benchmarks/bench_client.py`` (or ``make bench``).
"""

from __future__ import annotations

import contextlib
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import rtecap

TODAY = "2026-11-23"
LATENCY_MS = 50
WORKERS = 4
RUNS = 5
HISTORIES = {  # loader -> its full history: registry first_date -> the guide's horizon
    "get_capacities_per_production_type": ("2015-01-01", "2027-01-01"),
    "get_capacities_per_production_unit": ("1935-01-01", "2027-01-01"),
    "get_capacities_cpc": ("2015-02-09", "2026-11-24"),
}
RELOAD = """
import json, sys, time
t0 = time.perf_counter()
import rtecap
client = rtecap.Client(base_url=sys.argv[1], cache=sys.argv[2], offline=True, today=sys.argv[3])
out = {"import": time.perf_counter() - t0}
for name, (start, end) in json.loads(sys.argv[4]).items():
    t = time.perf_counter()
    df = getattr(rtecap, name)(start, end, client=client, progress=False)
    info = df.attrs["rtecap"]
    out[name] = {"s": time.perf_counter() - t, "rows": len(df),
                 "requests": info["calls"] - info["cached_calls"]}
out["total"] = time.perf_counter() - t0
print(json.dumps(out))
"""


@contextlib.contextmanager
def serve(latency_ms: float = 0, today: str = TODAY):
    """Run ``rtecap serve`` in a child process; yield its URL and credentials."""
    cmd = [sys.executable, "-m", "rtecap.cli", "serve", "--port", "0", "--today", today,
           "--latency-ms", str(latency_ms)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    info = {}
    try:
        for line in proc.stdout:
            key, _, value = line.strip().partition("=")
            if key.startswith("RTE_"):
                info[key] = value
            if "RTE_CLIENT_SECRET" in info:
                break
        yield SimpleNamespace(url=info["RTE_BASE_URL"], client_id=info["RTE_CLIENT_ID"],
                              client_secret=info["RTE_CLIENT_SECRET"])
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _client(srv, **kwargs):
    return rtecap.Client(srv.client_id, srv.client_secret, srv.url, today=TODAY, **kwargs)


def _fetch(name: str, client, workers: int = WORKERS):
    """(frame, elapsed s, client CPU s) of one full history."""
    t0, c0 = time.perf_counter(), time.process_time()
    df = getattr(rtecap, name)(*HISTORIES[name], client=client, max_workers=workers,
                               progress=False)
    return df, time.perf_counter() - t0, time.process_time() - c0


def bench_concurrency() -> None:
    name = "get_capacities_per_production_unit"
    with serve(latency_ms=LATENCY_MS) as srv:
        client = _client(srv, cache=False)
        client.get_json("capacities_per_production_type")  # token + warm connection pool
        runs = [_fetch(name, client) for _ in range(RUNS)]
    calls = runs[0][0].attrs["rtecap"]["calls"]
    elapsed = statistics.median(r[1] for r in runs)
    cpu = statistics.median(r[2] for r in runs)
    ideal = math.ceil(calls / WORKERS) * LATENCY_MS / 1000
    print(f"CPPU full history: {calls} calls, {len(runs[0][0])} rows, latency {LATENCY_MS} ms, "
          f"{WORKERS} workers, median of {RUNS}")
    print(f"  {elapsed:.2f} s; ideal ceil({calls}/{WORKERS}) x {LATENCY_MS} ms = {ideal:.2f} s "
          f"-> ratio {elapsed / ideal:.2f} (target <= 1.15); runs "
          + ", ".join(f"{r[1] / ideal:.2f}" for r in runs))
    print(f"  client CPU {cpu * 1000 / calls:.1f} ms per call ({cpu:.2f} s per fetch)")


def bench_offline_reload() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache.sqlite"
        ideal, cold = 0.0, {}
        with serve(latency_ms=LATENCY_MS) as srv:
            url = srv.url
            client = _client(srv, cache=cache)
            for name in HISTORIES:
                df, elapsed, cpu = _fetch(name, client)
                calls = df.attrs["rtecap"]["calls"]
                ideal += math.ceil(calls / WORKERS) * LATENCY_MS / 1000
                cold[name] = (len(df), calls, elapsed, cpu)
        # server stopped: any request would fail the reload
        runs = []
        for _ in range(RUNS):
            out = subprocess.run(
                [sys.executable, "-c", RELOAD, url, str(cache), TODAY, json.dumps(HISTORIES)],
                capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout))
    loads = statistics.median(sum(r[name]["s"] for name in HISTORIES) for r in runs)
    requests = max(sum(r[name]["requests"] for name in HISTORIES) for r in runs)
    print(f"offline reload of the three full histories, fresh process, median of {RUNS}:")
    for name, (rows, calls, elapsed, cpu) in cold.items():
        warm = statistics.median(r[name]["s"] for r in runs)
        print(f"  {name[4:]:<32} {rows:>6} rows {calls:>3} calls: cold {elapsed:.2f} s "
              f"(client CPU {cpu * 1000 / calls:.1f} ms/call), warm {warm:.3f} s")
    print(f"  three loads {loads:.3f} s vs ideal cold {ideal:.2f} s -> ratio {loads / ideal:.1%} "
          f"(target <= 10 %); requests that left the cache: {requests} (target 0); before "
          f"them, import rtecap + Client() {statistics.median(r['import'] for r in runs):.3f} s "
          "(see bench_import)")


if __name__ == "__main__":
    bench_concurrency()
    bench_offline_reload()

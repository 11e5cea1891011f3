"""Benchmark the real HTTP path against the emulator (prints ratios; asserts nothing).

1. Full CPPU history (1935 -> next year, one call per year) with 50 ms of injected latency per
   answer: elapsed time against the ideal ceil(calls / max_workers) * latency, and against
   max_workers=1 in the same run.
2. Warm offline reload from the cache against the cold fetch: time ratio (target <= 10 %) and
   the number of HTTP requests the reload made (target 0).

The emulator runs in a separate process (``rtecap serve``) so that the client does not share
its interpreter lock with the server, as with the real, remote API.

Run: ``.venv/bin/python benchmarks/bench_client.py`` (or ``make bench``).
"""

from __future__ import annotations

import contextlib
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import rtecap

TODAY = "2026-11-23"
LATENCY_MS = 50
PERIOD = ("1935-01-01", "2027-01-01")


@contextlib.contextmanager
def serve(latency_ms: float = 0, today: str = TODAY):
    """Run ``rtecap serve`` in a child process; yield its URL and credentials and counts."""
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


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def bench_concurrency(max_workers: int = 4) -> None:
    with serve(today=TODAY, latency_ms=LATENCY_MS) as srv:
        client = _client(srv, cache=False)
        client.get_json("capacities_per_production_type")  # token + warm connection pool
        df, elapsed = _timed(lambda: rtecap.get_capacities_per_production_unit(
            *PERIOD, client=client, max_workers=max_workers, progress=False))
        calls = df.attrs["rtecap"]["calls"]
        _, sequential = _timed(lambda: rtecap.get_capacities_per_production_unit(
            *PERIOD, client=client, max_workers=1, progress=False))
    ideal = math.ceil(calls / max_workers) * LATENCY_MS / 1000
    print(f"CPPU full history: {calls} calls, {len(df)} rows, latency {LATENCY_MS} ms")
    print(f"  max_workers={max_workers}: {elapsed:.2f} s; ideal ceil({calls}/{max_workers})"
          f" x {LATENCY_MS} ms = {ideal:.2f} s -> ratio {elapsed / ideal:.2f} (target <= 1.25)")
    print(f"  max_workers=1: {sequential:.2f} s -> speed-up {sequential / elapsed:.2f}x")


def bench_offline_reload() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache.sqlite"
        with serve(today=TODAY, latency_ms=LATENCY_MS) as srv:
            url = srv.url
            cold, t_cold = _timed(lambda: rtecap.get_capacities_per_production_unit(
                *PERIOD, client=_client(srv, cache=cache), progress=False))
        # server stopped: any HTTP request would fail the reload
        warm, t_warm = _timed(lambda: rtecap.get_capacities_per_production_unit(
            *PERIOD, client=rtecap.Client(base_url=url, cache=cache, offline=True,
                                          today=TODAY), progress=False))
        requests = warm.attrs["rtecap"]["calls"] - warm.attrs["rtecap"]["cached_calls"]
    assert cold.equals(warm)
    print(f"offline reload: cold {t_cold:.2f} s, warm {t_warm:.3f} s -> ratio "
          f"{t_warm / t_cold:.1%} (target <= 10 %), calls not from the cache: {requests} "
          "(server stopped)")


if __name__ == "__main__":
    bench_concurrency()
    bench_offline_reload()

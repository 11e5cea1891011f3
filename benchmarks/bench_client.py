"""Benchmark the real HTTP path against the emulator (prints ratios; asserts nothing).

1. Full CPPU history (1935 -> next year, one call per year) with 50 ms of injected latency per
   answer: elapsed time against the ideal ceil(calls / max_workers) * latency, and against
   max_workers=1 in the same run.
2. Warm offline reload from the cache against the cold fetch: time ratio (target <= 10 %) and
   the number of HTTP requests the reload made (target 0).

Run: ``.venv/bin/python benchmarks/bench_client.py`` (or ``make bench``).
"""

from __future__ import annotations

import math
import tempfile
import time
from pathlib import Path

import rtecap
from rtecap.emulator import serve

TODAY = "2026-11-23"
LATENCY_MS = 50
PERIOD = ("1935-01-01", "2027-01-01")


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
            srv.reset_counts()
            warm, t_warm = _timed(lambda: rtecap.get_capacities_per_production_unit(
                *PERIOD, client=rtecap.Client(base_url=url, cache=cache, offline=True,
                                              today=TODAY), progress=False))
            requests = sum(srv.counts.values())
    assert cold.equals(warm)
    print(f"offline reload: cold {t_cold:.2f} s, warm {t_warm:.3f} s -> ratio "
          f"{t_warm / t_cold:.1%} (target <= 10 %), HTTP requests during reload: {requests}")


if __name__ == "__main__":
    bench_concurrency()
    bench_offline_reload()

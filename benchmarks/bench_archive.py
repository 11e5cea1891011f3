"""One emulated year of ``rtecap market collect``: the store's size and the time of a run.

A collector runs once per emulated day (the emulator's clock advanced one day at a time) over
``DAYS`` days (default 365; ``python benchmarks/bench_archive.py 30`` for a shorter run) and
collects the six default endpoints. Prints the time of the runs (first, median, slowest, the
last one on a full store), the rows kept per endpoint and row set, and the store's size on
disk (data and revisions, Parquet with zstd). No assertion: numbers for the docs.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from rtecap import market
from rtecap.emulator import serve


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(days: int = 365, first: date = date(2026, 1, 1)) -> None:
    store = Path(tempfile.mkdtemp(prefix="rtecap-archive-bench-")) / "store"
    times = []
    with serve(today=first) as server:
        client = market.Client(server.market_token, server.url, cache=False)
        for k in range(days):
            server.today = first + timedelta(days=k)
            t0 = time.perf_counter()
            market.collect(store, client=client)
            times.append(time.perf_counter() - t0)
            if k % 30 == 29:
                print(f"  day {k + 1}: {times[-1]:.2f} s, store {_size(store) / 2**20:.1f} MiB",
                      flush=True)  # fmt: skip
        client.close()
    report = market.archive_report(store)
    print(report[["rows", "first", "last", "missing", "revisions"]].to_string())
    print(f"runs: {days}, first {times[0]:.2f} s, median {statistics.median(times):.2f} s, "
          f"slowest {max(times):.2f} s, last {times[-1]:.2f} s (emulator on the same machine)")
    for table in ("data", "revisions"):
        folder = store / table
        if folder.exists():
            for endpoint in sorted(p.name for p in folder.iterdir()):
                print(f"  {table}/{endpoint}: {_size(folder / endpoint) / 2**20:.2f} MiB")
    print(f"store after {days} days: {_size(store) / 2**20:.1f} MiB "
          f"({len(list(store.rglob('*.parquet')))} Parquet files) in {store}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 365)

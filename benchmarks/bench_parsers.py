"""Parse targets: ``read_*`` of CPPU and CPC answers from bytes (issue 15; prints, asserts nothing).

For 10k, 100k and 1M value rows with realistic variety (:mod:`payloads`), in one run: the
decoders alone (``json.loads``, orjson, msgspec to dicts, msgspec typed into rtecap's structs,
pyarrow's JSON reader against the answer's schema, the first step of ``read_*``), ``read_*``
from the bytes, and the baseline ``pd.json_normalize`` + ``pd.to_datetime``. Ratios:
read / json.loads (target <= 1.0) and baseline / read (target >= 5). Memory of the frame per
row. Times are medians of the process's CPU time over 21 runs at 10k rows, 7 at 100k and 3 at
1M, the functions run in turns (one run of each per turn); CPU time is what a machine shared
with other jobs disturbs least (each step is single-threaded: both are the same on an idle
machine); the wall-time ratio is printed too.
``BENCH_ROWS=10000,100000`` picks the sizes. ``BENCH_GC=collect`` runs a full garbage
collection (untimed) before each run: ``json.loads`` and the baseline, which make a Python
object per value, then pay less for the collector than in a running program.

Run: ``.venv/bin/python benchmarks/bench_parsers.py`` (or ``make bench``).
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
import payloads  # noqa: E402

import rtecap  # noqa: E402
from rtecap import mappings as m  # noqa: E402
from rtecap.parsers import _arrow, _fast  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_ROWS", "10000,100000,1000000").split(",")]
COLLECT = os.environ.get("BENCH_GC") == "collect"


WALL: dict[str, float] = {}


def median_times(functions: dict, repeat: int) -> dict[str, float]:
    """Median CPU time of ``repeat`` runs of each function, run in turns (one run of each,
    then the next turn), so that a slower moment of the machine weighs on all alike; the
    median wall times go to ``WALL``."""
    cpu: dict[str, list[float]] = {name: [] for name in functions}
    wall: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):
        for name, fn in functions.items():
            if COLLECT:
                gc.collect()  # each run starts with the collector's generations empty
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            cpu[name].append(time.process_time() - c0)
            wall[name].append(time.perf_counter() - t0)
    WALL.update({name: statistics.median(times) for name, times in wall.items()})
    return {name: statistics.median(times) for name, times in cpu.items()}


def baseline(resource: str, data: bytes) -> pd.DataFrame:
    payload = json.loads(data)
    if resource == m.CPPU:
        df = pd.json_normalize(payload[m.CPPU], "values",
                               [["production_unit", "code_eic"], ["production_unit", "name"]])
        dates = ("start_date", "end_date", "updated_date")
    else:
        df = pd.json_normalize(payload[m.CPC])
        dates = ("updated_date",)
    for name in dates:
        df[name] = pd.to_datetime(df[name], utc=True, format="ISO8601")
    return df


def decoders(resource: str):
    out = {"json.loads": json.loads}
    try:
        import orjson
        out["orjson"] = orjson.loads
    except ImportError:
        pass
    import msgspec
    out["msgspec (dicts)"] = msgspec.json.decode
    out["msgspec (typed)"] = _fast._FAST[resource][0].decode
    out["arrow"] = lambda data: _arrow.read_table(resource, data)
    return out


def row(resource: str, data: bytes, read, repeat: int) -> None:
    """Measure one answer and print its line."""
    df = read(data)
    functions = {name: (lambda f=f: f(data)) for name, f in decoders(resource).items()}
    functions["read"] = lambda: read(data)
    functions["baseline"] = lambda: baseline(resource, data)
    t = median_times(functions, repeat)
    t_read, t_base = t["read"], t["baseline"]
    per_row = df.memory_usage(deep=True).sum() / len(df)
    orjson = t.get("orjson", float("nan"))
    print(f"{'CPPU' if resource == m.CPPU else 'CPC':<8}{len(df):>9}"
          f"{len(data) / 1e6:>7.1f} {t['json.loads']:>10.3f} {orjson:>7.3f}"
          f" {t['msgspec (dicts)']:>8.3f} {t['msgspec (typed)']:>7.3f} {t['arrow']:>7.3f}"
          f" {t_read:>8.3f}"
          f" {t_base:>9.3f} {t_read / t['json.loads']:>9.2f}x {t_base / t_read:>9.1f}x"
          f" {per_row:>6.0f}  (wall: {WALL['read'] / WALL['json.loads']:.2f}x,"
          f" {WALL['baseline'] / WALL['read']:.1f}x)", flush=True)


def main() -> None:
    readers = {m.CPPU: rtecap.read_capacities_per_production_unit,
               m.CPC: rtecap.read_capacities_cpc}
    print(f"{'answer':<8}{'rows':>9}{'MB':>7} {'json.loads':>10} {'orjson':>7} {'msgspec':>8}"
          f" {'typed':>7} {'arrow':>7} {'read_*':>8} {'baseline':>9} {'read/json':>10}"
          f" {'base/read':>10} {'B/row':>6}")
    for n in SIZES:
        for resource, make in ((m.CPPU, payloads.cppu), (m.CPC, payloads.cpc)):
            row(resource, make(n), readers[resource], repeat={10_000: 21, 100_000: 7}.get(n, 3))
    print("targets: read/json <= 1.0x, base/read >= 5x (CPU s, medians; wall-time ratios in "
          "brackets)" + ("; a full collection before each run" if COLLECT else ""))


if __name__ == "__main__":
    main()

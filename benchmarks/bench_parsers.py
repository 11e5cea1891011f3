"""Parse speed of a large CPC answer against a naive baseline, in the same run (no assertion).

Baseline: ``pd.DataFrame.from_records`` on the same records (no dtypes, no time zone, no
sorting) - the least any parser must do. Prints rtecap's time and the ratio.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from rtecap import mappings as m
from rtecap.parsers import parse_capacities_cpc


def _records(n: int) -> list[dict]:
    rng = np.random.default_rng(0)
    stamps = [d.isoformat() for d in pd.date_range("2015-03-01", periods=140, freq="MS", tz=m.TZ)]
    deps, types = list(m.DEPARTMENT_CODES), list(m.CPC_PRODUCTION_TYPES)
    return [{"updated_date": stamps[i % 140], "department_code": deps[i % len(deps)],
             "network_connection": m.NETWORKS[i % 2], "production_type": types[i % 9],
             "value": int(v)} for i, v in enumerate(rng.integers(0, 10**6, n))]


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


if __name__ == "__main__":
    n = 250_000
    records = _records(n)
    payload = {m.CPC: records}
    base = _best(lambda: pd.DataFrame.from_records(records))
    ours = _best(lambda: parse_capacities_cpc(payload))
    print(f"CPC parse, {n} records: rtecap {ours:.2f} s, DataFrame.from_records {base:.2f} s "
          f"-> ratio {ours / base:.1f}x")

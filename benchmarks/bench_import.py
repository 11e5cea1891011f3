"""Import time: ``python -c "import rtecap"`` against ``python -c "import pandas"`` (issue 15).

Median of 7 fresh interpreters each (target: ratio <= 1.3). Prints, asserts nothing.

Run: ``.venv/bin/python benchmarks/bench_import.py`` (or ``make bench``).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 7


def startup(module: str) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


if __name__ == "__main__":
    pandas, rtecap = startup("pandas"), startup("rtecap")
    print(f"import pandas {pandas:.3f} s, import rtecap {rtecap:.3f} s -> ratio "
          f"{rtecap / pandas:.2f} (target <= 1.3), median of {RUNS}")

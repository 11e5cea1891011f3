"""Import time: ``python -c "import rtecap"`` against ``python -c "import pandas"`` (issue 15).

Fresh interpreters, run in pairs (pandas, then rtecap, then the next pair), so that a slower
moment of a shared machine weighs on both alike; the medians of 15 of each are compared
(target: ratio <= 1.3), and the spread of the ratios of the pairs is printed. Prints, asserts
nothing.

Run: ``.venv/bin/python benchmarks/bench_import.py`` (or ``make bench``).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15


def startup(module: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
    return time.perf_counter() - t0


if __name__ == "__main__":
    startup("rtecap")  # compiled files written, disk cache warm
    pairs = [(startup("pandas"), startup("rtecap")) for _ in range(RUNS)]
    pandas = statistics.median(p for p, _ in pairs)
    rtecap = statistics.median(r for _, r in pairs)
    ratios = sorted(r / p for p, r in pairs)
    print(f"import pandas {pandas:.3f} s, import rtecap {rtecap:.3f} s -> ratio "
          f"{rtecap / pandas:.2f} (target <= 1.3), medians of {RUNS} pairs; ratio of a pair "
          f"{ratios[0]:.2f}-{ratios[-1]:.2f}")

"""Run every benchmark of this folder in turn (``make bench``)."""

import runpy
import sys
from pathlib import Path

if __name__ == "__main__":
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        print(f"== {path.name}", flush=True)
        runpy.run_path(str(path), run_name="__main__")
    sys.exit(0)

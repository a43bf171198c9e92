"""Cost of ``import natolab`` plus loading every dataset, as a ratio to ``import pandas`` alone.

Each variant runs in a fresh interpreter (no warm caches inside Python), alternating
so that machine noise hits both alike; the median of the runs is reported.
Run: ``.venv/bin/python bench/import_cost.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

VARIANTS = {
    "import pandas": "import pandas",
    "import natolab": "import natolab, natolab.data",
    "import natolab + load every dataset": (
        "from natolab import data\nfor name in data.resource_names():\n    data.load(name)"
    ),
}


def _time_once(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    """Measure each variant side by side and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="runs per variant (default 7)")
    args = parser.parse_args()
    _time_once("pass")  # warm the OS file cache for the interpreter itself
    times: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for _ in range(args.runs):
        for name, code in VARIANTS.items():
            times[name].append(_time_once(code))
    base = statistics.median(times["import pandas"])
    print(f"{'variant':40} {'median s':>9} {'ratio':>7}")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:40} {median:9.3f} {median / base:7.2f}")


if __name__ == "__main__":
    main()

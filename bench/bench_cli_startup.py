"""How long `kflow --help` (and a command's own --help) takes to start, as a user runs it.

Commands load their heavy libraries (networkx, pandas, pyarrow, spaCy) only when run
(`kflow/lazy_group.py`), so the top-level help should print in well under half a second.
Run: python bench/bench_cli_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.results import write_section  # noqa: E402

KFLOW = Path(sys.executable).with_name("kflow")
FLOOR_S = 0.5
CASES = {
    "kflow --help": ["--help"],
    "kflow trace --help": ["trace", "--help"],
    "kflow stats --help": ["stats", "--help"],
}


def timed(args: list[str]) -> float:
    """Wall-clock seconds of one run of the console script."""
    start = time.perf_counter()
    subprocess.run([str(KFLOW), *args], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    lines, ok = [], True
    for label, args in CASES.items():
        timed(args)  # warm the file cache once
        samples = [timed(args) for _ in range(runs)]
        median = statistics.median(samples)
        verdict = ""
        if label == "kflow --help":
            ok = median < FLOOR_S
            verdict = f" ({'meets' if ok else 'MISSES'} the floor of < {FLOOR_S} s)"
        lines.append(f"- `{label}`: median **{median * 1000:.0f} ms** (min {min(samples) * 1000:.0f} ms){verdict}")
        print(lines[-1])
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    lines.append(
        f"- {runs} runs each; the console script in a fresh process (interpreter start included); "
        f"machine load (1/5/15-min) {load}. Before lazy command loading `kflow --help` took 2.5 to 8 s"
    )
    write_section("bench_cli_startup", "CLI start-up", f"python bench/bench_cli_startup.py --runs {runs}", lines)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Writer memory over a real-sized load: peak RSS of the `kflow load` process (the one process that
writes the store) for 2,000 and 10,000 small documents and 500 news-length documents.

The floor: under 1 GB, and flat, the same at 2,000 and 10,000 documents (before batches were
written with CREATE, each stored document left ~40 MB in LadybugDB's buffer pool: 200 documents
reached 4.9 GB). Every document is synthetic and fictional (`bench/news_corpus.py`).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.news_corpus import BODIES, PLACES, TOPICS, article  # noqa: E402
from bench.results import write_section  # noqa: E402

FLOOR_MB = 1024
FLAT_RATIO = 1.15  # peak at 10,000 documents over peak at 2,000
KFLOW = Path(sys.executable).with_name("kflow")


def write_small(folder: Path, n_docs: int, seed: int = 5) -> None:
    """One-sentence synthetic notes, each distinct (sources are content-addressed)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_docs):
        b1, b2 = (rng.choice(BODIES).format(p=rng.choice(PLACES)) for _ in range(2))
        text = f"Synthetic note {i}: the {b1} sent a letter about {rng.choice(TOPICS)} to the {b2} in {rng.randrange(1995, 2016)}.\n"
        (folder / f"note-{i:05d}.txt").write_text(text, encoding="utf-8")


def write_news(folder: Path, n_docs: int, seed: int = 7) -> None:
    """News-length synthetic articles (~600-900 words: four items run together)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_docs):
        (folder / f"news-{i:04d}.txt").write_text("\n".join(article(rng) for _ in range(4)), encoding="utf-8")


def peak_rss_of_load(folder: Path, store: Path, workers: int) -> tuple[int, float, str]:
    """Peak resident memory (VmHWM, MB) of the `kflow load` process alone, sampled until it exits."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(KFLOW), "load", str(folder), "--store", f"embedded:{store}", "--workers", str(workers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak_kb, peak_at = 0, 0.0
    status = Path(f"/proc/{proc.pid}/status")
    while proc.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:") and int(line.split()[1]) > peak_kb:
                    peak_kb, peak_at = int(line.split()[1]), time.perf_counter() - started
        except (FileNotFoundError, ProcessLookupError):
            break
        time.sleep(0.2)
    output = proc.communicate()[0]
    if proc.returncode != 0:
        raise SystemExit(f"kflow load failed ({proc.returncode}):\n{output[-2000:]}")
    seconds = time.perf_counter() - started
    summary = next((line for line in reversed(output.splitlines()) if "loaded" in line), "")
    # when the peak came: near the end is the cross-document resolution after the writes
    return peak_kb // 1024, seconds, f"{summary.strip()}; peak reached at {peak_at:.0f} s of {seconds:.0f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, nargs=2, default=[2000, 10000], help="two corpus sizes of small documents")
    parser.add_argument("--news", type=int, default=500)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    rows, peaks = [], {}
    with tempfile.TemporaryDirectory(prefix="kflow-bench-memory-") as tmp:
        root = Path(tmp)
        corpora = [(f"{n:,} small documents", root / f"small-{n}", n) for n in args.small]
        corpora.append((f"{args.news} news-length documents", root / "news", args.news))
        for label, folder, n in corpora:
            (write_news if "news" in label else write_small)(folder, n)
        for workers in args.workers:
            for label, folder, _ in corpora:
                peak, seconds, summary = peak_rss_of_load(folder, root / f"store-{folder.name}-{workers}", workers)
                peaks[workers, label] = peak
                rows.append(f"| {label} | {workers} | {peak:,} MB | {seconds:.0f} s | {summary} |")
                print(rows[-1], flush=True)
    small_labels = [f"{n:,} small documents" for n in args.small]
    verdicts = []
    for workers in args.workers:
        low, high = (peaks[workers, label] for label in small_labels)
        worst = max(v for (w, _), v in peaks.items() if w == workers)
        ok = worst < FLOOR_MB and high <= low * FLAT_RATIO
        verdicts.append(ok)
        rows.append(
            f"- workers {workers}: peak {worst:,} MB (floor {FLOOR_MB:,}); {args.small[1]:,} vs {args.small[0]:,} documents: "
            f"{high:,} vs {low:,} MB ({high / low:.2f}x, flat means <= {FLAT_RATIO}x): {'meets' if ok else 'BELOW'} the floor"
        )
    write_section(
        "bench_memory",
        "Writer memory over a load (bench_memory.py)",
        " ".join(["python bench/bench_memory.py", *sys.argv[1:]]),
        [
            "",
            "| corpus | workers | writer peak RSS | time | summary |",
            "|---|---|---|---|---|",
            *[r for r in rows if r.startswith("|")],
            "",
            *[r for r in rows if r.startswith("-")],
        ],
    )
    print("\n".join(r for r in rows if r.startswith("-")))
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())

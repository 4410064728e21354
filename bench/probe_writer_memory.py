"""Where the writer's memory goes over a long load: the store writes alone, traced per step.

Prepares N small synthetic notes (the bench_memory corpus, fictional bodies) in worker processes
first, then writes them one Source per transaction, as `kflow load` does, and prints the writer's
RSS, Python heap and CPU time every `--step` documents. Options switch on the remedies tried for
issue #12 (a smaller checkpoint threshold, a capped buffer pool, periodic reopen, malloc_trim) so
each can be measured against the plain run. Figures: docs/reliability.md.
"""

from __future__ import annotations

import argparse
import ctypes
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import ladybug

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import graph.embedded as embedded  # noqa: E402
from bench.bench_memory import write_small  # noqa: E402
from loaders.extract import default_extractor  # noqa: E402
from loaders.pipeline import FileResult, _store, expand_paths, prepare_files  # noqa: E402


def rss_mb(field: str = "VmRSS") -> int:
    """Resident memory of this process now (VmRSS) or its peak so far (VmHWM), MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) // 1024
    return 0


def reset_peak() -> None:
    """Start VmHWM again from the current RSS (writing 5 to clear_refs), so a step's own peak shows."""
    Path("/proc/self/clear_refs").write_text("5")


def reopen_database(store: embedded.EmbeddedStore, trace: bool) -> None:
    """Close and reopen only the store's LadybugDB Database and Connection, keeping the store's id
    sets (no index rebuild); with `trace`, each step's own peak RSS and CPU time are printed."""

    def open_again() -> None:
        store._db = embedded._open_database(store.path, False, 0)
        store._conn = ladybug.Connection(store._db)

    steps = [("checkpoint", lambda: store._execute("CHECKPOINT")), ("close", store._conn.close)]
    steps += [("close db", store._db.close), ("open", open_again)]
    report = [f"before {rss_mb()} MB"]
    for name, step in steps:
        if trace:
            reset_peak()
        cpu = time.process_time()
        step()
        report.append(f"{name}: peak {rss_mb('VmHWM')} MB, then {rss_mb()} MB, {time.process_time() - cpu:.2f} s CPU")
    if trace:
        print("  reopen: " + "; ".join(report), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=6000)
    parser.add_argument("--step", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2, help="processes that prepare the batches first")
    parser.add_argument("--checkpoint-mb", type=int, help="checkpoint threshold (default: the store's)")
    parser.add_argument("--cache-mb", type=int, help="buffer pool cap (default: LadybugDB's)")
    parser.add_argument("--reopen-every", type=int, help="close and reopen the store every N documents")
    parser.add_argument(
        "--reopen-db-every",
        type=int,
        help="close and reopen only the LadybugDB database every N documents, keeping the store's id sets",
    )
    parser.add_argument("--trace-reopen", action="store_true", help="print the peak RSS of each step of a reopen")
    parser.add_argument("--trim", action="store_true", help="malloc_trim(0) before each reading")
    parser.add_argument("--python-heap", action="store_true", help="trace the Python heap (tracemalloc; slower)")
    args = parser.parse_args()
    if args.checkpoint_mb:
        embedded.CHECKPOINT_BYTES = args.checkpoint_mb * 1024 * 1024
    with tempfile.TemporaryDirectory(prefix="kflow-probe-writer-") as tmp:
        folder, store_dir = Path(tmp) / "notes", Path(tmp) / "store"
        write_small(folder, args.docs)
        files, _ = expand_paths([folder])
        prepared = [
            p for p in prepare_files(files, default_extractor(), None, args.workers) if not isinstance(p, FileResult)
        ]
        print(f"prepared {len(prepared)} documents; writer RSS {rss_mb()} MB before the store opens", flush=True)
        open_store = lambda: embedded.EmbeddedStore(store_dir, cache_mb=args.cache_mb)  # noqa: E731
        store = open_store()
        if args.python_heap:
            tracemalloc.start()
        wall, cpu = time.perf_counter(), time.process_time()
        for n, (document, batch) in enumerate(prepared, 1):
            _store(document, batch, store)
            if args.reopen_every and n % args.reopen_every == 0:
                store.close()
                store = open_store()
            if args.reopen_db_every and n % args.reopen_db_every == 0:
                reopen_database(store, args.trace_reopen)
            if n % args.step == 0:
                if args.trim:
                    ctypes.CDLL("libc.so.6").malloc_trim(0)
                heap = f", Python heap {tracemalloc.get_traced_memory()[0] / 1e6:.1f} MB" if args.python_heap else ""
                print(
                    f"{n:6d} documents: RSS {rss_mb()} MB, peak {rss_mb('VmHWM')} MB{heap}; last {args.step}: "
                    f"{time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU",
                    flush=True,
                )
                wall, cpu = time.perf_counter(), time.process_time()
        store.close()
        shutil.rmtree(store_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

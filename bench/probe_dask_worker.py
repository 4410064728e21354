"""Where a Dask worker spends more than a forked worker on the same extraction (issue 19).

Runs the bench corpus through `prepare_files` (forked) and `prepare_on_cluster` (Dask LocalCluster) with
the same number of workers, and reports per way: wall seconds, the workers' CPU seconds (getrusage: the
forked pool's reaped children; each Dask worker's own process via `client.run`), CPU milliseconds per
document, and the time the workers' garbage collector ran (a `gc.callbacks` timer) with its collection
counts. CPU per document, not wall time, attributes the cost on a shared machine. Repeat with `--rounds`:
the ways are interleaved so both see the same load.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.news_corpus import write_corpus  # noqa: E402

_GC_SPENT = [0.0, 0.0]  # seconds in the collector, start of the running collection


def _gc_timer(phase: str, info: dict) -> None:
    if phase == "start":
        _GC_SPENT[1] = time.perf_counter()
    else:
        _GC_SPENT[0] += time.perf_counter() - _GC_SPENT[1]


def gc_probe(reset: bool = False) -> dict[str, float]:
    """This process's CPU seconds, collector seconds and collections per generation (installs the timer)."""
    if _gc_timer not in gc.callbacks:
        gc.callbacks.append(_gc_timer)
    if reset:
        _GC_SPENT[0] = 0.0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    stats = gc.get_stats()
    return {
        "cpu": usage.ru_utime + usage.ru_stime,
        "user": usage.ru_utime,
        "gc_s": _GC_SPENT[0],
        **{f"gen{i}": s["collections"] for i, s in enumerate(stats)},
        "frozen": gc.get_freeze_count(),
    }


def forked(paths: list[Path], workers: int) -> dict[str, float]:
    from loaders.extract import default_extractor
    from loaders.pipeline import prepare_files

    extractor = default_extractor()
    extractor.warm()
    gc_probe(reset=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    results = list(prepare_files(paths, extractor, "2018", workers))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert len(results) == len(paths)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"wall": wall, "cpu": cpu, "user": after.ru_utime - before.ru_utime}


def _freeze() -> int:
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def on_dask(paths: list[Path], workers: int, variant: str = "") -> dict[str, float]:
    """`variant`: "trim" starts the workers with MALLOC_TRIM_THRESHOLD_=65536 (Dask's nanny default, which
    kflow's cluster leaves unset); "freeze" moves the loaded model out of the garbage collector's reach."""
    from loaders.distributed import PLUGIN_NAME, ExtractorPlugin, cluster_client, prepare_on_cluster

    os.environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    if "trim" in variant:
        os.environ["MALLOC_TRIM_THRESHOLD_"] = "65536"  # inherited by the workers the nanny spawns
    with cluster_client(f"local:{workers}") as client:
        os.environ.pop("MALLOC_TRIM_THRESHOLD_", None)
        client.register_plugin(ExtractorPlugin(), name=PLUGIN_NAME)
        if "freeze" in variant:
            client.run(_freeze)
        before = client.run(gc_probe, True)
        started = time.perf_counter()
        results = list(prepare_on_cluster(client, paths, "2018"))
        wall = time.perf_counter() - started
        after = client.run(gc_probe)
    assert len(results) == len(paths)
    figures = {"wall": wall}
    for key in after[next(iter(after))]:
        figures[key] = sum(after[w][key] - (0 if key == "frozen" else before[w][key]) for w in after)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--ways", default="forked,dask", help="forked, dask, dask-trim, dask-freeze")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = write_corpus(Path(folder), args.docs)
        for round_ in range(args.rounds):
            for way in args.ways.split(","):
                figures = forked(paths, args.workers) if way == "forked" else on_dask(paths, args.workers, way)
                per_doc = figures["cpu"] / args.docs * 1000
                extra = ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items())
                print(
                    f"round {round_} {way:6} x{args.workers}: {per_doc:.1f} CPU ms/doc; {extra}; "
                    f"load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()

"""Bulk load: 1,000,000 synthetic claims into the embedded store; claims/s and peak memory."""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.results import write_section  # noqa: E402
from bench.synthetic import synthetic_batches  # noqa: E402
from graph.embedded import EmbeddedStore  # noqa: E402

FLOOR = 100_000


def run(n_claims: int, n_bodies: int) -> dict[str, float]:
    batches = list(synthetic_batches(n_claims, n_bodies))  # built first: the figure is the store's, not the generator's
    with tempfile.TemporaryDirectory() as folder:
        store = EmbeddedStore(Path(folder) / "db")
        in_ladybug = _time_database_calls(store)
        started = time.perf_counter()
        for batch in batches:
            store.upsert(batch)
        elapsed = time.perf_counter() - started
        assert store.counts().total_claims == n_claims
        store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"claims": n_claims, "seconds": elapsed, "claims_per_s": n_claims / elapsed, "peak_mb": peak_mb, "ladybug_s": in_ladybug[0]}


def _time_database_calls(store: EmbeddedStore) -> list[float]:
    """Seconds spent inside LadybugDB (COPY, COMMIT), to tell the database's share from kflow's."""
    spent = [0.0]
    for name in ("_copy", "_execute"):
        original = getattr(store, name)

        def timed(*args, _original=original, **kwargs):
            began = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - began

        setattr(store, name, timed)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--bodies", type=int, default=100_000)
    args = parser.parse_args()
    r = run(args.claims, args.bodies)
    verdict = "meets" if r["claims_per_s"] >= FLOOR else "BELOW"
    write_section(
        "bench_bulk_load",
        "Bulk load into the embedded store",
        f"python bench/bench_bulk_load.py --claims {args.claims} --bodies {args.bodies}",
        [
            f"- {r['claims']:,} claims in {r['seconds']:.1f} s: **{r['claims_per_s']:,.0f} claims/s** ({verdict} the floor of {FLOOR:,}/s)",
            f"- of which inside LadybugDB (`COPY` of 5 tables + `COMMIT`): {r['ladybug_s']:.1f} s; kflow's own work (dedupe, reference checks, Arrow tables): {r['seconds'] - r['ladybug_s']:.1f} s",
            f"- peak memory (RSS of the whole process, including the generated batches): {r['peak_mb']:,.0f} MB",
            "- one batch (one transaction) of `COPY ... FROM` Arrow tables; ids checked against the store before COPY",
        ],
    )
    print(r)


if __name__ == "__main__":
    main()

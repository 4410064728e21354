"""Bulk load: 1,000,000 synthetic claims into the embedded store; claims/s and peak memory.

Two ways in, each measured in its own process (so each peak is its own):
- columns: `EmbeddedStore.upsert_columns(nodes, claims)` with Arrow tables, the bulk path
  (`kflow import`); the floor applies to it;
- objects: `EmbeddedStore.upsert(Batch)` with a `Claim` object per claim, the path the document
  loaders use, reported beside it.
The input is built before the clock starts (the figure is the store's, not the generator's);
claim ids are part of the input in both (a `Claim` computes its id when it is made). The clock
covers every check the store makes (the model's rules, references, duplicates), the writes, and
closing the store.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.results import write_section  # noqa: E402
from bench.synthetic import synthetic_batches, synthetic_tables  # noqa: E402
from graph.embedded import EmbeddedStore  # noqa: E402

FLOOR = 100_000


def run(path: str, n_claims: int, n_bodies: int) -> dict[str, float]:
    if path == "columns":
        nodes, claims = synthetic_tables(n_claims, n_bodies)
        write = lambda store: store.upsert_columns(nodes, claims)  # noqa: E731
    else:
        batches = list(synthetic_batches(n_claims, n_bodies))
        write = lambda store: [store.upsert(batch) for batch in batches]  # noqa: E731
    with tempfile.TemporaryDirectory() as folder:
        store = EmbeddedStore(Path(folder) / "db")
        in_ladybug = _time_database_calls(store)
        started = time.perf_counter()
        write(store)
        store.close()
        elapsed = time.perf_counter() - started
        with EmbeddedStore(Path(folder) / "db", read_only=True) as reopened:
            assert reopened.counts().total_claims == n_claims
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "claims": n_claims,
        "seconds": elapsed,
        "claims_per_s": n_claims / elapsed,
        "peak_mb": peak_mb,
        "ladybug_s": in_ladybug[0],
    }


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


def _in_child(path: str, args: argparse.Namespace) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--path",
        path,
        "--claims",
        str(args.claims),
        "--bodies",
        str(args.bodies),
        "--child",
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--bodies", type=int, default=100_000)
    parser.add_argument("--path", choices=["columns", "objects"], help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.path, args.claims, args.bodies)))
        return
    columns, objects = _in_child("columns", args), _in_child("objects", args)
    verdict = "meets" if columns["claims_per_s"] >= FLOOR else "BELOW"
    write_section(
        "bench_bulk_load",
        "Bulk load into the embedded store",
        f"python bench/bench_bulk_load.py --claims {args.claims} --bodies {args.bodies}",
        [
            f"- bulk path, Arrow tables (`upsert_columns`, what `kflow import` uses): {columns['claims']:,} claims in {columns['seconds']:.1f} s: "
            f"**{columns['claims_per_s']:,.0f} claims/s** ({verdict} the floor of {FLOOR:,}/s); inside LadybugDB: {columns['ladybug_s']:.1f} s; "
            f"peak RSS {columns['peak_mb']:,.0f} MB (whole process, input included)",
            f"- object path, one `Claim` per claim (`upsert(Batch)`, what the document loaders use): {objects['seconds']:.1f} s: "
            f"{objects['claims_per_s']:,.0f} claims/s; inside LadybugDB: {objects['ladybug_s']:.1f} s; peak RSS {objects['peak_mb']:,.0f} MB",
            "- both: the model's rules, duplicate and reference checks, then one `COPY ... FROM` per table, each committed on its own "
            "under a bulk-write journal that undoes the whole batch if any step fails (`graph/bulk_journal.py`); the clock includes closing the store",
        ],
    )
    print({"columns": columns, "objects": objects})


if __name__ == "__main__":
    main()

"""Benchmark: `trace` and `first-knowledge` end to end (name lookup -> store query -> networkx -> answer)
on a SYNTHETIC graph of 100,000 bodies and 1,000,000 dated claims in the embedded store.

    python bench/bench_analysis.py [--bodies N] [--claims N] [--queries 20] [--store DIR]

With --store DIR the graph is built there once and reused by later runs; otherwise in a
temporary directory. Writes its section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.results import write_section  # noqa: E402
from bench.synthetic_graph import COMMUNITY, SyntheticSpec, batches, body_id, report_id  # noqa: E402
from graph.analysis import first_knowledge, load_body_graph, load_flow_graph, resolve_in_store, trace  # noqa: E402
from graph.analysis.flows import ENDPOINT_LABELS  # noqa: E402
from graph.analysis.resolve import BODY_LABELS  # noqa: E402
from graph.embedded import EmbeddedStore  # noqa: E402

FLOOR_SECONDS = 1.0


def build(path: Path, spec: SyntheticSpec) -> float:
    started = time.perf_counter()
    with EmbeddedStore(path) as store:
        if store.counts().total_claims >= spec.claims:
            return 0.0
        for batch in batches(spec):
            store.upsert(batch)
    return time.perf_counter() - started


def queries(store: EmbeddedStore, spec: SyntheticSpec, n: int, seed: int = 11):
    """Trace pairs (half random pairs in one community, half the two ends of a known two-document
    flow, found by walking the store) and bodies with a topic they received."""
    rng = random.Random(seed)
    pairs, bodies = [], []
    for _ in range(n - n // 2):
        a = rng.randrange(spec.bodies)
        b = min(a - a % COMMUNITY + rng.randrange(COMMUNITY), spec.bodies - 1)
        pairs.append((store.get_node(body_id(a)).name, store.get_node(body_id(b)).name))
    while len(pairs) < n:
        flow = _known_flow(store, report_id(rng.randrange(spec.reports)))
        if flow:
            pairs.append(tuple(store.get_node(i).name for i in flow))
    while len(bodies) < n:
        body = store.get_node(body_id(rng.randrange(spec.bodies)))
        received = store.claims(types=["RECEIVED"], body=body.id)
        if not received:
            continue
        about = store.claims(types=["CONCERNS"], body=received[0].to_id)
        bodies.append((body.name, store.get_node(about[0].to_id).name if about else None))
    return pairs, bodies


def _known_flow(store: EmbeddedStore, report: str) -> tuple[str, str] | None:
    """(author, final recipient) of author -> report -> recipient -> later report -> its recipient."""
    on_report = store.claims(body=report)
    authors = [c.from_id for c in on_report if c.type == "SENT"]
    for receipt in (c for c in on_report if c.type == "RECEIVED"):
        later = [c for c in store.claims(types=["SENT"], body=receipt.from_id) if c.date_start >= receipt.date_start]
        for sent in later:
            finals = [c.from_id for c in store.claims(types=["RECEIVED"], body=sent.to_id) if c.from_id not in authors]
            if authors and finals:
                return authors[0], finals[0]
    return None


def timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def run_trace(store, source: str, target: str):
    a, b = (resolve_in_store(store, name, ENDPOINT_LABELS) for name in (source, target))
    return trace(load_flow_graph(store, [a.id, b.id]), a.id, b.id)


def run_first_knowledge(store, body: str, topic: str | None):
    node = resolve_in_store(store, body, BODY_LABELS)
    return first_knowledge(load_body_graph(store, node.id), node.id, topic)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--store", type=Path, help="build/reuse the synthetic store here")
    args = parser.parse_args()
    spec = SyntheticSpec(bodies=args.bodies, claims=args.claims)
    with tempfile.TemporaryDirectory(prefix="kflow-bench-analysis-") as tmp:
        path = args.store or Path(tmp) / "kflow-data"
        build_seconds = build(path, spec)
        with EmbeddedStore(path, read_only=True) as store:
            pairs, bodies = queries(store, spec, args.queries)
            run_trace(store, *pairs[0])  # warm the page cache once, as a running app would be
            trace_runs = [timed(lambda p=p: run_trace(store, *p)) for p in pairs]
            fk_runs = [timed(lambda b=b: run_first_knowledge(store, *b)) for b in bodies]
    trace_median = statistics.median(t for t, _ in trace_runs)
    fk_median = statistics.median(t for t, _ in fk_runs)
    with_path = sum(1 for _, paths in trace_runs if paths)
    found = sum(1 for _, answer in fk_runs if answer.found)
    verdict = lambda s: "meets" if s < FLOOR_SECONDS else "BELOW"  # noqa: E731
    lines = [
        f"- graph: {spec.bodies:,} bodies, {spec.reports:,} reports, {spec.claims:,} dated claims (bench/synthetic_graph.py, fictional)"
        + (f"; built in {build_seconds:.0f} s with Batch upserts of 250,000 claims" if build_seconds else "; reused store"),
        f"- `trace` (2 name lookups, flow claims within 2 hops of both ends + CONCERNS of their documents, nodes fetched, time-respecting search), {len(trace_runs)} pairs "
        f"(half random in one community, half ends of a known 4-hop flow), {with_path} with a flow found: median **{trace_median * 1000:.0f} ms**, max {max(t for t, _ in trace_runs) * 1000:.0f} ms "
        f"({verdict(trace_median)} the floor of < 1 s)",
        f"- `first-knowledge` (name lookup, 2-hop flow claims + topics of the body's documents + commissioners of their senders, earliest claim, upstream chain), {len(fk_runs)} random bodies "
        f"with a topic they received, {found} found: median **{fk_median * 1000:.0f} ms**, max {max(t for t, _ in fk_runs) * 1000:.0f} ms "
        f"({verdict(fk_median)} the floor of < 1 s)",
    ]
    load = os.getloadavg()
    lines.append(f"- machine load while measuring (1/5/15-min load average on {os.cpu_count()} shared cores): "
                 f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}; each Ladybug query costs ~10 ms idle, several times that under load")
    command = "python bench/bench_analysis.py" + (f" --bodies {args.bodies} --claims {args.claims}" if (args.bodies, args.claims) != (100_000, 1_000_000) else "")
    write_section("bench_analysis", "Flow analysis: trace and first-knowledge, end to end", command, lines)
    print("\n".join(lines))
    return 0 if max(trace_median, fk_median) < FLOOR_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())

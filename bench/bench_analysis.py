"""Benchmark: `trace` and `first-knowledge` end to end (name lookup -> store query -> networkx -> answer)
on a SYNTHETIC graph of 100,000 bodies and 1,000,000 dated claims, in the embedded store and in Neo4j.

    python bench/bench_analysis.py [--backend embedded|neo4j|both] [--bodies N] [--claims N] [--queries 20]
                                   [--store DIR] [--neo4j-home DIR] [--heap 2g]

With --store DIR (embedded) or --neo4j-home DIR (the local Neo4j server's home) the graph is
built there once and reused by later runs; otherwise in a temporary directory. Neo4j runs on a
local 5.26 server (graph.neo4j_server) loaded with `Neo4jStore.upsert`, 10,000 claims per upsert
(the server caps transaction memory at 256 MB). Both backends answer the same queries (picked on
the first backend measured). Writes its section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.results import write_section  # noqa: E402
from bench.synthetic_graph import COMMUNITY, SyntheticSpec, batches, body_id, report_id  # noqa: E402
from graph.analysis import first_knowledge, load_body_graph, load_flow_graph, resolve_in_store, trace  # noqa: E402
from graph.analysis.flows import ENDPOINT_LABELS  # noqa: E402
from graph.analysis.name_lookup import BODY_LABELS  # noqa: E402
from graph.embedded import EmbeddedStore  # noqa: E402
from graph.model import Batch  # noqa: E402
from graph.store import GraphStore  # noqa: E402

FLOOR_SECONDS = 1.0
NEO4J_UPSERT_CLAIMS = 10_000


def build(path: Path, spec: SyntheticSpec) -> float:
    started = time.perf_counter()
    with EmbeddedStore(path) as store:
        if store.counts().total_claims >= spec.claims:
            return 0.0
        for batch in batches(spec):
            store.upsert(batch)
    return time.perf_counter() - started


def build_neo4j(store, spec: SyntheticSpec) -> float:
    """Load the graph with `Neo4jStore.upsert`, 10,000 nodes or claims per upsert (one transaction each).
    Upserts merge by id, so a reused home left half loaded is completed, not duplicated."""
    if store.counts().total_claims >= spec.claims:
        return 0.0
    started = time.perf_counter()
    for batch in batches(spec, chunk=NEO4J_UPSERT_CLAIMS):
        for i in range(0, len(batch.nodes), NEO4J_UPSERT_CLAIMS):
            store.upsert(Batch(batch.nodes[i : i + NEO4J_UPSERT_CLAIMS], []))
        if batch.claims:
            store.upsert(batch)
    return time.perf_counter() - started


def queries(store: GraphStore, spec: SyntheticSpec, n: int, seed: int = 11):
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


def _known_flow(store: GraphStore, report: str) -> tuple[str, str] | None:
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


@dataclass
class Measured:
    backend: str
    build_seconds: float
    trace_runs: list[tuple[float, object]]
    fk_runs: list[tuple[float, object]]

    @property
    def trace_median(self) -> float:
        return statistics.median(t for t, _ in self.trace_runs)

    @property
    def fk_median(self) -> float:
        return statistics.median(t for t, _ in self.fk_runs)


def measure(
    backend: str, store: GraphStore, build_seconds: float, picked: list, spec: SyntheticSpec, n: int
) -> Measured:
    """Time the queries on one store; `picked` holds the (pairs, bodies) of an earlier backend, or is filled here."""
    if not picked:
        picked.extend(queries(store, spec, n))
    pairs, bodies = picked
    run_trace(store, *pairs[0])  # warm the caches once, as a running app would be
    trace_runs = [timed(lambda p=p: run_trace(store, *p)) for p in pairs]
    fk_runs = [timed(lambda b=b: run_first_knowledge(store, *b)) for b in bodies]
    return Measured(backend, build_seconds, trace_runs, fk_runs)


def run_embedded(args, spec: SyntheticSpec, picked: list) -> Measured:
    with tempfile.TemporaryDirectory(prefix="kflow-bench-analysis-") as tmp:
        path = args.store or Path(tmp) / "kflow-data"
        build_seconds = build(path, spec)
        with EmbeddedStore(path, read_only=True) as store:
            return measure("embedded", store, build_seconds, picked, spec, args.queries)


def run_neo4j(args, spec: SyntheticSpec, picked: list) -> Measured:
    from graph.neo4j_server import LocalNeo4jServer, free_port
    from graph.neo4j_store import Neo4jStore

    with tempfile.TemporaryDirectory(prefix="kflow-bench-analysis-neo4j-") as tmp:
        home = args.neo4j_home or Path(tmp) / "neo4j"
        with LocalNeo4jServer(home, free_port(), heap=args.heap) as server:
            with Neo4jStore.from_uri(server.uri) as store:
                build_seconds = build_neo4j(store, spec)
            with Neo4jStore.from_uri(server.uri, read_only=True) as store:
                return measure("neo4j", store, build_seconds, picked, spec, args.queries)


def report(spec: SyntheticSpec, runs: list[Measured], heap: str) -> list[str]:
    verdict = lambda s: "meets" if s < FLOOR_SECONDS else "BELOW"  # noqa: E731
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    first = runs[0]
    with_path = sum(1 for _, paths in first.trace_runs if paths)
    found = sum(1 for _, answer in first.fk_runs if answer.found)
    lines = [
        f"- graph: {spec.bodies:,} bodies, {spec.reports:,} reports, {spec.claims:,} dated claims (bench/synthetic_graph.py, fictional)",
        f"- `trace` (2 name lookups, flow claims within 2 hops of both ends + CONCERNS of their documents, nodes fetched, time-respecting search), "
        f"{len(first.trace_runs)} pairs (half random in one community, half ends of a known 4-hop flow), {with_path} with a flow found",
        f"- `first-knowledge` (name lookup, 2-hop flow claims + topics of the body's documents + commissioners of their senders, earliest claim, "
        f"upstream chain), {len(first.fk_runs)} random bodies with a topic they received, {found} found",
        "- the same queries on every backend, each timed once after one warm-up query",
    ]
    for run in runs:
        if run.backend == "embedded":
            where = "embedded (LadybugDB)" + (
                f", built in {run.build_seconds:.0f} s with Batch upserts of 250,000 claims"
                if run.build_seconds
                else ", reused store"
            )
        else:
            where = f"Neo4j 5.26 Community (local server, heap {heap}, page cache 128 MB)" + (
                f", loaded in {run.build_seconds:.0f} s with `Neo4jStore.upsert` of {NEO4J_UPSERT_CLAIMS:,} claims per transaction"
                if run.build_seconds
                else ", reused database"
            )
        lines.append(
            f"- **{run.backend}** — {where}: `trace` median **{ms(run.trace_median)}** (max {ms(max(t for t, _ in run.trace_runs))}, "
            f"{verdict(run.trace_median)} the floor of < 1 s); `first-knowledge` median **{ms(run.fk_median)}** "
            f"(max {ms(max(t for t, _ in run.fk_runs))}, {verdict(run.fk_median)} the floor of < 1 s)"
        )
    if len(runs) > 1:
        same = all(_answers(a) == _answers(runs[0]) for a in runs[1:])
        lines.append(
            f"- answers identical on both backends (paths, first-knowledge dates and sources): {'yes' if same else 'NO'}"
        )
    load = os.getloadavg()
    lines.append(
        f"- machine load while measuring (1/5/15-min load average on {os.cpu_count()} shared cores): "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}; absolute figures vary with it"
    )
    return lines


def _answers(run: Measured) -> tuple:
    paths = [[p.nodes for p in paths] for _, paths in run.trace_runs]
    known = [(k.date, k.claim.id if k.claim else None, k.independent_sources) for _, k in run.fk_runs]
    return paths, known


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["embedded", "neo4j", "both"], default="both")
    parser.add_argument("--bodies", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--store", type=Path, help="build/reuse the embedded synthetic store here")
    parser.add_argument("--neo4j-home", type=Path, help="build/reuse the local Neo4j server's home (database) here")
    parser.add_argument("--heap", default="2g", help="Neo4j JVM heap")
    args = parser.parse_args()
    spec = SyntheticSpec(bodies=args.bodies, claims=args.claims)
    picked: list = []
    runs = []
    if args.backend in ("embedded", "both"):
        runs.append(run_embedded(args, spec, picked))
    if args.backend in ("neo4j", "both"):
        runs.append(run_neo4j(args, spec, picked))
    lines = report(spec, runs, args.heap)
    command = (
        "python bench/bench_analysis.py"
        + (f" --backend {args.backend}" if args.backend != "both" else "")
        + (
            f" --bodies {args.bodies} --claims {args.claims}"
            if (args.bodies, args.claims) != (100_000, 1_000_000)
            else ""
        )
    )
    write_section(
        "bench_analysis", "Flow analysis: trace and first-knowledge, end to end, embedded and Neo4j", command, lines
    )
    print("\n".join(lines))
    return 0 if max(max(r.trace_median, r.fk_median) for r in runs) < FLOOR_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())

"""Scaling out (issue 19): extraction on Dask workers, and Neo4j bulk import against the transactional path.

Extraction: the same synthetic news-like corpus, model load excluded everywhere (the workers' plugin
has loaded it before the clock starts), store excluded, on this machine:
- bare `nlp.pipe(n_process=1|2)`, the ceiling;
- `kflow load --workers 1|2` (`loaders.pipeline.prepare_files`: forked workers);
- `kflow load --cluster local:1|2` (`loaders.distributed.prepare_on_cluster`: a Dask LocalCluster of
  1 or 2 worker processes, one thread each; documents and batches travel back over TCP).
Floor: Dask at 2 workers >= 0.8x bare `nlp.pipe` at 2 processes.

Neo4j: 1M synthetic claims (fictional bodies and reports) written
- by `kflow bulk-import`'s path: CSV files from the schema's headers, then `neo4j-admin database
  import full` into a fresh server home (JVM start included), then the server started and counted;
- by the transactional path (`Neo4jStore.upsert`, 10,000 claims per transaction) on a sample of
  `--transactional-claims` (the rate is flat in the number of claims already stored, see bench_neo4j:
  1M claims at 3,353 claims/s), extrapolated to the full count and stated so.
Floor: bulk >= 10x transactional claims/s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.news_corpus import write_corpus  # noqa: E402
from bench.results import write_section  # noqa: E402

EXTRACT_FLOOR = 0.8
BULK_FLOOR = 10.0


def bare_pipe(texts: list[str], processes: int) -> tuple[int, float]:
    import spacy

    from loaders.extract.nlp import MODEL

    nlp = spacy.load(MODEL)
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=processes, batch_size=32))
    return tokens, time.perf_counter() - started


def forked(paths: list[Path], workers: int) -> tuple[int, float]:
    from loaders.extract import default_extractor
    from loaders.pipeline import FileResult, prepare_files

    extractor = default_extractor()
    extractor.warm()
    started = time.perf_counter()
    results = list(prepare_files(paths, extractor, "2018", workers))
    elapsed = time.perf_counter() - started
    assert not any(isinstance(r, FileResult) for r in results), "a file failed"
    return sum(len(batch.claims) for _, batch in results), elapsed


def on_dask(paths: list[Path], workers: int) -> tuple[int, float]:
    from loaders.distributed import PLUGIN_NAME, ExtractorPlugin, cluster_client, prepare_on_cluster
    from loaders.pipeline import FileResult

    with cluster_client(f"local:{workers}") as client:  # the LocalCluster `kflow load --cluster local:N` starts
        client.register_plugin(ExtractorPlugin(), name=PLUGIN_NAME)  # every worker has its model before the clock
        started = time.perf_counter()
        results = list(prepare_on_cluster(client, paths, "2018"))
        elapsed = time.perf_counter() - started
    assert not any(isinstance(r, FileResult) for r in results), "a file failed"
    return sum(len(batch.claims) for _, batch in results), elapsed


def extraction(docs: int) -> tuple[list[str], dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        paths = write_corpus(Path(folder), docs)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        rates: dict[str, float] = {}
        tokens = 0
        for n in (1, 2):
            tokens, seconds = bare_pipe(texts, n)
            rates[f"bare{n}"] = tokens / seconds
        claims = {}
        for n in (1, 2):
            claims[f"forked{n}"], seconds = forked(paths, n)
            rates[f"forked{n}"] = tokens / seconds
            claims[f"dask{n}"], seconds = on_dask(paths, n)
            rates[f"dask{n}"] = tokens / seconds
    assert len(set(claims.values())) == 1, f"every way found the same claims: {claims}"
    ratio = rates["dask2"] / rates["bare2"]
    per_core_docs_hour = rates["dask2"] / 2 / (tokens / docs) * 3600
    lines = [
        f"- corpus: {docs:,} synthetic news-like documents, {tokens:,} tokens ({tokens / docs:,.0f} per document), "
        f"{next(iter(claims.values())):,} claims each way; model load excluded, store excluded",
        "- tokens/s, 1 worker | 2 workers:",
        f"  - bare `nlp.pipe(n_process=N)`: {rates['bare1']:,.0f} | {rates['bare2']:,.0f}",
        f"  - `kflow load --workers N` (forked, `prepare_files`): {rates['forked1']:,.0f} | {rates['forked2']:,.0f}",
        f"  - `kflow load --cluster local:N` (Dask LocalCluster, `prepare_on_cluster`): {rates['dask1']:,.0f} | {rates['dask2']:,.0f}",
        f"- Dask at 2 workers / bare `nlp.pipe` at 2: **{ratio:.2f}x** ({'meets' if ratio >= EXTRACT_FLOOR else 'BELOW'} "
        f"the floor of {EXTRACT_FLOOR}x); Dask 2 / Dask 1 workers: {rates['dask2'] / rates['dask1']:.2f}x",
        f"- per worker core (Dask, 2 workers): {rates['dask2'] / 2:,.0f} tokens/s = **{per_core_docs_hour:,.0f} documents/hour** "
        f"of {tokens / docs:,.0f} tokens; load average at the end {os.getloadavg()[0]:.1f}",
    ]
    return lines, {"ratio": ratio, **rates}


def neo4j(n_claims: int, n_bodies: int, sample: int, heap: str) -> tuple[list[str], dict[str, float]]:
    from bench.synthetic import synthetic_batches
    from graph.neo4j_bulk import import_into_home, write_csv
    from graph.neo4j_server import LocalNeo4jServer, free_port
    from graph.neo4j_store import Neo4jStore

    batches = list(synthetic_batches(n_claims, n_bodies, batch_claims=10_000))
    nodes = sum(len(b.nodes) for b in batches)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        files = write_csv((b.nodes for b in batches), (b.claims for b in batches), Path(folder) / "csv")
        csv_s = time.perf_counter() - started
        started = time.perf_counter()
        import_into_home(files, Path(folder) / "bulk", heap=heap)
        import_s = time.perf_counter() - started
        with LocalNeo4jServer(Path(folder) / "bulk", free_port(), heap=heap) as server:
            with Neo4jStore.from_uri(
                server.uri
            ) as store:  # creates the constraints and indexes, as kflow's first open does
                counted = store.counts()
            index_s = time.perf_counter() - started - import_s
        assert counted.total_claims == n_claims and counted.total_nodes == nodes, counted
        sampled = [b for b in batches if b.claims][: max(1, sample // 10_000)]
        sample_claims = sum(len(b.claims) for b in sampled)
        server = LocalNeo4jServer(Path(folder) / "transactional", free_port(), heap=heap)
        with server, Neo4jStore.from_uri(server.uri) as store:  # entered in order: the server is up first
            started = time.perf_counter()
            for batch in sampled:
                store.upsert(batch)
            tx_s = time.perf_counter() - started
    bulk_s = csv_s + import_s
    bulk_rate, tx_rate = n_claims / bulk_s, sample_claims / tx_s
    ratio = bulk_rate / tx_rate
    lines = [
        f"- {n_claims:,} synthetic claims among {nodes:,} fictional nodes; local Neo4j 5.26 Community (Maven jars), heap {heap}",
        f"- bulk (`kflow bulk-import`): CSV files {csv_s:.1f} s + `neo4j-admin database import full` {import_s:.1f} s "
        f"(JVM start included) = {bulk_s:.1f} s, **{bulk_rate:,.0f} claims/s**; then server start, constraints and "
        f"indexes on first open and a count: {index_s:.1f} s more",
        f"- transactional (`Neo4jStore.upsert`, 10,000 claims per transaction): measured on the first {sample_claims:,} "
        f"claims: {tx_s:.1f} s, **{tx_rate:,.0f} claims/s**; extrapolated to {n_claims:,}: {n_claims / tx_rate:,.0f} s",
        f"- bulk / transactional: **{ratio:.1f}x** ({'meets' if ratio >= BULK_FLOOR else 'BELOW'} the floor of {BULK_FLOOR:g}x); "
        f"load average at the end {os.getloadavg()[0]:.1f}",
    ]
    return lines, {"bulk_claims_per_s": bulk_rate, "transactional_claims_per_s": tx_rate, "ratio": ratio}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--bodies", type=int, default=100_000)
    parser.add_argument("--transactional-claims", type=int, default=100_000)
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--skip", choices=["extraction", "neo4j"], help="run one half only")
    args = parser.parse_args()
    figures: dict[str, dict[str, float]] = {}
    command = f"python bench/bench_scale.py --docs {args.docs} --claims {args.claims} --bodies {args.bodies} "
    command += f"--transactional-claims {args.transactional_claims} --heap {args.heap}"
    if args.skip != "extraction":
        lines, figures["extraction"] = extraction(args.docs)
        write_section(
            "bench_scale_extraction", "Scaling out: extraction on Dask workers", command + " --skip neo4j", lines
        )
    if args.skip != "neo4j":
        lines, figures["neo4j"] = neo4j(args.claims, args.bodies, args.transactional_claims, args.heap)
        write_section(
            "bench_scale_neo4j",
            "Scaling out: Neo4j bulk import vs the transactional path",
            command + " --skip extraction",
            lines,
        )
    print(figures)


if __name__ == "__main__":
    main()

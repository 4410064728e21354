"""Neo4j write throughput: kflow's Neo4jStore.upsert against the bare driver, same rows, same server.

Starts a local Neo4j 5.26 (graph.neo4j_server) with a bigger heap, then, each into an emptied
database with the id constraints in place:
- baseline: the official driver alone, `UNWIND $rows ... CREATE` in batches of 10,000 rows, one
  write transaction per batch (nodes, then claims matched to their ends by id);
- kflow: `Neo4jStore.upsert` of the same synthetic batches (each upsert one all-or-nothing
  transaction: reference check, node merge, `UNWIND ... MERGE` of claims keyed by claim id).
Floor: kflow >= 0.7 x the baseline's claims/s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from neo4j import GraphDatabase  # noqa: E402

from bench.results import write_section  # noqa: E402
from bench.synthetic import synthetic_batches  # noqa: E402
from graph.model import Batch  # noqa: E402
from graph.neo4j_server import LocalNeo4jServer, free_port  # noqa: E402
from graph.neo4j_store import Neo4jStore, schema_statements  # noqa: E402
from graph.schema import SCHEMA  # noqa: E402

FLOOR_RATIO = 0.7
BASELINE_BATCH = 10_000
CLAIM_FIELDS = list(SCHEMA.claim_properties)


def node_rows(batch: Batch) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for n in batch.nodes:
        rows.setdefault(n.label, []).append(
            {"id": n.id, "name": n.name, "aliases": n.aliases, "keys": n.keys, **n.props}
        )
    return rows


def claim_rows(batch: Batch) -> dict[tuple[str, str, str], list[dict]]:
    rows: dict[tuple[str, str, str], list[dict]] = {}
    for c in batch.claims:
        key = (c.type, SCHEMA.label_of(c.from_id), SCHEMA.label_of(c.to_id))
        rows.setdefault(key, []).append(
            {"from_id": c.from_id, "to_id": c.to_id, "props": {k: getattr(c, k) for k in CLAIM_FIELDS}}
        )
    return rows


def baseline(uri: str, batches: list[Batch]) -> float:
    """Seconds for the bare driver to CREATE the same nodes and claims, 10,000 rows per transaction."""
    with GraphDatabase.driver(uri, auth=None) as driver:
        started = time.perf_counter()
        for batch in batches:
            for label, rows in node_rows(batch).items():
                for i in range(0, len(rows), BASELINE_BATCH):
                    driver.execute_query(
                        f"UNWIND $rows AS row CREATE (n:{label}) SET n = row", rows=rows[i : i + BASELINE_BATCH]
                    )
        for batch in batches:
            for (edge, a, b), rows in claim_rows(batch).items():
                statement = (
                    f"UNWIND $rows AS row MATCH (a:{a} {{id: row.from_id}}) MATCH (b:{b} {{id: row.to_id}}) "
                    f"CREATE (a)-[r:{edge}]->(b) SET r = row.props"
                )
                for i in range(0, len(rows), BASELINE_BATCH):
                    driver.execute_query(statement, rows=rows[i : i + BASELINE_BATCH])
        return time.perf_counter() - started


def kflow(uri: str, batches: list[Batch]) -> float:
    with Neo4jStore.from_uri(uri) as store:
        started = time.perf_counter()
        for batch in batches:
            store.upsert(batch)
        return time.perf_counter() - started


def create_schema(uri: str) -> None:
    """The baseline gets the same id constraints kflow creates, so its MATCH by id is an index seek too."""
    with GraphDatabase.driver(uri, auth=None) as driver:
        for statement in schema_statements().values():
            driver.execute_query(statement)
        driver.execute_query("CALL db.awaitIndexes(300)")


def count_claims(uri: str) -> int:
    with GraphDatabase.driver(uri, auth=None) as driver:
        return driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n").records[0]["n"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--bodies", type=int, default=100_000)
    parser.add_argument(
        "--upsert-claims", type=int, default=10_000, help="claims per kflow upsert (one transaction each)"
    )
    parser.add_argument("--heap", default="2g", help="Neo4j JVM heap for the bench")
    args = parser.parse_args()
    batches = list(synthetic_batches(args.claims, args.bodies, batch_claims=args.upsert_claims))
    with tempfile.TemporaryDirectory() as home:  # a fresh server (empty database) for each side
        with LocalNeo4jServer(Path(home) / "baseline", free_port(), heap=args.heap) as server:
            create_schema(server.uri)
            base_s = baseline(server.uri, batches)
            assert count_claims(server.uri) == args.claims
        with LocalNeo4jServer(Path(home) / "kflow", free_port(), heap=args.heap) as server:
            kflow_s = kflow(server.uri, batches)
            assert count_claims(server.uri) == args.claims
    base_rate, kflow_rate = args.claims / base_s, args.claims / kflow_s
    ratio = kflow_rate / base_rate
    verdict = "meets" if ratio >= FLOOR_RATIO else "BELOW"
    write_section(
        "bench_neo4j",
        "Writes into Neo4j: kflow vs the bare driver",
        f"python bench/bench_neo4j.py --claims {args.claims} --bodies {args.bodies} --upsert-claims {args.upsert_claims} --heap {args.heap}",
        [
            f"- local Neo4j 5.26 Community from Maven Central jars, heap {args.heap}; the machine is shared, so absolute figures vary",
            f"- baseline (driver only, `UNWIND ... CREATE`, {BASELINE_BATCH:,} rows per transaction): {args.claims:,} claims in "
            f"{base_s:.1f} s, **{base_rate:,.0f} claims/s**",
            f"- kflow (`Neo4jStore.upsert`, {args.upsert_claims:,} claims per all-or-nothing upsert, `UNWIND ... MERGE`): "
            f"{kflow_s:.1f} s, **{kflow_rate:,.0f} claims/s**",
            f"- ratio {ratio:.2f} ({verdict} the floor of {FLOOR_RATIO}x the baseline); both include writing the "
            f"{sum(len(b.nodes) for b in batches):,} nodes",
        ],
    )
    print(
        {
            "claims": args.claims,
            "baseline_claims_per_s": round(base_rate),
            "kflow_claims_per_s": round(kflow_rate),
            "ratio": round(ratio, 2),
        }
    )


if __name__ == "__main__":
    main()

"""Minimal LadybugDB reproducer for the writer's memory growth (kflow issue #12), without kflow's store.

Per transaction, what one small document writes: a Source and a Report node, then 4 MENTIONS
relationships (Source -> 3 of 100 Agencies and -> the Report), each by `UNWIND ... MATCH ... CREATE`
on kflow's schema. RSS keeps rising with the transaction count (2026-11-26, ladybug 0.22.0: 188 MB at
start, 217 and 223 MB at 2,000 and 4,000 transactions, ~3 KB per transaction after the first
2,000); the same loop with one relationship per transaction rises ~1 KB per transaction. Fictional, synthetic ids only.
Run: python bench/ladybug_rel_memory_repro.py [TRANSACTIONS]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import ladybug

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.embedded import _schema_statements  # noqa: E402

SENTENCE = "Synthetic note: the Kelbridge Health Trust sent a letter about failures in custody in 2002."
MENTION = "CREATE (a)-[:MENTIONS {id: r.id, source_id: r.source, sentence: r.sentence}]->(b)"


def rss_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def main(transactions: int = 6000) -> None:
    with tempfile.TemporaryDirectory(prefix="ladybug-repro-") as tmp:
        conn = ladybug.Connection(ladybug.Database(str(Path(tmp) / "graph.lbdb")))
        for statement in _schema_statements():
            conn.execute(statement)
        conn.execute("UNWIND range(0, 99) AS i CREATE (:Agency {id: 'agency:' + string(i), name: 'x'})")
        print(f"start: RSS {rss_mb()} MB", flush=True)
        for i in range(1, transactions + 1):
            source, report = f"source:{i:016x}", f"report:{i:016x}"
            rows = [
                {"a": source, "b": f"agency:{(i + k) % 100}", "id": f"claim:{k}-{i:016x}", "source": source}
                for k in range(3)
            ]
            conn.execute("BEGIN TRANSACTION")
            conn.execute("CREATE (:Source {id: $id, name: 'note', text: $t})", {"id": source, "t": SENTENCE})
            conn.execute("CREATE (:Report {id: $id, name: 'letter'})", {"id": report})
            conn.execute(
                f"UNWIND $rows AS r MATCH (a:Source {{id: r.a}}), (b:Agency {{id: r.b}}) {MENTION}",
                {"rows": [{**r, "sentence": SENTENCE} for r in rows]},
            )
            conn.execute(
                f"UNWIND $rows AS r MATCH (a:Source {{id: r.a}}), (b:Report {{id: r.b}}) {MENTION}",
                {
                    "rows": [
                        {"a": source, "b": report, "id": f"claim:r-{i:016x}", "source": source, "sentence": SENTENCE}
                    ]
                },
            )
            conn.execute("COMMIT")
            if i % 2000 == 0:
                print(f"{i:6d} transactions: RSS {rss_mb()} MB", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 6000)

"""Minimal LadybugDB reproducer for the writer's memory growth (kflow issue #12), without kflow's store.

Per document, what one small kflow document writes: a Source and a Report node, then 4 MENTIONS
relationships (Source -> 3 of 100 Agencies and -> the Report), by `UNWIND ... CREATE` and
`UNWIND ... MATCH ... CREATE` on kflow's schema, GROUP documents per transaction. Prints RSS and the
database's size on disk every EVERY documents. Fictional, synthetic ids only.

Findings (2026-11-26, ladybug 0.22.0, default buffer pool):
- RSS grows with the data written, not with the number of transactions: 1 and 20 documents per
  transaction give the same curve (226, 232, 245, 247 MB at 2,000 .. 8,000 documents), so grouping
  commits is no remedy;
- it grows ~5 MB per 1,000 documents while the database grows ~1 MB on disk (500 per transaction:
  284 MB / 16 MB at 10,000 documents, 493 MB / 58 MB at 50,000);
- a buffer pool smaller than that working set does not bound it: with a 32 MB pool the post-commit
  checkpoint fails ("Buffer manager exception: Unable to allocate memory! The buffer pool is full")
  once the database nears ~25 MB, and with 16 MB the first 20-document transaction fails.
Run: python bench/ladybug_rel_memory_repro.py [DOCUMENTS] [GROUP] [POOL_MB (0: LadybugDB's default)]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import ladybug

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.embedded import _schema_statements  # noqa: E402

SENTENCE = "Synthetic note: the Kelbridge Health Trust sent a letter about failures in custody in 2002."
MENTION = "CREATE (a)-[:MENTIONS {id: r.id, source_id: r.source, sentence: r.sentence}]->(b)"
EVERY = int(os.environ.get("EVERY", "2000"))


def rss_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def disk_mb(folder: str) -> str:
    return subprocess.run(["du", "-sm", folder], capture_output=True, text=True).stdout.split()[0]


def write_documents(conn: ladybug.Connection, first: int, count: int) -> None:
    """`count` documents from number `first`, in one transaction."""
    docs = range(first, first + count)
    sources = [f"source:{i:016x}" for i in docs]
    mentions = [
        {"a": s, "b": f"agency:{(i + k) % 100}", "id": f"claim:{k}-{i:016x}", "source": s, "sentence": SENTENCE}
        for i, s in zip(docs, sources, strict=True)
        for k in range(3)
    ]
    own = [
        {"a": s, "b": f"report:{i:016x}", "id": f"claim:r-{i:016x}", "source": s, "sentence": SENTENCE}
        for i, s in zip(docs, sources, strict=True)
    ]
    conn.execute("BEGIN TRANSACTION")
    conn.execute(
        "UNWIND $rows AS r CREATE (:Source {id: r.id, name: 'note', text: r.t})",
        {"rows": [{"id": s, "t": SENTENCE} for s in sources]},
    )
    conn.execute(
        "UNWIND $rows AS r CREATE (:Report {id: r.id, name: 'letter'})", {"rows": [{"id": r["b"]} for r in own]}
    )
    conn.execute(
        f"UNWIND $rows AS r MATCH (a:Source {{id: r.a}}), (b:Agency {{id: r.b}}) {MENTION}", {"rows": mentions}
    )
    conn.execute(f"UNWIND $rows AS r MATCH (a:Source {{id: r.a}}), (b:Report {{id: r.b}}) {MENTION}", {"rows": own})
    conn.execute("COMMIT")


def main(documents: int = 8000, group: int = 1, pool_mb: int = 0) -> None:
    with tempfile.TemporaryDirectory(prefix="ladybug-repro-") as tmp:
        database = ladybug.Database(str(Path(tmp) / "graph.lbdb"), buffer_pool_size=pool_mb * 1024 * 1024)
        conn = ladybug.Connection(database)
        for statement in _schema_statements():
            conn.execute(statement)
        conn.execute("UNWIND range(0, 99) AS i CREATE (:Agency {id: 'agency:' + string(i), name: 'x'})")
        print(f"{group} per transaction, pool {pool_mb or 'default'} MB; start: RSS {rss_mb()} MB", flush=True)
        for first in range(1, documents + 1, group):
            write_documents(conn, first, group)
            if (first + group - 1) % EVERY == 0:
                print(f"{first + group - 1:7d} documents: RSS {rss_mb()} MB, disk {disk_mb(tmp)} MB", flush=True)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:4]))

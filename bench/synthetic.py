"""Synthetic, fictional graphs for benchmarks: numbered bodies and reports, dated claims."""

from __future__ import annotations

import random
from typing import Iterator

from graph.model import Batch, Claim, Node

SOURCE_ID = "source:5e5e5e5e5e5e5e5e"
SENTENCE = "Synthetic benchmark sentence: a fictional body sent a fictional report."


def source_node() -> Node:
    return Node(SOURCE_ID, "Source", "synthetic benchmark corpus", props={"sha256": "5e" * 32, "text": SENTENCE, "note": "synthetic"})


def synthetic_batches(n_claims: int, n_bodies: int, batch_claims: int = 1_000_000, seed: int = 7) -> Iterator[Batch]:
    """Batches of SENT/RECEIVED/KNEW_ABOUT claims among fictional bodies and reports, each node sent once."""
    rng = random.Random(seed)
    n_reports = max(n_claims // 4, 1)
    seen: set[str] = set()
    first = True
    for start in range(0, n_claims, batch_claims):
        nodes: list[Node] = [source_node()] if first else []
        first = False
        claims: list[Claim] = []
        for i in range(start, min(start + batch_claims, n_claims)):
            body = f"agency:body-{rng.randrange(n_bodies):06d}"
            report = f"report:report-{rng.randrange(n_reports):07d}"
            for node_id, label in ((body, "Agency"), (report, "Report")):
                if node_id not in seen:
                    seen.add(node_id)
                    nodes.append(Node(node_id, label, f"Fictional {label} {node_id.split('-')[-1]}"))
            year = 1990 + rng.randrange(30)
            claims.append(Claim(
                "SENT" if i % 2 else "RECEIVED", body, report, SOURCE_ID, SENTENCE, i, i + len(SENTENCE), 0.8, "bench",
                date_start=f"{year}-01-01", date_end=f"{year}-12-31", date_precision="year",
            ))
        yield Batch(nodes, claims)

"""Synthetic, fictional graphs for benchmarks: numbered bodies and reports, dated claims."""

from __future__ import annotations

import random
from collections.abc import Iterator

import numpy as np
import pyarrow as pa

from graph.model import Batch, Claim, Node, claim_id

SOURCE_ID = "source:5e5e5e5e5e5e5e5e"
SENTENCE = "Synthetic benchmark sentence: a fictional body sent a fictional report."


def source_node() -> Node:
    return Node(
        SOURCE_ID,
        "Source",
        "synthetic benchmark corpus",
        props={"sha256": "5e" * 32, "text": SENTENCE, "note": "synthetic"},
    )


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
            claims.append(
                Claim(
                    "SENT" if i % 2 else "RECEIVED",
                    body,
                    report,
                    SOURCE_ID,
                    SENTENCE,
                    i,
                    i + len(SENTENCE),
                    0.8,
                    "bench",
                    date_start=f"{year}-01-01",
                    date_end=f"{year}-12-31",
                    date_precision="year",
                )
            )
        yield Batch(nodes, claims)


def synthetic_tables(n_claims: int, n_bodies: int, seed: int = 7) -> tuple[pa.Table, pa.Table]:
    """The same kind of graph as `synthetic_batches`, as Arrow tables for `upsert_columns`:
    nodes (id, label, name, props) and claims (Claim fields, ids computed here as Claim does)."""
    rng = np.random.default_rng(seed)
    n_reports = max(n_claims // 4, 1)
    bodies = rng.integers(0, n_bodies, n_claims)
    reports = rng.integers(0, n_reports, n_claims)
    body_ids = [f"agency:body-{b:06d}" for b in range(n_bodies)]
    report_ids = [f"report:report-{r:07d}" for r in range(n_reports)]
    used_bodies, used_reports = np.unique(bodies), np.unique(reports)
    source = source_node()
    nodes = pa.table(
        {
            "id": [source.id] + [body_ids[b] for b in used_bodies] + [report_ids[r] for r in used_reports],
            "label": ["Source"] + ["Agency"] * len(used_bodies) + ["Report"] * len(used_reports),
            "name": [source.name]
            + [f"Fictional Agency {b:06d}" for b in used_bodies]
            + [f"Fictional Report {r:07d}" for r in used_reports],
            "sha256": [source.props["sha256"]] + [None] * (len(used_bodies) + len(used_reports)),
            "text": [source.props["text"]] + [None] * (len(used_bodies) + len(used_reports)),
            "note": [source.props["note"]] + [None] * (len(used_bodies) + len(used_reports)),
        }
    )
    types = np.where(np.arange(n_claims) % 2 == 1, "SENT", "RECEIVED")
    from_ids = [body_ids[b] for b in bodies]
    to_ids = [report_ids[r] for r in reports]
    starts = np.arange(n_claims)
    ends = starts + len(SENTENCE)
    years = 1990 + rng.integers(0, 30, n_claims)
    claims = pa.table(
        {
            "id": [
                claim_id(t, f, o, SOURCE_ID, int(s), int(e))
                for t, f, o, s, e in zip(types.tolist(), from_ids, to_ids, starts, ends)
            ],
            "type": types,
            "from_id": from_ids,
            "to_id": to_ids,
            "source_id": pa.array([SOURCE_ID] * n_claims),
            "sentence": pa.array([SENTENCE] * n_claims),
            "char_start": starts,
            "char_end": ends,
            "confidence": np.full(n_claims, 0.8),
            "extractor": pa.array(["bench"] * n_claims),
            "date_start": [f"{y}-01-01" for y in years.tolist()],
            "date_end": [f"{y}-12-31" for y in years.tolist()],
            "date_precision": pa.array(["year"] * n_claims),
        }
    )
    return nodes, claims

"""Copy a whole graph from one store to another (a laptop's embedded store to a team Neo4j).

Nodes go first, then claims, each page through the target's `upsert`, so every page lands whole
and claims always find their ends. A copy interrupted half-way is finished by running it again:
upserts are idempotent (nodes merge, claims are keyed by their id), so a second run adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graph.model import Batch
from graph.store import GraphStore

DEFAULT_PAGE = 10_000


@dataclass
class SyncResult:
    nodes_read: int = 0
    nodes_added: int = 0
    nodes_updated: int = 0
    claims_read: int = 0
    claims_added: int = 0
    claims_skipped: int = 0


def copy_graph(source: GraphStore, target: GraphStore, batch_size: int = DEFAULT_PAGE,
               progress: Callable[[int], None] | None = None) -> SyncResult:
    """Upsert every node, then every claim, of `source` into `target`; `progress(n)` after each page."""
    result = SyncResult()
    for nodes in source.iter_nodes(batch_size):
        done = target.upsert(Batch(nodes=nodes))
        result.nodes_read += len(nodes)
        result.nodes_added += done.nodes_added
        result.nodes_updated += done.nodes_updated
        if progress:
            progress(len(nodes))
    for claims in source.iter_claims(batch_size):
        done = target.upsert(Batch(claims=claims))
        result.claims_read += len(claims)
        result.claims_added += done.claims_added
        result.claims_skipped += done.claims_skipped
        if progress:
            progress(len(claims))
    return result

"""Copy a whole graph from one store to another (a laptop's embedded store to a team Neo4j).

Nodes other than Sources go first; then each Source is written in the same upsert (one
transaction) as every claim it supports, a few Sources per page. So a copy interrupted at any
point never leaves a Source in the target without all its claims: `kflow load` treats a stored
Source as done, and would otherwise skip those files for good. A copy interrupted half-way is
finished by running it again: upserts are idempotent (nodes merge, claims are keyed by their id).

Before writing anything, every node and claim of the source is read once (`check_readable`): a
value kflow cannot read (a hand-edited Neo4j property that is no date, say) stops the copy with
one StoreError naming it, and the target is left untouched rather than half-filled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from graph.model import Batch, Node
from graph.schema import SCHEMA
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
    records: int = 0  # an investigator's records: grades and investigations (graph/records.py)
    corrections: int = 0  # reviews, edits, merges and splits (graph/corrections.py), reverted ones too


def copy_graph(
    source: GraphStore,
    target: GraphStore,
    batch_size: int = DEFAULT_PAGE,
    progress: Callable[[int], None] | None = None,
) -> SyncResult:
    """Upsert every node, then every Source with its claims, then the investigator's records
    (grades, investigations) and corrections, of `source` into `target`; `progress(n)` after each
    page. Corrections travel as records, so the copy answers as corrected and each can be reverted there."""
    check_readable(source, batch_size)
    result = SyncResult()
    sources: dict[str, Node] = {}
    for nodes in source.iter_nodes(batch_size):
        sources.update({n.id: n for n in nodes if n.label == "Source"})
        others = [n for n in nodes if n.label != "Source"]
        if others:
            _add(result, target.upsert(Batch(nodes=others)), nodes=len(others))
        if progress:
            progress(len(others))
    written: set[str] = set()
    for group in _groups(sorted(sources), source.claim_counts_by_source(), batch_size):
        ids = [i for i in group if i not in written]
        claims = source.claims_of_sources(ids)
        while True:  # a claim whose end is another Source (MENTIONS) needs that Source, so all of its claims too
            more = sorted(
                {e for c in claims for e in (c.from_id, c.to_id) if SCHEMA.label_of(e) == "Source"} - set(ids) - written
            )
            if not more:
                break
            ids += more
            claims += source.claims_of_sources(more)
        _add(
            result,
            target.upsert(Batch(nodes=[sources[i] for i in ids], claims=claims)),
            nodes=len(ids),
            claims=len(claims),
        )
        written.update(ids)
        if progress:
            progress(len(ids) + len(claims))
    records = source.load_records()
    if records:
        target.save_records(records)
    result.records = len(records)
    corrections = source.load_corrections()
    for record in corrections:
        target.save_correction(record)
    result.corrections = len(corrections)
    return result


def check_readable(store: GraphStore, batch_size: int = DEFAULT_PAGE) -> None:
    """Read every node and claim (each is validated as it is built); raises the store's StoreError."""
    for _ in store.iter_nodes(batch_size):
        pass
    for _ in store.iter_claims(batch_size):
        pass


def _groups(source_ids: list[str], claim_counts: dict[str, int], size: int) -> Iterator[list[str]]:
    """Consecutive Sources with about `size` claims in all (a bigger Source is a page of its own)."""
    group: list[str] = []
    total = 0
    for source_id in source_ids:
        count = claim_counts.get(source_id, 0)
        if group and total + count > size:
            yield group
            group, total = [], 0
        group.append(source_id)
        total += count
    if group:
        yield group


def _add(result: SyncResult, done, nodes: int = 0, claims: int = 0) -> None:
    result.nodes_read += nodes
    result.nodes_added += done.nodes_added
    result.nodes_updated += done.nodes_updated
    result.claims_read += claims
    result.claims_added += done.claims_added
    result.claims_skipped += done.claims_skipped

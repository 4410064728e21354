"""Search for the embedded store: its SQLite FTS5 index kept in step with the graph.

The store calls `index_batch` / `index_columns` after each write and `unindex` before removing a
Source, so a document is searchable as soon as it is loaded. Searching first brings the index in
step with the store (`reconcile`): a store loaded before search existed, or a write whose indexing
was interrupted, is indexed then, from the Sources' stored text, a few documents at a time.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from graph.model import Batch, Claim, Node
from graph.search.base import SearchError, SearchFilters, SearchHit
from graph.search.query import fts5_match, highlight_pattern, parse
from graph.search.snippets import snippets
from graph.search.sqlite_index import IndexedDoc, SqliteTextIndex

if TYPE_CHECKING:
    from graph.embedded import EmbeddedStore

LOG = logging.getLogger("kflow.search")
RECONCILE_CHUNK = 50  # Sources read from the store per step of a reconcile (their full text is in memory)


def indexed_doc(node: Node) -> IndexedDoc:
    p = node.props
    return IndexedDoc(
        node.id,
        p.get("title") or node.name or "",
        p.get("text") or "",
        p.get("path"),
        p.get("media_type"),
        p.get("published"),
    )


def claim_facets(claims: Iterable[Claim]) -> set[tuple[str, str, str]]:
    rows = set()
    for c in claims:
        rows.add(("type", c.type, c.source_id))
        rows.add(("node", c.from_id, c.source_id))
        rows.add(("node", c.to_id, c.source_id))
    return rows


class EmbeddedSearchHooks:
    """Keeps the index beside a writable embedded store in step with its writes. A failure to
    index never fails the write (the graph is the record; searching reconciles what was missed)."""

    def __init__(self, folder: Path):
        self._folder = folder
        self._index: SqliteTextIndex | None = None

    def index_batch(self, batch: Batch) -> None:
        sources = [n for n in batch.nodes if n.label == "Source"]
        self._safely(lambda index: _index(index, sources, claim_facets(batch.claims)))

    def index_columns(self, nodes: pa.Table, claims: pa.Table) -> None:
        self._safely(lambda index: _index(index, _source_nodes(nodes), _column_facets(claims)))

    def unindex(self, source: Node | None) -> None:
        if source is not None:
            self._safely(lambda index: index.remove(source.id, source.props.get("text") or ""))

    def close(self) -> None:
        if self._index is not None:
            self._index.close()

    def _safely(self, work) -> None:
        try:
            if self._index is None:
                self._index = SqliteTextIndex(self._folder)
            work(self._index)
        except (sqlite3.Error, SearchError) as error:
            LOG.warning("search index not updated (the next search catches up): %s", error)


def _index(index: SqliteTextIndex, sources: list[Node], facets: set[tuple[str, str, str]]) -> None:
    if sources:
        index.add(indexed_doc(n) for n in sources)
    if facets:
        index.add_facets(sorted(facets))


def _source_nodes(nodes: pa.Table) -> list[Node]:
    from graph.arrow_tables import NodeColumns

    if "label" not in nodes.column_names:
        return []
    rows = [i for i, is_source in enumerate(pc.equal(nodes["label"], "Source").to_pylist()) if is_source]
    return NodeColumns.from_arrow(nodes.take(rows)).to_nodes(list(range(len(rows)))) if rows else []


def _column_facets(claims: pa.Table) -> set[tuple[str, str, str]]:
    if not claims.num_rows:
        return set()
    rows = set()
    for kind, column in (("type", "type"), ("node", "from_id"), ("node", "to_id")):
        pairs = claims.select([column, "source_id"]).group_by([column, "source_id"]).aggregate([])
        rows.update((kind, v, s) for v, s in zip(pairs[column].to_pylist(), pairs["source_id"].to_pylist()))
    return rows


class EmbeddedSearch:
    """Full-text search over an embedded store's Sources (any open mode: the index has its own file)."""

    def __init__(self, store: EmbeddedStore):
        self._store = store
        self._index = SqliteTextIndex(store.path)

    def reconcile(self) -> int:
        """Index the store's Sources the index lacks, and return how many documents the index holds
        that the store has not (their hits are dropped). Only a writable store rebuilds the index to
        drop them: a reader's snapshot may simply predate a writer's latest document."""
        stored = set(self._store.source_ids())
        indexed = self._index.source_ids()
        if indexed - stored and not self._store.read_only:
            self._index.clear()
            indexed = set()
        missing = sorted(stored - indexed)
        for chunk in _chunks(missing, RECONCILE_CHUNK):
            nodes = [n for n in (self._store.get_node(i) for i in chunk) if n is not None]
            _index(self._index, nodes, claim_facets(self._store.claims_of_sources(chunk)))
        return len(indexed - stored)

    def search(self, query: str, filters: SearchFilters | None = None, limit: int = 20) -> list[SearchHit]:
        parts = parse(query)
        unknown_to_store = self.reconcile()
        found = self._index.search(fts5_match(parts), filters or SearchFilters(), limit + unknown_to_store)
        pattern = highlight_pattern(parts)
        hits = []
        for f in found:
            node = self._store.get_node(f.source_id)
            if node is None or len(hits) == limit:  # indexed, but not in this store's snapshot
                continue
            hits.append(replace(f, snippets=snippets(node.props.get("text") or "", pattern)))
        return hits

    def close(self) -> None:
        self._index.close()


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]

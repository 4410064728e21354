"""Search for the Neo4j store: Neo4j's own full-text (Lucene) index over Source title and text.

The index (`kflow_source_text`, created with the store's schema) follows every write and
removal by itself, so there is nothing to keep in step here; this only turns a query and its
filters into one Cypher call of `db.index.fulltext.queryNodes`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.schema import SCHEMA
from graph.search.base import SearchError, SearchFilters, SearchHit
from graph.search.query import highlight_pattern, lucene_query, parse
from graph.search.snippets import snippets

if TYPE_CHECKING:
    from graph.neo4j_store import Neo4jStore

INDEX_WAIT_SECONDS = 60


class Neo4jSearch:
    def __init__(self, store: Neo4jStore):
        self._store = store

    def search(self, query: str, filters: SearchFilters | None = None, limit: int = 20) -> list[SearchHit]:
        from graph.neo4j_store import SOURCE_TEXT_INDEX

        parts = parse(query)
        filters = filters or SearchFilters()
        where, params = self._filters(filters)
        params.update({"index": SOURCE_TEXT_INDEX, "q": lucene_query(parts), "limit": int(limit)})
        self._store.read_records(
            "CALL db.awaitIndex($index, $wait)", {"index": SOURCE_TEXT_INDEX, "wait": INDEX_WAIT_SECONDS}
        )
        rows = self._store.read_records(
            "CALL db.index.fulltext.queryNodes($index, $q) YIELD node, score "
            f"WHERE {' AND '.join(where) or 'true'} "
            "RETURN node.id AS id, coalesce(node.title, node.name) AS title, score, node.path AS path, "
            "toString(node.published) AS published, node.media_type AS media_type, node.text AS text "
            "ORDER BY score DESC, id LIMIT $limit",
            params,
        )
        pattern = highlight_pattern(parts)
        return [
            SearchHit(
                r["id"],
                r["title"] or "",
                float(r["score"]),
                r["path"],
                r["published"],
                r["media_type"],
                snippets(r["text"] or "", pattern),
            )
            for r in rows
        ]

    def _filters(self, filters: SearchFilters) -> tuple[list[str], dict[str, Any]]:
        where: list[str] = []
        params: dict[str, Any] = {}
        if filters.since:
            where.append("toString(node.published) >= $since")  # native DATE or ISO text alike
            params["since"] = filters.since
        if filters.until:
            where.append("toString(node.published) <= $until")
            params["until"] = filters.until
        if filters.media_types:
            where.append("node.media_type IN $media_types")
            params["media_types"] = list(filters.media_types)
        if filters.claim_types:
            # one EXISTS per type, so each uses that type's source_id index
            where.append(
                "("
                + " OR ".join(
                    f"EXISTS {{ MATCH ()-[r:{t}]->() WHERE r.source_id = node.id }}" for t in filters.claim_types
                )
                + ")"
            )
        if filters.entity_ids:
            where.append("node.id IN $entity_sources")
            params["entity_sources"] = self._sources_touching(filters.entity_ids)
        return where, params

    def _sources_touching(self, node_ids: tuple[str, ...]) -> list[str]:
        sources: set[str] = set()
        for node_id in node_ids:
            label = SCHEMA.label_of(node_id)
            if label is None:
                raise SearchError(f"not a node id: {node_id!r}")
            rows = self._store.read_records(
                f"MATCH (e:{label} {{id: $id}})-[r]-() RETURN DISTINCT r.source_id AS s", {"id": node_id}
            )
            sources.update(r["s"] for r in rows)
        return sorted(sources)

    def close(self) -> None:
        """Nothing to release: queries run on the store's own driver."""

"""Full-text search over the stored documents: one backend per store (see base.TextSearch)."""

from __future__ import annotations

from graph.search.base import SearchError, SearchFilters, SearchHit, Snippet, TextSearch
from graph.store import GraphStore

__all__ = ["SearchError", "SearchFilters", "SearchHit", "Snippet", "TextSearch", "search_for"]


def search_for(store: GraphStore) -> TextSearch:
    """The search backend of an open store: SQLite FTS5 beside the embedded store, the server's
    full-text index on Neo4j. A corrected view (graph/corrected.py) searches its raw store: search
    finds documents, which corrections never hide."""
    from graph.corrected import CorrectedStore
    from graph.embedded import EmbeddedStore

    if isinstance(store, CorrectedStore):
        store = store.raw

    if isinstance(store, EmbeddedStore):
        from graph.search.embedded_search import EmbeddedSearch

        return EmbeddedSearch(store)
    from graph.neo4j_store import Neo4jStore

    if isinstance(store, Neo4jStore):
        from graph.search.neo4j_search import Neo4jSearch

        return Neo4jSearch(store)
    raise SearchError(f"full-text search is not available for {type(store).__name__}")

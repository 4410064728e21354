"""A search as a user asks it (entity names, not ids), answered the same for the CLI and the app."""

from __future__ import annotations

from collections.abc import Sequence

from graph.analysis.name_lookup import resolve_in_store
from graph.search import SearchFilters, SearchHit, search_for
from graph.store import GraphStore

DEFAULT_LIMIT = 20
MAX_LIMIT = 500


def ask_search(
    store: GraphStore,
    query: str,
    since: str | None = None,
    until: str | None = None,
    media_types: Sequence[str] = (),
    entities: Sequence[str] = (),
    claim_types: Sequence[str] = (),
    limit: int = DEFAULT_LIMIT,
) -> list[SearchHit]:
    """Documents matching `query`, best first. `entities` are names or ids, resolved as the
    analysis questions resolve them (an unknown or ambiguous name raises AnalysisError); a
    document passes when a claim of it touches any of them."""
    entity_ids = tuple(resolve_in_store(store, name).id for name in entities if name.strip())
    filters = SearchFilters(
        since or None,
        until or None,
        tuple(t for t in media_types if t),
        entity_ids,
        tuple(t for t in claim_types if t),
    )
    backend = search_for(store)
    try:
        return backend.search(query, filters, max(1, min(int(limit), MAX_LIMIT)))
    finally:
        backend.close()

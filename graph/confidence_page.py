"""One page of claims in review order (lowest confidence first, then id), as both stores read it.

The review queue shows a few dozen of possibly millions of claims: each store sorts and cuts in its
database (`claims_by_confidence`) so only the page leaves it. The filter is the same Cypher on
LadybugDB and Neo4j, so it is written here once.
"""

from __future__ import annotations

from typing import Any

ORDER = "r.confidence, r.id"  # ties on confidence are broken by id, as `sort_key` does
NO_STATUS = ""  # the `status` that selects claims nobody has reviewed yet (stored status null)


def page_filter(status: str | None, source_id: str | None) -> tuple[str, dict[str, Any]]:
    """A WHERE condition on claim `r` (true when nothing is asked) and its parameters."""
    clauses, params = [], {}
    if status is not None:
        clauses.append(f"coalesce(r.status, '{NO_STATUS}') = $status")
        params["status"] = status
    if source_id:
        clauses.append("r.source_id = $source_id")
        params["source_id"] = source_id
    return " AND ".join(clauses) or "true", params


def sort_key(claim) -> tuple[float, str]:
    return claim.confidence, claim.id

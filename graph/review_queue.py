"""Claims as a reviewer sees them: lowest confidence first, with their ends' names, the source's
title and the review status. Shared by `kflow review list`, the app's review queue and claims.csv."""

from __future__ import annotations

from collections.abc import Iterable

from graph.confidence_page import NO_STATUS
from graph.corrected import raw_store
from graph.model import Claim
from graph.schema import SCHEMA
from graph.store import GraphStore

REVIEWED_TYPES = list(SCHEMA.analysed_types)  # not the bookkeeping MENTIONS
EXTRACTED = "extracted"  # how a claim with no status is shown


def status_of(claim: Claim) -> str:
    return claim.status or EXTRACTED


def review_claims(
    store: GraphStore,
    status: str | None = None,
    source_id: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> list[Claim]:
    """Stored claims (rejected ones too), lowest confidence first, `limit` from `offset`; `status`
    'extracted' means none yet. The store sorts and pages, so a large store sends only the page."""
    wanted = NO_STATUS if status == EXTRACTED else status or None
    return raw_store(store).claims_by_confidence(REVIEWED_TYPES, wanted, source_id, limit, offset)


def review_count(store: GraphStore, status: str | None = None, source_id: str | None = None) -> int:
    """How many claims `review_claims` pages through, so a page can say "26-50 of N"."""
    wanted = NO_STATUS if status == EXTRACTED else status or None
    return raw_store(store).count_by_confidence(REVIEWED_TYPES, wanted, source_id)


def labelled_rows(store: GraphStore, claims: Iterable[Claim]) -> list[dict]:
    """Each claim as a flat row with `from_name`, `to_name`, `source_title` and `status` added."""
    claims = list(claims)
    ids = sorted({n for c in claims for n in (c.from_id, c.to_id)})
    nodes = raw_store(store).neighbourhood(ids, hops=0).nodes if ids else {}
    titles = {s.id: s.props.get("title") or s.name for s in raw_store(store).sources()}
    rows = []
    for claim in claims:
        row = claim.to_row()
        row["from_name"] = nodes[claim.from_id].name if claim.from_id in nodes else claim.from_id
        row["to_name"] = nodes[claim.to_id].name if claim.to_id in nodes else claim.to_id
        row["source_title"] = titles.get(claim.source_id, claim.source_id)
        row["status"] = status_of(claim)
        rows.append(row)
    return rows


def review_rows(
    store: GraphStore,
    status: str | None = None,
    source_id: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> list[dict]:
    return labelled_rows(store, review_claims(store, status, source_id, limit, offset))

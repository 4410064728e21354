"""What the Overview page reports about a store: size, sources, brokers, date span, what to review."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboards.analysis import brokers
from graph.hidden_counts import HiddenCounts, hidden_counts
from graph.model import Claim, Node
from graph.schema import SCHEMA
from graph.store import Counts, GraphStore

REVIEW_BELOW = 0.6
MAX_CLAIMS_FOR_BROKERS = 50_000


@dataclass
class Overview:
    counts: Counts
    sources: list[Node]
    earliest: list[Claim] = field(default_factory=list)
    latest: list[Claim] = field(default_factory=list)
    brokers: list[tuple[str, float]] = field(default_factory=list)
    review: list[Claim] = field(default_factory=list)
    brokers_skipped: bool = False
    hidden: HiddenCounts = field(default_factory=HiddenCounts)  # what corrections leave out


def overview(
    store: GraphStore, decided: set[str] = frozenset(), review_below: float = REVIEW_BELOW, n: int = 5
) -> Overview:
    """Everything the Overview page shows; claims already reviewed (a status from the corrections
    layer, or among the `decided` ids of the old side file) drop out of the review list."""
    counts = store.counts()
    result = Overview(counts, store.sources(), hidden=hidden_counts(store))
    claims = [c for c in store.claims(types=[t for t in counts.claims if t in SCHEMA.analysed_types])]
    dated = sorted((c for c in claims if c.date_start), key=lambda c: (c.date_start, c.id))
    result.earliest = dated[:n]
    result.latest = sorted(dated, key=lambda c: (c.date_end or c.date_start, c.id), reverse=True)[:n]
    result.review = sorted(
        (c for c in claims if c.confidence < review_below and c.id not in decided and c.status is None),
        key=lambda c: (c.confidence, c.id),
    )
    if len(claims) <= MAX_CLAIMS_FOR_BROKERS:
        result.brokers = brokers(claims)
    else:
        result.brokers_skipped = True
    return result

"""How much of the record speaks about a body in a period: the caveat a silence or a first date needs.

"No action on record" after knowing is only a finding when sources keep talking about the body
afterwards; when a single source mentions it at all, the silence is the record's, not the body's.
Likewise a first-knowledge date resting on one source may simply be the first one written down.
Coverage counts the distinct sources with dated evidence about the body in the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.date_windows import interval
from graph.schema import SCHEMA

THIN = 2  # fewer sources than this about a body in a period: too few to read a silence or a first date
DERIVED = SCHEMA.edges_with("derived")


@dataclass(frozen=True)
class Coverage:
    """Distinct sources with dated claims about `body` in `period` (e.g. "from 2002 on")."""

    sources: int
    period: str

    @property
    def thin(self) -> bool:
        return self.sources < THIN

    def to_dict(self) -> dict[str, Any]:
        return {"sources": self.sources, "period": self.period, "thin": self.thin}


def sources_about(G: nx.MultiDiGraph, body: str, start: date | None = None, end: date | None = None) -> int:
    """Distinct sources of G's dated, non-derived claims touching `body` whose dates meet [start, end]."""
    found = set()
    for edges in (G.out_edges(body, data="claim"), G.in_edges(body, data="claim")):
        for _, _, claim in edges:
            span = interval(claim)
            if claim.type in DERIVED or span is None:
                continue
            if (start and span[1] < start) or (end and span[0] > end):
                continue
            found.add(claim.source_id)
    return len(found)


def silence_caveat(name: str, coverage: Coverage) -> str | None:
    """What a thin record means for a silence, in one sentence; None when the record is not thin."""
    if not coverage.thin:
        return None
    said = "no source says" if coverage.sources == 0 else "only 1 source says"
    return (
        f"thin evidence: {said} anything dated about {name} {coverage.period}; no action on record may mean no record"
    )


def first_caveat(name: str, coverage: Coverage) -> str | None:
    """What a thin record means for a first-knowledge date; None when the record is not thin."""
    if not coverage.thin:
        return None
    return (
        f"thin evidence: only {coverage.sources} source dates anything about {name} {coverage.period}; "
        "earlier knowledge may simply be unrecorded"
    )

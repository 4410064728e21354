"""Timelines: every dated claim in order, with its date as precise as the evidence allows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.date_bounds import window
from graph.analysis.date_windows import claim_date, describe, interval, overlaps
from graph.analysis.evidence import TopicMatcher, claim_dict, node_name
from graph.analysis.name_lookup import BODY_LABELS, resolve_in_graph
from graph.model import Claim
from graph.schema import SCHEMA

NOT_EVENTS = SCHEMA.edges_with("derived")
DATING_TYPES = SCHEMA.edges_with("dates_document")


@dataclass
class Entry:
    claim: Claim
    date: str
    from_name: str
    to_name: str

    def to_dict(self, G: nx.MultiDiGraph | None = None) -> dict[str, Any]:
        return claim_dict(self.claim, G)


def timeline(
    G: nx.MultiDiGraph,
    body: str | None = None,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[Entry]:
    """Dated claims of G in date order (start, then end), optionally about one body and/or topic.

    A claim is in the window when its date interval overlaps [since, until] (YYYY, YYYY-MM or
    YYYY-MM-DD, read as `date_bounds.window` does). Undated claims are left out: a timeline cannot
    place them.

    Raises
    ------
    NodeNotFound, AmbiguousName : `body` designates no body, or several.
    DateWindowError : a bound is not a date, or the window ends before it starts.
    """
    since, until = window(since, until)
    body_id = resolve_in_graph(G, body, BODY_LABELS) if body else None
    matcher = TopicMatcher(G, topic)
    entries = []
    for u, v, claim in G.edges(data="claim"):
        span = interval(claim)
        if span is None or claim.type in NOT_EVENTS or not overlaps(span, since, until):
            continue
        if body_id and body_id not in (u, v):
            continue
        if not matcher.claim(claim):
            continue
        entries.append(Entry(claim, claim_date(claim), node_name(G, u), node_name(G, v)))
    return sorted(entries, key=lambda e: (*interval(e.claim), e.claim.type, e.claim.id))


def document_date(G: nx.MultiDiGraph, document: str) -> tuple[date, date, str] | None:
    """When a document came to be: its own date, else its earliest published/authored/sent/commissioned claim.

    Returns (start, end, readable date) or None when nothing dates it.
    """
    doc_id = resolve_in_graph(G, document, ("Report",))
    props = G.nodes[doc_id].get("props", {})
    if props.get("date_start"):
        start, end = props["date_start"], props.get("date_end") or props["date_start"]
        return date.fromisoformat(start), date.fromisoformat(end), describe(start, end, props.get("date_precision"))
    dated = [c for _, _, c in G.in_edges(doc_id, data="claim") if c.type in DATING_TYPES and interval(c)]
    if not dated:
        return None
    first = min(dated, key=lambda c: (interval(c)[1], interval(c)[0], c.id))
    return (*interval(first), claim_date(first))

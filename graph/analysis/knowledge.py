"""First knowledge: the earliest dated evidence that a body had information about a topic."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.coverage import Coverage, first_caveat, sources_about
from graph.analysis.date_windows import claim_date, interval
from graph.analysis.evidence import TopicMatcher, claim_dict, node_name
from graph.analysis.flows import FlowPath, Hop, merge_same_route, upstream
from graph.analysis.name_lookup import BODY_LABELS, resolve_in_graph
from graph.model import Claim
from graph.schema import SCHEMA

KNOWING_TYPES = SCHEMA.edges_with("dates_knowledge")
NO_EVIDENCE = "no evidence found"
ON_TOPIC_BASIS = "documents on the topic received at the same time"
DATE_ONLY_BASIS = (
    "documents received at the same time (date overlap only; the evidence does not say they were on the topic)"
)


@dataclass
class Knowledge:
    """The answer to "when did `body` first know about `topic`?", with its evidence.

    `claim` is the first-knowledge claim (None when `found` is False); `supporting` are all claims
    that could place knowledge at that same time (dates overlapping it), and `independent_sources`
    counts their distinct source documents. `possibly_earlier` are vaguer claims whose interval
    starts earlier but may also be later (e.g. "between 1998 and 2005"). `chain` shows how the
    information reached the body; `chain_basis` says why those documents are linked to it.
    """

    body: str
    body_name: str
    topic: str | None
    claim: Claim | None = None
    supporting: list[Claim] = field(default_factory=list)
    possibly_earlier: list[Claim] = field(default_factory=list)
    chain: list[FlowPath] = field(default_factory=list)
    chain_basis: str | None = None
    undated: list[Claim] = field(default_factory=list)
    coverage: Coverage | None = None  # sources dating anything about the body up to the answer

    @property
    def caveat(self) -> str | None:
        """When the answer rests on a thin record: earlier knowledge may be unrecorded."""
        return first_caveat(self.body_name, self.coverage) if self.coverage else None

    @property
    def found(self) -> bool:
        return self.claim is not None

    @property
    def linked_by_date_only(self) -> bool:
        """The chain's documents are tied to the knowledge only by a shared date, not by topic."""
        return self.chain_basis == DATE_ONLY_BASIS

    @property
    def date(self) -> str:
        return claim_date(self.claim) if self.claim else NO_EVIDENCE

    @property
    def year(self) -> int | None:
        return date.fromisoformat(self.claim.date_start).year if self.claim else None

    @property
    def independent_sources(self) -> int:
        return len({c.source_id for c in self.supporting})

    def to_dict(self, G: nx.MultiDiGraph | None = None) -> dict[str, Any]:
        return {
            "body": self.body,
            "body_name": self.body_name,
            "topic": self.topic,
            "found": self.found,
            "answer": self.date if self.found else NO_EVIDENCE,
            "claim": claim_dict(self.claim, G) if self.claim else None,
            "independent_sources": self.independent_sources,
            "coverage": self.coverage.to_dict() if self.coverage else None,
            "caveat": self.caveat,
            "supporting": [claim_dict(c, G) for c in self.supporting],
            "possibly_earlier": [claim_dict(c, G) for c in self.possibly_earlier],
            "chain_basis": self.chain_basis,
            "chain_by_date_only": self.linked_by_date_only,
            "chain": [p.to_dict(G) for p in self.chain],
            "undated": [claim_dict(c, G) for c in self.undated],
        }


def knowing_claims(G: nx.MultiDiGraph, body: str, matcher: TopicMatcher) -> list[Claim]:
    """Claims by which `body` had information on the topic: it received, authored, commissioned,
    knew about or sent (one cannot send what one does not have) something concerning it."""
    return [c for _, _, c in G.out_edges(body, data="claim") if c.type in KNOWING_TYPES and matcher.claim(c)]


def first_knowledge(G: nx.MultiDiGraph, body: str, topic: str | None = None, max_chain_hops: int = 3) -> Knowledge:
    """When `body` first knew about `topic` (anything at all when None), and how it came to know.

    "First" is the claim whose date interval *ends* earliest, then starts earliest: the earliest
    date by which the evidence shows the body knew. A vaguer claim that might be earlier
    ("between 1998 and 2005") is reported in `possibly_earlier`, not taken as the answer.

    The chain: when the first claim is about a document (received, authored...), the flows that
    brought that document, ending at the body. When it is bare knowledge of a topic (KNEW_ABOUT),
    the documents the body received at a date overlapping it, and their flows, marked as linked by
    date only.

    Returns
    -------
    Knowledge; when nothing is found its `found` is False and `date` reads "no evidence found".

    Raises
    ------
    NodeNotFound, AmbiguousName : `body` designates no body, or several.
    """
    body_id = resolve_in_graph(G, body, BODY_LABELS)
    matcher = TopicMatcher(G, topic)
    claims = knowing_claims(G, body_id, matcher)
    answer = Knowledge(body_id, node_name(G, body_id), topic)
    answer.undated = sorted((c for c in claims if interval(c) is None), key=lambda c: c.id)
    dated = sorted((c for c in claims if interval(c) is not None), key=lambda c: (interval(c)[1], interval(c)[0], c.id))
    if not dated:
        return answer
    first = answer.claim = dated[0]
    start, end = interval(first)
    answer.supporting = [c for c in dated if interval(c)[0] <= end and interval(c)[1] >= start]
    answer.possibly_earlier = [c for c in dated if interval(c)[0] < start and c not in answer.supporting]
    answer.coverage = Coverage(sources_about(G, body_id, end=end), f"up to {claim_date(first)}")
    answer.chain, answer.chain_basis = _chain(G, body_id, first, matcher, max_chain_hops)
    return answer


def _chain(G, body_id, first, matcher, max_hops) -> tuple[list[FlowPath], str | None]:
    start, end = interval(first)
    object_label = SCHEMA.label_of(first.to_id)
    if object_label == "Report" and SCHEMA.flow(first.type, object_label) == "backward":
        return merge_same_route(_through(G, body_id, first, max_hops)), "the document itself"
    if object_label != "Topic":
        return [], None
    receipts = [
        c
        for _, _, c in G.out_edges(body_id, data="claim")
        if c.type in SCHEMA.receipt_types and interval(c) and interval(c)[0] <= end and interval(c)[1] >= start
    ]
    about = [c for c in receipts if matcher.claim(c)]
    chosen, basis = (about, ON_TOPIC_BASIS) if about else (receipts, DATE_ONLY_BASIS)
    paths = merge_same_route([p for c in sorted(chosen, key=lambda c: c.id) for p in _through(G, body_id, c, max_hops)])
    return paths, basis if paths else None


def _through(G, body_id, receipt: Claim, max_hops: int) -> list[FlowPath]:
    """Flows into the document of `receipt`, each completed with the receipt hop to the body."""
    document = receipt.to_id
    last = Hop(document, body_id, receipt, node_name(G, document), node_name(G, body_id))
    before = (
        upstream(G, document, interval(receipt)[1], max_hops=max_hops - 1, stop_at=frozenset({body_id}))
        if max_hops > 1
        else []
    )
    chains = [
        FlowPath([*p.hops, last], interval(receipt)[0] if p.arrival is None else max(p.arrival, interval(receipt)[0]))
        for p in before
    ]
    return chains or [FlowPath([last], interval(receipt)[0])]

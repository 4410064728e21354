"""The app's one door to flow analysis: the page questions are the library's question layer
(`graph.analysis.questions`, which the CLI asks too); what is only the app's (links and volumes for
the Sankey chart) is here."""

from __future__ import annotations

from collections import Counter, defaultdict

from graph.analysis import AnalysisError, FlowPath, GapsReport, flow_graph, load_claims_graph
from graph.analysis.date_bounds import window
from graph.analysis.knowledge import Knowledge
from graph.analysis.name_lookup import BODY_LABELS
from graph.analysis.questions import ask_first_knowledge, ask_gaps, ask_timeline, ask_trace, broker_ranking
from graph.analysis.subgraph import FLOW_TYPES
from graph.model import Claim
from graph.schema import SCHEMA
from graph.store import GraphStore

__all__ = [
    "chronology_claims",
    "AnalysisError",
    "BODY_LABELS",
    "FLOW_TYPES",
    "FlowPath",
    "flow_paths",
    "topic_gaps",
    "body_knowledge",
    "brokers",
    "link_evidence",
    "flow_volumes",
    "flow_claims",
]


def flow_paths(
    store: GraphStore,
    source: str,
    target: str,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    allow_undated: bool = False,
    limit: int = 10,
    min_grade: str | None = None,
) -> list[FlowPath]:
    """Time-respecting flows of information from `source` to `target` (ids), shortest first; with
    `min_grade`, on evidence graded at least that alone."""
    return ask_trace(store, source, target, topic, since, until, allow_undated, limit, min_grade).result


def topic_gaps(store: GraphStore, topic: str, min_grade: str | None = None) -> GapsReport:
    """Per body: first knowledge of `topic` (id) and the time to its first later action, or silence;
    with `min_grade`, on evidence graded at least that alone."""
    return ask_gaps(store, topic, min_grade).result


def body_knowledge(store: GraphStore, body: str, topic: str | None = None) -> Knowledge:
    """When `body` (id) first knew about `topic` (id; anything when None), on what evidence, and how."""
    return ask_first_knowledge(store, body, topic).result


def brokers(claims: list[Claim], top: int = 10) -> list[tuple[str, float]]:
    """(body id, betweenness) of the bodies most flows pass through, highest first."""
    return broker_ranking(claims, top)


def link_evidence(claims: list[Claim]) -> dict[tuple[str, str], list[Claim]]:
    """Body -> body links of the flow graph (information passed in one document or one commission),
    each with the claims that make it up: the sender's and the recipient's."""
    G = load_claims_graph(None, claims, with_nodes=False)
    F = flow_graph(G)
    body = {n: d.get("label") in BODY_LABELS for n, d in F.nodes(data=True)}
    links: dict[tuple[str, str], dict[str, Claim]] = defaultdict(dict)
    for u, v, claim in F.edges(data="claim"):
        if not body.get(u):
            continue
        if body.get(v):
            links[(u, v)][claim.id] = claim
            continue
        for _, w, onward in F.out_edges(v, data="claim"):
            if body.get(w) and w != u:
                links[(u, w)].update({claim.id: claim, onward.id: onward})
    return {pair: sorted(found.values(), key=lambda c: (c.date_start or "9999", c.id)) for pair, found in links.items()}


def flow_volumes(claims: list[Claim]) -> Counter[tuple[str, str]]:
    """How many claims support each body -> body link."""
    return Counter({pair: len(found) for pair, found in link_evidence(claims).items()})


def flow_claims(
    store: GraphStore, claims: list[Claim], body: str | None, since: str | None = None, until: str | None = None
) -> list[Claim]:
    """The claims a flows chart of `body` needs: its own, and the other side of each document it
    sent or received (who sent what it received, who received what it sent). Without the other
    side a body's document flows vanish and only its commissions remain, drawn as if its
    information went out when it came in."""
    if body is None:
        return claims
    since, until = window(since, until)
    documents = sorted(
        {
            c.to_id
            for c in claims
            if c.from_id == body and c.type in SCHEMA.transfer_types and SCHEMA.label_of(c.to_id) == "Report"
        }
    )
    if not documents:
        return claims
    found = {c.id: c for c in claims}
    for claim in store.claims_touching(documents, list(SCHEMA.transfer_types), since, until):
        found.setdefault(claim.id, claim)
    return list(found.values())


def chronology_claims(
    store: GraphStore,
    body: str | None = None,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[Claim]:
    """Dated claims in date order, about a body (id) and/or concerning a topic (id)."""
    return [entry.claim for entry in ask_timeline(store, body, topic, since, until).result]

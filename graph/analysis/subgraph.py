"""From the store to networkx: build a MultiDiGraph from a `Subgraph`, and load only what a question needs.

Each loader asks the store for a bounded neighbourhood (never the whole store): flow claims
around the bodies a question names, expanded hop by hop, then the CONCERNS claims of the
documents found, and finally the nodes, in one request. Topic nodes are reached but never
expanded: a topic is a hub that reaches every body that ever knew of it.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.model import Claim, Node
from graph.schema import SCHEMA
from graph.store import GraphStore, Subgraph

FLOW_TYPES = SCHEMA.edges_with("flow")
TOPIC_TYPES = SCHEMA.edges_with("links_topic")
# About-a-topic claims from a document, as opposed to a body's knowledge (CONCERNS).
_ABOUT_TYPES = tuple(t for t in TOPIC_TYPES if "Report" in SCHEMA.edges[t].from_labels)
_EXPANDED_TYPES = list(SCHEMA.handling_types)
# What a question expands along: documents handled (flows and actions) and what bodies knew.
QUESTION_TYPES = [*_EXPANDED_TYPES, *(t for t in FLOW_TYPES if t not in _EXPANDED_TYPES)]
_HANDLER_LABELS = (*SCHEMA.actor_labels, "Report")


def to_networkx(sub: Subgraph, G: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """A MultiDiGraph of a store Subgraph (or merged into `G`).

    Nodes carry `label`, `name`, `aliases`, `props`; each claim is one edge from subject to
    object, keyed by claim id, with the `Claim` under `claim` and its type under `type`.

    Examples
    --------
    >>> from graph.model import Node, Claim
    >>> sub = Subgraph({"agency:a": Node("agency:a", "Agency", "Agency A"), "report:r": Node("report:r", "Report", "R")})
    >>> c = Claim("SENT", "agency:a", "report:r", "source:s", "Agency A sent R.", 0, 16, 0.9, "test")
    >>> sub.claims[c.id] = c
    >>> G = to_networkx(sub)
    >>> G.nodes["agency:a"]["name"], list(G.edges(keys=True))[0][2] == c.id
    ('Agency A', True)
    """
    G = nx.MultiDiGraph() if G is None else G
    for node in sub.nodes.values():
        add_node(G, node)
    for claim in sub.claims.values():
        add_claim(G, claim)
    return G


def add_node(G: nx.MultiDiGraph, node: Node) -> None:
    G.add_node(node.id, label=node.label, name=node.name, aliases=list(node.aliases), props=dict(node.props))


def add_claim(G: nx.MultiDiGraph, claim: Claim) -> None:
    """One claim as one edge; an end not loaded as a node still gets its label from its id prefix."""
    for end in (claim.from_id, claim.to_id):
        if end not in G:
            G.add_node(end, label=_label(end), name=end, aliases=[], props={})
    G.add_edge(claim.from_id, claim.to_id, key=claim.id, claim=claim, type=claim.type)


def _label(node_id: str) -> str | None:
    return SCHEMA.label_of(node_id)


def claims_touching(
    store: GraphStore, ids: Iterable[str], edge_types: Iterable[str], since: str | None = None, until: str | None = None
) -> list[Claim]:
    """Claims with an end in `ids`, without fetching any node (one hop of an expansion)."""
    ids = sorted(set(ids))
    return store.claims_touching(ids, list(edge_types), since, until) if ids else []


def expand(
    store: GraphStore,
    seeds: Iterable[str],
    edge_types: Iterable[str],
    hops: int,
    since: str | None = None,
    until: str | None = None,
    max_nodes: int = 5000,
) -> dict[str, Claim]:
    """Claims within `hops` of `seeds`, hop by hop; Topic nodes are reached but never expanded
    (a topic is a hub), and expansion stops growing once `max_nodes` nodes are reached."""
    seen, frontier, found = set(seeds), set(seeds), {}
    for _ in range(max(hops, 0)):
        frontier = {n for n in frontier if _label(n) != "Topic"}
        if not frontier or len(seen) >= max_nodes:
            break
        new: set[str] = set()
        for claim in claims_touching(store, frontier, edge_types, since, until):
            found.setdefault(claim.id, claim)
            new.update({claim.from_id, claim.to_id} - seen)
        frontier = set(sorted(new)[: max(max_nodes - len(seen), 0)])
        seen |= frontier
    return {k: c for k, c in found.items() if c.from_id in seen and c.to_id in seen}


def build(store: GraphStore, claims: dict[str, Claim], extra_ids: Iterable[str] = ()) -> nx.MultiDiGraph:
    """A graph of `claims` whose nodes are fetched from the store in one request (names, titles, aliases)."""
    ids = sorted({c.from_id for c in claims.values()} | {c.to_id for c in claims.values()} | set(extra_ids))
    G = to_networkx(store.neighbourhood(ids, hops=0) if ids else Subgraph())
    for claim in claims.values():
        add_claim(G, claim)
    return G


def extend(
    G: nx.MultiDiGraph,
    store: GraphStore,
    ids: Iterable[str],
    edge_types: Iterable[str],
    hops: int = 1,
    since: str | None = None,
    until: str | None = None,
    max_nodes: int = 5000,
) -> nx.MultiDiGraph:
    """Merge the claims within `hops` of `ids` over `edge_types` into G, with their new nodes."""
    found = expand(store, ids, edge_types, hops, since, until, max_nodes)
    return _merge(G, store, found)


def _merge(G: nx.MultiDiGraph, store: GraphStore, claims: dict[str, Claim]) -> nx.MultiDiGraph:
    missing = sorted(({c.from_id for c in claims.values()} | {c.to_id for c in claims.values()}) - set(G))
    if missing:
        to_networkx(store.neighbourhood(missing, hops=0), G)
    for claim in claims.values():
        add_claim(G, claim)
    return G


def with_topic_layer(
    G: nx.MultiDiGraph, store: GraphStore, since: str | None = None, until: str | None = None
) -> nx.MultiDiGraph:
    """Add the CONCERNS and KNEW_ABOUT claims touching the bodies and reports already in G (one layer)."""
    return extend(G, store, _labelled(G, _HANDLER_LABELS), TOPIC_TYPES, 1, since, until)


def load_flow_graph(
    store: GraphStore,
    node_ids: Iterable[str],
    hops: int = 2,
    since: str | None = None,
    until: str | None = None,
    max_nodes: int = 5000,
    topic: bool = True,
) -> nx.MultiDiGraph:
    """What `trace` needs: flow claims (KNEW_ABOUT included) within `hops` of both ends, and with
    `topic` the CONCERNS claims of the documents found, to tell which concern a topic.

    Loading `hops` around both ends finds every flow path of up to 2 x `hops` edges: each node
    of such a path is within `hops` of one end or the other. The default (2) reaches paths of
    four edges, e.g. body -> document -> body -> document -> body; pass more for longer chains
    (each hop multiplies what is loaded by the typical degree).
    """
    node_ids = list(node_ids)
    found = expand(store, node_ids, QUESTION_TYPES, hops, since, until, max_nodes)
    if topic:
        reports = {n for c in found.values() for n in (c.from_id, c.to_id) if _label(n) == "Report"}
        found.update(expand(store, reports, _ABOUT_TYPES, 1, since, until, max_nodes))
    return build(store, found, node_ids)


def load_body_graph(store: GraphStore, body_id: str, max_nodes: int = 5000) -> nx.MultiDiGraph:
    """What `first_knowledge` needs: the documents a body handled and topics it knew, who else
    handled those documents, their topics, and who had commissioned the bodies that sent or
    wrote them (the third hop upstream, fetched only for those bodies)."""
    found = expand(store, [body_id], QUESTION_TYPES, 2, max_nodes=max_nodes)
    documents = {c.to_id for c in found.values() if c.from_id == body_id and _label(c.to_id) == "Report"}
    documents |= {c.from_id for c in found.values() if c.to_id == body_id and _label(c.from_id) == "Report"}
    found.update(expand(store, documents, _ABOUT_TYPES, 1, max_nodes=max_nodes))
    senders = {
        c.from_id
        for c in found.values()
        if c.to_id in documents and c.type in SCHEMA.origination_types and c.from_id != body_id
    }
    found.update(expand(store, senders, SCHEMA.engagement_types, 1, max_nodes=max_nodes))
    return build(store, found, [body_id])


def load_topic_graph(
    store: GraphStore,
    topic_ids: Iterable[str],
    since: str | None = None,
    until: str | None = None,
    max_nodes: int = 20_000,
) -> nx.MultiDiGraph:
    """What `gaps` and a topic timeline need: documents about the topics and the bodies that knew of
    them; every flow claim on those documents; then every document those bodies handled (their
    later actions may be on documents that only a sentence ties to the topic) and who else
    handled it, with the topics of all of these."""
    topic_ids = list(topic_ids)
    found = {c.id: c for c in claims_touching(store, topic_ids, TOPIC_TYPES, since, until)}
    found.update(expand(store, _ends(found, _HANDLER_LABELS), _EXPANDED_TYPES, 1, since, until, max_nodes))
    found.update(expand(store, _ends(found, SCHEMA.actor_labels), _EXPANDED_TYPES, 2, since, until, max_nodes))
    found.update(expand(store, _ends(found, _HANDLER_LABELS), TOPIC_TYPES, 1, since, until, max_nodes))
    return build(store, found, topic_ids)


def _ends(claims: dict[str, Claim], labels: tuple[str, ...]) -> set[str]:
    return {n for c in claims.values() for n in (c.from_id, c.to_id) if _label(n) in labels}


def _labelled(G: nx.MultiDiGraph, labels: tuple[str, ...]) -> list[str]:
    return [n for n, label in G.nodes(data="label") if label in labels]


def load_claims_graph(store: GraphStore, claims: Iterable[Claim], with_nodes: bool = True) -> nx.MultiDiGraph:
    """A graph of given claims, with their end nodes fetched in one request when `with_nodes`."""
    found = {c.id: c for c in claims}
    if with_nodes:
        return build(store, found)
    G = nx.MultiDiGraph()
    for claim in found.values():
        add_claim(G, claim)
    return G

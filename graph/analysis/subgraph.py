"""From the store to networkx: build a MultiDiGraph from a `Subgraph`, and load only what a question needs.

Each loader asks the store for a bounded neighbourhood (never the whole store): flow edges
around the bodies a question names, then one more layer of topic edges (CONCERNS, KNEW_ABOUT)
touching what was found. Topic edges are not expanded further because topics are hubs: one
topic reaches every body that ever knew of it.
"""

from __future__ import annotations

from typing import Iterable

import networkx as nx

from graph.model import Claim, Node
from graph.store import GraphStore, Subgraph

FLOW_TYPES = ("SENT", "RECEIVED", "COMMISSIONED", "AUTHORED", "CITES", "KNEW_ABOUT")
TOPIC_TYPES = ("CONCERNS", "KNEW_ABOUT")
_EXPANDED_TYPES = ["SENT", "RECEIVED", "COMMISSIONED", "AUTHORED", "CITES", "PUBLISHED"]


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
    from graph.schema import SCHEMA

    return SCHEMA.label_of(node_id)


def extend(G: nx.MultiDiGraph, store: GraphStore, ids: Iterable[str], edge_types: Iterable[str], hops: int = 1,
           since: str | None = None, until: str | None = None, max_nodes: int = 5000) -> nx.MultiDiGraph:
    """Merge the store's `hops`-neighbourhood of `ids` over `edge_types` into G."""
    ids = sorted(set(ids))
    if ids:
        to_networkx(store.neighbourhood(ids, hops=hops, since=since, until=until, edge_types=list(edge_types), max_nodes=max_nodes), G)
    return G


def with_topic_layer(G: nx.MultiDiGraph, store: GraphStore, since: str | None = None, until: str | None = None) -> nx.MultiDiGraph:
    """Add the CONCERNS and KNEW_ABOUT claims touching the bodies and reports already in G (one layer)."""
    return extend(G, store, _labelled(G, ("Agency", "Person", "Report")), TOPIC_TYPES, 1, since, until)


def load_flow_graph(store: GraphStore, node_ids: Iterable[str], hops: int = 3, since: str | None = None,
                    until: str | None = None, max_nodes: int = 5000) -> nx.MultiDiGraph:
    """What `trace` needs: flow edges within `hops` of the named nodes, then the topic layer.

    Loading `hops` around both ends finds every flow path of up to 2 x `hops` edges (such a path
    has a middle node within `hops` of one end or the other and every node within reach).
    """
    G = extend(nx.MultiDiGraph(), store, node_ids, _EXPANDED_TYPES, hops, since, until, max_nodes)
    return with_topic_layer(G, store, since, until)


def load_body_graph(store: GraphStore, body_id: str, hops: int = 3, max_nodes: int = 5000) -> nx.MultiDiGraph:
    """What `first_knowledge` needs: a body's flow neighbourhood (received document, its sender, who
    commissioned the sender: three hops upstream) plus the topic layer."""
    return load_flow_graph(store, [body_id], hops, max_nodes=max_nodes)


def load_topic_graph(store: GraphStore, topic_ids: Iterable[str], since: str | None = None, until: str | None = None,
                     max_nodes: int = 20_000) -> nx.MultiDiGraph:
    """What `gaps` and a topic timeline need: documents about the topics and the bodies that knew of
    them; every flow claim on those documents; then every document those bodies handled (their
    later actions may be on documents that only a sentence ties to the topic) and who else
    handled it, with the topics of all of these."""
    G = extend(nx.MultiDiGraph(), store, topic_ids, TOPIC_TYPES, 1, since, until, max_nodes)
    G = extend(G, store, _labelled(G, ("Agency", "Person", "Report")), _EXPANDED_TYPES, 1, since, until, max_nodes)
    G = extend(G, store, _labelled(G, ("Agency", "Person")), _EXPANDED_TYPES, 2, since, until, max_nodes)
    return with_topic_layer(G, store, since, until)


def _labelled(G: nx.MultiDiGraph, labels: tuple[str, ...]) -> list[str]:
    return [n for n, label in G.nodes(data="label") if label in labels]


def load_claims_graph(store: GraphStore, claims: Iterable[Claim], with_nodes: bool = True) -> nx.MultiDiGraph:
    """A graph of given claims, with their end nodes fetched (names, labels) when `with_nodes`."""
    G = nx.MultiDiGraph()
    claims = list(claims)
    if with_nodes:
        ends = sorted({c.from_id for c in claims} | {c.to_id for c in claims})
        for node_id in ends:
            node = store.get_node(node_id)
            if node is not None:
                add_node(G, node)
    for claim in claims:
        add_claim(G, claim)
    return G

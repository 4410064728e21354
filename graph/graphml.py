"""GraphML of a subgraph or a whole store, for Gephi, yEd, networkx and JGraphT.

Why these names: Gephi shows a node's `label` key as its label, so `label` is the node's name
(also `name`; the kflow node type is `node_type`) and an edge's `label` is its claim type (also `claim_type`).
One key per name and type: Report's flag `published` is written `is_published` (as in the RDF
export, kflow:isPublished), because Source's `published` is a date and two keys named
`published` confuse readers. Booleans are GraphML's `true`/`false` (networkx writes `False`).
Aliases are joined with `|`, as `kflow import` splits them. A Source's full text is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO, Any

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from graph.model import Claim, Node
from graph.store import GraphStore, Subgraph

ALIAS_SEPARATOR = "|"
RENAMED = {("Report", "published"): "is_published"}
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class _BooleanGraphMLWriter(GraphMLWriter):
    """networkx's writer with GraphML's spelling of booleans (`true`, not `True`)."""

    def add_data(self, name, element_type, value, scope="all", default=None):  # noqa: ANN001, ANN201 (networkx API)
        element = super().add_data(name, element_type, value, scope, default)
        if element_type is bool:  # networkx passes str(value) here: "True" / "False"
            element.text = element.text.lower()
        return element


def node_attributes(node: Node) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "label": node.name,
        "name": node.name,
        "node_type": node.label,
        "aliases": ALIAS_SEPARATOR.join(node.aliases),
    }
    for key, value in node.props.items():
        if key != "text" and value is not None:
            attrs[RENAMED.get((node.label, key), key)] = value
    return _clean(attrs)


def claim_attributes(claim: Claim) -> dict[str, Any]:
    attrs = {k: v for k, v in claim.to_row().items() if k not in ("from_id", "to_id", "type") and v is not None}
    return _clean({"label": claim.type, "claim_type": claim.type, **attrs})


def graph_of(nodes: Iterable[Node], claims: Iterable[Claim]) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for node in nodes:
        G.add_node(node.id, **node_attributes(node))
    for claim in claims:
        if claim.from_id in G and claim.to_id in G:
            G.add_edge(claim.from_id, claim.to_id, key=claim.id, **claim_attributes(claim))
    return G


def write_graphml(G: nx.MultiDiGraph, out: IO[bytes]) -> None:
    writer = _BooleanGraphMLWriter(encoding="utf-8", named_key_ids=False)
    writer.add_graph_element(G)
    writer.dump(out)


def subgraph_graphml(sub: Subgraph, out: IO[bytes]) -> None:
    """The Explore selection."""
    write_graphml(graph_of(sub.nodes.values(), sub.claims.values()), out)


def store_graphml(store: GraphStore, out: IO[bytes]) -> tuple[int, int]:
    """The whole store (held in memory while written); the numbers of nodes and edges."""
    nodes = [n for batch in store.iter_nodes() for n in batch]
    claims = [c for batch in store.iter_claims() for c in batch]
    G = graph_of(nodes, claims)
    write_graphml(G, out)
    return G.number_of_nodes(), G.number_of_edges()


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """Values GraphML can type (str, int, float, bool), strings free of XML-illegal characters."""
    return {
        k: _XML_ILLEGAL.sub("", v) if isinstance(v, str) else v
        for k, v in attrs.items()
        if isinstance(v, str | int | float | bool)
    }

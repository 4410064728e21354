"""Forgiving name resolution ("home office" finds the Home Office) that refuses to guess.

A name matches a node by id; else by its key (case, accents, punctuation and a leading "the"
ignored) equal to the key of the node's canonical name; else equal to the key of an alias;
else by key containment. The first tier with matches decides: one match is the answer,
several raise `AmbiguousName` listing them, none at all raise `NodeNotFound`.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.analysis.errors import AmbiguousName, NodeNotFound
from graph.analysis.suggest import closest, store_suggestions
from graph.model import Node, node_id
from graph.names import name_key
from graph.schema import SCHEMA
from graph.store import GraphStore

BODY_LABELS = SCHEMA.actor_labels


def resolve_in_store(store: GraphStore, name: str, labels: Iterable[str] | None = None) -> Node:
    """The one stored node `name` designates, among `labels` (all labels when None).

    Raises
    ------
    NodeNotFound
        nothing matches.
    AmbiguousName
        several nodes match equally well; `.candidates` lists them.
    """
    labels = tuple(labels) if labels else None
    direct = store.get_node(name) if ":" in name else None
    if direct is not None and (labels is None or direct.label in labels):
        return direct
    canonical = _canonical(store, name, labels or tuple(SCHEMA.nodes))
    if len(canonical) == 1:
        return canonical[0]
    found = [n for n in store.find_nodes(name, limit=50) if labels is None or n.label in labels]
    if not found:
        raise NodeNotFound(name, _one(labels), store_suggestions(store, name, labels))
    return _choose(
        name,
        [(n.id, n.label, n.name, [n.name, *n.aliases]) for n in found],
        labels,
        lambda i: next(n for n in found if n.id == i),
    )


def resolve_in_graph(G: nx.MultiDiGraph, name: str, labels: Iterable[str] | None = None) -> str:
    """The id of the one node of G that `name` designates (same rules as `resolve_in_store`).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("agency:home-dept", label="Agency", name="Home Department", aliases=[])
    >>> resolve_in_graph(G, "the home department")
    'agency:home-dept'
    """
    labels = tuple(labels) if labels else None
    if name in G and (labels is None or G.nodes[name].get("label") in labels):
        return name
    key = name_key(name)
    rows = [
        (n, d.get("label"), d.get("name", n), [d.get("name", n), *d.get("aliases", [])])
        for n, d in G.nodes(data=True)
        if labels is None or d.get("label") in labels
    ]
    matching = [r for r in rows if key and any(key in name_key(x) for x in r[3])]
    if not matching:
        raise NodeNotFound(name, _one(labels), closest(name, rows))
    return _choose(name, matching, labels, lambda i: i)


def _one(labels: tuple[str, ...] | None) -> str | None:
    return labels[0] if labels and len(labels) == 1 else None


def _canonical(store: GraphStore, name: str, labels: tuple[str, ...]) -> list[Node]:
    """Nodes whose canonical name has this key, found by id (ids are slugs of canonical names):
    an index lookup per label instead of a scan of every node's keys."""
    key = name_key(name)
    if not key:
        return []
    found = (store.get_node(node_id(label, name)) for label in labels if label in SCHEMA.nodes)
    return [n for n in found if n is not None and name_key(n.name) == key]


def _choose(name, rows, labels, result):
    key = name_key(name)
    canonical = [r for r in rows if name_key(r[2]) == key]
    exact = canonical or [r for r in rows if any(name_key(x) == key for x in r[3])]
    pool = exact or rows
    if not pool:
        raise NodeNotFound(name, _one(labels))
    if len(pool) > 1:
        raise AmbiguousName(name, sorted((r[0], r[1], r[2]) for r in pool))
    return result(pool[0][0])

"""A store's whole graph as sorted canonical JSON, to compare two stores (parity, sync)."""

from __future__ import annotations

import json

from graph.store import GraphStore


def export(store: GraphStore) -> tuple[list[str], list[str]]:
    """Every node and claim as canonical JSON, sorted; load times are not part of the graph."""
    nodes = []
    for batch in store.iter_nodes(50):
        for n in batch:
            props = {k: v for k, v in n.props.items() if k != "loaded_at"}
            nodes.append(
                json.dumps(
                    {"id": n.id, "label": n.label, "name": n.name, "aliases": n.aliases, "props": props}, sort_keys=True
                )
            )
    claims = [json.dumps(c.to_row(), sort_keys=True) for batch in store.iter_claims(50) for c in batch]
    return sorted(nodes), sorted(claims)

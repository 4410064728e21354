"""Trace-page logic: flows between two bodies as a drawable subgraph and a numbered list of hops."""

from __future__ import annotations

from dataclasses import dataclass

from dashboards.analysis import flow_paths
from graph.analysis import FlowPath
from graph.analysis.date_windows import claim_date
from graph.store import GraphStore, Subgraph


@dataclass
class Trace:
    flows: list[FlowPath]
    drawn: Subgraph


def trace(
    store: GraphStore,
    source: str,
    target: str,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    allow_undated: bool = False,
    min_grade: str | None = None,
) -> Trace:
    """The time-respecting flows from `source` to `target`, and the subgraph of just their hops."""
    flows = flow_paths(
        store, source, target, topic=topic, since=since, until=until, allow_undated=allow_undated, min_grade=min_grade
    )
    drawn = Subgraph()
    ids = {source, target}
    for path in flows:
        for hop in path.hops:
            drawn.claims[hop.claim.id] = hop.claim
            ids.update((hop.claim.from_id, hop.claim.to_id))
    for node_id in sorted(ids):
        node = store.get_node(node_id)
        if node is not None:
            drawn.nodes[node_id] = node
    return Trace(flows, drawn)


def hop_captions(result: Trace) -> dict[str, str]:
    """Edge captions for the drawn flows, matching the numbered list under the graph: `1.2 SENT 2002`
    is flow 1, hop 2 (a hop shared by several flows is named by its first)."""
    captions: dict[str, str] = {}
    for number, path in enumerate(result.flows, start=1):
        for step, hop in enumerate(path.hops, start=1):
            when = claim_date(hop.claim)
            captions.setdefault(hop.claim.id, f"{number}.{step} {hop.claim.type} {when}".strip())
    return captions

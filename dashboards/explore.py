"""Explore-page state: which nodes are in focus, which are hidden, what is selected, and the filters."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboards.graph_view import element_id
from graph.model import Claim
from graph.schema import SCHEMA
from graph.store import GraphStore, Subgraph

DEFAULT_EDGE_TYPES = list(SCHEMA.analysed_types)


@dataclass
class Focus:
    """What the investigator is looking at; kept in session_state between reruns and pages."""

    seeds: list[str] = field(default_factory=list)
    expanded: list[str] = field(default_factory=list)
    hidden: set[str] = field(default_factory=set)
    selected_node: str | None = None
    selected_claim: str | None = None
    # every claim of a clicked edge: one edge stands for all claims of one type between one pair
    selected_claims: list[str] = field(default_factory=list)

    def start(self, node_id: str) -> None:
        if self.seeds != [node_id]:
            self.seeds, self.expanded, self.hidden = [node_id], [], set()
            self.selected_node, self.selected_claim, self.selected_claims = node_id, None, []

    def apply(self, event: dict | None) -> None:
        """Fold a graph event (clicked_node, clicked_edge, expand, remove) into the focus."""
        if not event:
            return
        action, data = event.get("action"), event.get("data") or {}
        target = element_id(data["target_id"]) if data.get("target_id") else None
        node_ids = [element_id(n) for n in data.get("node_ids", [])]
        if action == "clicked_node":
            self.selected_node, self.selected_claim, self.selected_claims = target, None, []
        elif action == "clicked_edge":
            self.selected_claim = target
            self.selected_claims = [element_id(c) for c in data.get("claim_ids", [])] or [target]
        elif action == "expand":
            self.expanded += [n for n in node_ids if n not in self.expanded and n not in self.seeds]
            self.hidden -= set(node_ids)
        elif action == "remove":
            self.hidden |= set(node_ids) - set(self.seeds)


@dataclass(frozen=True)
class Filters:
    hops: int = 1
    edge_types: tuple[str, ...] = tuple(DEFAULT_EDGE_TYPES)
    since: str | None = None
    until: str | None = None
    max_nodes: int = 2000


def view(store: GraphStore, focus: Focus, filters: Filters) -> Subgraph:
    """The neighbourhood of the seeds at the chosen depth, plus one hop around each expanded node,
    minus what the investigator removed."""
    args = dict(
        since=filters.since, until=filters.until, edge_types=list(filters.edge_types), max_nodes=filters.max_nodes
    )
    sub = store.neighbourhood(focus.seeds, hops=filters.hops, **args)
    if focus.expanded:
        more = store.neighbourhood(focus.expanded, hops=1, **args)
        sub.nodes.update(more.nodes)
        sub.claims.update(more.claims)
    sub.nodes = {k: n for k, n in sub.nodes.items() if k not in focus.hidden}
    sub.claims = {k: c for k, c in sub.claims.items() if c.from_id in sub.nodes and c.to_id in sub.nodes}
    return sub


def node_claims(store: GraphStore, node_id: str, filters: Filters) -> list[Claim]:
    """Every claim about a node within the filters, earliest first (undated last)."""
    return store.claims(types=list(filters.edge_types), body=node_id, since=filters.since, until=filters.until)


def year_span(claims: list[Claim]) -> tuple[int, int] | None:
    years = [int(c.date_start[:4]) for c in claims if c.date_start] + [
        int(c.date_end[:4]) for c in claims if c.date_end
    ]
    return (min(years), max(years)) if years else None

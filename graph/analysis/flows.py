"""Flow paths: how information travelled between bodies, hop by dated hop.

Direction of information (what a path follows) is each edge type's `flow` in graph/schema.yaml,
from the claims' subject -> object: forward (SENT: sender -> document, COMMISSIONED, AUTHORED),
backward, traversed against the claim (RECEIVED: document -> recipient; CITES: cited -> citing
document, which carries what the cited one said to its readers and is written after it), or by
the object's label (KNEW_ABOUT: body -> topic, a sink; document -> body, like a receipt). Edge
types without a flow (PUBLISHED, MEMBER_OF, CONCERNS, MENTIONS) are not hops.

A path is a flow when its hops are time-respecting (see `graph.analysis.date_windows.after`): a date
can be picked inside each hop's interval, never decreasing along the path. Hops on the same day
(or in the same year, at year precision) may follow each other. Undated hops are left out
unless asked for; then they constrain nothing and are marked `undated`.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.date_bounds import window
from graph.analysis.date_windows import after, before, describe, interval, overlaps
from graph.analysis.errors import NodeNotFound
from graph.analysis.evidence import TopicMatcher, claim_dict, node_name
from graph.analysis.name_lookup import BODY_LABELS, resolve_in_graph
from graph.model import Claim
from graph.placeholders import is_placeholder
from graph.schema import SCHEMA

ENDPOINT_LABELS = (*BODY_LABELS, "Report")


@dataclass
class Hop:
    """One step of a flow: information moved from `source` to `target`, as `claim` says.
    `corroborating` holds other claims for the same step (other sources, or other dates)."""

    source: str
    target: str
    claim: Claim
    source_name: str = ""
    target_name: str = ""
    corroborating: list[Claim] = field(default_factory=list)

    @property
    def undated(self) -> bool:
        return interval(self.claim) is None

    def to_dict(self, G: nx.MultiDiGraph | None = None) -> dict[str, Any]:
        """JSON-ready; with `G`, the claims' ends are named (else they show their ids)."""
        return {
            "from": self.source,
            "from_name": self.source_name,
            "to": self.target,
            "to_name": self.target_name,
            "undated": self.undated,
            "claim": claim_dict(self.claim, G),
            "corroborating": [claim_dict(c, G) for c in self.corroborating],
        }


@dataclass
class FlowPath:
    """A time-respecting path; `arrival` is the earliest date the information can have reached its end."""

    hops: list[Hop]
    arrival: date | None

    @property
    def nodes(self) -> list[str]:
        return [self.hops[0].source, *(h.target for h in self.hops)] if self.hops else []

    @property
    def undated_hops(self) -> int:
        return sum(h.undated for h in self.hops)

    @property
    def arrival_text(self) -> str:
        """The arrival as precisely as the evidence dates it: "2002" when the hop that set it is
        year-precise (never "2002-01-01"), "12 March 2002" when day-precise; "undated" when none."""
        if self.arrival is None:
            return "undated"
        for hop in reversed(self.hops):
            span = interval(hop.claim)
            if span and span[0] == self.arrival:
                day = self.arrival.isoformat()
                return describe(day, day, hop.claim.date_precision)
        return describe(self.arrival.isoformat(), None, "day")

    def to_dict(self, G: nx.MultiDiGraph | None = None) -> dict[str, Any]:
        return {
            "nodes": self.nodes,
            "node_names": [node_name(G, n) for n in self.nodes] if G is not None else self.nodes,
            "arrival": self.arrival.isoformat() if self.arrival else None,
            "arrival_text": self.arrival_text,
            "undated_hops": self.undated_hops,
            "hops": [h.to_dict(G) for h in self.hops],
        }


def merge_same_route(paths: list[FlowPath]) -> list[FlowPath]:
    """One path per route (sequence of nodes): a later path on the same route adds its claims to
    the first one's hops as corroboration instead of being listed again."""
    merged: dict[tuple[str, ...], FlowPath] = {}
    for path in paths:
        kept = merged.setdefault(tuple(path.nodes), path)
        if kept is path:
            continue
        for mine, theirs in zip(kept.hops, path.hops, strict=True):
            known = {mine.claim.id, *(c.id for c in mine.corroborating)}
            mine.corroborating.extend(c for c in [theirs.claim, *theirs.corroborating] if c.id not in known)
    return list(merged.values())


def flow_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The claims of G that are flow hops, as edges in the direction information moved (key = claim id).
    An unnamed party (graph.placeholders) is no hop: a trace, first knowledge or brokerage never runs through it."""
    F = nx.MultiDiGraph()
    F.add_nodes_from(G.nodes(data=True))
    for u, v, key, claim in G.edges(keys=True, data="claim"):
        if any(is_placeholder(n, G.nodes[n].get("props")) for n in (u, v)):
            continue
        a, b = flow_ends(claim, G.nodes[v].get("label"))
        if a is not None:
            F.add_edge(a, b, key=key, claim=claim)
    return F


def flow_ends(claim: Claim, object_label: str | None) -> tuple[str | None, str | None]:
    """(from, to) in the direction information moved, or (None, None) if the claim is not a hop."""
    direction = SCHEMA.flow(claim.type, object_label)
    if direction == "forward":
        return claim.from_id, claim.to_id
    if direction == "backward":
        return claim.to_id, claim.from_id
    return None, None


def trace(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    allow_undated: bool = False,
    limit: int = 10,
    max_hops: int = 8,
) -> list[FlowPath]:
    """Time-respecting flow paths from `source` to `target`, shortest first, then earliest arrival.

    Parameters
    ----------
    G : MultiDiGraph built by `graph.analysis.subgraph` (edges keyed by claim id, attr `claim`).
    source, target : ids or names of bodies or documents (resolved forgivingly).
    topic : when given, every document on the path must concern it, and there must be one.
    since, until : YYYY, YYYY-MM or YYYY-MM-DD (`date_bounds.window`); only hops whose interval
        overlaps the window count.
    allow_undated : let undated hops in (they constrain nothing and are marked); they cannot be
        placed in a `since`/`until` window, so a window still leaves them out.
    limit : at most this many paths; max_hops bounds their length.

    Returns
    -------
    list of FlowPath, empty when no flow exists (information never demonstrably went that way).

    Raises
    ------
    NodeNotFound, AmbiguousName : a name designates no node, or several.

    Examples
    --------
    >>> from graph.model import Claim
    >>> G = nx.MultiDiGraph()
    >>> def add(t, a, b, d):
    ...     c = Claim(t, a, b, "source:x", f"{a} {t} {b}.", 0, 5, 1.0, "doc", d, d, "day")
    ...     G.add_edge(a, b, key=c.id, claim=c, type=t)
    >>> for n, label in [("agency:a", "Agency"), ("report:r", "Report"), ("agency:b", "Agency")]:
    ...     G.add_node(n, label=label, name=n, aliases=[])
    >>> add("SENT", "agency:a", "report:r", "2001-05-01"); add("RECEIVED", "agency:b", "report:r", "2001-05-03")
    >>> [p.nodes for p in trace(G, "agency:a", "agency:b")]
    [['agency:a', 'report:r', 'agency:b']]
    """
    since, until = window(since, until)
    start = resolve_in_graph(G, source, ENDPOINT_LABELS)
    goal = resolve_in_graph(G, target, ENDPOINT_LABELS)
    matcher = TopicMatcher(G, topic)
    F = flow_graph(G)

    def allowed(node: str) -> bool:
        return G.nodes[node].get("label") != "Report" or matcher.report(node)

    found = []
    for nodes, hops, arrival in _search(
        F, start, lambda n: n == goal, allowed, since, until, allow_undated, limit, max_hops, forward=True
    ):
        if topic is None or any(G.nodes[n].get("label") == "Report" for n in nodes):
            found.append(_path(G, hops, arrival))
    return merge_same_route(sorted(found, key=_rank))[:limit]


def upstream(
    G: nx.MultiDiGraph,
    node: str,
    latest: date | None,
    max_hops: int = 3,
    limit: int = 10,
    allow_undated: bool = False,
    stop_at: frozenset[str] = frozenset(),
) -> list[FlowPath]:
    """Maximal time-respecting flows ending at `node` no later than `latest`: where it came from.

    Walking back stops at `stop_at` nodes (e.g. the body asking: what it knew before is another
    question). Returns the longest chains first (each as a FlowPath from its origin to `node`).
    """
    if node not in G:
        raise NodeNotFound(node)
    F = flow_graph(G)
    reverse = F.reverse(copy=False)
    results = []
    for _nodes, hops, _ in _search(
        reverse,
        node,
        lambda n: n in stop_at,
        lambda n: True,
        None,
        None,
        allow_undated,
        limit,
        max_hops,
        forward=False,
        initial=latest,
    ):
        if hops:
            forward_hops = [(b, a, claim, alts) for a, b, claim, alts in reversed(hops)]
            arrival = None
            for _, _, claim, _ in forward_hops:
                span = interval(claim)
                arrival = after(arrival, span) if span else arrival
            results.append(_path(G, forward_hops, arrival))
    return sorted(results, key=lambda p: (-len(p.hops), p.undated_hops, [h.claim.id for h in p.hops]))[:limit]


def _search(F, start, terminal, allowed, since, until, allow_undated, limit, max_hops, forward, initial=None):
    """Best-first enumeration of simple time-respecting paths (fewest hops, then earliest date).

    Forward, yields the paths that reach a `terminal` node; backward, the maximal paths (those
    that reach a terminal node or cannot be extended). Yields (nodes, hops, time) where hops are
    (u, v, chosen claim, other claims). A node is expanded at most `limit` times, a
    k-shortest-paths bound that keeps dense graphs cheap.
    """
    fit = after if forward else before
    counter = itertools.count()
    heap = [(0, 0, _order(initial, forward), next(counter), start, (start,), (), initial)]
    expanded: dict[str, int] = {}
    yielded = 0
    while heap and yielded < limit:
        length, undated, _, _, node, nodes, hops, t = heapq.heappop(heap)
        if expanded.get(node, 0) >= limit:
            continue
        expanded[node] = expanded.get(node, 0) + 1
        stop = hops and terminal(node)
        steps = (
            []
            if stop or length >= max_hops
            else list(_steps(F, node, nodes, t, fit, since, until, allow_undated, allowed))
        )
        if stop or (hops and not forward and not steps):
            yielded += 1
            yield nodes, hops, t
        for nxt, claim, alts, new_t in steps:
            hop = (node, nxt, claim, alts)
            und = undated + (interval(claim) is None)
            heapq.heappush(
                heap, (length + 1, und, _order(new_t, forward), next(counter), nxt, (*nodes, nxt), (*hops, hop), new_t)
            )


def _steps(F, node, visited, t, fit, since, until, allow_undated, allowed):
    """Next hops from `node`: per neighbour, the claim that keeps the flow earliest (latest when
    walking back); the neighbour's other valid claims come along as corroboration."""
    for nxt in F.successors(node):
        if nxt in visited or not allowed(nxt):
            continue
        dated, undated = [], []
        for claim in (d["claim"] for d in F[node][nxt].values()):
            span = interval(claim)
            if span is None:
                if allow_undated and not (since or until):
                    undated.append(claim)
                continue
            if not overlaps(span, since, until):
                continue
            new_t = fit(t, span)
            if new_t is not None:
                dated.append((new_t, claim))
        if dated:
            dated.sort(
                key=lambda x: (x[0].toordinal() if fit is after else -x[0].toordinal(), _tie_order(x[1]), x[1].id)
            )
            (best_t, best), others = dated[0], [c for _, c in dated[1:]] + undated
            yield nxt, best, others, best_t
        elif undated:
            undated.sort(key=lambda c: c.id)
            yield nxt, undated[0], undated[1:], t


def _tie_order(claim: Claim) -> int:
    """Between claims for one step on the same date, the schema's tie order: the transmission first."""
    return SCHEMA.edges[claim.type].tie_order or 0


def _order(t: date | None, forward: bool) -> int:
    if t is None:
        return 0
    return t.toordinal() if forward else -t.toordinal()


def _path(G, hops, arrival) -> FlowPath:
    return FlowPath([Hop(u, v, c, node_name(G, u), node_name(G, v), list(alts)) for u, v, c, alts in hops], arrival)


def _rank(path: FlowPath):
    return (len(path.hops), path.undated_hops > 0, path.arrival or date.max, [h.claim.id for h in path.hops])


def brokers(
    G: nx.MultiDiGraph, top: int = 10, sample: int | None = 1000, seed: int = 0
) -> list[tuple[str, str, float]]:
    """Bodies that sit on many flows: betweenness centrality of the body-to-body flow graph.

    A body passes to another when it sent, authored or commissioned something the other
    received (or it commissioned the other body directly). Dates are ignored here: betweenness
    measures position, not timing. Above `sample` bodies the score is estimated from that many
    sampled sources (networkx `k`), seeded for repeatable output.

    Returns (body id, name, score) for the `top` bodies, highest first, score > 0 only.
    """
    B = body_flow_graph(G)
    k = sample if sample is not None and B.number_of_nodes() > sample else None
    scores = nx.betweenness_centrality(B, k=k, seed=seed if k else None)
    ranked = sorted(((n, s) for n, s in scores.items() if s > 0), key=lambda x: (-x[1], x[0]))[:top]
    return [(n, node_name(G, n), s) for n, s in ranked]


def body_flow_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Bodies only: an edge a -> b when information can pass from body a to body b in one document
    (or one commission)."""
    F = flow_graph(G)
    is_body = {n: d.get("label") in BODY_LABELS for n, d in F.nodes(data=True)}
    B = nx.DiGraph()
    B.add_nodes_from(n for n, body in is_body.items() if body)
    for u, v in F.edges():
        if not is_body.get(u):
            continue
        if is_body.get(v):
            B.add_edge(u, v)
        else:
            B.add_edges_from((u, w) for w in F.successors(v) if is_body.get(w) and w != u)
    return B

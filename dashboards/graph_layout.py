"""Node positions for the graph view, computed in Python so a rerun never moves what is already drawn.

The browser only draws (cytoscape's preset layout). Positions already on screen are kept (passed
back in as `previous`); new nodes start beside a drawn neighbour and a short force-directed pass
(networkx's Fruchterman-Reingold, nodes on screen held fixed) spaces them out. Up to
`FORCE_LAYOUT_MAX_NODES` nodes that pass takes tens of milliseconds; above it the O(n) rings of
`radial_positions` are used, which stay instant at thousands of nodes.
"""

from __future__ import annotations

import math
import zlib
from collections import defaultdict

import networkx as nx
import numpy as np

from graph.store import Subgraph

FORCE_LAYOUT_MAX_NODES = 200
# Spacing of the force pass in graph units (pixels at zoom 1): room for a wrapped two-line caption.
NODE_SPACING = 170.0
# The least median distance between neighbouring nodes of a fresh layout, in the same units.
CAPTION_GAP = 95.0
Position = tuple[float, float]


def neighbours_of(sub: Subgraph) -> dict[str, set[str]]:
    near: dict[str, set[str]] = defaultdict(set)
    for c in sub.claims.values():
        if c.from_id in sub.nodes and c.to_id in sub.nodes and c.from_id != c.to_id:
            near[c.from_id].add(c.to_id)
            near[c.to_id].add(c.from_id)
    return near


def radial_positions(sub: Subgraph, centre: list[str], ring_gap: float = 260.0) -> dict[str, Position]:
    """Centre nodes in the middle, each further hop on a wider ring, a node placed near the angle
    of the node that reached it; O(nodes + claims), so it stays instant at thousands of nodes."""
    neighbours = neighbours_of(sub)
    rings: list[list[str]] = [[n for n in centre if n in sub.nodes]]
    seen = set(rings[0])
    while rings[-1]:
        nxt = []
        for parent in rings[-1]:
            for child in sorted(neighbours[parent] - seen):
                seen.add(child)
                nxt.append(child)
        rings.append(nxt)
    rest = sorted(set(sub.nodes) - seen)
    if rest:
        rings.append(rest)
    positions: dict[str, Position] = {}
    for depth, ring in enumerate(r for r in rings if r):
        radius = depth * ring_gap + (0 if depth == 0 and len(ring) == 1 else ring_gap * 0.3)
        radius = max(radius, len(ring) * 40 / (2 * math.pi)) if depth else radius
        for i, node_id in enumerate(ring):
            angle = 2 * math.pi * i / len(ring)
            positions[node_id] = (radius * math.cos(angle), radius * math.sin(angle))
    return positions


def _beside(anchor: Position, node_id: str) -> Position:
    """A spot one spacing away from `anchor`, at an angle fixed by the id (deterministic, no RNG)."""
    angle = (zlib.crc32(node_id.encode()) % 360) * math.pi / 180
    return anchor[0] + NODE_SPACING * math.cos(angle), anchor[1] + NODE_SPACING * math.sin(angle)


def stable_positions(
    sub: Subgraph, centre: list[str], previous: dict[str, Position] | None = None
) -> dict[str, Position]:
    """Positions for every node of `sub`: kept where `previous` has them, new ones placed around."""
    previous = {k: v for k, v in (previous or {}).items() if k in sub.nodes}
    if len(sub.nodes) > FORCE_LAYOUT_MAX_NODES:
        rings = radial_positions(sub, centre)
        return {n: previous.get(n, rings[n]) for n in sub.nodes}
    if len(previous) == len(sub.nodes):
        return previous
    neighbours = neighbours_of(sub)
    start = dict(previous)
    if not previous:
        start = {n: (x * 0.6, y * 0.6) for n, (x, y) in radial_positions(sub, centre).items()}
    else:
        rings = radial_positions(sub, centre)
        for node_id in sub.nodes:
            if node_id in start:
                continue
            anchor = next((start[n] for n in sorted(neighbours[node_id]) if n in start), None)
            start[node_id] = _beside(anchor, node_id) if anchor else rings[node_id]
    graph = nx.Graph()
    graph.add_nodes_from(sub.nodes)
    graph.add_edges_from((a, b) for a, near in neighbours.items() for b in near)
    placed = nx.spring_layout(
        graph,
        k=NODE_SPACING,
        pos=start,
        fixed=list(previous) or None,
        iterations=40,
        seed=7,
        scale=None,
        method="force",
    )
    positions = {n: (float(x), float(y)) for n, (x, y) in placed.items()}
    return positions if previous else spread(positions)


def spread(positions: dict[str, Position], gap: float = CAPTION_GAP) -> dict[str, Position]:
    """Scale a fresh layout so that the median node has its nearest neighbour `gap` units away:
    the force pass packs busy neighbourhoods (a hub with 150 leaves) tighter than captions fit."""
    if len(positions) < 3:
        return positions
    points = np.array(list(positions.values()))
    distance = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=-1)
    np.fill_diagonal(distance, np.inf)
    nearest = float(np.median(distance.min(axis=1)))
    if nearest <= 0 or nearest >= gap:
        return positions
    factor = gap / nearest
    return {n: (x * factor, y * factor) for n, (x, y) in positions.items()}

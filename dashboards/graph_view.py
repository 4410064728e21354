"""Subgraphs as cytoscape elements for st-link-analysis: styles by type, safe labels, Python layouts.

st-link-analysis shows every `data` field of a selected element in its info panel through
innerHTML, so nothing goes into `data` raw: the visible caption is a per-element style bypass
(drawn on the canvas as text) and every `data` value (names, ids, types, dates) is HTML-escaped.
Ids fit `graph.model.NODE_ID`, which escaping leaves unchanged, but a store written before that
rule may hold others; `element_id` maps an id the component sends back to the stored one.
"""

from __future__ import annotations

import html
import math
from collections import defaultdict
from typing import Any

from dashboards.text import html_text, short
from graph.model import Claim, Node
from graph.schema import SCHEMA
from graph.store import Subgraph

# Layout in the browser (cose) only for small graphs: measured here, cose at 2,000 nodes takes
# over a minute, while positions computed in Python draw 5,000 nodes in a few seconds.
BROWSER_LAYOUT_MAX_NODES = 250
# Styles are declared per type in graph/schema.yaml; a type without one is drawn plainly.
DEFAULT_NODE_STYLE = {"color": "#999999", "shape": "ellipse", "icon": "circle"}
DEFAULT_EDGE_STYLE = {"color": "#999999", "arrow": "triangle", "line": "solid"}
NODE_TYPES: dict[str, dict[str, str]] = {label: {**DEFAULT_NODE_STYLE, **t.style} for label, t in SCHEMA.nodes.items()}
EDGE_TYPES: dict[str, dict[str, str]] = {name: {**DEFAULT_EDGE_STYLE, **t.style} for name, t in SCHEMA.edges.items()}


def element_id(shown: str) -> str:
    """The stored id of an element the component reports (its `data.id` is the escaped id)."""
    return html.unescape(shown)


def node_element(node: Node, position: tuple[float, float] | None = None) -> dict[str, Any]:
    data = {"id": html_text(node.id), "label": html_text(node.label), "name": html_text(node.name)}
    element: dict[str, Any] = {"data": data, "style": {"label": short(node.name, 60)}}
    if position is not None:
        element["position"] = {"x": round(position[0], 1), "y": round(position[1], 1)}
    return element


def claim_element(claim: Claim) -> dict[str, Any]:
    data = {
        "id": html_text(claim.id),
        "label": html_text(claim.type),
        "source": html_text(claim.from_id),
        "target": html_text(claim.to_id),
    }
    if claim.date_start:
        data["date"] = html_text(claim.date_start)
    data["confidence"] = round(claim.confidence, 2)
    return {"data": data}


def elements(sub: Subgraph, positions: dict[str, tuple[float, float]] | None = None) -> dict[str, list]:
    """Cytoscape elements for a subgraph; claims whose ends are not shown are left out."""
    nodes = [node_element(n, positions.get(n.id) if positions else None) for n in sub.nodes.values()]
    edges = [claim_element(c) for c in sub.claims.values() if c.from_id in sub.nodes and c.to_id in sub.nodes]
    return {"nodes": nodes, "edges": edges}


def radial_positions(sub: Subgraph, centre: list[str], ring_gap: float = 260.0) -> dict[str, tuple[float, float]]:
    """Centre nodes in the middle, each further hop on a wider ring, a node placed near the angle
    of the node that reached it; O(nodes + claims), so it stays instant at thousands of nodes."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for c in sub.claims.values():
        neighbours[c.from_id].add(c.to_id)
        neighbours[c.to_id].add(c.from_id)
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
    positions: dict[str, tuple[float, float]] = {}
    for depth, ring in enumerate(r for r in rings if r):
        radius = depth * ring_gap + (0 if depth == 0 and len(ring) == 1 else ring_gap * 0.3)
        radius = max(radius, len(ring) * 40 / (2 * math.pi)) if depth else radius
        for i, node_id in enumerate(ring):
            angle = 2 * math.pi * i / len(ring)
            positions[node_id] = (radius * math.cos(angle), radius * math.sin(angle))
    return positions


def layout_for(sub: Subgraph, centre: list[str]) -> tuple[dict[str, Any] | str, dict[str, tuple[float, float]] | None]:
    """(layout, positions): cose in the browser for small graphs, preset positions above that."""
    if len(sub.nodes) <= BROWSER_LAYOUT_MAX_NODES:
        return "cose", None
    return {"name": "preset", "fit": True, "padding": 20, "animate": False}, radial_positions(sub, centre)


def is_large(sub: Subgraph) -> bool:
    return len(sub.nodes) > BROWSER_LAYOUT_MAX_NODES


def styles(large: bool = False) -> tuple[list, list]:
    """NodeStyle/EdgeStyle lists for st-link-analysis (imported here so unit tests need no component).
    Large graphs drop edge captions: on software-rendered canvases text is most of the drawing time."""
    from st_link_analysis import EdgeStyle, NodeStyle

    node_styles = [NodeStyle(label, spec["color"], None, spec["icon"]) for label, spec in NODE_TYPES.items()]
    caption = None if large else "label"
    edge_styles = [
        EdgeStyle(label, spec["color"], caption, labeled=None, directed=True) for label, spec in EDGE_TYPES.items()
    ]
    return node_styles, edge_styles


def extra_style(large: bool = False) -> list[dict[str, Any]]:
    """Shapes, arrow heads and line styles the NodeStyle/EdgeStyle helpers cannot express; large
    graphs skip labels too small to read at the current zoom."""
    rules = [
        {"selector": f"node[label='{label}']", "style": {"shape": spec["shape"]}} for label, spec in NODE_TYPES.items()
    ]
    if large:
        rules.append({"selector": "node", "style": {"min-zoomed-font-size": 8}})
    rules += [
        {
            "selector": f"edge[label='{label}']",
            "style": {"target-arrow-shape": spec["arrow"], "line-style": spec["line"]},
        }
        for label, spec in EDGE_TYPES.items()
    ]
    return rules


def legend_rows() -> list[dict[str, str]]:
    rows = [
        {"kind": "node", "type": label, "colour": spec["color"], "shape": spec["shape"]}
        for label, spec in NODE_TYPES.items()
    ]
    rows += [
        {"kind": "edge", "type": label, "colour": spec["color"], "shape": f"{spec['line']} line, {spec['arrow']} arrow"}
        for label, spec in EDGE_TYPES.items()
    ]
    return rows


class RawStyle:
    """A cytoscape style rule passed through st-link-analysis's style list as is."""

    def __init__(self, rule: dict[str, Any]):
        self.rule = rule

    def dump(self) -> dict[str, Any]:
        return self.rule

"""Subgraphs as cytoscape elements for kflow's graph component: one counted edge per pair and claim
type, safe labels, styles by type from graph/schema.yaml, a legend of what is drawn.

Names are untrusted. The visible caption is a per-element style bypass (drawn on the canvas as
text) and every `data` value (names, ids, types, dates) is HTML-escaped, so nothing is markup
wherever it ends up. Ids fit `graph.model.NODE_ID`, which escaping leaves unchanged, but a store
written before that rule may hold others; `element_id` maps an id the component sends back to the
stored one.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections import defaultdict
from typing import Any

from dashboards.graph_layout import FORCE_LAYOUT_MAX_NODES, radial_positions, stable_positions
from dashboards.text import html_text, short
from graph.analysis.date_windows import claim_date
from graph.model import Claim, Node
from graph.schema import SCHEMA
from graph.store import Subgraph

__all__ = ["radial_positions", "stable_positions"]

# Above this many nodes edge captions are dropped and node captions keep a fixed size: on
# software-rendered canvases text is most of the drawing time. Up to it every label is drawn.
LABELLED_MAX_NODES = FORCE_LAYOUT_MAX_NODES
NODE_CAPTION_CHARS = 60
FONT_PX = 12
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
    element: dict[str, Any] = {"data": data, "style": {"label": short(node.name, NODE_CAPTION_CHARS)}}
    if position is not None:
        element["position"] = {"x": round(position[0], 1), "y": round(position[1], 1)}
    return element


def claim_caption(claim: Claim, captions: dict[str, str] | None = None) -> str:
    """What an edge of one claim says on the canvas: a caller's caption (a trace's hop number) or its date."""
    if captions and claim.id in captions:
        return captions[claim.id]
    try:
        when = claim_date(claim)
    except ValueError:  # a store written before dates were validated: show what it holds, as text
        when = short(claim.date_start or "", 20)
    return f"{claim.type} {when}" if when else claim.type


def edge_element(group: list[Claim], captions: dict[str, str] | None = None, labelled: bool = True) -> dict[str, Any]:
    """One edge for every claim of one type between one pair: captioned `TYPE ×n`, opened into its
    claims (each with its date) by a click in the browser."""
    first = group[0]
    members = [
        {"id": html_text(c.id), "date": html_text(c.date_start or ""), "caption": claim_caption(c, captions)}
        for c in group
    ]
    data = {
        "id": html_text(first.id if len(group) == 1 else f"pair:{first.from_id}|{first.type}|{first.to_id}"),
        "label": html_text(first.type),
        "source": html_text(first.from_id),
        "target": html_text(first.to_id),
        "count": len(group),
        "confidence": round(max(c.confidence for c in group), 2),
    }
    if len(group) > 1:
        data["members"] = members  # what a click opens the edge into; a single claim needs none
    if first.date_start:
        data["date"] = html_text(first.date_start)
    caption = members[0]["caption"] if len(group) == 1 else f"{first.type} ×{len(group)}"
    return {"data": data, "style": {"label": caption if labelled else ""}}


def claim_groups(sub: Subgraph) -> list[list[Claim]]:
    """The drawn claims grouped by (from, type, to), each group earliest first (undated last)."""
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in sub.claims.values():
        if c.from_id in sub.nodes and c.to_id in sub.nodes:
            groups[(c.from_id, c.type, c.to_id)].append(c)
    return [
        sorted(g, key=lambda c: (c.date_start is None, c.date_start or "", c.id)) for _, g in sorted(groups.items())
    ]


def elements(
    sub: Subgraph, positions: dict[str, tuple[float, float]] | None = None, captions: dict[str, str] | None = None
) -> dict[str, list]:
    """Cytoscape elements for a subgraph; claims whose ends are not shown are left out."""
    labelled = len(sub.nodes) <= LABELLED_MAX_NODES
    nodes = [node_element(n, positions.get(n.id) if positions else None) for n in sub.nodes.values()]
    edges = [edge_element(g, captions, labelled) for g in claim_groups(sub)]
    return {"nodes": nodes, "edges": edges}


def is_large(sub: Subgraph) -> bool:
    return len(sub.nodes) > LABELLED_MAX_NODES


def extra_style(large: bool = False) -> list[dict[str, Any]]:
    """Shapes, arrow heads and line styles per type, as graph/schema.yaml declares them."""
    rules = [
        {"selector": f"node[label='{label}']", "style": {"shape": spec["shape"]}} for label, spec in NODE_TYPES.items()
    ]
    rules += [
        {
            "selector": f"edge[label='{label}']",
            "style": {"target-arrow-shape": spec["arrow"], "line-style": spec["line"]},
        }
        for label, spec in EDGE_TYPES.items()
    ]
    return rules


def colour_rules() -> list[dict[str, Any]]:
    rules = [
        {"selector": f"node[label='{label}']", "style": {"background-color": spec["color"]}}
        for label, spec in NODE_TYPES.items()
    ]
    rules += [
        {
            "selector": f"edge[label='{label}']",
            "style": {"line-color": spec["color"], "target-arrow-color": spec["color"]},
        }
        for label, spec in EDGE_TYPES.items()
    ]
    return rules


def stylesheet(large: bool = False) -> list[dict[str, Any]]:
    """The whole cytoscape stylesheet: captions under nodes, wrapped, on a white halo so they read
    over edges; counted edges drawn thicker; large graphs hide captions too small to read."""
    node = {
        "width": 26,
        "height": 26,
        "font-size": FONT_PX,
        "text-valign": "bottom",
        "text-margin-y": 3,
        "text-wrap": "wrap",
        "text-max-width": "110px",
        "text-outline-color": "#ffffff",
        "text-outline-width": 2,
        "color": "#1e1e24",
        "border-width": 1,
        "border-color": "#ffffff",
        "min-zoomed-font-size": 7 if large else 0,
    }
    edge = {
        "width": "mapData(count, 1, 10, 1.5, 6)",
        "curve-style": "straight" if large else "bezier",
        "font-size": 10,
        "color": "#333333",
        "text-rotation": "autorotate",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": "1px",
        "arrow-scale": 0.9,
        # one claim's caption (type and date) shows once zoomed in enough to read it
        "min-zoomed-font-size": 7 if large else 6,
    }
    rules = [{"selector": "node", "style": node}, {"selector": "edge", "style": edge}]
    rules += colour_rules() + extra_style(large)
    rules += [
        {"selector": "edge[count > 1]", "style": {"font-weight": "bold"}},
        {"selector": ":selected", "style": {"border-width": 3, "border-color": "#ff4b4b", "line-color": "#ff4b4b"}},
    ]
    return rules


def legend_rows(sub: Subgraph | None = None) -> list[dict[str, str]]:
    """Legend lines for the node and edge types drawn (every schema type when no subgraph is given)."""
    node_types = {n.label for n in sub.nodes.values()} if sub is not None else set(NODE_TYPES)
    edge_types = {c.type for g in claim_groups(sub) for c in g[:1]} if sub is not None else set(EDGE_TYPES)
    rows = [
        {"kind": "node", "type": label, "colour": spec["color"], "shape": spec["shape"]}
        for label, spec in NODE_TYPES.items()
        if label in node_types
    ]
    rows += [
        {
            "kind": "edge",
            "type": label,
            "colour": spec["color"],
            "shape": f"{spec['line']} line, {spec['arrow']} arrow",
            "line": spec["line"],
        }
        for label, spec in EDGE_TYPES.items()
        if label in edge_types
    ]
    return rows


def revision(payload: dict[str, Any]) -> str:
    """A fingerprint of what is drawn: the browser redraws (and re-fits) only when it changes."""
    return hashlib.sha1(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]

"""The graph component: dashboards/graph_component/ (index.html, graph.js and a vendored
cytoscape.min.js) served by Streamlit itself, so the page loads nothing from outside localhost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit.components.v1 as components

from dashboards import graph_view
from graph.store import Subgraph

COMPONENT_DIR = Path(__file__).with_name("graph_component")
_component = components.declare_component("kflow_graph", path=str(COMPONENT_DIR))


def graph_canvas(
    sub: Subgraph,
    key: str,
    positions: dict[str, tuple[float, float]],
    height: int = 560,
    actions: bool = True,
    captions: dict[str, str] | None = None,
    hint: str = "",
) -> Any:
    """Draw `sub` at `positions`; returns the last event the browser sent (or None)."""
    large = graph_view.is_large(sub)
    payload = {
        "elements": graph_view.elements(sub, positions, captions),
        "style": graph_view.stylesheet(large),
        "legend": graph_view.legend_rows(sub),
    }
    return _component(
        **payload,
        revision=graph_view.revision(payload),
        height=height,
        actions=actions,
        hint=hint,
        font_px=graph_view.FONT_PX,
        scale_labels=not large,
        key=key,
        default=None,
    )

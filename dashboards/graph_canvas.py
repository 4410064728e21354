"""The graph component: dashboards/graph_component/ (index.html, graph.js and a vendored
cytoscape.min.js) served by Streamlit itself, so the page loads nothing from outside localhost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st
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
    report_drawn: bool = False,
) -> Any:
    """Draw `sub` at `positions`; returns the last event the browser sent (or None). With
    `report_drawn` the browser answers each new drawing with a `drawn` event naming its revision."""
    large = graph_view.is_large(sub)
    payload = {
        "elements": graph_view.elements(sub, positions, captions),
        "style": graph_view.stylesheet(large),
        "legend": graph_view.legend_rows(sub),
    }
    drawn_revision = graph_view.revision(payload)
    st.session_state[f"_revision_{key}"] = drawn_revision
    return _component(
        **payload,
        revision=drawn_revision,
        height=height,
        actions=actions,
        hint=hint,
        font_px=graph_view.FONT_PX,
        scale_labels=not large,
        report_drawn=report_drawn,
        key=key,
        default=None,
    )

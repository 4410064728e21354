"""Streamlit pieces the pages share: the graph view, node pickers, evidence tables."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboards.chronology import evidence_row
from dashboards.document import claim_link
from dashboards.text import md, short
from graph.analysis.date_windows import claim_date
from graph.analysis.suggest import store_suggestions
from graph.model import Claim, Node
from graph.store import GraphStore, Subgraph

GRAPH_MAX_HEIGHT = 780


def show_graph(
    sub: Subgraph,
    key: str,
    centre: list[str],
    height: int = 560,
    actions: bool = True,
    captions: dict[str, str] | None = None,
    report_drawn: bool = False,
) -> dict | None:
    """Draw a subgraph; returns the component's event (clicked_node, clicked_edge, expand, remove)
    the first time it arrives, None on later reruns. Positions of nodes already drawn under this
    key are kept, so expanding or filtering never moves what the investigator was looking at.
    With `report_drawn`, the browser's `drawn` events are kept for `graph_drawn` (not returned)."""
    from dashboards.graph_canvas import graph_canvas
    from dashboards.graph_layout import stable_positions

    memory = f"_positions_{key}"
    positions = stable_positions(sub, centre, st.session_state.get(memory))
    st.session_state[memory] = positions
    height = max(height, min(GRAPH_MAX_HEIGHT, 360 + 3 * len(sub.nodes)))  # busy graphs get room to breathe
    hint = (
        "Click an edge to open its claims; double-click a node to expand it."
        if actions
        else "Click an edge to open its claims."
    )
    event = graph_canvas(
        sub, key, positions, height=height, actions=actions, captions=captions, hint=hint, report_drawn=report_drawn
    )
    event = fresh_event(key, event)
    if event and event.get("action") == "drawn":
        st.session_state[f"_drawn_{key}"] = (event.get("data") or {}).get("revision")
        return None
    return event


def preload_graph(key: str) -> None:
    """An empty, one-pixel graph component under `key`: its frame and cytoscape load while the
    investigator types, and the first graph drawn under `key` reuses them."""
    from dashboards.graph_canvas import graph_canvas

    graph_canvas(Subgraph(), key, {}, height=1, actions=False)


def graph_drawn(key: str) -> bool:
    """Whether the browser has drawn the graph last sent under `key` (needs `report_drawn`): a page
    can hold back heavy parts until then, since the graph's iframe shares the page's one thread."""
    revision = st.session_state.get(f"_revision_{key}")
    return revision is not None and st.session_state.get(f"_drawn_{key}") == revision


def fresh_event(key: str, event: Any) -> dict | None:
    """A component keeps returning its last event on every rerun; act on each one only once."""
    if not isinstance(event, dict):
        return None
    stamp = (event.get("action"), event.get("timestamp"), str(event.get("data")))
    seen_key = f"_seen_{key}"
    if st.session_state.get(seen_key) == stamp:
        return None
    st.session_state[seen_key] = stamp
    return event


def pick_node(store: GraphStore, label_text: str, key: str, labels: tuple[str, ...] | None = None) -> Node | None:
    """A forgiving search box (store.find_nodes) and a choice among its matches; for a name that
    matches nothing, close names to click ("did you mean"), never one picked for the user."""
    query = st.text_input(label_text, key=f"{key}_q")
    if not query.strip():
        return None
    matches = [n for n in store.find_nodes(query, limit=30) if labels is None or n.label in labels]
    if not matches:
        did_you_mean(store, query, key, labels)
        return None
    chosen = st.selectbox(
        f"{label_text}: matches", matches, format_func=lambda n: f"{short(n.name, 80)} ({n.label})", key=f"{key}_pick"
    )
    return chosen


def did_you_mean(store: GraphStore, query: str, key: str, labels: tuple[str, ...] | None) -> None:
    """Say nothing matched and offer the closest stored names as buttons that fill the search box."""
    suggestions = store_suggestions(store, query, labels)
    if not suggestions:
        st.warning(f"Nothing matches “{md(query)}”. Try a shorter part of the name.")
        return
    st.warning(f"Nothing matches “{md(query)}”. Did you mean:")
    for number, (_node_id, label, name) in enumerate(suggestions):
        st.button(
            f"{md(short(name, 80))} ({label})",
            key=f"{key}_suggest_{number}",
            on_click=_fill,
            args=(f"{key}_q", name),
        )


def _fill(box_key: str, text: str) -> None:
    st.session_state[box_key] = text


def claims_frame(claims: list[Claim], names: dict[str, str], titles: dict[str, str]) -> pd.DataFrame:
    """Claims with their evidence, one row each, as a user reads them (dates as the source gives them:
    "2002", not 2002-01-01)."""
    rows = [
        {"date": claim_date(c), "precision": c.date_precision or "", **evidence_row(c, names, titles)} for c in claims
    ]
    columns = ["date", "precision", "subject", "type", "object", "quote", "source", "confidence", "claim"]
    return with_context_links(pd.DataFrame(rows, columns=columns), claims)


def with_context_links(frame: pd.DataFrame, claims: list[Claim]) -> pd.DataFrame:
    """The frame (one row per claim, its `claim` column the id) with a `context` column: the viewer's
    link for each claim's evidence span (shown as a link by CONTEXT_LINKS)."""
    links = {c.id: claim_link(c) for c in claims}
    return frame.assign(context=[links.get(i, "") for i in frame["claim"]]) if "claim" in frame else frame


CONTEXT_LINKS = {"context": st.column_config.LinkColumn("context", display_text="read in context")}


def evidence_list(claims: list[Claim], names: dict[str, str], titles: dict[str, str], start: int | None = None) -> None:
    """Claims as readable text (visible in the page DOM, unlike a dataframe grid); numbered from `start`."""
    for i, c in enumerate(claims, start=start or 1):
        prefix = f"{i}\\. " if start else ""
        when = md(claim_date(c))
        st.markdown(
            f"{prefix}**{when}** · `{c.type}` · {md(names.get(c.from_id, c.from_id))} → {md(names.get(c.to_id, c.to_id))}"
        )
        st.markdown(
            f"> “{md(c.sentence)}”  \n> — {md(titles.get(c.source_id, c.source_id))} (confidence {c.confidence:.2f})"
            f" · [read in context]({claim_link(c)})"
        )

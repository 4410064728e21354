"""Explore: search a body, report, person or topic; browse, filter and expand its neighbourhood."""

import pandas as pd
import streamlit as st

from dashboards.context import node_names, store_or_stop, titles
from dashboards.explore import DEFAULT_EDGE_TYPES, Filters, Focus, node_claims, view, year_span
from dashboards.graph_view import is_large
from dashboards.merge_split import merge_split_panel
from dashboards.node_details import node_details
from dashboards.text import md
from dashboards.widgets import (
    CONTEXT_LINKS,
    claims_frame,
    evidence_list,
    graph_drawn,
    pick_node,
    preload_graph,
    show_graph,
)
from graph.analysis.date_bounds import window
from graph.schema import EDGE_TYPES


@st.cache_data(show_spinner=False, ttl=300)
def _years(_store, spec: str):
    return year_span(_store.claims(types=DEFAULT_EDGE_TYPES))


EVIDENCE_SHOWN = 25
store = store_or_stop()
st.title("Explore")
focus: Focus = st.session_state.setdefault("explore_focus", Focus())
# Two fixed places, so the graph component keeps its frame (and loaded cytoscape) from the empty
# page to the first search, whatever appears above it (issue 16).
search_area, graph_area = st.container(), st.container()
with search_area:
    chosen = pick_node(
        store, "Search a body, report, person or topic", "explore", ("Agency", "Report", "Person", "Topic")
    )
if chosen is None:
    with graph_area:
        preload_graph("explore_graph")
    search_area.info("Type a name (any part of it, any case) to start.")
    st.stop()
focus.start(chosen.id)

with st.sidebar:
    st.header("Filters")
    hops = st.slider("Depth (hops)", 1, 4, 1, key="explore_hops")
    types = st.multiselect("Edge types", list(EDGE_TYPES), DEFAULT_EDGE_TYPES, key="explore_types")
    span = _years(store, store.dialect)
    since = until = None
    if span and span[0] < span[1]:
        low, high = st.slider("Years", span[0], span[1], span, key="explore_years")
        if (low, high) != span:
            since, until = window(str(low), str(high))
    st.caption("Undated claims are shown only while the year range is left at its full span.")
filters = Filters(hops=hops, edge_types=tuple(types or DEFAULT_EDGE_TYPES), since=since, until=until)
st.session_state["selection"] = {"seeds": focus.seeds + focus.expanded, "filters": filters}

sub = view(store, focus, filters)
search_area.caption(
    f"{len(sub.nodes)} nodes, {len(sub.claims)} claims. Click a node or edge for its evidence (an edge marked ×n"
    " stands for n claims and opens into them); double-click a node to expand it."
)
# A large graph is drawn first: its tables below wait for the browser to report it drawn (issue 16).
with graph_area:
    event = show_graph(sub, "explore_graph", focus.seeds + focus.expanded, report_drawn=is_large(sub))
tables_wait = is_large(sub) and not graph_drawn("explore_graph")
if event:
    focus.apply(event)
    st.rerun()

names = node_names(store, {c.from_id for c in sub.claims.values()} | {c.to_id for c in sub.claims.values()}, sub.nodes)
source_titles = titles(store)
picked = [sub.claims[c] for c in focus.selected_claims if c in sub.claims]
if picked:
    st.subheader(f"Selected edge: {len(picked)} claim(s)" if len(picked) > 1 else "Selected claim")
    evidence_list(picked, names, source_titles)

node = sub.nodes.get(focus.selected_node or "") or store.get_node(focus.selected_node or "")
if node:
    st.subheader(f"{md(node.name)} ({node.label})")
    if st.button("Expand this node", key="explore_expand"):
        focus.apply({"action": "expand", "data": {"node_ids": [node.id]}})
        st.rerun()
    claims = node_claims(store, node.id, filters)
    if tables_wait:
        st.markdown(f"**Claims ({len(claims)})**")
        st.caption("Details, claims and quotes follow once the graph is drawn.")
        st.stop()
    details = node_details(node)
    if node.label != "Source":
        merge_split_panel(store, node)
    st.dataframe(
        pd.DataFrame({"field": list(details), "value": [str(v) for v in details.values()]}),
        hide_index=True,
        key="explore_details",
    )
    names.update(node_names(store, {c.from_id for c in claims} | {c.to_id for c in claims}, sub.nodes))
    st.markdown(f"**Claims ({len(claims)})**")
    st.dataframe(
        claims_frame(claims, names, source_titles), hide_index=True, key="explore_claims", column_config=CONTEXT_LINKS
    )
    with st.expander("Evidence quotes", expanded=len(claims) <= 10):
        evidence_list(claims[:EVIDENCE_SHOWN], names, source_titles)
        if len(claims) > EVIDENCE_SHOWN:
            st.caption(f"The first {EVIDENCE_SHOWN} of {len(claims)}; every claim and its quote is in the table above.")

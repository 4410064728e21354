"""Overview: what is in the store, where it came from, its date span, and what needs review."""

import pandas as pd
import streamlit as st

from dashboards.context import annotations, node_names, store_label, store_or_stop, titles
from dashboards.investigation import minimum_choices
from dashboards.node_details import node_details
from dashboards.overview import REVIEW_BELOW, overview
from dashboards.widgets import CONTEXT_LINKS, claims_frame
from graph.analysis.questions import ask_brokers
from graph.hidden_counts import claims_heading, nodes_heading

store = store_or_stop()
st.title("kflow: who knew what, and when")
st.caption(f"Store: {store_label()}")
summary = overview(store, annotations().decided())
source_titles = titles(store)

left, right = st.columns(2)
left.subheader(nodes_heading(summary.counts, summary.hidden))
left.dataframe(
    pd.DataFrame({"type": list(summary.counts.nodes), "count": list(summary.counts.nodes.values())}),
    hide_index=True,
    key="ov_nodes",
)
right.subheader(claims_heading(summary.counts, summary.hidden))
right.dataframe(
    pd.DataFrame({"type": list(summary.counts.claims), "count": list(summary.counts.claims.values())}),
    hide_index=True,
    key="ov_claims",
)

st.subheader(f"Sources loaded ({len(summary.sources)})")
st.dataframe(
    pd.DataFrame(
        [
            {
                "title": s.props.get("title") or s.name,
                "published": node_details(s).get("published", ""),
                "loaded": s.props.get("loaded_at"),
                "path": s.props.get("path") or s.props.get("url"),
                "id": s.id,
            }
            for s in summary.sources
        ],
        columns=["title", "published", "loaded", "path", "id"],
    ),
    hide_index=True,
    key="ov_sources",
)

ends = {c.from_id for c in summary.earliest + summary.latest + summary.review} | {
    c.to_id for c in summary.earliest + summary.latest + summary.review
}
names = node_names(store, ends | {b for b, _ in summary.brokers})
first, last = st.columns(2)
first.subheader("Earliest dated claims")
first.dataframe(
    claims_frame(summary.earliest, names, source_titles),
    hide_index=True,
    key="ov_earliest",
    column_config=CONTEXT_LINKS,
)
last.subheader("Latest dated claims")
last.dataframe(
    claims_frame(summary.latest, names, source_titles), hide_index=True, key="ov_latest", column_config=CONTEXT_LINKS
)

st.subheader("Brokers")
brokers_grade = (
    st.selectbox(
        "Minimum grade of the evidence",
        minimum_choices(),
        format_func=lambda g: g or "any grade",
        key="ov_brokers_min_grade",
    )
    or None
)
if brokers_grade and not summary.brokers_skipped:
    summary.brokers = ask_brokers(store, min_grade=brokers_grade)
    names |= node_names(store, {b for b, _ in summary.brokers})
if summary.brokers_skipped:
    st.info("The store is too large to rank brokers here; use Explore or Trace on part of it.")
elif not summary.brokers:
    st.info("No body sits between two others on a flow yet.")
else:
    st.dataframe(
        pd.DataFrame([{"body": names[b], "betweenness": round(s, 3), "id": b} for b, s in summary.brokers]),
        hide_index=True,
        key="ov_brokers",
    )

st.subheader(f"Needs review: {len(summary.review)} claims below confidence {REVIEW_BELOW}")
st.dataframe(
    claims_frame(summary.review, names, source_titles), hide_index=True, key="ov_review", column_config=CONTEXT_LINKS
)

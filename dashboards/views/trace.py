"""Trace: how knowledge went from one body to another, hop by dated hop, each with its quote."""

import datetime as dt

import streamlit as st

from dashboards.analysis import BODY_LABELS
from dashboards.context import node_names, store_or_stop, titles
from dashboards.investigation import minimum_choices
from dashboards.text import md
from dashboards.trace import hop_captions, trace
from dashboards.widgets import evidence_list, pick_node, show_graph
from graph.grades import grade_book

store = store_or_stop()
st.title("Trace")
st.caption("Flows are time-respecting: no hop may end before an earlier hop began.")
left, right = st.columns(2)
with left:
    source = pick_node(store, "From body", "trace_from", BODY_LABELS)
with right:
    target = pick_node(store, "To body", "trace_to", BODY_LABELS)
with st.expander("Narrow by topic or date window"):
    topic = pick_node(store, "Topic", "trace_topic", ("Topic",))
    window = st.toggle("Only hops within a date window", key="trace_window_on")
    since = until = None
    if window:
        start, end = st.date_input("Window", (dt.date(1990, 1, 1), dt.date.today()), key="trace_window")
        since, until = start.isoformat(), end.isoformat()
    min_grade = (
        st.selectbox(
            "Minimum grade of the evidence",
            minimum_choices(),
            format_func=lambda g: g or "any grade",
            key="trace_min_grade",
        )
        or None
    )

if source is None or target is None:
    st.info("Pick two bodies (agencies or people) to trace.")
    st.stop()
if source.id == target.id:
    st.warning("Pick two different bodies.")
    st.stop()

result = trace(store, source.id, target.id, topic.id if topic else None, since, until, min_grade=min_grade)
grades = grade_book(store)
if not result.flows:
    st.warning(f"No time-respecting flow from {md(source.name)} to {md(target.name)} in the store.")
    st.stop()

st.subheader(f"{len(result.flows)} flow(s) from {md(source.name)} to {md(target.name)}")
show_graph(
    result.drawn, "trace_graph", [source.id, target.id], height=420, actions=False, captions=hop_captions(result)
)
names = node_names(store, set(result.drawn.nodes), result.drawn.nodes)
source_titles = titles(store)
for number, path in enumerate(result.flows, start=1):
    with st.container(border=True):
        # as precisely as the hop that set it dates it ("2002", not 2002-01-01)
        arrival = f", reached by {path.arrival_text} at the earliest" if path.arrival else ""
        weakest = grades.code([hop.claim for hop in path.hops])
        st.markdown(f"**Flow {number}** · {len(path.hops)} hop(s){md(arrival)} · weakest grade **{md(weakest)}**")
        for step, hop in enumerate(path.hops, start=1):
            evidence_list([hop.claim], names, source_titles, start=step)
            if hop.corroborating:
                with st.expander(f"{len(hop.corroborating)} more claim(s) for hop {step}"):
                    evidence_list(hop.corroborating, names, source_titles)

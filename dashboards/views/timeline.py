"""Timeline: who knew what when, first knowledge of a topic, knowledge-to-action gaps, flows between bodies."""

import pandas as pd
import streamlit as st

from dashboards.analysis import BODY_LABELS, chronology_claims, topic_gaps
from dashboards.chronology import (
    SANKEY_CLICK,
    chronology,
    picked_claims,
    sankey_option,
    sankey_pick,
    selected_claim_ids,
    timeline_figure,
)
from dashboards.context import node_names, store_or_stop, titles
from dashboards.text import md
from dashboards.widgets import CONTEXT_LINKS, evidence_list, pick_node, with_context_links
from graph.analysis.date_windows import claim_date

store = store_or_stop()
st.title("Timeline")
left, right = st.columns(2)
with left:
    body = pick_node(store, "Body (optional)", "timeline_body", BODY_LABELS)
with right:
    topic = pick_node(store, "Topic (optional)", "timeline_topic", ("Topic",))

claims = chronology_claims(store, body.id if body else None, topic.id if topic else None)
names = node_names(store, {c.from_id for c in claims} | {c.to_id for c in claims})
source_titles = titles(store)
table = chronology(claims, names, source_titles)
st.session_state["chronology"] = table

if table.empty:
    st.info("No dated claims match.")
else:
    state = st.plotly_chart(
        timeline_figure(claims, names), on_select="rerun", selection_mode="points", key="timeline_chart"
    )
    picked = selected_claim_ids(state)
    if picked:
        st.subheader("Selected")
        by_id = {c.id: c for c in claims}
        evidence_list([by_id[i] for i in picked if i in by_id], names, source_titles)
    st.dataframe(with_context_links(table, claims), hide_index=True, key="timeline_table", column_config=CONTEXT_LINKS)

if topic:
    st.subheader(f"First knowledge of “{md(topic.name)}”")
    report = topic_gaps(store, topic.id)
    if not report.gaps:
        st.info("No body is dated as knowing about this topic.")
    else:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "body": g.body_name,
                        "first knew": claim_date(g.knowledge),
                        "next action": claim_date(g.action) if g.action else "none recorded (silence)",
                        "days between": g.days,
                        "how it knew": g.knowledge.sentence,
                        "action": g.action.sentence if g.action else "",
                    }
                    for g in report.gaps
                ]
            ),
            hide_index=True,
            key="timeline_gaps",
        )

st.subheader("Flows between bodies")
flows = sankey_option(claims, names)
if flows is None:
    st.info("No body-to-body flow (a sender and a recipient of the same document) in this selection.")
else:
    from streamlit_echarts import st_echarts

    option, ids_by_label = flows
    result = st_echarts(option, events={"click": SANKEY_CLICK}, height="420px", key="timeline_sankey")
    pick = sankey_pick(result, ids_by_label)
    if pick:
        a, b = pick
        st.markdown(f"**Claims of {md(names.get(a, a))}{' and ' + md(names.get(b, b)) if b else ''}**")
        evidence_list(picked_claims(claims, pick), names, source_titles)

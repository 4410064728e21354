"""Timeline: who knew what when, first knowledge of a topic, knowledge-to-action gaps, flows between bodies."""

import streamlit as st

from dashboards.analysis import (
    BODY_LABELS,
    AnalysisError,
    body_knowledge,
    chronology_claims,
    flow_claims,
    topic_gaps,
)
from dashboards.answers import gaps_frame, knowledge_headline
from dashboards.chronology import (
    SANKEY_CLICK,
    chronology,
    of_types,
    picked_claims,
    sankey_option,
    sankey_pick,
    selected_claim_ids,
    timeline_figure,
)
from dashboards.context import node_names, store_or_stop, titles
from dashboards.investigation import minimum_choices
from dashboards.report_panel import conflicts_panel, report_panel
from dashboards.text import md
from dashboards.widgets import CONTEXT_LINKS, evidence_list, pick_node, with_context_links
from graph.schema import SCHEMA

DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD; a year or month counts whole (“2004” ends on 31 December 2004)."
CLAIM_TYPES = list(SCHEMA.analysed_types)

store = store_or_stop()
st.title("Timeline")
left, right = st.columns(2)
with left:
    body = pick_node(store, "Body (optional)", "timeline_body", BODY_LABELS)
with right:
    topic = pick_node(store, "Topic (optional)", "timeline_topic", ("Topic",))
since_col, until_col, _ = st.columns([1, 1, 2])
since = since_col.text_input("From", key="timeline_since", placeholder="e.g. 2002", help=DATE_HELP).strip() or None
until = until_col.text_input("To", key="timeline_until", placeholder="e.g. 2004-06", help=DATE_HELP).strip() or None
types = st.pills("Claim types", CLAIM_TYPES, selection_mode="multi", default=CLAIM_TYPES, key="timeline_types")

body_id, topic_id = (body.id if body else None), (topic.id if topic else None)
try:
    window_claims = chronology_claims(store, body_id, topic_id, since, until)
except AnalysisError as error:
    st.error(md(str(error)))
    st.stop()
claims = of_types(window_claims, types)
linked = flow_claims(store, window_claims, body_id, since, until)
names = node_names(store, {c.from_id for c in linked} | {c.to_id for c in linked})
source_titles = titles(store)
table = chronology(claims, names, source_titles)
st.session_state["chronology"] = table

if len(claims) < len(window_claims):
    st.caption(f"{len(claims)} of {len(window_claims)} dated claims: only the chosen claim types.")
if table.empty:
    st.info("No dated claims match." if types else "Pick at least one claim type.")
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
conflicts_panel(store, body_id, topic_id, since, until)
report_panel(store, body_id, topic_id, since, until)

if body:
    knowledge = body_knowledge(store, body.id, topic_id)
    st.subheader(f"When {md(body.name)} first knew" + (f" about “{md(topic.name)}”" if topic else ""))
    st.markdown(md(knowledge_headline(knowledge, topic.name if topic else None)))
    if knowledge.caveat:
        st.warning(md(knowledge.caveat))
    if knowledge.found:
        evidence_list([knowledge.claim], names | node_names(store, {knowledge.claim.to_id}), source_titles)
    if knowledge.possibly_earlier:
        st.caption(
            f"{len(knowledge.possibly_earlier)} vaguer claim(s) may date it earlier, or later: their dates are ranges."
        )
    if knowledge.linked_by_date_only:
        st.warning(
            "Date overlap only: these documents reached the body at the same time, but the evidence does not "
            "say they were on the topic."
        )
    elif knowledge.chain_basis:
        st.caption(f"How it got there: {md(knowledge.chain_basis)}.")
    for number, path in enumerate(knowledge.chain, start=1):
        hop_names = node_names(store, {n for h in path.hops for n in (h.claim.from_id, h.claim.to_id)})
        with st.container(border=True):
            st.markdown(f"**Route {number}** · {len(path.hops)} hop(s), reached by {md(path.arrival_text)}")
            evidence_list([h.claim for h in path.hops], hop_names, source_titles, start=1)

if topic:
    st.subheader(f"First knowledge of “{md(topic.name)}”")
    gaps_grade = (
        st.selectbox(
            "Minimum grade of the evidence",
            minimum_choices(),
            format_func=lambda g: g or "any grade",
            key="timeline_gaps_min_grade",
        )
        or None
    )
    report = topic_gaps(store, topic.id, gaps_grade)
    if not report.gaps:
        st.info("No body is dated as knowing about this topic.")
    else:
        st.caption(
            "Elapsed time is counted at the coarser precision of the two dates. A silence is only a finding "
            "when sources keep speaking about the body; a caveat says when they do not."
        )
        st.dataframe(gaps_frame(report), hide_index=True, key="timeline_gaps")

st.subheader("Flows between bodies")
st.caption("Documents and commissions that went from one body to another in the date window, of every claim type.")
flows = sankey_option(linked, names, body_id)
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
        evidence_list(picked_claims(linked, pick), names, source_titles)

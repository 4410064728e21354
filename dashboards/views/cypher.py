"""Cypher: a read-only console for the active backend, with examples in its dialect."""

import streamlit as st

from dashboards.console import examples, node_ids, table
from dashboards.context import store_or_stop
from dashboards.text import md
from dashboards.widgets import show_graph
from graph.store import ReadOnlyQueryError, StoreError

store = store_or_stop()
st.title("Cypher console")
st.caption(f"Dialect: {store.dialect}. Read-only: queries that write are refused.")
samples = examples(store.dialect)
choice = st.selectbox("Example queries", ["(write your own)", *samples], key="cypher_example")
if choice in samples and st.session_state.get("_cypher_last_example") != choice:
    st.session_state["cypher_text"] = samples[choice]
    st.session_state["_cypher_last_example"] = choice
query = st.text_area("Query", key="cypher_text", height=120)
if st.button("Run", key="cypher_run", type="primary"):
    try:
        st.session_state["cypher_result"] = (query, store.query(query), None)
    except ReadOnlyQueryError as error:
        st.session_state["cypher_result"] = (query, None, str(error))
    except StoreError as error:
        st.session_state["cypher_result"] = (query, None, f"Query failed: {error}")

ran = st.session_state.get("cypher_result")
if ran:
    ran_query, result, problem = ran
    if problem:
        st.error(md(problem))
    else:
        st.caption(f"{len(result.rows)} row(s)")
        st.dataframe(table(result), hide_index=True, key="cypher_table")
        ids = node_ids(result)
        if ids:
            sub = store.neighbourhood(ids[:500], hops=1, max_nodes=len(ids[:500]) + 1)
            sub.nodes = {k: v for k, v in sub.nodes.items() if k in set(ids)}
            sub.claims = {k: c for k, c in sub.claims.items() if c.from_id in sub.nodes and c.to_id in sub.nodes}
            st.subheader(f"As a graph ({len(sub.nodes)} nodes)")
            show_graph(sub, "cypher_graph", ids[:1], height=420, actions=False)

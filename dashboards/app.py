"""The kflow investigator app (Streamlit). Started by `kflow serve`; reads the store in KFLOW_STORE."""

from __future__ import annotations

import streamlit as st

from kflow.stores import describe, open_store

st.set_page_config(page_title="kflow", layout="wide")


@st.cache_resource
def get_store():
    return open_store(None, read_only=True)


store = get_store()
st.title("kflow: who knew what, and when")
st.caption(f"Store: {describe(None)}")
counts = store.counts()
left, right = st.columns(2)
left.subheader("Nodes")
left.dataframe({"type": list(counts.nodes), "count": list(counts.nodes.values())}, hide_index=True)
right.subheader("Claims")
right.dataframe({"type": list(counts.claims), "count": list(counts.claims.values())}, hide_index=True)
st.subheader("Sources")
st.dataframe(
    [{"title": s.name, "published": s.props.get("published"), "path": s.props.get("path"), "id": s.id} for s in store.sources()],
    hide_index=True,
)

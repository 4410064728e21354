"""Document: one source's text, opened at an evidence span (?source=...&start=...&end=...), with
every claim of the document numbered in the text and listed in the margin."""

import streamlit as st
import streamlit.components.v1 as components

from dashboards.context import store_or_stop, titles
from dashboards.document import document_html, document_view
from dashboards.text import md, short

store = store_or_stop()
params = st.query_params
source_titles = titles(store)
chosen = params.get("source")
if not chosen:
    st.title("Document")
    if not source_titles:
        st.info("No documents in the store yet.")
        st.stop()
    ids = sorted(source_titles, key=lambda i: source_titles[i].lower())
    chosen = st.selectbox("Document", ids, format_func=lambda i: short(source_titles[i], 100), key="document_pick")

view = document_view(store, chosen, params.get("start"), params.get("end"))
if view is None:
    st.title("Document")
    st.error(f"No stored document has the id {md(chosen)}.")
    st.stop()
props = view.source.props
st.title(md(props.get("title") or view.source.name))
facts = [props.get("published"), props.get("media_type"), props.get("path") or props.get("url"), view.source.id]
st.caption(" · ".join(md(f) for f in facts if f))
if view.focus:
    st.markdown(
        f"**Evidence** (characters {view.focus[0]}–{view.focus[1]}): “{md(view.text[view.focus[0] : view.focus[1]])}”"
    )
st.caption(
    f"{len(view.claims)} claim(s) drawn from this document: numbered in the text, listed in the margin (click one to show it)."
)
components.html(document_html(view), height=720, scrolling=False)

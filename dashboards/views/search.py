"""Search: full-text search over every stored document, filtered by date, type, entity and claim type."""

import streamlit as st

from dashboards.context import store_or_stop
from dashboards.search import hit_html
from dashboards.text import md
from dashboards.widgets import pick_node
from graph.analysis import AnalysisError
from graph.schema import SCHEMA
from graph.search.ask import ask_search
from graph.store import StoreError

store = store_or_stop()
st.title("Search documents")
st.caption('Words must all appear; "quoted phrase" for exact wording; prefix* for word beginnings.')
query = st.text_input("Search the documents' text", key="search_q")
with st.expander("Filters"):
    left, middle, right = st.columns(3)
    since = left.text_input("Published from (YYYY, YYYY-MM or YYYY-MM-DD)", key="search_since")
    until = middle.text_input("Published until", key="search_until")
    media_types = right.multiselect(
        "Document type",
        [
            "application/mbox",
            "application/jsonl",
            "text/plain",
            "text/markdown",
            "text/html",
            "application/pdf",
            "message/rfc822",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "text/csv",
        ],
        key="search_types",
    )
    claim_types = st.multiselect("Has a claim of type", list(SCHEMA.analysed_types), key="search_claim_types")
    entity = pick_node(store, "About (a body, person, report or topic)", "search_entity")

if not query.strip():
    st.info("Type words to search every stored document.")
    st.stop()
try:
    hits = ask_search(
        store, query, since.strip(), until.strip(), media_types, [entity.id] if entity else [], claim_types, limit=50
    )
except (AnalysisError, StoreError) as error:
    st.error(md(error))
    st.stop()
st.subheader(f"{len(hits)} document(s)" + (" (the first 50)" if len(hits) == 50 else ""))
for number, hit in enumerate(hits, start=1):
    st.html(hit_html(number, hit))

"""Export: RDF, GraphML (Gephi), CSV of nodes and claims, and a chronology CSV of the current selection."""

import streamlit as st

from dashboards import exports
from dashboards.context import store_or_stop
from dashboards.explore import Focus, view
from graph.rdf import EXTENSIONS, FORMATS, MEDIA_TYPES, ExportError

store = store_or_stop()
st.title("Export")
st.caption(
    "CSV cells that start with = + - @ are prefixed with ' so spreadsheets show them as text "
    "(unless Raw is ticked: then they are exactly as stored, for kflow import)."
)

st.subheader("Whole store")
left, right = st.columns(2)
with left:
    raw = st.checkbox(
        "Raw CSV for kflow import (no spreadsheet guard)",
        key="export_csv_raw",
        help="Raw cells are exactly as stored, so `kflow import` reads them back; do not open them in a spreadsheet.",
    )
    if st.button("Prepare nodes and claims CSV", key="export_csv"):
        st.session_state["export_csv_data"] = exports.store_csv(store, spreadsheet_safe=not raw)
    if "export_csv_data" in st.session_state:
        nodes_data, claims_data = st.session_state["export_csv_data"]
        st.download_button("nodes.csv", nodes_data, "kflow-nodes.csv", "text/csv", key="export_nodes_dl")
        st.download_button("claims.csv", claims_data, "kflow-claims.csv", "text/csv", key="export_claims_dl")
    if st.button("Prepare GraphML of the whole store", key="export_store_graphml"):
        st.session_state["export_store_graphml_data"] = exports.whole_graphml(store)
    if "export_store_graphml_data" in st.session_state:
        st.download_button(
            "GraphML (Gephi), whole store",
            st.session_state["export_store_graphml_data"],
            "kflow.graphml",
            "application/graphml+xml",
            key="export_store_graphml_dl",
        )
with right:
    fmt = st.selectbox("RDF format", FORMATS, key="export_rdf_format")
    if st.button("Prepare RDF", key="export_rdf"):
        try:
            st.session_state["export_rdf_data"] = (fmt, exports.rdf(store, fmt))
        except ExportError as error:
            st.error(str(error))
    if "export_rdf_data" in st.session_state:
        done_fmt, data = st.session_state["export_rdf_data"]
        st.download_button(
            f"kflow.{EXTENSIONS[done_fmt]}",
            data,
            f"kflow.{EXTENSIONS[done_fmt]}",
            MEDIA_TYPES[done_fmt],
            key="export_rdf_dl",
        )

st.subheader("Current selection")
selection = st.session_state.get("selection")
focus: Focus | None = st.session_state.get("explore_focus")
if not selection or not focus or not focus.seeds:
    st.info("Pick something on the Explore page; its neighbourhood is exported here as GraphML.")
else:
    sub = view(store, focus, selection["filters"])
    st.caption(f"{len(sub.nodes)} nodes and {len(sub.claims)} claims around the Explore selection.")
    st.download_button(
        "GraphML (Gephi)",
        exports.graphml(sub),
        "kflow-selection.graphml",
        "application/graphml+xml",
        key="export_graphml_dl",
    )
chronology = st.session_state.get("chronology")
if chronology is not None and not chronology.empty:
    st.download_button(
        f"Chronology CSV ({len(chronology)} rows, from the Timeline page)",
        exports.chronology_csv(chronology),
        "kflow-chronology.csv",
        "text/csv",
        key="export_chronology_dl",
    )
else:
    st.info("Open the Timeline page to choose a chronology to export.")

"""The Timeline page's chronology report and conflicting evidence: the same library calls as
`kflow report` and `kflow conflicts` (graph.report, graph.analysis.questions.ask_facts)."""

from __future__ import annotations

import streamlit as st

from dashboards.text import md
from graph.analysis.errors import AnalysisError
from graph.analysis.questions import ask_facts
from graph.report.build import body_chronology, topic_chronology
from graph.report.model import Chronology
from graph.report.write import FORMATS, renderer
from graph.store import GraphStore

MEDIA_TYPES = {
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def conflicts_panel(store: GraphStore, body: str | None, topic: str | None, since: str | None, until: str | None):
    """Facts in the selection that sources date differently or one denies, each side with its sentences."""
    try:
        found = [f for f in ask_facts(store, body, topic, since, until).result if f.conflicting]
    except AnalysisError as error:
        st.error(md(str(error)))
        return
    st.subheader("Conflicting evidence")
    if not found:
        st.caption("No fact in this selection is dated differently, or denied, by its sources.")
    for fact in found:
        lines = [f"**{md(fact.describe())}**"]
        lines += [
            f"- {md(side)}: " + " ".join(f"“{md(c.sentence)}” ({c.source_id})" for c in claims)
            for side, claims in fact.sides()
        ]
        st.warning("\n".join(lines))


def report_panel(store: GraphStore, body: str | None, topic: str | None, since: str | None, until: str | None):
    """A button writing the chronology of the selection, then one download per format."""
    if not (body or topic):
        return
    key = ("chronology_report", body, topic, since, until)
    if st.button("Write chronology report", key="timeline_report"):
        try:
            chronology = _chronology(store, body, topic, since, until)
        except AnalysisError as error:
            st.error(md(str(error)))
            return
        st.session_state[str(key)] = {fmt: renderer(fmt)(chronology) for fmt in FORMATS}
    rendered = st.session_state.get(str(key))
    if rendered:
        columns = st.columns(len(FORMATS))
        for column, fmt in zip(columns, FORMATS, strict=True):
            column.download_button(
                f"Download {fmt.upper()}", rendered[fmt], f"chronology.{fmt}", MEDIA_TYPES[fmt], key=f"report_{fmt}"
            )


def _chronology(store: GraphStore, body, topic, since, until) -> Chronology:
    if body:
        return body_chronology(store, body, topic, since, until)
    return topic_chronology(store, topic, since, until)

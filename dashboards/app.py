"""The kflow investigator app (Streamlit). Started by `kflow serve`; reads the store in KFLOW_STORE.

Pages live in dashboards/views/ (not pages/, which Streamlit would list a second time on its
own) and stay thin; what they compute lives in importable modules beside this file so tests
can drive it without a browser.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).with_name("views")

st.set_page_config(page_title="kflow", layout="wide")
navigation = st.navigation(
    [
        st.Page(PAGES / "overview.py", title="Overview", url_path="overview", default=True),
        st.Page(PAGES / "explore.py", title="Explore", url_path="explore"),
        st.Page(PAGES / "search.py", title="Search", url_path="search"),
        st.Page(PAGES / "document.py", title="Document", url_path="document"),
        st.Page(PAGES / "trace.py", title="Trace", url_path="trace"),
        st.Page(PAGES / "timeline.py", title="Timeline", url_path="timeline"),
        st.Page(PAGES / "investigation.py", title="Investigation", url_path="investigation"),
        st.Page(PAGES / "cypher.py", title="Cypher", url_path="cypher"),
        st.Page(PAGES / "review.py", title="Review", url_path="review"),
        st.Page(PAGES / "load.py", title="Load", url_path="load"),
        st.Page(PAGES / "export.py", title="Export", url_path="export"),
    ]
)
navigation.run()

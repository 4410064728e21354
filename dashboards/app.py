"""The kflow investigator app (Streamlit). Started by `kflow serve`; reads the store in KFLOW_STORE.

Pages live in dashboards/pages/ and stay thin; what they compute lives in importable modules
beside this file so tests can drive it without a browser.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).with_name("pages")

st.set_page_config(page_title="kflow", layout="wide")
navigation = st.navigation(
    [
        st.Page(PAGES / "overview.py", title="Overview", icon=":material/dashboard:", url_path="overview", default=True),
        st.Page(PAGES / "explore.py", title="Explore", icon=":material/hub:", url_path="explore"),
        st.Page(PAGES / "trace.py", title="Trace", icon=":material/route:", url_path="trace"),
        st.Page(PAGES / "timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
        st.Page(PAGES / "cypher.py", title="Cypher", icon=":material/terminal:", url_path="cypher"),
        st.Page(PAGES / "load.py", title="Load", icon=":material/upload_file:", url_path="load"),
        st.Page(PAGES / "export.py", title="Export", icon=":material/download:", url_path="export"),
    ]
)
navigation.run()

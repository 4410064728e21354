"""The Timeline page's conflicting evidence and chronology report (AppTest), on the synthetic
conflict documents of tests/fixtures/conflicts (fictional bodies)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedStore
from loaders.extract import default_extractor
from loaders.pipeline import load_paths

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboards" / "app.py")


@pytest.fixture(scope="module")
def store_spec(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("app-report") / "kflow-data"
    with EmbeddedStore(path) as store:
        assert not load_paths([ROOT / "tests" / "fixtures" / "conflicts"], store, default_extractor()).failed
    return f"embedded:{path}"


def test_timeline_flags_the_conflict_and_writes_the_report(store_spec, monkeypatch, tmp_path):
    monkeypatch.setenv("KFLOW_STORE", store_spec)
    monkeypatch.setenv("KFLOW_APP_DATA", str(tmp_path / "app-data"))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("views/timeline.py").run()
    at.text_input(key="timeline_body_q").input("Department of Civic Affairs").run()
    assert not at.exception, at.exception
    [warning] = [re.sub(r"\\(.)", r"\1", w.value) for w in at.warning if "Sources disagree" in w.value]
    assert "Harbour Review in 2002." in warning and "in 2004, two years after it was finished." in warning
    assert not at.get("download_button")
    at.button(key="timeline_report").click().run()
    assert not at.exception, at.exception
    assert len(at.get("download_button")) == 3

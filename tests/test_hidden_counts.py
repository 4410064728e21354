"""`kflow stats` and the Overview say how many stored claims analyses leave out (rejected, replaced)
and how many nodes are merged away, on both backends, over the FICTIONAL Northshire world of
tests/test_analysis.py (synthetic)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dashboards.overview import overview
from graph import corrections
from graph.corrected import corrected
from graph.hidden_counts import hidden_counts
from graph.model import Batch
from kflow.cli import main
from tests.test_analysis import COUNCIL, POLICE, claims, nodes

WHO = "Test Reviewer"


def _reject_and_merge(store) -> str:
    sent = next(c for c in store.claims(types=["SENT"]))
    corrections.reject_claim(store, sent.id, by=WHO, reason="wrong way round")
    corrections.merge_nodes(store, POLICE, COUNCIL, by=WHO, reason="one body")
    return sent.id


def test_hidden_counts_match_what_analyses_see(store):
    store.upsert(Batch(nodes(), claims()))
    assert hidden_counts(store).total_claims == 0
    _reject_and_merge(store)
    hidden, counts = hidden_counts(store), store.counts()
    seen = [c for batch in corrected(store).iter_claims() for c in batch]
    assert (hidden.claims, hidden.rejected, hidden.nodes) == ({"SENT": 1}, 1, {"Agency": 1})
    assert counts.total_claims - hidden.total_claims == len(seen)
    assert overview(store).hidden == hidden


def test_kflow_stats_shows_stored_and_rejected_claims(tmp_path):
    spec = f"embedded:{tmp_path / 'kflow-data'}"
    from graph.stores import open_store

    store = open_store(spec)
    store.upsert(Batch(nodes(), claims()))
    total = store.counts().total_claims
    _reject_and_merge(store)
    store.close()
    text = CliRunner().invoke(main, ["stats", "--store", spec])
    assert text.exit_code == 0, text.output
    assert f"claims: {total} (1 rejected; {total - 1} in analyses)" in text.stdout
    assert "(1 merged;" in text.stdout and "(1 left out)" in text.stdout
    data = json.loads(CliRunner().invoke(main, ["stats", "--json", "--store", spec]).stdout)
    assert (data["hidden_claims"], data["rejected_claims"], data["merged_nodes"]) == ({"SENT": 1}, 1, {"Agency": 1})


def test_overview_headings_hold_one_bracket(tmp_path, monkeypatch):
    """ "Nodes (12; 1 merged, 11 in analyses)", not "Nodes (12) (1 merged; 11 in analyses)"."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from graph.stores import open_store

    spec = f"embedded:{tmp_path / 'kflow-data'}"
    store = open_store(spec)
    store.upsert(Batch(nodes(), claims()))
    counts = store.counts()
    _reject_and_merge(store)
    store.close()
    monkeypatch.setenv("KFLOW_STORE", spec)
    monkeypatch.setenv("KFLOW_APP_DATA", str(tmp_path / "app-data"))
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "dashboards" / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("views/overview.py").run()
    assert not at.exception, at.exception
    headings = [h.value for h in at.subheader]
    n, c = counts.total_nodes, counts.total_claims
    assert f"Nodes ({n}; 1 merged, {n - 1} in analyses)" in headings, headings
    assert f"Claims ({c}; 1 rejected, {c - 1} in analyses)" in headings, headings

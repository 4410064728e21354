"""Explore on a large neighbourhood (issue 16): the graph goes out first and the searched node's
tables wait until the browser reports that graph drawn; a small graph's tables never wait.
AppTest stands in for the browser's `drawn` event. The store is synthetic and fictional."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_app import click, frame, graph_args

from bench.bench_app import HUB, synthetic_batch
from graph.embedded import EmbeddedStore

APP = str(Path(__file__).resolve().parent.parent / "dashboards" / "app.py")


def _explore(tmp_path, monkeypatch, nodes: int) -> AppTest:
    with EmbeddedStore(tmp_path / "kflow-data") as store:
        store.upsert(synthetic_batch(nodes))
    monkeypatch.setenv("KFLOW_STORE", f"embedded:{tmp_path / 'kflow-data'}")
    monkeypatch.setenv("KFLOW_APP_DATA", str(tmp_path / "app-data"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("views/explore.py").run()
    assert graph_args(at)["elements"]["nodes"] == []  # the empty page already holds the graph component
    at.text_input(key="explore_q").input(HUB.name).run()
    assert not at.exception, at.exception
    return at


def test_large_graph_tables_follow_the_drawn_report(tmp_path, monkeypatch):
    at = _explore(tmp_path, monkeypatch, 300)
    args = graph_args(at)
    assert len(args["elements"]["nodes"]) == 300 and args["report_drawn"] is True
    assert any("follow once the graph is drawn" in c.value for c in at.caption)
    with pytest.raises(AssertionError, match="no table"):
        frame(at, "Claims (")
    stale = click(at, "explore_graph", "drawn", 1, revision="an-older-drawing")
    with pytest.raises(AssertionError, match="no table"):
        frame(stale, "Claims (")
    at = click(at, "explore_graph", "drawn", 2, revision=args["revision"])
    assert len(frame(at, "Claims (")) == 299  # every claim of the hub, once its graph is on screen
    assert json.loads(at.get("component_instance")[0].proto.json_args)["revision"] == args["revision"]


def test_small_graph_tables_never_wait(tmp_path, monkeypatch):
    at = _explore(tmp_path, monkeypatch, 60)
    assert graph_args(at)["report_drawn"] is False
    assert len(frame(at, "Claims (")) == 59

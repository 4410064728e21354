"""Issue #16, without a browser: bar lanes, dates cut to their precision, partial-date windows in
the analysis functions themselves, and CLI usage errors as JSON under --json.
All bodies here are FICTIONAL (synthetic Northshire names)."""

from __future__ import annotations

import json
from datetime import date

import networkx as nx
import pytest
from click.testing import CliRunner

from dashboards.bar_lanes import lanes, pack
from graph.analysis.date_bounds import DateWindowError
from graph.analysis.date_windows import at_precision
from graph.analysis.flows import trace
from graph.analysis.timeline import timeline
from graph.model import Claim
from kflow.cli import main

D = date.fromisoformat


def test_overlapping_spans_never_share_a_lane_and_touching_ones_do():
    spans = [
        (D("2002-01-01"), D("2003-01-01")),  # the year 2002
        (D("2002-03-01"), D("2002-04-01")),  # March 2002, inside it
        (D("2002-01-01"), D("2003-01-01")),  # 2002 again
        (D("2003-01-01"), D("2004-01-01")),  # 2003 starts as 2002 ends
    ]
    assigned = lanes(spans)
    assert len({assigned[0], assigned[1], assigned[2]}) == 3
    assert assigned[3] == 0  # the first lane is free again
    for i, a in enumerate(spans):
        for j, b in enumerate(spans[i + 1 :], start=i + 1):
            if a[0] < b[1] and b[0] < a[1]:
                assert assigned[i] != assigned[j]


def test_pack_gives_each_subject_a_block_of_rows():
    spans = [(D("2002-01-01"), D("2003-01-01"))] * 2 + [(D("2001-01-01"), D("2002-01-01"))]
    rows, blocks = pack(["agency:a", "agency:a", "agency:b"], spans)
    assert blocks == {"agency:a": (0, 2), "agency:b": (2, 1)}
    assert sorted(rows[:2]) == [0, 1] and rows[2] == 2


@pytest.mark.parametrize(
    ("day", "precision", "shown"),
    [
        ("2002-01-01", "year", "2002"),
        ("2002-03-01", "month", "2002-03"),
        ("2002-03-14", "day", "2002-03-14"),
        ("2003-01-01", "decade", "2000s"),
        ("2002-01-01", None, "2002"),
        (None, "year", ""),
    ],
)
def test_dates_are_cut_to_their_precision(day, precision, shown):
    assert at_precision(day, precision) == shown


def _graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for node, label in [("agency:northshire-a", "Agency"), ("report:r", "Report"), ("agency:northshire-b", "Agency")]:
        G.add_node(node, label=label, name=node, aliases=[])
    for kind, a, day in [
        ("SENT", "agency:northshire-a", "2004-05-01"),
        ("RECEIVED", "agency:northshire-b", "2004-06-01"),
    ]:
        claim = Claim(kind, a, "report:r", "source:x", f"{a} {kind} r (synthetic).", 0, 5, 1.0, "test", day, day, "day")
        G.add_edge(a, "report:r", key=claim.id, claim=claim, type=kind)
    return G


def test_trace_and_timeline_read_year_and_month_windows_themselves():
    G = _graph()
    assert len(trace(G, "agency:northshire-a", "agency:northshire-b", since="2004", until="2004")) == 1
    assert trace(G, "agency:northshire-a", "agency:northshire-b", since="2004-06") == []  # the send was in May
    assert [e.claim.type for e in timeline(G, since="2004-06", until="2004-06")] == ["RECEIVED"]
    assert len(timeline(G, until="2004-05")) == 1
    with pytest.raises(DateWindowError, match="is not a date"):
        timeline(G, since="May 2004")


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["trace", "Northshire A"], "Missing argument 'TARGET'."),
        (["timeline", "--bogus"], "No such option"),
        (["first-knowledge"], "Missing argument 'BODY'."),
    ],
)
def test_usage_errors_are_json_under_json(tmp_path, args, error):
    result = CliRunner().invoke(main, [*args, "--json", "--store", f"embedded:{tmp_path / 'db'}"])
    assert result.exit_code == 2
    found = json.loads(result.stdout)
    assert found["kind"] == "UsageError" and error in found["error"]


def test_usage_errors_stay_text_without_json(tmp_path):
    result = CliRunner().invoke(main, ["trace", "Northshire A", "--store", f"embedded:{tmp_path / 'db'}"])
    assert result.exit_code == 2
    assert "Missing argument 'TARGET'" in result.output and not result.output.lstrip().startswith("{")


def test_node_details_read_stored_dates_at_their_precision():
    from dashboards.node_details import node_details
    from graph.model import Node

    report = Node(
        "report:northshire-review",
        "Report",
        "Northshire review",
        props={"date_start": "2002-01-01", "date_end": "2002-12-31", "date_precision": "year", "kind": "review"},
    )
    assert node_details(report)["date"] == "2002" and "date_start" not in node_details(report)
    source = Node(
        "source:00000000000a0e02",
        "Source",
        "Synthetic note",
        props={"published": "2018-01-01", "published_precision": "year", "text": "long text"},
    )
    shown = node_details(source)
    assert shown["published"] == "2018" and "text" not in shown
    undated_precision = Node("report:northshire-memo", "Report", "Northshire memo", props={"date_start": "2003-05-04"})
    assert node_details(undated_precision)["date"] == "4 May 2003"  # no stored precision: shown as stored

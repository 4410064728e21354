"""The app's logic modules without Streamlit: escaping, annotations, exports, layouts, console results."""

from __future__ import annotations

import copy
import csv
import io
import json
import re

import networkx as nx
import pyoxigraph
import pytest
from app_graph import HOSTILE_NAME, NODES, build_store, claims, fictional_batch

from dashboards import console, exports, graph_view
from dashboards.annotations import AnnotationError, Annotations
from dashboards.text import csv_cell, md, short
from graph.embedded import EmbeddedStore
from graph.model import Claim, Node
from graph.store import QueryResult, Subgraph


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_csv_cells_that_start_a_formula_are_neutralised(value):
    assert csv_cell(value) == "'" + value


def test_csv_cells_that_are_plain_text_or_numbers_are_kept():
    assert csv_cell("Home Office") == "Home Office"
    assert csv_cell(-3) == -3


def test_claims_csv_neutralises_a_hostile_sentence_and_keeps_the_rest():
    claim = claims()[0]
    hostile = Claim(claim.type, claim.from_id, claim.to_id, claim.source_id, "=cmd|'/c calc'!A1", 0, 10, 0.5, "test")
    rows = list(csv.reader(io.StringIO(exports.claims_csv([claim, hostile]).decode())))
    header = rows[0]
    assert rows[1][header.index("sentence")] == claim.sentence
    assert rows[2][header.index("sentence")] == "'=cmd|'/c calc'!A1"


def test_markdown_escaping_leaves_no_live_syntax():
    raw = "<script>alert(1)</script> [x](javascript:alert(1)) **b** :red[x] $x$"
    escaped = md(raw)
    bare = re.sub(r"\\.", "", escaped)  # drop every backslash-escaped character
    assert not re.search(r"[!-/:-@\[-`{-~]", bare)  # no punctuation is left unescaped
    assert re.sub(r"\\(.)", r"\1", escaped) == raw  # and it reads as the original


def test_annotations_latest_decision_wins_and_history_is_kept(tmp_path):
    notes = Annotations(tmp_path / "annotations.jsonl")
    first, second = claims()[:2]
    notes.record([first, second], "rejected")
    notes.record([first], "accepted")
    notes.record([second], "note", note="check the date")
    assert notes.rejected() == {second.id}
    assert notes.decided() == {first.id, second.id}
    assert len(notes.history()) == 4


def test_annotations_name_the_file_and_line_of_a_bad_record(tmp_path):
    path = tmp_path / "annotations.jsonl"
    path.write_text('{"claim_id": "claim:x", "decision": "rejected", "at": "2020-01-01"}\nnot json\n')
    with pytest.raises(AnnotationError, match=r"annotations.jsonl:2"):
        Annotations(path).history()


def test_annotations_refuse_an_unknown_decision(tmp_path):
    with pytest.raises(AnnotationError, match="maybe"):
        Annotations(tmp_path / "a.jsonl").record(claims()[:1], "maybe")


def _subgraph() -> Subgraph:
    batch = fictional_batch()
    return Subgraph({n.id: n for n in batch.nodes}, {c.id: c for c in batch.claims})


def test_graphml_round_trips_nodes_and_claims_with_evidence():
    sub = _subgraph()
    G = nx.read_graphml(io.BytesIO(exports.graphml(sub)), force_multigraph=True)
    assert G.number_of_nodes() == len(sub.nodes) and G.number_of_edges() == len(sub.claims)
    sentences = {d["sentence"] for _, _, d in G.edges(data=True)}
    assert {c.sentence for c in claims()} <= sentences


def test_graphml_keeps_html_as_text_and_drops_xml_illegal_characters():
    board = Node("agency:board", "Agency", HOSTILE_NAME + "\x01")
    G = nx.read_graphml(io.BytesIO(exports.graphml(Subgraph({board.id: board}))))
    assert G.nodes["agency:board"]["name"] == HOSTILE_NAME


def test_rdf_export_of_the_store_parses(tmp_path):
    spec = build_store(tmp_path / "kflow-data")
    store = EmbeddedStore(spec.removeprefix("embedded:"), read_only=True)
    try:
        data = exports.rdf(store, "nt")
    finally:
        store.close()
    triples = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert any("Eastmere Youth Safety Study" in str(t.object) for t in triples)


def test_layouts_are_computed_in_python_and_keep_drawn_nodes_where_they_were():
    small = _subgraph()
    first = graph_view.stable_positions(small, [NODES[0].id])
    assert set(first) == set(small.nodes) and len(set(first.values())) == len(first)
    assert graph_view.stable_positions(small, [NODES[0].id]) == first  # deterministic: no jump on a rerun
    kept = {k: v for k, v in first.items() if k != "person:ada-quill"}
    again = graph_view.stable_positions(small, [NODES[0].id], kept)
    assert all(again[k] == v for k, v in kept.items()) and "person:ada-quill" in again
    big = Subgraph({f"agency:a{i}": Node(f"agency:a{i}", "Agency", f"Agency {i}") for i in range(400)})
    positions = graph_view.stable_positions(big, ["agency:a0"])
    assert len(positions) == 400 and len(set(positions.values())) == 400  # no two nodes on top of each other
    element = graph_view.elements(big, positions)["nodes"][1]
    assert set(element["position"]) == {"x", "y"}


def test_parallel_claims_become_one_counted_edge_and_types_stay_apart():
    sub = _subgraph()
    sent = next(c for c in sub.claims.values() if c.type == "SENT" and c.from_id == "agency:university-of-eastmere")
    for year in (2003, 2004):
        twin = copy.copy(sent)
        twin.date_start, twin.date_end, twin.id = f"{year}-01-01", f"{year}-12-31", f"{sent.id}-{year}"
        twin.date_precision = "year"
        sub.claims[twin.id] = twin
    edges = graph_view.elements(sub)["edges"]
    pair = [e for e in edges if e["data"]["source"] == sent.from_id and e["data"]["target"] == sent.to_id]
    shown = sorted((e["data"]["label"], e["data"]["count"], e["style"]["label"]) for e in pair)
    assert shown == [("AUTHORED", 1, "AUTHORED 2002"), ("SENT", 3, "SENT ×3")]  # one edge per type
    counted = next(e for e in pair if e["data"]["count"] == 3)
    assert [m["caption"] for m in counted["data"]["members"]] == ["SENT March 2002", "SENT 2003", "SENT 2004"]
    assert len(edges) == len(sub.claims) - 2  # every other claim is its own edge
    single = next(e for e in edges if e["data"]["count"] == 1)
    assert "members" not in single["data"] and single["data"]["id"] in sub.claims
    legend = {row["type"] for row in graph_view.legend_rows(sub)}
    assert "SENT" in legend and "Topic" in legend and "FORWARDED" not in legend and "CITES" not in legend


def test_radial_layout_puts_the_centre_in_the_middle_and_neighbours_on_a_ring():
    sub = _subgraph()
    centre = "agency:university-of-eastmere"
    positions = graph_view.radial_positions(sub, [centre])
    assert positions[centre] == (0.0, 0.0)
    ring = [
        positions[c.to_id if c.from_id == centre else c.from_id]
        for c in sub.claims.values()
        if centre in (c.from_id, c.to_id)
    ]
    radii = {round((x * x + y * y) ** 0.5) for x, y in ring}
    assert len(radii) == 1 and radii.pop() > 0


def test_node_elements_keep_names_out_of_html_rendered_fields():
    element = graph_view.node_element(Node("agency:b", "Agency", HOSTILE_NAME))
    assert element["style"]["label"] == short(HOSTILE_NAME, graph_view.NODE_CAPTION_CHARS)  # raw text, on the canvas
    assert "<" not in json.dumps(element["data"])


def test_console_finds_nodes_in_results_and_tables_them():
    result = QueryResult(
        ["a", "n"],
        [
            [{"id": "agency:x", "_LABEL": "Agency", "name": "X", "keys": ["x"]}, 1],
            [[{"id": "report:r", "name": "R"}, {"id": "not-a-node"}], 2],
        ],
    )
    assert console.node_ids(result) == ["agency:x", "report:r"]
    table = console.table(result)
    assert list(table.columns) == ["a", "n"] and '"keys"' not in table.iloc[0, 0]


def test_console_examples_follow_the_dialect():
    assert "label(n)" in console.examples("LadybugDB Cypher")["Count nodes by type"]
    assert "labels(n)" in console.examples("Neo4j 5 Cypher")["Count nodes by type"]

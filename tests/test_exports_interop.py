"""Issue 17, files read by clients nobody here wrote: whole-store GraphML as networkx (and Gephi, by
its key conventions) reads it, CSV that pandas reads and `kflow import` reads back exactly, and
`-o` files with the umask's permissions. All data is synthetic (fictional bodies)."""

from __future__ import annotations

import io
import os
import stat
import xml.etree.ElementTree as ET

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, Node
from kflow.cli import main
from tests.app_graph import fictional_batch
from tests.store_export import export

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
TEXT = "Synthetic. - Northshire Police sent the Eastmere Review to the Department of Civic Affairs; =SUM(A1)."


def tricky_batch() -> Batch:
    """The fictional graph plus what broke the round trip: a sentence starting "- " and one starting
    "=", aliases holding "; ", a Report's published flag beside a Source's published date."""
    batch = fictional_batch()
    source = Node("source:dddddddddddddddd", "Source", "synthetic memo", props={"sha256": "d" * 64, "text": TEXT})
    police = Node("agency:northshire-police", "Agency", "Northshire Police", ["Police; Northshire", "NP"])
    review = Node("report:eastmere-review", "Report", "Eastmere Review", props={"published": False})
    dash = TEXT.index("- ")
    common = dict(source_id=source.id, confidence=0.5, extractor="test", date_start="2011-05-01")
    claims = [
        Claim("SENT", police.id, review.id, sentence=TEXT[dash : TEXT.index(";")], char_start=dash,
              char_end=TEXT.index(";"), date_end="2011-05-01", date_precision="day", **common),
        Claim("MENTIONS", source.id, police.id, sentence=TEXT[TEXT.index("="):], char_start=TEXT.index("="),
              char_end=len(TEXT), date_end="2011-05-31", date_precision="month", **common),
    ]  # fmt: skip
    return Batch([*batch.nodes, source, police, review], [*batch.claims, *claims])


@pytest.fixture
def spec(tmp_path) -> str:
    with EmbeddedStore(tmp_path / "kflow-data") as store:
        store.upsert(tricky_batch())
    return f"embedded:{tmp_path / 'kflow-data'}"


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_csv_export_then_import_is_the_same_store(spec, tmp_path):
    nodes, claims = tmp_path / "nodes.csv", tmp_path / "claims.csv"
    run("export-csv", "--nodes", str(nodes), "--claims", str(claims), "--store", spec)
    copy = f"embedded:{tmp_path / 'copy'}"
    run("import", "--nodes", str(nodes), "--claims", str(claims), "--store", copy)
    with EmbeddedStore(spec.removeprefix("embedded:")) as a, EmbeddedStore(copy.removeprefix("embedded:")) as b:
        assert export(a) == export(b)


def test_claims_csv_names_the_ends_and_the_source_and_pandas_reads_it(spec, tmp_path):
    nodes, claims = tmp_path / "nodes.csv", tmp_path / "claims.csv"
    run("export-csv", "--nodes", str(nodes), "--claims", str(claims), "--store", spec)
    table = pd.read_csv(claims)
    sent = table[(table["type"] == "SENT") & (table["source_id"] == "source:dddddddddddddddd")].iloc[0]
    assert (sent["from_name"], sent["to_name"], sent["source_title"]) == (
        "Northshire Police",
        "Eastmere Review",
        "synthetic memo",
    )
    assert sent["sentence"].startswith("- Northshire Police")  # raw: as stored
    aliases = pd.read_csv(nodes).set_index("id").loc["agency:northshire-police", "aliases"]
    assert aliases == "NP|Police; Northshire"


def test_spreadsheet_safe_csv_neutralises_formulas(spec, tmp_path):
    nodes, claims = tmp_path / "nodes.csv", tmp_path / "claims.csv"
    result = run("export-csv", "--nodes", str(nodes), "--claims", str(claims), "--spreadsheet-safe", "--store", spec)
    assert "not for re-import" in result.output
    sentences = set(pd.read_csv(claims)["sentence"])
    assert "'- Northshire Police sent the Eastmere Review to the Department of Civic Affairs" in sentences
    assert not any(s.startswith(("=", "-", "+", "@")) for s in sentences)
    assert "text" not in pd.read_csv(nodes).columns


def _graphml(spec: str, tmp_path) -> bytes:
    out = tmp_path / "kflow.graphml"
    run("export-graphml", "-o", str(out), "--store", spec)
    return out.read_bytes()


def test_whole_store_graphml_is_labelled_by_name_with_one_key_per_name(spec, tmp_path):
    data = _graphml(spec, tmp_path)
    G = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    with EmbeddedStore(spec.removeprefix("embedded:"), read_only=True) as store:
        counts = store.counts()
    assert (G.number_of_nodes(), G.number_of_edges()) == (counts.total_nodes, counts.total_claims)
    police = G.nodes["agency:northshire-police"]
    assert (police["label"], police["node_type"], police["aliases"]) == (
        "Northshire Police",
        "Agency",
        "NP|Police; Northshire",
    )
    assert G.nodes["report:eastmere-review"]["is_published"] is False
    assert G.nodes["source:dddddddddddddddd"].get("published") is None  # no date: no value, not "None"
    keys = ET.fromstring(data).findall(f"{GRAPHML}key")
    names = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(names) == len(set(names))  # Gephi and JGraphT take one key per name
    booleans = {k.get("id") for k in keys if k.get("attr.type") == "boolean"}
    values = {d.text for d in ET.fromstring(data).iter(f"{GRAPHML}data") if d.get("key") in booleans}
    assert values and values <= {"true", "false"}
    edge_labels = {d["label"] for _, _, d in G.edges(data=True)}
    assert {"SENT", "MENTIONS"} <= edge_labels


def test_output_files_follow_the_umask(spec, tmp_path):
    old = os.umask(0o022)
    try:
        run("export", "-o", str(tmp_path / "g.ttl"), "--store", spec)
        run("export-graphml", "-o", str(tmp_path / "g.graphml"), "--store", spec)
        run("export-csv", "--nodes", str(tmp_path / "n.csv"), "--claims", str(tmp_path / "c.csv"), "--store", spec)
        os.umask(0o002)
        run("export", "-o", str(tmp_path / "shared.nt"), "-f", "nt", "--store", spec)
    finally:
        os.umask(old)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir() if p.is_file()}
    assert modes == {"g.ttl": 0o644, "g.graphml": 0o644, "n.csv": 0o644, "c.csv": 0o644, "shared.nt": 0o664}

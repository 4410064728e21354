"""Investigators exchange claim tables: `kflow export-csv` then `kflow import` into a fresh store keeps
denials (claims with polarity negated) as denials, with the same claim ids, on either backend; the
GraphML export stays the corrected view (no denials) and says so. Fictional bodies only (synthetic)."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from graph.embedded import EmbeddedStore
from graph.model import NEGATED, Batch, Claim, Node
from graph.stores import open_store
from kflow.cli import main
from tests.test_exports_interop import tricky_batch

DENIAL_TEXT = (
    "Synthetic. Northshire Police never received the Eastmere Review. Northshire Police sent the Eastmere Review."
)
DENIAL_SOURCE = "source:eeeeeeeeeeeeeeee"


def _with_denial() -> Batch:
    batch = tricky_batch()
    source = Node(DENIAL_SOURCE, "Source", "synthetic denial", props={"sha256": "e" * 64, "text": DENIAL_TEXT})
    first = DENIAL_TEXT.split(". ")[1] + "."
    start = DENIAL_TEXT.index(first)
    common = dict(source_id=source.id, confidence=0.6, extractor="test", char_start=start, char_end=start + len(first))
    denial = Claim("RECEIVED", "agency:northshire-police", "report:eastmere-review", sentence=first, **common,
                   polarity=NEGATED)  # fmt: skip
    return Batch([*batch.nodes, source], [*batch.claims, denial])


def _run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def _polarities(spec: str) -> dict[str, str]:
    store = open_store(spec, read_only=spec.startswith("embedded:"))
    try:
        return {c.id: c.polarity for batch in store.iter_claims() for c in batch}
    finally:
        store.close()


@pytest.fixture
def spec(tmp_path) -> str:
    with EmbeddedStore(tmp_path / "kflow-data") as store:
        store.upsert(_with_denial())
    return f"embedded:{tmp_path / 'kflow-data'}"


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def fresh(request, tmp_path) -> str:
    if request.param == "embedded":
        return f"embedded:{tmp_path / 'copy'}"
    request.getfixturevalue("neo4j_store")  # the session's server, wiped
    return request.getfixturevalue("neo4j_uri")


def test_export_then_import_keeps_denials_and_claim_ids(spec, fresh, tmp_path):
    nodes, claims = tmp_path / "nodes.csv", tmp_path / "claims.csv"
    _run("export-csv", "--nodes", str(nodes), "--claims", str(claims), "--store", spec)
    table = pd.read_csv(claims)
    assert list(table.loc[table["source_id"] == DENIAL_SOURCE, "polarity"]) == [NEGATED]
    _run("import", "--nodes", str(nodes), "--claims", str(claims), "--store", fresh)
    stored = _polarities(spec)
    assert NEGATED in stored.values()
    assert _polarities(fresh) == stored


def test_graphml_is_the_corrected_view_without_denials_and_says_so(spec, tmp_path):
    out = tmp_path / "g.graphml"
    _run("export-graphml", "-o", str(out), "--store", spec)
    assert "never received" not in out.read_text()
    assert "denials" in _run("export-graphml", "--help").output

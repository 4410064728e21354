"""`neo4j-admin database import full` (graph/neo4j_bulk.py): a fresh database bulk-imported from a store
holds exactly what the transactional path writes, and answers the same questions.

The corpus: the seed article through the real extractor, plus the FICTIONAL Northshire world of
tests/test_analysis.py (synthetic). The import runs the Maven-assembled neo4j-admin into a server
home of this module's own, started on its own port, so the shared test server is not disturbed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import tests.test_seed_questions as seed
from graph.analysis import document_date, first_knowledge, load_body_graph, load_flow_graph, resolve_in_store
from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, Node
from graph.neo4j_bulk import BulkImportError, claim_header, import_into_home, node_header, write_csv
from graph.neo4j_server import LocalNeo4jServer, free_port
from graph.neo4j_store import Neo4jStore, schema_statements
from kflow.cli import main
from loaders.extract import default_extractor
from loaders.pipeline import load_paths
from tests.test_analysis import claims, nodes
from tests.test_analysis_backends import QUESTIONS

pytestmark = pytest.mark.neo4j


def _fill(store) -> None:
    report = load_paths([seed.SEED_ARTICLE], store, default_extractor())
    assert report.count("loaded") == 1, [(f.path, f.reason) for f in report.files]
    store.upsert(Batch(nodes(), claims()))


def _everything(store, loaded_at: bool = True) -> tuple[list, list]:
    """Every node and claim; without `loaded_at` (a Source's load time), two loads of one corpus are equal."""
    every_node = sorted(
        (
            n.id,
            n.label,
            n.name,
            tuple(n.aliases),
            tuple(sorted(i for i in n.props.items() if loaded_at or i[0] != "loaded_at")),
        )
        for b in store.iter_nodes()
        for n in b
    )
    every_claim = sorted(repr(c) for b in store.iter_claims() for c in b)
    return every_node, every_claim


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bulk-source") / "db"
    with EmbeddedStore(path) as store:
        _fill(store)
    return path


@pytest.fixture(scope="module")
def bulk(source, tmp_path_factory, neo4j_uri):  # noqa: ARG001 (neo4j_uri: java and the jars are there, or CI fails)
    """A server on a home that `kflow bulk-import` filled from the source store."""
    home = tmp_path_factory.mktemp("bulk") / "home"
    result = CliRunner().invoke(main, ["bulk-import", "--from", f"embedded:{source}", "--home", str(home)])
    assert result.exit_code == 0, result.output
    assert "imported" in result.output
    with LocalNeo4jServer(home, free_port(), timeout=120) as server:
        Neo4jStore.from_uri(server.uri).close()  # kflow's first writable open creates the constraints and indexes
        yield server


def test_headers_come_from_the_schema():
    assert node_header("Report")[-3:] == ["date_precision:string", "published:boolean", "text_source:string"]
    assert "confidence:double" in claim_header() and "char_start:long" in claim_header()


def test_bulk_import_holds_what_the_transactional_path_writes(bulk, source, neo4j_store):
    _fill(neo4j_store)
    with Neo4jStore.from_uri(bulk.uri) as imported, EmbeddedStore(source, read_only=True) as original:
        assert _everything(imported) == _everything(original)  # to the byte, the load time included
        assert _everything(imported, loaded_at=False) == _everything(neo4j_store, loaded_at=False)
        assert imported.counts() == neo4j_store.counts()
        assert imported.counts().total_claims > 30 and imported.counts().nodes["Source"] == 3
        made = imported._read(
            lambda tx: {r["name"] for kind in ("CONSTRAINTS", "INDEXES") for r in tx.run(f"SHOW {kind} YIELD name")}
        )
        assert set(schema_statements()) <= made  # created on first open, so incremental loads can MERGE
    runner = CliRunner()
    for question in QUESTIONS:
        on_bulk = runner.invoke(main, [*question, "--store", bulk.uri])
        on_transactional = runner.invoke(main, [*question, "--store", neo4j_store.connection.uri])
        assert on_bulk.exit_code == on_transactional.exit_code, question
        assert on_bulk.output == on_transactional.output, question


def test_the_bulk_imported_database_answers_the_seed_questions(bulk):
    with Neo4jStore.from_uri(bulk.uri, read_only=True) as store:
        home_office = resolve_in_store(store, "home office")
        graph = load_body_graph(store, home_office.id)
        known = first_knowledge(graph, home_office.id, seed.TOPIC)
        seed.test_home_office_first_knew_in_2002_and_the_answer_cites_its_sentence((graph, known))
        seed.test_university_of_luton_sent_it_and_had_been_commissioned_in_2001((graph, known))
        jay = resolve_in_store(store, "Jay Report", ["Report"])
        start, _, text = document_date(load_flow_graph(store, [jay.id], hops=1), jay.id)
        assert text == "2014" and start.year - known.year == 12


def test_incremental_loads_after_a_bulk_import_take_the_transactional_path(bulk):
    with Neo4jStore.from_uri(bulk.uri) as store:
        source = Node("source:00000000000000aa", "Source", "Synthetic note", props={"text": "Synthetic note."})
        police = Node("agency:northshire-police-extra", "Agency", "Northshire Police Extra Unit")
        note = Claim("MENTIONS", source.id, police.id, source.id, "Synthetic note.", 0, 15, 0.9, "test")
        first = store.upsert(Batch([source, police], [note]))
        again = store.upsert(Batch([source, police], [note]))
        assert (first.nodes_added, first.claims_added) == (2, 1)
        assert (again.nodes_added, again.claims_added, again.claims_skipped) == (0, 0, 1)
        store.remove_source(source.id)


def test_importing_under_a_running_server_is_refused(bulk, tmp_path):
    files = write_csv([[Node("agency:x", "Agency", "X")]], [], tmp_path / "csv")
    with pytest.raises(BulkImportError, match="running"):
        import_into_home(files, bulk.home)


def test_bulk_import_needs_one_target(tmp_path):
    result = CliRunner().invoke(main, ["bulk-import", "--from", f"embedded:{tmp_path / 'db'}"])
    assert result.exit_code != 0 and "exactly one of --home" in result.output

"""Neo4j-only behaviour of Neo4jStore on a real server: transactions, server-side read-only,
constraints, stored types, connection errors. The shared behaviour is in test_store_contract.py.
All data is synthetic (fictional bodies)."""

from __future__ import annotations

import pytest
from neo4j import GraphDatabase

from graph.model import Batch, Claim, Node
from graph.neo4j_connect import parse_spec
from graph.neo4j_server import free_port
from graph.neo4j_store import Neo4jStore, schema_statements
from graph.schema import SCHEMA
from graph.store import ReadOnlyQueryError, StoreError

SOURCE = "source:cccccccccccccccc"
TEXT = "Synthetic. Northshire Police sent the Eastmere Review to the Department of Civic Affairs in 2009."


def _batch() -> Batch:
    nodes = [
        Node(SOURCE, "Source", "synthetic source", props={"sha256": "c" * 64, "text": TEXT, "published": "2018-01-01"}),
        Node("agency:northshire-police", "Agency", "Northshire Police", ["the Northshire force"]),
        Node("agency:department-of-civic-affairs", "Agency", "Department of Civic Affairs", ["DCA"]),
        Node("report:eastmere-review", "Report", "Eastmere Review", props={"published": True}),
    ]
    common = dict(
        source_id=SOURCE,
        sentence=TEXT[11:],
        char_start=11,
        char_end=len(TEXT),
        confidence=0.75,
        extractor="test",
        date_start="2009-01-01",
        date_end="2009-12-31",
        date_precision="year",
    )
    claims = [
        Claim("SENT", "agency:northshire-police", "report:eastmere-review", **common),
        Claim("RECEIVED", "agency:department-of-civic-affairs", "report:eastmere-review", **common),
        Claim("MENTIONS", SOURCE, "agency:northshire-police", **common),
    ]
    return Batch(nodes, claims)


# -- connection settings (no server needed) --------------------------------------------------


def test_spec_database_from_uri_or_env_and_credentials_from_env():
    conn = parse_spec(
        "neo4j+s://db.example:7687?database=inquiry", {"NEO4J_USER": "reader", "NEO4J_PASSWORD": "s3cret"}
    )
    assert (conn.uri, conn.database, conn.auth) == ("neo4j+s://db.example:7687", "inquiry", ("reader", "s3cret"))
    assert "s3cret" not in repr(conn) and "s3cret" not in conn.where
    assert parse_spec("bolt://localhost:7687", {"NEO4J_DATABASE": "team"}).database == "team"
    assert parse_spec("bolt+ssc://localhost", {}).auth is None


def test_spec_credentials_in_the_uri_are_taken_out_of_it():
    conn = parse_spec("bolt://ann:pw@localhost:7687", {})
    assert conn.uri == "bolt://localhost:7687" and conn.auth == ("ann", "pw")


def test_spec_routing_context_kept_for_neo4j_scheme_only():
    assert parse_spec("neo4j://h:7687?region=eu&database=x", {}).uri == "neo4j://h:7687?region=eu"
    with pytest.raises(ValueError, match="region"):
        parse_spec("bolt://h:7687?region=eu", {})
    with pytest.raises(ValueError, match="scheme 'http'"):
        parse_spec("http://h:7474", {})


def test_schema_statements_take_labels_and_types_from_the_schema_only():
    statements = schema_statements()
    # ids, names, kflow_names, sources; + documents' text, corrections, investigator's records
    assert len(statements) == 2 * len(SCHEMA.nodes) + 2 * len(SCHEMA.edges) + 4
    assert all("$" not in s for s in statements.values())


# -- on a real server ------------------------------------------------------------------------

needs_neo4j = pytest.mark.neo4j


@pytest.fixture
def driver(neo4j_uri):
    with GraphDatabase.driver(neo4j_uri, auth=None) as d:
        yield d


@needs_neo4j
def test_every_node_has_one_schema_label_and_constraints_exist(neo4j_store, driver):
    neo4j_store.upsert(_batch())
    labels = [r["l"] for r in driver.execute_query("MATCH (n) RETURN labels(n) AS l").records]
    assert sorted(labels) == [["Agency"], ["Agency"], ["Report"], ["Source"]]
    names = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name").records}
    assert {f"kflow_{label}_id" for label in SCHEMA.nodes} | {f"kflow_{e}_id" for e in SCHEMA.edges} <= names


@needs_neo4j
def test_claims_are_typed_relationships_with_native_dates(neo4j_store, driver):
    neo4j_store.upsert(_batch())
    (record,) = driver.execute_query(
        "MATCH (a:Agency {id: 'agency:northshire-police'})-[r:SENT]->(b:Report) RETURN r.date_start AS d, r.confidence AS c, r.char_start AS s"
    ).records
    assert (record["d"].iso_format(), record["c"], record["s"]) == ("2009-01-01", 0.75, 11)
    assert neo4j_store.get_node("report:eastmere-review").props == {"published": True}


@needs_neo4j
def test_small_statement_batches_still_write_everything(neo4j_uri):
    with Neo4jStore.from_uri(neo4j_uri, batch_size=1) as store:
        store.wipe()
        result = store.upsert(_batch())
        assert (result.nodes_added, result.claims_added) == (4, 3)
        assert store.counts().total_claims == 3


@needs_neo4j
def test_a_failure_late_in_an_upsert_rolls_back_the_statements_already_run(neo4j_uri):
    """batch_size=1 makes many statements in one transaction; the server rejects the last claim
    (a map is not a property value) after the nodes and other claims were written: nothing may remain."""
    batch = _batch()
    batch.claims[-1].role = {"not": "a property value"}  # type: ignore[assignment]
    with Neo4jStore.from_uri(neo4j_uri, batch_size=1) as store:
        store.wipe()
        with pytest.raises(StoreError, match="Property values can only be of primitive types"):
            store.upsert(batch)
        assert store.counts().total_nodes == 0 and store.counts().total_claims == 0


@needs_neo4j
def test_the_server_refuses_writes_in_the_read_session(neo4j_store, monkeypatch):
    """With the text guard out of the way, the server's read access mode still stops every write."""
    monkeypatch.setattr("graph.neo4j_store.ensure_read_only", lambda cypher: None)
    for write in ["CREATE (:Agency {id: 'agency:ghost', name: 'Ghost'})", "CALL db.createLabel('Ghost')"]:
        with pytest.raises(ReadOnlyQueryError, match="refused by the server: the console is read-only"):
            neo4j_store.query(write)
    with pytest.raises(ReadOnlyQueryError, match="read access mode"):
        neo4j_store._read(lambda tx: tx.run("MERGE (:Agency {id: 'agency:ghost', name: 'Ghost'})").consume())
    assert neo4j_store.counts().total_nodes == 0
    assert "Ghost" not in [row[0] for row in neo4j_store.query("CALL db.labels() YIELD label RETURN label").rows]


@needs_neo4j
def test_query_returns_plain_values(neo4j_store):
    neo4j_store.upsert(_batch())
    result = neo4j_store.query(
        "MATCH (a:Agency {id: 'agency:department-of-civic-affairs'})-[r:RECEIVED]->() RETURN a, r"
    )
    ((node, rel),) = result.rows
    assert node["_labels"] == ["Agency"] and node["aliases"] == ["DCA"] and rel["_type"] == "RECEIVED"


@needs_neo4j
def test_read_only_store_refuses_upsert_and_creates_nothing(neo4j_uri):
    with Neo4jStore.from_uri(neo4j_uri, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.upsert(_batch())


@needs_neo4j
def test_unknown_database_is_one_clear_error(neo4j_uri):
    with pytest.raises(StoreError, match="no database 'nosuchdb'"):
        Neo4jStore.from_uri(f"{neo4j_uri}?database=nosuchdb")


def test_server_down_is_one_clear_error_at_once():
    with pytest.raises(StoreError, match=r"cannot reach Neo4j at bolt://127\.0\.0\.1:\d+: is the server running"):
        Neo4jStore.from_uri(f"bolt://127.0.0.1:{free_port()}")

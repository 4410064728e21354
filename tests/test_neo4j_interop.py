"""Issue 17 on a real Neo4j server, with the official driver as the client nobody here wrote:
native DATE values (written, read, filtered, migrated), a hand-written bad value as one clear
error that leaves a sync target untouched, and the name indexes. All data is synthetic."""

from __future__ import annotations

import datetime

import pytest
from neo4j import GraphDatabase
from neo4j.time import Date

from graph.embedded import EmbeddedStore
from graph.neo4j_store import NAMES_INDEX, Neo4jStore
from graph.schema import SCHEMA
from tests.test_neo4j_cli import assert_one_clear_error, kflow
from tests.test_neo4j_store import SOURCE, _batch

pytestmark = pytest.mark.neo4j


@pytest.fixture
def driver(neo4j_uri):
    with GraphDatabase.driver(neo4j_uri, auth=None) as d:
        yield d


def test_dates_are_native_and_their_precision_is_kept_beside(neo4j_store, driver):
    neo4j_store.upsert(_batch())
    (record,) = driver.execute_query(
        "MATCH (:Agency)-[r:SENT]->() WHERE r.date_start >= date('2009-01-01') AND r.date_end <= date('2009-12-31') "
        "RETURN r.date_start AS d, r.date_precision AS p"
    ).records
    assert record["d"] == Date(2009, 1, 1) and record["p"] == "year"
    (source,) = driver.execute_query("MATCH (s:Source) RETURN s.published AS p").records
    assert source["p"] == Date(2018, 1, 1)
    assert neo4j_store.get_node(SOURCE).props["published"] == "2018-01-01"
    (claim,) = neo4j_store.claims(types=["SENT"], since="2009-06-01", until="2010-01-01")
    assert (claim.date_start, claim.date_end) == ("2009-01-01", "2009-12-31")


def test_native_and_string_dates_written_by_hand_read_alike(neo4j_store, driver):
    neo4j_store.upsert(_batch())
    driver.execute_query(
        "MATCH (a:Agency {id: 'agency:northshire-police'})-[r:SENT]->() SET r.date_start = date('2009-05-01')"
    )
    driver.execute_query("MATCH ()-[r:RECEIVED]->() SET r.date_start = '2009-03-01', r.date_end = '2009-03-31'")
    by_type = {c.type: c for c in neo4j_store.claims(types=["SENT", "RECEIVED"], since="2009-02-01")}
    assert by_type["SENT"].date_start == "2009-05-01" and by_type["RECEIVED"].date_end == "2009-03-31"
    assert [c.type for c in neo4j_store.claims(types=["SENT", "RECEIVED"])] == ["RECEIVED", "SENT"]  # by date


def test_opening_for_writing_migrates_string_dates_to_native(neo4j_uri, neo4j_store, driver):
    neo4j_store.upsert(_batch())
    driver.execute_query("MATCH ()-[r]->() SET r.date_start = '2009-01-01'")
    driver.execute_query("MATCH (s:Source) SET s.published = '2018-01-01'")
    with Neo4jStore.from_uri(neo4j_uri):
        pass
    kinds = driver.execute_query(
        "MATCH ()-[r]->() RETURN DISTINCT valueType(r.date_start) AS t UNION "
        "MATCH (s:Source) RETURN valueType(s.published) AS t"
    ).records
    assert {r["t"] for r in kinds} == {"DATE NOT NULL"}


@pytest.mark.parametrize("bad", ["'spring 2011'", "datetime('2011-05-01T10:00:00Z')", "20110501"])
def test_a_value_that_is_no_date_is_one_clear_line_and_sync_writes_nothing(neo4j_store, driver, tmp_path, bad):
    neo4j_store.upsert(_batch())
    driver.execute_query(f"MATCH ()-[r:RECEIVED]->() SET r.date_start = {bad}")
    uri = neo4j_store.connection.uri
    target = tmp_path / "copy"
    run = kflow("sync", "--from", uri, "--to", f"embedded:{target}")
    assert_one_clear_error(run, "RECEIVED claim")
    assert "date_start" in run.stderr and "not a date" in run.stderr
    with EmbeddedStore(target) as copy:
        assert copy.counts().total_nodes == 0 and copy.counts().total_claims == 0
    assert_one_clear_error(kflow("export", "--store", uri, "-o", str(tmp_path / "x.ttl")), "not a date")
    assert not (tmp_path / "x.ttl").exists()
    assert_one_clear_error(kflow("timeline", "--store", uri), "not a date")
    driver.execute_query("MATCH ()-[r:RECEIVED]->() SET r.date_start = date('2009-01-01')")  # fixed by hand
    run = kflow("sync", "--from", uri, "--to", f"embedded:{target}")
    assert run.returncode == 0, run.stderr
    with EmbeddedStore(target) as copy:
        assert copy.counts().total_claims == 3


def test_name_range_indexes_and_the_full_text_index_on_names_and_aliases(neo4j_store, driver):
    neo4j_store.upsert(_batch())
    indexes = {r["name"]: r for r in driver.execute_query("SHOW INDEXES YIELD name, type, properties").records}
    for label in SCHEMA.nodes:
        assert indexes[f"kflow_{label}_name"]["type"] == "RANGE"
    assert indexes[NAMES_INDEX]["type"] == "FULLTEXT"
    assert indexes[NAMES_INDEX]["properties"] == ["name", "aliases"]
    driver.execute_query("CALL db.awaitIndexes(60)")
    found = driver.execute_query(
        f"CALL db.index.fulltext.queryNodes('{NAMES_INDEX}', 'DCA') YIELD node RETURN node.id AS id"
    ).records
    assert [r["id"] for r in found] == ["agency:department-of-civic-affairs"]  # found by its alias
    plan = driver.execute_query("EXPLAIN MATCH (n:Agency) WHERE n.name = 'DCA' RETURN n").summary.plan
    assert "NodeIndexSeek" in str(plan)


def test_date_parameters_compare_with_python_dates(neo4j_store, driver):
    """What a client using the official driver writes: a datetime.date parameter."""
    neo4j_store.upsert(_batch())
    records = driver.execute_query(
        "MATCH ()-[r:SENT]->() WHERE r.date_start = $d RETURN r.id AS id", d=datetime.date(2009, 1, 1)
    ).records
    assert len(records) == 1

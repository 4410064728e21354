"""`kflow query` takes either backend's spelling of the common functions, on both backends, and says
clearly when a construct exists on one backend only (issue 17). Synthetic data."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graph.cypher_dialect import EMBEDDED, NEO4J, for_backend
from graph.store import StoreError
from kflow.cli import main
from tests.test_neo4j_store import _batch

SPELLINGS = [
    "MATCH (a)-[r]->(b:Report) RETURN type(r) AS t, toInteger(r.char_start) AS s ORDER BY t",
    "MATCH (a)-[r]->(b:Report) RETURN label(r) AS t, to_int64(r.char_start) AS s ORDER BY t",
]


@pytest.mark.parametrize("cypher", SPELLINGS)
def test_both_spellings_answer_alike_on_both_backends(store, cypher):
    store.upsert(_batch())
    assert store.query(cypher).rows == [["RECEIVED", 11], ["SENT", 11]]


def test_a_node_label_in_ladybug_spelling_runs_on_both(store):
    store.upsert(_batch())
    rows = store.query("MATCH (n:Report) RETURN label(n) AS l, toString(n.id) AS i").rows
    assert rows == [["Report", "report:eastmere-review"]]


def test_strings_and_backquoted_names_are_left_alone():
    cypher = "MATCH (n) WHERE n.name = 'type(x)' RETURN `type(r)`, type(r)"
    assert for_backend(cypher, EMBEDDED) == "MATCH (n) WHERE n.name = 'type(x)' RETURN `type(r)`, label(r)"
    assert for_backend("MATCH (a)-[r]->(b) RETURN label(r), label(a)", NEO4J) == (
        "MATCH (a)-[r]->(b) RETURN type(r), labels(a)[0]"
    )


@pytest.mark.parametrize(
    ("cypher", "backend", "advice"),
    [
        ("MATCH p = shortestPath((a)-[*..4]-(b)) RETURN p", EMBEDDED, "[* SHORTEST 1..6]"),
        ("MATCH (n) WHERE n:Agency RETURN n", EMBEDDED, "label(n) = 'Label'"),
        ("MATCH (a)-[r]->(b) RETURN startNode(r)", EMBEDDED, "name the ends"),
        ("MATCH p = (a)-[* SHORTEST 1..4]-(b) RETURN p", NEO4J, "shortestPath("),
    ],
)
def test_a_construct_of_one_backend_only_is_named_with_what_to_write(cypher, backend, advice):
    with pytest.raises(StoreError, match="backend-specific Cypher") as error:
        for_backend(cypher, backend)
    assert advice in str(error.value)


def test_kflow_query_says_so_in_one_line(tmp_path):
    spec = f"embedded:{tmp_path / 'kflow-data'}"
    from graph.stores import open_store

    with open_store(spec) as store:
        store.upsert(_batch())
    runner = CliRunner()
    ok = runner.invoke(main, ["query", "MATCH ()-[r]->() RETURN type(r) AS t ORDER BY t LIMIT 1", "--store", spec])
    assert ok.exit_code == 0 and "MENTIONS" in ok.output
    bad = runner.invoke(main, ["query", "MATCH p = shortestPath((a)-[*..3]-(b)) RETURN p", "--store", spec])
    assert bad.exit_code != 0 and "backend-specific Cypher" in bad.output and "Traceback" not in bad.output

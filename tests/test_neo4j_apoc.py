"""The local server with the APOC core plugin (`--with-apoc`): it starts although APOC brings an older
commons-lang3 than Neo4j's (the server's jars come first on the classpath), and the schema call
LangChain's Neo4jGraph and neo4j-graphrag make, `apoc.meta.data`, answers over kflow's graph."""

from __future__ import annotations

import shutil

import pytest
from neo4j import GraphDatabase

from graph.neo4j_server import LocalNeo4jServer, ensure_apoc_jars, ensure_jars, free_port
from graph.neo4j_store import Neo4jStore
from tests.conftest import IN_CI
from tests.test_neo4j_store import _batch

pytestmark = pytest.mark.neo4j

# The query LangChain's Neo4jGraph.refresh_schema sends for node properties (langchain_neo4j, 2025).
NODE_PROPERTIES_QUERY = """
CALL apoc.meta.data()
YIELD label, other, elementType, type, property
WHERE NOT type = "RELATIONSHIP" AND elementType = "node"
WITH label AS nodeLabels, collect({property:property, type:type}) AS properties
RETURN {labels: nodeLabels, properties: properties} AS output
"""


@pytest.fixture(scope="module")
def apoc_server(tmp_path_factory):
    if not (shutil.which("java") and shutil.which("mvn")) and not IN_CI:
        pytest.skip("needs java and mvn to assemble the local server")
    ensure_jars()
    server = LocalNeo4jServer(tmp_path_factory.mktemp("apoc") / "home", free_port(), with_apoc=True)
    try:
        server.start()
    except RuntimeError as error:
        pytest.fail(f"the server with APOC did not start: {error}", pytrace=False)
    yield server
    server.stop()


def test_the_servers_own_jars_precede_the_plugins_on_the_classpath(tmp_path):
    server = LocalNeo4jServer(tmp_path / "home", free_port())
    command = server.command()
    classpath = command[command.index("-cp") + 1].split(":")
    assert classpath[0].endswith("neo4j-server/lib/*") and classpath[1].endswith("plugins/*")


def test_apoc_jars_include_the_older_commons_lang3_that_used_to_win():
    names = [jar.name for jar in ensure_apoc_jars().glob("*.jar")]
    assert any(n.startswith("apoc-core-5.26.") for n in names)
    assert any(n.startswith("commons-lang3-3.12") for n in names)  # older than the server's own


def test_apoc_meta_data_answers_the_langchain_schema_query(apoc_server):
    with Neo4jStore.from_uri(apoc_server.uri) as store:
        store.upsert(_batch())
    with GraphDatabase.driver(apoc_server.uri, auth=None) as driver:
        (version,) = driver.execute_query("RETURN apoc.version() AS v").records
        assert version["v"].startswith("5.26")
        outputs = [r["output"] for r in driver.execute_query(NODE_PROPERTIES_QUERY).records]
    by_label = {o["labels"]: {p["property"]: p["type"] for p in o["properties"]} for o in outputs}
    assert by_label["Agency"]["name"] == "STRING" and by_label["Agency"]["aliases"] == "LIST"
    assert by_label["Source"]["published"] == "DATE"  # native dates are visible to schema readers

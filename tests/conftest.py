"""Shared fixtures: a fresh store per test on every backend the run can reach."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def embedded_store(tmp_path):
    store = EmbeddedStore(tmp_path / "kflow-data")
    yield store
    store.close()


IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def neo4j_uri(tmp_path_factory):
    """A Neo4j server for the whole session: `NEO4J_URI` if set (a THROWAWAY server: tests wipe it),
    else a local 5.26 server from Maven Central jars. Under CI=true this never skips: it fails, saying why."""
    if os.environ.get("NEO4J_URI"):
        yield os.environ["NEO4J_URI"]
        return
    missing = [tool for tool in ("java", "mvn") if not shutil.which(tool)]
    if missing and not IN_CI:
        pytest.skip(f"Neo4j tests need {' and '.join(missing)} on PATH to run a local server (or set NEO4J_URI)")
    from graph.neo4j_server import LocalNeo4jServer, ensure_jars, free_port

    try:
        ensure_jars()
        server = LocalNeo4jServer(tmp_path_factory.mktemp("neo4j") / "home", free_port(), timeout=120).start()
    except RuntimeError as error:
        pytest.fail(f"the local Neo4j server did not start: {error}", pytrace=False)
    yield server.uri
    server.stop()


@pytest.fixture
def neo4j_store(neo4j_uri):
    """A Neo4jStore on an emptied database (constraints kept)."""
    from graph.neo4j_store import Neo4jStore

    s = Neo4jStore.from_uri(neo4j_uri)
    s.wipe()
    yield s
    s.close()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    """Every backend runs the same tests through this fixture."""
    if request.param == "embedded":
        s = EmbeddedStore(tmp_path / "kflow-data")
        yield s
        s.close()
    else:
        yield request.getfixturevalue("neo4j_store")

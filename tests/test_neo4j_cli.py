"""Acceptance: the real `kflow` command against a real Neo4j server (load, read-only query, sync,
and one clear message when the server is down or refuses the credentials)."""

from __future__ import annotations

import functools
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from neo4j import GraphDatabase

from graph.embedded import EmbeddedStore
from graph.neo4j_server import free_port
from graph.neo4j_store import Neo4jStore
from kflow.cli import main
from tests.conftest import IN_CI, PROJECT_ROOT
from tests.store_export import export

pytestmark = pytest.mark.neo4j
KFLOW = (
    [sys.executable, "-m", "kflow.cli"]
    if not (PROJECT_ROOT / ".venv/bin/kflow").exists()
    else [str(PROJECT_ROOT / ".venv/bin/kflow")]
)
SEEDS = PROJECT_ROOT / "seeds" / "000_2642609051fa25c3.txt"  # the seed article (seeds/ also holds the GSA case)


def kflow(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KFLOW_"))}
    return subprocess.run(
        [*KFLOW, *args], capture_output=True, text=True, timeout=300, env={**base, **(env or {})}, cwd=PROJECT_ROOT
    )


def assert_one_clear_error(run: subprocess.CompletedProcess[str], expected: str) -> None:
    assert run.returncode != 0
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and expected in errors[0], run.stderr


@pytest.fixture
def empty_neo4j(neo4j_store) -> str:
    """The session server's URI, emptied (the neo4j_store fixture wipes it)."""
    return neo4j_store.connection.uri


def test_load_seeds_then_the_official_driver_sees_the_source_and_its_claims(empty_neo4j):
    run = kflow("load", str(SEEDS), "--store", empty_neo4j)
    assert run.returncode == 0, run.stderr
    assert "1 loaded" in run.stdout
    with GraphDatabase.driver(empty_neo4j, auth=None) as driver:
        records = driver.execute_query(
            "MATCH (s:Source) OPTIONAL MATCH ()-[r]->() WHERE r.source_id = s.id "
            "RETURN s.id AS id, s.sha256 AS sha, count(r) AS claims, collect(DISTINCT type(r)) AS types"
        ).records
    (source,) = records
    assert source["id"].startswith("source:") and len(source["sha"]) == 64
    assert source["claims"] > 0 and "MENTIONS" in source["types"] and len(source["types"]) > 1


def test_query_that_writes_is_refused_with_one_clear_message(empty_neo4j):
    """Refused by the text guard or, past it, by the server's read access mode (proved in test_neo4j_store)."""
    for write in ["CALL db.createLabel('Ghost')", "MATCH (n) DETACH DELETE n"]:
        assert_one_clear_error(kflow("query", write, "--store", empty_neo4j), "the console is read-only")
    run = kflow("query", "RETURN 1 AS one", "--store", empty_neo4j)
    assert run.returncode == 0 and run.stdout.splitlines() == ["one", "1"]


@pytest.mark.parametrize("command", [["stats"], ["load", str(SEEDS)], ["query", "RETURN 1"]])
def test_server_down_is_one_clear_message(command):
    down = f"bolt://127.0.0.1:{free_port()}"
    assert_one_clear_error(kflow(*command, "--store", down), f"cannot reach Neo4j at {down}: is the server running?")


def test_sync_embedded_to_neo4j_twice_then_back(empty_neo4j, tmp_path):
    laptop = f"embedded:{tmp_path / 'laptop'}"
    assert kflow("load", str(SEEDS), "--store", laptop).returncode == 0
    first = in_process("sync", "--from", laptop, "--to", empty_neo4j, "--batch-size", "7")
    assert re.search(
        r"copied (\d+) nodes \(\1 added, 0 updated\) and (\d+) claims \(\2 added, 0 already there\)", first.output
    )
    second = in_process("sync", "--from", laptop, "--to", empty_neo4j)
    assert re.search(r"nodes \(0 added, 0 updated\) and (\d+) claims \(0 added, \1 already there\)", second.output), (
        second.output
    )
    in_process("sync", "--from", empty_neo4j, "--to", f"embedded:{tmp_path / 'back'}")
    stores = [
        EmbeddedStore(tmp_path / "laptop", read_only=True),
        Neo4jStore.from_uri(empty_neo4j, read_only=True),
        EmbeddedStore(tmp_path / "back", read_only=True),
    ]
    try:
        exports = [export(s) for s in stores]
    finally:
        for s in stores:
            s.close()
    assert exports[0] == exports[1] == exports[2] and exports[0][1]


def in_process(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_sync_refuses_the_same_store_twice(empty_neo4j):
    assert_one_clear_error(
        kflow("sync", "--from", empty_neo4j, "--to", empty_neo4j), "--from and --to are the same store"
    )


# -- a second server with authentication on, for the credential errors -------------------------


@pytest.fixture(scope="module")
def auth_server(tmp_path_factory):
    """A local server with auth on and a password made up for this run (never stored anywhere)."""
    missing = [tool for tool in ("java", "mvn") if not shutil.which(tool)]
    if missing and not IN_CI:
        pytest.skip(f"needs {' and '.join(missing)} to run a second, auth-enabled local Neo4j")
    import graph.neo4j_server as neo4j_server

    password = secrets.token_urlsafe(16)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(neo4j_server, "write_config", functools.partial(_with_auth, neo4j_server.write_config))
        try:
            server = neo4j_server.LocalNeo4jServer(tmp_path_factory.mktemp("neo4j-auth") / "home", free_port()).start()
        except RuntimeError as error:
            pytest.fail(f"the auth-enabled Neo4j server did not start: {error}", pytrace=False)
    with GraphDatabase.driver(server.uri, auth=("neo4j", "neo4j")) as driver:  # the first login must set a password
        driver.execute_query("ALTER CURRENT USER SET PASSWORD FROM 'neo4j' TO $pw", pw=password, database_="system")
    yield server.uri, password
    server.stop()


def _with_auth(write_config, *args, **kwargs) -> Path:
    """The test server's config with authentication switched on (a real server, a real config)."""
    path = write_config(*args, **kwargs)
    path.write_text(path.read_text().replace("dbms.security.auth_enabled=false", "dbms.security.auth_enabled=true"))
    return path


@pytest.mark.slow
def test_wrong_credentials_are_one_clear_message_and_the_password_is_never_printed(auth_server):
    uri, password = auth_server
    wrong = password[::-1]
    for env in ({"NEO4J_USER": "neo4j", "NEO4J_PASSWORD": wrong}, {}):
        run = kflow("stats", "--store", uri, env=env)
        assert_one_clear_error(run, "refused the credentials; check NEO4J_USER and NEO4J_PASSWORD")
        assert wrong not in run.stdout + run.stderr
    right = kflow("load", str(SEEDS), "--store", uri, env={"NEO4J_USER": "neo4j", "NEO4J_PASSWORD": password})
    assert right.returncode == 0 and "1 loaded" in right.stdout and password not in right.stdout + right.stderr

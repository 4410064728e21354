"""The Maven-assembled Neo4j 5.26 server really starts, answers Bolt, restarts and stops.

Never skipped under CI=true: if Java/Maven are missing or the server cannot start,
the test fails with the reason (including the server log tail).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graph.neo4j_server import LocalNeo4jServer, ensure_jars, free_port

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="module", autouse=True)
def _jars() -> Path:
    """Fetch the jars once; locally without Java/Maven skip, in CI fail loudly."""
    missing = [tool for tool in ("java", "mvn") if not shutil.which(tool)]
    if missing and not IN_CI:
        pytest.skip(f"{' and '.join(missing)} not on PATH (needed for the local Neo4j server)")
    return ensure_jars()


def _port_closed(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) != 0


def test_start_query_stop(tmp_path: Path) -> None:
    port = free_port()
    server = LocalNeo4jServer(tmp_path / "home", port)
    with server:
        assert server.uri == f"bolt://127.0.0.1:{port}"
        proc = server.process
        assert proc is not None and proc.poll() is None
        with GraphDatabase.driver(server.uri, auth=None) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS one")
            assert records[0]["one"] == 1
            driver.execute_query("CREATE (:Person {name: $name})-[:KNOWS]->(:Person {name: 'Bob'})", name="Ann")
            records, _, _ = driver.execute_query(
                "MATCH (a:Person)-[:KNOWS]->(b:Person) RETURN a.name AS a, b.name AS b"
            )
            assert [(r["a"], r["b"]) for r in records] == [("Ann", "Bob")]
            version = driver.execute_query("CALL dbms.components() YIELD versions RETURN versions[0] AS v")
            assert version.records[0]["v"].startswith("5.26.")
    assert proc.poll() is not None, "java process still alive after stop()"
    assert proc.returncode == 0  # clean shutdown via SIGTERM, not SIGKILL
    assert _port_closed(port)


def test_restart_after_kill_reuses_data(tmp_path: Path) -> None:
    """A SIGKILLed server leaves run/neo4j.pid and an unclean store; the next start recovers."""
    home = tmp_path / "home"
    first = LocalNeo4jServer(home, free_port()).start()
    with GraphDatabase.driver(first.uri, auth=None) as driver:
        driver.execute_query("CREATE (:Marker {v: 42})")
    with pytest.raises(RuntimeError, match="already using"):  # live store_lock: refuse, touch nothing
        LocalNeo4jServer(home, free_port()).start()
    assert first.process is not None
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(30)
    assert (home / "run" / "neo4j.pid").exists()  # the stale pid file we must survive

    with LocalNeo4jServer(home, free_port()) as second:
        with GraphDatabase.driver(second.uri, auth=None) as driver:
            records, _, _ = driver.execute_query("MATCH (m:Marker) RETURN m.v AS v")
            assert [r["v"] for r in records] == [42]
        proc = second.process
    assert proc is not None and proc.poll() is not None


def test_failed_start_reports_log_tail(tmp_path: Path) -> None:
    server = LocalNeo4jServer(tmp_path / "home", free_port(), heap="not-a-size", timeout=60)
    with pytest.raises(RuntimeError, match=r"(?s)exited with code .*Invalid (initial|maximum) heap size"):
        server.start()
    assert not server.is_running()

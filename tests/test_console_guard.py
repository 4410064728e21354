"""The console guard tokenises as the databases do, and console queries are fenced (issue 12: C1, C2, M5, Low).

SYNTHETIC data only: a temporary CSV holding a fictional secret stands in for /etc/passwd; the
extension folder touched in the one subprocess test is a fake one under a temporary HOME.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.console_process import run_console_query
from graph.cypher_guard import FILE_FUNCTIONS, ensure_read_only, tokenize
from graph.embedded import EmbeddedStore
from graph.model import Batch, Node
from graph.store import GraphStore, ReadOnlyQueryError, StoreError
from kflow.cli import main

SECRET = "FICTIONAL-SECRET-Quillmere-7731"

REFUSED = [
    # C1: a digit glued to a keyword; LadybugDB's lexer reads `1LOAD` as `1` then `LOAD`
    "MATCH (n) WITH n LIMIT 1LOAD FROM '{secret}' (header=false) RETURN *",
    "MATCH (n) WITH n LIMIT 1CALL read_csv_serial('{secret}') RETURN *",
    "MATCH (n) RETURN n LIMIT 1COPY",
    "RETURN 0x1LOAD",
    "RETURN 1.5LOAD FROM '{secret}'",
    "RETURN 1e3LOAD",
    "RETURN .5LOAD",
    "MATCH (n) WHERE n.x = $1LOAD RETURN n",
    # keywords hidden from a regex by comments, quotes or odd whitespace
    "MATCH (n) RETURN n /* **/ LOAD FROM '{secret}' RETURN * /* */",
    "MATCH (n) RETURN n /* never closed",
    "RETURN '\\q' LOAD FROM '{secret}' RETURN * //'",
    "RETURN 'never closed",
    "RETURN `never closed",
    "MATCH (n) WITH n\u00a0LIMIT 1\u2003LOAD FROM '{secret}' RETURN *",
    "MATCH (n) RETURN n\u200bLOAD",
    "MATCH (n) RETURN n // c\nLOAD FROM '{secret}' RETURN *",
    # C2 and every statement that touches files, extensions or settings
    "UNINSTALL json",
    "UPDATE json",
    "INSTALL json",
    "FORCE INSTALL json",
    "LOAD EXTENSION json",
    "LOAD json",
    "MATCH (n) RETURN n UNION LOAD FROM '{secret}' RETURN *",
    "ATTACH '{secret}' AS other (dbtype lbug)",
    "DETACH other",
    "USE other",
    "ANALYZE",
    "CHECKPOINT",
    "EXPORT DATABASE '/tmp/kflow-export'",
    "IMPORT DATABASE '/tmp/kflow-export'",
    "COPY (MATCH (n) RETURN n) TO '/tmp/kflow-out.csv'",
    "COPY Agency FROM '{secret}'",
    "BEGIN TRANSACTION",
    "COMMIT",
    "ROLLBACK",
    "COMMENT ON TABLE Agency IS 'x'",
    "CREATE MACRO m(x) AS x",
    "DROP TABLE Agency",
    "ALTER TABLE Agency ADD x STRING",
    "CALL timeout=0",
    "CALL home_directory='/tmp'",
    "CALL project_graph('g', ['Agency'], [])",
    "MATCH (n) SET n.name = 'x'",
    "MATCH (n) WITH n MERGE (m:Agency {id: 'x'})",
    "MATCH (n) REMOVE n.name",
    "MATCH (n) FOREACH (x IN [1] | CREATE (:Agency))",
    "MATCH (n) RETURN n; MATCH (n) DELETE n",
    "RETURN apoc.cypher.runFirstColumnSingle('LOAD CSV FROM \"file:///x\" AS l RETURN l')",
    "LOAD CSV FROM 'file:///{secret}' AS line RETURN line",
    "SHOW USERS",
    "GRANT ROLE reader TO someone",
    "TERMINATE TRANSACTIONS 'x'",
    *[f"MATCH (n) WITH n LIMIT 1 CALL {name}('{{secret}}') RETURN *" for name in sorted(FILE_FUNCTIONS)],
    "RETURN read_json('{secret}')",
    "MATCH (n) RETURN n LIMIT 1 CALL `read_csv_serial`('{secret}') RETURN *",
]
ALLOWED = [
    "MATCH (n) RETURN label(n) AS type, count(*) AS n ORDER BY n DESC",
    "MATCH (a)-[r:SENT]->(d:Report) RETURN a.name, d.name, r.date_start ORDER BY r.date_start LIMIT 50",
    "MATCH p = (a:Agency)-[* SHORTEST 1..6]-(b:Agency) WHERE a.id < b.id RETURN a.name, length(p) LIMIT 20",
    "OPTIONAL MATCH (n:Agency) WITH n WHERE n.name STARTS WITH 'N' RETURN n.name SKIP 1 LIMIT 2",
    "UNWIND [1, 2.5, .5, 1e3] AS x RETURN x UNION ALL RETURN 3 AS x",
    "MATCH (n) WHERE n.name = $name RETURN n.load, n.`set`, `delete`.x // LOAD FROM '/etc/passwd'\n",
    "RETURN 'it''s', \"\\u00e9\\n\", '/* LOAD */' /* a comment */ ;",
    "CALL show_tables() RETURN *",
    "CALL db.labels()",
    "CALL `db.labels`() YIELD label RETURN label",
    "MATCH (n) CALL { WITH n RETURN n.name AS x } RETURN x",
    "RETURN date.truncate('day', date()), datetime()",
]


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.csv"
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("query", REFUSED)
def test_the_guard_refuses_before_anything_runs(query: str, secret_file: Path):
    with pytest.raises(ReadOnlyQueryError, match="refused|one statement") as refused:
        ensure_read_only(query.replace("{secret}", str(secret_file)))
    assert SECRET not in str(refused.value)


@pytest.mark.parametrize("query", ALLOWED)
def test_read_queries_pass_the_guard(query: str):
    ensure_read_only(query)


def test_the_lexer_splits_digits_from_letters_as_the_database_does():
    assert [t.text for t in tokenize("RETURN 1..3, n.x, `a``b`")] == [
        "RETURN",
        "1",
        "..",
        "3",
        ",",
        "n",
        ".",
        "x",
        ",",
        "a`b",
    ]
    with pytest.raises(ReadOnlyQueryError, match=r"`1LOAD` \(character 8\) glues a number to a word"):
        tokenize("RETURN 1LOAD")


def test_glued_payload_really_read_the_file_before_the_guard(secret_file: Path, tmp_path: Path):
    """Proof the C1 payload is dangerous without the guard: raw LadybugDB in a READ ONLY transaction."""
    script = (
        "import ladybug, sys\n"
        "db = ladybug.Database(sys.argv[1]); c = ladybug.Connection(db)\n"
        "c.execute('CREATE NODE TABLE A(id STRING, PRIMARY KEY(id))'); c.execute(\"CREATE (:A {id: 'a'})\")\n"
        "c.execute('BEGIN TRANSACTION READ ONLY')\n"
        "print(c.execute(sys.argv[2]).get_all())\n"
    )
    payload = f"MATCH (a:A) WITH a LIMIT 1LOAD FROM '{secret_file}' (header=false) RETURN *"
    raw = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "raw.lbdb"), payload], capture_output=True, text=True, timeout=120
    )
    assert SECRET in raw.stdout, raw.stderr  # the engine's READ ONLY transaction does not stop LOAD FROM


def test_uninstall_deleted_an_extension_folder_in_a_read_only_transaction(tmp_path: Path):
    """Proof of C2 under a fake HOME (never the real one): why UNINSTALL must be refused, and why the
    console's child process runs with an empty temporary HOME."""
    import ladybug

    fake_home = tmp_path / "home"
    extension = fake_home / ".lbdb" / "extension" / ladybug.__version__ / "linux_amd64" / "json"
    extension.mkdir(parents=True)
    (extension / "libjson.lbug_extension").write_bytes(b"fictional")
    script = (
        "import ladybug, sys\n"
        "ladybug.Connection(ladybug.Database(sys.argv[1])).execute('RETURN 1')\n"
        "c = ladybug.Connection(ladybug.Database(sys.argv[1], read_only=True))\n"
        "c.execute('BEGIN TRANSACTION READ ONLY')\n"
        "print(c.execute('UNINSTALL json').get_all())\n"
    )
    raw = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "raw.lbdb")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HOME": str(fake_home)},
    )
    if sys.platform != "linux" or "uninstalled" not in raw.stdout:
        message = f"this LadybugDB build keeps extensions elsewhere: {raw.stdout or raw.stderr}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    assert not extension.exists()


def _store_with_agencies(store: GraphStore) -> None:
    store.upsert(Batch([Node(f"agency:synthetic-{i}", "Agency", f"Synthetic Agency {i}") for i in range(3)], []))


def test_red_team_payloads_are_refused_by_the_store_and_the_cli(store: GraphStore, secret_file: Path):
    _store_with_agencies(store)
    payloads = [
        f"MATCH (a:Agency) WITH a LIMIT 1LOAD FROM '{secret_file}' (header=false) RETURN *",
        f"MATCH (a:Agency) WITH a LIMIT 1CALL read_csv_serial('{secret_file}') RETURN *",
        "UNINSTALL json",
        "UPDATE json",
    ]
    for payload in payloads:
        with pytest.raises(ReadOnlyQueryError, match="refused") as refused:
            store.query(payload)
        assert SECRET not in str(refused.value)
    spec = f"embedded:{store.path}" if isinstance(store, EmbeddedStore) else store.connection.uri
    if isinstance(store, EmbeddedStore):
        store.close()
    for payload in payloads:
        run = CliRunner().invoke(main, ["query", payload, "--store", spec])
        assert run.exit_code == 1 and "refused" in run.output and SECRET not in run.output, run.output


def test_an_engine_crash_ends_only_the_console_process(embedded_store: EmbeddedStore, secret_file: Path):
    """The C1 segfault payload, run past the guard straight into the fenced child: one line, no crash here."""
    with pytest.raises(StoreError, match=r"crashed on it \(SIGSEGV\) in its own process"):
        run_console_query(
            embedded_store.path / "graph.lbdb", f"CALL read_csv_serial('{secret_file}') RETURN *", None, 30, 256
        )
    _store_with_agencies(embedded_store)
    assert embedded_store.query("MATCH (n:Agency) RETURN count(n)").rows == [[3]]


def test_a_memory_hungry_console_query_is_stopped_with_a_clear_message(embedded_store: EmbeddedStore, monkeypatch):
    _store_with_agencies(embedded_store)
    monkeypatch.setenv("KFLOW_QUERY_MEMORY_MB", "256")
    started = time.monotonic()
    with pytest.raises(StoreError, match=r"needed more than 256 MB of memory \(KFLOW_QUERY_MEMORY_MB\)"):
        embedded_store.query("UNWIND range(1, 700000000) AS x RETURN count(x)")
    assert time.monotonic() - started < 20
    assert embedded_store.query("UNWIND range(1, 1000000) AS x RETURN count(x)").rows == [[1000000]]
    monkeypatch.setenv("KFLOW_QUERY_MEMORY_MB", "lots")
    with pytest.raises(StoreError, match="KFLOW_QUERY_MEMORY_MB='lots'"):
        embedded_store.query("RETURN 1")


@pytest.mark.neo4j
def test_neo4j_console_returns_at_its_deadline_even_when_the_server_runs_on(neo4j_store, monkeypatch):
    monkeypatch.setenv("KFLOW_QUERY_TIMEOUT", "1")
    started = time.monotonic()
    with pytest.raises(StoreError, match=r"1-second limit \(KFLOW_QUERY_TIMEOUT\)|memory"):
        neo4j_store.query("RETURN size(reduce(s = '', x IN range(1, 300000) | s + 'synthetic')) AS n")
    assert time.monotonic() - started < 1 + 2 + 2  # limit + client grace + slack
    monkeypatch.setenv("KFLOW_QUERY_TIMEOUT", "30")
    assert neo4j_store.query("RETURN 1 AS one").rows == [[1]]

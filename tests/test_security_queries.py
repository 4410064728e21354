"""Queries on both backends: names are parameters, never Cypher; the console cannot write; slow queries stop.

SYNTHETIC data: a register of letters from fictional bodies whose names carry quotes, backticks,
Cypher fragments, ANSI escapes and formula triggers.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.embedded import EmbeddedStore
from graph.store import GraphStore, ReadOnlyQueryError, StoreError
from kflow.cli import main
from loaders.extract.base import NullExtractor
from loaders.pipeline import load_paths

HOSTILE_NAMES = [
    "O'Brien Trust of Northshire",
    "Back`tick Agency",
    "Eastmere') MATCH (n) DETACH DELETE n // Council",
    '"}) RETURN n UNION MATCH (n) RETURN n // Board',
    "$k Authority of Westmarch",
    "\x1b[31mRed Council\x1b[0m",
    '=HYPERLINK("http://evil.example") Office',
]
PROBES = ["' OR 1=1 //", "`) WITH 1 AS x //", "n.keys", "}) RETURN 1 //", "\\'", "%", ".*"]
WRITES = [
    "CREATE (:Agency {id: 'agency:ghost', name: 'Ghost'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (a:Agency) SET a.name = 'Y'",
    "MATCH (n) CALL { CREATE (:Agency {id: 'agency:ghost', name: 'Ghost'}) } RETURN 1",
    "CALL db.createLabel('Ghost')",
    "CALL `db.createLabel`('Ghost')",
    "CALL apoc.create.node(['Agency'], {id: 'agency:ghost'}) YIELD node RETURN node",
    "CALL dbms.setConfigValue('db.transaction.timeout', '0')",
    "CALL timeout=0",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD FROM '/etc/passwd' RETURN *",
    "MATCH (n) RETURN n; MATCH (n) DETACH DELETE n",
    "MATCH (n) RETURN n /* ; */ ; CREATE (:Agency {id: 'agency:ghost'})",
    "COPY Agency FROM '/tmp/agencies.csv'",
]


def _load_hostile(store: GraphStore, folder: Path) -> None:
    folder.mkdir()
    path = folder / "register.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "from", "to", "title"])
        for number, name in enumerate(HOSTILE_NAMES):
            writer.writerow([f"2019-03-{number + 1:02d}", name, "Northshire Police", f"SYNTHETIC letter {number}"])
    report = load_paths([path], store, NullExtractor())
    assert not report.failed, report.failed


def test_names_with_cypher_in_them_are_found_as_text_and_change_nothing(store: GraphStore, tmp_path: Path):
    _load_hostile(store, tmp_path / "docs")
    before = store.counts()
    for name in HOSTILE_NAMES:
        found = store.find_nodes(name)
        assert found and found[0].name == name.strip(), (name, found)
        node = found[0]
        assert store.get_node(node.id).name == node.name
        assert {c.from_id for c in store.claims(body=node.id)} >= {node.id}
        assert node.id in store.neighbourhood([node.id]).nodes
    for probe in PROBES:
        assert store.find_nodes(probe) == [], f"{probe!r} matched nodes it does not name"
        assert store.claims(body=probe) == [] and not store.neighbourhood([probe]).nodes
    assert store.counts() == before


@pytest.mark.parametrize("write", WRITES)
def test_the_console_refuses_every_kind_of_write(store: GraphStore, tmp_path: Path, write: str):
    _load_hostile(store, tmp_path / "docs")
    before = store.counts()
    with pytest.raises(ReadOnlyQueryError, match="read-only|one statement"):
        store.query(write)
    assert store.counts() == before
    assert store.query("MATCH (n:Agency) RETURN count(n) AS n").rows[0][0] == before.nodes["Agency"]


SLOW = {
    "embedded": "MATCH (a), (b), (c), (d) WHERE a.name + b.name + c.name + d.name = 'SYNTHETIC' RETURN count(*)",
    "neo4j": "MATCH (a), (b), (c), (d) WHERE a.name + b.name + c.name + d.name = 'SYNTHETIC' RETURN count(*)",
}


def test_a_query_over_the_time_limit_is_cancelled_with_a_clear_message(store: GraphStore, tmp_path: Path, monkeypatch):
    from graph.model import Batch, Node

    store.upsert(Batch([Node(f"agency:synthetic-{i}", "Agency", f"Synthetic Agency {i}") for i in range(300)], []))
    monkeypatch.setenv("KFLOW_QUERY_TIMEOUT", "1")
    with pytest.raises(StoreError, match=r"1-second limit \(KFLOW_QUERY_TIMEOUT\)"):
        store.query(SLOW["embedded" if isinstance(store, EmbeddedStore) else "neo4j"])
    assert store.query("MATCH (n:Agency) RETURN count(n)").rows == [[300]]  # the store still answers
    monkeypatch.setenv("KFLOW_QUERY_TIMEOUT", "soon")
    with pytest.raises(StoreError, match="KFLOW_QUERY_TIMEOUT='soon'"):
        store.query("RETURN 1")


def _spec(store: GraphStore) -> str:
    """A spec the CLI can open; the embedded store is closed first (one writer per directory)."""
    if isinstance(store, EmbeddedStore):
        store.close()
        return f"embedded:{store.path}"
    return store.connection.uri


def test_analysis_commands_take_hostile_names_as_text(store: GraphStore, tmp_path: Path):
    _load_hostile(store, tmp_path / "docs")
    before = store.counts()
    spec = _spec(store)
    runner = CliRunner()
    for name in [*HOSTILE_NAMES, *PROBES]:
        for args in (
            ["trace", name, "Northshire Police"],
            ["first-knowledge", name],
            ["timeline", "--body", name],
            ["gaps", "--topic", name],
            ["trace", "Northshire Police", name, "--json"],
        ):
            run = runner.invoke(main, [*args, "--store", spec])
            assert run.exit_code in (0, 1) and run.exception is None or isinstance(run.exception, SystemExit), (
                args,
                run.output,
            )
            assert "Traceback" not in run.output and "\x1b" not in run.stdout, (args, run.output)
    after = EmbeddedStore(spec.removeprefix("embedded:"), read_only=True) if spec.startswith("embedded:") else store
    assert after.counts() == before

"""`kflow import`: node and claim tables (CSV, Parquet, JSON lines) in one checked bulk write.

The bodies, people and documents are fictional (synthetic fixtures)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pa_parquet
import pytest
from click.testing import CliRunner

from graph.embedded import EmbeddedStore
from kflow.cli import main

NODES_CSV = """id,label,name,aliases,kind,sha256,published
source:register-2004,Source,Synthetic correspondence register 2004 (fictional),,,%s,2004-12-31
agency:department-of-civic-affairs,Agency,Department of Civic Affairs,DCA|Dept. of Civic Affairs,government,,
agency:northshire-police,Agency,Northshire Police,,police,,
report:0012,Report,Northshire Review,,,,
""" % ("ab" * 32)

CLAIMS_CSV = """type,from_id,to_id,source_id,sentence,char_start,char_end,confidence,extractor,date_start,date_end,date_precision
SENT,agency:department-of-civic-affairs,report:0012,source:register-2004,"12/03/2004 DCA to Northshire Police: Northshire Review",0,56,0.9,register,2004-03-12,2004-03-12,day
RECEIVED,agency:northshire-police,report:0012,source:register-2004,"12/03/2004 DCA to Northshire Police: Northshire Review",0,56,0.9,register,,,
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def stored(path: Path) -> tuple[dict, dict]:
    with EmbeddedStore(path, read_only=True) as store:
        return (
            {n.id: n for page in store.iter_nodes() for n in page},
            {c.id: c for page in store.iter_claims() for c in page},
        )


@pytest.fixture
def tables(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "nodes.csv").write_text(NODES_CSV, encoding="utf-8")
    (tmp_path / "claims.csv").write_text(CLAIMS_CSV, encoding="utf-8")
    return tmp_path / "nodes.csv", tmp_path / "claims.csv"


def test_csv_tables_import_with_types_from_the_schema_and_twice_change_nothing(tmp_path, tables):
    store = tmp_path / "db"
    code, output = run("import", "--nodes", str(tables[0]), "--claims", str(tables[1]), "--store", f"embedded:{store}")
    assert code == 0, output
    assert "4 nodes added" in output and "2 claims added" in output
    nodes, claims = stored(store)
    assert "report:0012" in nodes, "an id that looks like a number stays text"
    assert nodes["agency:department-of-civic-affairs"].aliases == ["DCA", "Dept. of Civic Affairs"]
    assert nodes["source:register-2004"].props["published"] == "2004-12-31"
    sent = next(c for c in claims.values() if c.type == "SENT")
    assert (sent.date_start, sent.date_precision, sent.char_end) == ("2004-03-12", "day", 56)
    received = next(c for c in claims.values() if c.type == "RECEIVED")
    assert received.date_start is None and received.date_precision is None, "empty cells are missing values"
    with EmbeddedStore(store, read_only=True) as reopened:
        assert [n.id for n in reopened.find_nodes("dept of civic affairs")] == ["agency:department-of-civic-affairs"]

    code, output = run("import", "--nodes", str(tables[0]), "--claims", str(tables[1]), "--store", f"embedded:{store}")
    assert code == 0 and "0 nodes added" in output and "0 claims added, 2 already there" in output
    assert stored(store) == (nodes, claims)


def test_a_bad_row_refuses_the_whole_import_naming_file_field_and_row(tmp_path, tables):
    store = tmp_path / "db"
    assert run("import", "--nodes", str(tables[0]), "--store", f"embedded:{store}")[0] == 0
    before = stored(store)
    bad = tmp_path / "bad-claims.csv"
    bad.write_text(CLAIMS_CSV.replace("0.9,register,,,", "1.7,register,,,"), encoding="utf-8")
    code, output = run("import", "--claims", str(bad), "--store", f"embedded:{store}")
    assert code == 1
    assert f"error: {bad}: confidence: row 1: 1.7 must be a number between 0 and 1; nothing was imported" in output
    assert stored(store) == before


def test_a_claim_whose_source_is_missing_is_refused(tmp_path, tables):
    code, output = run("import", "--claims", str(tables[1]), "--store", f"embedded:{tmp_path / 'db'}")
    assert code == 1
    assert "neither in the batch nor stored" in output and str(tables[1]) in output


@pytest.mark.parametrize(
    "content, words",
    [
        (None, "no such file"),
        ("id,label\n", "the table has no rows"),
        ("\x00\x01binary\xff", "cannot read it as csv"),
    ],
)
def test_unreadable_tables_get_one_line(tmp_path, content, words):
    path = tmp_path / "nodes.csv"
    if content is not None:
        path.write_bytes(content.encode("latin-1"))
    code, output = run("import", "--nodes", str(path), "--store", f"embedded:{tmp_path / 'db'}")
    assert code == 1 and words in output and output.count("\n") == 1


def test_parquet_and_json_lines_import_the_same_graph(tmp_path, tables):
    from loaders.tables import read_table

    nodes, claims = read_table(tables[0]), read_table(tables[1])
    pa_parquet.write_table(nodes, tmp_path / "nodes.parquet")
    with open(tmp_path / "claims.jsonl", "w", encoding="utf-8") as handle:
        for row in claims.to_pylist():
            handle.write(json.dumps(row) + "\n")
    assert (
        run(
            "import",
            "--nodes",
            str(tmp_path / "nodes.parquet"),
            "--claims",
            str(tmp_path / "claims.jsonl"),
            "--store",
            f"embedded:{tmp_path / 'a'}",
        )[0]
        == 0
    )
    assert (
        run("import", "--nodes", str(tables[0]), "--claims", str(tables[1]), "--store", f"embedded:{tmp_path / 'b'}")[0]
        == 0
    )
    assert stored(tmp_path / "a") == stored(tmp_path / "b")

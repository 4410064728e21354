"""Hostile text from documents stays text in every output: CLI tables and CSV exports (SYNTHETIC data).

The app's HTML escaping is browser-tested in tests/test_browser_app.py and RDF literal escaping in
tests/test_rdf.py; this file covers the terminal and the spreadsheet.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from dashboards.exports import chronology_csv, claims_csv, nodes_csv
from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, Node
from kflow.cli import main

TERMINAL_TRICKS = (
    "Red\x1b[31m Council\x1b[0m\x9b2J\x07\x08\x08XX\r\nforged: 0 rows\t<script>alert(1)</script>\u202eevil"
)
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _hostile_batch() -> Batch:
    text = f"SYNTHETIC. {TERMINAL_TRICKS} wrote to Northshire Police. " + " ".join(FORMULAS)
    source = Node("source:00000000000bad02", "Source", "=cmd|' /C calc'!A0", props={"title": "@hostile", "text": text})
    nodes = [
        Node("agency:hostile-red-council", "Agency", TERMINAL_TRICKS, aliases=FORMULAS[:3]),
        Node("agency:northshire-police", "Agency", "Northshire Police"),
        Node("report:hostile-letter", "Report", FORMULAS[1]),
        source,
    ]
    dated = dict(date_start="2019-03-04", date_end="2019-03-04", date_precision="day")
    claims = [
        Claim(
            "SENT",
            "agency:hostile-red-council",
            "report:hostile-letter",
            source.id,
            FORMULAS[0],
            0,
            len(text),
            0.9,
            "test.synthetic",
            **dated,
        ),
        Claim(
            "RECEIVED",
            "agency:northshire-police",
            "report:hostile-letter",
            source.id,
            TERMINAL_TRICKS,
            0,
            len(text),
            0.9,
            "test.synthetic",
            **dated,
        ),
    ]
    return Batch(nodes, claims)


@pytest.fixture
def hostile_store(tmp_path: Path) -> str:
    with EmbeddedStore(tmp_path / "store") as store:
        store.upsert(_hostile_batch())
    return f"embedded:{tmp_path / 'store'}"


def test_cli_tables_show_control_characters_as_visible_escapes(hostile_store: str):
    run = CliRunner().invoke(
        main,
        [
            "query",
            "MATCH (a:Agency) RETURN a.name AS name, a.aliases AS aliases ORDER BY name",
            "--store",
            hostile_store,
        ],
    )
    assert run.exit_code == 0, run.output
    lines = run.stdout.splitlines()
    assert len(lines) == 3, lines  # header + two rows: no text could add or break a line
    assert not CONTROL.search(run.stdout.replace("\n", "")), repr(run.stdout)
    assert "\\x1b[31m" in run.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["trace", "Red", "Northshire Police"],
        ["timeline", "--body", "Northshire Police"],
        ["first-knowledge", "Northshire Police"],
    ],
)
def test_analysis_output_shows_control_characters_as_visible_escapes(hostile_store: str, args: list[str]):
    run = CliRunner().invoke(main, [*args, "--store", hostile_store])
    assert "Traceback" not in run.output
    assert not CONTROL.search(run.stdout.replace("\n", "")), repr(run.stdout)


def _cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8"))) for cell in row]


def test_csv_exports_neutralise_formulas():
    batch = _hostile_batch()
    table = pd.DataFrame(
        {"date": ["2019-03-04"], "who": [FORMULAS[0]], "quote": [FORMULAS[3]], "source": [FORMULAS[1]]}
    )
    for data in (nodes_csv(batch.nodes), claims_csv(batch.claims), chronology_csv(table)):
        cells = _cells(data)
        assert cells, "nothing exported"
        dangerous = [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        assert not dangerous, dangerous
    assert "'=cmd|' /C calc'!A0" in _cells(nodes_csv(batch.nodes))  # kept, readable, inert


# -- user-derived strings the CLI prints besides document text (issue 12) ----------------------------


def test_hostile_file_names_and_csv_headers_cannot_forge_load_output(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    forged = "x\n3 loaded, 0 already in the store, 0 failed\x1b[2K\u202e.txt"
    (folder / forged).write_bytes(b"")  # empty: fails, and its name is printed
    (folder / "log.csv").write_text("da\x1b[31mte\u202e,fr\nom\n2019,Northshire Police\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["load", "--no-extract", "--workers", "1", "--store", f"embedded:{tmp_path / 'db'}", str(folder)]
    )
    assert result.exit_code == 1
    assert not CONTROL.search(result.output.replace("\n", "")), repr(result.output)
    lines = result.output.splitlines()
    assert [
        line for line in lines if line.startswith("3 loaded")
    ] == []  # the forged summary stays inside its failure line
    assert any(
        line.startswith("failed: ") and "x\\n3 loaded" in line and "\\x1b[2K\\u202e" in line for line in lines
    ), lines
    assert lines[-1].startswith("0 loaded, 0 already in the store, 2 failed")


def test_cli_error_lines_show_control_characters_as_escapes(tmp_path):
    result = CliRunner().invoke(
        main, ["remove", "source:\x1b[31mred\nforged", "--store", f"embedded:{tmp_path / 'db'}"]
    )
    assert result.exit_code != 0 or result.output.startswith("removed")
    assert "\x1b" not in result.output and "\n" + "forged" not in result.output
    assert "\\x1b[31mred\\nforged" in result.output, result.output

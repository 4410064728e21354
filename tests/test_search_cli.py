"""`kflow search` end to end: `kflow load` of synthetic files (with sidecars), then searches with
every filter, JSON output, one-line errors, and `kflow remove` taking a document out of search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kflow.cli import main

MEMO = (
    "Synthetic memo. Northshire Police sent the Eastmere Review to the Department of Civic Affairs in March 2009. "
    "The review described missing records in Eastmere.\n"
)
MINUTES = "# Synthetic minutes\n\nThe Westbrook Trust discussed the allotment budget and missing records in 2015.\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def spec(tmp_path_factory) -> str:
    work = tmp_path_factory.mktemp("search-cli")
    corpus = work / "corpus"
    corpus.mkdir()
    (corpus / "memo.txt").write_text(MEMO, encoding="utf-8")
    (corpus / "memo.txt.meta.yaml").write_text("title: Synthetic memo\npublished: 2009-05-01\n", encoding="utf-8")
    (corpus / "minutes.md").write_text(MINUTES, encoding="utf-8")
    (corpus / "minutes.md.meta.yaml").write_text("published: 2015-07-01\n", encoding="utf-8")
    spec = f"embedded:{work / 'kflow-data'}"
    code, output = run("load", str(corpus), "--store", spec)
    assert code == 0, output
    return spec


def hits(spec: str, *args: str) -> list[dict]:
    code, output = run("search", *args, "--store", spec, "--json")
    assert code == 0, output
    return json.loads(output)


def test_text_output_marks_matches_and_gives_offsets(spec):
    code, output = run("search", '"described missing records"', "--store", spec)
    assert code == 0, output
    assert "1. Synthetic memo  (source:" in output and "2009-05-01, text/plain)" in output
    assert "[described missing records]" in output
    offset = int(output.split("@")[1].split(":")[0])
    assert MEMO[offset : offset + len("described")] == "described"


def test_filters_narrow_the_hits(spec):
    assert len(hits(spec, "missing")) == 2
    assert [h["title"] for h in hits(spec, "missing", "--since", "2010")] == ["Synthetic minutes"]
    assert [h["title"] for h in hits(spec, "missing", "--until", "2009")] == ["Synthetic memo"]
    assert [h["media_type"] for h in hits(spec, "missing", "--type", "text/markdown")] == ["text/markdown"]
    assert [h["title"] for h in hits(spec, "missing", "--entity", "Northshire Police")] == ["Synthetic memo"]
    assert [h["title"] for h in hits(spec, "missing", "--claim-type", "SENT")] == ["Synthetic memo"]
    assert hits(spec, "allotment", "--claim-type", "SENT") == []


def test_json_snippets_carry_their_marked_parts(spec):
    (hit,) = hits(spec, "allot*")
    parts = hit["snippets"][0]["parts"]
    assert ["allotment", True] in parts and hit["snippets"][0]["text"].count("[allotment]") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x", "--since", "last year"], "since 'last year' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
        (["x", "--until", "2002-13"], "until '2002-13' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
        (["x", "--claim-type", "SHOUTED"], "unknown claim type(s) SHOUTED"),
        (["x", "--entity", "Nobody Anywhere"], "no node matches 'Nobody Anywhere'"),
        (["?!"], "nothing to search for"),
        (["a*"], "a prefix needs at least 2 letters"),
    ],
)
def test_bad_input_is_one_clear_line(spec, args, message):
    code, output = run("search", *args, "--store", spec)
    assert code == 1 and message in output and "Traceback" not in output


def test_no_store_is_a_clear_error(tmp_path: Path):
    code, output = run("search", "x", "--store", f"embedded:{tmp_path / 'none'}")
    assert code == 1 and "no kflow store" in output


def test_removed_documents_leave_the_search(tmp_path: Path):
    (tmp_path / "memo.txt").write_text(MEMO, encoding="utf-8")
    spec = f"embedded:{tmp_path / 'kflow-data'}"
    assert run("load", str(tmp_path / "memo.txt"), "--store", spec, "--no-extract")[0] == 0
    (hit,) = hits(spec, "eastmere")
    code, output = run("remove", hit["source_id"], "--store", spec)
    assert code == 0, output
    assert hits(spec, "eastmere") == []

"""`kflow load` resolves entities across documents afterwards (unless --no-resolve): on two
SYNTHETIC documents about fictional bodies, the acronym of one becomes the body of the other, as a
recorded merge that `kflow split` undoes and a second load does not redo."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kflow.cli import main

FIRST = (
    "Synthetic document (fictional bodies and people).\n\n"
    "On 3 March 2015 the Department of Harbour Affairs (DHA) sent the Eastholm Quay Review to Northshire Police.\n"
)
SECOND = "Synthetic document (fictional bodies and people).\n\nOn 9 April 2015 DHA wrote to the Eastholm Water Board.\n"
THIRD = "Synthetic document (fictional).\n\nOn 2 May 2015 Northshire Police wrote to the Eastholm Water Board.\n"


@pytest.fixture
def documents(tmp_path):
    for name, text in (("first.txt", FIRST), ("second.txt", SECOND), ("third.txt", THIRD)):
        (tmp_path / name).write_text(text)
    return tmp_path


def _history(spec: str) -> list[dict]:
    out = CliRunner().invoke(main, ["review", "history", "--json", "--store", spec]).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_load_merges_an_acronym_into_its_body_and_split_undoes_it_for_good(documents):
    spec = f"embedded:{documents / 'kflow-data'}"
    run = CliRunner().invoke
    loaded = run(main, ["load", str(documents / "first.txt"), str(documents / "second.txt"), "--store", spec])
    assert loaded.exit_code == 0, loaded.output
    assert "1 nodes merged by cross-document resolution" in loaded.stdout
    (merge,) = _history(spec)
    assert merge["kind"] == "merge" and merge["targets"] == ["agency:department-of-harbour-affairs", "agency:dha"]
    assert merge["payload"] == {"rule": "alias"} and "'DHA' is an alias" in merge["why"]
    timeline = run(main, ["timeline", "--json", "--store", spec]).stdout
    assert "agency:dha" not in timeline and "agency:department-of-harbour-affairs" in timeline

    split = run(main, ["split", "agency:dha", "--reason", "another body", "--by", "Test Reviewer", "--store", spec])
    assert split.exit_code == 0, split.output
    again = run(main, ["load", str(documents / "third.txt"), "--store", spec])
    assert again.exit_code == 0 and "merged" not in again.stdout  # a split merge is not redone
    assert [(h["kind"], h["reverted_by"]) for h in _history(spec)] == [("merge", "Test Reviewer")]
    assert "agency:dha" in run(main, ["timeline", "--json", "--store", spec]).stdout


def test_no_resolve_leaves_the_nodes_apart_until_kflow_resolve_apply(documents):
    spec = f"embedded:{documents / 'kflow-data'}"
    run = CliRunner().invoke
    loaded = run(main, ["load", str(documents), "--no-resolve", "--store", spec])
    assert loaded.exit_code == 0 and "merged" not in loaded.stdout and _history(spec) == []
    listed = json.loads(run(main, ["resolve", "--json", "--store", spec]).stdout)
    assert [(c["keep_id"], c["merge_id"]) for c in listed] == [("agency:department-of-harbour-affairs", "agency:dha")]
    applied = run(main, ["resolve", "--apply", "--store", spec])
    assert applied.exit_code == 0 and applied.stdout.startswith("1 merges applied"), applied.output
    assert json.loads(run(main, ["resolve", "--json", "--store", spec]).stdout) == []

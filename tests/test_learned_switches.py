"""A mistyped learned-component switch stops `kflow load` / `kflow eval` once, before any store or file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kflow.cli import main
from loaders.extract.learned.relation_hook import CLASSIFIER_ENV
from loaders.extract.learned.scorer import SCORER_ENV


@pytest.mark.parametrize(("variable", "allowed"), [(SCORER_ENV, "rules, learned"), (CLASSIFIER_ENV, "off, learned")])
def test_a_bad_switch_stops_the_load_before_the_store_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, allowed: str
) -> None:
    document = tmp_path / "note.txt"
    document.write_text("Synthetic: the Northshire Police sent the review to the Department of Civic Affairs in 2011.")
    monkeypatch.setenv(variable, "lerned")
    store = tmp_path / "data"
    result = CliRunner().invoke(main, ["load", str(document), "--store", f"embedded:{store}"])
    assert result.exit_code != 0
    assert f"{variable}='lerned': expected one of {allowed}" in result.output
    assert "Traceback" not in result.output
    assert not store.exists()


def test_a_bad_switch_stops_eval_with_one_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SCORER_ENV, "neural")
    result = CliRunner().invoke(main, ["eval", "tests/gold/synthetic"])
    assert result.exit_code == 2
    assert result.output.count("KFLOW_CLAIM_SCORER='neural'") == 1

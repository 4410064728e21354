"""Every CLI date option (--since, --until, --published) refuses a bad date with the same one line,
before any store is opened or file read (kflow/date_options.py). Synthetic: no documents needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kflow.cli import main

BAD = "2002-13"


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["timeline"], "since"),
        (["trace", "Northshire Police", "Department of Civic Affairs"], "until"),
        (["conflicts"], "since"),
        (["report", "--body", "Northshire Police"], "until"),
        (["search", "harbour"], "since"),
        (["search", "harbour"], "until"),
        (["load", "memo.txt"], "published"),
    ],
)
def test_a_bad_date_is_the_same_one_line_from_every_command(tmp_path: Path, command, option):
    store = tmp_path / "kflow-data"
    (tmp_path / "memo.txt").write_text("Synthetic memo from the Northshire Police.", encoding="utf-8")
    args = [arg.replace("memo.txt", str(tmp_path / "memo.txt")) for arg in command]
    result = CliRunner().invoke(main, [*args, f"--{option}", BAD, "--store", f"embedded:{store}"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip() == f"error: {option} '{BAD}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
    assert not store.exists()  # refused before a store was opened or created


def test_a_bad_date_under_json_is_one_json_object(tmp_path: Path):
    result = CliRunner().invoke(main, ["timeline", "--json", "--until", "last May", "--store", f"embedded:{tmp_path}"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "error": "until 'last May' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD",
        "kind": "DateWindowError",
    }


@pytest.mark.parametrize("good", ["2002", "2002-03", "2002-03-31"])
def test_a_year_a_month_or_a_day_passes_the_option(tmp_path: Path, good):
    (tmp_path / "memo.txt").write_text("Synthetic memo.", encoding="utf-8")
    store = f"embedded:{tmp_path / 'kflow-data'}"
    result = CliRunner().invoke(
        main, ["load", str(tmp_path / "memo.txt"), "--published", good, "--no-extract", "--store", store]
    )
    assert result.exit_code == 0, result.output

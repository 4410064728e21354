"""`kflow load` end to end through the CLI: idempotence and per-file errors that spare good files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.embedded import EmbeddedStore
from kflow.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOOD_TEXT = (
    "Synthetic document. Northshire Police sent the Eastmere Review to the Department of Civic Affairs in 2009.\n"
)


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output  # stdout and stderr, interleaved


def counts(store_dir: Path):
    store = EmbeddedStore(store_dir, read_only=True)
    try:
        return store.counts()
    finally:
        store.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "good.txt.meta.yaml").write_text("published: 2010-05-01\nnote: synthetic\n", encoding="utf-8")
    (folder / "second.md").write_text(
        "# Synthetic note\n\nThe Westbrook Trust wrote to the council.\n", encoding="utf-8"
    )
    return folder


def test_loading_the_same_folder_twice_leaves_counts_unchanged(tmp_path: Path, corpus: Path):
    store = f"embedded:{tmp_path / 'db'}"
    code, _ = run("load", str(corpus), "--store", store)
    assert code == 0
    first = counts(tmp_path / "db")
    assert first.nodes["Source"] == 2
    code, output = run("load", str(corpus), "--store", store)
    assert code == 0 and "2 already in the store" in output
    assert counts(tmp_path / "db") == first


def test_seed_loads_with_its_publication_year(tmp_path: Path):
    store = EmbeddedStore(tmp_path / "db")
    from loaders.pipeline import load_paths

    report = load_paths([SEEDS / "000_2642609051fa25c3.txt"], store)  # the seed article, not the GSA case beside it
    assert report.count("loaded") == 1
    (source,) = store.sources()
    assert source.props["published"] == "2018-01-01" and source.props["published_precision"] == "year"
    assert "University of Luton" in source.props["text"]
    store.close()


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Each bad file and the reason its error line must give."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "garbage.txt").write_bytes(b"\xff\xfe\xfd\x80\x81\x00\x9f" * 50)
    return {"empty.txt": "empty", "binary.txt": "binary", "garbage.txt": "binary"}


def test_bad_files_get_one_clear_line_and_good_files_still_load(tmp_path: Path, corpus: Path):
    expected = _bad_inputs(corpus)
    store_dir = tmp_path / "db"
    code, output = run("load", str(corpus), str(tmp_path / "missing.txt"), "--store", f"embedded:{store_dir}")
    assert code != 0
    failed_lines = [line for line in output.splitlines() if line.startswith("failed:")]
    assert len(failed_lines) == len(expected) + 1
    for name, reason in expected.items():
        (line,) = [line for line in failed_lines if name in line]
        assert reason in line
    assert any("missing.txt" in line and "no such file" in line for line in failed_lines)
    after = counts(store_dir)
    assert after.nodes["Source"] == 2  # the two good files, nothing from the bad ones


def test_folder_without_readable_files_is_an_error(tmp_path: Path):
    folder = tmp_path / "nothing"
    folder.mkdir()
    (folder / "picture.xyz").write_bytes(b"not a document")
    code, output = run("load", str(folder), "--store", f"embedded:{tmp_path / 'db'}")
    assert code != 0 and "no readable files" in output


def test_bad_files_leave_an_existing_store_unchanged(tmp_path: Path, corpus: Path):
    store = f"embedded:{tmp_path / 'db'}"
    run("load", str(corpus), "--store", store)
    before = counts(tmp_path / "db")
    bad = tmp_path / "bad"
    bad.mkdir()
    _bad_inputs(bad)
    code, _ = run("load", str(bad), "--store", store)
    assert code != 0
    assert counts(tmp_path / "db") == before


def test_cp1252_text_is_decoded_with_a_warning(tmp_path: Path):
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "Synthetic. The Caf\u00e9 Trust wrote to Northshire Police about the r\u00e9sum\u00e9 of events \u2013 twice.".encode(
            "cp1252"
        )
    )
    code, output = run("load", str(path), "--store", f"embedded:{tmp_path / 'db'}")
    assert code == 0 and "warning:" in output and "latin.txt" in output and "decoded as" in output


def test_stats_and_query_commands(tmp_path: Path, corpus: Path):
    store = f"embedded:{tmp_path / 'db'}"
    run("load", str(corpus), "--store", store)
    code, output = run("stats", "--store", store)
    assert code == 0 and "Source" in output
    code, output = run("query", "MATCH (s:Source) RETURN s.title ORDER BY s.title", "--store", store)
    assert code == 0 and "Synthetic note" in output
    code, output = run("query", "MATCH (n) DETACH DELETE n", "--store", store)
    assert code != 0 and "read-only" in output and "Traceback" not in output
    assert counts(tmp_path / "db").nodes["Source"] == 2


def test_query_on_a_missing_store_says_so(tmp_path: Path):
    code, output = run("stats", "--store", f"embedded:{tmp_path / 'none'}")
    assert code != 0 and "no kflow store" in output


def test_unknown_store_scheme_is_explained(tmp_path: Path):
    code, output = run("stats", "--store", "postgres://x")
    assert code != 0 and "unknown store" in output


def test_store_may_be_given_before_the_command(tmp_path: Path, corpus: Path):
    code, _ = run("--store", f"embedded:{tmp_path / 'db'}", "load", str(corpus))
    assert code == 0
    assert counts(tmp_path / "db").nodes["Source"] == 2
    assert "KFLOW_STORE" not in os.environ or os.environ["KFLOW_STORE"] != f"embedded:{tmp_path / 'db'}"

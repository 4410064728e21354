"""`.kflowignore` (gitignore syntax) keeps files of a loaded folder out of the store, at any depth,
and the load says how many it left out; a broken one stops its folder. Synthetic documents only."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from graph.embedded import EmbeddedStore
from kflow.cli import main
from loaders.pipeline import expand_paths

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MEMO = "Synthetic memo. The Northshire Police wrote to the Department of Civic Affairs in 2009.\n"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    (folder / "letters").mkdir(parents=True)
    for name in ("memo.txt", "SOURCES.md", "README.md", "letters/reply.md", "letters/README.txt", "letters/draft.txt"):
        (folder / name).write_text(f"{name} (synthetic). {MEMO}", encoding="utf-8")
    (folder / ".kflowignore").write_text("# provenance, not documents\nSOURCES.md\nREADME*\n", encoding="utf-8")
    (folder / "letters" / ".kflowignore").write_text("draft.*\n", encoding="utf-8")
    return folder


def _stored_paths(store_dir: Path) -> set[str]:
    with EmbeddedStore(store_dir, read_only=True) as store:
        return {Path(store.get_node(i).props["path"]).name for i in store.source_ids()}


def test_a_folder_loads_without_its_ignored_files_and_says_how_many(tmp_path: Path):
    store_dir = tmp_path / "kflow-data"
    result = CliRunner().invoke(
        main, ["load", str(_folder(tmp_path)), "--no-extract", "--store", f"embedded:{store_dir}"]
    )
    assert result.exit_code == 0, result.output
    assert "2 loaded" in result.stdout and "0 failed, 4 ignored (.kflowignore)" in result.stdout
    assert _stored_paths(store_dir) == {"memo.txt", "reply.md"}


def test_a_file_named_on_the_command_line_is_read_even_if_a_kflowignore_lists_it(tmp_path: Path):
    folder = _folder(tmp_path)
    files, not_read = expand_paths([folder / "SOURCES.md"])
    assert files == [folder / "SOURCES.md"] and not_read == []


def test_a_broken_kflowignore_stops_its_folder_with_one_line_and_stores_nothing(tmp_path: Path):
    folder = _folder(tmp_path)
    (folder / ".kflowignore").write_text("SOURCES.md\n!\n", encoding="utf-8")
    store_dir = tmp_path / "kflow-data"
    result = CliRunner().invoke(main, ["load", str(folder), "--no-extract", "--store", f"embedded:{store_dir}"])
    assert result.exit_code == 1
    assert f"failed: {folder}: {folder / '.kflowignore'}: " in result.output and "'!'" in result.output
    assert _stored_paths(store_dir) == set()


def test_a_folder_whose_every_file_is_ignored_says_so(tmp_path: Path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "README.md").write_text("Synthetic readme.\n", encoding="utf-8")
    (folder / ".kflowignore").write_text("*.md\n", encoding="utf-8")
    files, not_read = expand_paths([folder])
    assert files == [] and [r.status for r in not_read] == ["ignored", "failed"]
    assert not_read[1].reason.endswith("; 1 ignored by .kflowignore")


def test_the_seeds_leave_out_their_provenance_file():
    files, not_read = expand_paths([SEEDS])
    assert SEEDS / "SOURCES.md" not in files and files
    assert {Path(r.path).name for r in not_read if r.status == "ignored"} == {"SOURCES.md"}

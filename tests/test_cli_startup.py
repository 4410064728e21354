"""`kflow --help` starts without the heavy libraries, lists every command with its real help line,
and `kflow load` leaves no progress text behind when its output is not a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kflow.cli import LAZY_COMMANDS, main

KFLOW = Path(sys.executable).with_name("kflow")
HEAVY = ("networkx", "pandas", "pyarrow", "spacy", "streamlit", "rdflib", "graph.store")


def test_help_imports_no_heavy_library():
    probe = (
        "import sys\nfrom kflow.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout


def test_help_lists_every_command_with_its_own_help_line():
    for name, lazy in LAZY_COMMANDS.items():
        command = lazy.load()
        assert command.name == name
        assert lazy.short_help_str(45) == command.get_short_help_str(45), name
    listed = CliRunner().invoke(main, ["--help"]).output
    for name in [*LAZY_COMMANDS, "load", "stats", "query", "remove", "serve", "demo"]:
        assert f"  {name} " in listed


def test_lazy_command_runs():
    result = CliRunner().invoke(main, ["timeline", "--help"])
    assert result.exit_code == 0 and "--since" in result.output


def test_load_leaves_no_progress_text_in_a_pipe(tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text("Synthetic note. The Northshire Police sent the review to the Department of Civic Affairs.")
    done = subprocess.run(
        [str(KFLOW), "load", str(doc), "--no-extract", "--store", f"embedded:{tmp_path / 'db'}"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "Loading" not in done.stderr and "Loading" not in done.stdout
    assert done.stdout.startswith("1 loaded")

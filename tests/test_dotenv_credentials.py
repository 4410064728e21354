"""Neo4j credentials may come from a `.env` file in the working directory; the environment wins."""

from __future__ import annotations

import os

import pytest

from graph.neo4j_server import free_port
from graph.store import StoreError
from graph.stores import open_store


def test_dotenv_supplies_missing_credentials_and_the_environment_wins(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text(
        "NEO4J_USER=synthetic-user\nNEO4J_PASSWORD=synthetic-secret-from-file\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEO4J_USER", raising=False)
    monkeypatch.setenv("NEO4J_PASSWORD", "from-environment")
    with pytest.raises(StoreError) as error:
        open_store(f"bolt://127.0.0.1:{free_port()}")
    assert os.environ["NEO4J_USER"] == "synthetic-user"
    assert os.environ["NEO4J_PASSWORD"] == "from-environment"
    assert "synthetic-secret-from-file" not in str(error.value) and "from-environment" not in str(error.value)
    os.environ.pop("NEO4J_USER")  # not monkeypatch.delenv: that would restore the file's value at teardown


def test_dotenv_sets_only_the_neo4j_settings_never_other_variables(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text(
        "NEO4J_USER=synthetic-user\nNEO4J_DATABASE=eastmere\nKFLOW_MAX_FILE_BYTES=1\nLD_PRELOAD=/tmp/synthetic-evil.so\n"
        "PATH=/tmp/synthetic-evil-bin\nKFLOW_STORE=bolt://evil.example:7687\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    for name in ("NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "KFLOW_MAX_FILE_BYTES", "LD_PRELOAD", "KFLOW_STORE"):
        monkeypatch.delenv(name, raising=False)
    path_before = os.environ["PATH"]
    with pytest.raises(StoreError):
        open_store(f"bolt://127.0.0.1:{free_port()}")
    assert os.environ["NEO4J_USER"] == "synthetic-user" and os.environ["NEO4J_DATABASE"] == "eastmere"
    assert (
        "KFLOW_MAX_FILE_BYTES" not in os.environ and "LD_PRELOAD" not in os.environ and "KFLOW_STORE" not in os.environ
    )
    assert os.environ["PATH"] == path_before
    for name in ("NEO4J_USER", "NEO4J_DATABASE"):
        os.environ.pop(name)  # not monkeypatch.delenv: that would restore the file's value at teardown

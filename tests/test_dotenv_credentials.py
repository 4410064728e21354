"""Neo4j credentials may come from a `.env` file in the working directory; the environment wins."""

from __future__ import annotations

import os

import pytest

from graph.store import StoreError
from graph.neo4j_server import free_port
from kflow.stores import open_store


def test_dotenv_supplies_missing_credentials_and_the_environment_wins(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("NEO4J_USER=synthetic-user\nNEO4J_PASSWORD=synthetic-secret-from-file\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEO4J_USER", raising=False)
    monkeypatch.setenv("NEO4J_PASSWORD", "from-environment")
    with pytest.raises(StoreError) as error:
        open_store(f"bolt://127.0.0.1:{free_port()}")
    assert os.environ["NEO4J_USER"] == "synthetic-user"
    assert os.environ["NEO4J_PASSWORD"] == "from-environment"
    assert "synthetic-secret-from-file" not in str(error.value) and "from-environment" not in str(error.value)
    monkeypatch.delenv("NEO4J_USER")

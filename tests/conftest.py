"""Shared fixtures: a fresh store per test on every backend the run can reach."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def embedded_store(tmp_path):
    store = EmbeddedStore(tmp_path / "kflow-data")
    yield store
    store.close()


@pytest.fixture(params=["embedded"])
def store(request, tmp_path):
    """Every backend runs the same tests through this fixture."""
    if request.param == "embedded":
        s = EmbeddedStore(tmp_path / "kflow-data")
        yield s
        s.close()

"""Parallel loading: workers read and extract, one process writes; the result equals a serial load."""

from __future__ import annotations

from pathlib import Path

from graph.embedded import EmbeddedStore
from loaders.extract import default_extractor
from loaders.pipeline import load_paths

TEXTS = [
    "Synthetic. The Eastmere Audit was sent to the Department of Civic Affairs by Northshire Police in 2009.",
    "Synthetic. The Westbrook Trust wrote to Northshire Police in March 2011 about missing records.",
    "Synthetic. Northshire Police knew about the missing records in Westbrook from 2008.",
]


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"doc{i}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _export(store: EmbeddedStore) -> tuple[list, list]:
    nodes = sorted((n.id, n.name, tuple(n.aliases)) for b in store.iter_nodes() for n in b)
    claims = sorted((c.id, c.type, c.from_id, c.to_id, c.date_start) for b in store.iter_claims() for c in b)
    return nodes, claims


def test_parallel_load_matches_serial_and_reports_each_file(tmp_path: Path):
    folder = _corpus(tmp_path / "docs")
    serial, parallel = EmbeddedStore(tmp_path / "serial"), EmbeddedStore(tmp_path / "parallel")
    extractor = default_extractor()
    one = load_paths([folder], serial, extractor, workers=1)
    two = load_paths([folder], parallel, extractor, workers=2)
    assert [(f.path, f.status) for f in one.files] == [(f.path, f.status) for f in two.files]
    assert two.count("loaded") == 3 and two.count("failed") == 1
    assert _export(serial) == _export(parallel) and _export(parallel)[1]
    again = load_paths([folder], parallel, extractor, workers=2)
    assert again.count("unchanged") == 3 and again.claims_added == 0
    serial.close()
    parallel.close()

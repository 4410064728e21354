"""Batched extraction (the loader's fast path) gives exactly what extracting file by file gives.

Uses the synthetic gold corpus (fictional bodies and people) through the real model and readers.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from graph.model import ModelError
from loaders import pipeline
from loaders.document import Document, Extraction
from loaders.extract.rules import RuleExtractor
from loaders.pipeline import FileResult, expand_paths, prepare_file, prepare_files, prepare_run
from loaders.readers import read_document

GOLD = Path(__file__).parent / "gold" / "synthetic"


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    return RuleExtractor()


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[Path]:
    found, _ = expand_paths([GOLD])
    empty = tmp_path_factory.mktemp("bad") / "empty.txt"
    empty.write_bytes(b"")  # unreadable: fails at reading, in the middle of the run
    return [*found[:5], empty, *found[5:]]


def _outcome(result) -> tuple:
    """Everything a file's preparation decided, but the load time stamp of its Source."""
    if isinstance(result, FileResult):
        return ("failed", result.path, result.reason)
    document, batch = result
    nodes = sorted(repr(n) for n in batch.nodes if n.label != "Source")
    return (str(document.path), [repr(c) for c in batch.claims], nodes)


@pytest.fixture(scope="module")
def one_by_one(extractor, files) -> list[tuple]:
    return [_outcome(prepare_file(path, extractor)) for path in files]


def test_extract_batch_equals_extract_per_document(extractor):
    documents = [read_document(p) for p in sorted(GOLD.glob("news_*.txt"))]
    batched = extractor.extract_batch(documents)
    assert len(batched) == len(documents)
    for document, found in zip(documents, batched):
        alone = extractor.extract(document)
        assert [repr(c) for c in found.claims] == [repr(c) for c in alone.claims]
        assert sorted(n.id for n in found.nodes) == sorted(n.id for n in alone.nodes)
    assert all(any(c.type != "MENTIONS" for c in found.claims) for found in batched)


def test_prepare_run_equals_prepare_file(extractor, files, one_by_one):
    assert [_outcome(r) for r in prepare_run(files, extractor)] == one_by_one
    assert sum(o[0] == "failed" for o in one_by_one) == 1


def test_documents_over_the_batch_size_go_alone(extractor, files, one_by_one, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_CHARS", 3000)  # most gold files are larger: groups of one and two
    assert [_outcome(r) for r in prepare_run(files, extractor)] == one_by_one


def test_prepare_files_in_two_workers_batches_and_equals_serial(extractor, files, one_by_one):
    assert [_outcome(r) for r in prepare_files(files, extractor, None, 2)] == one_by_one


class _FailsOn(RuleExtractor):
    """The real extractor, made to produce invalid data for one document (a fault to contain)."""

    def extract_batch(self, documents: list[Document]) -> list[Extraction]:
        if any(d.path.name.startswith("news_02") for d in documents):
            raise ModelError("sentence", "claim without evidence (injected)")
        return super().extract_batch(documents)


def test_a_failing_batch_is_redone_file_by_file_and_only_the_bad_file_fails(files, one_by_one):
    results = [_outcome(r) for r in prepare_run(files, _FailsOn())]
    failed = [r for r in results if r[0] == "failed"]
    assert [Path(r[1]).name for r in failed] == ["empty.txt", "news_02_police_knew.txt"]
    assert "extraction produced invalid data" in failed[1][2]
    assert [r for r in results if r[0] != "failed"] == [
        o for o in one_by_one if o[0] != "failed" and "news_02" not in o[0]
    ]


class _CrashesOn(RuleExtractor):
    """The real extractor with a bug that raises on one document (as an IndexError in a rule once did)."""

    def extract_batch(self, documents: list[Document]) -> list[Extraction]:
        if any(d.path.name.startswith("news_02") for d in documents):
            raise IndexError("token index out of range (injected)")
        return super().extract_batch(documents)


def test_an_extractor_bug_fails_only_its_file_and_says_so(files, one_by_one):
    results = [_outcome(r) for r in prepare_run(files, _CrashesOn())]
    failed = [r for r in results if r[0] == "failed"]
    assert [Path(r[1]).name for r in failed] == ["empty.txt", "news_02_police_knew.txt"]
    assert "unexpected extraction error (IndexError: token index out of range (injected))" in failed[1][2]
    assert [r for r in results if r[0] != "failed"] == [
        o for o in one_by_one if o[0] != "failed" and "news_02" not in o[0]
    ]


class _StallsOn(RuleExtractor):
    """The real extractor, made to hang on one document (a hostile file)."""

    def extract_batch(self, documents: list[Document]) -> list[Extraction]:
        if any("never finishes" in d.text for d in documents):
            time.sleep(30)
        return super().extract_batch(documents)


def test_a_batch_over_the_time_limit_is_redone_file_by_file_and_only_the_slow_file_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("KFLOW_FILE_TIMEOUT", "1")
    texts = [
        "SYNTHETIC: Northshire Police wrote to the Department of Civic Affairs in 2009.\n",
        "SYNTHETIC: this one never finishes extracting.\n",
        "SYNTHETIC: the University of Eastmere sent a report to Northshire Police in 2011.\n",
    ]
    paths = []
    for i, text in enumerate(texts):
        paths.append(tmp_path / f"doc{i}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    started = time.monotonic()
    results = prepare_run(paths, _StallsOn())
    assert time.monotonic() - started < 10
    assert [isinstance(r, FileResult) for r in results] == [False, True, False]
    assert "1-second limit per file (KFLOW_FILE_TIMEOUT)" in results[1].reason
    assert all(any(c.type == "SENT" for c in r[1].claims) for r in (results[0], results[2]))

"""Parity: the same documents loaded into the embedded store and into Neo4j give the same graph.

Corpus: the synthetic reader fixtures (fictional bodies) plus a short synthetic text with
relation claims, through the real readers and the default extractor."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from loaders.extract import default_extractor
from loaders.pipeline import load_paths
from tests.conftest import PROJECT_ROOT
from tests.store_export import export

pytestmark = pytest.mark.neo4j
READER_FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "readers"
CLAIMS_TEXT = """Synthetic memo (fictional bodies).

On 3 March 2009 Northshire Police sent the Eastmere Review to the Department of Civic Affairs.
The Department of Civic Affairs received the Eastmere Review in March 2009.
The University of Eastmere wrote the Eastmere Review, which the Department of Civic Affairs had commissioned in 2008.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("parity-corpus")
    for name in (
        "article.html",
        "original.eml",
        "reply.eml",
        "thread.mbox",
        "register.csv",
        "register.jsonl",
        "minutes-log.csv",
        "minutes-log.csv.columns.yaml",
        "domains.yaml",
    ):
        shutil.copy(READER_FIXTURES / name, folder / name)
    (folder / "memo.txt").write_text(CLAIMS_TEXT, encoding="utf-8")
    return folder


def test_same_corpus_same_graph_on_both_backends(corpus, neo4j_store, tmp_path):
    extractor = default_extractor()
    embedded = EmbeddedStore(tmp_path / "kflow-data")
    try:
        reports = [load_paths([corpus], s, extractor, published="2018-01-01") for s in (embedded, neo4j_store)]
        assert [r.count("loaded") for r in reports][0] == reports[1].count("loaded") > 1
        assert not reports[0].failed, [f.reason for f in reports[0].failed]
        nodes_e, claims_e = export(embedded)
        nodes_n, claims_n = export(neo4j_store)
        assert embedded.counts() == neo4j_store.counts()
    finally:
        embedded.close()
    assert nodes_e == nodes_n
    assert claims_e == claims_n
    assert any('"type": "SENT"' in c for c in claims_e), "the memo's relation claims should be in the graph"


def test_reloading_into_neo4j_changes_nothing(corpus, neo4j_store):
    load_paths([corpus], neo4j_store, default_extractor())
    before = export(neo4j_store)
    again = load_paths([corpus], neo4j_store, default_extractor())
    assert again.count("loaded") == 0 and export(neo4j_store) == before

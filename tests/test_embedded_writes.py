"""The embedded store's small-batch writes: parameterised CREATE stores exactly what COPY stores,
a failure inside it changes nothing, and many small writes keep the writer's memory flat.

All bodies, people and reports here are fictional (synthetic fixtures)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import graph.embedded as embedded
from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, Node
from tests.test_bulk_columns import snapshot, synthetic_batch


def test_create_and_copy_store_the_same_graph(tmp_path, monkeypatch):
    created = EmbeddedStore(tmp_path / "create")
    created.upsert(synthetic_batch())
    monkeypatch.setattr(embedded, "CREATE_ROWS", 0)
    copied = EmbeddedStore(tmp_path / "copy")
    copied.upsert(synthetic_batch())
    assert snapshot(created) == snapshot(copied)
    assert [n.id for n in created.find_nodes("dept of civic affairs")] == ["agency:department-of-civic-affairs"]
    created.close()
    copied.close()


def test_a_failure_inside_a_created_batch_changes_nothing(tmp_path, monkeypatch):
    store = EmbeddedStore(tmp_path / "db")
    original = store._create_relationships

    def fail_on_cites(edge, options, data):
        original(edge, options, data)
        if edge == "CITES":
            raise RuntimeError("synthetic failure after the CITES rows")

    monkeypatch.setattr(store, "_create_relationships", fail_on_cites)
    with pytest.raises(RuntimeError, match="synthetic failure"):
        store.upsert(synthetic_batch())
    assert store.counts().total_claims == 0 and sum(store.counts().nodes.values()) == 0
    monkeypatch.setattr(store, "_create_relationships", original)
    store._node_ids = store._claim_ids = None
    store.upsert(synthetic_batch())
    assert store.counts().total_claims == len(synthetic_batch().claims)
    store.close()


def test_a_created_claim_keeps_quotes_newlines_and_unicode(tmp_path):
    store = EmbeddedStore(tmp_path / "db")
    text = 'Synthetic: the "Café" memo\nwas sent by Northshire Police; it\'s `odd` $k {x}.'
    source = Node("source:00000000000000aa", "Source", "synthetic", props={"sha256": "aa" * 32, "text": text})
    police = Node("agency:northshire-police", "Agency", "Northshire Police", ['Northshire\'s "force"'])
    memo = Node("report:cafe-memo", "Report", 'the "Café" memo')
    claim = Claim("SENT", police.id, memo.id, source.id, text, 0, len(text), 0.5, "test")
    store.upsert(Batch([source, police, memo], [claim]))
    assert store.claims(types=["SENT"])[0].sentence == text
    assert store.get_node(police.id).aliases == ['Northshire\'s "force"']
    store.close()


FLAT_MEMORY_SCRIPT = textwrap.dedent("""
    import sys
    from graph.embedded import EmbeddedStore
    from graph.model import Batch, Claim, Node

    def rss_mb():  # VmHWM: this process's own peak (ru_maxrss keeps the parent's across fork and exec)
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024

    store = EmbeddedStore(sys.argv[1])
    marks = {}
    for i in range(400):
        source = Node(f"source:{i:016x}", "Source", f"synthetic {i}", props={"text": "Synthetic text. " * 40})
        body = Node(f"agency:body-{i % 40}", "Agency", f"Northshire Body {i % 40}")
        report = Node(f"report:review-{i}", "Report", f"Review {i}")
        claims = [Claim("SENT", body.id, report.id, source.id, "Synthetic.", 0, 10, 0.9, "test"),
                  Claim("MENTIONS", source.id, body.id, source.id, "Synthetic.", 0, 10, 0.9, "test")]
        store.upsert(Batch([source, body, report], claims))
        if i in (50, 399):
            marks[i] = rss_mb()
        if rss_mb() > 2000:
            break
    print(marks.get(50, 0), marks.get(399, rss_mb()))
""")


@pytest.mark.slow
def test_many_small_writes_keep_the_writer_memory_flat(tmp_path):
    """Each small COPY left ~8 MB per table in Ladybug's buffer pool: 400 one-document writes grew
    the writer by gigabytes. Written by CREATE, the growth after the first 50 is a few megabytes."""
    done = subprocess.run(
        [sys.executable, "-c", FLAT_MEMORY_SCRIPT, str(tmp_path / "db")],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    after_50, after_400 = map(int, done.stdout.split())
    assert after_400 - after_50 < 100, f"writer grew from {after_50} MB to {after_400} MB over 350 small writes"
    assert after_400 < 1000

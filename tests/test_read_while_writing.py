"""Read-only opens of the embedded store beside a writer and after a crash: an unfinished
checkpoint is waited for (live writer) or recovered (crashed writer), never an error.

Bodies and reports here are fictional (synthetic fixtures)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import graph.embedded as embedded
from graph.embedded import EmbeddedStore
from graph.store import StoreError
from tests.test_bulk_columns import synthetic_batch

WRITER = textwrap.dedent("""
    import sys, time
    import graph.embedded as embedded
    embedded.CHECKPOINT_BYTES = 64 * 1024  # checkpoint every few writes, as a long load does every 256 MB
    from graph.embedded import EmbeddedStore
    from graph.model import Batch, Claim, Node
    store = EmbeddedStore(sys.argv[1])
    print("open", flush=True)
    for i in range(int(sys.argv[2])):
        source = Node(f"source:{i:016x}", "Source", f"synthetic {i}", props={"text": "Synthetic text. " * 200})
        body = Node(f"agency:body-{i % 20}", "Agency", f"Northshire Body {i % 20}")
        report = Node(f"report:review-{i}", "Report", f"Review {i}")
        store.upsert(Batch([source, body, report], [Claim("SENT", body.id, report.id, source.id, "Synthetic.", 0, 10, 0.9, "test")]))
    time.sleep(float(sys.argv[3]))
    store.close()
""")


def _writer(path: Path, writes: int, linger: float = 0.0) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(writes), str(linger)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "open"
    return proc


def test_a_read_only_open_after_a_crash_mid_checkpoint_recovers(tmp_path):
    store = EmbeddedStore(tmp_path / "db")
    store.upsert(synthetic_batch())
    before = store.counts()
    store.close()
    (tmp_path / "db" / "graph.lbdb.shadow").write_bytes(b"")  # what a writer killed mid-checkpoint leaves
    reader = EmbeddedStore(tmp_path / "db", read_only=True)
    assert reader.counts() == before
    reader.close()


def test_a_read_only_open_waits_for_the_writers_checkpoint(tmp_path):
    _writer(tmp_path / "db", 1).wait(timeout=120)
    writer = _writer(tmp_path / "db", 0, linger=3.0)
    (tmp_path / "db" / "graph.lbdb.shadow").write_bytes(b"")  # as while the writer checkpoints
    started = time.monotonic()
    reader = EmbeddedStore(tmp_path / "db", read_only=True)
    assert time.monotonic() - started > 1.0  # it waited for the writer instead of failing
    assert reader.counts().nodes["Source"] == 1
    reader.close()
    assert writer.wait(timeout=60) == 0


def test_a_checkpoint_that_never_ends_gives_a_clear_message(tmp_path, monkeypatch):
    _writer(tmp_path / "db", 1).wait(timeout=120)
    writer = _writer(tmp_path / "db", 0, linger=8.0)
    (tmp_path / "db" / "graph.lbdb.shadow").write_bytes(b"")
    monkeypatch.setattr(embedded, "READ_OPEN_WAIT_SECONDS", 1.0)
    with pytest.raises(StoreError, match="being checkpointed or written by another process"):
        EmbeddedStore(tmp_path / "db", read_only=True)
    writer.kill()
    writer.wait()


@pytest.mark.slow
def test_every_read_during_a_checkpointing_load_succeeds(tmp_path):
    _writer(tmp_path / "db", 1).wait(timeout=120)
    writer = _writer(tmp_path / "db", 400)
    reads, failures = 0, []
    while writer.poll() is None:
        try:
            reader = EmbeddedStore(tmp_path / "db", read_only=True)
            reader.counts()
            reader.close()
            reads += 1
        except StoreError as error:
            failures.append(str(error))
    assert writer.returncode == 0
    assert reads >= 5 and not failures, f"{len(failures)} of {reads + len(failures)} reads failed: {failures[:2]}"


def test_a_reader_of_a_store_whose_tables_are_not_yet_created_waits_then_says_so(tmp_path, monkeypatch):
    """A read-only open between a first writer creating the database file and its tables (a race seen in CI:
    'Table Source does not exist' from a reader's first query) waits for the tables, then fails clearly."""
    import ladybug

    (tmp_path / "store").mkdir()
    bare = ladybug.Database(str(tmp_path / "store" / "graph.lbdb"))  # a database file, no kflow tables yet
    bare.close()
    monkeypatch.setattr(embedded, "READ_OPEN_WAIT_SECONDS", 1.0)
    started = time.monotonic()
    with pytest.raises(StoreError, match="has no kflow tables yet"):
        EmbeddedStore(tmp_path / "store", read_only=True)
    assert time.monotonic() - started >= 1.0  # it waited for the writer before giving up
    with EmbeddedStore(tmp_path / "store") as writer:  # the writer's first open creates them: readable now
        assert writer.sources() == []
    with EmbeddedStore(tmp_path / "store", read_only=True) as reader:
        assert reader.sources() == []

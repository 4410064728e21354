"""A writer killed while appending to the WAL leaves a torn last record: the next open keeps every
committed batch, drops the unfinished one, keeps the torn log aside, and the store goes on working.
(A clean-clone CI run met this: `kflow load` SIGKILLed, then "Checksum verification failed, the WAL
file is corrupted" on reopening.)"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.model import Batch, Node

ROOT = Path(__file__).resolve().parent.parent

_WRITER_KILLED_AFTER_TWO_BATCHES = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    from graph.embedded import EmbeddedStore
    from graph.model import Batch, Node
    store = EmbeddedStore({path!r})
    store.upsert(Batch([Node(f"agency:northshire-body-{{i}}", "Agency", f"Northshire Body {{i}}") for i in range(40)], []))
    store.upsert(Batch([Node(f"agency:eastmere-office-{{i}}", "Agency", f"Eastmere Office {{i}}") for i in range(40)], []))
    os._exit(9)  # like SIGKILL: no checkpoint, no close; both batches live only in the WAL
""")


def _killed_writer_store(path: Path) -> Path:
    script = _WRITER_KILLED_AFTER_TWO_BATCHES.format(root=str(ROOT), path=str(path))
    assert subprocess.run([sys.executable, "-c", script], capture_output=True).returncode == 9
    wal = path / "graph.lbdb.wal"
    assert wal.exists() and wal.stat().st_size > 0, "the killed writer left its WAL"
    return wal


def _agency_names(store: EmbeddedStore) -> set[str]:
    return {n.name for page in store.iter_nodes() for n in page if n.label == "Agency"}


def test_an_untorn_wal_replays_both_batches(tmp_path):
    _killed_writer_store(tmp_path / "db")
    with EmbeddedStore(tmp_path / "db") as store:
        assert len(_agency_names(store)) == 80
    assert not list((tmp_path / "db").glob("graph.lbdb.wal.torn-*"))


@pytest.mark.parametrize("torn_bytes", [1, 64, 2_000])
@pytest.mark.parametrize("read_only", [False, True])
def test_a_torn_wal_keeps_the_committed_batch_and_the_store_keeps_working(tmp_path, torn_bytes, read_only):
    path = tmp_path / "db"
    wal = _killed_writer_store(path)
    original = wal.read_bytes()
    wal.write_bytes(original[: len(original) - torn_bytes])  # the kill fell inside the last append

    with EmbeddedStore(path, read_only=read_only) as store:
        names = _agency_names(store)
    assert {f"Northshire Body {i}" for i in range(40)} <= names, "the first, committed batch survives"
    assert names in ({f"Northshire Body {i}" for i in range(40)}, _agency_names_both()), "all or nothing"
    kept = list(path.glob("graph.lbdb.wal.torn-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == original[: len(original) - torn_bytes]

    with EmbeddedStore(path) as store:  # writable again, and what it writes stays
        store.upsert(Batch([Node("agency:westfold-council", "Agency", "Westfold Council")], []))
    with EmbeddedStore(path, read_only=True) as store:
        assert "Westfold Council" in _agency_names(store)


def _agency_names_both() -> set[str]:
    return {f"Northshire Body {i}" for i in range(40)} | {f"Eastmere Office {i}" for i in range(40)}


def test_a_store_that_is_not_a_torn_wal_still_fails_clearly(tmp_path):
    """Only a torn WAL is replayed leniently: a damaged main file is still refused, with the path."""
    path = tmp_path / "db"
    with EmbeddedStore(path) as store:
        store.upsert(Batch([Node("agency:northshire-police", "Agency", "Northshire Police")], []))
    main = path / "graph.lbdb"
    main.write_bytes(b"\0" * 64 + main.read_bytes()[64:])
    with pytest.raises(Exception, match=str(path)):
        EmbeddedStore(path)
    assert not list(path.glob("graph.lbdb.wal.torn-*"))

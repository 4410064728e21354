"""The embedded writer closes and reopens its LadybugDB database every `KFLOW_REOPEN_ROWS` written
rows (to give back the native memory LadybugDB holds per relationship written, issue #12): the
reopen happens between transactions, keeps the store's id sets, and leaves the store correct.

All bodies, people and reports here are fictional (synthetic fixtures)."""

from __future__ import annotations

import pytest

import graph.embedded as embedded
from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, Node
from graph.store import StoreError
from tests.test_bulk_columns import as_tables, snapshot, synthetic_batch


def note(i: int) -> Batch:
    """One synthetic note: a Source saying a fictional body sent a fictional report."""
    text = f"Synthetic note {i}: the Northshire Police sent Review {i} to the Department of Civic Affairs."
    source = Node(f"source:{i:016x}", "Source", f"synthetic note {i}", props={"text": text})
    police = Node("agency:northshire-police", "Agency", "Northshire Police")
    civic = Node("agency:department-of-civic-affairs", "Agency", "Department of Civic Affairs")
    review = Node(f"report:review-{i}", "Report", f"Review {i}")
    claims = [
        Claim(
            "SENT",
            police.id,
            review.id,
            source.id,
            text,
            0,
            len(text),
            0.9,
            "synthetic",
            date_start="2002-01-01",
            date_end="2002-12-31",
            date_precision="year",
        ),
        Claim("RECEIVED", civic.id, review.id, source.id, text, 0, len(text), 0.8, "synthetic"),
    ]
    return Batch([source, police, civic, review], claims)


def test_the_writer_reopens_after_the_threshold_and_keeps_its_id_sets(tmp_path, monkeypatch):
    monkeypatch.setenv("KFLOW_REOPEN_ROWS", "10")
    store = EmbeddedStore(tmp_path / "db")
    first_db = store._db
    store.upsert(note(0))  # 4 nodes + 2 claims: under the threshold
    assert store._db is first_db and store._rows_since_open == 6
    node_ids, claim_ids = store._known_ids()
    store.upsert(note(1))  # 2 new nodes + 2 claims: 10 rows, reopened
    assert store._db is not first_db and store._rows_since_open == 0
    assert store._known_ids() == (node_ids, claim_ids) and store._node_ids is node_ids  # kept, not rebuilt
    before = store.claims(source_id="source:0000000000000000")
    store.upsert(note(2))
    again = store.upsert(note(0))  # everything known: the kept id sets are truthful after the reopen
    assert (again.nodes_added, again.claims_added, again.claims_skipped) == (0, 0, 2)
    counts = store.counts()
    assert (counts.nodes["Source"], counts.nodes["Agency"], counts.nodes["Report"]) == (3, 2, 3)
    assert counts.total_claims == 6
    assert store.claims(source_id="source:0000000000000000") == before
    after = store.claims(types=["SENT"], source_id="source:0000000000000002")
    assert [(c.from_id, c.to_id, c.date_start) for c in after] == [
        ("agency:northshire-police", "report:review-2", "2002-01-01")
    ]
    stored = snapshot(store)
    store.close()
    reopened = EmbeddedStore(tmp_path / "db", read_only=True)
    assert snapshot(reopened) == stored
    assert reopened._reopen_rows == 0  # a read-only store never reopens
    reopened.close()


def test_a_bulk_batch_past_the_threshold_reopens_after_its_journal_is_finished(tmp_path, monkeypatch):
    monkeypatch.setenv("KFLOW_REOPEN_ROWS", "1")
    monkeypatch.setattr(embedded, "BULK_ROWS", 1)
    store = EmbeddedStore(tmp_path / "db")
    first_db = store._db
    store.upsert_columns(*as_tables(synthetic_batch()))
    assert store._db is not first_db and store._journal.pending() is None
    reference = EmbeddedStore(tmp_path / "reference")
    reference.upsert(synthetic_batch())
    assert snapshot(store) == snapshot(reference)
    assert store.upsert_columns(*as_tables(synthetic_batch())).claims_added == 0
    store.close()
    reference.close()


def test_zero_turns_reopening_off(tmp_path, monkeypatch):
    monkeypatch.setenv("KFLOW_REOPEN_ROWS", "0")
    store = EmbeddedStore(tmp_path / "db")
    first_db = store._db
    for i in range(3):
        store.upsert(note(i))
    assert store._db is first_db and store.counts().total_claims == 6
    store.close()


@pytest.mark.parametrize("value", ["many", "-5", "1.5"])
def test_a_malformed_threshold_is_refused_before_the_store_opens(tmp_path, monkeypatch, value):
    store = EmbeddedStore(tmp_path / "db")
    store.upsert(note(0))
    stored = snapshot(store)
    store.close()
    monkeypatch.setenv("KFLOW_REOPEN_ROWS", value)
    with pytest.raises(StoreError, match=r"KFLOW_REOPEN_ROWS=.*(whole number|must be 0)"):
        EmbeddedStore(tmp_path / "db")
    monkeypatch.delenv("KFLOW_REOPEN_ROWS")
    with EmbeddedStore(tmp_path / "db", read_only=True) as reader:
        assert snapshot(reader) == stored

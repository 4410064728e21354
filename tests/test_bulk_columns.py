"""Bulk input as Arrow tables (`upsert_columns`): same graph and same refusals as `upsert`, on both
backends; on the embedded store, a bulk batch is undone whole after a failure or a crash.

All bodies, people and reports here are fictional (synthetic fixtures)."""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import graph.embedded as embedded
from graph.arrow_tables import aliases_and_keys
from graph.bulk_journal import JOURNAL_NAME
from graph.column_checks import _real_dates
from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, ModelError, Node

SOURCE = Node(
    "source:5717e71c",
    "Source",
    "Synthetic register (fictional)",
    props={"sha256": "ab" * 32, "published": "2003-05-01"},
)
SENTENCE = "On 4 March 2002 the Department of Civic Affairs sent the Northshire Review to Northshire Police."


def synthetic_batch() -> Batch:
    """Fictional bodies, a person with aliases, reports; a few claim shapes including dated ones."""
    nodes = [
        SOURCE,
        Node(
            "agency:department-of-civic-affairs",
            "Agency",
            "The Department of Civic Affairs",
            ["DCA", "Dept. of Civic Affairs"],
            {"kind": "government"},
        ),
        Node("agency:northshire-police", "Agency", "Northshire Police"),
        Node("person:ada-quill", "Person", "Ada Quill", props={"role": "analyst"}),
        Node(
            "report:northshire-review",
            "Report",
            "Northshire Review",
            props={"date_start": "2002-01-01", "date_end": "2002-12-31", "date_precision": "year"},
        ),
        Node("report:annex-b", "Report", "Annex B: Café records"),
        Node("topic:synthetic-topic", "Topic", "Synthetic topic"),
    ]
    claims = [
        Claim(
            "SENT",
            "agency:department-of-civic-affairs",
            "report:northshire-review",
            SOURCE.id,
            SENTENCE,
            0,
            60,
            0.9,
            "rules",
            date_start="2002-03-04",
            date_end="2002-03-04",
            date_precision="day",
            date_text="4 March 2002",
        ),
        Claim(
            "RECEIVED", "agency:northshire-police", "report:northshire-review", SOURCE.id, SENTENCE, 0, 95, 0.8, "rules"
        ),
        Claim(
            "AUTHORED",
            "person:ada-quill",
            "report:northshire-review",
            SOURCE.id,
            "Ada Quill wrote it.",
            96,
            115,
            0.7,
            "rules",
            role="author",
        ),
        Claim(
            "MEMBER_OF",
            "person:ada-quill",
            "agency:department-of-civic-affairs",
            SOURCE.id,
            "Ada Quill of the DCA.",
            116,
            137,
            0.6,
            "rules",
        ),
        Claim(
            "CITES",
            "report:northshire-review",
            "report:annex-b",
            SOURCE.id,
            "It cites Annex B.",
            138,
            155,
            0.5,
            "rules",
            page=3,
        ),
        Claim("MENTIONS", SOURCE.id, "topic:synthetic-topic", SOURCE.id, "A synthetic topic.", 156, 174, 0.4, "rules"),
    ]
    return Batch(nodes, claims)


def as_tables(batch: Batch) -> tuple[pa.Table, pa.Table]:
    """The batch as the Arrow tables `upsert_columns` takes (node properties as columns)."""
    node_rows = [{"id": n.id, "label": n.label, "name": n.name, "aliases": n.aliases, **n.props} for n in batch.nodes]
    return table_of(node_rows), table_of([c.to_row() for c in batch.claims])


def table_of(rows: list[dict]) -> pa.Table:
    columns = list(dict.fromkeys(k for row in rows for k in row))  # from_pylist alone reads the first row's keys only
    return pa.Table.from_pylist([{k: row.get(k) for k in columns} for row in rows])


def snapshot(store) -> tuple[dict, dict]:
    nodes = {n.id: asdict(n) for page in store.iter_nodes() for n in page}
    claims = {c.id: c.to_row() for page in store.iter_claims() for c in page}
    return nodes, claims


def test_columns_store_the_same_graph_as_objects(store, tmp_path):
    batch = synthetic_batch()
    result = store.upsert_columns(*as_tables(batch))
    assert (result.nodes_added, result.claims_added) == (len(batch.nodes), len(batch.claims))
    reference = EmbeddedStore(tmp_path / "objects")
    reference.upsert(synthetic_batch())
    assert snapshot(store) == snapshot(reference)
    assert [n.id for n in store.find_nodes("dept of civic affairs")] == ["agency:department-of-civic-affairs"]
    assert [n.id for n in store.find_nodes("annex b cafe records")] == [
        n.id for n in reference.find_nodes("annex b cafe records")
    ]
    reference.close()


def test_columns_twice_change_nothing(store):
    tables = as_tables(synthetic_batch())
    store.upsert_columns(*tables)
    before = snapshot(store)
    again = store.upsert_columns(*tables)
    assert (again.nodes_added, again.nodes_updated, again.claims_added) == (0, 0, 0)
    assert again.claims_skipped == len(synthetic_batch().claims)
    assert snapshot(store) == before


def test_repeated_ids_in_columns_merge_like_upsert(store):
    batch = synthetic_batch()
    nodes, claims = as_tables(batch)
    extra = pa.Table.from_pylist(
        [{"id": "agency:northshire-police", "label": "Agency", "name": "Northshire Constabulary", "aliases": []}]
    )
    store.upsert_columns(
        pa.concat_tables([nodes, extra.cast(nodes.select(extra.column_names).schema)], promote_options="default"),
        pa.concat_tables([claims, claims]),
    )
    assert store.get_node("agency:northshire-police").aliases == ["Northshire Constabulary"]
    assert store.counts().total_claims == len(batch.claims)


def _claims_with(**changes) -> pa.Table:
    rows = [c.to_row() for c in synthetic_batch().claims]
    rows[2].update(changes)
    return table_of(rows)


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"type": "LEAKED"}, "type", "unknown edge type 'LEAKED'"),
        ({"to_id": "agency:northshire-police"}, "to_id", "cannot be the to end of AUTHORED; expected Report"),
        ({"from_id": "report:annex-b"}, "from_id", "cannot be the from end of AUTHORED"),
        ({"sentence": "   "}, "sentence", "needs evidence: sentence is missing"),
        ({"extractor": None}, "extractor", "extractor is missing"),
        ({"source_id": "report:annex-b"}, "source_id", "is not a source id"),
        ({"char_start": 20, "char_end": 20}, "char_start", "must satisfy 0 <= start < end"),
        ({"char_start": -1}, "char_start", "must satisfy 0 <= start < end"),
        ({"confidence": 1.5}, "confidence", "between 0 and 1"),
        ({"confidence": math.nan}, "confidence", "between 0 and 1"),
        ({"date_start": "2002-02-30", "date_precision": "day"}, "date_start", "is not an ISO date"),
        ({"date_end": "2002-13-01", "date_precision": "month"}, "date_end", "is not an ISO date"),
        (
            {"date_start": "2003-01-01", "date_end": "2002-01-01", "date_precision": "year"},
            "date_end",
            "is before date_start",
        ),
        ({"date_start": "2002-01-01"}, "date_precision", "must say how precise"),
        ({"date_precision": "fortnight"}, "date_precision", "expected one of"),
        ({"witness": "nobody"}, "witness", "not a column of claims"),
    ],
)
def test_bad_claim_columns_are_refused_by_field_and_row_and_change_nothing(store, changes, field, words):
    nodes, good_claims = as_tables(synthetic_batch())
    store.upsert_columns(nodes, good_claims.slice(0, 1))
    before = snapshot(store)
    with pytest.raises(ModelError) as raised:
        store.upsert_columns(nodes, _claims_with(**changes))
    assert raised.value.field == field
    assert words in str(raised.value)
    if field != "witness":
        assert "row 2" in str(raised.value)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    "row, field, words",
    [
        ({"id": "agency:x", "label": "Ministry", "name": "X"}, "label", "unknown node type 'Ministry'"),
        ({"id": "report:x", "label": "Agency", "name": "X"}, "id", "must start with 'agency:'"),
        ({"id": "agency:x", "label": "Agency", "name": "  "}, "name", "empty name"),
        (
            {"id": "agency:x", "label": "Agency", "name": "X", "sha256": "ab"},
            "props.sha256",
            "not a property of Agency",
        ),
        (
            {"id": "source:x", "label": "Source", "name": "X", "published": "2018-02-30"},
            "props.published",
            "is not an ISO date",
        ),
    ],
)
def test_bad_node_columns_are_refused(store, row, field, words):
    with pytest.raises(ModelError) as raised:
        store.upsert_columns(pa.Table.from_pylist([row]), _no_claims())
    assert raised.value.field == field and words in str(raised.value)
    assert store.counts().total_nodes == 0


def _no_claims() -> pa.Table:
    return pa.Table.from_pylist([c.to_row() for c in synthetic_batch().claims]).slice(0, 0)


def test_a_claim_to_a_node_neither_given_nor_stored_is_refused_before_writing(store):
    nodes, claims = as_tables(synthetic_batch())
    without_annex = nodes.filter(pa.compute.not_equal(nodes["id"], "report:annex-b"))
    with pytest.raises(ModelError) as raised:
        store.upsert_columns(without_annex, claims)
    assert raised.value.field == "to_id" and "'report:annex-b', which is neither in the batch nor stored" in str(
        raised.value
    )
    assert store.counts().total_nodes == 0 and store.counts().total_claims == 0


# -- the vectorised rules agree with the model's ------------------------------------------------

_NAMES = (
    st.lists(
        st.sampled_from(list("abcXYZ 019'.-éÉ’&\t") + ["the ", "The ", "A ", "an ", "  "]), min_size=1, max_size=12
    )
    .map("".join)
    .filter(str.strip)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_NAMES, st.lists(_NAMES, max_size=3)), min_size=1, max_size=20))
def test_vectorised_aliases_and_keys_equal_the_models(named):
    aliases, keys = aliases_and_keys(
        pa.chunked_array([[n for n, _ in named]]), pa.chunked_array([[a for _, a in named]], pa.list_(pa.string()))
    )
    expected = [Node("topic:x", "Topic", name, list(found)) for name, found in named]
    assert aliases.to_pylist() == [n.aliases for n in expected]
    assert keys.to_pylist() == [n.keys for n in expected]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 14), st.integers(0, 33)), min_size=1, max_size=50))
def test_vectorised_dates_equal_python_dates(parts):
    texts = [f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in parts]

    def real(text: str) -> bool:
        try:
            return date.fromisoformat(text).isoformat() == text
        except ValueError:
            return False

    assert _real_dates(pa.chunked_array([texts])).to_pylist() == [real(t) for t in texts]


# -- embedded: a bulk batch is all or nothing without one big transaction ------------------------


@pytest.fixture
def bulk_always(monkeypatch):
    """Every batch takes the journaled bulk path, so small fixtures exercise it."""
    monkeypatch.setattr(embedded, "BULK_ROWS", 1)


def fail_after_copy(store: EmbeddedStore, table_name: str, monkeypatch):
    """Make the store fail right after it copies `table_name`; returns the real `_copy`."""
    original = store._copy

    def copy_then_fail(table, data, options=""):
        original(table, data, options)
        if table == table_name:
            raise RuntimeError(f"synthetic failure after the {table_name} copy")

    monkeypatch.setattr(store, "_copy", copy_then_fail)
    return original


def test_a_failing_bulk_copy_undoes_the_whole_batch(tmp_path, bulk_always, monkeypatch):
    store = EmbeddedStore(tmp_path / "db")
    first = Batch([SOURCE, Node("agency:northshire-police", "Agency", "Northshire Police")], [])
    store.upsert(first)
    before = snapshot(store)
    original = fail_after_copy(store, "SENT", monkeypatch)
    batch = synthetic_batch()
    batch.nodes[2] = Node("agency:northshire-police", "Agency", "Northshire Police", ["Northshire Constabulary"])
    with pytest.raises(RuntimeError, match="synthetic failure"):
        store.upsert_columns(*as_tables(batch))
    assert snapshot(store) == before, "nodes, claims and the updated alias were all undone"
    assert not (tmp_path / "db" / JOURNAL_NAME).exists()
    monkeypatch.setattr(store, "_copy", original)
    store.upsert_columns(*as_tables(batch))
    assert store.counts().total_claims == len(batch.claims)
    assert store.get_node("agency:northshire-police").aliases == ["Northshire Constabulary"]
    store.close()


_CRASHING_WRITER = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    sys.path.insert(0, {tests!r})
    import graph.embedded as embedded
    from graph.embedded import EmbeddedStore
    from test_bulk_columns import as_tables, synthetic_batch, Node
    embedded.BULK_ROWS = 1
    store = EmbeddedStore({path!r})
    original = store._copy
    def copy_then_die(table, data, options=""):
        original(table, data, options)
        if table == {die_after!r}:
            os._exit(9)  # like SIGKILL: no cleanup, no undo
    store._copy = copy_then_die
    batch = synthetic_batch()
    batch.nodes[2] = Node("agency:northshire-police", "Agency", "Northshire Police", ["Northshire Constabulary"])
    store.upsert_columns(*as_tables(batch))
""")


@pytest.mark.parametrize(
    "die_after, reopen_read_only", [("Agency", False), ("SENT", False), ("MENTIONS", True)]
)  # first, a middle, the last COPY
def test_a_crash_between_bulk_copies_is_undone_on_the_next_open(tmp_path, die_after, reopen_read_only):
    path = tmp_path / "db"
    with EmbeddedStore(path) as store:
        store.upsert(Batch([SOURCE, Node("agency:northshire-police", "Agency", "Northshire Police")], []))
        before = snapshot(store)
    script = _CRASHING_WRITER.format(
        root=str(Path(__file__).resolve().parent.parent),
        tests=str(Path(__file__).resolve().parent),
        path=str(path),
        die_after=die_after,
    )
    assert subprocess.run([sys.executable, "-c", script], capture_output=True).returncode == 9
    assert (path / JOURNAL_NAME).exists(), "the crash left its journal behind"
    with EmbeddedStore(path, read_only=reopen_read_only) as reopened:
        assert snapshot(reopened) == before
    assert not (path / JOURNAL_NAME).exists()
    with EmbeddedStore(path) as store:
        store.upsert_columns(*as_tables(synthetic_batch()))
        assert store.counts().total_claims == len(synthetic_batch().claims)


def test_undo_after_deletions_and_a_reopen_removes_only_the_failed_batch(tmp_path, bulk_always, monkeypatch):
    """The journal's marks rely on Ladybug never reusing a row offset, also after deletes and a checkpoint."""
    path = tmp_path / "db"
    other = Node("source:0the7", "Source", "Second synthetic register (fictional)", props={"sha256": "cd" * 32})
    with EmbeddedStore(path) as store:
        store.upsert(synthetic_batch())
        kept = synthetic_batch()
        kept.nodes[0] = other
        kept.claims = [
            Claim(
                c.type,
                c.from_id,
                c.to_id,
                other.id,
                c.sentence,
                c.char_start,
                c.char_end,
                c.confidence,
                c.extractor,
                c.date_start,
                c.date_end,
                c.date_precision,
            )
            for c in kept.claims
        ]
        store.upsert(kept)
        store.remove_source(SOURCE.id)
    store = EmbeddedStore(path)
    before = snapshot(store)
    original = fail_after_copy(store, "CITES", monkeypatch)
    with pytest.raises(RuntimeError, match="synthetic failure"):
        store.upsert_columns(*as_tables(synthetic_batch()))
    assert snapshot(store) == before
    monkeypatch.setattr(store, "_copy", original)
    store.upsert_columns(*as_tables(synthetic_batch()))
    nodes, claims = snapshot(store)
    assert set(before[1]) < set(claims) and len(claims) == len(before[1]) + len(synthetic_batch().claims)
    store.close()

"""`kflow remove` takes the aliases only the removed Source backed off surviving nodes, and two
different claims sharing one id are refused, not dropped; on both backends. Fictional data."""

from __future__ import annotations

import pyarrow as pa
import pytest

from graph.model import Batch, Claim, ModelError, Node

A, B = "source:" + "a1" * 8, "source:" + "b2" * 8
TEXT_A = "The Board of Westmarch (BoW) sent the memo."
TEXT_B = "The Westmarch Board received the memo in 2004."


def _claim(edge: str, a: str, b: str, source: str, text: str, **extra) -> Claim:
    return Claim(edge, a, b, source, text, 0, len(text), 0.9, "test", **extra)


def _batches() -> tuple[Batch, Batch]:
    batch_a = Batch(
        [
            Node(A, "Source", "Westmarch Register A", props={"sha256": "a1" * 32}),
            # 'BoW' is quoted only by A; 'Westmarch Authority' by no claim (as a gazetteer alias), so it stays
            Node("agency:board-of-westmarch", "Agency", "Board of Westmarch", ["BoW", "Westmarch Authority"]),
            Node("report:memo", "Report", "Westmarch memo", ["Westmarch Register A", "the memo"]),
        ],
        [_claim("SENT", "agency:board-of-westmarch", "report:memo", A, TEXT_A)],
    )
    batch_b = Batch(
        [
            Node(B, "Source", "Westmarch Register B", props={"sha256": "b2" * 32}),
            Node("agency:board-of-westmarch", "Agency", "Board of Westmarch", ["Westmarch Board"]),
            Node("report:memo", "Report", "Westmarch memo", ["the memo"]),
        ],
        [_claim("RECEIVED", "agency:board-of-westmarch", "report:memo", B, TEXT_B)],
    )
    return batch_a, batch_b


def test_removing_a_source_takes_the_aliases_only_it_backed(store):
    batch_a, batch_b = _batches()
    store.upsert(batch_a)
    store.upsert(batch_b)
    assert store.get_node("agency:board-of-westmarch").aliases == ["BoW", "Westmarch Authority", "Westmarch Board"]
    assert [n.id for n in store.find_nodes("BoW")] == ["agency:board-of-westmarch"]
    store.remove_source(A)
    assert store.get_node("agency:board-of-westmarch").aliases == ["Westmarch Authority", "Westmarch Board"]
    assert store.get_node("report:memo").aliases == ["the memo"], "the removed Source's title must go"
    assert store.find_nodes("BoW") == [] and store.find_nodes("Westmarch Register A") == []
    assert [n.id for n in store.find_nodes("Westmarch Board")] == ["agency:board-of-westmarch"]
    assert [c.source_id for c in store.claims()] == [B]


def test_two_different_claims_with_one_id_are_refused_naming_it(store):
    batch_a, _ = _batches()
    first = batch_a.claims[0]
    other = _claim("SENT", first.from_id, first.to_id, A, "The Board of Westmarch sent it.", id=first.id)
    with pytest.raises(ModelError, match=f"two different claims share the id '{first.id}'"):
        store.upsert(Batch(batch_a.nodes, [first, other]))
    assert store.counts().total_claims == 0 and store.counts().total_nodes == 0
    reread = Claim(
        first.type,
        first.from_id,
        first.to_id,
        A,
        first.sentence,
        first.char_start,
        first.char_end,
        0.5,
        "another.extractor",
    )
    assert reread.id == first.id
    store.upsert(Batch(batch_a.nodes, [first, reread]))  # one statement read twice is one claim: the first reading kept
    assert [(c.extractor, c.confidence) for c in store.claims()] == [("test", 0.9)]
    assert store.counts().total_claims == 1


def test_the_bulk_path_refuses_them_too(store):
    batch_a, _ = _batches()
    first = batch_a.claims[0]
    other = _claim("SENT", first.from_id, first.to_id, A, "The Board of Westmarch sent it.", id=first.id)
    nodes = pa.Table.from_pylist(
        [{"id": n.id, "label": n.label, "name": n.name, "aliases": n.aliases} for n in batch_a.nodes]
    )
    claims = pa.Table.from_pylist([first.to_row(), other.to_row()])
    with pytest.raises(ModelError, match="two different claims share the id"):
        store.upsert_columns(nodes, claims)
    assert store.counts().total_claims == 0

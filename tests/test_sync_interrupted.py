"""An interrupted `kflow sync` never leaves a Source in the target without all its claims.

`kflow load` treats a stored Source as done, so a Source copied before its claims would make a
later load skip that file and its claims would stay missing. The target here is a real store
whose upsert fails after N writes (a subclass, the database untouched); synthetic, fictional data.
"""

from __future__ import annotations

from collections import Counter

import pytest

from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, Node
from graph.sync import copy_graph

BODIES = [Node(f"agency:fictional-body-{i}", "Agency", f"Fictional Body {i}") for i in range(4)]
REPORTS = [Node(f"report:fictional-memo-{i}", "Report", f"Fictional Memo {i}") for i in range(3)]


def _source_batch(n: int) -> Batch:
    """Source n with 2n + 3 claims: MENTIONS from the Source itself and SENT between fixed nodes."""
    source = Node(f"source:{n:016x}", "Source", f"Fictional register {n}", props={"sha256": f"{n:064x}"})
    text = "Fictional Body sent Fictional Memo. " * (2 * n + 3)
    claims = []
    for k in range(2 * n + 3):
        start = 36 * k
        if k % 2:
            claims.append(
                Claim(
                    "SENT",
                    BODIES[k % 4].id,
                    REPORTS[k % 3].id,
                    source.id,
                    text[start : start + 35],
                    start,
                    start + 35,
                    0.9,
                    "test.sync",
                )
            )
        else:
            claims.append(
                Claim(
                    "MENTIONS",
                    source.id,
                    BODIES[k % 4].id,
                    source.id,
                    text[start : start + 35],
                    start,
                    start + 35,
                    0.5,
                    "test.sync",
                )
            )
    return Batch([source, *BODIES, *REPORTS], claims)


def _fill(store) -> dict[str, int]:
    for n in range(8):
        store.upsert(_source_batch(n))
    return {s.id: len(store.claims(source_id=s.id)) for s in store.sources()}


class _Interrupted(RuntimeError):
    pass


def _failing(store_class: type, after: int) -> type:
    """The store class whose upsert raises once `after` upserts have landed (a crash mid-sync)."""

    class FailingStore(store_class):
        upserts_left = after

        def upsert(self, batch: Batch):
            if self.upserts_left <= 0:
                raise _Interrupted("sync interrupted by the test")
            self.upserts_left -= 1
            return super().upsert(batch)

    return FailingStore


def _whole_sources(target, expected: dict[str, int]) -> Counter:
    """Per stored Source: its claim count must be the source store's count for it."""
    stored = {s.id: len(target.claims(source_id=s.id)) for s in target.sources()}
    for source_id, count in stored.items():
        assert count == expected[source_id], f"{source_id} is stored with {count} of its {expected[source_id]} claims"
    return Counter(stored)


@pytest.mark.parametrize("after", [1, 2, 3, 4])
def test_an_interrupted_sync_leaves_only_whole_sources_and_a_rerun_completes(tmp_path, after):
    with EmbeddedStore(tmp_path / "from") as source:
        expected = _fill(source)
        target = _failing(EmbeddedStore, after)(tmp_path / "to")
        with pytest.raises(_Interrupted):
            copy_graph(source, target, batch_size=10)
        target.close()
        with EmbeddedStore(tmp_path / "to") as target:
            partial = _whole_sources(target, expected)
            assert len(partial) < len(expected), "the interruption came too late to test anything"
            copy_graph(source, target, batch_size=10)
            assert _whole_sources(target, expected) == Counter(expected)
            assert target.counts() == source.counts()


@pytest.mark.neo4j
def test_an_interrupted_sync_to_neo4j_leaves_only_whole_sources(tmp_path, neo4j_store):
    from graph.neo4j_store import Neo4jStore

    with EmbeddedStore(tmp_path / "from") as source:
        expected = _fill(source)
        target = _failing(Neo4jStore, 2)(neo4j_store.connection)
        try:
            with pytest.raises(_Interrupted):
                copy_graph(source, target, batch_size=10)
            assert len(_whole_sources(neo4j_store, expected)) < len(expected)
        finally:
            target.close()
        copy_graph(source, neo4j_store, batch_size=10)
        assert _whole_sources(neo4j_store, expected) == Counter(expected)
        assert neo4j_store.counts() == source.counts()

"""The review queue's page comes sorted and cut from the store (`claims_by_confidence`), on both
backends: the same claims, in the same order, as sorting every claim by hand would give. Over the
FICTIONAL Northshire world of tests/test_analysis.py (synthetic), with confidences spread and tied."""

from __future__ import annotations

import dataclasses

import pytest

from graph import corrections
from graph.model import Batch
from graph.review_queue import REVIEWED_TYPES, review_claims, review_count, review_rows, status_of
from tests.test_analysis import S2, claims, nodes

CONFIDENCES = (0.3, 0.9, 0.3, 0.55, 0.7, 0.3, 0.55, 0.95)  # ties, so the id must break them


@pytest.fixture
def queue(store):
    spread = [dataclasses.replace(c, confidence=CONFIDENCES[i % len(CONFIDENCES)]) for i, c in enumerate(claims())]
    store.upsert(Batch(nodes(), spread))
    reviewed = [c for c in spread if c.type in REVIEWED_TYPES]
    corrections.reject_claim(store, reviewed[0].id, by="Test Reviewer")
    corrections.accept_claim(store, reviewed[3].id, by="Test Reviewer")
    return store


def _by_hand(store, status=None, source_id=None):
    every = [c for c in store.claims(types=REVIEWED_TYPES) if source_id in (None, c.source_id)]
    every = [c for c in every if status in (None, status_of(c))]
    return [c.id for c in sorted(every, key=lambda c: (c.confidence, c.id))]


@pytest.mark.parametrize("status", [None, "extracted", "rejected", "accepted"])
def test_every_page_is_the_slice_of_the_whole_sorted_queue(queue, status):
    expected = _by_hand(queue, status)
    assert len({c.confidence for c in queue.claims(types=REVIEWED_TYPES)}) > 1 and expected
    for limit in (1, 3, 50):
        for offset in (0, 1, 4, len(expected)):
            page = [c.id for c in review_claims(queue, status=status, limit=limit, offset=offset)]
            assert page == expected[offset : offset + limit], (limit, offset)
    assert [c.id for c in review_claims(queue, status=status, limit=None)] == expected


def test_a_page_of_one_source_and_its_rows(queue):
    expected = _by_hand(queue, source_id=S2)
    assert expected and expected != _by_hand(queue)
    assert [c.id for c in review_claims(queue, source_id=S2, limit=2, offset=1)] == expected[1:3]
    rows = review_rows(queue, limit=2, offset=2)
    assert [r["id"] for r in rows] == _by_hand(queue)[2:4] and all(r["from_name"] for r in rows)


@pytest.mark.parametrize("status", [None, "extracted", "rejected", "accepted"])
def test_the_queue_counts_what_it_pages_through(queue, status):
    assert review_count(queue, status=status) == len(_by_hand(queue, status))
    assert review_count(queue, status=status, source_id=S2) == len(_by_hand(queue, status, S2))

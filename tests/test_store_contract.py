"""The store contract: every backend passes this same suite through the `store` fixture."""

from __future__ import annotations

import pytest

from graph.model import Batch, Claim, ModelError, Node
from graph.store import GraphStore, ReadOnlyQueryError, StoreError

SOURCE_A = "source:aaaaaaaaaaaaaaaa"
SOURCE_B = "source:bbbbbbbbbbbbbbbb"
TEXT_A = "Synthetic. The Eastmere Review was sent to the Department of Civic Affairs by Northshire Police in 2009."
TEXT_B = "Synthetic. Northshire Police sent the Eastmere Review to the Department of Civic Affairs in March 2009."


def _source(source_id: str, text: str) -> Node:
    return Node(
        source_id,
        "Source",
        f"synthetic {source_id}",
        props={"sha256": source_id[7:] * 4, "text": text, "published": "2018-01-01"},
    )


def _bodies() -> list[Node]:
    return [
        Node("agency:northshire-police", "Agency", "Northshire Police", ["the Northshire force"], {"kind": "police"}),
        Node(
            "agency:department-of-civic-affairs",
            "Agency",
            "Department of Civic Affairs",
            ["DCA", "the Department of Civic Affairs"],
        ),
        Node(
            "report:eastmere-review",
            "Report",
            "Eastmere Review",
            props={"kind": "review", "date_start": "2009-01-01", "date_end": "2009-12-31", "date_precision": "year"},
        ),
        Node("topic:missing-records", "Topic", "missing records in Eastmere"),
    ]


def _claims(source_id: str, text: str, year_start: str = "2009-01-01", year_end: str = "2009-12-31") -> list[Claim]:
    start = text.index("The") if "The Eastmere" in text else text.index("Northshire")
    span = (start, len(text))
    sentence = text[start:]
    common = dict(
        source_id=source_id, sentence=sentence, char_start=span[0], char_end=span[1], confidence=0.9, extractor="test"
    )
    dates = dict(date_start=year_start, date_end=year_end, date_precision="year")
    return [
        Claim("SENT", "agency:northshire-police", "report:eastmere-review", **common, **dates),
        Claim("RECEIVED", "agency:department-of-civic-affairs", "report:eastmere-review", **common, **dates),
        Claim("CONCERNS", "report:eastmere-review", "topic:missing-records", **common),
    ]


def _load_a(store: GraphStore) -> None:
    store.upsert(Batch([_source(SOURCE_A, TEXT_A), *_bodies()], _claims(SOURCE_A, TEXT_A)))


def test_upsert_then_counts(store: GraphStore):
    _load_a(store)
    counts = store.counts()
    assert counts.nodes["Agency"] == 2 and counts.nodes["Source"] == 1 and counts.nodes["Topic"] == 1
    assert counts.claims["SENT"] == 1 and counts.claims["RECEIVED"] == 1 and counts.total_claims == 3


def test_upserting_the_same_batch_twice_changes_nothing(store: GraphStore):
    _load_a(store)
    before = store.counts()
    result = store.upsert(Batch([_source(SOURCE_A, TEXT_A), *_bodies()], _claims(SOURCE_A, TEXT_A)))
    assert result.claims_added == 0 and result.nodes_added == 0 and result.claims_skipped == 3
    assert store.counts() == before


def test_same_fact_from_two_sources_is_two_claims(store: GraphStore):
    _load_a(store)
    store.upsert(Batch([_source(SOURCE_B, TEXT_B)], _claims(SOURCE_B, TEXT_B, "2009-03-01", "2009-03-31")))
    sent = store.claims(types=["SENT"])
    assert {c.source_id for c in sent} == {SOURCE_A, SOURCE_B}


def test_claims_keep_their_evidence_and_dates(store: GraphStore):
    _load_a(store)
    (sent,) = store.claims(types=["SENT"])
    assert sent.sentence.startswith("The Eastmere Review was sent")
    assert TEXT_A[sent.char_start : sent.char_end] == sent.sentence
    assert (sent.date_start, sent.date_end, sent.date_precision) == ("2009-01-01", "2009-12-31", "year")
    assert sent.confidence == pytest.approx(0.9) and sent.extractor == "test"


def test_new_sighting_adds_aliases(store: GraphStore):
    _load_a(store)
    store.upsert(Batch([Node("agency:northshire-police", "Agency", "Northshire Police", ["NP Force"])]))
    node = store.get_node("agency:northshire-police")
    assert "NP Force" in node.aliases and "the Northshire force" in node.aliases
    assert node.props["kind"] == "police"


def test_get_node_by_id(store: GraphStore):
    _load_a(store)
    node = store.get_node("report:eastmere-review")
    assert node.label == "Report" and node.name == "Eastmere Review" and node.props["date_precision"] == "year"
    assert store.get_node("agency:nobody") is None


@pytest.mark.parametrize(
    "query",
    ["department of civic affairs", "The Department of Civic Affairs", "DCA", "THE DEPARTMENT OF CIVIC AFFAIRS"],
)
def test_find_nodes_is_case_and_article_insensitive(store: GraphStore, query: str):
    _load_a(store)
    assert [n.id for n in store.find_nodes(query)] == ["agency:department-of-civic-affairs"]


def test_find_nodes_partial_and_by_label(store: GraphStore):
    _load_a(store)
    assert "agency:northshire-police" in [n.id for n in store.find_nodes("northshire")]
    assert store.find_nodes("eastmere", label="Agency") == []
    assert [n.id for n in store.find_nodes("eastmere", label="Report")] == ["report:eastmere-review"]


def test_neighbourhood_hops_and_filters(store: GraphStore):
    _load_a(store)
    one = store.neighbourhood(["agency:northshire-police"], hops=1)
    assert set(one.nodes) == {"agency:northshire-police", "report:eastmere-review"}
    two = store.neighbourhood(["agency:northshire-police"], hops=2)
    assert {"agency:department-of-civic-affairs", "topic:missing-records"} <= set(two.nodes)
    only_sent = store.neighbourhood(["agency:northshire-police"], hops=2, edge_types=["SENT"])
    assert set(only_sent.nodes) == {"agency:northshire-police", "report:eastmere-review"}
    windowed = store.neighbourhood(["agency:northshire-police"], hops=2, since="2010-01-01")
    assert set(windowed.nodes) == {"agency:northshire-police"} and not windowed.claims


def test_claims_touching_are_the_one_hop_neighbourhood_claims_without_nodes(store: GraphStore):
    _load_a(store)
    ids, flows = ["agency:northshire-police", "topic:missing-records"], ["SENT", "RECEIVED", "CONCERNS"]
    touching = store.claims_touching(ids, flows)
    assert {c.id for c in touching} == set(store.neighbourhood(ids, hops=1, edge_types=flows).claims)
    assert {(c.type, c.from_id) for c in touching} == {
        ("SENT", "agency:northshire-police"),
        ("CONCERNS", "report:eastmere-review"),
    }
    assert [c.type for c in store.claims_touching(ids, ["SENT"], since="2009-06-01", until="2009-06-30")] == ["SENT"]
    assert store.claims_touching(ids, flows, since="2010-01-01") == [] and store.claims_touching([], flows) == []


def test_claims_by_type_body_and_date(store: GraphStore):
    _load_a(store)
    assert {c.type for c in store.claims(body="agency:department-of-civic-affairs")} == {"RECEIVED"}
    assert len(store.claims(since="2009-06-01", until="2009-06-30")) == 2
    assert store.claims(until="2008-12-31") == []
    assert {c.type for c in store.claims(source_id=SOURCE_A)} == {"SENT", "RECEIVED", "CONCERNS"}


def test_read_only_query_returns_rows_and_refuses_writes(store: GraphStore):
    _load_a(store)
    result = store.query("MATCH (a:Agency) RETURN a.name AS name ORDER BY name")
    assert result.columns == ["name"] and [r[0] for r in result.rows] == [
        "Department of Civic Affairs",
        "Northshire Police",
    ]
    for write in [
        "CREATE (:Agency {id: 'agency:x', name: 'X'})",
        "MATCH (n) DETACH DELETE n",
        "MATCH (a:Agency) SET a.name = 'Y'",
        "MATCH (n) RETURN n; MATCH (n) DELETE n",
    ]:
        with pytest.raises(ReadOnlyQueryError):
            store.query(write)
    assert store.counts().total_nodes == 5


def test_remove_source_keeps_claims_other_sources_support(store: GraphStore):
    _load_a(store)
    store.upsert(Batch([_source(SOURCE_B, TEXT_B)], _claims(SOURCE_B, TEXT_B)))
    removed = store.remove_source(SOURCE_A)
    assert removed.claims_removed == 3
    assert {c.source_id for c in store.claims()} == {SOURCE_B}
    assert store.get_node("agency:northshire-police") is not None
    assert not store.has_source(SOURCE_A) and store.has_source(SOURCE_B)


def test_remove_only_source_removes_its_unsupported_nodes(store: GraphStore):
    _load_a(store)
    store.remove_source(SOURCE_A)
    assert store.counts().total_nodes == 0 and store.counts().total_claims == 0
    with pytest.raises(StoreError):
        store.remove_source(SOURCE_A)


def test_claim_to_unknown_node_is_rejected_and_nothing_lands(store: GraphStore):
    bad = Claim("SENT", "agency:ghost", "report:eastmere-review", SOURCE_A, "x", 0, 1, 0.5, "test")
    with pytest.raises(ModelError, match="agency:ghost"):
        store.upsert(Batch([_source(SOURCE_A, TEXT_A), *_bodies()], [bad]))
    assert store.counts().total_nodes == 0


def test_iterators_cover_everything(store: GraphStore):
    _load_a(store)
    nodes = [n for batch in store.iter_nodes(batch_size=2) for n in batch]
    claims = [c for batch in store.iter_claims(batch_size=2) for c in batch]
    assert len(nodes) == 5 and len({n.id for n in nodes}) == 5
    assert {c.id for c in claims} == {c.id for c in store.claims()}


def test_sources_listing(store: GraphStore):
    _load_a(store)
    (source,) = store.sources()
    assert source.id == SOURCE_A and source.props["text"] == TEXT_A


def test_claims_limit_returns_the_earliest(store: GraphStore):
    _load_a(store)
    store.upsert(Batch([_source(SOURCE_B, TEXT_B)], _claims(SOURCE_B, TEXT_B, "2001-03-01", "2001-03-31")))
    earliest = store.claims(limit=2)
    assert [c.date_start for c in earliest] == ["2001-03-01", "2001-03-01"]
    assert {c.type for c in earliest} == {"SENT", "RECEIVED"}

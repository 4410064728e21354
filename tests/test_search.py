"""Full-text search on every backend (SQLite FTS5 beside the embedded store, Neo4j's full-text
index on the real server): matching, highlighting, filters, removal, idempotence. Synthetic
documents about fictional bodies only."""

from __future__ import annotations

import pyarrow as pa
import pytest

from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, Node
from graph.search import SearchError, SearchFilters, search_for
from graph.search.ask import ask_search
from graph.search.sqlite_index import FILE_NAME
from graph.store import GraphStore

POLICE = "agency:northshire-police"
DEPARTMENT = "agency:department-of-civic-affairs"
REVIEW = "report:eastmere-review"
DOCS = {
    "source:1111111111111111": (
        "Synthetic memo on the Eastmere Review",
        "Synthetic. Northshire Police sent the Eastmere Review to the Department of Civic Affairs in 2009. "
        "The review described missing records in Eastmere.",
        "2010-03-01",
        "text/plain",
    ),
    "source:2222222222222222": (
        "Synthetic minutes of the Westbrook Trust",
        "Synthetic. The Westbrook Trust discussed allotments and the café budget. Nothing about the police.",
        "2015-06-01",
        "text/html",
    ),
    "source:3333333333333333": (
        "Synthetic letter on records",
        "Synthetic. The Department of Civic Affairs received the Eastmere Review and filed the records.",
        "2012-01-01",
        "text/plain",
    ),
}


def _source(source_id: str) -> Node:
    title, text, published, media = DOCS[source_id]
    props = {"sha256": source_id[7:] * 4, "text": text, "title": title, "published": published, "media_type": media}
    return Node(source_id, "Source", title, props=props)


def _bodies() -> list[Node]:
    return [
        Node(POLICE, "Agency", "Northshire Police"),
        Node(DEPARTMENT, "Agency", "Department of Civic Affairs"),
        Node(REVIEW, "Report", "Eastmere Review"),
    ]


def _claim(kind: str, a: str, b: str, source_id: str, phrase: str) -> Claim:
    text = DOCS[source_id][1]
    start = text.index(phrase)
    return Claim(kind, a, b, source_id, phrase, start, start + len(phrase), 0.9, "test")


def _load(store: GraphStore) -> None:
    one, two, three = DOCS
    store.upsert(
        Batch(
            [_source(one), *_bodies()],
            [_claim("SENT", POLICE, REVIEW, one, "Northshire Police sent the Eastmere Review")],
        )
    )
    store.upsert(Batch([_source(two)], []))
    store.upsert(
        Batch(
            [_source(three), *_bodies()],
            [_claim("RECEIVED", DEPARTMENT, REVIEW, three, "The Department of Civic Affairs received")],
        )
    )


def _ids(store: GraphStore, query: str, **filters) -> list[str]:
    return [h.source_id for h in search_for(store).search(query, SearchFilters(**filters))]


def test_words_phrases_and_prefixes_find_the_right_documents(store):
    _load(store)
    one, two, three = DOCS
    assert sorted(_ids(store, "eastmere review")) == [one, three]
    assert _ids(store, '"sent the eastmere review"') == [one]
    assert _ids(store, '"review sent"') == []  # a phrase keeps its order
    assert _ids(store, "allot*") == [two]
    assert _ids(store, "cafe") == [two]  # accents ignored on both engines
    assert _ids(store, "westbrook eastmere") == []  # every word must appear
    assert _ids(store, "minutes") == [two]  # the title is searched too


def test_snippets_mark_the_matches_at_their_offsets(store):
    _load(store)
    (hit,) = search_for(store).search('"civic affairs" filed')
    text = DOCS[hit.source_id][1]
    assert hit.title == "Synthetic letter on records" and hit.published == "2012-01-01"
    marked = [part for snippet in hit.snippets for part, is_match in snippet.parts if is_match]
    assert marked == ["Civic Affairs", "filed"]
    first = hit.snippets[0]
    assert text[first.start : first.end] == "Civic Affairs"
    assert "[Civic Affairs]" in first.plain() and "[filed]" in first.plain()


def test_filters_by_date_type_entity_and_claim_type(store):
    _load(store)
    one, two, three = DOCS
    assert sorted(_ids(store, "synthetic")) == sorted(DOCS)
    assert sorted(_ids(store, "synthetic", since="2011", until="2014")) == [three]
    assert sorted(_ids(store, "synthetic", until="2010-03")) == [one]  # to the end of that month
    assert _ids(store, "synthetic", media_types=("text/html",)) == [two]
    assert _ids(store, "synthetic", entity_ids=(POLICE,)) == [one]
    assert sorted(_ids(store, "synthetic", entity_ids=(REVIEW,))) == [one, three]
    assert _ids(store, "synthetic", claim_types=("RECEIVED",)) == [three]
    assert sorted(_ids(store, "synthetic", claim_types=("SENT", "RECEIVED"))) == [one, three]
    assert _ids(store, "synthetic", claim_types=("SENT",), since="2011") == []


def test_names_resolve_like_the_analysis_questions(store):
    _load(store)
    hits = ask_search(store, "review", entities=["northshire police"])
    assert [h.source_id for h in hits] == [next(iter(DOCS))]


def test_removed_source_is_no_longer_found_and_reloading_does_not_duplicate(store):
    _load(store)
    _load(store)  # idempotent: the same documents again
    one, _, three = DOCS
    assert sorted(_ids(store, "eastmere")) == [one, three]
    store.remove_source(one)
    assert _ids(store, "eastmere") == [three]
    assert _ids(store, "synthetic", entity_ids=(POLICE,)) == []


@pytest.mark.parametrize(
    "query",
    [
        'eastmere AND NOT "',
        "eastmere) OR (x",
        "title:eastmere",
        "eastmere^4 ~2 {a TO b}",
        "NEAR(eastmere review)",
        "-+&&||!",
    ],
)
def test_engine_syntax_in_a_query_is_read_as_words(store, query):
    _load(store)
    try:
        search_for(store).search(query)
    except SearchError as error:  # only a query without any word may be refused
        assert "nothing to search for" in str(error)


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"since": "yesterday"}, "since .yesterday. is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"until": "2002-13"}, "until .2002-13. is not a date"),
        ({"claim_types": ("SHOUTED",)}, "unknown claim type"),
    ],
)
def test_bad_filters_are_refused_in_one_line(filters, message):
    with pytest.raises(SearchError, match=message):
        SearchFilters(**filters)


def test_a_store_loaded_before_search_existed_is_indexed_on_first_search(tmp_path):
    folder = tmp_path / "kflow-data"
    with EmbeddedStore(folder) as store:
        _load(store)
    (folder / FILE_NAME).unlink()  # as a store written before the index existed
    for extra in folder.glob(FILE_NAME + "-*"):
        extra.unlink()
    with EmbeddedStore(folder, read_only=True) as store:
        assert sorted(_ids(store, "eastmere")) == sorted([*DOCS][0::2])
        assert _ids(store, "synthetic", claim_types=("SENT",)) == [next(iter(DOCS))]


def test_an_index_holding_a_removed_source_drops_its_hits_and_a_writer_rebuilds_it(tmp_path):
    folder = tmp_path / "kflow-data"
    with EmbeddedStore(folder) as store:
        _load(store)
    copy = (folder / FILE_NAME).read_bytes()
    with EmbeddedStore(folder) as store:
        store.remove_source(next(iter(DOCS)))
    (folder / FILE_NAME).write_bytes(copy)  # an index from before the removal
    for extra in folder.glob(FILE_NAME + "-*"):
        extra.unlink()
    with EmbeddedStore(folder, read_only=True) as store:  # a reader only drops the hit
        assert _ids(store, "eastmere") == [[*DOCS][2]]
        assert next(iter(DOCS)) in search_for(store)._index.source_ids()
    with EmbeddedStore(folder) as store:  # the writer's view is current: it rebuilds
        assert _ids(store, "eastmere") == [[*DOCS][2]]
        assert search_for(store)._index.source_ids() == {[*DOCS][1], [*DOCS][2]}


def test_bulk_columns_are_indexed_on_write(tmp_path):
    one = next(iter(DOCS))
    source = _source(one)
    nodes = pa.Table.from_pylist(
        [
            {
                "id": n.id,
                "label": n.label,
                "name": n.name,
                **{k: n.props.get(k) for k in ("title", "text", "published", "media_type", "sha256")},
            }
            for n in [source, *_bodies()]
        ]
    )
    claim = _claim("SENT", POLICE, REVIEW, one, "Northshire Police sent the Eastmere Review")
    claims = pa.Table.from_pylist(
        [
            {
                k: getattr(claim, k)
                for k in (
                    "type",
                    "from_id",
                    "to_id",
                    "source_id",
                    "sentence",
                    "char_start",
                    "char_end",
                    "confidence",
                    "extractor",
                )
            }
        ]
    )
    with EmbeddedStore(tmp_path / "kflow-data") as store:
        store.upsert_columns(nodes, claims)
        index_ids = search_for(store)._index.source_ids()  # indexed by the write, before any reconcile
        assert index_ids == {one}
        assert _ids(store, "eastmere", claim_types=("SENT",), entity_ids=(POLICE,)) == [one]

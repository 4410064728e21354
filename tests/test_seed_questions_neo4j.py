"""The seed article's three questions answered on Neo4j: seeds/ -> real text extractor -> Neo4jStore -> analysis.

The same answers as tests/test_seed_questions.py (embedded store), checked by its own assertions:
the answer-only checks are called as they are, and the two that read the store are run here on
Neo4j. Everything the checks need is read from the store inside the fixture, so later tests that
wipe the shared server cannot change it.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import tests.test_seed_questions as seed
from graph.analysis import document_date, first_knowledge, load_body_graph, load_flow_graph, resolve_in_store
from graph.embedded import EmbeddedStore
from graph.neo4j_store import Neo4jStore
from loaders.extract import default_extractor
from loaders.extract.base import NullExtractor
from loaders.pipeline import load_paths

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def extractor():
    found = default_extractor()
    assert not isinstance(found, NullExtractor), (
        "the text extractor is not available: default_extractor() returns NullExtractor"
    )
    return found


@pytest.fixture(scope="module")
def on_neo4j(neo4j_uri, extractor):
    with Neo4jStore.from_uri(neo4j_uri) as store:
        store.wipe()
        report = load_paths([seed.SEED_ARTICLE], store, extractor=extractor)
        assert report.count("loaded") == 1, [(f.path, f.reason) for f in report.files]
        [source] = store.sources()
        assert source.props["published"].startswith(str(seed.GOLD["source"]["published_year"]))
    with Neo4jStore.from_uri(neo4j_uri, read_only=True) as store:
        home_office = resolve_in_store(store, "home office")
        G = load_body_graph(store, home_office.id)
        known = first_knowledge(G, home_office.id, seed.TOPIC)
        jay = resolve_in_store(store, "Jay Report", ["Report"])
        return SimpleNamespace(
            answer=(G, known),
            text=store.get_node(known.claim.source_id).props["text"],
            jay=document_date(load_flow_graph(store, [jay.id], hops=1), jay.id),
        )


def test_home_office_first_knew_in_2002_and_the_answer_cites_its_sentence(on_neo4j):
    seed.test_home_office_first_knew_in_2002_and_the_answer_cites_its_sentence(on_neo4j.answer)


def test_university_of_luton_sent_it_and_had_been_commissioned_in_2001(on_neo4j):
    seed.test_university_of_luton_sent_it_and_had_been_commissioned_in_2001(on_neo4j.answer)


def test_first_knowledge_came_12_years_before_the_jay_report(on_neo4j):
    _, known = on_neo4j.answer
    start, _, text = on_neo4j.jay
    assert text == "2014"
    assert start.year - known.year == seed.GOLD["questions"][1]["answer_years"] == 12


def test_every_cited_sentence_is_in_the_article_at_its_offsets(on_neo4j):
    _, known = on_neo4j.answer
    claims = [known.claim, *known.supporting, *(h.claim for p in known.chain for h in p.hops)]
    assert len(claims) > 2
    for claim in claims:
        window = on_neo4j.text[max(claim.char_start - len(claim.sentence), 0) : claim.char_end + len(claim.sentence)]
        assert claim.sentence in window


def test_the_answer_is_the_embedded_store_answer(on_neo4j, extractor, tmp_path):
    with EmbeddedStore(tmp_path / "kflow-data") as store:
        load_paths([seed.SEED_ARTICLE], store, extractor=extractor)
        home_office = resolve_in_store(store, "home office")
        embedded = first_knowledge(load_body_graph(store, home_office.id), home_office.id, seed.TOPIC)
    _, known = on_neo4j.answer
    assert (
        known.claim == embedded.claim
        and known.date == embedded.date
        and known.independent_sources == embedded.independent_sources
    )
    assert sorted(c.id for c in known.supporting) == sorted(c.id for c in embedded.supporting)
    assert [[h.claim for h in p.hops] for p in known.chain] == [[h.claim for h in p.hops] for p in embedded.chain]

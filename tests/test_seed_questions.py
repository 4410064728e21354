"""The seed article's three questions, answered end to end: file -> extractor -> store -> analysis.

Gold: tests/gold/000_2642609051fa25c3.yaml (a real 2018 news article; its publication year
comes from the sidecar seeds/*.meta.yaml). This test needs the real text extractor: with the
null extractor it fails, it does not skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from graph.analysis import document_date, first_knowledge, load_body_graph, load_flow_graph, resolve_in_store
from graph.embedded import EmbeddedStore
from kflow.cli import main
from loaders.extract import default_extractor
from loaders.extract.base import NullExtractor
from loaders.pipeline import load_paths

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "seeds" / "000_2642609051fa25c3.txt"  # seeds/ also holds the GSA demo case
GOLD = yaml.safe_load((ROOT / "tests" / "gold" / "000_2642609051fa25c3.yaml").read_text(encoding="utf-8"))
TOPIC = "child sexual exploitation in Rotherham"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    extractor = default_extractor()
    assert not isinstance(extractor, NullExtractor), (
        "the text extractor is not available: default_extractor() returns NullExtractor"
    )
    path = tmp_path_factory.mktemp("seed") / "kflow-data"
    with EmbeddedStore(path) as store:
        report = load_paths([SEED_ARTICLE], store, extractor)
        assert report.count("loaded") == 1, [(f.path, f.reason) for f in report.files]
        [source] = store.sources()
        assert source.props["published"].startswith(str(GOLD["source"]["published_year"]))
    return path


@pytest.fixture(scope="module")
def answer(seeded):
    with EmbeddedStore(seeded, read_only=True) as store:
        home_office = resolve_in_store(store, "home office")
        G = load_body_graph(store, home_office.id)
        return G, first_knowledge(G, home_office.id, TOPIC)


def test_home_office_first_knew_in_2002_and_the_answer_cites_its_sentence(answer):
    G, known = answer
    question = GOLD["questions"][0]
    assert known.found and known.year == question["answer_year"] == 2002
    assert known.date == "2002"
    assert "the home office knew about child sexual exploitation in rotherham" in known.claim.sentence.lower()
    assert known.independent_sources == 1  # two sentences of one article: one independent source


def test_every_cited_sentence_is_in_the_article_at_its_offsets(seeded, answer):
    _, known = answer
    claims = [known.claim, *known.supporting, *(h.claim for p in known.chain for h in p.hops)]
    with EmbeddedStore(seeded, read_only=True) as store:
        text = store.get_node(known.claim.source_id).props["text"]
    for claim in claims:
        assert (
            claim.sentence
            in text[max(claim.char_start - len(claim.sentence), 0) : claim.char_end + len(claim.sentence)]
        )


def test_first_knowledge_came_12_years_before_the_jay_report(seeded, answer):
    _, known = answer
    with EmbeddedStore(seeded, read_only=True) as store:
        jay = resolve_in_store(store, "Jay Report", ["Report"])
        start, _, text = document_date(load_flow_graph(store, [jay.id], hops=1), jay.id)
    assert text == "2014"
    assert start.year - known.year == GOLD["questions"][1]["answer_years"] == 12


def test_university_of_luton_sent_it_and_had_been_commissioned_in_2001(answer):
    G, known = answer
    name = lambda node: G.nodes[node]["name"]  # noqa: E731
    hops = [hop for path in known.chain for hop in path.hops]
    sent = [h for h in hops if h.claim.type == "SENT" and name(h.source) == "University of Luton"]
    assert sent, f"no SENT hop from the University of Luton in {[(h.claim.type, h.source) for h in hops]}"
    assert "was sent to the Home Office by the University of Luton" in sent[0].claim.sentence
    assert sent[0].claim.date_start.startswith("2002")
    commissioned = [h for h in hops if h.claim.type == "COMMISSIONED" and name(h.target) == "University of Luton"]
    assert commissioned and name(commissioned[0].source) in ("Ministers", "Home Office")
    assert commissioned[0].claim.date_start.startswith("2001")
    assert "commissioned in 2001 by Ministers" in commissioned[0].claim.sentence
    expected = set(GOLD["questions"][2]["answer"])
    assert {
        name(sent[0].source),
        "Ministers" if name(commissioned[0].source) == "Home Office" else name(commissioned[0].source),
    } == expected


def test_cli_first_knowledge_on_the_seed(seeded):
    result = CliRunner().invoke(
        main,
        ["first-knowledge", "home office", "--topic", "child sexual exploitation", "--store", f"embedded:{seeded}"],
    )
    assert result.exit_code == 0, result.output
    assert "Home Office first knew about child sexual exploitation: 2002" in result.output
    assert "University of Luton" in result.output and "commissioned in 2001 by Ministers" in result.output

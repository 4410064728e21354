"""Source and information grades: the scheme as data, sidecar grades on load, hand grades kept as
records, answers filtered by a minimum grade and naming the weakest grade on a chain, on both
backends, through `kflow sync` and into RDF. The world is the FICTIONAL Northshire of
tests/test_analysis.py (synthetic sources only)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, RdfFormat, parse

from graph.analysis.graded import MinimumGradeError, knowledge_grade, path_grade
from graph.analysis.questions import ask_first_knowledge, ask_trace
from graph.embedded import EmbeddedStore
from graph.grades import grade_book, hand_grades, set_claim_grade, set_source_grade, source_grade
from graph.grading import DEFAULT_SCHEME_FILE, Grade, GradeError, load_scheme
from graph.model import Batch, Node
from graph.rdf.export import export_rdf
from graph.rdf.iris import DEFAULT_BASE, Minter
from graph.rdf.vocab import KFLOW_NS as KFLOW
from graph.sync import copy_graph
from kflow.cli import main
from loaders.readers.common import ReadError
from loaders.readers.registry import read_document
from tests.test_analysis import DCA, EASTMERE, POLICE, S1, S2, TOPIC, claims, nodes

UK_SCHEME = Path(__file__).resolve().parent.parent / "graph" / "grade_schemes" / "uk_3x5x2.yaml"


def graded_nodes() -> list[Node]:
    """The world with its two synthetic sources graded as their sidecars would: Gazette B2, Herald D."""
    grades = {S1: {"reliability": "B", "credibility": "2"}, S2: {"reliability": "D"}}
    return [replace(n, props={**n.props, **grades[n.id]}) if n.id in grades else n for n in nodes()]


def letter_received():
    return next(c for c in claims() if c.type == "RECEIVED" and c.to_id == "report:dca-letter")


@pytest.fixture
def world(store):
    store.upsert(Batch(graded_nodes(), claims()))
    return store


# -- the scheme --------------------------------------------------------------------------------


def test_the_admiralty_scheme_ranks_grades_and_reads_minimums():
    scheme = load_scheme()
    assert scheme.parse_minimum("b2") == Grade("B", "2")
    assert scheme.parse_minimum("C") == Grade("C", None) and scheme.parse_minimum("3") == Grade(None, "3")
    assert scheme.weakest([Grade("A", "2"), Grade("C", "1")]) == Grade("C", "2")
    assert scheme.weakest([Grade("A", "1"), Grade(None, None)]).code(scheme) == "F6"  # ungraded: cannot be judged
    assert scheme.meets(Grade("B", "3"), Grade("C", None)) and not scheme.meets(Grade("B", "3"), Grade("B", "2"))
    with pytest.raises(GradeError, match=r"'Z9' is not a grade of the Admiralty scheme"):
        scheme.parse_minimum("Z9")


def test_another_scheme_is_one_yaml_file(monkeypatch):
    monkeypatch.setenv("KFLOW_GRADES", str(UK_SCHEME))
    scheme = load_scheme()
    assert scheme.name == "UK 3x5x2" and list(scheme.grades["source"]) == ["1", "2", "3"]
    assert scheme.parse_minimum("1B") == Grade("1", "B")
    with pytest.raises(GradeError, match="use one of 1, 2, 3"):
        scheme.check("source", "A")


# -- grades on load ----------------------------------------------------------------------------


def test_a_sidecar_grades_its_document_and_a_bad_grade_fails_that_document(tmp_path):
    doc = tmp_path / "letter.txt"
    doc.write_text("Synthetic. The Department of Civic Affairs wrote to Northshire Police in 2004.\n")
    (tmp_path / "letter.txt.meta.yaml").write_text("title: A synthetic letter\nreliability: b\ncredibility: 3\n")
    document = read_document(doc)
    assert (document.reliability, document.credibility) == ("B", "3")
    (tmp_path / "letter.txt.meta.yaml").write_text("reliability: Q\n")
    with pytest.raises(ReadError, match=r"sidecar reliability: 'Q' is not a source grade of the Admiralty scheme"):
        read_document(doc)


def test_kflow_load_stores_the_sidecar_grades_on_the_source(tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text("Synthetic. In June 2004 the Department of Civic Affairs sent a letter to Northshire Police.\n")
    (tmp_path / "note.meta.yaml").write_text("reliability: C\ncredibility: 2\npublished: 2004-07-01\n")
    spec = f"embedded:{tmp_path / 'kflow-data'}"
    result = CliRunner().invoke(main, ["load", str(doc), "--store", spec])
    assert result.exit_code == 0, result.output
    with EmbeddedStore(tmp_path / "kflow-data", read_only=True) as store:
        (source,) = store.sources()
        assert (source.props["reliability"], source.props["credibility"]) == ("C", "2")
        assert source_grade(store, source.id) == Grade("C", "2")


# -- hand grades and answers -------------------------------------------------------------------


def test_hand_grades_win_over_the_sidecar_and_clearing_gives_it_back(world):
    letter = letter_received()
    set_claim_grade(world, letter.id, "4", by="Investigator A", why="a single hearsay line")
    set_source_grade(world, S2, "source", "a", by="Investigator A")
    book = grade_book(world)
    assert book.of_claim(letter) == Grade("B", "4")
    assert book.of_source(S2) == Grade("A", None)
    set_source_grade(world, S2, "source", None, by="Investigator B", why="withdrawn")
    assert grade_book(world).of_source(S2) == Grade("D", None)
    assert [r.body["who"] for r in hand_grades(world)] == ["Investigator A", "Investigator A", "Investigator B"]
    with pytest.raises(GradeError, match="'Z' is not an information grade of the Admiralty scheme"):
        set_claim_grade(world, letter.id, "Z", by="x")
    with pytest.raises(GradeError, match="no claim 'claim:nothing'"):
        set_claim_grade(world, "claim:nothing", "2", by="x")
    with pytest.raises(GradeError, match="no Source"):
        set_source_grade(world, DCA, "source", "A", by="x")


def test_a_minimum_grade_changes_the_trace_and_the_answer_names_the_weakest_grade(world):
    set_claim_grade(world, letter_received().id, "4", by="Investigator A")
    everything = ask_trace(world, EASTMERE, POLICE)
    assert len(everything.result) == 1
    assert path_grade(everything.graph, everything.result[0]) == "B4"
    assert len(ask_trace(world, EASTMERE, POLICE, min_grade="B4").result) == 1
    assert ask_trace(world, EASTMERE, POLICE, min_grade="3").result == []  # the letter's receipt is only 4
    with pytest.raises(MinimumGradeError, match="'9Q' is not a grade"):
        ask_trace(world, EASTMERE, POLICE, min_grade="9Q")


def test_a_minimum_grade_changes_first_knowledge(world):
    first = ask_first_knowledge(world, DCA)
    assert first.result.claim.type == "COMMISSIONED" and first.result.claim.source_id == S1
    assert knowledge_grade(first.graph, first.result) == "B2"
    set_source_grade(world, S2, "source", "A", by="Investigator A")
    set_source_grade(world, S2, "information", "1", by="Investigator A")
    best = ask_first_knowledge(world, DCA, min_grade="A1")
    assert (best.result.claim.type, best.result.claim.source_id) == ("RECEIVED", S2)  # only the Herald is A1
    assert best.result.claim.date_precision == "month" and knowledge_grade(best.graph, best.result) == "A1"
    about_topic = ask_first_knowledge(world, DCA, TOPIC, min_grade="A1")
    assert not about_topic.result.found  # the study's topic rests on the Gazette (B2) alone


# -- the CLI -----------------------------------------------------------------------------------


def test_the_cli_grades_and_filters(tmp_path, monkeypatch):
    monkeypatch.setenv("KFLOW_GRADES", str(DEFAULT_SCHEME_FILE))  # --grades below sets it for the process
    path = tmp_path / "kflow-data"
    with EmbeddedStore(path) as store:
        store.upsert(Batch(graded_nodes(), claims()))
    spec = f"embedded:{path}"
    runner = CliRunner()
    done = runner.invoke(main, ["grade", "claim", letter_received().id, "4", "--by", "A. Analyst", "--store", spec])
    assert done.exit_code == 0 and "information grade 4 by A. Analyst" in done.output
    bad = runner.invoke(main, ["grade", "source", S1, "K", "--by", "A. Analyst", "--store", spec])
    assert bad.exit_code == 1 and "'K' is not a source grade of the Admiralty scheme" in bad.output
    traced = runner.invoke(main, ["trace", "University of Eastmere", "Northshire Police", "--json", "--store", spec])
    assert json.loads(traced.output)["weakest_grades"] == ["B4"]
    strict = runner.invoke(
        main, ["trace", "University of Eastmere", "Northshire Police", "--min-grade", "B3", "--json", "--store", spec]
    )
    assert json.loads(strict.output)["paths"] == []
    text = runner.invoke(main, ["first-knowledge", "Department of Civic Affairs", "--store", spec])
    assert "weakest grade on the chain:" in text.output
    history = runner.invoke(main, ["grade", "history", "--json", "--store", spec])
    assert [(h["target"], h["grade"], h["who"]) for h in json.loads(history.output)] == [
        (letter_received().id, "4", "A. Analyst")
    ]
    uk = runner.invoke(main, ["grade", "source", S1, "1", "--grades", str(UK_SCHEME), "--by", "A", "--store", spec])
    assert uk.exit_code == 0, uk.output


# -- sync and RDF ------------------------------------------------------------------------------


@pytest.mark.neo4j
def test_grades_survive_sync_to_neo4j_and_filter_there_alike(tmp_path, neo4j_store):
    with EmbeddedStore(tmp_path / "kflow-data") as embedded:
        embedded.upsert(Batch(graded_nodes(), claims()))
        set_claim_grade(embedded, letter_received().id, "4", by="Investigator A")
        set_source_grade(embedded, S2, "source", "A", by="Investigator A")
        result = copy_graph(embedded, neo4j_store)
        assert result.records == 2
        for store in (embedded, neo4j_store):
            assert grade_book(store).of_claim(letter_received()) == Grade("B", "4")
            assert source_grade(store, S2) == Grade("A", None)
            assert ask_trace(store, EASTMERE, POLICE, min_grade="3").result == []
        assert copy_graph(embedded, neo4j_store).records == 2  # a rerun rewrites the same records
        assert len(hand_grades(neo4j_store)) == 2


def test_rdf_carries_source_and_claim_grades(world, tmp_path):
    set_claim_grade(world, letter_received().id, "4", by="Investigator A")
    set_source_grade(world, S2, "source", "A", by="Investigator A")
    out = tmp_path / "graph.ttl"
    with out.open("wb") as handle:
        export_rdf(world, handle)
    triples = {(str(t.subject), str(t.predicate), t.object) for t in parse(out.read_bytes(), RdfFormat.TURTLE)}

    def iri(node_id: str) -> str:
        return str(Minter(DEFAULT_BASE).node(node_id))

    assert (iri(S1), f"<{KFLOW}reliability>", Literal("B")) in triples
    assert (iri(S1), f"<{KFLOW}credibility>", Literal("2")) in triples
    assert (iri(S2), f"<{KFLOW}reliability>", Literal("A")) in triples  # the hand grade, not the sidecar's D
    assert (iri(letter_received().id), f"<{KFLOW}credibility>", Literal("4")) in triples


def test_the_app_trace_takes_a_minimum_grade(world):
    from dashboards.trace import trace

    set_claim_grade(world, letter_received().id, "4", by="Investigator A")
    assert len(trace(world, EASTMERE, POLICE).flows) == 1
    assert trace(world, EASTMERE, POLICE, min_grade="2").flows == []

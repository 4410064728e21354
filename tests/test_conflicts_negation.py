"""Issue 18: a claim and a source's denial of it are a conflict naming both sentences and sources, in
the CLI, the report and the RDF export; denials are never facts to any other question; stores
written before claims had a polarity still open; gaps and brokers take a minimum grade.

tests/fixtures/negation/ holds two synthetic documents (fictional bodies): minutes saying the
Northshire Council received the Harbour Safety Review in 2014, and a statement that it never did.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import ladybug
import pyshacl
import pytest
import rdflib
from click.testing import CliRunner

from graph.analysis.evidence import claim_dict
from graph.analysis.questions import ask_brokers, ask_facts, ask_first_knowledge, ask_gaps, ask_timeline, ask_trace
from graph.embedded import EmbeddedStore
from graph.grades import set_source_grade
from graph.model import Batch, Claim, ModelError, Node
from graph.rdf import export_rdf, shapes_turtle
from graph.rdf.vocab import KFLOW_NS
from graph.report.build import body_chronology
from graph.report.markdown import render_markdown
from graph.schema import SCHEMA
from graph.sync import copy_graph
from kflow.cli import main
from loaders.extract import default_extractor
from loaders.pipeline import load_paths
from tests.test_analysis import DCA, S1, S2, claims
from tests.test_grades import graded_nodes
from tests.test_rdf_interop import jena_classpath, jena_failures  # noqa: F401 - jena_classpath is a fixture

ROOT = Path(__file__).resolve().parent.parent
NEGATION = ROOT / "tests" / "fixtures" / "negation"
RECEIVED_2014 = "The Northshire Council received the Harbour Safety Review in 2014."
NEVER = "The Northshire Council never received the Harbour Safety Review."
KF = rdflib.Namespace(KFLOW_NS)
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
COUNCIL, REVIEW, POLICE = "agency:northshire-council", "report:harbour-safety-review", "agency:northshire-police"
A, B = "source:minutes-synthetic", "source:statement-synthetic"


@pytest.fixture(scope="module")
def negation_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("negation") / "kflow-data"
    with EmbeddedStore(path) as store:
        report = load_paths([NEGATION], store, default_extractor())
        assert not report.failed, [(f.path, f.reason) for f in report.failed]
    return path


# -- extraction ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The Northshire Council received the Harbour Safety Review in 2014.", ("RECEIVED", "asserted")),
        ("The Northshire Council never received the Harbour Safety Review.", ("RECEIVED", "negated")),
        ("The Department of Civic Affairs denied receiving the Harbour Safety Review.", ("RECEIVED", "negated")),
        ("The Northshire Council did not know about the flooding risk.", ("KNEW_ABOUT", "negated")),
        ("The Northshire Council was not aware of the flooding risk.", ("KNEW_ABOUT", "negated")),
        ("The Northshire Council may not have received the Harbour Safety Review.", None),  # hedged
        ("The Northshire Council might have received the Harbour Safety Review.", None),  # modal
        ("Did the Northshire Council receive the Harbour Safety Review?", None),  # asked
        ("The Northshire Council did not say that it received the Harbour Safety Review.", None),  # not a denial
        ("The Department of Civic Affairs did not deny receiving the Harbour Safety Review.", None),  # two negations
    ],
)
def test_only_plain_denials_are_kept_as_negated_claims(tmp_path, sentence, expected):
    from loaders.readers.registry import read_document

    path = tmp_path / "synthetic.txt"
    path.write_text(f"Synthetic note (fictional bodies).\n\n{sentence}\n", encoding="utf-8")
    found = [(c.type, c.polarity) for c in default_extractor().extract(read_document(path)).claims]
    found = [f for f in found if f[0] != "MENTIONS"]
    assert found == ([expected] if expected else [])


def test_a_denial_of_the_same_span_is_another_claim_and_polarity_is_checked():
    said = dict(type="RECEIVED", from_id=COUNCIL, to_id=REVIEW, source_id=A, sentence=NEVER, char_start=0)
    asserted = Claim(**said, char_end=10, confidence=0.9, extractor="test")
    negated = Claim(**said, char_end=10, confidence=0.9, extractor="test", polarity="negated")
    assert asserted.polarity == "asserted" and negated.negated and asserted.id != negated.id
    assert Claim(**said, char_end=10, confidence=0.9, extractor="test", polarity=None).id == asserted.id
    with pytest.raises(ModelError, match="polarity: 'maybe'; expected one of asserted, negated"):
        Claim(**said, char_end=10, confidence=0.9, extractor="test", polarity="maybe")


def test_json_claims_say_whether_they_are_denials_and_where_their_date_came_from():
    said = dict(type="RECEIVED", from_id=COUNCIL, to_id=REVIEW, source_id=A, sentence=NEVER, char_start=0)
    negated = Claim(**said, char_end=10, confidence=0.9, extractor="test", polarity="negated", date_text="2014")
    shown = claim_dict(negated)
    assert shown["polarity"] == "negated" and shown["date_text"] == "2014"
    assert claim_dict(Claim(**said, char_end=10, confidence=0.9, extractor="test"))["polarity"] == "asserted"


# -- the synthetic documents, end to end -----------------------------------------------------------


def test_the_cli_flags_the_denial_naming_both_sentences_and_sources(negation_store):
    spec = f"embedded:{negation_store}"
    text = CliRunner().invoke(main, ["conflicts", "--store", spec])
    assert text.exit_code == 0, text.output
    assert "Sources disagree on whether Northshire Council received Harbour Safety Review" in text.output
    assert RECEIVED_2014[:60] in text.output and NEVER[:60] in text.output
    as_json = json.loads(CliRunner().invoke(main, ["conflicts", "--json", "--store", spec]).output)
    [fact] = [f for f in as_json if f["type"] == "RECEIVED"]
    assert fact["conflicting"] and fact["denied"]
    assert [c["quote"] for c in fact["denials"]] == [NEVER]
    assert [c["quote"] for r in fact["readings"] for c in r["claims"]] == [RECEIVED_2014]
    sources = {c["source_id"] for c in fact["denials"]} | set(fact["readings"][0]["sources"])
    assert len(sources) == 2


def test_the_report_names_both_sentences_and_the_sidecar_publisher(negation_store):
    with EmbeddedStore(negation_store, read_only=True) as store:
        chronology = body_chronology(store, "Northshire Council")
    [conflict] = chronology.conflicts
    assert [side for side, _ in conflict.readings] == ["2014", "denied"]
    assert [[q.text for q in quotes] for _, quotes in conflict.readings] == [[RECEIVED_2014], [NEVER]]
    markdown = render_markdown(chronology)
    assert "## Conflicting evidence" in markdown and f"“{NEVER}”" in markdown
    assert "Northshire Council Democratic Services, 10 February 2015." in markdown  # the minutes' sidecar publisher
    assert [e.date for e in chronology.events] == ["2014"]  # the denial is no event


def test_denials_are_no_fact_to_timeline_first_knowledge_or_trace(negation_store):
    with EmbeddedStore(negation_store, read_only=True) as store:
        stored = store.claims()
        assert {c.sentence for c in stored if c.negated} >= {
            NEVER,
            "The Northshire Council did not know about the flooding risk.",
        }
        timeline = ask_timeline(store).result
        assert timeline and not any(e.claim.negated for e in timeline)
        knowledge = ask_first_knowledge(store, "Northshire Council", "flooding risk").result
        assert not knowledge.found  # only a denial speaks of it


def _claim(kind, a, b, source, sentence, year=None, polarity="asserted", at=0) -> Claim:
    dates = (f"{year}-01-01", f"{year}-12-31", "year") if year else (None, None, None)
    return Claim(kind, a, b, source, sentence, at, at + len(sentence), 0.9, "test", *dates, polarity=polarity)


def _world(denied_only: bool) -> Batch:
    nodes = [
        Node(COUNCIL, "Agency", "Northshire Council"),
        Node(POLICE, "Agency", "Northshire Police"),
        Node(REVIEW, "Report", "Harbour Safety Review"),
        Node(A, "Source", "Synthetic minutes"),
        Node(B, "Source", "Synthetic statement"),
    ]
    found = [
        _claim("SENT", POLICE, REVIEW, A, "Northshire Police sent the Harbour Safety Review in 2014.", 2014),
        _claim("RECEIVED", COUNCIL, REVIEW, B, NEVER, polarity="negated"),
    ]
    if not denied_only:
        found.append(_claim("RECEIVED", COUNCIL, REVIEW, A, RECEIVED_2014, 2014, at=100))
    return Batch(nodes, found)


def test_on_both_backends_a_denial_is_stored_and_stays_out_of_trace(store):
    store.upsert(_world(denied_only=True))
    [denial] = [c for c in store.claims() if c.type == "RECEIVED"]
    assert denial.negated and denial.sentence == NEVER  # the polarity survives the round trip
    assert ask_trace(store, "Northshire Police", "Northshire Council").result == []
    assert ask_facts(store).result == [] or not any(f.conflicting for f in ask_facts(store).result)
    store.upsert(_world(denied_only=False))
    assert len(ask_trace(store, "Northshire Police", "Northshire Council").result) == 1
    [fact] = [f for f in ask_facts(store).result if f.type == "RECEIVED"]
    assert fact.denied and [c.sentence for c in fact.denials] == [NEVER]


@pytest.mark.neo4j
def test_a_denial_survives_sync_to_neo4j(tmp_path, neo4j_store):
    with EmbeddedStore(tmp_path / "kflow-data") as embedded:
        embedded.upsert(_world(denied_only=False))
        copy_graph(embedded, neo4j_store)
    [fact] = [f for f in ask_facts(neo4j_store).result if f.type == "RECEIVED"]
    assert fact.denied and [c.sentence for c in fact.denials] == [NEVER]


# -- RDF -------------------------------------------------------------------------------------------


def _rdf(store) -> rdflib.Graph:
    out = io.BytesIO()
    export_rdf(store, out, "turtle")
    return rdflib.Graph().parse(data=out.getvalue(), format="turtle")


def test_rdf_has_the_conflict_with_both_claims_and_sources_and_no_direct_triple_for_the_denial(negation_store):
    with EmbeddedStore(negation_store, read_only=True) as store:
        graph = _rdf(store)
        sources = {s.id for s in store.sources()}
    [conflict] = [
        c
        for c in graph.subjects(rdflib.RDF.type, KF.Conflict)
        if graph.value(c, KF.edgeType) == rdflib.Literal("RECEIVED")
    ]
    readings = list(graph.objects(conflict, KF.reading))
    by_polarity = {str(graph.value(r, KF.polarity)): r for r in readings}
    assert set(by_polarity) == {"asserted", "negated"}
    sentences = {
        polarity: {str(graph.value(c, KF.sentence)) for c in graph.objects(r, KF.claim)}
        for polarity, r in by_polarity.items()
    }
    assert sentences == {"asserted": {RECEIVED_2014}, "negated": {NEVER}}
    derived = {str(graph.value(r, PROV.wasDerivedFrom)).rsplit("/", 1)[-1] for r in readings}
    assert {f"source:{d}" for d in derived} == sources
    [denial] = [
        c
        for c in graph.subjects(KF.sentence, rdflib.Literal(NEVER))
        if graph.value(c, KF.edgeType) == rdflib.Literal("RECEIVED")
    ]
    assert graph.value(denial, KF.polarity) == rdflib.Literal("negated")
    council, review = (graph.value(denial, KF.subject), graph.value(denial, KF.object))
    received = [t for t in graph.triples((council, None, review)) if t[1] != KF.subject]
    assert len(received) == 1  # the minutes' direct triple, none for the denial


def test_the_conflict_validates_with_pyshacl_and_jena(negation_store, jena_classpath, tmp_path):  # noqa: F811
    with EmbeddedStore(negation_store, read_only=True) as store:
        graph = _rdf(store)
    shapes = rdflib.Graph().parse(data=shapes_turtle(), format="turtle")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    assert conforms, text
    assert jena_failures(jena_classpath, graph, tmp_path) == (True, set())
    broken = graph
    for conflict in list(broken.subjects(rdflib.RDF.type, KF.Conflict)):
        for reading in list(broken.objects(conflict, KF.reading))[1:]:
            broken.remove((conflict, KF.reading, reading))
    conforms, failures = jena_failures(jena_classpath, broken, tmp_path)
    assert not conforms and any(path == KFLOW_NS + "reading" for _, path in failures)


# -- stores written before claims had a polarity ---------------------------------------------------


def test_an_embedded_store_without_the_polarity_column_opens_and_migrates(tmp_path):
    path = tmp_path / "kflow-data"
    with EmbeddedStore(path) as store:
        store.upsert(Batch(graded_nodes(), claims()))
    database = ladybug.Database(str(path / "graph.lbdb"))
    connection = ladybug.Connection(database)
    for edge in SCHEMA.edges:
        connection.execute(f"ALTER TABLE {edge} DROP polarity")  # as a store written before polarity was
    connection.close()
    database.close()
    with EmbeddedStore(path, read_only=True) as old:
        stored = old.claims()
        assert len(stored) == len(claims()) and all(c.polarity == "asserted" for c in stored)
        assert len(ask_trace(old, "University of Eastmere", "Northshire Police").result) == 1
    with EmbeddedStore(path) as store:  # a writable open adds the column
        denial = _claim(
            "RECEIVED",
            DCA,
            "report:eastmere-study",
            S2,
            "The Department never received the study.",
            polarity="negated",
            at=900,
        )
        store.upsert(Batch([], [denial]))
        assert [c.id for c in store.claims() if c.negated] == [denial.id]


@pytest.mark.neo4j
def test_neo4j_claims_without_polarity_read_as_asserted(neo4j_store):
    neo4j_store.upsert(Batch(graded_nodes(), claims()))
    with neo4j_store._driver.session() as session:  # as a database written before polarity was
        session.run("MATCH ()-[r]->() REMOVE r.polarity").consume()
    stored = neo4j_store.claims()
    assert len(stored) == len(claims()) and all(c.polarity == "asserted" for c in stored)


# -- a minimum grade for gaps and brokers ------------------------------------------------------------


def test_gaps_and_brokers_take_a_minimum_grade(store):
    store.upsert(Batch(graded_nodes(), claims()))  # the Gazette is B2, the Herald D
    assert ask_brokers(store) == ask_brokers(store, min_grade="B")
    assert ask_brokers(store) and ask_brokers(store, min_grade="A") == []
    everyone = {g.body for g in ask_gaps(store).result.gaps}
    assert everyone and {g.body for g in ask_gaps(store, min_grade="A").result.gaps} == set()
    set_source_grade(store, S2, "source", "A", by="Investigator A")
    set_source_grade(store, S2, "information", "1", by="Investigator A")
    [herald] = ask_gaps(store, min_grade="A1").result.gaps
    assert (
        herald.body == DCA
        and herald.knowledge.source_id == S2
        and ask_gaps(store).result.gaps[0].knowledge.source_id == S1
    )


def test_gaps_and_brokers_cli_take_min_grade(tmp_path):
    path = tmp_path / "kflow-data"
    with EmbeddedStore(path) as store:
        store.upsert(Batch(graded_nodes(), claims()))
    spec = f"embedded:{path}"
    runner = CliRunner()
    brokers = json.loads(runner.invoke(main, ["brokers", "--json", "--store", spec]).output)
    strict = json.loads(runner.invoke(main, ["brokers", "--min-grade", "A", "--json", "--store", spec]).output)
    assert brokers and strict == []
    gaps = json.loads(runner.invoke(main, ["gaps", "--json", "--store", spec]).output)
    strict_gaps = json.loads(runner.invoke(main, ["gaps", "--min-grade", "A", "--json", "--store", spec]).output)
    assert gaps["acted"] + gaps["silences"] and strict_gaps["acted"] + strict_gaps["silences"] == []
    bad = runner.invoke(main, ["gaps", "--min-grade", "9Q", "--store", spec])
    assert bad.exit_code != 0 and "'9Q' is not a grade" in bad.output


def test_a_sidecar_publisher_reaches_the_source_node():
    from loaders.pipeline import source_node
    from loaders.readers.registry import read_document

    seed = ROOT / "seeds" / "gsa_conference_2012" / "03_gsa_statement_on_ig_report.txt"
    assert source_node(read_document(seed)).props["publisher"] == "U.S. General Services Administration"
    assert "publisher" not in source_node(read_document(ROOT / "seeds" / "000_2642609051fa25c3.txt")).props

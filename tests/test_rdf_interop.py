"""Issue 17, the RDF export as other tools read it: authorship in PROV and Dublin Core terms, shapes
that refuse a claim about a node the export does not describe (checked by pyshacl and by Apache
Jena SHACL 5.x from Maven Central, which must agree on a set of broken graphs), dates on every
dated claim, one statement per direct triple, and first knowledge in SPARQL as the CLI answers it.
All data is synthetic (the fictional Westbrook graph)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.namespace import DCTERMS

from graph.analysis.questions import ask_first_knowledge
from graph.model import Claim
from graph.neo4j_server import fetch_maven_jars
from graph.rdf import DEFAULT_BASE, export_rdf, shapes_turtle
from graph.rdf.queries import first_knowledge_query
from graph.rdf.vocab import KFLOW_NS
from tests.conftest import IN_CI, PROJECT_ROOT
from tests.rdf_fixtures import SOURCE, westbrook_batch

KF = rdflib.Namespace(KFLOW_NS)
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
JENA = PROJECT_ROOT / "tests" / "jena"
UNIVERSITY = rdflib.URIRef(DEFAULT_BASE + "agency/university-of-westbrook")
REPORT = rdflib.URIRef(DEFAULT_BASE + "report/westbrook-2009")
TOPIC = rdflib.URIRef(DEFAULT_BASE + "topic/flood-risk-in-eastmere")


@pytest.fixture
def westbrook(embedded_store):
    embedded_store.upsert(westbrook_batch())
    return embedded_store


def export(store, format: str = "turtle") -> bytes:
    out = io.BytesIO()
    export_rdf(store, out, format)
    return out.getvalue()


def graph_of(data: bytes, format: str = "turtle") -> rdflib.Graph:
    return rdflib.Graph().parse(data=data, format=format)


def test_authorship_is_also_prov_attribution_and_dcterms_creator(embedded_store):
    batch = westbrook_batch()
    sent = next(c for c in batch.claims if c.type == "SENT")
    authored = Claim(
        "AUTHORED", sent.from_id, sent.to_id, SOURCE, sent.sentence, sent.char_start, sent.char_end, 0.9, "test"
    )
    batch.claims.append(authored)
    embedded_store.upsert(batch)
    graph = graph_of(export(embedded_store))
    assert (REPORT, PROV.wasAttributedTo, UNIVERSITY) in graph
    assert (REPORT, DCTERMS.creator, UNIVERSITY) in graph


def test_a_claim_dated_by_one_day_has_both_bounds(embedded_store):
    batch = westbrook_batch()
    sent = next(c for c in batch.claims if c.type == "SENT")
    sent.date_start, sent.date_end, sent.date_precision = "2009-03-04", None, "day"  # as e-mail headers give it
    embedded_store.upsert(batch)
    graph = graph_of(export(embedded_store))
    claim = next(graph.subjects(KF.edgeType, rdflib.Literal("SENT")))
    assert {str(graph.value(claim, KF.dateStart)), str(graph.value(claim, KF.dateEnd))} == {"2009-03-04"}


def test_a_direct_triple_supported_twice_is_one_statement(embedded_store):
    batch = westbrook_batch()
    sent = next(c for c in batch.claims if c.type == "SENT")
    again = Claim(
        "SENT", sent.from_id, sent.to_id, SOURCE, sent.sentence[:20], sent.char_start, sent.char_start + 20, 0.4, "test"
    )
    batch.claims.append(again)
    embedded_store.upsert(batch)
    out = io.BytesIO()
    stats = export_rdf(embedded_store, out, "nt")
    lines = [line for line in out.getvalue().decode().splitlines() if line.strip()]
    assert stats.triples == len(lines) == len(set(lines))  # no statement written or counted twice
    sent_predicate = f"<{KFLOW_NS}sent>"
    assert sum(1 for line in lines if line.startswith(f"<{UNIVERSITY}> {sent_predicate} ")) == 1
    trig = rdflib.Dataset().parse(data=export(embedded_store, "trig"), format="trig")
    assert len([q for q in trig.quads((UNIVERSITY, KF.sent, None, None))]) == 1


def test_first_knowledge_in_sparql_is_the_clis_answer_when_intervals_overlap(embedded_store):
    """A long interval that starts first but ends last must lose to a short later one, as in the CLI."""
    batch = westbrook_batch()
    for claim in batch.claims:
        if claim.type == "SENT":
            claim.date_start, claim.date_end, claim.date_precision = "2009-01-01", "2009-12-31", "year"
        if claim.type == "RECEIVED":
            claim.date_start, claim.date_end, claim.date_precision = "2009-03-04", "2009-03-04", "day"
        if claim.type == "KNEW_ABOUT":
            claim.date_start, claim.date_end, claim.date_precision = "2008-01-01", "2010-12-31", "decade"
    embedded_store.upsert(batch)
    cli = ask_first_knowledge(embedded_store, "Department of Civic Affairs", "flood risk in Eastmere").result
    (row,) = list(
        graph_of(export(embedded_store)).query(
            first_knowledge_query("Department of Civic Affairs", "flood risk in Eastmere")
        )
    )
    assert str(row.sentence) == cli.claim.sentence
    assert (str(row.date), str(row.dateEnd)) == (cli.claim.date_start, cli.claim.date_end)


# -- shapes, by two validators ------------------------------------------------------------------


def _claim(graph: rdflib.Graph, edge: str = "SENT") -> rdflib.URIRef:
    return next(graph.subjects(KF.edgeType, rdflib.Literal(edge)))


def _drop_node(graph: rdflib.Graph, node: rdflib.URIRef) -> None:
    graph.remove((node, None, None))


BREAKAGES = {
    "valid": lambda g: None,
    "subject node missing": lambda g: _drop_node(g, UNIVERSITY),
    "object node missing": lambda g: _drop_node(g, REPORT),
    "topic missing": lambda g: _drop_node(g, TOPIC),  # ends of claims with no activity shape
    "confidence out of range": lambda g: g.set((_claim(g), KF.confidence, rdflib.Literal(1.5))),
    "no sentence": lambda g: g.remove((_claim(g), KF.sentence, None)),
    "start after end": lambda g: g.set(
        (_claim(g), KF.dateStart, rdflib.Literal("2011-01-01", datatype=rdflib.XSD.date))
    ),
    "not derived from a source": lambda g: g.remove((_claim(g), PROV.wasDerivedFrom, None)),
    "bad sha256": lambda g: g.set(
        (
            rdflib.URIRef(DEFAULT_BASE + "source/synthetic-westbrook"),
            rdflib.URIRef("https://schema.org/sha256"),
            rdflib.Literal("xyz"),
        )
    ),
}


def _broken(westbrook, name: str) -> rdflib.Graph:
    graph = graph_of(export(westbrook))
    BREAKAGES[name](graph)
    return graph


def pyshacl_failures(graph: rdflib.Graph) -> tuple[bool, set[tuple[str, str]]]:
    shapes = rdflib.Graph().parse(data=shapes_turtle(), format="turtle")
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    failures = {
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath) or "-"))
        for r in report.objects(None, SH.result)  # top-level results, as Jena lists them (not sh:detail)
    }
    return conforms, failures


@pytest.mark.parametrize("name", [n for n in BREAKAGES if n != "valid"])
def test_pyshacl_refuses_each_broken_graph(westbrook, name):
    conforms, failures = pyshacl_failures(_broken(westbrook, name))
    assert not conforms and failures


def test_a_claim_about_a_node_the_export_lacks_is_refused_on_its_end(westbrook):
    conforms, failures = pyshacl_failures(_broken(westbrook, "topic missing"))
    assert not conforms and KFLOW_NS + "object" in {path for _, path in failures}


def test_pyshacl_accepts_the_export(westbrook):
    assert pyshacl_failures(_broken(westbrook, "valid")) == (True, set())


@pytest.fixture(scope="module")
def jena_classpath() -> str:
    if not (shutil.which("java") and shutil.which("mvn")) and not IN_CI:
        pytest.skip("Jena needs java and mvn (Maven Central)")
    try:
        return f"{fetch_maven_jars(JENA, 'jena-shacl-*.jar', 'Apache Jena')}/*"
    except RuntimeError as error:
        pytest.fail(f"could not assemble Apache Jena from Maven Central: {error}", pytrace=False)


def jena_failures(classpath: str, graph: rdflib.Graph, tmp_path: Path) -> tuple[bool, set[tuple[str, str]]]:
    data, shapes = tmp_path / "data.ttl", tmp_path / "shapes.ttl"
    graph.serialize(data, format="turtle")
    shapes.write_text(shapes_turtle(), encoding="utf-8")
    run = subprocess.run(
        ["java", "-cp", classpath, str(JENA / "ShaclValidate.java"), str(shapes), str(data)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    first, *rest = run.stdout.splitlines()
    return first == "conforms=true", {tuple(line.split(" ", 1)) for line in rest}


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_jena_shacl_and_pyshacl_agree(westbrook, jena_classpath, tmp_path, name):
    graph = _broken(westbrook, name)
    assert jena_failures(jena_classpath, graph, tmp_path) == pyshacl_failures(graph)


def test_claims_read_from_e_mail_and_registers_carry_both_bounds(tmp_path):
    """At the source too: a day from an e-mail header, a month from a register row (issue 17)."""
    from loaders.readers.registry import read_document

    mail = tmp_path / "memo.eml"
    mail.write_text(
        "From: Jo Marsh <jo@civic-affairs.example>\nTo: Northshire Police <desk@northshire.example>\n"
        "Subject: Eastmere review\nDate: Tue, 04 Mar 2009 10:00:00 +0000\n\nSynthetic note.\n"
    )
    register = tmp_path / "register.csv"
    register.write_text(
        "date,from,to,document\n2009-05,Northshire Police,Department of Civic Affairs,Eastmere Review\n"
    )
    dated = [c for path in (mail, register) for c in read_document(path).structured.claims if c.date_start]
    assert dated and all(c.date_end for c in dated)
    assert {(c.date_start, c.date_end) for c in dated} >= {("2009-03-04", "2009-03-04"), ("2009-05-01", "2009-05-31")}

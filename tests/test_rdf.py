"""RDF export: parses everywhere, conforms to the shapes, answers the investigator's question,
round-trips counts, dates and evidence, escapes literals, mints valid IRIs. Data: the SYNTHETIC
Westbrook graph (fictional bodies) from tests/rdf_fixtures.py."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
import rdflib.collection
import rdflib.compare
from click.testing import CliRunner
from rdflib.namespace import DCTERMS, RDF, RDFS

from graph.embedded import EmbeddedStore
from graph.rdf import DEFAULT_BASE, FORMATS, ExportError, Minter, export_rdf, shapes_turtle, vocabulary_turtle
from graph.rdf.iris import IriError
from graph.rdf.queries import first_knowledge_query
from graph.rdf.vocab import EDGE_PREDICATES, KFLOW_NS
from graph.schema import SCHEMA
from kflow.cli import main
from tests.rdf_fixtures import SOURCE_TEXT, westbrook_batch

KF = rdflib.Namespace(KFLOW_NS)
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "n10s-star": ox.RdfFormat.TURTLE,
}


@pytest.fixture
def westbrook(embedded_store):
    embedded_store.upsert(westbrook_batch())
    return embedded_store


def export(store, format: str = "turtle", **options) -> bytes:
    out = io.BytesIO()
    export_rdf(store, out, format, **options)
    return out.getvalue()


def parse(data: bytes, format: str = "turtle") -> rdflib.Graph:
    if format == "trig":
        dataset = rdflib.Dataset()
        dataset.parse(data=data, format="trig")
        graph = rdflib.Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    return rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[format])


def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(data=shapes_turtle(), format="turtle")


@pytest.mark.parametrize("format", ["turtle", "nt", "jsonld", "trig"])
def test_every_format_parses_with_rdflib_and_pyoxigraph_to_the_same_triples(westbrook, format):
    data = export(westbrook, format)
    graph = parse(data, format)
    reference = parse(export(westbrook, "nt"), "nt")
    assert rdflib.compare.isomorphic(graph, reference)
    parsed = list(ox.parse(data, OX_FORMATS[format]))
    assert len({(q.subject, q.predicate, q.object) for q in parsed}) == len(reference)


def test_export_conforms_to_the_shapes(westbrook):
    conforms, _, text = pyshacl.validate(parse(export(westbrook)), shacl_graph=shapes(), inference="none")
    assert conforms, text


@pytest.mark.parametrize(
    "breakage, message",
    [
        (
            lambda g, c: (g.remove((c, KF.confidence, None)), g.add((c, KF.confidence, rdflib.Literal(1.5)))),
            "confidence",
        ),
        (lambda g, c: g.add((c, KF.subject, rdflib.URIRef(DEFAULT_BASE + "agency/second"))), "exactly one subject"),
        (lambda g, c: g.remove((c, KF.sentence, None)), "evidence sentence"),
        (
            lambda g, c: (g.remove((c, KF.dateStart, None)), g.add((c, KF.dateStart, rdflib.Literal("2009")))),
            "xsd:date",
        ),
        (lambda g, c: g.remove((c, PROV.wasDerivedFrom, None)), "kflow:Source"),
    ],
)
def test_shapes_reject_a_broken_claim_with_a_readable_message(westbrook, breakage, message):
    graph = parse(export(westbrook))
    claim = next(graph.subjects(KF.edgeType, rdflib.Literal("SENT")))
    breakage(graph, claim)
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes(), inference="none")
    assert not conforms
    assert message in text


def test_sparql_answers_when_the_department_first_received_information_about_the_topic(westbrook):
    data = export(westbrook)
    query = first_knowledge_query("Department of Civic Affairs", "flood risk in Eastmere")
    (row,) = list(parse(data).query(query))
    assert str(row.date) == "2009-01-01" and str(row.precision) == "year"
    assert str(row.sentence).startswith("An unpublished 2009 report by the University of Westbrook was sent")
    assert str(row.source) == DEFAULT_BASE + "source/synthetic-westbrook"
    store = ox.Store()
    store.load(data, ox.RdfFormat.TURTLE)
    (solution,) = list(store.query(query))
    assert solution["date"].value == "2009-01-01" and solution["sentence"].value == str(row.sentence)


def test_sparql_finds_first_knowledge_from_a_direct_knew_about_claim(embedded_store):
    batch = westbrook_batch()
    batch.claims = [c for c in batch.claims if c.type != "CONCERNS"]
    embedded_store.upsert(batch)
    query = first_knowledge_query("DCA", "Flood Risk in Eastmere")
    (row,) = list(parse(export(embedded_store)).query(query))
    assert str(row.date) == "2010-01-01" and str(row.relation) == KFLOW_NS + "knewAbout"
    assert str(row.sentence) == 'The Department of Civic Affairs knew about "flood risk in Eastmere" from 2010.'


def test_round_trip_keeps_node_and_claim_counts_dates_and_evidence(westbrook):
    graph = parse(export(westbrook, "nt"), "nt")
    counts = westbrook.counts()
    assert len(set(graph.subjects(DCTERMS.identifier, None))) == counts.total_nodes
    assert len(set(graph.subjects(RDF.type, KF.Claim))) == counts.total_claims
    mint = Minter()
    for claim in westbrook.claims():
        iri = rdflib.URIRef(mint.node(claim.id).value)
        assert str(graph.value(iri, KF.sentence)) == claim.sentence
        assert graph.value(iri, KF.charStart).toPython() == claim.char_start
        assert graph.value(iri, KF.charEnd).toPython() == claim.char_end
        assert graph.value(iri, KF.confidence).toPython() == claim.confidence
        assert str(graph.value(iri, KF.edgeType)) == claim.type
        assert _opt(graph.value(iri, KF.dateStart)) == claim.date_start
        assert _opt(graph.value(iri, KF.dateEnd)) == claim.date_end
        assert SOURCE_TEXT[claim.char_start : claim.char_end] == claim.sentence


def _opt(value):
    return None if value is None else str(value)


@pytest.mark.parametrize("format", ["turtle", "nt", "jsonld", "trig"])
def test_literals_with_quotes_newlines_non_ascii_and_markup_survive(westbrook, format):
    graph = parse(export(westbrook, format), format)
    sentences = {str(o) for o in graph.objects(None, KF.sentence)}
    tricky = "Jo Marsh, <script>alert('x')</script> chief clerk at the Department of Civic Affairs, said: \u201cwe read it\u201d.\n"
    assert tricky in sentences
    titles = {str(o) for o in graph.objects(None, DCTERMS.title)}
    assert 'Report on "flood risk"\nin Eastmere' in titles
    assert "Odd Body \u00e4" in {str(o) for o in graph.objects(None, RDFS.label)}


def test_iris_are_stable_valid_and_percent_encode_odd_ids():
    mint = Minter("https://data.example.org/kf/")
    assert mint.node("agency:home-office").value == "https://data.example.org/kf/agency/home-office"
    assert mint.node("claim:0123abcd").value == "https://data.example.org/kf/claim/0123abcd"
    odd = mint.node("agency:odd id/\u00e4?#x").value
    assert odd == "https://data.example.org/kf/agency/odd%20id%2F%C3%A4%3F%23x"
    assert mint.node("agency:a b").value != mint.node("agency:a%20b").value
    rdflib.Graph().parse(data=f'<{odd}> <http://e.org/p> "1" .', format="nt")


@pytest.mark.parametrize("base", ["kflow/id/", "https://example.org/id", "https://exa mple.org/"])
def test_a_bad_base_iri_is_refused_with_a_message_naming_it(westbrook, base):
    with pytest.raises(ExportError, match="--base"):
        export(westbrook, base=base)
    with pytest.raises(IriError):
        Minter(base)


def test_export_uses_the_configured_base(westbrook):
    graph = parse(export(westbrook, base="urn:kflow:test/"))
    assert (
        rdflib.URIRef("urn:kflow:test/agency/university-of-westbrook"),
        KF.sent,
        rdflib.URIRef("urn:kflow:test/report/westbrook-2009"),
    ) in graph


def test_source_text_is_left_out_unless_asked_for(westbrook):
    schema_text = rdflib.URIRef("https://schema.org/text")
    source = rdflib.URIRef(DEFAULT_BASE + "source/synthetic-westbrook")
    assert parse(export(westbrook)).value(source, schema_text) is None
    assert str(parse(export(westbrook, include_text=True)).value(source, schema_text)) == SOURCE_TEXT
    assert b"<neo4j://graph.schema#text>" not in export(westbrook, "n10s-star")
    assert b"<neo4j://graph.schema#text>" in export(westbrook, "n10s-star", include_text=True)


def test_direct_triples_and_prov_activity_for_a_sending(westbrook):
    graph = parse(export(westbrook))
    uni, report = (rdflib.URIRef(DEFAULT_BASE + p) for p in ("agency/university-of-westbrook", "report/westbrook-2009"))
    assert (uni, KF.sent, report) in graph
    (activity,) = graph.subjects(RDF.type, KF.Sending)
    assert graph.value(activity, PROV.used) == report and graph.value(activity, PROV.wasAssociatedWith) == uni
    association = graph.value(activity, PROV.qualifiedAssociation)
    assert graph.value(association, PROV.agent) == uni and graph.value(association, PROV.hadRole) == KF.sender
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    person, dca = (
        rdflib.URIRef(DEFAULT_BASE + "person/jo-marsh"),
        rdflib.URIRef(DEFAULT_BASE + "agency/department-of-civic-affairs"),
    )
    assert (person, org.memberOf, dca) in graph
    (membership,) = graph.subjects(RDF.type, org.Membership)
    assert str(graph.value(graph.value(membership, org.role), RDFS.label)) == "chief clerk"


def test_trig_puts_each_claim_in_the_named_graph_of_its_source(westbrook):
    dataset = rdflib.Dataset()
    dataset.parse(data=export(westbrook, "trig"), format="trig")
    named = dataset.graph(rdflib.URIRef(DEFAULT_BASE + "source/synthetic-westbrook"))
    assert len(set(named.subjects(RDF.type, KF.Claim))) == 7
    assert (None, KF.sentence, None) not in dataset.default_graph


def test_streaming_in_small_batches_gives_the_same_export(westbrook):
    whole, batched = io.BytesIO(), io.BytesIO()
    export_rdf(westbrook, whole, "nt")
    stats = export_rdf(westbrook, batched, "nt", batch_size=2)
    assert batched.getvalue() == whole.getvalue()
    assert (stats.nodes, stats.claims) == (7, 7) and stats.triples == len(whole.getvalue().splitlines())


def test_n10s_star_annotates_each_relationship_with_its_claim_properties(westbrook):
    data = export(westbrook, "n10s-star")
    store = ox.Store()
    store.load(data, ox.RdfFormat.TURTLE)  # pyoxigraph reads << s p o >> as an RDF 1.2 reifier
    rows = list(
        store.query("""
        PREFIX n4: <neo4j://graph.schema#>
        SELECT ?sentence ?date WHERE {
          ?a n4:SENT ?b ; n4:name "University of Westbrook" .
          ?r1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies> <<( ?a n4:SENT ?b )>> ; n4:sentence ?sentence .
          ?r2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies> <<( ?a n4:SENT ?b )>> ; n4:date_start ?date }""")
    )
    assert len(rows) == 1 and rows[0]["date"].value == "2009-01-01"
    assert rows[0]["sentence"].value.startswith("An unpublished 2009 report")
    assert b"<neo4j://graph.schema#Agency>" in data


def test_every_kflow_term_in_an_export_is_declared_with_a_label_and_comment(westbrook):
    vocabulary = rdflib.Graph().parse(data=vocabulary_turtle(), format="turtle")
    used = {
        t
        for triple in parse(export(westbrook))
        for t in triple
        if isinstance(t, rdflib.URIRef) and str(t).startswith(KFLOW_NS)
    }
    used |= {rdflib.URIRef(p.value) for p in EDGE_PREDICATES.values() if p.value.startswith(KFLOW_NS)}
    for term in used:
        assert vocabulary.value(term, RDFS.label) is not None, f"{term} has no rdfs:label in the vocabulary"
        assert vocabulary.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment in the vocabulary"


def test_every_schema_edge_type_has_a_mapping_and_a_shape_value():
    assert set(EDGE_PREDICATES) == set(SCHEMA.edges)
    assert _shape_edge_types() == set(SCHEMA.edges)


def _shape_edge_types() -> set[str]:
    graph = shapes()
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    for prop in graph.subjects(sh.path, KF.edgeType):
        if graph.value(prop, sh["in"]) is not None:  # the claim's; a conflict's edge type has no list of its own
            return {str(v) for v in rdflib.collection.Collection(graph, graph.value(prop, sh["in"]))}
    return set()


def test_unknown_format_is_refused(westbrook):
    with pytest.raises(ExportError, match="unknown RDF format 'rdfxml'"):
        export(westbrook, "rdfxml")
    assert "n10s-star" in FORMATS


def test_cli_export_writes_a_file_that_parses(tmp_path):
    path = tmp_path / "kflow-data"
    with EmbeddedStore(path) as store:
        store.upsert(westbrook_batch())
    out = tmp_path / "graph.nt"
    result = CliRunner().invoke(main, ["export", "--store", f"embedded:{path}", "--format", "nt", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "7 nodes and 7 claims" in result.output
    graph = rdflib.Graph().parse(out, format="nt")
    assert len(set(graph.subjects(RDF.type, KF.Claim))) == 7
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".graph.nt")]


def test_cli_export_to_stdout_and_clear_errors(tmp_path):
    path = tmp_path / "kflow-data"
    with EmbeddedStore(path) as store:
        store.upsert(westbrook_batch())
    ok = CliRunner().invoke(main, ["export", "--store", f"embedded:{path}", "-f", "turtle"])
    assert ok.exit_code == 0 and "kflow:sent" in ok.stdout
    bad = CliRunner().invoke(main, ["export", "--store", f"embedded:{path}", "--base", "not-an-iri"])
    assert bad.exit_code == 1 and "--base 'not-an-iri'" in bad.output
    missing = CliRunner().invoke(
        main, ["export", "--store", f"embedded:{tmp_path / 'none'}", "-o", str(tmp_path / "x.ttl")]
    )
    assert missing.exit_code == 1 and "no kflow store" in missing.output


@pytest.mark.parametrize("format", ["turtle", "nt", "jsonld", "trig", "n10s-star"])
def test_control_characters_backslashes_and_astral_characters_round_trip(format):
    from graph.model import Claim, Node
    from graph.rdf import write_rdf

    nasty = 'tab\there \\ back "q" \x00nul \x0bvt \r\n \u2028 \U0001f600 </script>'
    nodes = [
        Node("source:s", "Source", "S", props={"sha256": "a" * 64}),
        Node("topic:t", "Topic", nasty),
        Node("agency:a", "Agency", "Synthetic Agency"),
    ]
    claims = [Claim("KNEW_ABOUT", "agency:a", "topic:t", "source:s", nasty, 0, 5, 0.5, "test")]
    out = io.BytesIO()
    write_rdf(nodes, claims, out, format, Minter())
    values = {q.object.value for q in ox.parse(out.getvalue(), OX_FORMATS[format]) if isinstance(q.object, ox.Literal)}
    assert nasty in values
    if format != "n10s-star":
        assert nasty in {str(o) for o in parse(out.getvalue(), format).objects(None, KF.sentence)}

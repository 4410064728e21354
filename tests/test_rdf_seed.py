"""The real seed through the whole chain: load with the default extractor, export RDF, ask SPARQL
"when did the Home Office first receive information about child sexual exploitation in
Rotherham?". Fails (does not skip) while the extractor finds nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.rdf import export_rdf
from graph.rdf.queries import first_knowledge_query
from loaders.extract import default_extractor
from loaders.pipeline import load_paths

SEED_ARTICLE = Path(__file__).resolve().parent.parent / "seeds" / "000_2642609051fa25c3.txt"


@pytest.fixture
def seed_export(embedded_store) -> tuple[bytes, str]:
    report = load_paths([SEED_ARTICLE], embedded_store, default_extractor())
    assert not report.failed, [f.reason for f in report.failed]
    out = io.BytesIO()
    export_rdf(embedded_store, out, "turtle")
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    return out.getvalue(), text


def test_seed_export_answers_when_the_home_office_first_learnt_of_cse_in_rotherham(seed_export):
    data, seed_text = seed_export
    store = ox.Store()
    store.load(data, ox.RdfFormat.TURTLE)
    query = first_knowledge_query("Home Office", "child sexual exploitation in Rotherham")
    rows = list(store.query(query))
    assert rows, (
        "no dated claim links the Home Office to child sexual exploitation in Rotherham (is the extractor ready?)"
    )
    (row,) = rows
    assert row["date"].value.startswith("2002"), f"first knowledge dated {row['date'].value}, expected 2002"
    sentence = row["sentence"].value
    assert sentence.strip() and sentence in seed_text, "the evidence must be a verbatim sentence of the seed"
    assert "Home Office" in sentence


def test_seed_export_conforms_to_the_shapes(seed_export):
    import pyshacl
    import rdflib

    from graph.rdf import shapes_turtle

    data, _ = seed_export
    graph = rdflib.Graph().parse(data=data, format="turtle")
    conforms, _, text = pyshacl.validate(
        graph, shacl_graph=rdflib.Graph().parse(data=shapes_turtle(), format="turtle"), inference="none"
    )
    assert conforms, text

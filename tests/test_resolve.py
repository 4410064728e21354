"""Entity resolution: gazetteer names, acronyms, surnames, context nouns, fuzzy limits, cross-document ids.
Bodies named here are FICTIONAL except gazetteer entries, which are real UK bodies listed as data."""

from __future__ import annotations

import pytest

from graph.model import Batch, Node
from loaders.extract.gazetteer import GazetteerError, load_gazetteer
from loaders.extract.rules import RuleExtractor
from loaders.resolve import DocumentContext, Resolver, define_acronyms
from tests.extract_helpers import edges, run


@pytest.fixture(scope="session")
def extractor():
    return RuleExtractor()


@pytest.fixture
def resolver():
    return Resolver(load_gazetteer())


def test_gazetteer_names_and_aliases_share_one_canonical_node(resolver):
    ctx = DocumentContext()
    assert resolver.agency("the Home Office", ctx).id == resolver.agency("Home Office", ctx).id == "agency:home-office"
    council = resolver.agency("Rotherham Borough Council", ctx)
    assert council.name == "Rotherham Metropolitan Borough Council"
    assert "Rotherham Council" in council.aliases


def test_acronyms_match_case_sensitively_only(resolver):
    ctx = DocumentContext()
    assert resolver.agency("DfE", ctx).name == "Department for Education"
    assert resolver.agency("dfe", ctx).name == "dfe"


def test_defined_acronym_resolves_to_its_long_form(resolver):
    ctx = DocumentContext(acronyms=define_acronyms("The Eastmere Housing Trust (EHT) objected."))
    assert ctx.acronyms == {"EHT": "Eastmere Housing Trust"}
    assert resolver.agency("EHT", ctx).name == "Eastmere Housing Trust"


def test_schwartz_hearst_rejects_parenthesised_non_acronyms():
    assert define_acronyms("It was reported in 2002 (see above) by the council.") == {}


def test_fuzzy_matches_long_names_only(resolver):
    ctx = DocumentContext()
    assert resolver.agency("Universty of Sheffield", ctx).name == "University of Sheffield"
    assert resolver.agency("NSPC", ctx).name == "NSPC"  # short: never fuzzy
    assert resolver.agency("University of Sheffingham", ctx).name == "University of Sheffingham"


def test_fuzzy_needs_a_shared_distinctive_word(resolver):
    ctx = DocumentContext()
    assert resolver.agency("Northshire County Council", ctx).name == "Northshire County Council"


def test_fuzzy_never_bridges_a_different_linking_word(resolver):
    """Another country's body with one small word changed is another body, not a misspelling."""
    ctx = DocumentContext()
    assert resolver.agency("Department of Education", ctx).name == "Department of Education"
    assert (
        resolver.agency("Department for Work and Pension", ctx).name == "Department for Work and Pensions"
    )  # spelling
    assert resolver.agency("Department of Work and Pensions", ctx).name == "Department for Work and Pensions"  # alias


def test_title_and_surname_is_the_documents_full_name(extractor):
    x = run(extractor, "Jane Fenwick led the Westmere Trust. Ms Fenwick wrote a report in 2015.")
    assert ("Jane Fenwick", "report") in edges(x, "AUTHORED")
    assert [n.name for n in x.nodes if n.label == "Person"] == ["Jane Fenwick"]


def test_ambiguous_surname_links_to_nobody(extractor):
    x = run(extractor, "Jane Fenwick and Paul Fenwick met. Mr Fenwick wrote a report in 2015.")
    assert ("Mr Fenwick", "report") in edges(x, "AUTHORED")


def test_the_council_is_the_named_council_of_the_place(extractor):
    x = run(
        extractor,
        "Eastmere Borough Council met in Eastmere. Eastmere families said the council received a letter in 2011.",
    )
    assert ("Eastmere Borough Council", "letter") in edges(x, "RECEIVED")


def test_the_local_authority_is_the_gazetteer_council_of_the_place(extractor):
    x = run(
        extractor,
        "Families in Sheffield complained. The local authority received a petition in 2012. Sheffield residents waited.",
    )
    received = [c for c in x.claims if c.type == "RECEIVED"]
    assert received and received[0].to_id.startswith("report:")
    assert received[0].from_id == "agency:sheffield-city-council"


def test_the_force_needs_a_force_named_in_the_text(extractor):
    named = run(extractor, "Northshire Police works in Northshire. In 2010 the force received a dossier.")
    assert ("Northshire Police", "dossier") in edges(named, "RECEIVED")
    unnamed = run(extractor, "In 2010 the force received a dossier about Eastmere.")
    assert not edges(unnamed, "RECEIVED")


def test_ministers_resolve_to_the_department_the_text_is_about(extractor):
    x = run(
        extractor,
        "The Department of Civic Affairs held the files. The Department of Civic Affairs was criticised. "
        "The study was commissioned by Ministers in 2003.",
    )
    assert ("Department of Civic Affairs", "study") in edges(x, "COMMISSIONED")


def test_same_canonical_id_across_documents(extractor):
    first = run(extractor, "In 2004 the Home Office received a letter from Northshire Police.")
    second = run(extractor, "THE Home Office knew about the backlog of cases in 2006.")
    ids = [{n.id for n in x.nodes if n.name == "Home Office"} for x in (first, second)]
    assert ids[0] == ids[1] == {"agency:home-office"}
    assert {n.id for n in first.nodes if n.name == "Northshire Police"} == {"agency:northshire-police"}


def test_store_lends_names_learned_from_earlier_documents(embedded_store):
    from tests.extract_helpers import document

    doc = document("Placeholder.")
    embedded_store.upsert(
        Batch(
            [
                Node(doc.source_id, "Source", "earlier"),
                Node("agency:eastmere-housing-trust", "Agency", "Eastmere Housing Trust", ["EHT"], {"kind": "trust"}),
            ]
        )
    )
    resolver = Resolver(load_gazetteer(), embedded_store)
    assert resolver.agency("EHT", DocumentContext()).id == "agency:eastmere-housing-trust"
    assert Resolver(load_gazetteer()).agency("EHT", DocumentContext()).id == "agency:eht"


def test_gazetteer_rejects_duplicate_names(tmp_path):
    (tmp_path / "a.yaml").write_text(
        "kind: x\nbodies:\n  - {name: Eastmere Trust}\n  - {name: Westmere Trust, aliases: [Eastmere Trust]}\n"
    )
    with pytest.raises(GazetteerError, match="a.yaml: name 'Eastmere Trust'"):
        load_gazetteer(tmp_path)


def test_gazetteer_rejects_role_with_unknown_body(tmp_path):
    (tmp_path / "r.yaml").write_text("roles:\n  - {phrase: Chief Eastmerer, body: Eastmere Office}\n")
    with pytest.raises(GazetteerError, match="Chief Eastmerer"):
        load_gazetteer(tmp_path)

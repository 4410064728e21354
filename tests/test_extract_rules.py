"""Relation rules on SYNTHETIC sentences about FICTIONAL bodies (Northshire Police, University of
Eastmere, Department of Civic Affairs, Westmere Trust ...), one pattern per test."""

from __future__ import annotations

import pytest

from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import claim, edges, node, run


@pytest.fixture(scope="session")
def extractor():
    return RuleExtractor()


def test_active_send_gives_sent_and_received_with_month_date(extractor):
    x = run(extractor, "In March 2015, Northshire Police sent the review to the Department of Civic Affairs.")
    sent = claim(x, "SENT", "Northshire Police", "review")
    received = claim(x, "RECEIVED", "Department of Civic Affairs", "review")
    assert (sent.date_start, sent.date_end, sent.date_precision) == ("2015-03-01", "2015-03-31", "month")
    assert received.date_start == "2015-03-01"
    assert sent.confidence >= 0.85


def test_passive_send_with_agent(extractor):
    x = run(extractor, "The audit was sent to Eastmere Borough Council by the Westmere Trust in 2009.")
    assert claim(x, "SENT", "Westmere Trust", "audit").date_start == "2009-01-01"
    assert claim(x, "RECEIVED", "Eastmere Borough Council", "audit").date_end == "2009-12-31"


def test_relative_clause_commissioned_by(extractor):
    x = run(
        extractor,
        "The letter was forwarded by the University of Eastmere, which was commissioned in 2004 "
        "by the Department of Civic Affairs to study youth services.",
    )
    commissioned = claim(x, "COMMISSIONED", "Department of Civic Affairs", "University of Eastmere")
    assert commissioned.date_start[:4] == "2004"
    assert ("University of Eastmere", "letter") in edges(x, "SENT")


def test_participle_commissioned_by(extractor):
    x = run(extractor, "An evaluation, commissioned by the Westmere Trust in 2012, was published last year.")
    assert claim(x, "COMMISSIONED", "Westmere Trust", "evaluation").date_start == "2012-01-01"


def test_coordinated_subjects_give_one_claim_each(extractor):
    x = run(extractor, "The Department of Civic Affairs and Northshire Police received the report in 2011.")
    assert {("Department of Civic Affairs", "report"), ("Northshire Police", "report")} <= edges(x, "RECEIVED")


def test_received_from_gives_the_sender(extractor):
    x = run(extractor, "Northshire Police received a dossier from the Westmere Trust in 2010.")
    assert ("Northshire Police", "dossier") in edges(x, "RECEIVED")
    assert ("Westmere Trust", "dossier") in edges(x, "SENT")


def test_title_before_name_gives_role_and_membership(extractor):
    x = run(extractor, "Westmere Trust chief executive Jane Fenwick said the figures were wrong.")
    person = node(x, "Person", "Jane Fenwick")
    assert person.props["role"] == "Westmere Trust chief executive"
    assert claim(x, "MEMBER_OF", "Jane Fenwick", "Westmere Trust").role == "chief executive"


def test_apposition_gives_role_and_membership(extractor):
    x = run(extractor, "Jane Fenwick, director of the Westmere Trust, said the figures were wrong.")
    assert "director" in node(x, "Person", "Jane Fenwick").props["role"]
    assert ("Jane Fenwick", "Westmere Trust") in edges(x, "MEMBER_OF")


def test_role_word_maps_to_its_institution(extractor):
    x = run(extractor, "Home Secretary Tom Ashby said lessons had been learned.")
    assert claim(x, "MEMBER_OF", "Tom Ashby", "Home Office").role == "Home Secretary"


def test_honorific_and_post_nominals_are_stripped(extractor):
    x = run(extractor, "Barrister Jane Fenwick QC wrote the report in 2016. Ms Fenwick said it was thorough.")
    person = node(x, "Person", "Jane Fenwick")
    assert "Jane Fenwick QC" in person.aliases and person.props["role"] == "Barrister"
    assert claim(x, "AUTHORED", "Jane Fenwick", "report").date_start == "2016-01-01"
    assert not [n for n in x.nodes if n.label == "Person" and n.name != "Jane Fenwick"]


def test_unnamed_report_is_named_by_modifiers_and_dated(extractor):
    x = run(
        extractor,
        "One unpublished report from 2003 described the failures. "
        "It was sent to the Department of Civic Affairs by Northshire Police.",
    )
    report = node(x, "Report", "unpublished 2003 report")
    assert report.props["date_start"] == "2003-01-01" and report.props["published"] is False
    sent = claim(x, "SENT", "Northshire Police", "unpublished 2003 report")
    # a pronoun reaching back and a date borrowed from the report: below an outright claim, above the lead threshold
    assert sent.date_start == "2003-01-01" and 0.5 < sent.confidence < 0.8
    assert ("Department of Civic Affairs", "unpublished 2003 report") in edges(x, "RECEIVED")


def test_named_report_is_global_and_unnamed_one_is_scoped_to_its_source(extractor):
    first = run(extractor, "The Fenwick Report was published by the Westmere Trust in 2014.")
    second = run(extractor, "Northshire Police said the Fenwick Report was late. An independent review followed.")
    third = run(extractor, "Eastmere Borough Council said an independent review was needed.")
    fenwick = {n.id for x in (first, second) for n in x.nodes if n.name == "Fenwick Report"}
    assert len(fenwick) == 1
    assert claim(first, "PUBLISHED", "Westmere Trust", "Fenwick Report").date_start == "2014-01-01"
    reviews = {n.id for x in (second, third) for n in x.nodes if n.name == "independent review"}
    assert len(reviews) == 2


def test_possessive_report_is_authored_by_the_speakers(extractor):
    x = run(
        extractor,
        "An independent review into youth services was completed. "
        "Jane Fenwick and Tom Ashby said in their report that staff were overstretched.",
    )
    assert {("Jane Fenwick", "independent review"), ("Tom Ashby", "independent review")} <= edges(x, "AUTHORED")


def test_knowledge_statement_with_topic_and_start_date(extractor):
    x = run(extractor, "The Department of Civic Affairs knew about child neglect in Eastmere from 2006.")
    knew = claim(x, "KNEW_ABOUT", "Department of Civic Affairs", "child neglect in Eastmere")
    assert knew.date_start == "2006-01-01"


def test_relative_date_resolves_against_publication(extractor):
    x = run(
        extractor,
        "Northshire Police knew about the missing files 12 years ago.",
        published="2018-01-01",
        precision="year",
    )
    knew = claim(x, "KNEW_ABOUT", "Northshire Police", "missing files")
    assert (knew.date_start, knew.date_precision) == ("2006-01-01", "year")


def test_knowledge_noun_with_coordinated_holders_and_anaphoric_topic(extractor):
    x = run(
        extractor,
        "Eastmere Borough Council knew about child neglect in Eastmere. "
        "The review highlights the knowledge of the local authority and Northshire Police of the abuse.",
    )
    knew = edges(x, "KNEW_ABOUT")
    assert ("Northshire Police", "child neglect in Eastmere") in knew
    local = [c for c in x.claims if c.type == "KNEW_ABOUT" and "knowledge" in c.sentence]
    assert {c.from_id for c in local} >= {"agency:eastmere-borough-council", "agency:northshire-police"}


def test_warning_gives_knowledge_to_both_sides(extractor):
    x = run(extractor, "In 2007 the Westmere Trust warned the Department of Civic Affairs about youth homelessness.")
    assert {("Westmere Trust", "youth homelessness"), ("Department of Civic Affairs", "youth homelessness")} <= edges(
        x, "KNEW_ABOUT"
    )


def test_aware_of(extractor):
    x = run(extractor, "Northshire Police was aware of the grooming of girls in 2009.")
    assert claim(x, "KNEW_ABOUT", "Northshire Police", "grooming of girls").date_start == "2009-01-01"


def test_archive_holding_is_knowledge_of_the_document(extractor):
    x = run(
        extractor, "A memo from 2001, which was found in the Department of Civic Affairs archives, named the suspects."
    )
    assert ("Department of Civic Affairs", "2001 memo") in edges(x, "KNEW_ABOUT")


@pytest.mark.parametrize(
    "text",
    [
        "There was no evidence that Northshire Police knew about the fraud.",
        "Northshire Police did not receive the report.",
        "Northshire Police may have known about the fraud.",
        "Northshire Police denied that it knew about the fraud.",
        "If Northshire Police had received the report, it would have acted.",
        "Did Northshire Police know about the fraud?",
    ],
)
def test_negated_and_hedged_statements_make_no_claims(extractor, text):
    """No asserted claim; a plain denial ("did not receive", "denied that it knew") is kept as a
    negated claim, which no analysis uses as a fact (docs/report.md, Denials)."""
    x = run(extractor, text)
    found = [c for c in x.claims if c.type not in ("MENTIONS",)]
    assert not [c for c in found if not c.negated], [(c.type, c.sentence) for c in x.claims]
    denial = text in (
        "Northshire Police did not receive the report.",
        "Northshire Police denied that it knew about the fraud.",
    )
    assert bool(found) == denial, [(c.type, c.polarity) for c in found]


def test_defined_acronym_is_the_same_body(extractor):
    x = run(
        extractor,
        "The Department of Civic Affairs (DCA) commissioned a review in 2013. The DCA received the review in 2014.",
    )
    agencies = [n for n in x.nodes if n.label == "Agency"]
    assert [a.name for a in agencies] == ["Department of Civic Affairs"]
    assert "DCA" in agencies[0].aliases
    assert ("Department of Civic Affairs", "review") in edges(x, "RECEIVED")


def test_he_refers_to_the_last_person(extractor):
    x = run(extractor, "Tom Ashby joined the Westmere Trust in 2001. He wrote a report on youth services in 2003.")
    assert claim(x, "AUTHORED", "Tom Ashby", "report on youth services").confidence < 0.9  # below an outright claim


def test_evidence_page_for_paged_documents(extractor):
    from tests.extract_helpers import document

    text = "Page one has nothing.\n\nIn 2015, Northshire Police sent the review to the Westmere Trust."
    doc = document(text)
    doc.page_starts = [0, 23]
    x = extractor.extract(doc)
    assert {c.page for c in x.claims if c.type == "SENT"} == {2}


def test_report_own_date_is_not_the_sending_date(extractor):
    x = run(extractor, "The 2002 report was sent to Northshire Police in 2005.")
    received = claim(x, "RECEIVED", "Northshire Police", "2002 report")
    assert received.date_start == "2005-01-01"


def test_officials_at_a_body_stand_for_the_body(extractor):
    x = run(extractor, "Officials at the Department of Civic Affairs were told about the allegations in 2008.")
    knew = claim(x, "KNEW_ABOUT", "Department of Civic Affairs", "allegations")
    assert knew.date_start == "2008-01-01" and knew.confidence <= 0.75


def test_alerted_to_a_topic(extractor):
    x = run(extractor, "Northshire Police was first alerted to the abuse of girls in Eastmere in 2003.")
    assert claim(x, "KNEW_ABOUT", "Northshire Police", "abuse of girls in Eastmere").date_start == "2003-01-01"


def test_commissioned_body_is_the_author_of_what_it_was_asked_to_produce(extractor):
    x = run(
        extractor, "Northshire Police commissioned the University of Eastmere to produce a report on gangs in 2010."
    )
    assert ("Northshire Police", "University of Eastmere") in edges(x, "COMMISSIONED")
    assert edges(x, "AUTHORED") == {("University of Eastmere", "report on gangs")}


def test_person_of_a_body_is_a_member(extractor):
    x = run(
        extractor,
        "The memo, written by Dr Anna Kerr of the University of Eastmere, was submitted to the Westmere Trust in 2013.",
    )
    assert ("Anna Kerr", "University of Eastmere") in edges(x, "MEMBER_OF")
    assert ("Anna Kerr", "memo") in edges(x, "AUTHORED")
    assert claim(x, "RECEIVED", "Westmere Trust", "memo").date_start == "2013-01-01"


def test_counted_plural_documents_are_one_report_node(extractor):
    x = run(extractor, "The Department of Civic Affairs had been sent three letters by the Westmere Trust.")
    assert ("Department of Civic Affairs", "three letters") in edges(x, "RECEIVED")
    assert ("Westmere Trust", "three letters") in edges(x, "SENT")

"""Documents named only by a noun phrase with their parties in it (loaders/extract/fronted_reports.py,
loaders/extract/framed_documents.py). SYNTHETIC text about FICTIONAL bodies."""

from __future__ import annotations

import pytest
from extract_helpers import edges, run

from loaders.extract import default_extractor


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def _rules(extraction, edge_type: str) -> set[str]:
    return {c.extractor for c in extraction.claims if c.type == edge_type}


def test_a_fronted_report_to_a_recipient_is_the_subject_s_even_when_its_clause_is_denied(extractor):
    extraction = run(
        extractor,
        "In its initial report to the Harbour Board, the Department of Civic Affairs did not substantiate the claims.",
    )
    for edge_type in ("AUTHORED", "SENT"):
        assert {f for f, _ in edges(extraction, edge_type)} == {"Department of Civic Affairs"}
        assert any("report.fronted" in rule for rule in _rules(extraction, edge_type))
    assert {f for f, _ in edges(extraction, "RECEIVED")} == {"Harbour Board"}


def test_a_fronted_report_in_a_future_clause_or_without_a_recipient_is_no_one_s(extractor):
    future = run(
        extractor,
        "In its report to the Harbour Board next year, the Department of Civic Affairs will describe the delays.",
    )
    unaddressed = run(
        extractor, "In the 2012 review, the Department of Civic Affairs found that the fund had lost money."
    )
    for extraction in (future, unaddressed):
        assert not edges(extraction, "AUTHORED") and not edges(extraction, "SENT")


def test_a_response_to_a_body_is_a_document_and_a_response_to_allegations_is_not(extractor):
    sent = run(extractor, "Kestrel Motors provided a response to the Federal Vehicle Agency on 3 March 2011.")
    assert ("Kestrel Motors", "response") in edges(sent, "SENT")
    assert ("Federal Vehicle Agency", "response") in edges(sent, "RECEIVED")
    conduct = run(extractor, "Northshire Police described Kestrel Motors's sluggish response to the allegations.")
    assert not [n for n in conduct.nodes if n.label == "Report"]


def test_legal_advice_taken_from_a_body_was_received_by_the_taker(extractor):
    taken = run(extractor, "Dr Helen Marsh has taken legal advice from Vantor Analytics, which found no breach.")
    received = edges(taken, "RECEIVED")
    assert received and all(to == "legal advice" for _, to in received)
    assert ("Vantor Analytics", "legal advice") in edges(taken, "AUTHORED")
    refused = run(extractor, "Dr Helen Marsh has not taken legal advice from Vantor Analytics.")
    assert not edges(refused, "RECEIVED") and not edges(refused, "AUTHORED")

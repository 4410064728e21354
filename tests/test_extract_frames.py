"""Relation frames: claims built between recognised entities (coordination, relative clauses without a
relative pronoun, recipients hung on the object, telling verbs, purpose clauses, weekday dates).
Sentences are SYNTHETIC, about FICTIONAL bodies and people."""

from __future__ import annotations

import pytest

from loaders.dates import parse_date
from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import claim, edges, node, run


@pytest.fixture(scope="module")
def extractor():
    return RuleExtractor()


def test_coordinated_senders_the_parser_nests_are_both_senders(extractor):
    found = run(
        extractor,
        "The Ministry of Inland Waterways and Halloway Housing Association sent the report to Ashgrove Health Trust in 2010.",
    )
    claim(found, "SENT", "Ministry of Inland Waterways", "report")
    claim(found, "SENT", "Halloway Housing Association", "report")
    assert ("Ministry of Inland Waterways", "report") not in edges(found, "RECEIVED")


def test_a_list_of_recipients_each_receives(extractor):
    found = run(
        extractor,
        "Northshire Police sent the report to the Federal Vehicle Agency, the Ministry of Inland Waterways and Brackenridge County Council.",
    )
    for body in ("Federal Vehicle Agency", "Ministry of Inland Waterways", "Brackenridge County Council"):
        claim(found, "RECEIVED", body, "report")


def test_a_person_of_a_body_with_and_in_its_name_is_not_a_coordination(extractor):
    found = run(
        extractor,
        "Station Manager Ada Penrose of Thornmere and Salterby Fire Service sent the report to Westbrook University.",
    )
    assert {s for s, _ in edges(found, "SENT")} <= {"Ada Penrose"}


def test_shared_with_hung_on_the_object_is_a_recipient(extractor):
    found = run(extractor, "Halloway Housing Association shared the Calder Report with Ashgrove Health Trust in 2008.")
    claim(found, "SENT", "Halloway Housing Association", "Calder Report")
    assert claim(found, "RECEIVED", "Ashgrove Health Trust", "Calder Report").date_start == "2008-01-01"


def test_a_relative_clause_without_a_pronoun_sends_the_document(extractor):
    found = run(
        extractor,
        "In a letter the Federal Vehicle Agency's head, Tom Briggs, sent to Halloway Housing Association on Tuesday, the agency demanded answers.",
        published="2015-06-12",
    )
    letter = "letter from Federal Vehicle Agency"  # a sender's letter is named for its sender (docs/extraction.md)
    sent = claim(found, "SENT", "Tom Briggs", letter)
    assert sent.date_start == "2015-06-09"
    claim(found, "RECEIVED", "Halloway Housing Association", letter)


def test_a_letter_written_to_someone_is_sent_to_them(extractor):
    found = run(extractor, "The letter that Priya Anand wrote to Brackenridge County Council in 2012 was ignored.")
    claim(found, "AUTHORED", "Priya Anand", "letter")
    claim(found, "SENT", "Priya Anand", "letter")
    claim(found, "RECEIVED", "Brackenridge County Council", "letter")


def test_presented_needs_a_recipient(extractor):
    found = run(extractor, "Tom Briggs presented the Ashworth Audit to the Federal Vehicle Agency in 2013.")
    claim(found, "SENT", "Tom Briggs", "Ashworth Audit")
    claim(found, "RECEIVED", "Federal Vehicle Agency", "Ashworth Audit")
    assert not edges(run(extractor, "Tom Briggs presented the Ashworth Audit in 2013."), "SENT")


def test_reported_to_makes_the_recipient_know(extractor):
    found = run(
        extractor,
        "Ashgrove Health Trust reported the failings at Larkspur Lodge to Brackenridge County Council in 2011.",
    )
    assert any(s == "Brackenridge County Council" for s, _ in edges(found, "KNEW_ABOUT"))
    assert not edges(run(extractor, "Ashgrove Health Trust reported to the Chief Executive."), "KNEW_ABOUT")
    assert not edges(
        run(
            extractor,
            "Ashgrove Health Trust did not report the failings at Larkspur Lodge to Brackenridge County Council.",
        ),
        "KNEW_ABOUT",
    )


def test_hired_to_do_work_is_a_commission_dated_by_its_purpose_clause(extractor):
    found = run(extractor, "Kestrel Motors hired Northshire Police to review the failings at Larkspur Lodge in 2013.")
    assert claim(found, "COMMISSIONED", "Kestrel Motors", "Northshire Police").date_start == "2013-01-01"
    assert not edges(run(extractor, "Kestrel Motors hired Northshire Police in 2013."), "COMMISSIONED")


def test_a_weekday_is_the_latest_such_day_up_to_publication():
    assert parse_date("on Friday", "2015-06-12", "day").start == "2015-06-12"
    assert parse_date("Monday", "2015-06-12", "day").start == "2015-06-08"
    assert parse_date("last Friday", "2015-06-12", "day").start == "2015-06-05"
    assert parse_date("Monday", "2015", "year") is None


def test_an_owner_s_letter_to_someone_is_sent_by_the_owner(extractor):
    found = run(extractor, "Owen Pritchard's email to Kestrel Motors raised concerns about costs.")
    claim(found, "SENT", "Owen Pritchard", "email from Owen Pritchard")
    claim(found, "RECEIVED", "Kestrel Motors", "email from Owen Pritchard")
    forwarded = run(extractor, "Kestrel Motors forwarded Owen Pritchard's letter to the Federal Vehicle Agency.")
    assert ("Owen Pritchard", "letter") not in edges(forwarded, "SENT")  # "to Y" is the forwarding's


def test_a_letter_opening_the_clause_is_the_subject_s(extractor):
    found = run(
        extractor, "In an email to Kestrel Motors, the Office for Coastal Planning warned that costs were rising."
    )
    assert any(s == "Office for Coastal Planning" for s, _ in edges(found, "SENT"))
    assert not any(s == "Office for Coastal Planning" for s, _ in edges(found, "RECEIVED"))
    told = run(
        extractor,
        "In a letter of 19 October 2018 the Brackenridge County Council told Priya Anand that the review would be shared.",
    )
    assert any(s == "Brackenridge County Council" for s, _ in edges(told, "SENT"))
    assert any(s == "Priya Anand" for s, _ in edges(told, "RECEIVED"))
    assert not edges(
        run(
            extractor,
            "In an email to Kestrel Motors, the Office for Coastal Planning may have warned that costs were rising.",
        ),
        "SENT",
    )


def test_commissioned_work_names_the_study_and_its_eponym(extractor):
    """ "X commissioned Y to conduct a review of Z": X commissioned the review, Y wrote it; "the Belrose
    review" (named after its author) and "the full report by ..." are the same study."""
    text = (
        "To ask the Minister to make a statement on the Belrose review. "
        "In July the permanent secretary of the Ministry of Tides commissioned Anna Belrose to conduct a review "
        "of the 2011 investigation. The full report by Anna Belrose has been published today."
    )
    ex = run(extractor, text)
    node(ex, "Report", "Belrose Review")
    assert ("Anna Belrose", "Belrose Review") in edges(ex, "AUTHORED")
    assert any(to == "Belrose Review" for _, to in edges(ex, "COMMISSIONED"))


def test_commissioned_investigation_is_a_report_named_by_what_it_reviews(extractor):
    text = (
        "In March 2011 the Ministry of Tides commissioned an investigation into missing ledgers. "
        "In 2014 the Ministry of Tides asked Tom Quill to carry out an independent review of the 2011 investigation."
    )
    ex = run(extractor, text)
    node(ex, "Report", "independent review of the 2011 investigation")
    assert ("Ministry of Tides", "independent review of the 2011 investigation") in edges(ex, "COMMISSIONED")
    assert ("Tom Quill", "independent review of the 2011 investigation") in edges(ex, "AUTHORED")
    assert any(to.endswith("investigation") and "review" not in to for _, to in edges(ex, "COMMISSIONED"))


def test_laid_before_a_body_is_received_by_it(extractor):
    ex = run(
        extractor,
        "The Belrose report was published on Tuesday. Anna Belrose laid the report before the Tidal Assembly on 3 May.",
    )
    assert ("Tidal Assembly", "Belrose Report") in edges(ex, "RECEIVED")

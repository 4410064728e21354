"""Coreference the flows need (loaders/extract/coref.py): letter addressees, actor pronouns across
sentences, the document itself, possessed correspondence. All text is SYNTHETIC about FICTIONAL bodies."""

from __future__ import annotations

import pytest

from loaders.extract import default_extractor
from loaders.extract.coref import addressee
from tests.extract_helpers import claim, edges, node, run


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


@pytest.mark.parametrize(
    "text, name, role",
    [
        ("The Honorable Mara Quill\n\nDear Chair Quill:\n\nThis responds to your letter.", "Quill", "Chair"),
        ("Dear Deputy Commissioner Tolland:\nThe Board has met.", "Tolland", "Deputy Commissioner"),
        ("Dear Ms Hale,\n\nI enclose the review.", "Hale", None),
        ("Dear Anna Kerr,\n\nI enclose the review.", "Anna Kerr", None),
        ("Statement\nMr. Chairman and Members of the Subcommittee:\nI am pleased to be here.", None, "Chairman"),
    ],
)
def test_the_salutation_names_the_addressee(text, name, role):
    found = addressee(text)
    assert found is not None and found.name == name and found.role == role


@pytest.mark.parametrize(
    "text",
    [
        "Dear Sir or Madam,\n\nI enclose the review.",
        "Dear colleagues,\n\nThe review is attached.",
        "Dear Ms Hale and Mr Reyes,\n\nThe review is attached.",
        "The council said the dear old building would close.",
    ],
)
def test_no_addressee_when_the_salutation_names_nobody_in_particular(text):
    assert addressee(text) is None


LETTER = (
    "The Honorable Mara Quill\nChair, Harbour Oversight Committee\n\nDear Chair Quill:\n\n"
    "This responds to your letter of 3 August 2012 regarding the Tidewater Audit.\n\n"
    "Yours sincerely,\n\nIvo Marsh\nDirector\nBrackwater Port Authority\n"
)


def test_you_and_your_letter_are_the_addressee_s(extractor):
    extraction = run(extractor, LETTER)
    quill = [n.name for n in extraction.nodes if n.label == "Person" and "Quill" in n.name]
    assert quill
    letter = f"{quill[0]}'s letter of 3 August 2012"  # a dated letter is cited by its writer and its day
    assert f"letter from {quill[0]}" in node(extraction, "Report", letter).aliases
    assert claim(extraction, "SENT", quill[0], letter).date_start == "2012-08-03"
    assert (quill[0], letter) in edges(extraction, "AUTHORED")
    assert ("Brackwater Port Authority", letter) in edges(extraction, "RECEIVED")  # the writer's body received it


def test_the_addressee_received_the_letter_itself(extractor):
    extraction = run(extractor, LETTER)
    received = [c for c in extraction.claims if c.type == "RECEIVED" and c.extractor == "rules.coref.addressee"]
    assert len(received) == 1 and received[0].sentence.startswith("Dear Chair Quill")


def test_an_actor_pronoun_is_the_body_that_was_the_last_subject(extractor):
    text = (
        "The Brackwater Port Authority reviewed the harbour plan in 2019. "
        "It sent the Tidewater Audit to the Harbour Oversight Committee in 2020.\n"
    )
    extraction = run(extractor, text)
    sent = claim(extraction, "SENT", "Brackwater Port Authority", "Tidewater Audit")
    assert sent.confidence < 0.9  # a pronoun reaching back: below an outright claim (0.9)


def test_they_reach_back_to_a_body_subject(extractor):
    text = (
        "The Eastmere Water Board met in March 2019. "
        "They sent the Tidewater Audit to the Harbour Oversight Committee in April 2019.\n"
    )
    extraction = run(extractor, text)
    assert ("Eastmere Water Board", "Tidewater Audit") in edges(extraction, "SENT")


def test_a_person_subject_in_between_blocks_the_body_reading(extractor):
    text = (
        "The Brackwater Port Authority reviewed the harbour plan in 2019. "
        "The whistleblowers described a long delay. "
        "They sent the Tidewater Audit to the Harbour Oversight Committee in 2020.\n"
    )
    extraction = run(extractor, text)
    assert ("Brackwater Port Authority", "Tidewater Audit") not in edges(extraction, "SENT")


def test_an_actor_pronoun_does_not_reach_beyond_its_paragraph(extractor):
    text = (
        "The Brackwater Port Authority reviewed the harbour plan in 2019.\n\n"
        "It sent the Tidewater Audit to the Harbour Oversight Committee in 2020.\n"
    )
    extraction = run(extractor, text)
    assert ("Brackwater Port Authority", "Tidewater Audit") not in edges(extraction, "SENT")


def test_a_possessed_letter_is_named_after_its_writer(extractor):
    text = (
        "Dr Ruth Ansell wrote to the Eastmere Water Board in May 2015. "
        "The board said Dr Ansell's letter was logged on 21 May 2015.\n"
    )
    extraction = run(extractor, text)
    node(extraction, "Report", "letter from Ruth Ansell")


def test_this_statement_in_an_addressed_testimony_is_the_document_itself(extractor):
    text = (
        "Statement\nMr. Chairman and Members of the Subcommittee:\n"
        "I am pleased to submit this statement to the Harbour Oversight Committee.\n"
    )
    extraction = run(extractor, text)
    own = [n for n in extraction.nodes if n.label == "Report" and "this statement" in n.aliases]
    assert own
    assert ("Harbour Oversight Committee", own[0].name) in edges(extraction, "RECEIVED")
    assert ("Chairman", own[0].name) in edges(extraction, "RECEIVED")


def test_a_possessed_letter_keeps_what_the_text_calls_it_as_an_alias(extractor):
    text = (
        "Dr Ruth Ansell wrote to the Eastmere Water Board in May 2015. "
        "The board said Dr Ansell's letter was logged on 21 May 2015.\n"
    )
    letter = node(run(extractor, text), "Report", "letter from Ruth Ansell")
    assert "Dr Ansell's letter" in letter.aliases

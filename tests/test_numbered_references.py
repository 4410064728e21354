"""Numbered references ("Report No. 14-022", "Nos. 3 and 4", "Art. 12", "para. 4") do not end a
sentence: the parser used to cut after the abbreviation's full stop (or before "No"), so the claim
lost its object or its date. SYNTHETIC sentences about FICTIONAL bodies."""

from __future__ import annotations

import pytest

from loaders.extract.nlp import load_pipeline
from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import claim, run

ONE_SENTENCE = [
    "Eastmere Council cited Report No. 14-022 in 2014.",
    "Northshire Police sent Report Nos. 3 and 4 in 2014.",
    "The Department of Civic Affairs cited Art. 12 and para. 4 of the Northshire Charter in 2012.",
    "She forwarded Report No. 5 last year, the minutes say.",
]


@pytest.fixture(scope="module")
def extractor():
    return RuleExtractor()


@pytest.mark.parametrize("text", ONE_SENTENCE)
def test_a_numbered_reference_stays_inside_its_sentence(text):
    assert [s.text for s in load_pipeline()(text).sents] == [text]


def test_a_real_sentence_end_before_no_still_ends_the_sentence():
    doc = load_pipeline()("Northshire Police met in 2014. No. 5 was the report they discussed.")
    assert [s.text for s in doc.sents] == ["Northshire Police met in 2014.", "No. 5 was the report they discussed."]


def test_the_claim_keeps_its_recipient_and_date(extractor):
    x = run(extractor, "Northshire Police sent Report Nos. 3 and 4 to the Department of Civic Affairs in 2014.")
    received = claim(x, "RECEIVED", "Department of Civic Affairs", "Report 3")  # named without "Nos."
    assert received.date_start == "2014-01-01" and received.sentence.endswith("in 2014.")


def test_the_evidence_sentence_starts_where_the_sentence_does(extractor):
    text = "Under Art. 12 the Department of Civic Affairs sent the audit to Northshire Police in 2014."
    assert claim(run(extractor, text), "SENT", "Department of Civic Affairs", "audit").sentence == text

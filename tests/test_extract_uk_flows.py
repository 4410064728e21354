"""UK parliamentary flows whose recipient is a gazetteer body (Parliament, the House Libraries), so they
cannot be construction-suite templates. SYNTHETIC sentences: fictional people and documents; the
institutions are named only as the place a fictional document was laid or placed."""

from __future__ import annotations

import pytest

from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import claim, edges, run


@pytest.fixture(scope="session")
def extractor():
    return RuleExtractor()


def test_laid_before_parliament_is_received_by_parliament(extractor):
    x = run(extractor, "The Harbour Review was laid before Parliament on 3 May 2012.")
    assert claim(x, "RECEIVED", "Parliament of the United Kingdom", "Harbour Review").date_start == "2012-05-03"


def test_copy_placed_in_the_house_library_is_received_by_the_library(extractor):
    x = run(extractor, "Tom Briggs placed a copy of the Harbour Review in the Library of the House in 2012.")
    assert ("House of Commons Library", "Harbour Review") in edges(x, "RECEIVED")
    assert ("Tom Briggs", "Harbour Review") in edges(x, "SENT")


def test_written_answer_speaker_places_a_copy(extractor):
    text = (
        "Question to the Department of Civic Affairs:\n\nTo ask what steps have been taken.\n\n"
        "Answered by: Ann Lee\nAnswered on: 9 April 2012\n\n"
        "I have placed a copy of the Harbour Review in the House Library."
    )
    x = run(extractor, text)
    assert ("Ann Lee", "Harbour Review") in edges(x, "SENT")
    assert ("House of Commons Library", "Harbour Review") in edges(x, "RECEIVED")


def test_answer_line_is_cited_whole(extractor):
    text = (
        "Answered by Ann Lee - Minister of State (Department of Civic Affairs) (Security)\n\nThe survey is under way."
    )
    member = claim(run(extractor, text), "MEMBER_OF", "Ann Lee", "Department of Civic Affairs")
    assert member.sentence.endswith("(Security)")


def test_a_future_placing_draws_no_library_receipt(extractor):
    x = run(extractor, "Answered by: Ann Lee\n\nI will place a copy of the Harbour Review in the Library of the House.")
    assert not edges(x, "RECEIVED") and not edges(x, "SENT")

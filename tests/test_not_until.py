""" "X did not know about Y until 2016" says X knew from 2016: an asserted claim dated 2016, not a
dated denial. A plain "did not know" stays a denial, and "until" with no date leaves it standing.
SYNTHETIC sentences about FICTIONAL bodies."""

from __future__ import annotations

import pytest

from graph.model import NEGATED
from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import run


@pytest.fixture(scope="module")
def extractor():
    return RuleExtractor()


def _claims(extractor, text: str, edge_type: str) -> list:
    return [c for c in run(extractor, text).claims if c.type == edge_type]


@pytest.mark.parametrize(
    ("text", "edge_type", "start", "end"),
    [
        ("Northshire Police did not know about the Eastmere review until 2016.", "KNEW_ABOUT", "2016-01-01", "2016-12-31"),
        ("Northshire Police were not aware of the Eastmere review until 2016.", "KNEW_ABOUT", "2016-01-01", "2016-12-31"),
        ("The Department of Civic Affairs did not receive the audit until March 2015.", "RECEIVED", "2015-03-01", "2015-03-31"),
        ("Northshire Police never received the audit until 2016.", "RECEIVED", "2016-01-01", "2016-12-31"),
    ],
)  # fmt: skip
def test_not_until_a_date_is_asserted_from_that_date(extractor, text, edge_type, start, end):
    (found,) = _claims(extractor, text, edge_type)
    assert (found.polarity, found.date_start, found.date_end) == ("asserted", start, end)


def test_a_plain_denial_stays_a_denial(extractor):
    (found,) = _claims(extractor, "Northshire Police did not know about the Eastmere review.", "KNEW_ABOUT")
    assert found.polarity == NEGATED


def test_until_without_a_date_leaves_the_denial(extractor):
    text = "Northshire Police did not receive the audit until after the inquiry."
    (found,) = _claims(extractor, text, "RECEIVED")
    assert found.polarity == NEGATED

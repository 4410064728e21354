"""A release's opening line that its lede says again draws its claims once, from the lede
(loaders/extract/teasers.py). SYNTHETIC text about FICTIONAL bodies."""

from __future__ import annotations

import pytest
from extract_helpers import run

from loaders.extract import default_extractor
from loaders.extract.teasers import opening_line_end

TEASER = "The Harbour Board today sent a report to the Ministry of Inland Waterways on dredging delays."
LEDE = (
    "The Harbour Board (HB) today sent a report to the Ministry of Inland Waterways detailing how dredging "
    "contracts were delayed for three years. The report follows a complaint by a pilot."
)


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def _sent(extraction):
    names = {n.id: n.name for n in extraction.nodes}
    return [c for c in extraction.claims if c.type == "SENT" and names[c.from_id] == "Harbour Board"]


def test_the_opening_line_is_a_paragraph_of_one_line_followed_by_more():
    assert opening_line_end(f"{TEASER}\n\n{LEDE}") == len(TEASER)
    assert opening_line_end(f"{TEASER}\n{LEDE}\n\nMore.") is None  # a first paragraph of two lines
    assert opening_line_end(TEASER) is None  # nothing follows


def test_a_teaser_repeated_by_the_lede_is_drawn_once_from_the_lede(extractor):
    text = f"{TEASER}\n\n{LEDE}"
    sent = _sent(run(extractor, text))
    assert len(sent) == 1
    assert sent[0].char_start > len(TEASER)


def test_a_teaser_alone_keeps_its_claims(extractor):
    text = f"{TEASER}\n\nThe pilot had raised the delays in 2018."
    sent = _sent(run(extractor, text))
    assert len(sent) == 1 and sent[0].char_start == 0

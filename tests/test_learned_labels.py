"""The scorer's date-free labels (loaders/extract/learned/dataset.py): a claim right in its ends, type and
evidence but dated outside the gold year is wrong for `kflow eval` and right for the scorer, because dating is
scored apart. Runs the real extractor on a synthetic gold file (fictional bodies)."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract import default_extractor
from loaders.extract.learned import train
from loaders.extract.learned.dataset import label_document

GOLD = Path(__file__).resolve().parent / "gold" / "synthetic" / "news_02_police_knew.gold.yaml"


@pytest.fixture(scope="module")
def labelled():
    return label_document(GOLD, default_extractor())


def test_a_claim_dated_outside_the_gold_year_is_right_by_its_ends_only(labelled):
    misdated = [c for c in labelled.claims if c.right_ends and not c.right]
    assert misdated, "news_02 has KNEW_ABOUT claims dated from the article, not the gold year"
    assert all(c.claim.date_start for c in misdated)  # dated, just not in the gold year
    assert all(c.right_ends for c in labelled.claims if c.right)  # the date-free label only adds


def test_training_labels_follow_the_chosen_labelling(labelled):
    _, dated = train.examples([labelled], label="dated")
    _, ends = train.examples([labelled], label="ends")
    assert sum(ends) > sum(dated) and len(ends) == len(dated)
    with pytest.raises(ValueError, match="expected one of dated, ends"):
        train.examples([labelled], label="year")

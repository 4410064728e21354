"""token_filter.tokens_with: the tokens whose word passes a test, in order, with a bounded verdict table."""

from __future__ import annotations

import spacy
from spacy.attrs import LOWER

from loaders.extract import token_filter


def _is_body_word(word: str) -> bool:
    return word in {"council", "inspectorate"}


def _ends_in_z(word: str) -> bool:
    return word.endswith("z")


def test_tokens_passing_the_test_come_in_document_order() -> None:
    nlp = spacy.blank("en")
    doc = nlp("The Council wrote to the inspectorate and the council replied.")
    found = [(t.i, t.text) for t in token_filter.tokens_with(doc, LOWER, _is_body_word)]
    assert found == [(1, "Council"), (5, "inspectorate"), (8, "council")]


def test_the_verdict_table_stays_bounded_over_a_large_vocabulary(monkeypatch) -> None:
    """Thousands of distinct words (a real corpus's vocabulary) must not grow the table past its bound, and
    verdicts after the table starts again are still right."""
    monkeypatch.setattr(token_filter, "MAX_VERDICTS", 100)
    nlp = spacy.blank("en")
    words = [f"w{i}z" if i % 7 == 0 else f"w{i}" for i in range(1_000)]
    passing: list[str] = []
    for start in range(0, len(words), 50):
        doc = nlp(" ".join(words[start : start + 50]))
        passing += [t.text for t in token_filter.tokens_with(doc, LOWER, _ends_in_z)]
        assert len(token_filter._VERDICTS[(_ends_in_z, LOWER)]) <= 100 + 50
    assert passing == [w for w in words if w.endswith("z")]

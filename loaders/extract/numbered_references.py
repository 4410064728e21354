"""Keeps "Report No. 14-022", "Nos. 3 and 4", "Art. 12" and "para. 4" inside one sentence.

The tokenizer splits "No." into "No" and ".", and the parser then often reads that full stop as a
sentence end ("... cited Report No." / "14-022 in 2014."), or starts a sentence at "No": the claim
loses its object and its date. This component runs before the parser and marks the number after
such an abbreviation (and the abbreviation itself, unless a sentence really ends before it) as not
starting a sentence; the parser respects preset boundaries.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

NUMBERING_WORDS = frozenset({"No", "Nos", "no", "nos", "Art", "Arts", "art", "para", "paras", "Para", "Paras"})
SENTENCE_ENDS = frozenset({".", "!", "?"})


def _abbreviation_before(doc: Doc, i: int) -> int | None:
    """Index of the numbering word ("No" of "No ." or "No.") right before token i, or None."""
    before = doc[i - 1] if i else None
    if before is not None and before.text.endswith(".") and before.text[:-1] in NUMBERING_WORDS:
        return i - 1
    if before is not None and before.text == "." and i >= 2 and doc[i - 2].text in NUMBERING_WORDS:
        return i - 2
    return None


def join_split_abbreviations(doc: Doc) -> None:
    """ "Nos" "." before a number as one token "Nos.": left apart, the parser reads the full stop as a sentence
    end and hangs the number on the sentence's verb ("provides ... Nos. 05000250/2011005": the report SENT)."""
    pairs = [
        doc[token.i - 2 : token.i]
        for token in doc
        if token.text[:1].isdigit()
        and token.i >= 2
        and doc[token.i - 1].text == "."
        and doc[token.i - 2].text in NUMBERING_WORDS
    ]
    with doc.retokenize() as retokenizer:
        for pair in pairs:
            retokenizer.merge(pair)


def keep_numbered_references(doc: Doc) -> Doc:
    """Mark "No. 5" and its kind as one run no sentence boundary cuts (see the module docstring)."""
    join_split_abbreviations(doc)
    for token in doc:
        if not token.text[:1].isdigit():
            continue
        word = _abbreviation_before(doc, token.i)
        if word is None:
            continue
        for inside in doc[word + 1 : token.i + 1]:
            inside.is_sent_start = False
        if word and doc[word - 1].text not in SENTENCE_ENDS:
            doc[word].is_sent_start = False
        elif word:
            doc[word].is_sent_start = True  # "... in 2014. No. 5 was": the joined "No." hides the boundary
    return doc


@Language.factory("kflow_numbered_references")
def _make_numbered_references(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return keep_numbered_references

"""A doc's tokens whose string attribute passes a test, found without making a Token for every word.

A pass that looks for a few words ("council", "inspector") used to walk every token of every paragraph
in Python; spaCy counts a doc's distinct values in C (`Doc.count_by`), so the test runs once per distinct
word and only the tokens that pass are made, in document order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy
from spacy.tokens import Doc, Token


def tokens_with(doc: Doc, attr: int, test: Callable[[str], bool]) -> Iterator[Token]:
    """The tokens of `doc` (in order) whose `attr` (a spaCy string attribute: LOWER, LEMMA, ORTH) passes `test`."""
    strings = doc.vocab.strings
    wanted = [value for value in doc.count_by(attr) if test(strings[value])]
    if not wanted:
        return
    values = doc.to_array(attr)
    for i in numpy.flatnonzero(numpy.isin(values, numpy.array(wanted, dtype=values.dtype))):
        yield doc[int(i)]

"""A doc's tokens whose string attribute passes a test, found without making a Token for every word.

A pass that looks for a few words ("council", "inspector") used to walk every token of every paragraph
in Python, making a Token and its strings for each; here a doc is one array of string hashes (`Doc.to_array`),
each distinct hash is tested once per process, and only the tokens that pass are made, in document order.

A corpus of thousands of documents brings a vocabulary of hundreds of thousands of words, so each test's verdict
table is bounded: when it reaches `MAX_VERDICTS` it starts again empty (the words are tested afresh; a verdict
costs microseconds, and the table of a typical load never fills).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

MAX_VERDICTS = 50_000  # per (test, attribute): about 5 MB each at the bound
_VERDICTS: dict[tuple[Callable[[str], bool], int], dict[int, bool]] = {}  # (test, attr) -> string hash -> passes


def tokens_with(doc: Doc, attr: int, test: Callable[[str], bool]) -> Iterator[Token]:
    """The tokens of `doc` (in order) whose `attr` (a spaCy string attribute: LOWER, LEMMA, ORTH) passes `test`.

    `test` must be a module-level function of the string alone: its verdict is kept per string hash, so each
    distinct word is tested once per process and a doc costs one array of hashes and a dict lookup per token."""
    verdicts = _VERDICTS.setdefault((test, attr), {})
    if len(verdicts) >= MAX_VERDICTS:
        verdicts.clear()
    strings = doc.vocab.strings
    for i, value in enumerate(doc.to_array(attr).tolist()):
        passes = verdicts.get(value)
        if passes is None:
            passes = verdicts[value] = test(strings[value])
        if passes:
            yield doc[i]


def any_word(doc: Doc, test: Callable[[str], bool]) -> bool:
    """Whether the text of some token of `doc` passes `test`, read from the doc's distinct words (a set of its
    form hashes): `Doc.text` joins every token in Python, and a test of one character needs no more."""
    strings = doc.vocab.strings
    return any(test(strings[key]) for key in set(doc.to_array(ORTH).tolist()))

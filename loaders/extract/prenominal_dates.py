"""A date between a possessive and its noun: "your March 29, 2019 letter", "the Committee's March 29, 2019 letter"
(issue #13, prenominal dates).

The small parser reads a US date before a noun as the phrase's head: "your" / "the Committee's" becomes the
possessor of "March" and "letter" an apposition of the date, so whose letter it is, and what the verb did to it
("We received the Committee's March 29, 2019 letter": the object is "March"), are lost. A component after NER
puts the noun back as the head: it takes the date's place in the tree, the possessive hangs from it and the
date becomes its modifier, as the parser already reads "your 24 April letter" and "his October 2016 memo".
Only a date entity (a word the model tagged DATE) with a possessive before it and a noun right after it is
rewired, so "on March 29, 2019, the letter ..." (no possessive, a comma before the noun) is untouched.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

NOUN_POS = frozenset({"NOUN", "PROPN"})


def _possessed_date_noun(date: Span) -> tuple[Token, Token, Token] | None:
    """(the date's head, its possessive, the noun after it) when the parser took the date for the noun."""
    doc = date.doc
    if date.end >= len(doc):
        return None
    noun = doc[date.end]
    head = date.root
    if noun.pos_ not in NOUN_POS or noun.ent_type_ == "DATE" or noun.dep_ != "appos" or noun.head != head:
        return None
    owner = next((c for c in head.children if c.dep_ == "poss" and c.i < date.start), None)
    if owner is None or owner.right_edge.i != date.start - 1:  # "your" / "the Committee's" right before the date
        return None
    return head, owner, noun


def rewire(doc: Doc) -> Doc:
    """Make the noun after a possessed date the phrase's head ("your March 29, 2019 letter": "letter")."""
    for date in [e for e in doc.ents if e.label_ == "DATE"]:
        found = _possessed_date_noun(date)
        if found is None:
            continue
        head, owner, noun = found
        outer, dep = head.head, head.dep_
        for child in [c for c in head.children if c.i < date.start and c is not owner]:
            child.head = noun  # "the" of "the March 29 letter"
        noun.head = noun if outer is head else outer
        noun.dep_ = dep
        owner.head = noun
        head.head = noun
        head.dep_ = "nmod"
    return doc


@Language.factory("kflow_prenominal_dates")
def _make_prenominal_dates(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """A component after NER: a possessed date before a noun modifies the noun, not the other way round."""
    return rewire

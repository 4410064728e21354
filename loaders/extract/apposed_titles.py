"""A person's title and body written after their name in a letter's frame are theirs, not more parties.

Headings and citations of correspondence name the writer with their office and body after commas:
"Letter from Lord Carter, Government Chief Whip, House of Lords, to the Chairman", "Letter to the Chairman
from Rt Hon Ann Lee MP, Minister for Civic Affairs". The parser reads the first as a list without "and"
(the title and the House conjuncts of the name) and hangs the second's title on the post-nominal "MP" as an
apposition, so each title or body became a second sender or recipient. A real list of people joins its
last item with "and" / "or" ("from Ann Lee, Tom Briggs and Jo Hart"); a chain with no conjunction word
after a person's name is the name in apposition.
"""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.lexicon import LEX

LIST_WORDS = ("and", "or", "&")


def names_person(token: Token) -> bool:
    """A proper noun the model tags as a person's name."""
    return token.pos_ == "PROPN" and token.ent_type_ == "PERSON"


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token


def is_apposed_conjunct(token: Token) -> bool:
    """ "from Lord Carter, Government Chief Whip, House of Lords": "Whip" and "House" are conjuncts of
    "Carter" in a chain with no "and" / "or": the name's title and body, not further parties."""
    if token.dep_ != "conj":
        return False
    first = _first_conjunct(token)
    if first is token or not names_person(first):
        return False
    last = max((first, *first.conjuncts), key=lambda t: t.i).right_edge
    # "from A, B, and C": the parser may hang "and C" on the letter, after the chain it left as "A, B"
    words = first.doc[first.i : min(last.i + 3, first.sent.end)]
    return not any(w.lower_ in LIST_WORDS for w in words)


def named_person(token: Token) -> Token | None:
    """The word naming the person a preposition's object is, when it names one: "from Ann Lee, Director,
    Northshire Police" ("Lee"), "from Rt Hon Ann Lee MP, Minister for X" (the parser heads the name with the
    post-nominal "MP"; "Lee"). The appositions after it are her title and body, not more parties. Else None
    ("from a youth worker, Ann Lee": the name is the apposition)."""
    if names_person(token):
        return token
    if token.text not in LEX.post_nominals:
        return None
    names = [c for c in token.children if c.dep_ == "compound" and c.i < token.i and names_person(c)]
    return names[-1] if names else None

""" "X did not know about Y until 2016" is no denial: it says X knew from 2016 and nothing about
before. A negation whose verb is bounded by "until" / "till" and a date is lifted, so the statement
is asserted and dated by that date (the dating code already reads "until 2016" as 2016)."""

from __future__ import annotations

from spacy.tokens import Token

UNTIL_WORDS = frozenset({"until", "till", "til"})


def bounded_by_a_date(verb: Token) -> bool:
    """Whether `verb` has an "until DATE" phrase ("did not receive it until March 2015"); "until
    after the inquiry" or "until she read it" names no date and leaves the negation standing."""
    return any(
        child.dep_ == "prep"
        and child.lower_ in UNTIL_WORDS
        and any(t.ent_type_ == "DATE" for o in child.children if o.dep_ == "pobj" for t in o.subtree)
        for child in verb.children
    )

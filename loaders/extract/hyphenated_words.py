"""Words the tokenizer cut at their hyphens ("follow-up", "two-page", "long-awaited").

spaCy splits "a follow-up letter" into "follow", "-", "up" and hangs the pieces on one another, so a document's
modifiers read as "follow" alone and the letter was named "follow letter", a name no text uses. A modifier
that runs on over a hyphen with no space either side is read as the whole word as written. A spaced dash
("the letter - sent today") is punctuation, not part of a word.
"""

from __future__ import annotations

from spacy.tokens import Token

_HYPHENS = frozenset("-‐‑")


def _joins(hyphen: Token) -> bool:
    """A hyphen inside a word: no space on either side and a word on both sides."""
    doc = hyphen.doc
    return (
        hyphen.text in _HYPHENS
        and 0 < hyphen.i < len(doc) - 1
        and not doc[hyphen.i - 1].whitespace_
        and not hyphen.whitespace_
        and doc[hyphen.i - 1].is_alpha
        and doc[hyphen.i + 1].is_alpha
    )


def hyphenated_word(token: Token) -> str:
    """The whole hyphenated word `token` is a piece of, as written ("follow-up"); the token's text if none."""
    doc = token.doc
    start = end = token.i
    while start >= 2 and _joins(doc[start - 1]):
        start -= 2
    while end + 2 < len(doc) and _joins(doc[end + 1]):
        end += 2
    return doc[start : end + 1].text

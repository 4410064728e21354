"""Persons that are lines of an address block or signature block (issue #13, entities round 11).

Letters and NRC notices open with the addressee's block: name, title, body, building, street, town and
ZIP code, one to a line. The tagger reads town and building lines as people ("Hancocks Bridge, New Jersey
08038", "P.O. Box 14000", "Bricker Hall"), and a name with the title on the next line of a column layout
as one name ("Thomas R. Carper Chairman", "Michael E. Horowitz Chair"). Both are layout, not names.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from loaders.extract.lexicon import LEX


def building_line(line: str, mention_text: str) -> bool:
    """ "Bricker Hall" standing alone on its line: a building of an address block, not a person."""
    words = line.strip().rstrip(",").split()
    return (
        line.strip().rstrip(",") == mention_text.strip() and len(words) >= 2 and words[-1].lower() in LEX.building_words
    )


def trailing_title_words(ent: Span) -> list[Token]:
    """Title words after a full name ("Chairman" in "Thomas R. Carper Chairman", "Ranking Member" in
    "Tom Coburn Ranking Member"): the next line of a signature or address block, read on by the tagger.
    At least two words of name stay."""
    words: list[Token] = []
    for token in reversed(ent[2:]):
        if token.text not in LEX.office_titles and token.lower_ not in LEX.role_nouns:
            break
        words.insert(0, token)
    if words and len(ent) - len(words) >= 2 and all(t.is_title for t in words):
        return words
    return []


def without_leading_title(span: Span, names_a_body) -> Span:
    """ "Chairman Committee on Oversight", "Chair, Council of the Inspectors General": the title line of
    an address block read into the body's name below it. The body is what follows the title words."""
    start = span.start
    while start < span.end and (
        span.doc[start].text in LEX.office_titles
        or span.doc[start].lower_ in LEX.role_nouns
        or (start > span.start and span.doc[start].text == ",")
    ):
        start += 1
    if start == span.start or span.end - start < 2 or not span.doc[start].is_title:
        return span
    rest = span.doc[start : span.end]
    return rest if names_a_body(rest.text) else span

"""Documents named by a title in quotation marks that starts lower-case or sits in the noun's own phrase.

Government pages write a report's title in quotes right where they mention it: "has submitted his
‘inspection report on the immigration system as it relates to the agricultural sector’ to the Home
Secretary", "Third annual inspection of ‘Adults at risk in immigration detention’ has been sent to ...".
Without the quotes the report is one more "inspection report" and clusters with every other. Before
clustering (`reports.cluster_reports`), a document noun is named:

- by the quoted span it opens ("‘inspection report on ...’": the noun or its first modifier follows the
  opening quote), the name being the words inside the quotes;
- by its own phrase when that phrase's object opens a quoted span ("inspection of ‘Adults at risk ...’"):
  the name is the phrase from its first modifier to the closing quote.

Only when the closing quote is in the same sentence and the quoted words are a short title (no sentence
punctuation), so a quotation of what someone said is not a name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.extract.reports import ReportMention

OPENING = {"\u2018": "\u2019", "\u201c": "\u201d", '"': '"', "'": "'"}
MAX_TITLE_TOKENS = 24
TITLE_PREPOSITIONS = ("of", "on", "into")  # "inspection of ‘X’", "report on ‘X’"
LEFT_DEPS = ("compound", "amod", "nummod", "npadvmod")


def _closing(opening: Token) -> Token | None:
    """The quote closing the span `opening` opens, within its sentence and a title's length."""
    close = OPENING[opening.text]
    for token in opening.doc[opening.i + 1 : min(opening.sent.end, opening.i + 1 + MAX_TITLE_TOKENS)]:
        if token.text == close or close == "'" and token.text == "\u2019":
            return token
        if token.text in (".", ";", "?", "!") or token.text in OPENING:
            return None
    return None


def _first_word(head: Token) -> Token:
    """The noun's first modifier ("Third annual inspection"), else the noun."""
    lefts = [c for c in head.lefts if c.dep_ in LEFT_DEPS]
    return head.doc[min(c.left_edge.i for c in lefts)] if lefts else head


def name_of(report: ReportMention) -> str | None:
    """The quoted title this mention carries, else None."""
    head = report.head
    first = _first_word(head)
    if first.i > first.sent.start and head.doc[first.i - 1].text in OPENING:
        close = _closing(head.doc[first.i - 1])
        if close is not None and close.i > head.i:
            return head.doc[first.i : close.i].text.strip()
    for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ in TITLE_PREPOSITIONS):
        if prep.i + 1 < len(head.doc) and head.doc[prep.i + 1].text in OPENING:
            close = _closing(head.doc[prep.i + 1])
            if close is not None:
                return head.doc[first.i : close.i + 1].text.strip()
    return None


def name_reports(reports: list[ReportMention]) -> None:
    """Name every unnamed document mention that carries a quoted title."""
    for report in reports:
        if report.determiner == "named" or report.lemma not in LEX.document_nouns:
            continue
        name = name_of(report)
        if name:
            report.name, report.determiner = name, "named"

"""A body's report named by "of": "the report of the McCarthy Committee", "the report of the Advisory Group on X".

"report by X" and "report from X" already name an author. "of" is looser -- "the report of the inquiry", "a report
of the meeting" name what the report is of -- so its object is the author only when it is a body (an Agency): a
committee, a group, a tribunal, a board reports; an inquiry or a meeting does not. Which nouns read "of" so is data:
the `body_author` role in nominals.yaml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.extract import relations
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Token

    from graph.model import Node
    from loaders.extract.reports import ReportMention

CONFIDENCE = 0.75


def in_quotes(token: Token) -> bool:
    """Inside an open quotation in its sentence (straight or curly quotes)."""
    before = token.sent.doc.text[token.sent.start_char : token.idx]
    return (before.count('"') + before.count("\u201c") - before.count("\u201d")) % 2 == 1


def of_body_authors(
    report: ReportMention, target: Node, refs: Callable[[Token], list[relations.Ref]]
) -> list[relations.RawClaim]:
    """AUTHORED for each body a `body_author` preposition of the report's noun names."""
    preps = LEX.document(report.lemma).preps("body_author")
    if not preps or in_quotes(report.head):
        return []  # "The Protection of X—Report of the Study Group": part of a quoted title, not its own report
    return [
        relations.RawClaim("AUTHORED", author, target, report.head, min(CONFIDENCE, author.confidence), "report.of")
        for o in relations._prep_objects(report.head, set(preps))
        for author in refs(o)
        if author.node.label == "Agency"
    ]

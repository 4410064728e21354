"""Whose document a mention is, by the clause that makes or moves it: "the Northshire Committee published a report",
"the Inspectorate sent its annual report to Y" (issue #13, replies round).

A possessive pronoun's document is its possessor's own: "its annual report" in a clause whose subject is the
Inspectorate is the Inspectorate's, not the report another body was said to publish a sentence before, however
alike the two are called. So a mention records who made, published or sent it (`made_by`, the clause's subject
when the document, indefinite or with a possessive pronoun, is the direct object of a verb whose frame draws
AUTHORED, PUBLISHED or SENT; a named possessor, "her colleague's letter", is left to `possessed_letters`), and a
possessive mention does not join a document someone else made (`other_owner`, asked by `reports._compatible` and `reports._antecedent`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from loaders.extract import relations
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.extract.reports import ReportMention

MAKING_CLAIMS = frozenset({"AUTHORED", "PUBLISHED", "SENT"})  # "received a report" says nothing of whose it is


def doer_tokens(report: ReportMention) -> list[Token]:
    """The tokens naming who made, published or sent the document the mention names, where its own clause says."""
    head = report.head
    owners = [c for c in head.children if c.dep_ == "poss"]
    if owners and owners[0].lower_ not in LEX.possessive_pronouns:
        return []  # "her colleague's letter": a named owner, whom the clause's subject need not be
    if report.determiner not in ("indefinite", "possessive") or not _made_by_verb(head):
        return []
    return relations.subjects_of(head.head)


def _made_by_verb(head: Token) -> bool:
    """The noun is the direct object of a verb that writes, publishes or sends it."""
    if head.dep_ != "dobj":
        return False
    frame = LEX.frames.get(head.head.lemma_.lower())
    return frame is not None and frame.claim in MAKING_CLAIMS


def other_owner(report: ReportMention, others: list[ReportMention]) -> bool:
    """Is `report`, a possessive mention with a known owner, a document some other owner made?"""
    if report.determiner != "possessive" or report.made_by is None:
        return False
    return any(other.made_by is not None and other.made_by != report.made_by for other in others)

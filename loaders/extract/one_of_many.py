""" "I have received one, too": a bare "one" as the object of a flow verb is one of the documents just named.

Debates and letters speak of a set of letters, then of one of them without repeating the noun
("Members have received letters from the Minister, and I have received one, too"). The bare
numeral is read as the plural document named last in its sentence or the one before, so the
speaker's receipt joins the same set of letters. Only a bare "one" (no "of" phrase, no noun of
its own) as a verb's object or passive subject, and only after a plural document noun.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.extract import relations, reports

if TYPE_CHECKING:
    from spacy.tokens import Token

    from loaders.extract.rules import DocumentRun

CONFIDENCE = 0.7
_ROLES = ("dobj", "nsubjpass")


def refs(run: DocumentRun, doc_index: int, token: Token, sentence: int) -> list[relations.Ref]:
    """The plural document a bare "one" stands for, or nothing."""
    if token.lower_ != "one" or token.dep_ not in _ROLES or token.pos_ not in ("NUM", "PRON", "NOUN"):
        return []
    if any(True for _ in token.children if _.dep_ in ("prep", "compound", "amod", "det")):
        return []  # "one of the reports", "the one", "a new one": not the bare anaphor
    report = reports.pronoun_report(run.reports, sentence, token.i, doc_index)
    if report is None or report.mention.node is None or report.head.tag_ not in ("NNS", "NNPS"):
        return []
    return [relations.Ref(run.add_node(report.mention.node), CONFIDENCE, token)]

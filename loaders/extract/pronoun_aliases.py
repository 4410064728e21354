"""An unnamed report is also called what the text calls it through a pronoun: "its report", "our most
recent report", "its April 2015 report", "this investigation".

An inspector general's summary or a GAO testimony rarely names its own earlier work; it writes "its
report" or "our March 2007 report". The node is named by its noun and modifiers ("study", "investigation");
the phrase as written is what a reader searches for, so it becomes an alias. A phrase with a noun possessor
("the FBI's investigation") is kept already (`reports._possessed`, for correspondence) or names the node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.extract.descriptions import about_phrases
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from spacy.tokens import Token

    from loaders.extract.reports import ReportCluster

POINTING = frozenset({"this", "these"})


def add_aliases(clusters: list[ReportCluster]) -> None:
    """Each unnamed cluster's pronoun-owned or pointed-at mentions, as written, become aliases, both short
    and with what the report is about ("our report on improper hiring in the Records Office"): the whole
    noun phrase is what a reader names the report by."""
    for cluster in clusters:
        node = cluster.node
        if node is None or cluster.named:
            continue
        for report in cluster.mentions:
            written = _written(report.head)
            if not written:
                continue
            found = [written, *(f"{written} {phrase}" for phrase in about_phrases(report.head))]
            for alias in found:
                if alias not in node.aliases and alias != node.name:
                    node.aliases.append(alias)


def _written(head: Token) -> str | None:
    """ "its April 2015 report" (the pronoun up to the noun), "this investigation"; else None."""
    owner = next(
        (c for c in head.children if c.i < head.i and c.dep_ in ("poss", "det") and _pronoun(c)),
        None,
    )
    if owner is None:
        return None
    return " ".join(t.text for t in head.doc[owner.i : head.i + 1])


def _pronoun(token: Token) -> bool:
    lower = token.lower_
    return (token.dep_ == "poss" and lower in LEX.possessive_pronouns) or (token.dep_ == "det" and lower in POINTING)

"""The owner of a document as its sender when a passive flow verb names no one else: "the inspectorate's
report was sent to the minister in 2011" says the inspectorate sent it (as "X's email to Y" already does)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from loaders.extract import relations
from loaders.extract.lexicon import LEX
from loaders.extract.reports import ReportMention


def passive_sender(
    report: ReportMention, target: relations.Ref, refs: Callable[[Token], list[relations.Ref]]
) -> list[relations.RawClaim]:
    """SENT from the possessor of a document that is the subject of a passive SENT verb with no by-agent."""
    head, verb = report.head, report.head.head
    frame = LEX.frames.get(verb.lemma_.lower())
    if head.dep_ != "nsubjpass" or frame is None or frame.claim != "SENT":
        return []
    if any(c.dep_ == "agent" for c in verb.children) or relations.is_negated_or_hedged(verb):
        return []
    named = report.cluster.sender if report.cluster else None  # "the charity's letter", a letter from its officer
    return [
        relations.RawClaim("SENT", owner, target, verb, min(0.75, owner.confidence), "report.possessive.sent.passive")
        for child in head.children
        if child.dep_ == "poss" and child.lower_ not in LEX.possessive_pronouns
        for owner in refs(child)
        if owner.node.label in ("Agency", "Person") and named in (None, owner.node.name)
    ]

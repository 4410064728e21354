"""A body that sends "a report" wrote it: "the VA, which conducted an investigation and sent a report to OSC
on June 20, 2017". An indefinite report with no owner and no author of its own ("a report", not "the
inspector's report", "a copy of the report" or "a report by X") is introduced by its sender, so the sender
is its author too. A person sending "a report" may be passing on another's, so only bodies count."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract import relations
from loaders.extract.lexicon import LEX

_REPORT_NOUNS = frozenset({"report"})
_OWNERS = ("poss", "compound", "nmod")


def _unowned_new_report(token: Token) -> bool:
    """ "a report" with no owner, no named author ("by X") and no "of" (a copy, a summary of another)."""
    return (
        token.lemma_.lower() in _REPORT_NOUNS
        and any(c.dep_ == "det" and c.lower_ in LEX.indefinite_determiners for c in token.children)
        and not any(c.dep_ in _OWNERS for c in token.children)
        and not relations.prep_objects(token, {"by", "of", "from"})
    )


def authored_by_sender(claims: list[relations.RawClaim]) -> list[relations.RawClaim]:
    """AUTHORED claims for the bodies that SENT a new, unowned report."""
    return [
        relations.RawClaim("AUTHORED", c.subject, c.object, c.verb, c.confidence, "report.sent.author")
        for c in claims
        if c.type == "SENT"
        and c.polarity == relations.ASSERTED
        and c.subject.node.label == "Agency"
        and c.object.node.label == "Report"
        and _unowned_new_report(c.object.token)
        and not relations.prep_objects(c.verb, {"by"})  # the parser may hang "a report by X" on the verb
    ]

"""Receipt stated as a noun: "The Committee is in receipt of the two letters", "Upon receipt of the report, the
Department opened an inquiry". Formal letters and reports say a party received a document by "being in receipt
of" it or by acting "on / upon receipt of" it; the party is the subject of the clause the phrase belongs to.
The receiving is dated and denied as that clause is ("is not yet in receipt of" gives nothing)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Token

from loaders.extract import relations

RefsOf = Callable[[Token], Iterable[relations.Ref]]
RULE = "receipt_phrase"
RECEIPT_PREPOSITIONS = frozenset({"in", "on", "upon", "after", "following"})  # "in receipt of", "upon receipt of"
CONFIDENCE = 0.75


def receiving_clause(head: Token) -> Token | None:
    """The verb whose subject received the document `head`: "is" in "X is in receipt of D", "opened" in "Upon
    receipt of D, X opened ..."; None when `head` is not the object of such a receipt phrase."""
    of = head.head if head.dep_ == "pobj" else None
    receipt = of.head if of is not None and of.lower_ == "of" and of.dep_ == "prep" else None
    if receipt is None or receipt.lemma_.lower() != "receipt" or receipt.dep_ != "pobj":
        return None
    prep = receipt.head
    if prep.lower_ not in RECEIPT_PREPOSITIONS or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = prep.head
    if prep.lower_ == "in" and verb.lemma_.lower() not in ("be", "remain"):
        return None  # "in receipt of" says receiving only after "is / remains"
    return verb


def receipt_claims(head: Token, target: relations.Ref, refs: RefsOf) -> list[relations.RawClaim]:
    """RECEIVED by the subject of the clause a receipt phrase about the document `head` belongs to."""
    verb = receiving_clause(head)
    if verb is None or relations.is_negated_or_hedged(verb):
        return []
    return [
        relations.RawClaim("RECEIVED", subject, target, verb, min(CONFIDENCE, subject.confidence), RULE)
        for subject in (r for s in relations.subjects_of(verb) for r in refs(s))
        if subject.node.label in ("Agency", "Person")
    ]

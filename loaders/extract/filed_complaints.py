"""Formal complaints are documents: "EPA also filed administrative complaints on October 7", "the FTC's complaint
asks the court to freeze the defendants' assets", "Ann Lee lodged a complaint with the Northshire Ombudsman".

"Complaint" is otherwise information ("received complaints about T", `information` in nominals.yaml): what its
recipient comes to know, not a document. A complaint filed or lodged (`complaint_filing_verbs` in verbs.yaml), or
one a named body owns ("the FTC's complaint": an agency's pleading in court; not a person's), is a document its filer wrote and
sent; the body it was filed with (a `with` / `to` object) received it. The noun is `formal_complaints` in
nominals.yaml, with its frame under `documents`."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from loaders.extract import relations
from loaders.extract.lexicon import LEX
from loaders.extract.trigger_words import triggered_by

RULE = "complaint.filed"
PARTIES = ("Agency", "Person")
RECIPIENT_PREPOSITIONS = frozenset(
    {"with", "to"}
)  # "lodged a complaint with the Ombudsman", "filed a complaint to the court"


def _filed(token: Token) -> bool:
    """The object of a past, active filing verb ("filed a complaint", "filed administrative complaints")."""
    verb = token.head
    return (
        token.dep_ == "dobj"
        and verb.lemma_.lower() in LEX.complaint_filing_verbs
        and verb.tag_ in ("VBD", "VBN")
        and bool(relations.children_of(verb, "nsubj"))
    )


def _owned_by_name(token: Token) -> bool:
    """ "the FTC's complaint", "the Commission's complaint": a body named as possessor (an agency's pleading);
    "their complaint", "the tenant's complaint" or "Mrs P's complaint" (a person's, which may never have been
    written down) stays information."""
    return any(c.dep_ == "poss" and c.pos_ == "PROPN" and c.ent_type_ == "ORG" for c in token.children)


def is_filed_complaint(token: Token) -> bool:
    """A formal complaint noun, filed or owned by a named body (see the module docstring)."""
    if token.lemma_.lower() not in LEX.formal_complaints or token.pos_ != "NOUN":
        return False
    return _filed(token) or _owned_by_name(token)


@triggered_by(lambda: LEX.complaint_filing_verbs, lambda: LEX.formal_complaints)
def filing_claims(verb: Token, refs: relations.RefsOf) -> Iterator[relations.RawClaim]:
    """AUTHORED and SENT by the filer of a formal complaint, RECEIVED by the body it was filed with."""
    if verb.lemma_.lower() not in LEX.complaint_filing_verbs:
        return
    complaints = [o for o in relations.children_of(verb, "dobj") if is_filed_complaint(o)]
    if not complaints or relations.statement_mood(verb) != relations.ASSERTED:
        return
    # the verb's own subject phrase: names listed before it ("In addition to the Orders issued to X and Y, EPA
    # filed ...", which the word-order coordination joins to it) filed nothing
    filers = [
        r
        for s in relations.children_of(verb, "nsubj")
        for r in refs(s)
        if r.node.label in PARTIES and s.left_edge.i <= r.token.i <= s.right_edge.i
    ]
    receivers = [r for o in relations.prep_objects(verb, RECIPIENT_PREPOSITIONS) for r in refs(o)]
    for complaint in (r for c in complaints for r in refs(c) if r.node.label == "Report"):
        for filer in filers:
            confidence = min(0.75, filer.confidence, complaint.confidence)
            yield relations.RawClaim("AUTHORED", filer, complaint, verb, confidence, RULE)
            yield relations.RawClaim("SENT", filer, complaint, verb, confidence, RULE)
        for receiver in (r for r in receivers if r.node.label == "Agency"):
            confidence = min(0.75, receiver.confidence, complaint.confidence)
            yield relations.RawClaim("RECEIVED", receiver, complaint, verb, confidence, RULE + ".recipient")

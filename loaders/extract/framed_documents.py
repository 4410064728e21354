"""Documents known by a noun that is talk by itself: "the evidence suggests", "the response to the crisis"
name no document, but "the Home Secretary's evidence to the Home Affairs Committee", "legal advice from
Treasury Solicitors" and "a response to the Senate Committee" name one, because a party is the object of
one of its frame's prepositions. Such nouns are `framed_documents` in nominals.yaml, each with its frame
under `documents`; the frame's claims are then read as for any document noun
(`RuleExtractor._report_phrase_claims`).

"has taken legal advice from X" (`document_taking_verbs`): the subject RECEIVED it, and X, which the parser
often hangs on the verb, gave it (AUTHORED, or SENT for a correspondence noun)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from loaders.extract import relations
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.extract.mentions import DocumentParse

PARTY_KINDS = frozenset({"agency", "person", "role", "generic"})
TAKING_RULE = "report.taken"
RefsOf = Callable[[Token], Iterable[relations.Ref]]


def _holders(token: Token) -> list[Token]:
    """The noun, and the verb the parser may hang its "from X" on ("received observations from X")."""
    holders = [token]
    if token.dep_ in ("dobj", "nsubjpass") and (
        token.head.lemma_.lower() in LEX.receiving_verbs or token.head.lemma_.lower() in LEX.document_taking_verbs
    ):
        holders.append(token.head)
    return holders


def _is_party(parse: DocumentParse, doc_index: int, token: Token) -> bool:
    """The token, or a name word before it ("Treasury Solicitors", NER marking only "Treasury"), is a party."""
    names = token.pos_ == "PROPN"  # "the Boston Globe article" is a document, not its newspaper
    words = [token, *(c for c in token.lefts if names and c.dep_ == "compound")]
    return any((m := parse.at(doc_index, w)) is not None and m.kind in PARTY_KINDS for w in words)


def is_framed_document(parse: DocumentParse, doc_index: int, token: Token) -> bool:
    """A framed-document noun whose frame complement is a body, person or office. A possessor alone is not
    enough: "the VA's initial sluggish response to the allegations" is conduct, not a document."""
    lemma = token.lemma_.lower()
    if lemma not in LEX.framed_documents or token.pos_ != "NOUN":
        return False
    preps = {p for p, _ in LEX.document(lemma).prepositions}
    return any(
        prep.dep_ == "prep" and prep.lower_ in preps and (holder is token or prep.i > token.i)
        for holder in _holders(token)
        for prep in holder.children
        if any(o.dep_ == "pobj" and _is_party(parse, doc_index, o) for o in prep.children)
    )


def taken_claims(head: Token, target: relations.Ref, refs: RefsOf) -> list[relations.RawClaim]:
    """ "The Chief Inspector has taken legal advice from Treasury Solicitors": the subject RECEIVED it and
    the giver on the verb wrote it (sent it, for correspondence); nothing when the taking is not asserted."""
    lemma = head.lemma_.lower()
    if lemma not in LEX.framed_documents or head.dep_ != "dobj":
        return []
    verb = head.head
    if verb.lemma_.lower() not in LEX.document_taking_verbs or relations.is_negated_or_hedged(verb):
        return []
    found = []
    for subject in (r for s in relations.subjects_of(verb) for r in refs(s)):
        if subject.node.label in ("Agency", "Person"):
            confidence = min(0.7, subject.confidence)
            found.append(relations.RawClaim("RECEIVED", subject, target, verb, confidence, TAKING_RULE))
    frame = LEX.document(lemma)
    giving = "SENT" if lemma in LEX.correspondence else "AUTHORED"
    givers = frame.preps("sender") | frame.preps("author")
    for giver in (r for o in relations.prep_objects(verb, givers) for r in refs(o)):
        if giver.node.label in ("Agency", "Person"):
            found.append(relations.RawClaim(giving, giver, target, verb, min(0.7, giver.confidence), TAKING_RULE))
    return found

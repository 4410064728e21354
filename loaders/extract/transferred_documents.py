"""Documents known by what a flow moves: "issued a subpoena to X", "submitted a Notice of Compliance to the
court", "received an alert from the OIG", "the observations were sent to the Committee".

Nouns such as order, notice, alert or statement are talk, acts or phrases by themselves ("in order to",
"took notice", "a public statement of intent"), so they are no document nouns. But the thing a sending,
providing, submitting, receiving, issuing or enclosing verb moves is a document: such a noun, as the verb's
direct object (or its passive subject), is one. The nouns are `transferred_documents` in nominals.yaml, each
with its frame under `documents`; the verbs are those whose frame draws SENT, RECEIVED or PUBLISHED (verbs.yaml)
and the lexicon's receiving and enclosing verbs. The flow itself is then read as for any document
(`relations.verb_claims`)."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.lexicon import LEX

MOVING_CLAIMS = frozenset({"SENT", "RECEIVED", "PUBLISHED"})


def _moves_documents(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    frame = LEX.frames.get(lemma)
    return (
        (frame is not None and frame.claim in MOVING_CLAIMS)
        or lemma in LEX.receiving_verbs
        or lemma in LEX.enclosing_verbs
    )


def is_transferred_document(token: Token) -> bool:
    """A `transferred_documents` noun that a flow verb moves: its object ("sent its observations"), its passive
    subject ("an alert was issued"), or a noun coordinated with one ("a notice and an order")."""
    if token.lemma_.lower() not in LEX.transferred_documents or token.pos_ not in ("NOUN", "PROPN"):
        return False
    while token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN"):
        token = token.head
    return token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB" and _moves_documents(token.head)

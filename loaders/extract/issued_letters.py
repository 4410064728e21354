"""Issuing a letter is sending it, even when the text does not say to whom.

"The Chief Inspector issued an Urgent Notification within days": a notification is correspondence
(nominals.yaml genre), written to someone, so issuing it is a SENT, as "issued an Urgent Notification
to the Secretary of State" already was; "issued a report" stays a publication, and so does issuing a named document ("issued the Linfield Memo")."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.lexicon import LEX


def _correspondence(word: str) -> bool:
    return word in LEX.correspondence or word.endswith("s") and word[:-1] in LEX.correspondence


def _unnamed(token: Token) -> bool:
    """ "an Urgent Notification", "a letter", "letters": not a named document ("the Linfield Memo" issued is
    published, as "issued the report" is)."""
    dets = [c.lower_ for c in token.children if c.dep_ == "det"]
    return any(d in LEX.indefinite_determiners for d in dets) or not dets and token.tag_ in ("NNS", "NNPS")


def issues_correspondence(objects: list[Token]) -> bool:
    """True when what is issued is an unnamed piece of correspondence ("a letter", "an Urgent Notification")."""
    return any((_correspondence(o.lemma_.lower()) or _correspondence(o.lower_)) and _unnamed(o) for o in objects)

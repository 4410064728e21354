"""Letters sent are particular letters: "OSC today sent letters to the President and Congress". A bare plural
document noun is usually no particular set ("reports show", "letters are answered within 20 days"), but one
a named sender sent, in a past or perfect clause, is the set of documents that went: a Report like "the
letters" (`reports._unnamed`). Present and future sending ("sends letters to residents every year") stays
generic, as do hedged or negated ones."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract import relations
from loaders.extract.lexicon import LEX

_PAST = ("VBD", "VBN")


def is_sent_set(token: Token) -> bool:
    """A bare plural correspondence noun that is the object of a past sending verb with a subject."""
    if token.tag_ not in ("NNS", "NNPS") or token.lemma_.lower() not in LEX.correspondence or token.dep_ != "dobj":
        return False
    verb = token.head
    frame = LEX.frames.get(verb.lemma_.lower())
    return (
        frame is not None
        and frame.claim == "SENT"
        and verb.tag_ in _PAST
        and bool(relations.subjects_of(verb))
        and not relations.is_negated_or_hedged(verb)
    )
